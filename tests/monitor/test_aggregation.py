"""The one aggregation function: unit tests of its rules, and property tests over random data.

The property tests check published figures against the responses they came from.

The tests describe every published figure by the conditions that define its group of
respondents (a frozenset of atoms such as ("ans", 3, 2): "answered option 2 of question 3"), and
compute each group's true size from the responses themselves, not from the code under test.
Then they check what an outsider could learn from everything published together:

- no published count c with 0 < c < min, and each published count is the true one;
- for every two published figures where one group is by definition inside the other (its
  conditions include the other's), the difference is 0 or at least min;
- for every published total split into cells, the cells not published add up to 0 or at least
  min;
- an attacker who repeatedly solves "total = sum of cells" wherever exactly one figure is
  unknown learns no group of size between 0 and min.
"""

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.aggregation import (
    NO_ANSWER,
    CellIn,
    Counts,
    Shape,
    publish_breakdown,
    publish_partition,
    publish_table,
    suppressed_cells,
)
from monitor.models import Answer, Response
from monitor.questionnaire import STANDARD_2026, QuestionKind
from monitor.results import breakdown_for, summary_for
from tests.monitor.conftest import TODAY, make_campaign

type Atom = tuple
type Identity = frozenset[Atom]

CARER = ("ans", 1, 1)
DIMENSIONS = ("carer", "age_band", "department")
DEPARTMENTS = (1, 2, 3)
QUESTIONS = [
    q
    for q in STANDARD_2026.questions
    if q.kind != QuestionKind.TEXT
    and q.code != 17  # the department question gets its options below
]
OPTIONS = {q.code: tuple(o.code for o in q.options) for q in QUESTIONS} | {17: DEPARTMENTS}
KINDS = {q.code: q.kind for q in QUESTIONS} | {17: QuestionKind.SINGLE}
CONDITIONS = {q.code: q.condition for q in QUESTIONS} | {17: None}
CODES = [q.code for q in QUESTIONS] + [17]
BACKGROUND = {16, 17}


def parent_atoms(code: int) -> frozenset[Atom]:
    """The atoms of the group that was asked question `code` (its condition, and theirs)."""
    atoms: set[Atom] = set()
    condition = CONDITIONS[code]
    while condition is not None:
        atoms.add(("ans", condition.question, condition.option))
        condition = CONDITIONS[condition.question]
    return frozenset(atoms)


def group_atom(dimension: str, value) -> Atom:
    if dimension == "carer":
        return CARER if value else ("not carer",)
    return ("ans", 16 if dimension == "age_band" else 17, value)


def cell_identity(context: frozenset[Atom], code: int, option) -> Identity:
    """The group of a figure: its context (a breakdown group), who was asked, and the answer."""
    return context | parent_atoms(code) | {("ans", code, option)}


def holds(atom: Atom, answers: Mapping[int, Sequence[int]]) -> bool:
    if atom[0] == "not carer":
        return 1 not in answers.get(1, ())
    if atom[0] == "not":  # asked, did not pick this option (the asking is in the other atoms)
        return atom[2] not in answers.get(atom[1], ())
    _kind, code, option = atom
    if option is None:  # asked, no answer
        return code not in answers
    return option in answers.get(code, ())


def true_size(identity: Identity, responses: Sequence[Mapping[int, Sequence[int]]]) -> int:
    return sum(all(holds(atom, answers) for atom in identity) for answers in responses)


def equations(dimensions: Iterable[str]) -> list[tuple[Identity, list[Identity]]]:
    """Every "total = sum of cells" that holds by definition, in the summary and breakdowns."""
    found: list[tuple[Identity, list[Identity]]] = []

    def question_partitions(context: frozenset[Atom], codes: Iterable[int]) -> None:
        for code in codes:
            base = context | parent_atoms(code)
            if KINDS[code] == QuestionKind.MULTI:
                for option in OPTIONS[code]:
                    picked = cell_identity(context, code, option)
                    found.append((base, [picked, base | {("not", code, option)}]))
            else:
                options = (*OPTIONS[code], None)
                found.append((base, [cell_identity(context, code, o) for o in options]))

    question_partitions(frozenset(), CODES)
    for dimension in dimensions:
        groups = group_values(dimension)
        found.append((frozenset(), [frozenset({group_atom(dimension, g)}) for g in groups]))
        codes = [c for c in CODES if c not in BACKGROUND]
        for g in groups:
            question_partitions(frozenset({group_atom(dimension, g)}), codes)
        for code in codes:
            cells = [(code, o) for o in OPTIONS[code]]
            if KINDS[code] == QuestionKind.MULTI:
                cells += [(code, o, "not") for o in OPTIONS[code]]
            else:
                cells.append((code, None))
            for cell in cells:

                def identity(context: frozenset[Atom], cell=cell) -> Identity:
                    if len(cell) == 3:
                        return context | parent_atoms(cell[0]) | {("not", cell[0], cell[1])}
                    return cell_identity(context, *cell)

                column = [identity(frozenset({group_atom(dimension, g)})) for g in groups]
                found.append((identity(frozenset()), column))
    return found


