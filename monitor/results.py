"""The monitor's results: every published figure, computed through monitor.aggregation.

The database counts with two GROUP BY queries (responses by group, answers by question, option
and group); everything else is arithmetic over those counts, so a campaign with 100,000 responses
costs the same number of queries as one with ten. Metrics are derived only from published
figures, never from raw counts: a sum of raw counts could give away a suppressed cell.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from monitor.aggregation import (
    NO_ANSWER,
    Counts,
    Published,
    Shape,
    publish_breakdown,
    publish_table,
)
from monitor.models import Answer, Campaign, Department, ReferenceFigure, Response, TextAnswer
from monitor.questionnaire import (
    CARER_YES,
    Q_AGE_BAND,
    Q_CARER,
    Q_DEPARTMENT,
    VERSIONS,
    Option,
    Question,
    QuestionKind,
)
from monitor.selectors import department_labels, questionnaire_for
from programme.models import Organisation

# Free-text answers are shown from this many responses (or the campaign's minimum, if higher).
MIN_RESPONSES_FOR_TEXTS = 10

BREAKDOWNS: dict[str, str | Promise] = {
    "carer": _("Carer or not"),
    "age_band": _("Age"),
    "department": _("Department"),
}
# The Response (and Answer) column that holds each breakdown's group.
_GROUP_COLUMN = {"carer": "is_carer", "age_band": "age_band", "department": "department"}

# What a question's percentages are a share of, by the cell whose respondents were asked it.
_BASE_LABELS = {
    None: _("all respondents"),
    (Q_CARER, CARER_YES): _("carers"),
    (6, 1): _("carers who talked with their manager"),
}

METRICS: dict[str, str | Promise] = {
    "response-rate": _("Response rate"),
    "carer-share": _("Employees who care for someone"),
    "discussed-with-manager": _("Carers who talked with their manager"),
    "wants-to-discuss": _("Carers who would like to talk with their manager"),
    "good-solution-when-discussed": _("Found a good solution after talking with their manager"),
    "knows-regulations": _("Know the organisation's regulations well"),
    "knows-municipal-support": _("Know the municipality's support"),
    "uses-municipal-support": _("Carers who use the municipality's support"),
    "culture-open": _("Find that caregiving can be discussed openly"),
    "awareness": _("Know that the organisation pays attention to caregiving"),
    "manager-understanding": _("Find that managers show understanding"),
    "needs-attention": _("Carers who would be helped by attention and understanding"),
    "needs-flexibility": _("Carers who would be helped by flexibility"),
    "needs-leave": _("Carers who would be helped by leave"),
    "needs-information": _("Carers who would be helped by information"),
}
# Metric key -> (question, the options that count): each a share of that question's base.
_METRIC_CELLS: dict[str, tuple[int, tuple[int, ...]]] = {
    "carer-share": (Q_CARER, (CARER_YES,)),
    "discussed-with-manager": (6, (1,)),
    "wants-to-discuss": (6, (2,)),
    "good-solution-when-discussed": (7, (1,)),
    "knows-regulations": (8, (1,)),
    "knows-municipal-support": (9, (1, 2)),
    "culture-open": (12, (4, 5)),
    "awareness": (13, (4, 5)),
    "manager-understanding": (14, (4, 5)),
    "needs-attention": (10, (1,)),
    "needs-flexibility": (10, (2,)),
    "needs-leave": (10, (3,)),
    "needs-information": (10, (4,)),
}


@dataclass(frozen=True)
class Figure:
    """One published cell."""

    label: str
    count: int | None  # None = suppressed
    percentage: float | None  # share of the base in %, unrounded; None when suppressed
    option: int | None = None  # the option code; None for "no answer"


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    base_label: str | Promise
    base_count: int | None  # the size of the group asked this question; None when suppressed
    # In option order, then "no answer" for single choice and scale questions. A multiple-choice
    # question has no "no answer" figure; each option is its share of the base.
    figures: list[Figure]


@dataclass(frozen=True)
class GroupResult:
    label: str
    count: int | None
    questions: list[QuestionResult]


@dataclass(frozen=True)
class Breakdown:
    by: str
    by_label: str | Promise
    groups: list[GroupResult]


@dataclass(frozen=True)
class Summary:
    campaign: Campaign
    min_group_size: int
    # False below the minimum number of responses: then nothing else is filled in.
    is_publishable: bool
    response_count: int | None
    response_rate: float | None
    questions: list[QuestionResult]
    metrics: dict[str, float | None]
    free_texts: list[str]


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    label: str | Promise
    this: float | None
    previous: float | None
    previous_title: str | None
    reference: ReferenceFigure | None


# --- Counting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    """The counts of one campaign by one group column, and the questions they belong to."""

    questions: list[Question]  # the counted ones: all but free text
    texts: list[Question]
    shapes: list[Shape]
    overall: Counts
    groups: dict[object, Counts]


def _results_questions(campaign: Campaign) -> tuple[list[Question], list[Question]]:
    """The campaign's counted and free-text questions; every department (also inactive ones)
    is labelled."""
    questionnaire = questionnaire_for(campaign=campaign)
    labels = department_labels(organisation=campaign.organisation)
    by_name = sorted(labels.items(), key=lambda item: item[1])
    departments = tuple(Option(code, name) for code, name in by_name)
    questions = [q for q in questionnaire.questions if q.kind != QuestionKind.TEXT]
    codes = [q.code for q in questions]
    if Q_DEPARTMENT in codes:
        questions[codes.index(Q_DEPARTMENT)] = replace(
            questions[codes.index(Q_DEPARTMENT)], options=departments
        )
    elif departments:
        # All departments are inactive now, but old answers still name them.
        standard = VERSIONS[campaign.questionnaire_version].question(Q_DEPARTMENT)
        questions.append(replace(standard, options=departments))
    return questions, [q for q in questionnaire.questions if q.kind == QuestionKind.TEXT]


def _shape(question: Question, answered: set[int]) -> Shape:
    """The aggregation's view of a question; options found in answers but no longer offered
    (a removed custom option, a deleted department) are counted under their code."""
    options = tuple(o.code for o in question.options)
    extra = tuple(sorted(answered - set(options)))
    condition = question.condition
    return Shape(
        code=question.code,
        options=options + extra,
        is_multi=question.kind == QuestionKind.MULTI,
        parent=(condition.question, condition.option) if condition else None,
    )


def _tables(campaign: Campaign, by: str) -> _Tables:
    """Two GROUP BY queries: responses by group, answers by (question, option, group)."""
    column = _GROUP_COLUMN[by]
    questions, texts = _results_questions(campaign)
    responses = Response.objects.filter(campaign=campaign).values(column).annotate(n=Count("id"))
    answers = (
        Answer.objects.filter(campaign=campaign)
        .values("question", "option", column)
        .annotate(n=Count("id"))
        .order_by()
    )
    totals: dict[object, int] = defaultdict(int)
    for row in responses.order_by():
        totals[row[column]] += row["n"]
    by_group: dict[object, dict[tuple[int, int], int]] = defaultdict(dict)
    overall: dict[tuple[int, int], int] = defaultdict(int)
    answered: dict[int, set[int]] = defaultdict(set)
    for row in answers:
        cell = (row["question"], row["option"])
        by_group[row[column]][cell] = row["n"]
        overall[cell] += row["n"]
        answered[row["question"]].add(row["option"])
    return _Tables(
        questions=questions,
        texts=texts,
        shapes=[_shape(q, answered[q.code]) for q in questions],
        overall=Counts(sum(totals.values()), dict(overall)),
        groups={
            g: Counts(totals.get(g, 0), by_group.get(g, {})) for g in set(totals) | set(by_group)
        },
    )


# --- From published cells to figures ----------------------------------------------------------


def _percentage(count: int | None, base: int | None) -> float | None:
    if count is None or not base:
        return None
    return 100 * count / base


def _question_results(
    questions: list[Question], shapes: list[Shape], published: Published
) -> list[QuestionResult]:
    results = []
    for question, shape in zip(questions, shapes, strict=True):
        base = published.bases.get(question.code)
        figures = []
        for code in shape.options:
            count = published.cells[(question.code, code)]
            figures.append(
                Figure(question.label_for(code), count, _percentage(count, base), option=code)
            )
        if not shape.is_multi:
            count = published.cells[(question.code, NO_ANSWER)]
            figures.append(Figure(str(_("No answer")), count, _percentage(count, base)))
        results.append(
            QuestionResult(
                question=question,
                base_label=_BASE_LABELS.get(shape.parent, _("respondents asked this question")),
                base_count=base,
                figures=figures,
            )
        )
    return results


def _share(results: list[QuestionResult], code: int, options: tuple[int, ...]) -> float | None:
    """The share of `options` in a question's base, only when each of them is published."""
    for result in results:
        if result.question.code != code:
            continue
        counts = [f.count for f in result.figures if f.option in options]
        if len(counts) != len(options) or None in counts or not result.base_count:
            return None
        return 100 * sum(counts) / result.base_count
    return None


