"""The support organisation's side of following, under /s/<slug>/: the employers it follows
(and followed) with their record, answering an employer's invitation, ending a following, and
asking an employer to let it read along."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from support import access, following_selectors, services
from support.forms_following import FollowingRequestForm
from support.models import FollowingSide, FollowingState
from support.scoping import SupportContext, support_view
from support.services import SupportError


def _to_list(sctx: SupportContext):
    return redirect("support:followings", slug=sctx.support_organisation.slug)


@support_view()
def followings(request, sctx: SupportContext):
    return render(
        request,
        "support/following/list.html",
        {
            "sctx": sctx,
            "followings": following_selectors.followings_of_support(
                support_organisation=sctx.support_organisation
            ),
        },
    )


@support_view()
@require_POST
def following_accept(request, sctx: SupportContext, pk: int):
    """Accept an employer's invitation: from now on its support advisors read along."""
    following = access.following_of_support_for(sctx, pk)
    try:
        services.following_accept(following=following, by=request.user, side=FollowingSide.SUPPORT)
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You now read along with %(name)s.") % {"name": following.organisation.name},
        )
    return _to_list(sctx)


@support_view()
@require_POST
def following_decline(request, sctx: SupportContext, pk: int):
    following = access.following_of_support_for(sctx, pk)
    try:
        services.following_decline(following=following, by=request.user, side=FollowingSide.SUPPORT)
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You have declined the invitation of %(name)s.")
            % {"name": following.organisation.name},
        )
    return _to_list(sctx)


@support_view()
def following_end(request, sctx: SupportContext, pk: int):
    """Ask first what ends, then stop reading along on the POST."""
    following = access.following_of_support_for(sctx, pk)
    if following.state != FollowingState.ACTIVE:
        messages.error(request, _("This following has already ended."))
        return _to_list(sctx)
    if request.method == "POST":
        try:
            services.following_end(following=following, by=request.user, side=FollowingSide.SUPPORT)
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("You no longer read along with %(name)s.")
                % {"name": following.organisation.name},
            )
        return _to_list(sctx)
    return render(request, "support/following/end.html", {"sctx": sctx, "following": following})


@support_view()
def following_request(request, sctx: SupportContext):
    """Ask an employer, found by an HR advisor's address, to let the support organisation read
    along. The answer is the same whether or not the address is on the platform."""
    form = FollowingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.following_request_by_email(
            support_organisation=sctx.support_organisation,
            email=form.cleaned_data["email"],
            by=request.user,
        )
        messages.success(
            request,
            _(
                "Thank you. If %(email)s is the address of an HR advisor on the platform, "
                "their organisation now sees your request. You will find the employer here once "
                "they accept it."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return _to_list(sctx)
    return render(request, "support/following/request.html", {"sctx": sctx, "form": form})
