"""The public profile as the HR advisor keeps it: a draft of texts and choices, its preview, and
publishing it (the public page shows the version last published)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programme.scoping import OrgContext, org_view
from recognition import selectors, services
from recognition.forms import ProfileForm


@org_view(hr_only=True)
def profile_edit(request, ctx: OrgContext):
    profile = selectors.profile_of(organisation=ctx.organisation)
    form = ProfileForm(request.POST or None, instance=profile, organisation=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.profile_save(
            organisation=ctx.organisation,
            fields=form.profile_fields(),
            actions=list(data["actions"]),
            partners=list(data["partners"]),
        )
        if profile.is_published:
            message = _(
                "The draft has been saved. The public page shows it only once you publish it."
            )
        else:
            message = _("The draft has been saved. Check it below, then publish it.")
        messages.success(request, message)
        return redirect("recognition:profile_preview", slug=ctx.organisation.slug)
    return render(
        request, "recognition/profile_form.html", {"ctx": ctx, "form": form, "profile": profile}
    )


@org_view()
def profile_preview(request, ctx: OrgContext):
    """The profile as the public will see it, published or not, for the organisation's members."""
    profile = selectors.profile_of(organisation=ctx.organisation)
    page = selectors.profile_page(profile=profile, today=timezone.localdate(), published=False)
    return render(
        request,
        "recognition/profile_preview.html",
        {
            "ctx": ctx,
            "page": page,
            "profile": profile,
            "has_changes": selectors.has_unpublished_changes(profile),
        },
    )


@org_view(hr_only=True)
@require_POST
def profile_publish(request, ctx: OrgContext):
    publish = request.POST.get("publish") == "1"
    services.profile_publish(
        organisation=ctx.organisation, publish=publish, today=timezone.localdate()
    )
    if publish:
        messages.success(request, _("The profile is published: anyone sees this version now."))
    else:
        messages.success(request, _("The profile is no longer public."))
    return redirect("recognition:profile_preview", slug=ctx.organisation.slug)