def _groups(by: str, tables: _Tables) -> list[tuple[object, str, tuple | None]]:
    """A breakdown's groups in display order: (value in the group column, label, the summary
    cell that is the same group of respondents, if any)."""
    if by == "carer":
        groups: list[tuple[object, str, tuple | None]] = [
            (True, str(_("Carers")), (Q_CARER, CARER_YES)),
            (False, str(_("Not a carer, or no answer")), None),
        ]
    else:
        code = Q_AGE_BAND if by == "age_band" else Q_DEPARTMENT
        found = [
            (q, s) for q, s in zip(tables.questions, tables.shapes, strict=True) if q.code == code
        ]
        groups = [
            (option, question.label_for(option), (code, option))
            for question, shape in found
            for option in shape.options
        ]
        groups.append((None, str(_("No answer")), (code, NO_ANSWER)))
    # A value no option knows (stored without its answer) still gets its group, so that the
    # groups add up to all respondents.
    known = {value for value, _label, _cell in groups}
    return groups + [(value, str(value), None) for value in tables.groups if value not in known]


def _breakdown(tables: _Tables, by: str, overall: Published, min_size: int) -> Breakdown:
    # Background questions stay out of the groups: age within departments and departments within
    # age bands would publish one cross table twice, in two suppression patterns that can be
    # combined to undo each other.
    keep = [i for i, q in enumerate(tables.questions) if not q.is_background]
    questions = [tables.questions[i] for i in keep]
    shapes = [tables.shapes[i] for i in keep]
    groups = _groups(by, tables)
    counts = {value: tables.groups.get(value, Counts(0, {})) for value, _l, _c in groups}
    published = publish_breakdown(
        shapes,
        counts,
        overall,
        min_size=min_size,
        group_cells={value: cell for value, _label, cell in groups if cell is not None},
    )
    return Breakdown(
        by=by,
        by_label=BREAKDOWNS[by],
        groups=[
            GroupResult(
                label=label,
                count=published[value].total,
                questions=_question_results(questions, shapes, published[value]),
            )
            for value, label, _cell in groups
        ],
    )


