"""The monitor's results API: what a summary, a breakdown and a comparison publish.

Figures exist only after a campaign's final close: a test responds, then closes the campaign
(`close`, without perturbation unless it says exact=False) and only then reads the results.
The minimum group size is 5 unless a test raises it, so "twice the minimum" is 10.
"""

from datetime import date

import pytest
from django.utils import translation

from monitor import results as results_module
from monitor.closing import campaign_close
from monitor.models import AnswerTally, Campaign, ReferenceFigure, Snapshot, TextAnswer
from monitor.questionnaire import Q_AGE_BAND, Q_CARER
from monitor.results import (
    METRICS,
    MIN_TEXTS,
    breakdown_for,
    breakdowns_for,
    comparison_for,
    previous_campaign,
    summary_for,
)
from monitor.services import INBOX_BATCH, MonitorError
from monitor.snapshots import latest_summary_for
from tests.monitor.conftest import TODAY, close, make_campaign, submit

CARER = {1: [1], 3: [2], 6: [1], 7: [1], 8: [1], 9: [1], 10: [1, 2], 12: [4]}
NOT_CARER = {1: [2], 8: [3], 9: [3], 12: [2]}


def respond(campaign, count, answers, texts=None, **extra):
    for _ in range(count):
        submit(campaign, answers, texts, **extra)


def result(summary_or_group, code):
    return next(r for r in summary_or_group.questions if r.question.code == code)


def counts(question_result):
    return {figure.option: figure.count for figure in question_result.figures}


def fresh(campaign) -> Campaign:
    """The campaign as a new request reads it: nothing of an earlier read cached on it."""
    return Campaign.objects.get(pk=campaign.pk)


def assert_nothing_published(summary):
    assert summary.is_publishable is False
    assert summary.response_count is None and summary.response_rate is None
    assert summary.questions == [] and summary.free_texts == []
    assert summary.metrics == dict.fromkeys(METRICS)


# --- Nothing before the close, nothing below the minimum -----------------------------------------


def test_an_open_campaign_publishes_nothing_however_many_responded(campaign):
    # A whole batch: these responses have been moved into the running counts already.
    respond(campaign, INBOX_BATCH, CARER, {11: "Meer begrip"})
    respond(campaign, 10, NOT_CARER)
    assert AnswerTally.objects.filter(campaign=campaign).exists()
    summary = summary_for(campaign=campaign)
    assert_nothing_published(summary)
    assert summary.is_closed is False
    for by in breakdowns_for(campaign=campaign):
        assert breakdown_for(campaign=campaign, by=by).groups == []
    rows = comparison_for(campaign=campaign, summary=summary)
    assert {(row.this, row.previous, row.previous_title) for row in rows} == {(None, None, None)}
    assert not Snapshot.objects.filter(campaign=campaign).exists()


def test_a_campaign_closed_below_the_minimum_publishes_nothing(campaign):
    respond(campaign, 4, CARER, {11: "Meer begrip"})
    assert_nothing_published(summary_for(campaign=campaign))
    close(campaign)
    summary = summary_for(campaign=campaign)
    assert_nothing_published(summary)
    assert summary.is_closed is True
    assert breakdown_for(campaign=campaign, by="carer").groups == []
    # Not even the number of responses is kept in the snapshot.
    assert Snapshot.objects.get(campaign=campaign).response_count is None


def test_a_raised_minimum_counts_for_everything(org_a):
    seven = make_campaign(org_a, title="Zeven", min_group_size=8)
    respond(seven, 7, CARER)
    close(seven)
    assert summary_for(campaign=seven).is_publishable is False
    eight = make_campaign(org_a, title="Acht", min_group_size=8)
    respond(eight, 8, CARER)
    assert summary_for(campaign=eight).is_publishable is False  # still open
    close(eight)
    summary = summary_for(campaign=eight)
    assert (summary.is_publishable, summary.response_count) == (True, 8)
    assert summary.response_rate == pytest.approx(100 * 8 / 400)
    assert summary.min_group_size == 8


