"""The padding attack: a reader who fills a campaign with responses of their own.

The reader sends k = 2 x min - 1 responses whose answers they know, one target sends theirs, and
the campaign of 2 x min responses is published. Subtracting their own answers leaves the reader a
"group" of one; with exact counts every published figure, and every suppression decision, would
tell the target's answers. With the perturbation, every count the decisions see is
max(0, true + e) for a noise e that can take any value, so for any other answer of the target
there is a noise that reproduces the very same perturbed numbers, hence the very same output.

The test checks exactly that, honestly: for a candidate other answer b it builds the counts that
answer would give, computes the noise each identity would need to reproduce the perturbed value
of the real run (needed e = perturbed - true under b; a perturbed 0 is reproduced by any
e <= -true, such as -true), publishes again with that noise injected, and requires an identical
output and a positive probability for every needed e.

This fails for either mistake the design guards against (both were checked once, locally):
- a decision made from the true counts, say the primary suppression of a cell 0 < true < min:
  under b the true counts differ, so the injected run decides differently and the output
  differs (answer 1 by the target alone is suppressed, answer 2 by nobody is published);
- a bounded noise, say |e| <= 1: a target answer that moves a cell by one needs e = +-2 wherever
  the real noise was +-1, which has probability 0, so only the true answer stays possible.
"""

from collections.abc import Callable, Hashable, Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.aggregation import cell_key_noise, publish_breakdown, publish_table
from monitor.questionnaire import QuestionKind
from tests.monitor.test_aggregation import (
    BROKEN_DOWN,
    CODES,
    CONDITIONS,
    DIMENSIONS,
    KINDS,
    OPTIONS,
    breakdown_input,
    cell_identity,
    counts_of,
    group_atom,
    noise_probability,
    one_response,
    shapes,
    sizes,
)

type Scope = str  # "summary", or the breakdown a noise was asked for
type Noise = Callable[[Hashable], int]


def publish_recorded(responses, *, min_size: int, noise: Noise) -> tuple[dict, dict]:
    """The publication of a close, and every noise it drew, by (scope, identity)."""
    drawn: dict[tuple[Scope, Hashable], int] = {}

    def recording(scope: Scope) -> Noise:
        def draw(identity: Hashable) -> int:
            drawn[(scope, identity)] = e = noise(identity)
            return e

        return draw

    overall = publish_table(
        shapes(CODES), counts_of(responses), min_size=min_size, noise=recording("summary")
    )
    publication: dict = {"summary": overall}
    for dimension in DIMENSIONS:
        groups, links = breakdown_input(dimension, responses)
        publication[dimension] = publish_breakdown(
            BROKEN_DOWN,
            groups,
            overall,
            min_size=min_size,
            group_cells=links,
            noise=recording(dimension),
        )
    return publication, drawn


def true_count(scope: Scope, identity: tuple, size) -> int:
    """The true count behind a noise identity, from the responses (not from the module)."""
    if identity[0] == "all":
        _all, code, option = identity
        return size(cell_identity(frozenset(), code, option))
    _group, name, *cell = identity
    if isinstance(name[0], tuple):  # (the breakdown's questions, the group's key)
        context = frozenset({group_atom(scope, name[1])})
    else:  # the overall cell the group is
        context = cell_identity(frozenset(), *name)
    if cell == ["total"]:
        return size(context)
    code, option = cell
    return size(cell_identity(context, code, option))


def perturbed_values(drawn: Mapping, responses) -> dict[Hashable, int]:
    size = sizes(responses)
    values: dict[Hashable, int] = {}
    for (scope, identity), e in drawn.items():
        value = max(0, true_count(scope, identity, size) + e)
        # One identity is one set of respondents, wherever it is drawn.
        assert values.setdefault(identity, value) == value, identity
    return values


def reproduces(publication, perturbed: Mapping, drawn: Mapping, responses, *, min_size) -> bool:
    """Whether these responses can give this very publication, with a noise of positive
    probability for every identity."""
    size = sizes(responses)
    needed: dict[Hashable, int] = {}
    for scope, identity in drawn:
        true = true_count(scope, identity, size)
        value = perturbed[identity]
        e = value - true if value > 0 else -true  # any e <= -true gives a perturbed 0
        if noise_probability(e) <= 0 or needed.setdefault(identity, e) != e:
            return False
    again, _drawn = publish_recorded(
        responses, min_size=min_size, noise=lambda identity: needed[identity]
    )
    return again == publication


def asked(code: int, answers: Mapping) -> bool:
    condition = CONDITIONS[code]
    return condition is None or condition.option in answers.get(condition.question, ())


def with_answer(target: Mapping, code: int, answer: list[int]) -> dict:
    """The target's response with another answer to one question, following the skip logic:
    questions no longer asked lose their answers, newly asked ones have none."""
    changed = {c: options for c, options in target.items() if c != code}
    if answer:
        changed[code] = answer
    for question in CODES:  # parents come before the questions asked of them
        if question in changed and not asked(question, changed):
            del changed[question]
    return changed


def other_answers(code: int, answer: list[int]) -> list[list[int]]:
    if KINDS[code] == QuestionKind.MULTI:
        return [sorted(set(answer) ^ {option}) for option in OPTIONS[code]]
    return [[option] for option in (*OPTIONS[code], None) if [option] != (answer or [None])]


@st.composite
def padded_campaigns(draw):
    min_size = draw(st.integers(5, 7))
    # The reader's own responses: a few profiles, repeated (answering alike isolates best).
    profiles = draw(st.lists(one_response(), min_size=1, max_size=3))
    own = [profiles[draw(st.integers(0, len(profiles) - 1))] for _ in range(2 * min_size - 1)]
    return min_size, own, draw(one_response()), draw(st.binary(min_size=16, max_size=16))


@settings(max_examples=40, deadline=None)
@given(campaign=padded_campaigns())
def test_padding_a_campaign_leaves_every_question_of_the_target_open(campaign):
    min_size, own, target, seed = campaign
    responses = [*own, target]
    publication, drawn = publish_recorded(responses, min_size=min_size, noise=cell_key_noise(seed))
    assert publication["summary"].total == 2 * min_size
    perturbed = perturbed_values(drawn, responses)
    # The test's own view of the counts is the module's: the true answer reproduces itself.
    assert reproduces(publication, perturbed, drawn, responses, min_size=min_size)
    for code in CODES:
        if not asked(code, target):
            continue  # not asked: that follows from the answer to its parent question
        possible = any(  # besides the true answer, which reproduces itself (checked above)
            reproduces(
                publication,
                perturbed,
                drawn,
                [*own, with_answer(target, code, [a for a in answer if a is not None])],
                min_size=min_size,
            )
            for answer in other_answers(code, target.get(code, []))
        )
        assert possible, ("the target's answer is certain", code, target.get(code))
