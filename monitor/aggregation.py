"""The one aggregation function of the monitor: which counts may be published.

Every figure of the monitor (on screen, in exports, in letters, in metrics) comes from here, so
the rules that keep small groups hidden live in one place. It is pure Python over counts: the
results are computed once, at the close of a campaign, into a frozen snapshot (see results.py),
and everything here is small enough to test with random data (tests/monitor/test_aggregation*.py).

Vocabulary. A *partition* is a set of respondents whose size (its *total*) is split into *cells*
that together make up the total. Some cells are *shown* (an option's count); some are real but
*hidden* (those who did not pick an option of a multiple-choice question). A cell is *in need of
protection* when it holds someone and either fewer than the minimum (0 < count < min) or, in a
partition of fewer than 2 x min, all of the total but fewer than the minimum (count > 0 and
total - count < min: "all five answered yes" or "four of five did", and "none of the five did"
through the hidden cell). The rules:

1. A total between 0 and the minimum is never published, and nothing inside it either.
2. Primary suppression: a shown cell in need of protection is suppressed. Hidden cells count as
   suppressed. Note what the dominance half implies: in a partition of min to 2 x min - 1 every
   cell that holds someone is in need, so such a partition publishes its total and nothing else.
3. Secondary (complement) suppression: while the suppressed cells together hold fewer than the
   minimum (but more than none), the smallest published non-zero cell is suppressed too. So the
   total minus all published cells is 0 or at least the minimum, and for any published cell c
   of a published total T, T - c is 0 or at least the minimum.
4. A suppressed cell is never the only non-zero suppressed cell of its partition (hidden cells
   count, a hidden one only when it is in need itself): otherwise it is the total minus the rest.
   In one partition rule 3 mostly ensures it; it matters for dominance (five alike have nothing
   to pair with) and in breakdowns, where a cell may be suppressed to protect its column and must
   not be recomputable from its row. Suppressed zeros do not count as protection (nor are they
   chosen as a complement): a zero found out elsewhere would give the other cell away. When no
   complement is left the partition cannot be protected (see below what then goes).
5. Zeros next to suppressed cells are suppressed: in a partition where a cell that holds someone
   is suppressed (primary, complement, or forced by its column; the hidden "not picked" cell
   only when it is in need itself), every zero cell is suppressed too. Otherwise a reader learns
   that each suppressed cell holds at least one: five carers in five different hours bands, with
   the sixth band published as 0, would each be pinned to exactly one. Where nothing is
   suppressed a zero is published: an empty group singles no one out. (A suppressed parent cell
   hides its children altogether: they add up to it.)

Breakdowns are two-way tables (groups of respondents by question cells): the partition rule is
applied to the rows (a group's question) and to the columns (an overall cell split over the
groups), repeated until nothing changes. Suppression only grows, so this ends. A row or column
that cannot be protected drops its unit from the whole breakdown: a single-choice question, or
one option of a multiple-choice question (its options are separate partitions); in the summary
that unit alone stays suppressed. A table of which only the published totals are known gives no
cell away.

Perturbation (the `noise` argument of publish_table and publish_breakdown). Every count except
the overall number of respondents (the campaign's response count, which stays exact) is replaced
by max(0, true + noise(identity)) *before* any decision; every decision (rules 1-5, columns,
dropped units) and every published value is then a function of those perturbed numbers only.
Hidden cells are derived from them ("not picked" = base - picked); "no answer" is a perturbed
cell of its own. The identity names the set of respondents, so that one set gets one noise and
one figure everywhere, and two sets never share a noise (that would publish their difference
exactly): an overall cell (question, option) is ("all", question, option) ("no answer" is the
option NO_ANSWER); a breakdown group's total is ("all",) + its summary cell when `group_cells`
links it (the age band 2 is the cell (16, 2), so its size is the summary's figure), else
("group", name, "total"); a group's cell is ("group", name, question, option), except in a
linked group for its own cell and for the questions asked only of it (parents of parents count:
the carer group's questions for carers), whose respondents are exactly those of the overall
cell: ("all", question, option), the summary's figure. A group's name is its summary cell when
linked, (16, 2), else (the questions its breakdown links, its key), ((1,), False) for the
non-carers: the key alone would give the age band 1 and the department 1 one noise. Cells that
the groups' definitions fix are not perturbed: in a linked group its own cell is the group and,
for a single-choice question, its other answers are empty; in every other group the cells
linked to a group are empty; and a question asked of nobody (a base of 0) holds 0 everywhere.

Why perturb: the suppression rules assume the reader does not control the data. A reader who
fills in a campaign with up to 2 x min - 1 responses of their own, and subtracts them, is left
with a "group" of one: the target. With exact counts every published figure and every
suppression decision would tell the target's answer. With noise of full support (cell_key_noise)
every answer of the target stays possible: for any other answer there is a noise that gives the
very same perturbed numbers, hence the very same output. The noise is drawn from a seed that is
used once, at close, and forgotten, so nobody can recompute and subtract it.

What this guards against, and what the tests check: reading off a small group from any
published figure, from the difference of two figures, by solving "total = sum of its cells"
wherever one figure is unknown, or by narrowing intervals over all rows, columns and parents
(with exact counts); telling which suppressed cells hold anyone; a group that answered alike;
and the padding attack above. What it does not do: it does not run a full linear-programming
audit of a breakdown (bounds from all equations at once, as statistical offices' tools do); a
figure published as all of its base (allowed from 2 x min) holds for every subgroup too ("all
twenty said yes" tells that all five in one department did); the padding guarantee is that no
answer of the target is ruled out, not that all are equally likely: each perturbed cell that
the target's answer moves shifts the odds by up to 1 / ALPHA (about 3), and several such cells
(the summary and each breakdown) compound; the noise blurs, it does not hide: a reader who
averages several figures of nearly the same respondents (a group total and its summary cell are
one figure, but the non-carers' answers to question 1 and the summary's are two) narrows it
down, and with the noise mostly 0 or 1 a perturbed figure is close to the true one; and two
breakdowns without linked groups would name their groups alike, so each breakdown of a campaign
must link its groups (results.py does).
"""

