"""The employer's side of following, under /o/<slug>/ondersteuning/: which support
organisations read along, the record of every start and end, and HR's choices (invite, accept a
request, decline it, end a following at any time)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programme.scoping import OrgContext, org_view
from support import access, following_selectors, services
from support.forms_following import FollowingInviteForm
from support.models import FollowingSide, FollowingState
from support.services import SupportError


def _to_overview(ctx: OrgContext):
    return redirect("employer_support:overview", slug=ctx.organisation.slug)


@org_view()
def overview(request, ctx: OrgContext):
    return render(
        request,
        "support/employer/overview.html",
        {
            "ctx": ctx,
            "followings": following_selectors.followings_of_employer(organisation=ctx.organisation),
        },
    )


@org_view(hr_only=True)
def invite(request, ctx: OrgContext):
    form = FollowingInviteForm(
        request.POST or None, queryset=following_selectors.support_organisations_to_invite()
    )
    if request.method == "POST" and form.is_valid():
        support_organisation = form.cleaned_data["support_organisation"]
        try:
            services.following_invite(
                organisation=ctx.organisation,
                support_organisation=support_organisation,
                by=request.user,
            )
        except SupportError as error:
            form.add_error("support_organisation", str(error))
        else:
            messages.success(
                request,
                _("%(name)s has been invited. They read along once they accept.")
                % {"name": support_organisation.name},
            )
            return _to_overview(ctx)
    return render(request, "support/employer/invite.html", {"ctx": ctx, "form": form})


@org_view(hr_only=True)  # outermost, so that outsiders get 404 before anything else
@require_POST
def accept(request, ctx: OrgContext, pk: int):
    """HR accepts a support organisation's request to read along."""
    following = access.following_of_employer_for(ctx.organisation, pk)
    try:
        services.following_accept(following=following, by=request.user, side=FollowingSide.EMPLOYER)
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s now reads along with your programme.")
            % {"name": following.support_organisation.name},
        )
    return _to_overview(ctx)


@org_view(hr_only=True)
@require_POST
def decline(request, ctx: OrgContext, pk: int):
    """HR turns down a support organisation's request."""
    following = access.following_of_employer_for(ctx.organisation, pk)
    try:
        services.following_decline(
            following=following, by=request.user, side=FollowingSide.EMPLOYER
        )
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You have declined the request of %(name)s.")
            % {"name": following.support_organisation.name},
        )
    return _to_overview(ctx)


@org_view(hr_only=True)
def end(request, ctx: OrgContext, pk: int):
    """Ask first what ends, then end the following on HR's POST."""
    following = access.following_of_employer_for(ctx.organisation, pk)
    if following.state != FollowingState.ACTIVE:
        messages.error(request, _("This following has already ended."))
        return _to_overview(ctx)
    if request.method == "POST":
        try:
            services.following_end(
                following=following, by=request.user, side=FollowingSide.EMPLOYER
            )
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s no longer reads along with your programme.")
                % {"name": following.support_organisation.name},
            )
        return _to_overview(ctx)
    return render(request, "support/employer/end.html", {"ctx": ctx, "following": following})