def test_a_closed_campaign_takes_no_more_responses(campaign):
    respond(campaign, 6, CARER)
    close(campaign)
    with pytest.raises(MonitorError):
        submit(campaign, CARER)
    assert summary_for(campaign=fresh(campaign)).response_count == 6


# --- What a closed campaign publishes ------------------------------------------------------------


def test_carer_questions_have_the_carers_as_base(campaign):
    respond(campaign, 6, CARER)
    respond(campaign, 6, {**CARER, 3: [4], 6: [2]})
    respond(campaign, 8, NOT_CARER)
    close(campaign)
    summary = summary_for(campaign=campaign)
    assert summary.response_count == 20
    everyone = result(summary, 1)
    assert everyone.base_count == 20
    assert counts(everyone) == {1: 12, 2: 8, 3: 0, None: 0}
    hours = result(summary, 3)
    with translation.override("en"):
        assert str(hours.base_label) == "carers"
    assert hours.base_count == 12
    assert counts(hours) == {1: 0, 2: 6, 3: 0, 4: 6, 5: 0, None: 0}
    assert [f.percentage for f in hours.figures if f.option in (2, 4)] == [50.0, 50.0]
    outcome = result(summary, 7)
    assert outcome.base_count == 6  # those who talked with their manager
    # All 6 who talked found a good solution. Their group is smaller than twice the minimum, so
    # a cell that holds all of it is suppressed (dominance); the other answers are 0 and cannot
    # serve as its complement, so the whole question stays suppressed (before the dominance
    # rule this was published as 6 of 6).
    assert set(counts(outcome).values()) == {None}
    # A multiple-choice option is its share of the base, without a "no answer" figure.
    needs = result(summary, 10)
    assert [f.option for f in needs.figures] == [1, 2, 3, 4, 5]
    assert needs.figures[0].percentage == 100.0


def test_metrics_come_from_published_figures(campaign):
    # Groups of at least twice the minimum, so that dominance suppresses none of the cells.
    respond(campaign, 10, CARER)
    respond(campaign, 10, {**CARER, 9: [2], 6: [2]})
    respond(campaign, 20, NOT_CARER)
    close(campaign)
    metrics = summary_for(campaign=campaign).metrics
    assert metrics["response-rate"] == pytest.approx(10.0)  # 40 of 400
    assert metrics["carer-share"] == pytest.approx(50.0)
    assert metrics["discussed-with-manager"] == pytest.approx(50.0)
    assert metrics["wants-to-discuss"] == pytest.approx(50.0)
    assert metrics["good-solution-when-discussed"] == pytest.approx(100.0)  # 10 of 10
    assert metrics["knows-municipal-support"] == pytest.approx(50.0)  # 10 + 10 of 40
    assert metrics["uses-municipal-support"] == pytest.approx(50.0)  # 10 of 20 carers
    assert metrics["culture-open"] == pytest.approx(50.0)
    assert metrics["needs-flexibility"] == pytest.approx(100.0)
    assert metrics["needs-leave"] == 0.0


def test_a_metric_over_a_dominated_cell_is_not_published(campaign):
    respond(campaign, 6, CARER)
    respond(campaign, 6, {**CARER, 9: [2], 6: [2]})
    respond(campaign, 8, NOT_CARER)
    close(campaign)
    metrics = summary_for(campaign=campaign).metrics
    assert metrics["carer-share"] == pytest.approx(60.0)
    assert metrics["discussed-with-manager"] == pytest.approx(50.0)
    assert metrics["knows-municipal-support"] == pytest.approx(60.0)  # 6 + 6 of 20
    # All 6 who talked with their manager found a good solution: a group below twice the
    # minimum held entirely by one answer is suppressed (dominance), and so is its metric.
    assert metrics["good-solution-when-discussed"] is None
    # The 6 who use the municipality's support are all carers: in the carer breakdown that
    # column (6, below twice the minimum) lies entirely in one group, so the question is dropped
    # from the breakdown and the carers' share of it is not published.
    assert metrics["uses-municipal-support"] is None


