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
  unknown learns no group of size between 0 and min;
- an attacker who narrows an interval [lo, hi] for every figure over all partitions, columns and
  parents, until nothing changes, pins no suppressed figure that holds someone to one value
  (beyond what the summary and the group sizes pin by themselves);
- a zero is published only where nothing in its partition that holds someone is hidden.

With exact counts (noise=None) these are statements about the suppression rules alone; the
perturbation and the padding attack it answers are tested in test_aggregation_padding.py.
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import combinations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.aggregation import (
    ALPHA,
    NO_ANSWER,
    CellIn,
    Counts,
    Published,
    Shape,
    cell_key_noise,
    publish_breakdown,
    publish_partition,
    publish_table,
    suppressed_cells,
)
from monitor.closing import campaign_close
from monitor.questionnaire import STANDARD_2026, QuestionKind
from monitor.results import breakdown_for, summary_for
from monitor.services import tally_add
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


def atoms_of(answers: Mapping[int, Sequence[int]]) -> frozenset[Atom]:
    """Every atom that holds for one response: a figure's size is then a count of supersets."""
    found: set[Atom] = set() if 1 in answers.get(1, ()) else {("not carer",)}
    for code in CODES:
        chosen = answers.get(code, ())
        found.update(("ans", code, option) for option in chosen)
        found.update(("not", code, option) for option in OPTIONS[code] if option not in chosen)
        if not chosen:
            found.add(("ans", code, None))
    return frozenset(found)


def sizes(responses: Sequence[Mapping[int, Sequence[int]]]):
    """A function giving the true size of a figure, over the responses' atoms."""
    atoms = [atoms_of(answers) for answers in responses]
    return lambda identity: sum(identity <= held for held in atoms)


def is_hidden(identity: Identity) -> bool:
    """A "did not pick" cell: real, but never shown."""
    return any(atom[0] == "not" for atom in identity)


@cache
def attack_system(dimensions: tuple[str, ...]):
    """The equations, every figure in them, and every pair (outer, inner) where inner's group is
    by definition inside outer's (its conditions include outer's)."""
    system = [(total, tuple(cells)) for total, cells in equations(dimensions)]
    figures = frozenset(f for total, cells in system for f in (total, *cells))
    nested = [
        (frozenset(atoms), inner)
        for inner in figures
        for n in range(len(inner))
        for atoms in combinations(sorted(inner, key=repr), n)
        if frozenset(atoms) in figures
    ]
    return system, figures, nested


def interval_bounds(
    known: Mapping[Identity, int],
    top: int,
    dimensions: Iterable[str],
    *,
    at_least_one: Iterable[Identity] = (),
) -> tuple[dict[Identity, int], dict[Identity, int]]:
    """An attacker's bounds [lo, hi] for every figure, from [0, top] (or [1, top] for the
    figures in `at_least_one`), tightened over every "total = sum of cells" (partitions,
    breakdown columns, a parent cell and the question asked of it) and every nesting (a group
    inside another is not larger), again and again until nothing changes."""
    system, figures, nested = attack_system(tuple(sorted(dimensions)))
    floor = set(at_least_one)
    lo = {f: known.get(f, 1 if f in floor else 0) for f in figures}
    hi = {f: known.get(f, top) for f in figures}
    changed = True
    while changed:
        changed = False
        for total, cells in system:
            sum_lo = sum(lo[c] for c in cells)
            sum_hi = sum(hi[c] for c in cells)
            if sum_lo > lo[total]:
                lo[total], changed = sum_lo, True
            if sum_hi < hi[total]:
                hi[total], changed = sum_hi, True
            for c in cells:
                low = lo[total] - (sum_hi - hi[c])
                high = hi[total] - (sum_lo - lo[c])
                if low > lo[c]:
                    lo[c], changed = low, True
                if high < hi[c]:
                    hi[c], changed = high, True
        for outer, inner in nested:
            if hi[outer] < hi[inner]:
                hi[inner], changed = hi[outer], True
            if lo[inner] > lo[outer]:
                lo[outer], changed = lo[inner], True
    return lo, hi


