"""The organisation's own settings and its logo."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from programme import services
from programme.forms import OrganisationForm
from programme.images import logo_response
from programme.scoping import OrgContext, org_view
from programme.sections import sections_for


@org_view(followers=True)
def organisation_detail(request, ctx: OrgContext):
    # Other apps' sections (the calendar link for HR advisors: notifications.apps).
    sections = sections_for("programme:organisation", ctx, timezone.localdate())
    return render(request, "programme/organisation_detail.html", {"ctx": ctx, "sections": sections})


@org_view(hr_only=True)
def organisation_edit(request, ctx: OrgContext):
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(organisation=ctx.organisation, fields=form.cleaned_data)
        messages.success(request, _("The organisation's details have been saved."))
        return redirect("programme:organisation", slug=ctx.organisation.slug)
    return render(request, "programme/organisation_form.html", {"ctx": ctx, "form": form})


@org_view(followers=True)
def organisation_logo(request, ctx: OrgContext):
    """Serve the logo to members only; uploaded files are never public by their path."""
    return logo_response(ctx.organisation, cache_control="private, max-age=3600")