def group_values(dimension: str) -> tuple:
    if dimension == "carer":
        return (True, False)
    return (*(OPTIONS[16] if dimension == "age_band" else DEPARTMENTS), None)


def check_publication(
    published: Mapping[Identity, int | None],
    responses: Sequence[Mapping[int, Sequence[int]]],
    *,
    min_size: int,
    dimensions: Iterable[str],
) -> None:
    """Assert the four properties of the module docstring (AssertionError names the group)."""
    dimensions = list(dimensions)
    truth: dict[Identity, int] = {}

    def size(identity: Identity) -> int:
        if identity not in truth:
            truth[identity] = true_size(identity, responses)
        return truth[identity]

    def small(n: int) -> bool:
        return 0 < n < min_size

    known = {identity: value for identity, value in published.items() if value is not None}
    for identity, value in known.items():
        assert value == size(identity), ("published count is not the true one", identity)
        assert not small(value), ("published small group", sorted(identity), value)

    for identity, value in known.items():
        for n in range(len(identity)):
            for atoms in combinations(sorted(identity, key=repr), n):
                outer = frozenset(atoms)
                if outer in known:
                    difference = known[outer] - value
                    assert not small(difference), (
                        "difference of nested figures is a small group",
                        sorted(outer),
                        sorted(identity),
                        difference,
                    )

    system = equations(dimensions)
    for total, cells in system:
        if total in known:
            hidden = sum(size(cell) for cell in cells if cell not in known)
            assert not small(hidden), ("suppressed cells add up to a small group", sorted(total))

    learned = dict(known)
    changed = True
    while changed:
        changed = False
        for total, cells in system:
            unknown = [v for v in (total, *cells) if v not in learned]
            if len(unknown) != 1:
                continue
            (target,) = unknown
            if target == total:
                value = sum(learned[cell] for cell in cells)
            else:
                value = learned[total] - sum(learned[c] for c in cells if c != target)
            assert value == size(target)
            assert not small(value), ("a small group can be computed", sorted(target), value)
            learned[target] = value
            changed = True


# --- The rules ---------------------------------------------------------------------------------


def cells(**counts):
    return [CellIn(key, n) for key, n in counts.items()]


def test_a_cell_of_three_is_suppressed_with_its_complement():
    out = publish_partition(30, cells(a=3, b=20, c=7), min_size=5)
    assert out.total == 30
    # 3 alone would be 30 - 20 - 7; the smallest other cell goes with it.
    assert out.cells == {"a": None, "b": 20, "c": None}


def test_the_complement_of_a_small_cell_is_suppressed():
    out = publish_partition(20, cells(a=16, b=4), min_size=5)
    assert out.cells == {"a": None, "b": None}
    assert out.total == 20


def test_a_total_below_the_minimum_publishes_nothing_not_even_itself():
    out = publish_partition(4, cells(a=4, b=0), min_size=5)
    assert out.total is None
    assert out.cells == {"a": None, "b": None}


def test_zero_is_published():
    out = publish_partition(12, cells(a=0, b=12), min_size=5)
    assert out.cells == {"a": 0, "b": 12}


def test_cells_at_the_minimum_are_published():
    out = publish_partition(10, cells(a=5, b=5), min_size=5)
    assert out.cells == {"a": 5, "b": 5}


def test_a_hidden_cell_counts_as_suppressed():
    # 8 of 10 picked an option: publishing 8 would give away the 2 who did not.
    picked = publish_partition(10, [CellIn("picked", 8), CellIn("not", 2, shown=False)], min_size=5)
    assert picked.cells["picked"] is None
    fine = publish_partition(13, [CellIn("picked", 8), CellIn("not", 5, shown=False)], min_size=5)
    assert fine.cells["picked"] == 8


def test_a_suppressed_cell_is_never_alone_in_its_partition():
    # b is forced (for its column); alone it would be 30 - 10 - 8.
    assert suppressed_cells(30, cells(a=10, b=12, c=8), min_size=5, already={"b"}) == {"b", "c"}


def test_a_forced_cell_that_is_its_whole_partition_needs_the_total_to_go():
    assert suppressed_cells(9, cells(a=9, b=0), min_size=5, already={"a"}) is None