def pinned_figures(
    published: Mapping[Identity, int | None],
    responses: Sequence[Mapping[int, Sequence[int]]],
    *,
    min_size: int,
    dimensions: Iterable[str],
    baseline: Mapping[Identity, int] | None = None,
) -> list:
    """The figures not published that the interval attacker pins to one value although they
    hold someone; a hidden cell counts only when it is small. A figure the attacker pins from
    `baseline` alone (the summary and the groups' sizes: a summary cell of 0 or of all its base
    holds for every group too) is left out: the breakdown's cells added nothing there."""
    dimensions = list(dimensions)
    size = sizes(responses)
    known = {f: n for f, n in published.items() if n is not None}
    lo, hi = interval_bounds(known, len(responses), dimensions)
    base_lo, base_hi = interval_bounds(baseline or {}, len(responses), dimensions)
    found = []
    for figure in lo:
        if figure in known:
            continue
        n = size(figure)
        assert lo[figure] <= n <= hi[figure], ("the attacker is wrong", sorted(figure))
        if lo[figure] < hi[figure] or n == 0:
            continue
        if is_hidden(figure):
            if n < min_size:
                found.append((sorted(figure), n))
        elif baseline is None or base_lo[figure] < base_hi[figure]:
            found.append((sorted(figure), n))
    return found


def zeros_beside_suppressed(
    published: Mapping[Identity, int | None],
    responses: Sequence[Mapping[int, Sequence[int]]],
    *,
    min_size: int,
    dimensions: Iterable[str],
) -> list:
    """Partitions that publish a zero next to a suppressed cell that holds someone (a hidden
    "not picked" cell only when it is in need itself: small, or all of a small total but < min).
    """
    size = sizes(responses)
    found = []
    for total, cells in equations(dimensions):
        if not any(published.get(c) == 0 and not is_hidden(c) for c in cells):
            continue
        whole = size(total)
        for cell in cells:
            n = size(cell)
            if published.get(cell) is not None or n == 0:
                continue
            small = n < min_size or (whole < 2 * min_size and whole - n < min_size)
            if not is_hidden(cell) or small:
                found.append((sorted(total), sorted(cell), n))
    return found


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
    # Only where nothing in its partition is suppressed: an empty group singles no one out.
    out = publish_partition(12, cells(a=0, b=12), min_size=5)
    assert out.cells == {"a": 0, "b": 12}
    # Next to suppressed cells it is suppressed too: 3 and 7 are hidden, and a published 0 would
    # tell that each of them holds at least one.
    out = publish_partition(30, cells(a=0, b=3, c=7, d=20), min_size=5)
    assert out.cells == {"a": None, "b": None, "c": None, "d": 20}


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


def test_a_zero_next_to_a_forced_cell_is_suppressed():
    assert suppressed_cells(30, cells(a=10, b=12, c=8, d=0), min_size=5, already={"b"}) == {
        "b",
        "c",
        "d",
    }


def test_a_zero_next_to_a_large_hidden_cell_is_published():
    # "Did not pick" is always hidden; 12 of 12 not picking is no one to protect.
    out = publish_partition(12, [CellIn("picked", 0), CellIn("not", 12, shown=False)], min_size=5)
    assert out.cells["picked"] == 0


def test_a_partition_below_twice_the_minimum_publishes_only_its_total():
    # Of 9, at most one cell reaches 5, and then the rest is fewer than 5: all that hold someone
    # go (the small ones, and the big one with them as their complement), and the zero too.
    assert publish_partition(9, cells(a=6, b=3, c=0), min_size=5).cells == dict.fromkeys("abc")
    assert publish_partition(9, cells(a=3, b=3, c=3), min_size=5).cells == dict.fromkeys("abc")
    # From twice the minimum on, two cells can both be published.
    assert publish_partition(10, cells(a=5, b=5, c=0), min_size=5).cells == {"a": 5, "b": 5, "c": 0}


def test_all_alike_below_twice_the_minimum_cannot_be_protected():
    # Dominance: 9 of 9 would tell what each of the nine answered. The cell is the total, and
    # only zeros are left to pair it with, so the partition cannot be published at all.
    assert suppressed_cells(9, cells(a=9, b=0, c=0), min_size=5) is None
    assert publish_partition(9, cells(a=9, b=0, c=0), min_size=5).total is None
    # None of 7 picked the option: the hidden "did not pick" is all of them.
    picked = [CellIn("picked", 0), CellIn("not", 7, shown=False)]
    assert suppressed_cells(7, picked, min_size=5) is None
    # Perturbed counts need not add up: 7 of a base of 9 leaves fewer than 5, with nothing else.
    assert suppressed_cells(9, cells(a=7, b=0, c=0), min_size=5) is None
    # From twice the minimum on, "all ten" is published.
    assert publish_partition(10, cells(a=10, b=0), min_size=5).cells == {"a": 10, "b": 0}


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