import hmac
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# The key of the hidden "did not pick" cell of a multiple-choice option is
# (question, option, NOT_PICKED).
NOT_PICKED = "not picked"
# The option of the "no answer" cell of a single-choice or scale question: (question, NO_ANSWER).
NO_ANSWER = None

# The noise is two-sided geometric ("discrete Laplace"): P(e = k) is proportional to
# ALPHA ** |k|. At 0.35 about half of all counts stay exact (P(0) = 0.48), most others move by
# one (P(+-1) = 0.34; two or more: 18%, three or more: 6%), so the published figures stay useful;
# yet every integer has a positive probability (up to +-42 or so, the resolution of 64 random
# bits, beyond which it is below 1e-19), so that no output rules out any true value. A bounded
# noise would: a published 7 under noise of at most 1 rules out a true 5.
ALPHA = 0.35

type CellKey = tuple  # (question, option) | (question, NO_ANSWER) | (question, option, NOT_PICKED)
type Noise = Callable[[Hashable], int]


def cell_key_noise(seed: bytes) -> Noise:
    """The perturbation of a close: a fixed two-sided geometric value per (seed, identity).

    Deterministic, so that one cell gets one noise wherever it is published; the seed is drawn
    at random once, at close, and then forgotten.
    """
    log_alpha = math.log(ALPHA)

    def geometric(half: bytes) -> int:
        # A uniform number in (0, 1), turned into a count with P(n) = (1 - ALPHA) * ALPHA ** n.
        return int(math.log((int.from_bytes(half, "big") + 0.5) / 2**64) / log_alpha)

    def noise(identity: Hashable) -> int:
        digest = hmac.digest(seed, repr(identity).encode(), "sha256")
        # The difference of two independent geometric counts is the two-sided geometric value.
        return geometric(digest[:8]) - geometric(digest[8:16])

    return noise


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
    """The keys of the cells to suppress in one partition, or None when it cannot be protected.

    `already` holds cells suppressed for another reason (their column, their parent). None: the
    total is too small to publish (rule 1), or a cell in need has nothing left to pair with
    (rule 4), so the partition's total must go or its cells must all go, everywhere.
    """
    if 0 < total < min_size:
        return None  # rule 1
    if not isinstance(already, set | frozenset):
        already = set(already)
    dominance = total < 2 * min_size

    def in_need(count: int) -> bool:
        return 0 < count < min_size or (dominance and count > 0 and total - count < min_size)

    suppressed = {
        cell.key for cell in cells if cell.key in already or not cell.shown or in_need(cell.count)
    }  # rule 2

    def needs_more() -> bool:
        nonzero = [cell for cell in cells if cell.count > 0 and cell.key in suppressed]
        if 0 < sum(cell.count for cell in nonzero) < min_size:  # rule 3
            return True
        return len(nonzero) == 1 and (nonzero[0].shown or in_need(nonzero[0].count))  # rule 4

    while needs_more():
        # Zeros are no help as a complement: a zero suppressed alone is as good as published.
        candidates = [c for c in cells if c.key not in suppressed and c.count > 0]
        if not candidates:
            return None
        suppressed.add(min(candidates, key=lambda cell: cell.count).key)
    if any(
        cell.count > 0 and cell.key in suppressed and (cell.shown or in_need(cell.count))
        for cell in cells
    ):
        suppressed.update(cell.key for cell in cells if cell.count == 0)  # rule 5
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