CARERS = Shape(1, (1, 2, 3))
HOURS = Shape(3, (1, 2), parent=(1, 1))


def test_a_suppressed_parent_suppresses_its_children():
    # 12 carers of 15 respondents: 3 non-carers force the carers' cell away, and with it every
    # figure about carers.
    counts = Counts(15, {(1, 1): 12, (1, 2): 3, (3, 1): 6, (3, 2): 6})
    table = publish_table([CARERS, HOURS], counts, min_size=5)
    assert table.cells[(1, 1)] is None
    assert table.bases[3] is None
    assert {table.cells[(3, 1)], table.cells[(3, 2)], table.cells[(3, NO_ANSWER)]} == {None}


def test_carer_questions_have_the_carers_as_base():
    counts = Counts(20, {(1, 1): 10, (1, 2): 10, (3, 1): 5, (3, 2): 5})
    table = publish_table([CARERS, HOURS], counts, min_size=5)
    assert table.bases == {1: 20, 3: 10}
    assert (table.cells[(3, 1)], table.cells[(3, 2)], table.cells[(3, NO_ANSWER)]) == (5, 5, 0)


def test_a_small_group_is_suppressed_with_its_complement_in_a_breakdown():
    shape = Shape(8, (1, 2))
    groups = {
        "a": Counts(3, {(8, 1): 2, (8, 2): 1}),
        "b": Counts(20, {(8, 1): 10, (8, 2): 10}),
        "c": Counts(17, {(8, 1): 8, (8, 2): 9}),
    }
    overall = publish_table([shape], Counts(40, {(8, 1): 20, (8, 2): 20}), min_size=5)
    out = publish_breakdown([shape], groups, overall, min_size=5)
    assert out["a"].total is None and out["c"].total is None
    assert out["b"].total == 20
    # Within the columns, a's and c's hidden cells protect each other; b's figures stay.
    assert (out["b"].cells[(8, 1)], out["b"].cells[(8, 2)]) == (10, 10)


def test_a_breakdown_cell_is_suppressed_for_its_column_and_then_its_row():
    shape = Shape(8, (1, 2))
    groups = {
        "a": Counts(10, {(8, 1): 3, (8, 2): 7}),
        "b": Counts(10, {(8, 1): 5, (8, 2): 5}),
        "c": Counts(10, {(8, 1): 5, (8, 2): 5}),
    }
    overall = publish_table([shape], Counts(30, {(8, 1): 13, (8, 2): 17}), min_size=5)
    assert overall.cells[(8, 1)] == 13
    out = publish_breakdown([shape], groups, overall, min_size=5)
    # Row a hides 3 and 7; column 1 must hide one more (b), which row b then pairs with its 5;
    # column 2 then hides a and b: two unknowns in every row and column.
    published = {g: (p.cells[(8, 1)], p.cells[(8, 2)]) for g, p in out.items()}
    assert published == {"a": (None, None), "b": (None, None), "c": (5, 5)}


# --- The property test over the aggregation layer ----------------------------------------------


def _answer(code: int, draw) -> list[int]:
    options = OPTIONS[code]
    if KINDS[code] == QuestionKind.MULTI:
        return sorted(draw(st.sets(st.sampled_from(options), max_size=2)))
    choice = draw(st.sampled_from((*options, None)))
    return [] if choice is None else [choice]


@st.composite
def one_response(draw) -> dict[int, list[int]]:
    """A response that follows the skip logic: questions whose condition fails have no answer."""
    answers: dict[int, list[int]] = {}
    for code in CODES:
        condition = CONDITIONS[code]
        if condition and condition.option not in answers.get(condition.question, ()):
            continue
        if chosen := _answer(code, draw):
            answers[code] = chosen
    return answers


@st.composite
def response_sets(draw) -> list[dict[int, list[int]]]:
    """Clustered data: a few profiles repeated (large, near-equal cells), plus some noise."""
    profiles = draw(st.lists(one_response(), min_size=1, max_size=6))
    picks = draw(st.lists(st.integers(0, len(profiles) - 1), max_size=60))
    noise = draw(st.lists(one_response(), max_size=8))
    return [profiles[i] for i in picks] + noise


def shapes(codes) -> list[Shape]:
    found = []
    for code in codes:
        condition = CONDITIONS[code]
        found.append(
            Shape(
                code,
                OPTIONS[code],
                is_multi=KINDS[code] == QuestionKind.MULTI,
                parent=(condition.question, condition.option) if condition else None,
            )
        )
    return found


