"""The monitor's results: computed once at close into a snapshot, and read back from it.

`snapshot_data` runs at close (monitor.closing): it reads the campaign's running counts (one
query), publishes them through monitor.aggregation with the close's random perturbation, and
returns plain data: the published cells of the summary and of each breakdown, their bases, the
previous campaign's metrics and the selection of free texts. Every other function here reads
that snapshot and never the counts, so a campaign of 100,000 responses costs the same few small
reads as one of ten, and nothing changes once it is written.

Metrics are derived only from published figures, never from raw counts: a sum of raw counts
could give away a suppressed cell.
"""

import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace

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
from monitor.models import (
    GROUP_SIZE,
    NO_GROUP,
    AnswerTally,
    Campaign,
    Department,
    Dimension,
    ReferenceFigure,
    Snapshot,
    TextAnswer,
)
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
from monitor.selectors import OwnQuestion, department_labels, questionnaire_for

# Free-text answers are shown from this many responses (or the campaign's minimum, if higher),
# and only when at least this many texts were written: one text among a few is easy to place.
MIN_RESPONSES_FOR_TEXTS = 10
MIN_TEXTS = 10
# The snapshot keeps a random selection of this many texts; the rest go with the raw data.
TEXTS_IN_SNAPSHOT = 100
SNAPSHOT_VERSION = 1

BREAKDOWNS: dict[str, str | Promise] = {
    "carer": _("Carer or not"),
    "age_band": _("Age"),
    "department": _("Department"),
}
# The tally's dimension that holds each breakdown's groups.
_DIMENSION = {
    "carer": Dimension.CARER,
    "age_band": Dimension.AGE_BAND,
    "department": Dimension.DEPARTMENT,
}

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
    # False while the campaign is open and below the minimum number of responses: then nothing
    # else is filled in.
    is_publishable: bool
    response_count: int | None
    response_rate: float | None
    questions: list[QuestionResult]
    metrics: dict[str, float | None]
    free_texts: list[str]
    # Whether the campaign has closed with its snapshot: before that no figure exists at all.
    is_closed: bool = True


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    label: str | Promise
    this: float | None
    previous: float | None
    previous_title: str | None
    reference: ReferenceFigure | None


# --- Counting -------------------------------------------------------------------------------


def _department_options(labels: dict[int, str]) -> tuple[Option, ...]:
    return tuple(Option(code, name) for code, name in sorted(labels.items(), key=lambda i: i[1]))


def _results_questions(
    campaign: Campaign, labels: dict[int, str], own: list[OwnQuestion] | None = None
) -> tuple[list[Question], list[Question]]:
    """The campaign's counted and free-text questions; every department in `labels` (also
    inactive ones) is labelled. `own`: the own questions as a snapshot froze them."""
    if own is None:
        questionnaire = questionnaire_for(campaign=campaign)
    else:
        questionnaire = questionnaire_for(campaign=campaign, own_questions=own, departments=labels)
    departments = _department_options(labels)
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


def _group_value(dimension: int, stored: int):
    """A tally group as the breakdowns name it: True/False for carers, None for no answer."""
    if dimension == Dimension.CARER:
        return bool(stored)
    return None if stored == NO_GROUP else stored


def _tally(campaign: Campaign) -> dict[str, dict[object, Counts]]:
    """The running counts by breakdown and group, in one query."""
    totals: dict[str, dict[object, int]] = {by: defaultdict(int) for by in _DIMENSION}
    answers: dict[str, dict[object, dict]] = {by: defaultdict(dict) for by in _DIMENSION}
    by_dimension = {int(dimension): by for by, dimension in _DIMENSION.items()}
    rows = AnswerTally.objects.filter(campaign=campaign).values_list(
        "dimension", "group_value", "question", "option", "count"
    )
    for dimension, stored, question, option, count in rows:
        by = by_dimension[dimension]
        group = _group_value(dimension, stored)
        if question == GROUP_SIZE:
            totals[by][group] += count
        else:
            answers[by][group][(question, option)] = count
    return {
        by: {
            group: Counts(totals[by].get(group, 0), answers[by].get(group, {}))
            for group in set(totals[by]) | set(answers[by])
        }
        for by in _DIMENSION
    }


def _overall(groups: dict[object, Counts]) -> Counts:
    cells: dict[tuple[int, int], int] = defaultdict(int)
    for counts in groups.values():
        for cell, n in counts.answers.items():
            cells[cell] += n
    return Counts(sum(c.total for c in groups.values()), dict(cells))


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


def _share_counts(
    results: list[QuestionResult], code: int, options: tuple[int, ...]
) -> tuple[int, int] | None:
    """The published count of `options` in a question and its base, only when each of them and
    the base are published."""
    for result in results:
        if result.question.code != code:
            continue
        counts = [f.count for f in result.figures if f.option in options]
        if len(counts) != len(options) or None in counts or not result.base_count:
            return None
        return sum(counts), result.base_count
    return None