def _shape_keys(shape: Shape) -> list[CellKey]:
    keys: list[CellKey] = [(shape.code, option) for option in shape.options]
    if not shape.is_multi:
        keys.append((shape.code, NO_ANSWER))
    return keys


def shown_keys(shapes: Sequence[Shape]) -> list[CellKey]:
    return [key for shape in shapes for key in _shape_keys(shape)]


def _observed_cells(
    shapes: Sequence[Shape],
    counts: Counts,
    *,
    total: int,
    noise: Noise | None,
    identity: Callable[[CellKey], Hashable],
    link: CellKey | None = None,
    empty: frozenset = frozenset(),
) -> dict[CellKey, int]:
    """Every cell as the decisions see it: perturbed (or true, without noise), with the hidden
    cells derived from the perturbed ones, and the cells the groups' definitions fix.

    `total` is the group's own (perturbed) size; `link` the overall cell that is this group;
    `empty` the overall cells that are other groups (so none of this group's respondents).
    """
    truth = true_cells(shapes, counts)
    cells: dict[CellKey, int] = {}
    for shape in shapes:
        base = total if shape.parent is None else cells.get(shape.parent, 0)
        own_question = link is not None and link[0] == shape.code and not shape.is_multi
        for key in _shape_keys(shape):
            if key == link:
                cells[key] = total if base else 0
            elif base == 0 or key in empty or own_question:
                cells[key] = 0  # nobody asked, all in another group, or the group's other answers
            elif noise is None:
                cells[key] = truth[key]
            else:
                cells[key] = max(0, truth[key] + noise(identity(key)))
        if shape.is_multi:
            for option in shape.options:
                cells[(shape.code, option, NOT_PICKED)] = max(base - cells[(shape.code, option)], 0)
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
    return [[CellIn(key, cells[key]) for key in _shape_keys(shape)]]


# A unit that can be dropped as a whole: a single-choice question (its code), or one option of a
# multiple-choice question (its cell key), since each option is a partition of its own.
type Unit = int | CellKey


def _unit(shape: Shape, key: CellKey) -> Unit:
    return (key[0], key[1]) if shape.is_multi else shape.code


@dataclass(frozen=True)
class _Prepared:
    """A group's observed cells cut into partitions once, for the repeated passes of a breakdown.

    `link` is the overall cell that is this group (its children take the group's total as base).
    """

    total: int
    cells: dict[CellKey, int]
    parts: dict[int, list[list[CellIn]]]
    link: CellKey | None = None


def _prepare(
    shapes: Sequence[Shape],
    counts: Counts,
    *,
    total: int | None = None,
    noise: Noise | None = None,
    identity: Callable[[CellKey], Hashable] = lambda key: ("all", *key),
    link: CellKey | None = None,
    empty: frozenset = frozenset(),
) -> _Prepared:
    total = counts.total if total is None else total
    cells = _observed_cells(
        shapes, counts, total=total, noise=noise, identity=identity, link=link, empty=empty
    )
    return _Prepared(total, cells, {s.code: _partitions(s, cells) for s in shapes}, link)