def test_a_metric_with_a_suppressed_part_is_not_published(campaign):
    respond(campaign, 10, NOT_CARER)
    respond(campaign, 3, {**NOT_CARER, 9: [1]})
    respond(campaign, 7, {**NOT_CARER, 9: [2]})
    close(campaign)
    summary = summary_for(campaign=campaign)
    municipal = counts(result(summary, 9))
    # 3 is too few; 7 goes with it as complement; the 0 of "no answer" goes too, since a zero
    # next to suppressed cells would tell that each of them holds someone.
    assert municipal == {1: None, 2: None, 3: 10, None: None}
    assert summary.metrics["knows-municipal-support"] is None


# --- Free texts ----------------------------------------------------------------------------------


def test_free_texts_need_ten_responses_and_ten_texts(org_a):
    nine = make_campaign(org_a, title="Negen")
    for n in range(9):
        submit(nine, CARER, {11: f"Idee {n}"})
    close(nine)
    assert summary_for(campaign=nine).is_publishable is True
    assert summary_for(campaign=nine).free_texts == []  # 9 responses

    few_texts = make_campaign(org_a, title="Weinig teksten")
    for n in range(10):
        submit(few_texts, CARER, {11: f"Idee {n}"} if n < MIN_TEXTS - 1 else None)
    respond(few_texts, 10, NOT_CARER)
    close(few_texts)
    assert summary_for(campaign=few_texts).free_texts == []  # 20 responses, 9 texts

    enough = make_campaign(org_a, title="Genoeg")
    for n in range(10):
        submit(enough, CARER, {11: f"Idee {n}"})
    respond(enough, 10, NOT_CARER)
    close(enough)
    assert sorted(summary_for(campaign=enough).free_texts) == sorted(f"Idee {n}" for n in range(10))


def test_free_texts_are_a_fixed_shuffled_selection_without_dates(campaign):
    written = [f"Idee {n:02}" for n in range(12)]
    for text in written:
        submit(campaign, CARER, {11: text})
    close(campaign)
    shown = summary_for(campaign=campaign).free_texts
    assert sorted(shown) == written
    assert all(isinstance(text, str) for text in shown)
    # Shuffled at close (the chance that 12 texts keep their order is 1 in 12!) ...
    assert shown != written
    # ... and then fixed: every read gives the snapshot's order.
    assert {tuple(summary_for(campaign=fresh(campaign)).free_texts) for _ in range(5)} == {
        tuple(shown)
    }


def test_the_snapshot_keeps_a_random_selection_of_the_texts(campaign, monkeypatch):
    monkeypatch.setattr(results_module, "TEXTS_IN_SNAPSHOT", 10)
    written = {f"Idee {n}" for n in range(15)}
    for text in sorted(written):
        submit(campaign, CARER, {11: text})
    close(campaign)
    shown = summary_for(campaign=campaign).free_texts
    assert len(shown) == 10 == len(set(shown))
    assert set(shown) <= written


def test_free_texts_wait_for_the_campaigns_minimum_when_it_is_higher(org_a):
    below = make_campaign(org_a, title="Onder het minimum", min_group_size=12)
    respond(below, 11, CARER, {11: "Idee"})
    close(below)
    assert summary_for(campaign=below).free_texts == []
    # 12 carers out of 12 with a minimum of 12: the carers are the whole group, and a group
    # below twice the minimum never publishes such a cell (dominance), so neither their texts.
    alike = make_campaign(org_a, title="Allemaal mantelzorgers", min_group_size=12)
    respond(alike, 12, CARER, {11: "Idee"})
    close(alike)
    summary = summary_for(campaign=alike)
    assert summary.is_publishable is True
    assert counts(result(summary, Q_CARER))[1] is None
    assert summary.free_texts == []
    # With as many others the carers are published, and so are their texts.
    mixed = make_campaign(org_a, title="Gemengd", min_group_size=12)
    respond(mixed, 12, CARER, {11: "Idee"})
    respond(mixed, 12, NOT_CARER)
    close(mixed)
    assert summary_for(campaign=mixed).free_texts == ["Idee"] * 12


