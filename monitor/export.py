"""The monitor's results in the shape people read them: sections of questions, and the export.

Nothing here counts or computes a figure: every count and percentage comes from the one
aggregation function (monitor.aggregation, through monitor.results), which has already
suppressed small groups and their complements. This module only groups, orders and writes them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import tablib
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitor.models import Campaign
from monitor.questionnaire import QuestionKind
from monitor.results import (
    Breakdown,
    Figure,
    QuestionResult,
    Summary,
    breakdown_for,
    breakdowns_for,
    summary_for,
)
from programme.transfer import escape_cell, export_response

# The results page's sections, each gathering one or more sections of the questionnaire.
RESULT_SECTIONS: tuple[tuple[str, Promise, tuple[str, ...]], ...] = (
    ("carers", gettext_lazy("Carers"), ("caregiving",)),
    ("situation", gettext_lazy("Hours and duration of care"), ("situation",)),
    ("manager", gettext_lazy("Talking with the manager"), ("manager", "conversation")),
    ("knowledge", gettext_lazy("Knowledge of regulations and support"), ("knowledge",)),
    ("needs", gettext_lazy("What would help carers"), ("needs",)),
    ("culture", gettext_lazy("Awareness and culture"), ("organisation",)),
    ("custom", gettext_lazy("The organisation's own questions"), ("custom",)),
    ("background", gettext_lazy("Background"), ("background",)),
)
# Questions whose answers are shown ranked, most chosen first, rather than in questionnaire order.
RANKED_QUESTIONS = {"needs"}


@dataclass(frozen=True)
class ResultSection:
    key: str
    title: str | Promise
    questions: list[QuestionResult]

    @property
    def choice_questions(self) -> list[QuestionResult]:
        return [r for r in self.questions if r.question.kind != QuestionKind.SCALE]

    @property
    def scale_questions(self) -> list[QuestionResult]:
        return [r for r in self.questions if r.question.kind == QuestionKind.SCALE]


def ranked(figures: Iterable[Figure]) -> list[Figure]:
    """Most chosen first; suppressed figures last, in their original order."""
    return sorted(figures, key=lambda f: (f.percentage is None, -(f.percentage or 0)))


def ordered_figures(result: QuestionResult) -> list[Figure]:
    """A question's figures in the order the results show them."""
    if result.question.key in RANKED_QUESTIONS:
        return ranked(result.figures)
    return list(result.figures)


def sections_of(questions: Sequence[QuestionResult]) -> list[ResultSection]:
    """The question results grouped into the results page's sections; empty sections left out."""
    sections = []
    for key, title, questionnaire_sections in RESULT_SECTIONS:
        members = [r for r in questions if r.question.section in questionnaire_sections]
        if members:
            sections.append(ResultSection(key, title, members))
    return sections


def section_title_by_question(questions: Sequence[QuestionResult]) -> dict[int, str]:
    return {
        result.question.code: str(section.title)
        for section in sections_of(questions)
        for result in section.questions
    }


# --- The export -------------------------------------------------------------------------------


def _percentage(value: float | None) -> float | None:
    # One decimal is what an aggregated percentage can honestly claim; the page shows whole ones.
    return None if value is None else round(value, 1)


def _question_rows(
    table: str,
    group: str,
    group_size: int | None,
    questions: Sequence[QuestionResult],
    titles: dict[int, str],
) -> list[list]:
    rows = []
    for result in questions:
        for figure in ordered_figures(result):
            suppressed = figure.count is None or figure.percentage is None
            rows.append(
                [
                    table,
                    group,
                    group_size,
                    titles.get(result.question.code, ""),
                    str(result.question.text),
                    str(result.base_label),
                    result.base_count,
                    str(figure.label),
                    figure.count,
                    _percentage(figure.percentage),
                    _("suppressed") if suppressed else "",
                ]
            )
    return rows


def results_dataset(*, summary: Summary, breakdowns: Sequence[Breakdown]) -> tablib.Dataset:
    """The published figures of a campaign as one table: the whole group, then each breakdown.

    Suppressed cells are left empty and marked in the last column. Every text cell is escaped,
    since department names and custom questions are typed by users.
    """
    if not summary.is_publishable:
        dataset = tablib.Dataset()
        if not summary.is_closed:
            message = _(
                "No results yet: they are computed once, when the campaign has closed "
                "(after %(day)s)."
            ) % {"day": date_format(summary.campaign.closes_on, "j F Y")}
        else:
            message = _("Fewer than %(count)d people responded, so no results are shown.") % {
                "count": summary.min_group_size
            }
        dataset.append([message])
        return dataset
    dataset = tablib.Dataset(
        headers=[
            _("table"),
            _("group"),
            _("group size"),
            _("section"),
            _("question"),
            _("asked"),
            _("number asked"),
            _("answer"),
            _("count"),
            _("percentage"),
            _("suppressed"),
        ]
    )
    titles = section_title_by_question(summary.questions)
    overall = _("All respondents")
    dataset.append(
        [
            overall,
            "",
            None,
            "",
            _("Responses"),
            "",
            None,
            "",
            summary.response_count,
            _percentage(summary.response_rate),
            "" if summary.response_count is not None else _("suppressed"),
        ]
    )
    rows = _question_rows(overall, "", summary.response_count, summary.questions, titles)
    for breakdown in breakdowns:
        table = _("Breakdown: %(dimension)s") % {"dimension": breakdown.by_label}
        for group in breakdown.groups:
            rows += _question_rows(table, str(group.label), group.count, group.questions, titles)
    for row in rows:
        dataset.append([escape_cell(value) for value in row])
    return dataset


class _AggregateTable:
    """Lets the shared export_response write a dataset that no model resource produces."""

    sheet_title = gettext_lazy("Results")

    def __init__(self, dataset: tablib.Dataset):
        self.dataset = dataset

    def export(self, queryset=None) -> tablib.Dataset:
        return self.dataset


def results_export_response(*, campaign: Campaign, file_format: str, filename: str):
    """A CSV or XLSX download of the campaign's published figures and every breakdown."""
    summary = summary_for(campaign=campaign)
    breakdowns = (
        [breakdown_for(campaign=campaign, by=by) for by in breakdowns_for(campaign=campaign)]
        if summary.is_publishable
        else []
    )
    dataset = results_dataset(summary=summary, breakdowns=breakdowns)
    return export_response(_AggregateTable(dataset), file_format, filename)
