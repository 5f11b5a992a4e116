"""Reads of the followings: the employer's overview and the support organisation's list."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from programme.models import Organisation
from support.models import (
    Following,
    FollowingEvent,
    FollowingEventKind,
    FollowingState,
    SupportOrganisation,
)


def _with_record(followings: QuerySet) -> QuerySet:
    return followings.prefetch_related(
        Prefetch("events", queryset=FollowingEvent.objects.order_by("at", "pk"))
    )


@dataclass(frozen=True)
class EmployerFollowings:
    active: list[Following]
    # Asked and not answered yet: the employer's invitations and the support organisations'
    # requests.
    invited: list[Following]
    requested: list[Following]
    # Every following ever, newest first, each with its events: the record.
    record: list[Following]


def followings_of_employer(*, organisation: Organisation) -> EmployerFollowings:
    followings = list(
        _with_record(
            Following.objects.filter(organisation=organisation).select_related(
                "support_organisation"
            )
        ).order_by("-created_at", "-pk")
    )
    by_state = {state: [f for f in followings if f.state == state] for state in FollowingState}
    return EmployerFollowings(
        active=sorted(by_state[FollowingState.ACTIVE], key=lambda f: f.support_organisation.name),
        invited=by_state[FollowingState.INVITED],
        requested=by_state[FollowingState.REQUESTED],
        record=followings,
    )


def followings_of_support(*, support_organisation: SupportOrganisation) -> list[Following]:
    """The support organisation's followings with their record, newest first.

    Its own requests that were never accepted are left out: asking an employer by an HR
    advisor's e-mail address must not tell whether that address or employer is on the
    platform, and a request listed here (or its refusal) would."""
    invited = FollowingEvent.objects.filter(
        following=OuterRef("pk"), kind=FollowingEventKind.INVITED
    )
    return list(
        _with_record(
            Following.objects.filter(support_organisation=support_organisation)
            .filter(Q(started_at__isnull=False) | Exists(invited))
            .select_related("organisation")
        ).order_by("-created_at", "-pk")
    )


def support_organisations_to_invite() -> QuerySet:
    """Every support organisation an employer may invite, by name."""
    return SupportOrganisation.objects.order_by("name", "pk")
