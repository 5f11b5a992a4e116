"""The monitor's results for HR advisors, managers and advisors, its export and dashboard panel.

Every figure on these pages comes from monitor.results (the one aggregation function, which
suppresses small groups and their complements); the views only arrange and label them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit import record_download
from monitor import charts
from monitor.access import campaign_for, results_campaign_for
from monitor.campaign_services import free_texts_share
from monitor.closing import close_if_due
from monitor.export import ResultSection, ordered_figures, results_export_response, sections_of
from monitor.pooling import platform_reference_for, reference_year
from monitor.questionnaire import Q_CARER
from monitor.results import (
    Breakdown,
    Figure,
    GroupResult,
    QuestionResult,
    Summary,
    breakdown_for,
    breakdowns_for,
    comparison_for,
    free_texts_for,
    summary_for,
)
from monitor.selectors import campaign_progress, campaigns_for
from monitor.snapshots import latest_closed_campaign
from monitor.suggestions import suggestions_for
from monitor.templatetags.monitor_cells import percentage_cell
from programme.scoping import OrgContext, org_view
from programme.transfer import CONTENT_TYPES

# The headline figures of the dashboard, by their key in Summary.metrics.
CARER_SHARE = "carer-share"
DISCUSSED_WITH_MANAGER = "discussed-with-manager"


# --- What the template shows ------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceBlock:
    """One single- or multiple-choice question: its chart and, below it, the same figures."""

    result: QuestionResult
    figures: list[Figure]
    chart: SafeString


@dataclass(frozen=True)
class ScaleBlock:
    """The 5-point-scale questions of a section, in one chart and one table.

    The chart stacks the five answers; the table also has the "no answer" column.
    """

    results: list[QuestionResult]
    columns: list[str]
    chart: SafeString


@dataclass(frozen=True)
class SectionBlock:
    key: str
    title: str
    choices: list[ChoiceBlock]
    scale: ScaleBlock | None


def _choice_block(result: QuestionResult) -> ChoiceBlock:
    figures = ordered_figures(result)
    bars = [charts.Bar(str(f.label), f.percentage, f.count) for f in figures]
    chart = charts.bar_chart(
        bars, title=str(result.question.text), chart_id=f"chart-{result.question.key}"
    )
    return ChoiceBlock(result, figures, chart)


def _scale_block(section: ResultSection) -> ScaleBlock | None:
    results = section.scale_questions
    if not results:
        return None
    legend = [str(option.label) for option in results[0].question.options]
    rows = [
        (str(r.question.text), [f.percentage for f in r.figures if f.option is not None])
        for r in results
    ]
    chart = charts.scale_chart(
        rows, title=str(section.title), chart_id=f"chart-{section.key}-scale", legend=legend
    )
    return ScaleBlock(results, [str(f.label) for f in results[0].figures], chart)


def _section_blocks(summary: Summary) -> list[SectionBlock]:
    return [
        SectionBlock(
            section.key,
            str(section.title),
            [_choice_block(result) for result in section.choice_questions],
            _scale_block(section),
        )
        for section in sections_of(summary.questions)
    ]


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    cells: list[Figure | None]  # one per group; None when the group has no such answer

    @property
    def cells_html(self) -> SafeString:
        """The row's cells, made here: a breakdown by department has a thousand of them, and a
        template tag per cell costs more than the rest of the page."""
        return mark_safe(
            "".join(
                f'<td class="text-end">{percentage_cell(f.percentage if f else None)}</td>'
                for f in self.cells
            )
        )


@dataclass(frozen=True)
class BreakdownTable:
    """One question broken down: the groups that were asked it as columns, the answers as rows."""

    question: QuestionResult
    groups: list[GroupResult]
    bases: list[int | None]
    rows: list[BreakdownRow]


# The question whose answers define a breakdown's groups, where it is not a background question
# (those are left out of breakdowns altogether).
_DIMENSION_QUESTION = {"carer": Q_CARER}


def _figure_key(figure: Figure):
    return figure.option if figure.option is not None else str(figure.label)


def _breakdown_tables(breakdown: Breakdown) -> list[BreakdownTable]:
    if not breakdown.groups:
        return []
    by_code = [{r.question.code: r for r in group.questions} for group in breakdown.groups]
    tables = []
    for first in breakdown.groups[0].questions:
        code = first.question.code
        if code == _DIMENSION_QUESTION.get(breakdown.by):
            continue  # carers broken down by carer or not say nothing new
        # A group that was not asked the question (no carer gets the carers' questions) has no
        # column: it would be a row of dashes that reads as "too few".
        asked = [i for i, results in enumerate(by_code) if code in results]
        groups = [breakdown.groups[i] for i in asked]
        per_group = [by_code[i][code] for i in asked]
        figures_by_key = [
            {_figure_key(f): f for f in result.figures} if result else {} for result in per_group
        ]
        rows = [
            BreakdownRow(
                str(figure.label), [figures.get(_figure_key(figure)) for figures in figures_by_key]
            )
            for figure in first.figures
        ]
        bases = [result.base_count if result else None for result in per_group]
        tables.append(BreakdownTable(first, groups, bases, rows))
    return tables


# --- The pages ---------------------------------------------------------------------------------


@org_view(followers=True)
def campaign_results(request, ctx: OrgContext, pk: int):
    """The campaign's figures, charts with their tables, a breakdown, comparison and suggestions;
    before the close only when they will appear, and why (followers: closed campaigns only)."""
    today = timezone.localdate()
    campaign = close_if_due(campaign=results_campaign_for(ctx, pk), today=today)
    summary = summary_for(campaign=campaign)
    breakdowns = breakdowns_for(campaign=campaign)
    by = request.GET.get("by", "")
    if by and by not in breakdowns:
        raise Http404
    context = {
        "ctx": ctx,
        "campaign": campaign,
        "state": campaign.state_on(today),
        "summary": summary,
        "breakdowns": breakdowns,
        "by": by,
        "results_from": campaign.closes_on + timedelta(days=1),
        "progress": None if campaign.is_closed else campaign_progress(campaign=campaign),
    }
    if summary.is_publishable:
        breakdown = breakdown_for(campaign=campaign, by=by) if by else None
        # Employers on the platform: the frozen pool of the campaign's year once that is over.
        pooled_year = reference_year(closes_on=campaign.closes_on, today=today)
        pooled = platform_reference_for(
            organisation=ctx.organisation, year=pooled_year, today=today
        )
        comparison = comparison_for(campaign=campaign, summary=summary)
        context |= {
            "sections": _section_blocks(summary),
            "breakdown": breakdown,
            "breakdown_tables": _breakdown_tables(breakdown) if breakdown else [],
            "comparison": [(row, pooled.get(row.key)) for row in comparison],
            "pooled_year": pooled_year,
            "pool_min_respondents": settings.MONITOR_POOL_MIN_RESPONDENTS,
            "suggestions": suggestions_for(metrics=summary.metrics),
            # The snapshot holds a random selection, fixed at close; who may read it, HR decides.
            "free_texts": free_texts_for(
                summary=summary, is_hr=ctx.is_hr, is_follower=ctx.is_follower
            ),
            "has_free_texts": bool(summary.free_texts) and ctx.is_hr,
            "can_edit": ctx.is_hr,
        }
    return render(request, "monitor/results.html", context)


@org_view(hr_only=True)
@require_POST
def free_texts_sharing(request, ctx: OrgContext, pk: int):
    """HR shares the written answers with managers, or stops sharing (never with followers)."""
    campaign = campaign_for(ctx, pk)
    shared = request.POST.get("share") == "1"
    free_texts_share(campaign=campaign, shared=shared)
    if shared:
        messages.success(request, _("Managers can now read the written answers."))
    else:
        messages.success(request, _("Only HR advisors can read the written answers now."))
    return redirect(
        f"{reverse('monitor:results', kwargs={'slug': ctx.organisation.slug, 'pk': campaign.pk})}"
        "#free-texts"
    )


@org_view(followers=True)
def results_export(request, ctx: OrgContext, pk: int, file_format: str):
    """The published figures as CSV or XLSX; only a 'no results yet' line before that."""
    campaign = close_if_due(campaign=results_campaign_for(ctx, pk), today=timezone.localdate())
    if file_format not in CONTENT_TYPES:
        raise Http404
    filename = f"monitor-{ctx.organisation.slug}-{campaign.pk}-{timezone.localdate():%Y%m%d}"
    record_download(request, ctx, f"monitor results ({file_format})", campaign)
    return results_export_response(campaign=campaign, file_format=file_format, filename=filename)


def dashboard_panel(ctx: OrgContext, today: date) -> dict:
    """The dashboard's monitor section: the latest closed campaign's headline figures, if any,
    and the coarse progress of a campaign that is open now."""
    campaign = latest_closed_campaign(organisation=ctx.organisation, today=today)
    open_campaign = (
        campaigns_for(organisation=ctx.organisation)
        .filter(closed_on__isnull=True, opens_on__lte=today, closes_on__gte=today)
        .order_by("closes_on", "id")
        .first()
    )
    panel: dict = {
        "summary": None,
        "open_campaign": open_campaign,
        "open_progress": campaign_progress(campaign=open_campaign) if open_campaign else None,
    }
    if campaign is None:
        return panel
    summary = summary_for(campaign=campaign)
    return panel | {
        "summary": summary,
        "state": campaign.state_on(today),
        "carer_share": summary.metrics.get(CARER_SHARE),
        "discussed": summary.metrics.get(DISCUSSED_WITH_MANAGER),
    }