def counts_of(responses) -> Counts:
    answers: dict[tuple[int, int], int] = {}
    for response in responses:
        for code, options in response.items():
            for option in options:
                answers[(code, option)] = answers.get((code, option), 0) + 1
    return Counts(len(responses), answers)


def in_group(dimension: str, value, response) -> bool:
    if dimension == "carer":
        return (1 in response.get(1, ())) == value
    code = 16 if dimension == "age_band" else 17
    return response.get(code, [None])[0] == value


def identities(context, published) -> dict:
    """The published figures of one table, by the group of respondents each describes."""
    found = {frozenset(context): published.total}
    for (code, option), value in published.cells.items():
        found[cell_identity(frozenset(context), code, option)] = value
    return found


@settings(max_examples=200, deadline=None)
@given(
    responses=response_sets(),
    min_size=st.integers(5, 10),
    dimensions=st.sets(st.sampled_from(DIMENSIONS), min_size=1),
)
def test_no_published_figure_or_difference_singles_out_a_small_group(
    responses, min_size, dimensions
):
    overall = publish_table(shapes(CODES), counts_of(responses), min_size=min_size)
    published = identities(set(), overall)
    broken_down = shapes([c for c in CODES if c not in BACKGROUND])
    for dimension in dimensions:
        values = group_values(dimension)
        groups = {v: counts_of([r for r in responses if in_group(dimension, v, r)]) for v in values}
        links = {}
        if dimension == "carer":
            links[True] = (1, 1)
        else:
            links = {v: (16 if dimension == "age_band" else 17, v) for v in values}
        out = publish_breakdown(broken_down, groups, overall, min_size=min_size, group_cells=links)
        for value, table in out.items():
            for identity, count in identities({group_atom(dimension, value)}, table).items():
                # One group of respondents published twice must get the same figure.
                assert published.get(identity, count) == count or count is None
                if published.get(identity) is None:
                    published[identity] = count
    check_publication(published, responses, min_size=min_size, dimensions=dimensions)


# --- The same property through the database and the results API -------------------------------


def store(campaign, responses) -> None:
    """Bulk-insert responses the way the respondent flow stores them (group copies included)."""
    rows = []
    for answers in responses:
        groups = {
            "is_carer": 1 in answers.get(1, ()),
            "age_band": answers.get(16, [None])[0],
            "department": answers.get(17, [None])[0],
        }
        rows.append((Response(campaign=campaign, submitted_on=TODAY, **groups), answers, groups))
    Response.objects.bulk_create([row[0] for row in rows])
    Answer.objects.bulk_create(
        Answer(campaign=campaign, response=response, question=code, option=option, **groups)
        for response, answers, groups in rows
        for code, options in answers.items()
        for option in options
    )


def published_by_api(campaign, dimensions, departments) -> dict:
    """Everything summary_for and breakdown_for publish, by the group each figure describes."""
    found: dict = {}

    def add(context, total, questions):
        found[frozenset(context)] = total
        for result in questions:
            for figure in result.figures:
                found[cell_identity(frozenset(context), result.question.code, figure.option)] = (
                    figure.count
                )

    summary = summary_for(campaign=campaign)
    if not summary.is_publishable:
        assert summary.response_count is None and not summary.questions
        assert set(summary.metrics.values()) == {None}
        return {frozenset(): None}
    add(set(), summary.response_count, summary.questions)
    names = {d.name: d.code for d in departments}
    for dimension in dimensions:
        breakdown = breakdown_for(campaign=campaign, by=dimension)
        values = group_values(dimension)
        assert len(breakdown.groups) == len(values)
        for index, group in enumerate(breakdown.groups):
            value = names.get(group.label) if dimension == "department" else values[index]
            before = dict(found)
            add({group_atom(dimension, value)}, group.count, group.questions)
            for identity, count in found.items():
                # One group of respondents published twice must get the same figure.
                if before.get(identity) is not None and count is not None:
                    assert before[identity] == count
                if before.get(identity) is not None and count is None:
                    found[identity] = before[identity]
    return found


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    responses=response_sets(),
    min_size=st.integers(5, 10),
    dimensions=st.sets(st.sampled_from(DIMENSIONS), min_size=1),
)
def test_the_results_api_publishes_no_small_group(
    org_a, departments, responses, min_size, dimensions
):
    with transaction.atomic():
        campaign = make_campaign(org_a, min_group_size=min_size)
        store(campaign, responses)
        published = published_by_api(campaign, dimensions, departments)
        transaction.set_rollback(True)
    if len(responses) < min_size:
        assert published == {frozenset(): None}
        return
    assert published[frozenset()] == len(responses)
    check_publication(published, responses, min_size=min_size, dimensions=dimensions)
