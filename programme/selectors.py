"""Reads of programme data; each starts from the organisation and has a fixed query budget."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext

from programme.models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    ContactPerson,
    Membership,
    Organisation,
    PillarKey,
    Regulation,
    Role,
)


def shift_years(day: date, years: int) -> date:
    """The same day some years later or earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def regulation_check_cutoff(*, today: date) -> date:
    """A regulation last checked before this day is due a check: collective agreements change."""
    return shift_years(today, -1)


def organisations_for_user(*, user) -> QuerySet[Organisation]:
    """Organisations the user is a member of, by name."""
    return Organisation.objects.filter(memberships__user=user).order_by("name").distinct()


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    """Memberships of the organisation with their users, HR advisors first."""
    role_order = {Role.HR: 0, Role.MANAGER: 1, Role.ADVISOR: 2}
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    return sorted(memberships, key=lambda m: (role_order.get(m.role, 9), m.user.email))


def hr_count(*, organisation: Organisation) -> int:
    """How many HR advisors the organisation has."""
    return organisation.memberships.filter(role=Role.HR).count()


def actions_filtered(
    *,
    organisation: Organisation,
    year: int | None = None,
    pillar: str = "",
    status: str = "",
    query: str = "",
) -> QuerySet[Action]:
    """The organisation's actions narrowed by the list's filters and search words."""
    actions = organisation.actions.all()
    if year:
        actions = actions.filter(year=year)
    if pillar == "none":
        actions = actions.filter(pillar="")
    elif pillar:
        actions = actions.filter(pillar=pillar)
    if status:
        actions = actions.filter(status=status)
    for word in query.split():
        actions = actions.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(owner__icontains=word)
            | Q(partner__icontains=word)
        )
    return actions.order_by("-year", "planned_date", "title", "pk")


def action_years(*, organisation: Organisation) -> list[int]:
    """The years that hold actions, newest first."""
    return list(organisation.actions.order_by("-year").values_list("year", flat=True).distinct())


@dataclass(frozen=True)
class PillarGroup:
    pillar: str
    label: str
    actions: list[Action]


def group_by_pillar(actions) -> list[PillarGroup]:
    """Actions grouped in the pillars' order, with a last group for actions without a pillar."""
    buckets: dict[str, list[Action]] = {key: [] for key in PillarKey.values}
    buckets[""] = []
    for action in actions:
        buckets[action.pillar].append(action)
    groups = [
        PillarGroup(pillar=key, label=label, actions=buckets[key])
        for key, label in PillarKey.choices
        if buckets[key]
    ]
    if buckets[""]:
        groups.append(PillarGroup(pillar="", label=gettext("No pillar"), actions=buckets[""]))
    return groups


def actions_for_review(*, organisation: Organisation, year: int) -> QuerySet[Action]:
    """Terugblik: the actions of the year that were done."""
    return organisation.actions.filter(year=year, status=ActionStatus.DONE).order_by(
        "completed_date", "title", "pk"
    )


def actions_for_outlook(*, organisation: Organisation, year: int) -> QuerySet[Action]:
    """Vooruitblik: the actions planned or under way for the year."""
    return organisation.actions.filter(year=year, status__in=OPEN_ACTION_STATUSES).order_by(
        "planned_date", "title", "pk"
    )


def actions_in_plan(*, organisation: Organisation, year: int) -> QuerySet[Action]:
    """The year's plan as a letter announces it: every action of the year but cancelled ones."""
    return (
        organisation.actions.filter(year=year)
        .exclude(status=ActionStatus.CANCELLED)
        .order_by("planned_date", "title", "pk")
    )


def overdue_actions(*, organisation: Organisation, today: date) -> QuerySet[Action]:
    """Open actions whose planned date has passed."""
    return organisation.actions.filter(
        status__in=OPEN_ACTION_STATUSES, planned_date__lt=today
    ).order_by("planned_date", "title", "pk")


def recurring_actions_to_carry(*, organisation: Organisation, year: int) -> QuerySet[Action]:
    """Recurring actions of the year that have not yet been carried into the next year."""
    return organisation.actions.filter(
        year=year, recurs_yearly=True, carried_to__isnull=True
    ).exclude(status=ActionStatus.CANCELLED)