def publish_group(
    shapes: Sequence[Shape],
    counts: Counts,
    *,
    min_size: int,
    total_published: bool = True,
    forced: Iterable[CellKey] = (),
    dropped: Iterable[int] = (),
) -> tuple[Published, set[int]]:
    """One group's published cells (exact counts), and the questions with a partition that could
    not be protected.

    Questions are taken in order, so a parent cell (the carers of question 1) is decided before
    the questions asked only of it; a suppressed parent suppresses all its children, since they
    add up to it. `forced` cells are suppressed for their column's sake; `dropped` questions are
    suppressed entirely (see publish_breakdown).
    """
    dropped = set(dropped)
    published, failed = _publish_prepared(
        shapes,
        _prepare(shapes, counts),
        min_size=min_size,
        total_published=total_published,
        forced=set(forced),
        dropped={_unit(s, key) for s in shapes if s.code in dropped for key in _shape_keys(s)},
    )
    return published, {unit if isinstance(unit, int) else unit[0] for unit in failed}


def _publish_prepared(
    shapes: Sequence[Shape],
    group: _Prepared,
    *,
    min_size: int,
    total_published: bool,
    forced: set[CellKey],
    dropped: set[Unit],
) -> tuple[Published, set[Unit]]:
    keys = shown_keys(shapes)
    if not total_published or 0 < group.total < min_size:
        return Published(None, dict.fromkeys(keys), {s.code: None for s in shapes}), set()
    published: dict[CellKey, int | None] = dict.fromkeys(keys)
    bases: dict[int, int | None] = {}
    failed: set[Unit] = set()
    for shape in shapes:
        if shape.parent is None or shape.parent == group.link:
            base = group.total  # a linked group's own cell is the group itself
        else:
            base = published.get(shape.parent)
        bases[shape.code] = base
        if base is None:
            continue
        for part in group.parts[shape.code]:
            unit = _unit(shape, part[0].key)
            if unit in dropped:
                continue
            hidden = suppressed_cells(base, part, min_size=min_size, already=forced)
            if hidden is None:
                failed.add(unit)
                if not shape.is_multi:
                    break
                continue
            published.update({c.key: None if c.key in hidden else c.count for c in part if c.shown})
    return Published(group.total, published, bases), failed


def publish_table(
    shapes: Sequence[Shape], counts: Counts, *, min_size: int, noise: Noise | None = None
) -> Published:
    """The published cells of all respondents (the summary).

    With `noise`, every cell is perturbed before any decision (see the module docstring); the
    total of all respondents stays exact.
    """
    prepared = _prepare(shapes, counts, noise=noise)
    # A partition that cannot be protected (a dominant cell with nothing to pair with) leaves
    # its unit suppressed: nothing else in the summary adds up to its cells.
    published, _failed = _publish_prepared(
        shapes, prepared, min_size=min_size, total_published=True, forced=set(), dropped=set()
    )
    return published


def _parent_chains(shapes: Sequence[Shape]) -> dict[int, frozenset[CellKey]]:
    """For each question, the cells whose respondents alone were asked it (parents of parents)."""
    parent = {shape.code: shape.parent for shape in shapes}
    chains: dict[int, frozenset[CellKey]] = {}
    for shape in shapes:
        chain: set[CellKey] = set()
        cell = shape.parent
        while cell is not None and cell not in chain:
            chain.add(cell)
            cell = parent.get(cell[0])
        chains[shape.code] = frozenset(chain)
    return chains


