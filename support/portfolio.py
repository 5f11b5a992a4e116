"""Reads of a support organisation's portfolio: every employer it follows right now, at a glance.

Everything here comes from what the employer publishes to its followers: the pillars' progress,
readiness or the recognition in force, the headline of the last closed monitor (its snapshot,
never an open campaign's figures) and the dates coming up; and from the support organisation's
own pipeline (the last contact and the agreed next step). One employer or sixty, the portfolio
costs the same 13 queries: every read below is made for all followed employers at once.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from monitor.models import Campaign
from monitor.results import METRICS, summary_for
from monitor.snapshots import latest_closed_campaigns, next_planned_campaigns
from pillars.selectors import PillarSummary
from programme.models import Organisation, OrganisationKind
from programme.selectors import next_planned_actions
from recognition.readiness import Readiness, readiness_for_many
from recognition.selectors import RecognitionStanding, recognition_standings
from support.models import Contact, ContactKind, Following, FollowingState, Prospect

# The size bands of the workbook's and the report's tables: (key, label, fewest employees).
SIZE_BANDS: tuple[tuple[str, str | Promise, int], ...] = (
    ("tot-50", _("fewer than 50"), 0),
    ("50-249", _("50–249"), 50),
    ("250-999", _("250–999"), 250),
    ("1000-plus", _("1,000 or more"), 1000),
)
SIZE_UNKNOWN = ("onbekend", _("size unknown"))


def size_band(employee_count: int | None) -> tuple[str, str | Promise]:
    """The band (key, label) of a number of employees."""
    if employee_count is None:
        return SIZE_UNKNOWN
    band = SIZE_BANDS[0]
    for candidate in SIZE_BANDS:
        if employee_count >= candidate[2]:
            band = candidate
    return band[0], band[1]


def size_band_choices() -> list[tuple[str, str | Promise]]:
    return [(key, label) for key, label, _fewest in SIZE_BANDS] + [SIZE_UNKNOWN]


# Where an employer stands with the recognition, for the filter and the export.
RECOGNISED = "erkend"
IN_PROGRESS = "aangevraagd"
LAPSED = "verlopen"
NOT_YET = "nog-niet"
RECOGNITION_STATES: dict[str, str | Promise] = {
    RECOGNISED: _("Recognised"),
    IN_PROGRESS: _("Preparing or applied for"),
    LAPSED: _("Lapsed"),
    NOT_YET: _("Not recognised yet"),
}

# A recognition needs attention this long before its valid-until date.
EXPIRY_WARNING = timedelta(days=90)
# The due moments a row shows, earliest first.
DUE_MOMENTS = 3
# The monitor figures of the headline besides the number of responses.
HEADLINE_METRICS = ("response-rate", "carer-share", "discussed-with-manager")


@dataclass(frozen=True)
class DueMoment:
    on: date
    label: str | Promise
    detail: str = ""


@dataclass(frozen=True)
class Headline:
    """The last closed monitor, from its snapshot: published figures only."""

    campaign: Campaign
    is_publishable: bool
    response_count: int | None
    metrics: list[tuple[str, str | Promise, float | None]]  # (key, label, value) of METRICS

    def metric(self, key: str) -> float | None:
        return next((value for k, _label, value in self.metrics if k == key), None)


@dataclass(frozen=True)
class LastContact:
    on: date
    kind: str

    @property
    def kind_label(self) -> str:
        return ContactKind(self.kind).label


@dataclass
class PortfolioRow:
    organisation: Organisation
    following: Following
    readiness: Readiness
    standing: RecognitionStanding
    headline: Headline | None
    due: list[DueMoment]
    prospect: Prospect | None
    last_contact: LastContact | None
    today: date
    attention: list[str | Promise] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return OrganisationKind(self.organisation.kind).label

    @property
    def size_key(self) -> str:
        return size_band(self.organisation.employee_count)[0]

    @property
    def size_label(self) -> str | Promise:
        return size_band(self.organisation.employee_count)[1]

    @property
    def pillars(self) -> list[PillarSummary]:
        return [p.summary for p in self.readiness.pillars]

    @property
    def progress_share(self) -> int:
        """The share of applicable checklist items done, over the four pillars."""
        total = sum(p.total for p in self.pillars)
        return round(100 * sum(p.done for p in self.pillars) / total) if total else 0

    @property
    def in_force(self):
        return self.standing.in_force

    @property
    def recognition_state(self) -> str:
        if self.standing.in_force is not None:
            return RECOGNISED
        if self.standing.in_progress is not None:
            return IN_PROGRESS
        if self.standing.lapsed is not None:
            return LAPSED
        return NOT_YET

    @property
    def recognition_label(self) -> str | Promise:
        return RECOGNITION_STATES[self.recognition_state]

    @property
    def next_due(self) -> DueMoment | None:
        return self.due[0] if self.due else None

    @property
    def next_step(self) -> str:
        return self.prospect.next_step if self.prospect else ""

    @property
    def next_step_on(self) -> date | None:
        return self.prospect.next_step_on if self.prospect else None

    @property
    def next_step_overdue(self) -> bool:
        return bool(self.next_step_on and self.next_step_on < self.today)

    @property
    def needs_attention(self) -> bool:
        return bool(self.attention)


def _headline(campaign: Campaign | None) -> Headline | None:
    if campaign is None:
        return None
    summary = summary_for(campaign=campaign)
    return Headline(
        campaign=campaign,
        is_publishable=summary.is_publishable,
        response_count=summary.response_count,
        metrics=[(key, METRICS[key], summary.metrics.get(key)) for key in HEADLINE_METRICS],
    )


def _due_moments(
    *,
    readiness: Readiness,
    action,
    campaign: Campaign | None,
    standing: RecognitionStanding,
    today: date,
) -> list[DueMoment]:
    moments = []
    if action is not None:
        moments.append(DueMoment(action.planned_date, _("Action"), action.title))
    items = [row for p in readiness.pillars for row in p.summary.next_due]
    if items:
        row = min(items, key=lambda r: (r.due_date, r.item.pillar.order, r.item.order))
        moments.append(DueMoment(row.due_date, _("Checklist"), row.item.display_text))
    if campaign is not None:
        if campaign.opens_on > today:
            moments.append(DueMoment(campaign.opens_on, _("Monitor opens"), campaign.title))
        else:
            moments.append(DueMoment(campaign.closes_on, _("Monitor closes"), campaign.title))
    if standing.in_force is not None and standing.in_force.renewal_due:
        moments.append(DueMoment(standing.in_force.renewal_due, _("Renew the recognition")))
    return sorted(moments, key=lambda m: m.on)[:DUE_MOMENTS]


def _attention(row: PortfolioRow) -> list[str | Promise]:
    reasons = []
    if row.next_step_overdue:
        reasons.append(_("Next step overdue"))
    in_force = row.standing.in_force
    if in_force is not None:
        expires = in_force.valid_until and in_force.valid_until <= row.today + EXPIRY_WARNING
        renew = in_force.renewal_due and in_force.renewal_due <= row.today
        if expires or renew:
            reasons.append(_("Recognition expires soon"))
    elif row.standing.lapsed is not None and row.standing.in_progress is None:
        reasons.append(_("Recognition has lapsed"))
    return reasons


def _prospects(support_organisation, organisations) -> dict[int, Prospect]:
    """The pipeline's entry of each employer with its latest contact's date and kind; one query."""
    latest = Contact.objects.filter(prospect=OuterRef("pk")).order_by("-on", "-pk")
    prospects = Prospect.objects.filter(
        support_organisation=support_organisation, organisation__in=organisations
    ).annotate(
        last_contact_on=Subquery(latest.values("on")[:1]),
        last_contact_kind=Subquery(latest.values("kind")[:1]),
    )
    return {p.organisation_id: p for p in prospects}


def portfolio_rows(
    *, support_organisation, today: date, only: Organisation | None = None
) -> list[PortfolioRow]:
    """One row per employer the support organisation follows right now (or only `only`, when it
    is followed), by name; 13 queries however many employers."""
    followings = Following.objects.filter(
        support_organisation=support_organisation, state=FollowingState.ACTIVE
    ).select_related("organisation")
    if only is not None:
        followings = followings.filter(organisation=only)
    followings = sorted(followings, key=lambda f: (f.organisation.name.casefold(), f.pk))
    organisations = [f.organisation for f in followings]
    if not organisations:
        return []
    readiness = readiness_for_many(organisations=organisations, today=today)
    standings = recognition_standings(organisations=organisations, today=today)
    closed = latest_closed_campaigns(organisations=organisations, today=today)
    planned = next_planned_campaigns(organisations=organisations, today=today)
    actions = next_planned_actions(organisations=organisations, today=today)
    prospects = _prospects(support_organisation, organisations)
    rows = []
    for following in followings:
        pk = following.organisation_id
        prospect = prospects.get(pk)
        row = PortfolioRow(
            organisation=following.organisation,
            following=following,
            readiness=readiness[pk],
            standing=standings[pk],
            headline=_headline(closed.get(pk)),
            due=_due_moments(
                readiness=readiness[pk],
                action=actions.get(pk),
                campaign=planned.get(pk),
                standing=standings[pk],
                today=today,
            ),
            prospect=prospect,
            last_contact=(
                LastContact(prospect.last_contact_on, prospect.last_contact_kind)
                if prospect is not None and prospect.last_contact_on
                else None
            ),
            today=today,
        )
        row.attention = _attention(row)
        rows.append(row)
    return rows


# --- Filtering and sorting (the page and its export share them) ---------------------------------


@dataclass(frozen=True)
class PortfolioFilters:
    kind: str = ""
    size: str = ""
    recognition: str = ""
    attention: bool = False


def filter_rows(rows: list[PortfolioRow], filters: PortfolioFilters) -> list[PortfolioRow]:
    return [
        row
        for row in rows
        if (not filters.kind or row.organisation.kind == filters.kind)
        and (not filters.size or row.size_key == filters.size)
        and (not filters.recognition or row.recognition_state == filters.recognition)
        and (not filters.attention or row.needs_attention)
    ]


def _recognition_key(row: PortfolioRow):
    # Recognised employers first, the soonest to expire first; then the most ready.
    if row.in_force is not None:
        return (0, row.in_force.valid_until or date.max, 0)
    return (1, date.max, -row.readiness.share)


# The sortable columns: key -> the value a row is sorted by (None always sorts last).
SORT_KEYS = {
    "name": lambda row: row.organisation.name.casefold(),
    "kind": lambda row: str(row.kind_label).casefold(),
    "size": lambda row: row.organisation.employee_count,
    "progress": lambda row: row.progress_share,
    "recognition": _recognition_key,
    "monitor": lambda row: row.headline.campaign.closes_on if row.headline else None,
    "due": lambda row: row.next_due.on if row.next_due else None,
    "contact": lambda row: row.last_contact.on if row.last_contact else None,
    "next_step": lambda row: row.next_step_on,
}
DEFAULT_SORT = "name"


def parse_sort(value: str | None) -> tuple[str, bool]:
    """(column, descending) from a sort parameter such as "size" or "-size"; unknown values sort
    by name."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value.removeprefix("-")
    if key not in SORT_KEYS:
        return DEFAULT_SORT, False
    return key, descending


def sort_rows(rows: list[PortfolioRow], key: str, descending: bool) -> list[PortfolioRow]:
    """Rows sorted by a column, ties by name; rows without a value last in either direction."""
    value_of = SORT_KEYS[key]
    by_name = sorted(rows, key=SORT_KEYS["name"])
    known = [row for row in by_name if value_of(row) is not None]
    unknown = [row for row in by_name if value_of(row) is None]
    return sorted(known, key=value_of, reverse=descending) + unknown
