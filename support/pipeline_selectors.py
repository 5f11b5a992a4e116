"""Reads of the pipeline: the employers to approach, their contacts, the follow-ups that are due
and the counts per stage."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, QuerySet
from django.utils import timezone

from programme.models import Organisation, Role
from support.models import (
    Contact,
    EmployerInvitation,
    Following,
    FollowingState,
    Prospect,
    Stage,
    SupportOrganisation,
)

# Follow-ups due within this many days count as coming on the start page.
COMING_DAYS = 14
NO_OWNER = "none"  # the owner filter's value for prospects nobody owns

User = get_user_model()


def members_of(support_organisation: SupportOrganisation) -> QuerySet:
    """The users of the support organisation, for choosing who owns an employer."""
    return User.objects.filter(support_memberships__support_organisation=support_organisation)


def followed_organisations(support_organisation: SupportOrganisation) -> QuerySet:
    """The employers the support organisation follows right now, the only ones it may link."""
    return Organisation.objects.filter(
        followings__support_organisation=support_organisation,
        followings__state=FollowingState.ACTIVE,
    ).order_by("name")


def prospects_filtered(
    *,
    support_organisation: SupportOrganisation,
    stage: str = "",
    owner: str = "",
    kind: str = "",
) -> QuerySet:
    """The pipeline, with each entry's last contact date, soonest next step first (entries
    without one last). `owner` is a user's pk, NO_OWNER, or empty for everyone."""
    prospects = _scoped(support_organisation, owner=owner, kind=kind)
    if stage:
        prospects = prospects.filter(stage=stage)
    return (
        prospects.select_related("owner", "organisation")
        .annotate(last_contact_on=Max("contacts__on"))
        .order_by(F("next_step_on").asc(nulls_last=True), "name", "pk")
    )


def _scoped(support_organisation: SupportOrganisation, *, owner: str = "", kind: str = ""):
    prospects = Prospect.objects.filter(support_organisation=support_organisation)
    if owner == NO_OWNER:
        prospects = prospects.filter(owner__isnull=True)
    elif owner:
        prospects = prospects.filter(owner_id=owner)
    if kind:
        prospects = prospects.filter(kind=kind)
    return prospects


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    count: int


def stage_counts(
    *, support_organisation: SupportOrganisation, owner: str = "", kind: str = ""
) -> list[StageCount]:
    """How many employers stand in each stage, every stage in the workbook's order (with 0s)."""
    counted = dict(
        _scoped(support_organisation, owner=owner, kind=kind)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
    )
    return [StageCount(value, label, counted.get(value, 0)) for value, label in Stage.choices]


@dataclass(frozen=True)
class FollowUps:
    today: date
    mine: list  # due or overdue, owned by the user
    colleagues: list  # due or overdue, owned by someone else or nobody
    coming: list  # due within COMING_DAYS, the user's first

    @property
    def due_count(self) -> int:
        return len(self.mine) + len(self.colleagues)


def follow_ups(*, support_organisation: SupportOrganisation, user, today: date) -> FollowUps:
    """The agreed next steps that are due (on or before today) and coming (within 14 days).

    An employer that stopped is left out: nobody follows it up any more."""
    prospects = list(
        Prospect.objects.filter(
            support_organisation=support_organisation,
            next_step_on__isnull=False,
            next_step_on__lte=today + timedelta(days=COMING_DAYS),
        )
        .exclude(stage=Stage.STOPPED)
        .select_related("owner")
        .order_by("next_step_on", "name", "pk")
    )
    due = [p for p in prospects if p.next_step_on <= today]
    coming = [p for p in prospects if p.next_step_on > today]
    coming.sort(key=lambda p: p.owner_id != user.pk)  # stable: by date within each group
    return FollowUps(
        today=today,
        mine=[p for p in due if p.owner_id == user.pk],
        colleagues=[p for p in due if p.owner_id != user.pk],
        coming=coming,
    )


def contacts_of(prospect: Prospect) -> QuerySet:
    """The contact log of an employer, newest first."""
    return Contact.objects.filter(prospect=prospect).select_related("by").order_by("-on", "-pk")


def invitations_of(prospect: Prospect) -> list[EmployerInvitation]:
    """The invitations sent to an employer, newest first."""
    return list(
        EmployerInvitation.objects.filter(prospect=prospect)
        .select_related("invited_by", "organisation")
        .order_by("-sent_at", "-pk")
    )


def invitation_state(invitation: EmployerInvitation, *, now=None) -> str:
    """accepted, expired or open."""
    if invitation.accepted_at:
        return "accepted"
    if invitation.expires_at <= (now or timezone.now()):
        return "expired"
    return "open"


def awaiting_followings(support_organisation: SupportOrganisation) -> QuerySet:
    """Employers that asked the support organisation to follow them, waiting for an answer."""
    return (
        Following.objects.filter(
            support_organisation=support_organisation, state=FollowingState.INVITED
        )
        .select_related("organisation")
        .order_by("created_at", "pk")
    )


def hr_organisations_of(user) -> QuerySet:
    """The employers where the user is an HR advisor: the ones they may link to an invitation."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.HR).order_by(
        "name"
    )