def _groups(
    by: str, questions: list[Question], shapes: list[Shape], present: Iterable
) -> list[tuple[object, str, tuple | None]]:
    """A breakdown's groups in display order: (value in the group column, label, the summary
    cell that is the same group of respondents, if any)."""
    if by == "carer":
        groups: list[tuple[object, str, tuple | None]] = [
            (True, str(_("Carers")), (Q_CARER, CARER_YES)),
            (False, str(_("Not a carer, or no answer")), None),
        ]
    else:
        code = Q_AGE_BAND if by == "age_band" else Q_DEPARTMENT
        found = [(q, s) for q, s in zip(questions, shapes, strict=True) if q.code == code]
        groups = [
            (option, question.label_for(option), (code, option))
            for question, shape in found
            for option in shape.options
        ]
        groups.append((None, str(_("No answer")), (code, NO_ANSWER)))
    # A value no option knows (stored without its answer) still gets its group, so that the
    # groups add up to all respondents.
    known = {value for value, _label, _cell in groups}
    return groups + [(value, str(value), None) for value in present if value not in known]


def _carers_only(shapes: Sequence[Shape]) -> frozenset[int]:
    """The questions asked only of carers: those whose chain of conditions leads to "Yes, I care
    for someone"."""
    parents = {shape.code: shape.parent for shape in shapes}
    only = set()
    for code, parent in parents.items():
        seen: set[int] = set()
        while parent is not None and parent[0] not in seen:
            if parent == (Q_CARER, CARER_YES):
                only.add(code)
                break
            seen.add(parent[0])
            parent = parents.get(parent[0])
    return frozenset(only)


def _not_asked(by: str, value, shapes: Sequence[Shape]) -> frozenset[int]:
    """The questions that nobody in this group was asked: in the breakdown by carer, the carers'
    questions for the group of those who care for nobody (or did not say). Their figures would
    be an empty column of dashes that reads as "too few" where the truth is "not asked"."""
    if by == "carer" and value is not True:
        return _carers_only(shapes)
    return frozenset()


def _without(published: Published, codes: frozenset[int]) -> Published:
    if not codes:
        return published
    return Published(
        total=published.total,
        cells={key: n for key, n in published.cells.items() if key[0] not in codes},
        bases={code: n for code, n in published.bases.items() if code not in codes},
    )


def _breakdown_parts(questions: list[Question], shapes: list[Shape]):
    # Background questions stay out of the groups: age within departments and departments within
    # age bands would publish one cross table twice, in two suppression patterns that can be
    # combined to undo each other.
    keep = [i for i, q in enumerate(questions) if not q.is_background]
    return [questions[i] for i in keep], [shapes[i] for i in keep]


# --- The snapshot: written once at close ---------------------------------------------------------


def _cell_name(key: tuple) -> str:
    question, option = key[0], key[1]
    return f"{question}:{'-' if option is NO_ANSWER else option}"


def _cell_key(name: str) -> tuple:
    question, option = name.split(":")
    return (int(question), NO_ANSWER if option == "-" else int(option))


def _published_data(published: Published) -> dict:
    return {
        "total": published.total,
        "cells": {_cell_name(key): n for key, n in published.cells.items()},
        "bases": {str(code): n for code, n in published.bases.items()},
    }


def _published_from(data: dict) -> Published:
    return Published(
        total=data["total"],
        cells={_cell_key(name): n for name, n in data["cells"].items()},
        bases={int(code): n for code, n in data["bases"].items()},
    )


def _snapshot_texts(campaign: Campaign, questions: list[Question], overall: Published) -> list[str]:
    """A random selection of free texts, from 10 responses and 10 texts on; not when who was
    asked is suppressed (three texts from three carers would show there are at least three)."""
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
    if len(texts) < MIN_TEXTS:
        return []
    random.SystemRandom().shuffle(texts)
    return texts[:TEXTS_IN_SNAPSHOT]