def test_an_option_that_cannot_be_protected_is_dropped_from_the_breakdown_alone():
    # Group a: none of its 7 picked option 2, which no other cell of a can hide. Option 2 goes
    # from every group; option 1 (its own partition in each group) is decided as usual.
    shape = Shape(2, (1, 2), is_multi=True)
    groups = {
        "a": Counts(7, {(2, 1): 3}),
        "b": Counts(20, {(2, 1): 10, (2, 2): 10}),
        "c": Counts(20, {(2, 1): 11, (2, 2): 10}),
    }
    overall = publish_table([shape], Counts(47, {(2, 1): 24, (2, 2): 20}), min_size=5)
    assert (overall.cells[(2, 1)], overall.cells[(2, 2)]) == (24, 20)
    out = publish_breakdown([shape], groups, overall, min_size=5)
    assert [out[g].cells[(2, 2)] for g in "abc"] == [None, None, None]
    # a's 3 is hidden, and b's 10 with it for the column; c's 11 stays.
    assert [out[g].cells[(2, 1)] for g in "abc"] == [None, None, 11]


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


BROKEN_DOWN = shapes([c for c in CODES if c not in BACKGROUND])


def breakdown_input(dimension: str, responses) -> tuple[dict, dict]:
    """A breakdown's groups (their true counts) and the summary cell each group is."""
    values = group_values(dimension)
    groups = {v: counts_of([r for r in responses if in_group(dimension, v, r)]) for v in values}
    if dimension == "carer":
        return groups, {True: (1, 1)}
    return groups, {v: (16 if dimension == "age_band" else 17, v) for v in values}


def publish_all(responses, *, min_size: int, dimensions: Iterable[str], noise=None) -> dict:
    """The summary and each breakdown, as the close publishes them."""
    overall = publish_table(shapes(CODES), counts_of(responses), min_size=min_size, noise=noise)
    out: dict = {"summary": overall}
    for dimension in dimensions:
        groups, links = breakdown_input(dimension, responses)
        out[dimension] = publish_breakdown(
            BROKEN_DOWN, groups, overall, min_size=min_size, group_cells=links, noise=noise
        )
    return out


def figures_of(publication: Mapping) -> tuple[dict, dict]:
    """Everything published, by the group each figure describes; and the baseline: the summary
    and the groups' sizes only."""
    published = identities(set(), publication["summary"])
    baseline = {f: n for f, n in published.items() if n is not None}
    for dimension, out in publication.items():
        if dimension == "summary":
            continue
        for value, table in out.items():
            context = {group_atom(dimension, value)}
            if table.total is not None:
                baseline[frozenset(context)] = table.total
            for identity, count in identities(context, table).items():
                # One group of respondents published twice must get the same figure.
                assert published.get(identity, count) == count or count is None
                if published.get(identity) is None:
                    published[identity] = count
    return published, baseline


@settings(max_examples=200, deadline=None)
@given(
    responses=response_sets(),
    min_size=st.integers(5, 10),
    dimensions=st.sets(st.sampled_from(DIMENSIONS), min_size=1),
)
def test_no_published_figure_or_difference_singles_out_a_small_group(
    responses, min_size, dimensions
):
    publication = publish_all(responses, min_size=min_size, dimensions=dimensions)
    published, _baseline = figures_of(publication)
    check_publication(published, responses, min_size=min_size, dimensions=dimensions)
    assert not zeros_beside_suppressed(
        published, responses, min_size=min_size, dimensions=dimensions
    )


@settings(max_examples=150, deadline=None)
@given(
    responses=response_sets(),
    min_size=st.integers(5, 10),
    dimensions=st.sets(st.sampled_from(DIMENSIONS), min_size=1),
)
def test_an_attacker_narrowing_intervals_pins_no_suppressed_cell(responses, min_size, dimensions):
    publication = publish_all(responses, min_size=min_size, dimensions=dimensions)
    summary, _ = figures_of({"summary": publication["summary"]})
    # The summary alone pins nothing: no exemption.
    assert not pinned_figures(summary, responses, min_size=min_size, dimensions=())
    published, baseline = figures_of(publication)
    assert not pinned_figures(
        published, responses, min_size=min_size, dimensions=dimensions, baseline=baseline
    )


