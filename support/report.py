"""The support organisation's yearly report for the municipality that commissions it.

It counts only what belongs to this support organisation: its own pipeline, its own contacts and
offers, and of the employers it follows only what they did while it followed them (an action
done, a recognition granted, on a day inside a period of following). An employer that stopped
being followed keeps counting for the work done before it stopped, never for what came after.
The monitor figures are pooled by `monitor.pooling` from closed campaigns of the employers it
follows now, and only where enough employers and respondents contribute.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import tablib
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.models import Action, ActionStatus, Organisation, OrganisationKind, PillarKey
from recognition.models import GRANTED_STATUSES, Recognition
from support.models import (
    Contact,
    ContactKind,
    EmployerInvitation,
    Following,
    FollowingState,
    OfferingUptake,
    Prospect,
    Stage,
    SupportOrganisation,
)

# The earliest year a report can be asked for: nothing on the platform is older.
FIRST_YEAR = 2000

# Size bands by number of employees, as the CBS and the EU count small, medium and large
# employers, with the large ones split once more: most municipalities and care providers are.
SIZE_BANDS = (
    ("small", 1, 49, gettext_lazy("Fewer than 50 employees")),
    ("medium", 50, 249, gettext_lazy("50 to 249 employees")),
    ("large", 250, 999, gettext_lazy("250 to 999 employees")),
    ("very-large", 1000, None, gettext_lazy("1,000 employees or more")),
)
UNKNOWN_SIZE = "unknown"

# Beyond "mapped" every employer has been approached, also those who said no in the end.
APPROACHED_STAGES = tuple(stage for stage in Stage if stage != Stage.MAPPED)


@dataclass(frozen=True)
class Tally:
    """One row of a table of counts: what is counted, and how many."""

    key: str
    label: str
    count: int
    employers: int | None = None  # how many employers the count spreads over, where it says


@dataclass(frozen=True)
class GroupRow:
    """Employers of one sector or size band, and how far they have come."""

    key: str
    label: str
    employers: int
    approached: int
    active_or_recognised: int


@dataclass(frozen=True)
class OfferRow:
    title: str
    pillar: str
    uptakes: int


@dataclass(frozen=True)
class RecognitionRow:
    employer: str
    granted_on: date
    valid_until: date | None
    is_renewal: bool


@dataclass(frozen=True)
class SupportReport:
    support_organisation: SupportOrganisation
    year: int
    today: date
    period_start: date
    period_end: date  # the last day counted: today in the current year
    # The pipeline, as it stands today, of the employers added by the end of the year.
    employers: int
    by_stage: list[Tally]
    by_sector: list[GroupRow]
    by_size: list[GroupRow]
    # What was done in the year.
    contacts: list[Tally]
    employers_contacted: int
    uptakes: list[Tally]
    offers: list[OfferRow]
    actions: list[Tally]
    recognitions: list[RecognitionRow]
    joined: int  # employers brought onto the platform by an invitation
    followed_in_year: int
    followed_now: int
    # The monitor, pooled across the employers followed now.
    pooled: list  # monitor.pooling.PooledFigure
    pooled_employers: int

    def stage_count(self, stage: str) -> int:
        return next((row.count for row in self.by_stage if row.key == stage), 0)

    @property
    def approached(self) -> int:
        return sum(self.stage_count(stage) for stage in APPROACHED_STAGES)

    @property
    def in_conversation(self) -> int:
        return self.stage_count(Stage.IN_CONVERSATION)

    @property
    def active(self) -> int:
        return self.stage_count(Stage.ACTIVE)

    @property
    def recognised(self) -> int:
        return self.stage_count(Stage.RECOGNISED)

    @property
    def stopped(self) -> int:
        return self.stage_count(Stage.STOPPED)

    @property
    def contacts_total(self) -> int:
        return sum(row.count for row in self.contacts)

    @property
    def uptakes_total(self) -> int:
        return sum(row.count for row in self.uptakes)

    @property
    def actions_total(self) -> int:
        return sum(row.count for row in self.actions)

    @property
    def renewals(self) -> int:
        return sum(1 for row in self.recognitions if row.is_renewal)

    @property
    def is_current_year(self) -> bool:
        return self.year == self.today.year

    @property
    def groups(self) -> list[tuple[str, str, list[GroupRow]]]:
        """The sector and size tables: their heading, their anchor and their rows."""
        return [
            (_("By sector"), "report-sectors", self.by_sector),
            (_("By size"), "report-sizes", self.by_size),
        ]

    @property
    def min_organisations(self) -> int:
        from monitor.pooling import POOL_MIN_ORGANISATIONS

        return POOL_MIN_ORGANISATIONS

    @property
    def published_figures(self) -> list:
        return [figure for figure in self.pooled if figure.percentage is not None]


def report_years(*, support_organisation: SupportOrganisation, today: date) -> list[int]:
    """The years a report can be asked for, newest first: from the year the support organisation
    came onto the platform (or its first contact, if logged earlier) to this year."""
    first = timezone.localdate(support_organisation.created_at).year
    earliest = (
        Contact.objects.filter(prospect__support_organisation=support_organisation)
        .order_by("on")
        .values_list("on", flat=True)
        .first()
    )
    if earliest is not None:
        first = min(first, earliest.year)
    return list(range(today.year, max(min(first, today.year), FIRST_YEAR) - 1, -1))


def parse_year(value: str | None, *, today: date) -> tuple[int, str]:
    """The year asked for in `value`, or this year with a message for the user saying why."""
    if value is None or value.strip() == "":
        return today.year, ""
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        return today.year, _("“%(value)s” is not a year; this is the report for %(year)s.") % {
            "value": text[:20],
            "year": today.year,
        }
    year = int(text)
    if not FIRST_YEAR <= year <= today.year:
        return today.year, _(
            "There is no report for %(value)s: choose a year from %(first)s to %(last)s. "
            "This is the report for %(last)s."
        ) % {"value": text[:20], "first": FIRST_YEAR, "last": today.year}
    return year, ""


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _followed_on(support_organisation: SupportOrganisation, day_field: str) -> Exists:
    """True where the row's employer was followed by this support organisation on the day in
    the row's `day_field`: inside a period from its start to its end (or to now)."""
    return Exists(
        Following.objects.filter(
            support_organisation=support_organisation,
            organisation=OuterRef("organisation"),
            started_at__isnull=False,
            started_at__date__lte=OuterRef(day_field),
        ).filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=OuterRef(day_field)))
    )