def snapshot_data(
    *, campaign: Campaign, noise: Callable[[Hashable], int] | None
) -> tuple[int | None, dict]:
    """Every published figure of a closed campaign, as the snapshot stores it: (responses, data).

    Runs once, at close. `noise` is the close's perturbation (monitor.aggregation.cell_key_noise
    with a seed that is then forgotten); the campaign's response count stays exact.
    """
    min_size = campaign.min_group_size
    labels = department_labels(organisation=campaign.organisation)
    own = [OwnQuestion.of(q) for q in campaign.custom_questions.all()]
    questions, text_questions = _results_questions(campaign, labels, own)
    tally = _tally(campaign)
    overall = _overall(tally["carer"])
    answered: dict[int, set[int]] = defaultdict(set)
    for question, option in overall.answers:
        answered[question].add(option)
    shapes = [_shape(q, answered[q.code]) for q in questions]
    data: dict = {
        "version": SNAPSHOT_VERSION,
        "min_group_size": min_size,
        "departments": {str(code): name for code, name in labels.items()},
        # The wording as it was asked, so that the figures keep their meaning whatever happens
        # to the questions later.
        "own_questions": [asdict(q) for q in own],
        "shapes": [[s.code, list(s.options)] for s in shapes],
        "summary": None,
        "breakdowns": {},
        "free_texts": [],
        "previous": None,
    }
    if overall.total < min_size:
        return None, data
    published = publish_table(shapes, overall, min_size=min_size, noise=noise)
    data["summary"] = _published_data(published)
    data["response_rate"] = (
        100 * overall.total / campaign.invited_count if campaign.invited_count else None
    )
    kept_questions, kept_shapes = _breakdown_parts(questions, shapes)
    for by in breakdowns_for(campaign=campaign):
        groups = _groups(by, questions, shapes, tally[by])
        counts = {value: tally[by].get(value, Counts(0, {})) for value, _l, _c in groups}
        result = publish_breakdown(
            kept_shapes,
            counts,
            published,
            min_size=min_size,
            group_cells={value: cell for value, _label, cell in groups if cell is not None},
            noise=noise,
        )
        data["breakdowns"][by] = [
            [value, _published_data(_without(result[value], _not_asked(by, value, kept_shapes)))]
            for value, _label, _cell in groups
        ]
    data["free_texts"] = _snapshot_texts(campaign, text_questions, published)
    previous = previous_campaign(campaign=campaign)
    if previous is not None:
        before = summary_for(campaign=previous)
        data["previous"] = {"title": previous.title, "metrics": before.metrics}
    return overall.total, data


# --- Reading the snapshot ------------------------------------------------------------------------


def snapshot_of(campaign: Campaign) -> Snapshot | None:
    """The campaign's snapshot, read once per campaign object (several outputs share it)."""
    if not hasattr(campaign, "_snapshot_read"):
        if campaign.closed_on is None:
            campaign._snapshot_read = None
        elif Campaign.snapshot.is_cached(campaign):  # loaded with select_related("snapshot")
            campaign._snapshot_read = campaign.snapshot
        else:
            campaign._snapshot_read = Snapshot.objects.filter(campaign_id=campaign.pk).first()
    return campaign._snapshot_read


@dataclass(frozen=True)
class _Read:
    questions: list[Question]
    shapes: list[Shape]
    data: dict


def _read(campaign: Campaign) -> _Read | None:
    """The snapshot with its questions, built once per campaign object (the summary and the
    breakdown of one page share it)."""
    if not hasattr(campaign, "_read"):
        campaign._read = _build_read(campaign)
    return campaign._read


def _build_read(campaign: Campaign) -> _Read | None:
    snapshot = snapshot_of(campaign)
    if snapshot is None or snapshot.data.get("summary") is None:
        return None
    data = snapshot.data
    labels = {int(code): name for code, name in data["departments"].items()}
    own = [OwnQuestion(**q) for q in data.get("own_questions", [])]
    questions, _texts = _results_questions(campaign, labels, own)
    by_code = {q.code: q for q in questions}
    standard = VERSIONS[campaign.questionnaire_version]
    kept, shapes = [], []
    for code, options in data["shapes"]:
        question = by_code.get(code)
        if question is None:
            try:  # a department question no longer offered
                question = replace(standard.question(code), options=_department_options(labels))
            except KeyError:
                continue  # a question nobody can label any more: left out, never a crash
        kept.append(question)
        # The options as counted at close, also those no longer offered now.
        shapes.append(replace(_shape(question, set()), options=tuple(options)))
    return _Read(kept, shapes, data)


def _breakdown_read(read: _Read, by: str) -> Breakdown:
    questions, shapes = _breakdown_parts(read.questions, read.shapes)
    groups = read.data["breakdowns"].get(by, [])
    # Labelled by the same rule that ordered the groups at close.
    labels = {
        value: label
        for value, label, _cell in _groups(
            by, read.questions, read.shapes, [value for value, _p in groups]
        )
    }

    def asked(value) -> tuple[list[Question], list[Shape]]:
        # Also for a snapshot written before the close left these out.
        left_out = _not_asked(by, value, shapes)
        kept = [i for i, q in enumerate(questions) if q.code not in left_out]
        return [questions[i] for i in kept], [shapes[i] for i in kept]

    return Breakdown(
        by=by,
        by_label=BREAKDOWNS[by],
        groups=[
            GroupResult(
                label=labels[value],
                count=published["total"],
                questions=_question_results(*asked(value), _published_from(published)),
            )
            for value, published in groups
        ],
    )