# --- Zeros and dominance, by example -----------------------------------------------------------

FIVE_CARERS = [{1: [1], 3: [band], 16: [2]} for band in (1, 2, 3, 4, 5)] + [
    {1: [2], 8: [1], 16: [1]} for _ in range(15)
]
HOURS_BANDS = [frozenset({CARER, ("ans", 3, band)}) for band in (*OPTIONS[3], None)]


def test_five_carers_in_five_hours_bands_are_not_pinned():
    publication = publish_all(FIVE_CARERS, min_size=5, dimensions=DIMENSIONS)
    published, baseline = figures_of(publication)
    assert publication["summary"].bases[3] == 5
    # The sixth band ("no answer", 0) is hidden with the five ones.
    assert {published[band] for band in HOURS_BANDS} == {None}
    assert not pinned_figures(
        published, FIVE_CARERS, min_size=5, dimensions=DIMENSIONS, baseline=baseline
    )
    # Were the zero published, a reader who knows that zeros are published would know that
    # every hidden band holds at least one: five of them in five carers, one each.
    old_rule = {**{f: n for f, n in published.items() if n is not None}, HOURS_BANDS[-1]: 0}
    lo, hi = interval_bounds(old_rule, 20, (), at_least_one=HOURS_BANDS[:-1])
    assert all(lo[band] == hi[band] == 1 for band in HOURS_BANDS[:-1])
    lo, hi = interval_bounds({f: n for f, n in published.items() if n is not None}, 20, DIMENSIONS)
    assert all((lo[band], hi[band]) == (0, 5) for band in HOURS_BANDS)


ALIKE = {1: [2], 8: [1], 9: [3], 12: [2], 13: [4], 14: [1, 3], 16: [1], 17: [2]}


def holds_for_all(table: Published, *, base_of) -> list:
    """Published cells that say something of every member of a group: all of them, or none."""
    return [
        (key, n)
        for key, n in table.cells.items()
        if n is not None and base_of(key[0]) and n in (0, base_of(key[0]))
    ]


def test_five_who_answered_alike_publish_nothing_that_holds_for_all_five():
    table = publish_table(shapes(CODES), counts_of([ALIKE] * 5), min_size=5)
    assert table.total == 5
    assert not holds_for_all(table, base_of=lambda code: table.bases[code])
    assert set(table.cells.values()) == {None}


def test_five_who_answered_alike_are_not_told_in_a_breakdown():
    # Department 2 has five members who answered alike, among 25 varied respondents.
    others = [
        {1: [2], 8: [n % 3 + 1], 9: [n % 2 + 1], 12: [n % 4 + 1], 13: [n % 5 + 1], 17: [1 + n % 2]}
        for n in range(20)
    ]
    others = [{**r, 17: [3 if r[17] == [2] else 1]} for r in others]
    responses = others + [ALIKE] * 5
    publication = publish_all(responses, min_size=5, dimensions=("department",))
    department = publication["department"][2]
    assert department.total == 5
    assert not holds_for_all(department, base_of=lambda code: department.bases[code])
    published, baseline = figures_of(publication)
    assert not pinned_figures(
        published, responses, min_size=5, dimensions=("department",), baseline=baseline
    )


# --- The perturbation ---------------------------------------------------------------------------


def test_cell_key_noise_is_fixed_per_seed_and_identity():
    first, again = cell_key_noise(b"a" * 32), cell_key_noise(b"a" * 32)
    other = cell_key_noise(b"b" * 32)
    cells = [("all", code, option) for code in CODES for option in (*OPTIONS[code], None)]
    assert [first(c) for c in cells] == [again(c) for c in cells]
    assert [first(c) for c in cells] != [other(c) for c in cells]
    assert [first(c) for c in cells] != [first(("group", 1, *c[1:])) for c in cells]


def noise_probability(e: int) -> float:
    """P(e) of the two-sided geometric distribution the noise should follow."""
    return (1 - ALPHA) / (1 + ALPHA) * ALPHA ** abs(e)