def size_band(employee_count: int | None) -> str:
    if not employee_count:
        return UNKNOWN_SIZE
    for key, low, high, _label in SIZE_BANDS:
        if employee_count >= low and (high is None or employee_count <= high):
            return key
    return UNKNOWN_SIZE


def _group_rows(pipeline: list[dict], key_of, choices) -> list[GroupRow]:
    """A row per choice that holds at least one employer, in the choices' order."""
    rows = []
    for key, label in choices:
        members = [entry for entry in pipeline if key_of(entry) == key]
        if not members:
            continue
        rows.append(
            GroupRow(
                key=key,
                label=str(label),
                employers=len(members),
                approached=sum(1 for e in members if e["stage"] in APPROACHED_STAGES),
                active_or_recognised=sum(
                    1 for e in members if e["stage"] in (Stage.ACTIVE, Stage.RECOGNISED)
                ),
            )
        )
    return rows


def _pipeline(support_organisation: SupportOrganisation, last_day: date) -> list[dict]:
    """The employers in the pipeline by the end of `last_day`, each with its stage, sector and
    size. A linked employer's own kind and size count: the employer keeps them up to date."""
    rows = Prospect.objects.filter(
        support_organisation=support_organisation,
        created_at__lt=_day_start(last_day + timedelta(days=1)),
    ).values(
        "stage", "kind", "employee_count", "organisation__kind", "organisation__employee_count"
    )
    return [
        {
            "stage": row["stage"],
            "kind": row["organisation__kind"] or row["kind"],
            "size": size_band(row["organisation__employee_count"] or row["employee_count"]),
        }
        for row in rows
    ]


def _pillar_counts(rows, *, with_none: bool) -> list[Tally]:
    """Counts per pillar in the pillars' order (and "no pillar" last, where it occurs)."""
    by_key = {row["pillar"]: row for row in rows}
    keys = [(key, label) for key, label in PillarKey.choices]
    if with_none and "" in by_key:
        keys.append(("", _("No pillar")))
    return [
        Tally(
            key=key,
            label=str(label),
            count=by_key.get(key, {}).get("n", 0),
            employers=by_key.get(key, {}).get("employers", 0),
        )
        for key, label in keys
    ]


def _pooled(support_organisation: SupportOrganisation, year: int, last_day: date):
    """The monitor figures pooled across the employers followed now (and already by the end of
    the year), from campaigns that closed in the year."""
    from monitor.pooling import pooled_figures

    organisations = list(
        Organisation.objects.filter(
            followings__support_organisation=support_organisation,
            followings__state=FollowingState.ACTIVE,
            followings__started_at__date__lte=date(year, 12, 31),
        ).distinct()
    )
    if not organisations:
        return [], 0
    figures = pooled_figures(
        organisations=organisations, closed_from=date(year, 1, 1), closed_to=last_day
    )
    return list(figures), len(organisations)


