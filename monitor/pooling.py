"""Reference figures pooled across employers, from their closed snapshots only.

Each organisation that has not opted out (`Organisation.share_in_pooled_figures`) contributes its
latest publishable snapshot of a campaign whose last day fell in the window. Per metric it adds
the published (already perturbed) count and base that make its own metric
(monitor.results.metric_counts), and only when both are published. The response rate is not
pooled: the number invited is what HR typed in, not a published figure.

A pooled figure is published only when at least five organisations contribute to it, together
with at least MONITOR_POOL_MIN_RESPONDENTS respondents, and no organisation holds more than
MONITOR_POOL_MAX_SHARE of them; otherwise it is withheld with its reason and tells nothing else.
The organisation's own results are never subtracted from anything. A published figure is rounded
to a whole percentage and its respondents down to tens, so that the bases of two metrics cannot
be set against each other to single out the organisation that counts in one and not the other.

The platform's reference on every results page is made per calendar year, once that year is
over, by kind of employer and for all employers together (PooledReference), and then frozen:
comparing two moments of a pool that still changed would show one organisation's share. The
figure for all employers is withheld where subtracting the published figures by kind from it
would leave a group of employers too small to publish.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from monitor.closing import close_if_due
from monitor.models import Campaign, PooledReference
from monitor.results import METRICS, metric_counts
from programme.models import Organisation, OrganisationKind

POOL_MIN_ORGANISATIONS = 5
# A published pool's respondents are rounded down to a multiple of this.
RESPONDENTS_STEP = 10
# The metrics that are pooled: all but the response rate.
POOLED_METRICS = [key for key in METRICS if key != "response-rate"]
# PooledReference.kind of the pool of all employers.
ALL_EMPLOYERS = ""

# How a pool of employers is named next to a figure ("Gemeenten 2025").
GROUP_LABELS: dict[str, str | Promise] = {
    OrganisationKind.MUNICIPALITY: _("Municipalities"),
    OrganisationKind.CARE: _("Care organisations"),
    OrganisationKind.EDUCATION: _("Education"),
    OrganisationKind.BUSINESS: _("Businesses"),
    OrganisationKind.OTHER: _("Other employers"),
    ALL_EMPLOYERS: _("All employers"),
}


class WithheldReason(models.TextChoices):
    TOO_FEW_ORGANISATIONS = "organisations", _("Fewer than 5 employers contribute to this figure.")
    TOO_FEW_RESPONDENTS = "respondents", _("Too few respondents contribute to this figure.")
    DOMINATED = "dominated", _("One employer holds too large a share of the respondents.")
    SMALL_REST = (
        "rest",
        _(
            "Together with the figures by kind of employer it would show the figure of a small "
            "group of employers."
        ),
    )


@dataclass(frozen=True)
class PooledFigure:
    """One metric pooled across organisations: published (a percentage, with how many
    organisations and respondents it pools) or withheld (only the reason, all else 0/None)."""

    key: str
    label: str | Promise
    percentage: float | None
    organisations: int
    respondents: int
    withheld_reason: str | None

    @property
    def is_published(self) -> bool:
        return self.percentage is not None

    @property
    def withheld_text(self) -> str | Promise:
        return WithheldReason(self.withheld_reason).label if self.withheld_reason else ""


@dataclass(frozen=True)
class _Contribution:
    organisation_id: int
    kind: str
    counts: dict[str, tuple[int, int] | None]


def _contributions(organisations, closed_from: date, closed_to: date) -> list[_Contribution]:
    """Per organisation that shares, the metric counts of its latest publishable snapshot of a
    campaign that closed in the window: one query."""
    if not isinstance(organisations, models.QuerySet):
        organisations = [getattr(o, "pk", o) for o in organisations]
    in_window = {
        "closes_on__gte": closed_from,
        "closes_on__lte": closed_to,
        "closed_on__isnull": False,
        "snapshot__response_count__isnull": False,
    }
    latest = (
        Campaign.objects.filter(organisation_id=OuterRef("organisation_id"), **in_window)
        .order_by("-closes_on", "-opens_on", "-id")
        .values("id")[:1]
    )
    campaigns = (
        Campaign.objects.filter(
            organisation__in=organisations,
            organisation__share_in_pooled_figures=True,
            **in_window,
        )
        .filter(id=Subquery(latest))
        .select_related("snapshot", "organisation")
    )
    return [
        _Contribution(c.organisation_id, c.organisation.kind, metric_counts(campaign=c))
        for c in campaigns
    ]


def _withheld(key: str, reason: str) -> PooledFigure:
    return PooledFigure(key, METRICS[key], None, 0, 0, reason)


def _decide(key: str, entries: list[tuple[int, int]]) -> PooledFigure:
    """The pool of (count, base) per organisation, published or withheld by the rules."""
    base = sum(b for _n, b in entries)
    if len(entries) < POOL_MIN_ORGANISATIONS:
        return _withheld(key, WithheldReason.TOO_FEW_ORGANISATIONS)
    if base < settings.MONITOR_POOL_MIN_RESPONDENTS:
        return _withheld(key, WithheldReason.TOO_FEW_RESPONDENTS)
    if max(b for _n, b in entries) > settings.MONITOR_POOL_MAX_SHARE * base:
        return _withheld(key, WithheldReason.DOMINATED)
    percentage = float(round(100 * sum(n for n, _b in entries) / base))
    respondents = base - base % RESPONDENTS_STEP
    return PooledFigure(key, METRICS[key], percentage, len(entries), respondents, None)


def _entries(contributions: Iterable[_Contribution], key: str) -> list[tuple[int, int]]:
    return [c.counts[key] for c in contributions if c.counts.get(key) is not None]


def pooled_figures(*, organisations, closed_from: date, closed_to: date) -> list[PooledFigure]:
    """Each pooled metric across `organisations` (a queryset or an iterable of Organisation),
    from the latest publishable snapshot of each that closed (its last day) from `closed_from`
    to `closed_to`, both included; opted-out organisations count in nothing. A campaign past its
    last day that nobody has closed yet is not counted. One query, however many organisations."""
    contributions = _contributions(organisations, closed_from, closed_to)
    return [_decide(key, _entries(contributions, key)) for key in POOLED_METRICS]


# --- The platform's yearly reference ------------------------------------------------------------


def _yearly_figures(contributions: list[_Contribution]) -> dict[str, list[PooledFigure]]:
    """The pools of a year by kind and for all employers. The pool of all employers is withheld
    where it minus the published pools by kind leaves a group that could not be published."""
    kinds = list(dict.fromkeys([*OrganisationKind.values, *(c.kind for c in contributions)]))
    figures: dict[str, list[PooledFigure]] = {kind: [] for kind in [*kinds, ALL_EMPLOYERS]}
    for key in POOLED_METRICS:
        by_kind = {
            kind: _entries([c for c in contributions if c.kind == kind], key) for kind in kinds
        }
        rest: list[tuple[int, int]] = []
        for kind in kinds:
            figure = _decide(key, by_kind[kind])
            figures[kind].append(figure)
            if not figure.is_published:
                rest += by_kind[kind]
        everyone = _decide(key, _entries(contributions, key))
        if everyone.is_published and rest and not _decide(key, rest).is_published:
            everyone = _withheld(key, WithheldReason.SMALL_REST)
        figures[ALL_EMPLOYERS].append(everyone)
    return figures


def _figure_data(figure: PooledFigure) -> dict:
    return {
        "key": figure.key,
        "percentage": figure.percentage,
        "organisations": figure.organisations,
        "respondents": figure.respondents,
        "withheld_reason": figure.withheld_reason,
    }


def _figures_from(data: list[dict]) -> dict[str, PooledFigure]:
    return {
        item["key"]: PooledFigure(
            item["key"],
            METRICS[item["key"]],
            item["percentage"],
            item["organisations"],
            item["respondents"],
            item["withheld_reason"],
        )
        for item in data
        if item["key"] in METRICS  # a metric no longer offered is left out, never a crash
    }


def _make_yearly(year: int, today: date) -> list[PooledReference]:
    # Every campaign of the year closes first: the reference is made once and never again.
    for campaign in Campaign.objects.filter(closed_on__isnull=True, closes_on__year=year):
        close_if_due(campaign=campaign, today=today)
    contributions = _contributions(Organisation.objects.all(), date(year, 1, 1), date(year, 12, 31))
    rows = [
        PooledReference(
            year=year, kind=kind, computed_on=today, figures=[_figure_data(f) for f in figures]
        )
        for kind, figures in _yearly_figures(contributions).items()
    ]
    # The rows of a year are decided together, so they are written together: a request that
    # made them a moment earlier wins, and this one reads its rows.
    try:
        with transaction.atomic():
            PooledReference.objects.bulk_create(rows)
    except IntegrityError:
        return list(PooledReference.objects.filter(year=year))
    return rows


def yearly_reference(*, year: int, today: date) -> dict[str, dict[str, PooledFigure]] | None:
    """The platform's frozen reference of `year` by kind ("" for all employers) and metric key,
    made on the first read after the year ended; None while the year is not over."""
    if year >= today.year:
        return None
    rows = list(PooledReference.objects.filter(year=year))
    if not rows:
        rows = _make_yearly(year, today)
    return {row.kind: _figures_from(row.figures) for row in rows}


def reference_year(*, closes_on: date, today: date) -> int:
    """The year of the reference for a campaign: its own year once that is over, else the
    latest complete year."""
    return min(closes_on.year, today.year - 1)


@dataclass(frozen=True)
class PlatformReference:
    figure: PooledFigure
    year: int
    kind: str  # an OrganisationKind value, or ALL_EMPLOYERS

    @property
    def group_label(self) -> str | Promise:
        return GROUP_LABELS.get(self.kind) or OrganisationKind(self.kind).label


def platform_reference_for(
    *, organisation: Organisation, year: int, today: date
) -> dict[str, PlatformReference]:
    """Per metric key the published pooled figure of employers of the organisation's kind in
    `year`, else that of all employers; a metric with neither is left out."""
    reference = yearly_reference(year=year, today=today) or {}
    found = {}
    for key in POOLED_METRICS:
        for kind in (organisation.kind, ALL_EMPLOYERS):
            figure = reference.get(kind, {}).get(key)
            if figure is not None and figure.is_published:
                found[key] = PlatformReference(figure, year, kind)
                break
    return found