def test_free_texts_of_carers_stay_hidden_when_the_carers_are_suppressed(org_a):
    # Enough texts (10) and responses (30), but 10 carers are fewer than this minimum of 12.
    campaign = make_campaign(org_a, min_group_size=12)
    respond(campaign, 10, CARER, {11: "Idee"})
    respond(campaign, 20, NOT_CARER)
    close(campaign)
    summary = summary_for(campaign=campaign)
    assert counts(result(summary, 1))[1] is None
    assert summary.free_texts == []


# --- Breakdowns ----------------------------------------------------------------------------------


def test_a_breakdown_by_department_hides_a_small_department_and_its_complement(
    campaign, departments
):
    burgerzaken, sociaal, bedrijfsvoering = (d.code for d in departments)
    respond(campaign, 3, {**CARER, 8: [3], 17: [burgerzaken]})
    respond(campaign, 7, {**NOT_CARER, 17: [sociaal]})
    respond(campaign, 12, {**NOT_CARER, 17: [bedrijfsvoering]})
    close(campaign)
    with translation.override("en"):
        breakdown = breakdown_for(campaign=campaign, by="department")
    groups = {group.label: group for group in breakdown.groups}
    assert list(groups) == ["Bedrijfsvoering", "Burgerzaken", "Sociaal Domein", "No answer"]
    assert groups["Burgerzaken"].count is None
    # 7 would give the 3 away as 22 - 12 - 7: the smallest other department goes too.
    assert groups["Sociaal Domein"].count is None
    assert groups["Bedrijfsvoering"].count == 12
    # The 0 without a department is suppressed too (it was published before the zero rule): a
    # published 0 next to the two hidden departments would tell that each holds someone.
    assert groups["No answer"].count is None
    assert {f.count for q in groups["Burgerzaken"].questions for f in q.figures} == {None}
    assert counts(result(groups["Bedrijfsvoering"], 8)) == {1: 0, 2: 0, 3: 12, None: 0}
    # The summary hides the same departments, so the two cannot be combined.
    department = counts(result(summary_for(campaign=campaign), 17))
    assert department == {
        bedrijfsvoering: 12,
        burgerzaken: None,
        sociaal: None,
        None: None,
    }


def test_a_breakdown_by_carer_compares_carers_with_the_others(campaign):
    respond(campaign, 10, CARER)
    respond(campaign, 10, NOT_CARER)
    close(campaign)
    breakdown = breakdown_for(campaign=campaign, by="carer")
    carers, others = breakdown.groups
    assert (carers.count, others.count) == (10, 10)
    assert counts(result(carers, 8))[1] == 10 and counts(result(others, 8))[3] == 10
    # Background questions are breakdowns of their own, not rows of a breakdown.
    assert {16, 17}.isdisjoint(r.question.code for r in carers.questions)


CARERS_ONLY = {2, 3, 4, 5, 6, 7, 10, 11}  # asked after "Yes" to question 1 (7 after 6 = yes)


def test_a_breakdown_by_carer_leaves_the_carers_questions_out_for_the_others(campaign):
    respond(campaign, 10, CARER)
    respond(campaign, 10, NOT_CARER)
    close(campaign)
    carers, others = breakdown_for(campaign=campaign, by="carer").groups
    carer_codes = {r.question.code for r in carers.questions}
    other_codes = {r.question.code for r in others.questions}
    assert {3, 6, 7, 10} <= carer_codes
    assert other_codes.isdisjoint(CARERS_ONLY)
    assert {1, 8, 9, 12, 13, 14} <= other_codes
    # Left out at close: the snapshot holds no figure of the others for questions they were
    # never asked, not even a base of 0.
    stored = dict(
        (value, data)
        for value, data in Snapshot.objects.get(campaign=campaign).data["breakdowns"]["carer"]
    )
    assert not {int(name.split(":")[0]) for name in stored[False]["cells"]} & CARERS_ONLY
    assert not {int(code) for code in stored[False]["bases"]} & CARERS_ONLY
    assert {int(name.split(":")[0]) for name in stored[True]["cells"]} >= {3, 6, 7, 10}