# --- The API ------------------------------------------------------------------------------


def breakdowns_for(*, campaign: Campaign) -> dict[str, str | Promise]:
    """The breakdowns this campaign offers: by department only if the organisation has any."""
    has_departments = Department.objects.filter(organisation_id=campaign.organisation_id).exists()
    return {by: label for by, label in BREAKDOWNS.items() if by != "department" or has_departments}


def _nothing(campaign: Campaign, *, is_closed: bool) -> Summary:
    return Summary(
        campaign=campaign,
        min_group_size=campaign.min_group_size,
        is_publishable=False,
        response_count=None,
        response_rate=None,
        questions=[],
        metrics=dict.fromkeys(METRICS),
        free_texts=[],
        is_closed=is_closed,
    )


def _metric_counts(
    read: _Read, questions: list[QuestionResult]
) -> dict[str, tuple[int, int] | None]:
    """Each metric but the response rate as (published count, published base), or None."""
    counts = {
        key: _share_counts(questions, code, options)
        for key, (code, options) in _METRIC_CELLS.items()
    }
    counts["uses-municipal-support"] = None
    if read.data["breakdowns"].get("carer"):
        carers = _breakdown_read(read, "carer").groups[0]
        counts["uses-municipal-support"] = _share_counts(carers.questions, 9, (1,))
    return counts


def metric_counts(*, campaign: Campaign) -> dict[str, tuple[int, int] | None]:
    """The numerator and base of each metric but the response rate, from the snapshot's
    published cells (the same that make the campaign's own metrics): what the pooled reference
    figures add up (monitor.pooling). None for a metric whose cells are not all published; an
    empty dict for a campaign without published figures."""
    read = _read(campaign)
    if read is None:
        return {}
    published = _published_from(read.data["summary"])
    return _metric_counts(read, _question_results(read.questions, read.shapes, published))


def summary_for(*, campaign: Campaign) -> Summary:
    """Every published figure of a closed campaign, its metrics and free texts, from its
    snapshot; nothing at all while it is open or below its minimum."""
    read = _read(campaign)
    if read is None:
        return _nothing(campaign, is_closed=snapshot_of(campaign) is not None)
    published = _published_from(read.data["summary"])
    questions = _question_results(read.questions, read.shapes, published)
    metrics: dict[str, float | None] = {"response-rate": read.data.get("response_rate")}
    for key, counts in _metric_counts(read, questions).items():
        metrics[key] = None if counts is None else 100 * counts[0] / counts[1]
    return Summary(
        campaign=campaign,
        min_group_size=read.data["min_group_size"],
        is_publishable=True,
        response_count=published.total,
        response_rate=read.data.get("response_rate"),
        questions=questions,
        metrics={key: metrics.get(key) for key in METRICS},
        free_texts=list(read.data["free_texts"]),
    )


def free_texts_for(*, summary: Summary, is_hr: bool, is_follower: bool = False) -> list[str]:
    """The written answers of the snapshot that this reader may see: all of them for an HR
    advisor; for a manager only once HR has shared them; for a follower (a support advisor of
    another organisation) never: a text is shown as written and may name a colleague.

    Every page and file that shows written answers reads them here, never from the summary.
    """
    if is_follower:
        return []
    if is_hr or summary.campaign.share_free_texts:
        return list(summary.free_texts)
    return []


def breakdown_for(*, campaign: Campaign, by: str) -> Breakdown:
    """The published figures of each group of respondents (by carer, age band or department)."""
    if by not in BREAKDOWNS:
        raise ValueError(f"Unknown breakdown: {by!r}")
    read = _read(campaign)
    if read is None:
        return Breakdown(by=by, by_label=BREAKDOWNS[by], groups=[])
    return _breakdown_read(read, by)


def previous_campaign(*, campaign: Campaign) -> Campaign | None:
    """The organisation's latest campaign that closed (with its snapshot) before this one opened."""
    return (
        Campaign.objects.filter(
            organisation_id=campaign.organisation_id,
            closes_on__lt=campaign.opens_on,
            closed_on__isnull=False,
        )
        .order_by("-closes_on", "-opens_on", "-id")
        .first()
    )


def comparison_for(*, campaign: Campaign, summary: Summary) -> list[ComparisonRow]:
    """Each metric next to the previous campaign's (frozen in this snapshot) and the national
    figure."""
    snapshot = snapshot_of(campaign)
    previous = snapshot.data.get("previous") if snapshot else None
    references = {r.key: r for r in ReferenceFigure.objects.filter(key__in=list(METRICS))}
    return [
        ComparisonRow(
            key=key,
            label=label,
            this=summary.metrics.get(key),
            previous=previous["metrics"].get(key) if previous else None,
            previous_title=previous["title"] if previous else None,
            reference=references.get(key),
        )
        for key, label in METRICS.items()
    ]
