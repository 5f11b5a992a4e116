"""The one aggregation function of the monitor: which counts may be published.

Every figure of the monitor (on screen, in exports, in letters, in metrics) comes from here, so
the rules that keep small groups hidden live in one place. It is pure Python over counts: the
database counts once with GROUP BY (see results.py), and everything here is fast enough to run
on every page view and small enough to test with random data (tests/monitor/test_aggregation.py).

Vocabulary. A *partition* is a set of respondents whose size (its *total*) is split into *cells*
that together make up the total exactly. Some cells are *shown* (an option's count); some are
real but *hidden* (those who did not pick an option of a multiple-choice question). The rules:

1. A total between 0 and the minimum is never published, and nothing inside it either.
2. Primary suppression: a shown cell with 0 < count < minimum is suppressed; hidden cells count
   as suppressed. Zero is published: an empty group singles no one out, and hiding zeros would
   hide much more than it protects.
3. Secondary (complement) suppression: while the suppressed cells together hold fewer than the
   minimum (but more than none), the smallest published non-zero cell is suppressed too. So the
   total minus all published cells is 0 or at least the minimum, and for any published cell c
   of a published total T, T - c is 0 or at least the minimum.
4. A suppressed cell is never the only non-zero suppressed cell of its partition (hidden cells
   count): otherwise it is the total minus the rest. In one partition rule 3 already ensures it;
   it matters in breakdowns, where a cell may be suppressed to protect its column and must not be
   recomputable from its row. Suppressed zeros do not count as protection (nor are they chosen
   as a complement): a zero found out elsewhere would give the other cell away.

Breakdowns are two-way tables (groups of respondents by question cells): the partition rule is
applied to the rows (a group's question) and to the columns (an overall cell split over the
groups), repeated until nothing changes. Suppression only grows, so this ends.

What this guards against, and what the tests check: reading off a small group from any
published figure, from the difference of two figures, or by solving "total = sum of its cells"
wherever one figure is unknown, again and again across rows, columns and parents. It does not
run a full linear-programming audit of a breakdown (exact values or narrow bounds for a
suppressed cell from all equations at once), as statistical offices' tools do.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# The key of the hidden "did not pick" cell of a multiple-choice option is
# (question, option, NOT_PICKED).
NOT_PICKED = "not picked"
# The option of the "no answer" cell of a single-choice or scale question: (question, NO_ANSWER).
NO_ANSWER = None

type CellKey = tuple  # (question, option) | (question, NO_ANSWER) | (question, option, NOT_PICKED)


@dataclass(frozen=True)
class CellIn:
    key: Hashable
    count: int
    shown: bool = True


def suppressed_cells(
    total: int,
    cells: Sequence[CellIn],
    *,
    min_size: int,
    already: Iterable[Hashable] = (),
) -> frozenset | None:
    """The keys of the cells to suppress in one partition, or None when the total must go too.

    `already` holds cells suppressed for another reason (their column, their parent).
    """
    if 0 < total < min_size:
        return None  # rule 1
    count = {cell.key: cell.count for cell in cells}
    shown = {cell.key: cell.shown for cell in cells}
    if not isinstance(already, set | frozenset):
        already = set(already)
    suppressed = {
        cell.key
        for cell in cells
        if cell.key in already or not cell.shown or 0 < cell.count < min_size  # rule 2
    }

    def needs_more() -> bool:
        nonzero = [key for key in suppressed if count[key] > 0]
        hidden_sum = sum(count[key] for key in nonzero)
        if 0 < hidden_sum < min_size:  # rule 3
            return True
        return len(nonzero) == 1 and shown[nonzero[0]]  # rule 4

    while needs_more():
        # Zeros are no help as a complement: a zero suppressed alone is as good as published.
        candidates = [c for c in cells if c.key not in suppressed and c.count > 0]
        if not candidates:
            # Only reachable when a cell was forced: it is the whole total, so the total must go.
            return None
        suppressed.add(min(candidates, key=lambda cell: cell.count).key)
    return frozenset(suppressed)


@dataclass(frozen=True)
class PartitionOut:
    total: int | None
    cells: dict[Hashable, int | None]


def publish_partition(total: int, cells: Sequence[CellIn], *, min_size: int) -> PartitionOut:
    """The published total and cells of one partition (None = suppressed)."""
    hidden = suppressed_cells(total, cells, min_size=min_size)
    if hidden is None:
        return PartitionOut(None, {cell.key: None for cell in cells})
    return PartitionOut(
        total, {cell.key: None if cell.key in hidden else cell.count for cell in cells}
    )


# --- A questionnaire's cells within one group of respondents ------------------------------------


@dataclass(frozen=True)
class Shape:
    """A question as the aggregation sees it."""

    code: int
    options: tuple[int, ...]
    is_multi: bool = False
    # The (question, option) cell whose respondents were asked; None: everyone in the group.
    parent: tuple[int, int] | None = None


@dataclass(frozen=True)
class Counts:
    """The true counts of one group: its respondents, and its answers by (question, option)."""

    total: int
    answers: Mapping[tuple[int, int], int]


@dataclass(frozen=True)
class Published:
    """What may be shown of one group: None wherever a count is suppressed."""

    total: int | None
    cells: dict[CellKey, int | None]  # shown cells only: options and "no answer"
    bases: dict[int, int | None] = field(default_factory=dict)  # question -> its parent's size


def true_cells(shapes: Sequence[Shape], counts: Counts) -> dict[CellKey, int]:
    """Every cell's true count, including the "no answer" and hidden "did not pick" cells."""
    cells: dict[CellKey, int] = {}
    for shape in shapes:
        base = counts.total if shape.parent is None else cells.get(shape.parent, 0)
        picked = {option: counts.answers.get((shape.code, option), 0) for option in shape.options}
        if shape.is_multi:
            for option, n in picked.items():
                cells[(shape.code, option)] = n
                cells[(shape.code, option, NOT_PICKED)] = max(base - n, 0)
        else:
            cells.update({(shape.code, option): n for option, n in picked.items()})
            cells[(shape.code, NO_ANSWER)] = max(base - sum(picked.values()), 0)
    return cells