def test_other_breakdowns_keep_the_carers_questions_in_every_group(campaign):
    respond(campaign, 10, {**CARER, Q_AGE_BAND: [1]})
    respond(campaign, 10, {**NOT_CARER, Q_AGE_BAND: [1]})
    respond(campaign, 10, {**CARER, Q_AGE_BAND: [2]})
    close(campaign)
    for group in breakdown_for(campaign=campaign, by="age_band").groups:
        assert {3, 6, 10} <= {r.question.code for r in group.questions}, group.label


def test_a_snapshot_written_before_this_rule_is_read_without_the_carers_questions(campaign):
    respond(campaign, 10, CARER)
    respond(campaign, 10, NOT_CARER)
    close(campaign)
    # An older snapshot kept a base of 0 and empty cells for the others: they are left out
    # when it is read, too.
    snapshot = Snapshot.objects.get(campaign=campaign)
    data = snapshot.data
    groups = dict((value, published) for value, published in data["breakdowns"]["carer"])
    groups[False]["bases"]["3"] = 0
    groups[False]["cells"].update(
        {name: 0 for name in groups[True]["cells"] if name.startswith("3:")}
    )
    data["breakdowns"]["carer"] = [[value, published] for value, published in groups.items()]
    Snapshot.objects.filter(pk=snapshot.pk).update(data=data)
    _carers, others = breakdown_for(campaign=fresh(campaign), by="carer").groups
    assert 3 not in {r.question.code for r in others.questions}


def test_a_group_below_twice_the_minimum_publishes_only_its_size(campaign):
    respond(campaign, 6, CARER)
    respond(campaign, 9, NOT_CARER)
    close(campaign)
    carers, others = breakdown_for(campaign=campaign, by="carer").groups
    assert (carers.count, others.count) == (6, 9)
    # In a group of 5 to 9 every cell that holds someone holds all of it or all but fewer than
    # 5 (dominance), and its zeros go with it: the 6 carers all knowing the regulations, or the
    # 9 others all not knowing them, cannot be read off (both were published before).
    for group in (carers, others):
        assert {f.count for q in group.questions for f in q.figures} == {None}


def test_a_breakdown_by_age_band_has_a_group_per_band_and_one_for_no_answer(campaign):
    respond(campaign, 6, {**CARER, 16: [1]})
    respond(campaign, 5, {**NOT_CARER, 16: [3]})
    respond(campaign, 5, NOT_CARER)
    close(campaign)
    with translation.override("en"):
        breakdown = breakdown_for(campaign=campaign, by="age_band")
        labels = [group.label for group in breakdown.groups]
    assert labels == ["Under 35", "35 to 49", "50 or older", "No answer"]
    # No group is suppressed, so the empty band is published as 0.
    assert [group.count for group in breakdown.groups] == [6, 0, 5, 5]


def test_an_unknown_breakdown_is_an_error(campaign):
    with pytest.raises(ValueError):
        breakdown_for(campaign=campaign, by="salary")


def test_the_department_breakdown_is_offered_only_with_departments(campaign, org_a):
    assert set(breakdowns_for(campaign=campaign)) == {"carer", "age_band"}


def test_the_department_breakdown_is_offered_with_departments(campaign, departments):
    assert set(breakdowns_for(campaign=campaign)) == {"carer", "age_band", "department"}


# --- The snapshot --------------------------------------------------------------------------------


