"""The one way to find a support organisation's objects for a request, and whom a support
advisor follows. Anything the user may not reach answers 404, as an unknown object does."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from programme.models import Organisation
from support.invitations import token_hash
from support.models import (
    Contact,
    EmployerInvitation,
    Following,
    FollowingState,
    Offering,
    Prospect,
    SupportMembership,
)
from support.scoping import SupportContext


def followed_organisation(user, slug: str) -> Organisation | None:
    """The employer `slug` when one of the user's support organisations follows it right now.

    Read on every request, so that an ended following shuts every page at once."""
    following = (
        Following.objects.select_related("organisation")
        .filter(
            organisation__slug=slug,
            state=FollowingState.ACTIVE,
            support_organisation__memberships__user=user,
        )
        .first()
    )
    return following.organisation if following else None


def prospect_for(sctx: SupportContext, pk: int) -> Prospect:
    return get_object_or_404(
        Prospect.objects.select_related("organisation", "owner"),
        pk=pk,
        support_organisation=sctx.support_organisation,
    )


def contact_for(sctx: SupportContext, pk: int) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related("prospect"),
        pk=pk,
        prospect__support_organisation=sctx.support_organisation,
    )


def support_membership_for(sctx: SupportContext, pk: int) -> SupportMembership:
    """A membership of this support organisation, for the coordinator's members page."""
    return get_object_or_404(
        SupportMembership.objects.select_related("user"),
        pk=pk,
        support_organisation=sctx.support_organisation,
    )


def offering_for(sctx: SupportContext, pk: int) -> Offering:
    return get_object_or_404(Offering, pk=pk, support_organisation=sctx.support_organisation)


def following_of_support_for(sctx: SupportContext, pk: int) -> Following:
    """A following of this support organisation (asked, active or ended)."""
    return get_object_or_404(
        Following.objects.select_related("organisation"),
        pk=pk,
        support_organisation=sctx.support_organisation,
    )


def following_of_employer_for(organisation: Organisation, pk: int) -> Following:
    """A following of this employer, for its HR advisors' pages."""
    return get_object_or_404(
        Following.objects.select_related("support_organisation"),
        pk=pk,
        organisation=organisation,
    )


def followed_employer_for(sctx: SupportContext, slug: str) -> Organisation:
    """An employer this support organisation follows right now."""
    return get_object_or_404(
        Organisation,
        slug=slug,
        followings__support_organisation=sctx.support_organisation,
        followings__state=FollowingState.ACTIVE,
    )


def offering_for_employer(organisation: Organisation, pk: int) -> Offering:
    """An active offer of a support organisation that follows this employer right now."""
    return get_object_or_404(
        Offering.objects.select_related("support_organisation"),
        pk=pk,
        is_active=True,
        support_organisation__followings__organisation=organisation,
        support_organisation__followings__state=FollowingState.ACTIVE,
    )


def invitation_for_token(token: str) -> EmployerInvitation:
    """The open invitation whose link carries `token`; 404 for an unknown, used or expired one."""
    return get_object_or_404(
        EmployerInvitation.objects.select_related("prospect__support_organisation", "invited_by"),
        token_hash=token_hash(token),
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