@dataclass(frozen=True)
class YearAtAGlance:
    year: int
    total: int
    done: int
    in_progress: int
    planned: int
    cancelled: int
    overdue: int
    planned_next_year: int

    @property
    def counted(self) -> int:
        """The year's actions that count towards the share done: all but the cancelled ones."""
        return self.total - self.cancelled

    @property
    def share_done(self) -> int:
        """Percentage of the year's actions (cancelled ones left out) that are done."""
        return round(100 * self.done / self.counted) if self.counted else 0


def year_at_a_glance(*, organisation: Organisation, year: int, today: date) -> YearAtAGlance:
    """The year's actions counted by status, with overdue ones and next year's plan; one query."""
    open_ = Q(status__in=OPEN_ACTION_STATUSES)
    this_year = Q(year=year)
    counts = organisation.actions.aggregate(
        total=Count("pk", filter=this_year),
        done=Count("pk", filter=this_year & Q(status=ActionStatus.DONE)),
        in_progress=Count("pk", filter=this_year & Q(status=ActionStatus.IN_PROGRESS)),
        planned=Count("pk", filter=this_year & Q(status=ActionStatus.PLANNED)),
        cancelled=Count("pk", filter=this_year & Q(status=ActionStatus.CANCELLED)),
        overdue=Count("pk", filter=open_ & Q(planned_date__lt=today)),
        planned_next_year=Count("pk", filter=open_ & Q(year=year + 1)),
    )
    return YearAtAGlance(year=year, **counts)


# The national Day of the Carer (Dag van de Mantelzorg) is on 10 November.
CARERS_DAY = (11, 10)
# Attention "for" the day may fall in the days around it (a lunch the Friday before, say).
CARERS_DAY_MARGIN = timedelta(days=7)


def next_carers_day(*, today: date) -> date:
    """The coming Day of the Carer: this year's while it has not passed, else next year's."""
    this_year = date(today.year, *CARERS_DAY)
    return this_year if today <= this_year else date(today.year + 1, *CARERS_DAY)


def actions_for_carers_day(*, organisation: Organisation, day: date) -> QuerySet[Action]:
    """Actions, not cancelled, planned within a week of that Day of the Carer."""
    return (
        organisation.actions.exclude(status=ActionStatus.CANCELLED)
        .filter(planned_date__range=(day - CARERS_DAY_MARGIN, day + CARERS_DAY_MARGIN))
        .order_by("planned_date", "title", "pk")
    )


def regulations_of(*, organisation: Organisation) -> QuerySet[Regulation]:
    """The organisation's regulations in the order of their kind."""
    return organisation.regulations.all()


# --- The same reads for many organisations at once (a support organisation's portfolio) ---------


def _by_organisation(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.organisation_id, []).append(row)
    return grouped


def regulations_by_organisation(*, organisations) -> dict[int, list[Regulation]]:
    """regulations_of for each organisation, by its id; one query."""
    return _by_organisation(Regulation.objects.filter(organisation__in=organisations))


def contact_persons_by_organisation(*, organisations) -> dict[int, list[ContactPerson]]:
    """Each organisation's contact persons for the theme, by its id; one query."""
    return _by_organisation(ContactPerson.objects.filter(organisation__in=organisations))


def actions_for_carers_day_by_organisation(*, organisations, day: date) -> dict[int, list[Action]]:
    """actions_for_carers_day for each organisation, by its id; one query."""
    return _by_organisation(
        Action.objects.filter(organisation__in=organisations)
        .exclude(status=ActionStatus.CANCELLED)
        .filter(planned_date__range=(day - CARERS_DAY_MARGIN, day + CARERS_DAY_MARGIN))
        .order_by("planned_date", "title", "pk")
    )


def next_planned_actions(*, organisations, today: date) -> dict[int, Action]:
    """Each organisation's first open action planned for today or later, by its id; one query
    with one row per organisation, however many actions they plan."""
    upcoming = Action.objects.filter(status__in=OPEN_ACTION_STATUSES, planned_date__gte=today)
    first = (
        upcoming.filter(organisation=OuterRef("organisation"))
        .order_by("planned_date", "title", "pk")
        .values("pk")[:1]
    )
    actions = upcoming.filter(organisation__in=organisations, pk=Subquery(first))
    return {action.organisation_id: action for action in actions}
