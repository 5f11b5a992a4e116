"""Writes of the support app that more than one area uses: starting and ending a following.

Every start and end is recorded as a FollowingEvent in the same transaction. Domain rules raise
SupportError with a message for the user."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.keys import login_key
from programme.models import Membership, Organisation, Role
from support.models import (
    Following,
    FollowingEvent,
    FollowingEventKind,
    FollowingSide,
    FollowingState,
    SupportOrganisation,
)

# Which open following each side may accept or decline: the one the other side asked for.
ASKED_OF = {
    FollowingSide.EMPLOYER: FollowingState.REQUESTED,
    FollowingSide.SUPPORT: FollowingState.INVITED,
}


class SupportError(Exception):
    """A domain rule refused the change; the message is for the user."""


def _record(following: Following, kind: str, by, side: str) -> None:
    FollowingEvent.objects.create(
        following=following,
        kind=kind,
        at=timezone.now(),
        by=by,
        by_name=by.display_name if by is not None else "",
        side=side,
    )


def _open(*, support_organisation: SupportOrganisation, organisation: Organisation, state: str, by):
    try:
        with transaction.atomic():
            following = Following.objects.create(
                support_organisation=support_organisation,
                organisation=organisation,
                state=state,
                started_at=timezone.now() if state == FollowingState.ACTIVE else None,
            )
    except IntegrityError:
        raise SupportError(
            _("%(support)s already follows %(employer)s, or has been asked to.")
            % {"support": support_organisation.name, "employer": organisation.name}
        ) from None
    return following


@transaction.atomic
def following_invite(
    *, organisation: Organisation, support_organisation: SupportOrganisation, by
) -> Following:
    """The employer's HR advisor asks a support organisation to follow it."""
    following = _open(
        support_organisation=support_organisation,
        organisation=organisation,
        state=FollowingState.INVITED,
        by=by,
    )
    _record(following, FollowingEventKind.INVITED, by, FollowingSide.EMPLOYER)
    return following


@transaction.atomic
def following_request(
    *, support_organisation: SupportOrganisation, organisation: Organisation, by
) -> Following:
    """A support organisation asks an employer on the platform to let it follow."""
    following = _open(
        support_organisation=support_organisation,
        organisation=organisation,
        state=FollowingState.REQUESTED,
        by=by,
    )
    _record(following, FollowingEventKind.REQUESTED, by, FollowingSide.SUPPORT)
    return following


def following_request_by_email(
    *, support_organisation: SupportOrganisation, email: str, by
) -> Following | None:
    """Ask the employer of the HR advisor with this e-mail address to let the support
    organisation follow it.

    The caller learns nothing from it: whether the address has an account, is an HR advisor of
    one organisation, of several (then nobody is asked, since the address names no one employer)
    or the employer was asked before, the support advisor gets the same answer. The Following is
    returned for tests and the shell only; views must not tell its value apart."""
    organisation_ids = set(
        Membership.objects.filter(user__email_key=login_key(email), role=Role.HR).values_list(
            "organisation_id", flat=True
        )
    )
    if len(organisation_ids) != 1:
        return None
    organisation = Organisation.objects.get(pk=organisation_ids.pop())
    try:
        return following_request(
            support_organisation=support_organisation, organisation=organisation, by=by
        )
    except SupportError:
        return None  # already asked, invited or following: the same answer as for a stranger


@transaction.atomic
def following_start(
    *, support_organisation: SupportOrganisation, organisation: Organisation, by
) -> Following:
    """Start a following at once: the employer chose it by accepting an invitation to the
    platform from this support organisation."""
    following = _open(
        support_organisation=support_organisation,
        organisation=organisation,
        state=FollowingState.ACTIVE,
        by=by,
    )
    _record(following, FollowingEventKind.ACCEPTED, by, FollowingSide.EMPLOYER)
    return following


def _locked(following: Following) -> Following:
    return Following.objects.select_for_update().get(pk=following.pk)


def _answering_side(following: Following, side: str | None, refusal: str) -> str:
    """The side that accepts or declines: `side` when given (then only what the other side
    asked for), else the side that was asked."""
    if following.state not in (FollowingState.INVITED, FollowingState.REQUESTED):
        raise SupportError(refusal)
    if side is None:
        return (
            FollowingSide.SUPPORT
            if following.state == FollowingState.INVITED
            else FollowingSide.EMPLOYER
        )
    if ASKED_OF[side] != following.state:
        raise SupportError(_("The other side decides on this; you can wait for their answer."))
    return side


@transaction.atomic
def following_accept(*, following: Following, by, side: str | None = None) -> Following:
    """The other side accepts: the support organisation an invitation, the employer a request.

    With `side`, only the one the other side asked for (ASKED_OF)."""
    following = _locked(following)
    side = _answering_side(following, side, _("There is nothing to accept here any more."))
    following.state = FollowingState.ACTIVE
    following.started_at = timezone.now()
    following.save(update_fields=["state", "started_at"])
    _record(following, FollowingEventKind.ACCEPTED, by, side)
    return following


@transaction.atomic
def following_decline(*, following: Following, by, side: str | None = None) -> Following:
    """Either side turns down an open invitation or request (with `side`: the other side's)."""
    following = _locked(following)
    side = _answering_side(following, side, _("There is nothing to decline here any more."))
    following.state = FollowingState.ENDED
    following.ended_at = timezone.now()
    following.save(update_fields=["state", "ended_at"])
    _record(following, FollowingEventKind.DECLINED, by, side)
    return following


@transaction.atomic
def following_end(*, following: Following, by, side: str = FollowingSide.PLATFORM) -> Following:
    """End an active following (the employer may at any time; the support organisation too;
    platform staff in the admin).

    From the next request on the support advisors reach none of the employer's pages."""
    following = _locked(following)
    if following.state != FollowingState.ACTIVE:
        raise SupportError(_("This following has already ended."))
    following.state = FollowingState.ENDED
    following.ended_at = timezone.now()
    following.save(update_fields=["state", "ended_at"])
    _record(following, FollowingEventKind.ENDED, by, side)
    return following