def test_cell_key_noise_follows_the_two_sided_geometric_distribution():
    draws = 40_000
    noise = cell_key_noise(b"distribution test")
    seen = Counter(noise(("group", n, 8, n % 7)) for n in range(draws))
    for e in range(-4, 5):
        expected = draws * noise_probability(e)
        # Within five standard deviations of a binomial count.
        assert abs(seen[e] - expected) < 5 * math.sqrt(expected), (e, seen[e], expected)
    assert abs(sum(e * n for e, n in seen.items()) / draws) < 0.03  # centred on the truth
    assert seen[0] / draws > 0.45 and max(abs(e) for e in seen) >= 6  # mostly exact, no bound
    assert sum(n for e, n in seen.items() if e > 0) == pytest.approx(
        sum(n for e, n in seen.items() if e < 0), rel=0.05
    )


CARER_ONLY = [code for code in CODES if CARER in parent_atoms(code)]


@settings(max_examples=80, deadline=None)
@given(
    responses=response_sets(),
    min_size=st.integers(5, 10),
    seed=st.binary(min_size=16, max_size=16),
)
def test_one_set_of_respondents_gets_one_perturbed_figure_everywhere(responses, min_size, seed):
    publication = publish_all(
        responses, min_size=min_size, dimensions=DIMENSIONS, noise=cell_key_noise(seed)
    )
    summary = publication["summary"]
    if summary.total is None:
        return
    assert summary.total == len(responses)  # the one exact figure
    # The age band 2 is the summary's cell (16, 2): one figure, one noise, one decision.
    assert publication["age_band"][2].total == summary.cells[(16, 2)]
    assert publication["age_band"][None].total == summary.cells[(16, NO_ANSWER)]
    carers = publication["carer"][True]
    if carers.total is not None:
        assert carers.total == summary.cells[(1, 1)]
        for code in CARER_ONLY:
            assert carers.bases[code] == summary.bases[code]
            for key in [k for k in summary.cells if k[0] == code]:
                assert carers.cells[key] == summary.cells[key], key


def test_the_carers_questions_for_carers_are_the_summarys_under_noise():
    # Every cell large (10 or more) and none empty, so that the noise suppresses nothing here.
    def carer(n: int) -> dict:
        answers = {1: [1], 8: [1 + n % 4]} if n % 4 < 3 else {1: [1]}
        return answers | ({3: [1 + n % 5]} if n < 50 else {})

    others = [{1: [2], 8: [1 + n % 4]} if n % 4 < 3 else {1: [2]} for n in range(40)]
    responses = [carer(n) for n in range(60)] + others
    for seed in (b"one", b"two", b"three"):
        noise = cell_key_noise(seed)
        publication = publish_all(responses, min_size=5, dimensions=["carer"], noise=noise)
        summary, group = publication["summary"], publication["carer"][True]
        assert group.total == summary.cells[(1, 1)] == max(0, 60 + noise(("all", 1, 1)))
        hours = [(3, band) for band in (*OPTIONS[3], NO_ANSWER)]
        assert [group.cells[k] for k in hours] == [summary.cells[k] for k in hours]
        assert None not in [summary.cells[k] for k in hours]
        assert summary.cells[(3, 1)] == max(0, 10 + noise(("all", 3, 1)))
        # A question asked of everyone is another set of respondents in the group: its own noise.
        assert group.cells[(8, 1)] == max(0, 15 + noise(("group", (1, 1), 8, 1)))
        assert summary.cells[(8, 1)] == max(0, 25 + noise(("all", 8, 1)))


# --- The same property through the database and the results API -------------------------------


def store(campaign, responses) -> None:
    """Count responses the way the close counts the sealed inbox: into the running tallies."""
    tally_add(campaign=campaign, submissions=responses)


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
        # Exact counts: these figures are checked against the true ones.
        campaign_close(campaign=campaign, today=TODAY, early=True, noise=lambda identity: 0)
        published = published_by_api(campaign, dimensions, departments)
        transaction.set_rollback(True)
    if len(responses) < min_size:
        assert published == {frozenset(): None}
        return
    assert published[frozenset()] == len(responses)
    check_publication(published, responses, min_size=min_size, dimensions=dimensions)
