"""Writes of the support app that more than one area uses: starting and ending a following.

Every start and end is recorded as a FollowingEvent in the same transaction. Domain rules raise
SupportError with a message for the user."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programme.models import Organisation
from support.models import (
    Following,
    FollowingEvent,
    FollowingEventKind,
    FollowingState,
    SupportOrganisation,
)


class SupportError(Exception):
    """A domain rule refused the change; the message is for the user."""


def _record(following: Following, kind: str, by) -> None:
    FollowingEvent.objects.create(
        following=following,
        kind=kind,
        at=timezone.now(),
        by=by,
        by_name=by.display_name if by is not None else "",
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
    _record(following, FollowingEventKind.INVITED, by)
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
    _record(following, FollowingEventKind.REQUESTED, by)
    return following


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
    _record(following, FollowingEventKind.ACCEPTED, by)
    return following


def _locked(following: Following) -> Following:
    return Following.objects.select_for_update().get(pk=following.pk)


@transaction.atomic
def following_accept(*, following: Following, by) -> Following:
    """The other side accepts: the support organisation an invitation, the employer a request."""
    following = _locked(following)
    if following.state not in (FollowingState.INVITED, FollowingState.REQUESTED):
        raise SupportError(_("There is nothing to accept here any more."))
    following.state = FollowingState.ACTIVE
    following.started_at = timezone.now()
    following.save(update_fields=["state", "started_at"])
    _record(following, FollowingEventKind.ACCEPTED, by)
    return following


@transaction.atomic
def following_decline(*, following: Following, by) -> Following:
    """Either side turns down an open invitation or request."""
    following = _locked(following)
    if following.state not in (FollowingState.INVITED, FollowingState.REQUESTED):
        raise SupportError(_("There is nothing to decline here any more."))
    following.state = FollowingState.ENDED
    following.ended_at = timezone.now()
    following.save(update_fields=["state", "ended_at"])
    _record(following, FollowingEventKind.DECLINED, by)
    return following


@transaction.atomic
def following_end(*, following: Following, by) -> Following:
    """End an active following (the employer may at any time; the support organisation too).

    From the next request on the support advisors reach none of the employer's pages."""
    following = _locked(following)
    if following.state != FollowingState.ACTIVE:
        raise SupportError(_("This following has already ended."))
    following.state = FollowingState.ENDED
    following.ended_at = timezone.now()
    following.save(update_fields=["state", "ended_at"])
    _record(following, FollowingEventKind.ENDED, by)
    return following