def _partitions(shape: Shape, cells: Mapping[CellKey, int]) -> list[list[CellIn]]:
    """A single choice is one partition of its base; each multiple-choice option is one."""
    if shape.is_multi:
        return [
            [
                CellIn((shape.code, option), cells[(shape.code, option)]),
                CellIn(
                    (shape.code, option, NOT_PICKED),
                    cells[(shape.code, option, NOT_PICKED)],
                    shown=False,
                ),
            ]
            for option in shape.options
        ]
    keys = [(shape.code, option) for option in shape.options] + [(shape.code, NO_ANSWER)]
    return [[CellIn(key, cells[key]) for key in keys]]


def shown_keys(shapes: Sequence[Shape]) -> list[CellKey]:
    keys: list[CellKey] = []
    for shape in shapes:
        keys.extend((shape.code, option) for option in shape.options)
        if not shape.is_multi:
            keys.append((shape.code, NO_ANSWER))
    return keys


@dataclass(frozen=True)
class _Prepared:
    """A group's true cells cut into partitions once, for the repeated passes of a breakdown."""

    total: int
    cells: dict[CellKey, int]
    parts: dict[int, list[list[CellIn]]]


def _prepare(shapes: Sequence[Shape], counts: Counts) -> _Prepared:
    cells = true_cells(shapes, counts)
    return _Prepared(counts.total, cells, {s.code: _partitions(s, cells) for s in shapes})


def publish_group(
    shapes: Sequence[Shape],
    counts: Counts,
    *,
    min_size: int,
    total_published: bool = True,
    forced: Iterable[CellKey] = (),
    dropped: Iterable[int] = (),
) -> tuple[Published, set[int]]:
    """One group's published cells, and the questions whose partition could not be protected.

    Questions are taken in order, so a parent cell (the carers of question 1) is decided before
    the questions asked only of it; a suppressed parent suppresses all its children, since they
    add up to it. `forced` cells are suppressed for their column's sake; `dropped` questions are
    suppressed entirely (see publish_breakdown).
    """
    return _publish_prepared(
        shapes,
        _prepare(shapes, counts),
        min_size=min_size,
        total_published=total_published,
        forced=set(forced),
        dropped=set(dropped),
    )