def support_report(
    *, support_organisation: SupportOrganisation, year: int, today: date
) -> SupportReport:
    """The report of `year` as it stands on `today` (the year so far, in the current year)."""
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), today)
    after_end = _day_start(end + timedelta(days=1))
    moments = {"gte": _day_start(start), "lt": after_end}

    pipeline = _pipeline(support_organisation, end)
    stages = Counter(entry["stage"] for entry in pipeline)

    contacts = (
        Contact.objects.filter(
            prospect__support_organisation=support_organisation, on__gte=start, on__lte=end
        )
        .values("kind")
        .annotate(n=Count("id"), employers=Count("prospect", distinct=True))
    )
    contacts_by_kind = {row["kind"]: row for row in contacts}
    employers_contacted = (
        Contact.objects.filter(
            prospect__support_organisation=support_organisation, on__gte=start, on__lte=end
        )
        .values("prospect")
        .distinct()
        .count()
    )

    uptakes = OfferingUptake.objects.filter(
        offering__support_organisation=support_organisation,
        taken_at__gte=moments["gte"],
        taken_at__lt=moments["lt"],
    )
    uptakes_by_pillar = (
        uptakes.values("offering__pillar")
        .annotate(n=Count("id"), employers=Count("organisation", distinct=True))
        .values("offering__pillar", "n", "employers")
    )
    pillar_labels = dict(PillarKey.choices)
    pillar_order = list(pillar_labels)
    offers = sorted(
        uptakes.values("offering__title", "offering__pillar").annotate(n=Count("id")),
        key=lambda row: (pillar_order.index(row["offering__pillar"]), row["offering__title"]),
    )

    actions = (
        Action.objects.filter(
            status=ActionStatus.DONE, completed_date__gte=start, completed_date__lte=end
        )
        .filter(_followed_on(support_organisation, "completed_date"))
        .values("pillar")
        .annotate(n=Count("id"), employers=Count("organisation", distinct=True))
    )

    recognitions = (
        Recognition.objects.filter(
            status__in=GRANTED_STATUSES, granted_on__gte=start, granted_on__lte=end
        )
        .filter(_followed_on(support_organisation, "granted_on"))
        .annotate(
            is_renewal=Exists(
                Recognition.objects.filter(
                    organisation=OuterRef("organisation"),
                    status__in=GRANTED_STATUSES,
                    granted_on__lt=OuterRef("granted_on"),
                )
            )
        )
        .select_related("organisation")
        .order_by("granted_on", "organisation__name", "pk")
    )

    followings = Following.objects.filter(
        support_organisation=support_organisation, started_at__isnull=False
    )
    followed_in_year = (
        followings.filter(started_at__lt=after_end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=moments["gte"]))
        .values("organisation")
        .distinct()
        .count()
    )
    followed_now = followings.filter(state=FollowingState.ACTIVE).count()
    pooled, pooled_employers = _pooled(support_organisation, year, end)

    return SupportReport(
        support_organisation=support_organisation,
        year=year,
        today=today,
        period_start=start,
        period_end=end,
        employers=len(pipeline),
        by_stage=[Tally(key=s.value, label=str(s.label), count=stages[s]) for s in Stage],
        by_sector=_group_rows(pipeline, lambda e: e["kind"], OrganisationKind.choices),
        by_size=_group_rows(
            pipeline,
            lambda e: e["size"],
            [(key, label) for key, _low, _high, label in SIZE_BANDS]
            + [(UNKNOWN_SIZE, _("Size not known"))],
        ),
        contacts=[
            Tally(
                key=kind.value,
                label=str(kind.label),
                count=contacts_by_kind.get(kind, {}).get("n", 0),
                employers=contacts_by_kind.get(kind, {}).get("employers", 0),
            )
            for kind in ContactKind
        ],
        employers_contacted=employers_contacted,
        uptakes=_pillar_counts(
            [
                {"pillar": r["offering__pillar"], "n": r["n"], "employers": r["employers"]}
                for r in uptakes_by_pillar
            ],
            with_none=False,
        ),
        offers=[
            OfferRow(
                title=row["offering__title"],
                pillar=str(pillar_labels.get(row["offering__pillar"], "")),
                uptakes=row["n"],
            )
            for row in offers
        ],
        actions=_pillar_counts(list(actions), with_none=True),
        recognitions=[
            RecognitionRow(
                employer=recognition.organisation.name,
                granted_on=recognition.granted_on,
                valid_until=recognition.valid_until,
                is_renewal=recognition.is_renewal,
            )
            for recognition in recognitions
        ],
        joined=EmployerInvitation.objects.filter(
            prospect__support_organisation=support_organisation,
            accepted_at__gte=moments["gte"],
            accepted_at__lt=moments["lt"],
        ).count(),
        followed_in_year=followed_in_year,
        followed_now=followed_now,
        pooled=pooled,
        pooled_employers=pooled_employers,
    )