def test_the_results_are_read_from_the_snapshot_not_the_counts(campaign):
    respond(campaign, 10, CARER, {11: "Idee"})
    respond(campaign, 10, {**NOT_CARER, Q_AGE_BAND: [1]})
    close(campaign)
    before = summary_for(campaign=fresh(campaign))
    breakdowns = [breakdown_for(campaign=fresh(campaign), by=by) for by in ("carer", "age_band")]
    assert before.is_publishable and before.free_texts
    AnswerTally.objects.filter(campaign=campaign).delete()
    TextAnswer.objects.filter(campaign=campaign).delete()
    assert summary_for(campaign=fresh(campaign)) == before
    assert [breakdown_for(campaign=fresh(campaign), by=by) for by in ("carer", "age_band")] == (
        breakdowns
    )


def test_a_campaign_closes_once(campaign):
    respond(campaign, 6, CARER)
    close(campaign)
    with pytest.raises(MonitorError):
        close(fresh(campaign))
    assert Snapshot.objects.filter(campaign=campaign).count() == 1


# --- The perturbation ----------------------------------------------------------------------------

AGED = [
    *[{**CARER, Q_AGE_BAND: [2]}] * 30,
    *[{**NOT_CARER, Q_AGE_BAND: [1]}] * 25,
    *[NOT_CARER] * 5,
]


def respond_all(campaign, responses):
    for answers in responses:
        submit(campaign, answers)


def test_a_known_perturbation_moves_a_cell_alike_in_summary_and_breakdown(campaign):
    respond_all(campaign, AGED)
    moved = {("all", Q_CARER, 1): 1, ("all", Q_AGE_BAND, 1): 2}
    campaign_close(
        campaign=campaign, today=TODAY, early=True, noise=lambda identity: moved.get(identity, 0)
    )
    summary = summary_for(campaign=campaign)
    assert summary.response_count == 60  # never perturbed
    assert counts(result(summary, Q_CARER))[1] == 31  # 30 + 1
    assert counts(result(summary, Q_AGE_BAND))[1] == 27  # 25 + 2
    carers, _others = breakdown_for(campaign=campaign, by="carer").groups
    assert carers.count == 31  # the carers group is the summary's cell (1, 1): one figure
    ages = breakdown_for(campaign=campaign, by="age_band").groups
    assert [group.count for group in ages] == [27, 30, 0, 5]
    # The carers' own questions have the very same (perturbed) base in both.
    assert result(carers, 3).base_count == result(summary, 3).base_count == 31
    assert counts(result(carers, 3)) == counts(result(summary, 3))


def test_a_perturbation_of_every_count_leaves_the_response_count_exact(campaign):
    respond_all(campaign, AGED)
    campaign_close(campaign=campaign, today=TODAY, early=True, noise=lambda identity: 3)
    summary = summary_for(campaign=campaign)
    assert summary.response_count == 60
    assert summary.response_rate == pytest.approx(15.0)
    assert Snapshot.objects.get(campaign=campaign).response_count == 60
    # Every other count moved by 3: the empty answers became 3 each and are suppressed (below
    # the minimum; together 6, so they need no complement), the carers and the others are 33.
    assert counts(result(summary, Q_CARER)) == {1: 33, 2: 33, 3: None, None: None}
    carers, others = breakdown_for(campaign=campaign, by="carer").groups
    assert (carers.count, others.count) == (33, 33)
    ages = breakdown_for(campaign=campaign, by="age_band").groups
    assert [group.count for group in ages][:2] == [28, 33]  # 25 + 3 and 30 + 3


def test_with_the_random_perturbation_the_total_is_exact_and_a_cell_reads_the_same_everywhere(
    campaign,
):
    respond_all(campaign, AGED)
    close(campaign, exact=False)
    summary = summary_for(campaign=campaign)
    assert summary.response_count == 60
    assert summary.response_rate == pytest.approx(15.0)
    carer_cell = counts(result(summary, Q_CARER))[1]
    carers, _others = breakdown_for(campaign=campaign, by="carer").groups
    assert carers.count == carer_cell
    ages = counts(result(summary, Q_AGE_BAND))
    groups = breakdown_for(campaign=campaign, by="age_band").groups
    assert [group.count for group in groups] == [ages[1], ages[2], ages[3], ages[None]]
    # A cell of the carers' own questions is the same set of people in both.
    for mine, everyone in zip(result(carers, 3).figures, result(summary, 3).figures, strict=True):
        if mine.count is not None and everyone.count is not None:
            assert mine.count == everyone.count
    # Read again, nothing moves: the perturbation was drawn once, at close.
    assert summary_for(campaign=fresh(campaign)) == summary