# --- The API ------------------------------------------------------------------------------


def breakdowns_for(*, campaign: Campaign) -> dict[str, str | Promise]:
    """The breakdowns this campaign offers: by department only if the organisation has any."""
    has_departments = Department.objects.filter(organisation_id=campaign.organisation_id).exists()
    return {by: label for by, label in BREAKDOWNS.items() if by != "department" or has_departments}


def summary_for(*, campaign: Campaign) -> Summary:
    """Every published figure of a campaign, its metrics and (from 10 responses) its free texts."""
    min_size = campaign.min_group_size
    tables = _tables(campaign, "carer")
    total = tables.overall.total
    if total < min_size:
        return Summary(
            campaign=campaign,
            min_group_size=min_size,
            is_publishable=False,
            response_count=None,
            response_rate=None,
            questions=[],
            metrics=dict.fromkeys(METRICS),
            free_texts=[],
        )
    overall = publish_table(tables.shapes, tables.overall, min_size=min_size)
    questions = _question_results(tables.questions, tables.shapes, overall)
    rate = 100 * total / campaign.invited_count if campaign.invited_count else None
    metrics: dict[str, float | None] = {"response-rate": rate}
    for key, (code, options) in _METRIC_CELLS.items():
        metrics[key] = _share(questions, code, options)
    carers = _breakdown(tables, "carer", overall, min_size).groups[0]
    metrics["uses-municipal-support"] = _share(carers.questions, 9, (1,))
    return Summary(
        campaign=campaign,
        min_group_size=min_size,
        is_publishable=True,
        response_count=total,
        response_rate=rate,
        questions=questions,
        metrics={key: metrics.get(key) for key in METRICS},
        free_texts=_free_texts(campaign, tables.texts, overall),
    )