# --- The report as files -----------------------------------------------------------------------


def report_pdf(report: SupportReport) -> bytes:
    """The report as a tagged PDF/UA-1, by the letters' rendering rules, in the request's
    language."""
    from recognition.rendering import render_pdf

    return render_pdf(
        template="support/report/report_pdf.html",
        context={"report": report},
        organisation=None,  # a support organisation has no logo on the platform
    )


def _dataset(headers: list, rows: list) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=[str(header) for header in headers])
    for row in rows:
        dataset.append(row)
    return dataset


def _group_sheet(label: str, rows: list[GroupRow]) -> tablib.Dataset:
    return _dataset(
        [label, _("Employers"), _("Approached"), _("Getting started or recognised")],
        [(row.label, row.employers, row.approached, row.active_or_recognised) for row in rows],
    )


def report_sheets(report: SupportReport) -> list[tuple[str, tablib.Dataset]]:
    """Every table of the report as a named sheet, in the report's order."""
    summary = [
        (_("Employers in the pipeline"), report.employers),
        (_("Approached"), report.approached),
        (_("In conversation"), report.in_conversation),
        (_("Getting started"), report.active),
        (_("Recognised"), report.recognised),
        (_("Stopped"), report.stopped),
        (_("Contacts"), report.contacts_total),
        (_("Employers contacted"), report.employers_contacted),
        (_("Offers taken up"), report.uptakes_total),
        (_("Actions done by followed employers"), report.actions_total),
        (_("Recognitions granted or renewed"), len(report.recognitions)),
        (_("Of which renewals"), report.renewals),
        (_("Employers brought onto the platform"), report.joined),
        (_("Employers followed in the year"), report.followed_in_year),
        (_("Employers followed now"), report.followed_now),
    ]
    yes, no = _("yes"), _("no")
    return [
        (
            _("Summary %(year)s") % {"year": report.year},
            _dataset([_("What"), _("Number")], summary),
        ),
        (
            _("Stages"),
            _dataset([_("Stage"), _("Employers")], [(r.label, r.count) for r in report.by_stage]),
        ),
        (_("Sectors"), _group_sheet(_("Sector"), report.by_sector)),
        (_("Size"), _group_sheet(_("Size"), report.by_size)),
        (
            _("Contacts"),
            _dataset(
                [_("Kind of contact"), _("Contacts"), _("Employers")],
                [(r.label, r.count, r.employers) for r in report.contacts],
            ),
        ),
        (
            _("Offers taken up"),
            _dataset(
                [_("Pillar"), _("Taken up"), _("Employers")],
                [(r.label, r.count, r.employers) for r in report.uptakes],
            ),
        ),
        (
            _("Offers by title"),
            _dataset(
                [_("Offer"), _("Pillar"), _("Taken up")],
                [(r.title, r.pillar, r.uptakes) for r in report.offers],
            ),
        ),
        (
            _("Actions done"),
            _dataset(
                [_("Pillar"), _("Actions done"), _("Employers")],
                [(r.label, r.count, r.employers) for r in report.actions],
            ),
        ),
        (
            _("Recognitions"),
            _dataset(
                [_("Employer"), _("Recognised on"), _("Valid until"), _("Renewal")],
                [
                    (r.employer, r.granted_on, r.valid_until, yes if r.is_renewal else no)
                    for r in report.recognitions
                ],
            ),
        ),
        (
            _("Monitor, pooled"),
            _dataset(
                [
                    _("Figure"),
                    _("Percentage"),
                    _("Organisations"),
                    _("Respondents"),
                    _("Not shown because"),
                ],
                [
                    (
                        str(f.label),
                        None if f.percentage is None else float(f.percentage),
                        f.organisations,
                        f.respondents,
                        str(f.withheld_text),
                    )
                    for f in report.pooled
                ],
            ),
        ),
    ]


def report_xlsx(report: SupportReport) -> bytes:
    """The report's tables as one workbook, by the project's XLSX rules (programme.transfer):
    named sheets, a bold frozen header with a filter, the same report the same bytes."""
    from programme.transfer import write_xlsx_sheets

    return write_xlsx_sheets(report_sheets(report))