def _publish_prepared(
    shapes: Sequence[Shape],
    group: _Prepared,
    *,
    min_size: int,
    total_published: bool,
    forced: set[CellKey],
    dropped: set[int],
) -> tuple[Published, set[int]]:
    keys = shown_keys(shapes)
    if not total_published or 0 < group.total < min_size:
        return Published(None, dict.fromkeys(keys), {s.code: None for s in shapes}), set()
    published: dict[CellKey, int | None] = dict.fromkeys(keys)
    bases: dict[int, int | None] = {}
    failed: set[int] = set()
    for shape in shapes:
        base = group.total if shape.parent is None else published.get(shape.parent)
        bases[shape.code] = base
        if base is None or shape.code in dropped:
            continue
        outcome: dict[CellKey, int | None] = {}
        for part in group.parts[shape.code]:
            hidden = suppressed_cells(base, part, min_size=min_size, already=forced)
            if hidden is None:
                failed.add(shape.code)
                break
            outcome.update({c.key: None if c.key in hidden else c.count for c in part if c.shown})
        else:
            published.update(outcome)
    return Published(group.total, published, bases), failed


def publish_table(shapes: Sequence[Shape], counts: Counts, *, min_size: int) -> Published:
    """The published cells of all respondents (the summary)."""
    # Without forced cells no partition can fail (rule 3 needs a forced cell to run out of
    # candidates); were it to happen, publish_group leaves that question suppressed.
    published, _failed = publish_group(shapes, counts, min_size=min_size)
    return published


def publish_breakdown[G: Hashable](
    shapes: Sequence[Shape],
    groups: Mapping[G, Counts],
    overall: Published,
    *,
    min_size: int,
    group_cells: Mapping[G, CellKey] | None = None,
) -> dict[G, Published]:
    """Each group's published cells, protected across the groups as well as within each.

    `groups` partition all respondents; `overall` is publish_table of all of them, whose cells
    are the column totals here. `group_cells` names, for a group that is itself a cell of the
    overall table (the age band 2 is the cell (16, 2)), that cell: the group is then suppressed
    exactly when the summary suppresses the cell, so the two can never be combined.

    Columns: an overall cell that is suppressed suppresses it in every group (its parent);
    a published one is a partition over the groups. When a cell cannot be protected (it is a
    whole row or column that has to hide), its question is dropped from the breakdown: a table
    of which only the published totals are known gives no cell away.
    """
    group_cells = group_cells or {}
    keys = shown_keys(shapes)
    nothing = Published(None, dict.fromkeys(keys), {s.code: None for s in shapes})
    if overall.total is None:
        return dict.fromkeys(groups, nothing)
    rows = suppressed_cells(
        overall.total,
        [CellIn(g, counts.total) for g, counts in groups.items()],
        min_size=min_size,
        # A link to a cell the table does not have (no department question) links nothing.
        already={
            g
            for g, key in group_cells.items()
            if key in overall.cells and overall.cells[key] is None
        },
    )
    if rows is None:  # cannot happen with a published total; stay safe if it does
        return dict.fromkeys(groups, nothing)
    prepared = {g: _prepare(shapes, counts) for g, counts in groups.items()}
    hidden_overall = {key for key in keys if overall.cells.get(key) is None}
    forced = {g: set(hidden_overall) for g in groups}
    dropped: set[int] = set()
    results: dict[G, Published] = {}
    dirty = set(groups)  # the groups whose forced cells (or the dropped questions) changed
    while True:
        failed: set[int] = set()
        for g in dirty:
            results[g], fails = _publish_prepared(
                shapes,
                prepared[g],
                min_size=min_size,
                total_published=g not in rows,
                forced=forced[g],
                dropped=dropped,
            )
            failed |= fails
        dirty = set()
        if failed - dropped:
            dropped |= failed
            dirty = set(groups)
            continue
        for key in keys:
            if key in hidden_overall or key[0] in dropped:
                continue
            already = {g for g in groups if results[g].cells[key] is None}
            column = [CellIn(g, prepared[g].cells[key]) for g in groups]
            hidden = suppressed_cells(
                overall.cells[key], column, min_size=min_size, already=already
            )
            if hidden is None:
                dropped.add(key[0])
                dirty = set(groups)
                continue
            for g in hidden - already:
                forced[g].add(key)
                dirty.add(g)
        if not dirty:
            return {g: results[g] for g in groups}