def _free_texts(campaign: Campaign, questions: list[Question], overall: Published) -> list[str]:
    """Free texts from 10 responses on, shuffled, without dates; not when who was asked is
    suppressed (three texts from three carers would show there are at least three)."""
    if (overall.total or 0) < max(MIN_RESPONSES_FOR_TEXTS, campaign.min_group_size):
        return []
    allowed = []
    for question in questions:
        condition = question.condition
        parent = (condition.question, condition.option) if condition else None
        if overall.total if parent is None else overall.cells.get(parent):
            allowed.append(question.code)
    if not allowed:
        return []
    texts = list(
        TextAnswer.objects.filter(campaign=campaign, question__in=allowed).values_list(
            "text", flat=True
        )
    )
    random.shuffle(texts)
    return texts


def breakdown_for(*, campaign: Campaign, by: str) -> Breakdown:
    """The published figures of each group of respondents (by carer, age band or department)."""
    if by not in BREAKDOWNS:
        raise ValueError(f"Unknown breakdown: {by!r}")
    min_size = campaign.min_group_size
    tables = _tables(campaign, by)
    if tables.overall.total < min_size:
        return Breakdown(by=by, by_label=BREAKDOWNS[by], groups=[])
    overall = publish_table(tables.shapes, tables.overall, min_size=min_size)
    return _breakdown(tables, by, overall, min_size)


def previous_campaign(*, campaign: Campaign) -> Campaign | None:
    """The organisation's latest campaign that closed before this one opened."""
    return (
        Campaign.objects.filter(
            organisation_id=campaign.organisation_id, closes_on__lt=campaign.opens_on
        )
        .order_by("-closes_on", "-opens_on", "-id")
        .first()
    )


def comparison_for(*, campaign: Campaign, summary: Summary) -> list[ComparisonRow]:
    """Each metric next to the previous campaign's (by its own minimum) and the national figure."""
    previous = previous_campaign(campaign=campaign)
    before = summary_for(campaign=previous) if previous else None
    references = {r.key: r for r in ReferenceFigure.objects.filter(key__in=list(METRICS))}
    return [
        ComparisonRow(
            key=key,
            label=label,
            this=summary.metrics.get(key),
            previous=before.metrics.get(key) if before else None,
            previous_title=previous.title if previous else None,
            reference=references.get(key),
        )
        for key, label in METRICS.items()
    ]


def latest_summary_for(*, organisation: Organisation, today: date) -> Summary | None:
    """The summary of the latest campaign that has closed, else of the latest one, else None."""
    campaigns = Campaign.objects.filter(organisation=organisation)
    campaign = (
        campaigns.filter(closes_on__lt=today).order_by("-closes_on", "-opens_on", "-id").first()
        or campaigns.order_by("-opens_on", "-id").first()
    )
    return summary_for(campaign=campaign) if campaign else None