# --- Comparison ----------------------------------------------------------------------------------


def test_a_comparison_shows_the_previous_campaign_and_the_national_figures(
    campaign, closed_campaign
):
    respond(closed_campaign, 5, CARER, today=date(2024, 10, 15))
    respond(closed_campaign, 5, NOT_CARER, today=date(2024, 10, 15))
    close(closed_campaign)
    respond(campaign, 6, CARER)
    respond(campaign, 14, NOT_CARER)
    close(campaign)
    assert previous_campaign(campaign=campaign) == closed_campaign
    rows = {
        row.key: row
        for row in comparison_for(campaign=campaign, summary=summary_for(campaign=campaign))
    }
    assert list(rows) == list(METRICS)
    share = rows["carer-share"]
    assert (share.this, share.previous) == (pytest.approx(30.0), pytest.approx(50.0))
    assert share.previous_title == "Monitor 2024"
    assert share.reference == ReferenceFigure.objects.get(key="carer-share")
    assert share.reference.source
    assert rows["wants-to-discuss"].reference is None


def test_the_comparison_is_frozen_at_close(campaign, closed_campaign):
    respond(closed_campaign, 5, CARER, today=date(2024, 10, 15))
    respond(closed_campaign, 5, NOT_CARER, today=date(2024, 10, 15))
    respond(campaign, 6, CARER)
    respond(campaign, 14, NOT_CARER)
    close(campaign)  # the older campaign has not closed yet: there is nothing to compare with
    close(closed_campaign)
    assert previous_campaign(campaign=campaign) == closed_campaign
    campaign = fresh(campaign)
    rows = comparison_for(campaign=campaign, summary=summary_for(campaign=campaign))
    assert {(row.previous, row.previous_title) for row in rows} == {(None, None)}


def test_a_comparison_respects_the_previous_campaigns_own_minimum(org_a, campaign):
    before = make_campaign(
        org_a,
        title="Monitor 2025",
        opens_on=date(2025, 10, 1),
        closes_on=date(2025, 10, 31),
        min_group_size=10,
    )
    respond(before, 9, CARER, today=date(2025, 10, 2))
    close(before)
    respond(campaign, 6, CARER)
    close(campaign)
    rows = comparison_for(campaign=campaign, summary=summary_for(campaign=campaign))
    assert {row.previous for row in rows} == {None}
    assert {row.previous_title for row in rows} == {"Monitor 2025"}


def test_without_a_previous_campaign_there_is_nothing_to_compare_with(campaign, closed_campaign):
    respond(closed_campaign, 10, CARER, today=date(2024, 10, 15))
    close(closed_campaign)
    assert previous_campaign(campaign=closed_campaign) is None
    rows = comparison_for(campaign=closed_campaign, summary=summary_for(campaign=closed_campaign))
    assert {(row.previous, row.previous_title) for row in rows} == {(None, None)}


# --- The latest summary (monitor.snapshots) ------------------------------------------------------


def test_the_latest_summary_is_of_the_latest_closed_campaign(org_a, campaign, closed_campaign):
    # In October 2024 nothing had closed yet, and the open campaign never counts.
    assert latest_summary_for(organisation=org_a, today=date(2024, 10, 10)) is None
    # Past its last day, the older campaign is closed by the first look at it.
    latest = latest_summary_for(organisation=org_a, today=TODAY)
    assert latest.campaign == closed_campaign and latest.is_closed
    assert fresh(closed_campaign).closed_on == TODAY
    close(campaign)
    assert latest_summary_for(organisation=org_a, today=TODAY).campaign == campaign


def test_without_campaigns_there_is_no_latest_summary(org_a):
    assert latest_summary_for(organisation=org_a, today=TODAY) is None