def publish_breakdown[G: Hashable](
    shapes: Sequence[Shape],
    groups: Mapping[G, Counts],
    overall: Published,
    *,
    min_size: int,
    group_cells: Mapping[G, CellKey] | None = None,
    noise: Noise | None = None,
) -> dict[G, Published]:
    """Each group's published cells, protected across the groups as well as within each.

    `groups` partition all respondents; `overall` is publish_table of all of them (with the same
    `noise`), whose cells are the column totals here. `group_cells` names, for a group that is
    itself a cell of the overall table (the age band 2 is the cell (16, 2)), that cell: the group
    is then suppressed exactly when the summary suppresses the cell, so the two can never be
    combined, and with noise it has the very same perturbed size.

    Columns: an overall cell that is suppressed suppresses it in every group (its parent);
    a published one is a partition over the groups, except where one group's cell is the overall
    cell itself (the carers' answers to questions for carers: the other groups hold nobody) or
    the overall cell is 0 (no group holds anyone to protect). When a cell cannot be protected (it
    is a whole row or column that has to hide), its unit is dropped from the breakdown.
    """
    keys = shown_keys(shapes)
    nothing = Published(None, dict.fromkeys(keys), {s.code: None for s in shapes})
    if overall.total is None:
        return dict.fromkeys(groups, nothing)
    # A link to a cell the table does not have (no department question) links nothing.
    links = {
        g: key for g, key in (group_cells or {}).items() if g in groups and key in overall.cells
    }

    # A group's name in its identities: the overall cell it is, else its key within this
    # breakdown (named by the questions of its linked groups). The key alone would not do: the
    # age band 1 and the department 1 are both 1, and one noise on two different sets of
    # respondents publishes their difference exactly.
    dimension = tuple(sorted({key[0] for key in links.values()}))
    names = {g: links.get(g, (dimension, g)) for g in groups}

    def total_identity(g: G) -> Hashable:
        return ("all", *links[g]) if g in links else ("group", names[g], "total")

    def total_of(g: G, counts: Counts) -> int:
        if noise is None:
            return counts.total
        # As in the summary, a question asked of nobody holds 0 (no one responded at all, or a
        # linked cell's question has a base of 0).
        if overall.total == 0 or (g in links and overall.bases.get(links[g][0]) == 0):
            return 0
        return max(0, counts.total + noise(total_identity(g)))

    totals = {g: total_of(g, counts) for g, counts in groups.items()}
    rows = suppressed_cells(
        overall.total,
        [CellIn(g, totals[g]) for g in groups],
        min_size=min_size,
        already={g for g, key in links.items() if overall.cells[key] is None},
    )
    if rows is None:  # one group is (nearly) everyone, or the table is too small
        return dict.fromkeys(groups, nothing)
    chains = _parent_chains(shapes)

    def identity_of(g: G) -> Callable[[CellKey], Hashable]:
        link = links.get(g)

        def identity(key: CellKey) -> Hashable:
            if link is not None and (key == link or link in chains[key[0]]):
                return ("all", *key)
            return ("group", names[g], *key)

        return identity

    identities = {g: identity_of(g) for g in groups}
    prepared = {
        g: _prepare(
            shapes,
            counts,
            total=totals[g],
            noise=noise,
            identity=identities[g],
            link=links.get(g),
            empty=frozenset(key for h, key in links.items() if key != links.get(g)),
        )
        for g, counts in groups.items()
    }
    unit_of = {key: _unit(shape, key) for shape in shapes for key in _shape_keys(shape)}
    hidden_overall = {key for key in keys if overall.cells.get(key) is None}
    # One group's cell is the overall cell itself: the other groups hold nobody there.
    shared = {
        key for key in keys for link in links.values() if key == link or link in chains[key[0]]
    }
    columns = [
        key
        for key in keys
        if key not in hidden_overall and key not in shared and overall.cells[key] != 0
    ]
    forced = {g: set(hidden_overall) for g in groups}
    dropped: set[Unit] = set()
    results: dict[G, Published] = {}
    dirty = set(groups)  # the groups whose forced cells (or the dropped units) changed
    while True:
        failed: set[Unit] = set()
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
        for key in columns:
            if unit_of[key] in dropped:
                continue
            already = {g for g in groups if results[g].cells[key] is None}
            column = [CellIn(g, prepared[g].cells[key]) for g in groups]
            hidden = suppressed_cells(
                overall.cells[key], column, min_size=min_size, already=already
            )
            if hidden is None:
                dropped.add(unit_of[key])
                dirty = set(groups)
                continue
            for g in hidden - already:
                forced[g].add(key)
                dirty.add(g)
        if not dirty:
            return {g: results[g] for g in groups}
