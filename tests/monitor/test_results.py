"""The monitor's results API: what a summary, a breakdown and a comparison publish."""

from datetime import date

import pytest
from django.utils import translation

from monitor.models import ReferenceFigure
from monitor.results import (
    METRICS,
    breakdown_for,
    breakdowns_for,
    comparison_for,
    latest_summary_for,
    previous_campaign,
    summary_for,
)
from tests.monitor.conftest import TODAY, make_campaign, submit

CARER = {1: [1], 3: [2], 6: [1], 7: [1], 8: [1], 9: [1], 10: [1, 2], 12: [4]}
NOT_CARER = {1: [2], 8: [3], 9: [3], 12: [2]}


def respond(campaign, count, answers, texts=None, **extra):
    for _ in range(count):
        submit(campaign, answers, texts, **extra)


def result(summary_or_group, code):
    return next(r for r in summary_or_group.questions if r.question.code == code)


def counts(question_result):
    return {figure.option: figure.count for figure in question_result.figures}


def test_a_campaign_below_the_minimum_publishes_nothing(campaign):
    respond(campaign, 4, CARER, {11: "Meer begrip"})
    summary = summary_for(campaign=campaign)
    assert summary.is_publishable is False
    assert summary.response_count is None and summary.response_rate is None
    assert summary.questions == [] and summary.free_texts == []
    assert summary.metrics == dict.fromkeys(METRICS)
    assert breakdown_for(campaign=campaign, by="carer").groups == []


def test_a_raised_minimum_counts_for_everything(org_a):
    campaign = make_campaign(org_a, min_group_size=8)
    respond(campaign, 7, CARER)
    assert summary_for(campaign=campaign).is_publishable is False
    respond(campaign, 1, CARER)
    summary = summary_for(campaign=campaign)
    assert (summary.is_publishable, summary.response_count) == (True, 8)
    assert summary.response_rate == pytest.approx(100 * 8 / 400)


def test_carer_questions_have_the_carers_as_base(campaign):
    respond(campaign, 6, CARER)
    respond(campaign, 6, {**CARER, 3: [4], 6: [2]})
    respond(campaign, 8, NOT_CARER)
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
    assert counts(outcome)[1] == 6
    # A multiple-choice option is its share of the base, without a "no answer" figure.
    needs = result(summary, 10)
    assert [f.option for f in needs.figures] == [1, 2, 3, 4, 5]
    assert needs.figures[0].percentage == 100.0


def test_metrics_come_from_published_figures(campaign):
    respond(campaign, 6, CARER)
    respond(campaign, 6, {**CARER, 9: [2], 6: [2]})
    respond(campaign, 8, NOT_CARER)
    metrics = summary_for(campaign=campaign).metrics
    assert metrics["response-rate"] == pytest.approx(5.0)
    assert metrics["carer-share"] == pytest.approx(60.0)
    assert metrics["discussed-with-manager"] == pytest.approx(50.0)
    assert metrics["wants-to-discuss"] == pytest.approx(50.0)
    assert metrics["good-solution-when-discussed"] == pytest.approx(100.0)
    assert metrics["knows-municipal-support"] == pytest.approx(60.0)  # 6 + 6 of 20
    assert metrics["uses-municipal-support"] == pytest.approx(50.0)  # 6 of 12 carers
    assert metrics["culture-open"] == pytest.approx(60.0)
    assert metrics["needs-flexibility"] == pytest.approx(100.0)
    assert metrics["needs-leave"] == 0.0


def test_a_metric_with_a_suppressed_part_is_not_published(campaign):
    respond(campaign, 10, NOT_CARER)
    respond(campaign, 3, {**NOT_CARER, 9: [1]})
    respond(campaign, 7, {**NOT_CARER, 9: [2]})
    summary = summary_for(campaign=campaign)
    assert counts(result(summary, 9))[1] is None
    assert summary.metrics["knows-municipal-support"] is None


def test_free_texts_are_shown_from_ten_responses_shuffled_and_without_dates(campaign):
    texts = [f"Idee {n}" for n in range(9)]
    for text in texts:
        submit(campaign, CARER, {11: text})
    assert summary_for(campaign=campaign).free_texts == []
    submit(campaign, CARER, {11: "Idee 9"})
    orders = {tuple(summary_for(campaign=campaign).free_texts) for _ in range(20)}
    assert all(sorted(order) == sorted([*texts, "Idee 9"]) for order in orders)
    assert len(orders) > 1  # a new order each time (the chance of 20 equal ones is nil)
    assert all(isinstance(text, str) for order in orders for text in order)


def test_free_texts_wait_for_the_campaigns_minimum_when_it_is_higher(org_a):
    campaign = make_campaign(org_a, min_group_size=12)
    respond(campaign, 11, CARER, {11: "Idee"})
    assert summary_for(campaign=campaign).free_texts == []
    respond(campaign, 1, CARER, {11: "Idee"})
    assert summary_for(campaign=campaign).free_texts == ["Idee"] * 12


def test_free_texts_of_carers_stay_hidden_when_the_carers_are_suppressed(campaign):
    respond(campaign, 3, CARER, {11: "Idee"})
    respond(campaign, 12, NOT_CARER)
    summary = summary_for(campaign=campaign)
    assert counts(result(summary, 1))[1] is None
    assert summary.free_texts == []


def test_a_breakdown_by_department_hides_a_small_department_and_its_complement(
    campaign, departments
):
    burgerzaken, sociaal, bedrijfsvoering = (d.code for d in departments)
    respond(campaign, 3, {**CARER, 8: [3], 17: [burgerzaken]})
    respond(campaign, 7, {**NOT_CARER, 17: [sociaal]})
    respond(campaign, 12, {**NOT_CARER, 17: [bedrijfsvoering]})
    with translation.override("en"):
        breakdown = breakdown_for(campaign=campaign, by="department")
    groups = {group.label: group for group in breakdown.groups}
    assert list(groups) == ["Bedrijfsvoering", "Burgerzaken", "Sociaal Domein", "No answer"]
    assert groups["Burgerzaken"].count is None
    # 7 would give the 3 away as 22 - 12 - 7: the smallest other department goes too.
    assert groups["Sociaal Domein"].count is None
    assert groups["Bedrijfsvoering"].count == 12
    assert groups["No answer"].count == 0
    assert {f.count for q in groups["Burgerzaken"].questions for f in q.figures} == {None}
    assert counts(result(groups["Bedrijfsvoering"], 8)) == {1: 0, 2: 0, 3: 12, None: 0}
    # The summary hides the same departments, so the two cannot be combined.
    department = counts(result(summary_for(campaign=campaign), 17))
    assert department == {
        bedrijfsvoering: 12,
        burgerzaken: None,
        sociaal: None,
        None: 0,
    }


def test_a_breakdown_by_carer_compares_carers_with_the_others(campaign):
    respond(campaign, 6, CARER)
    respond(campaign, 9, NOT_CARER)
    breakdown = breakdown_for(campaign=campaign, by="carer")
    carers, others = breakdown.groups
    assert (carers.count, others.count) == (6, 9)
    assert counts(result(carers, 8))[1] == 6 and counts(result(others, 8))[3] == 9
    assert result(others, 3).base_count == 0
    # Background questions are breakdowns of their own, not rows of a breakdown.
    assert {16, 17}.isdisjoint(r.question.code for r in carers.questions)


def test_a_breakdown_by_age_band_has_a_group_per_band_and_one_for_no_answer(campaign):
    respond(campaign, 6, {**CARER, 16: [1]})
    respond(campaign, 5, {**NOT_CARER, 16: [3]})
    respond(campaign, 5, NOT_CARER)
    with translation.override("en"):
        breakdown = breakdown_for(campaign=campaign, by="age_band")
        labels = [group.label for group in breakdown.groups]
    assert labels == ["Under 35", "35 to 49", "50 or older", "No answer"]
    assert [group.count for group in breakdown.groups] == [6, 0, 5, 5]


def test_an_unknown_breakdown_is_an_error(campaign):
    with pytest.raises(ValueError):
        breakdown_for(campaign=campaign, by="salary")


def test_the_department_breakdown_is_offered_only_with_departments(campaign, org_a):
    assert set(breakdowns_for(campaign=campaign)) == {"carer", "age_band"}


def test_the_department_breakdown_is_offered_with_departments(campaign, departments):
    assert set(breakdowns_for(campaign=campaign)) == {"carer", "age_band", "department"}


def test_a_comparison_shows_the_previous_campaign_and_the_national_figures(
    campaign, closed_campaign
):
    respond(closed_campaign, 5, CARER, today=date(2024, 10, 15))
    respond(closed_campaign, 5, NOT_CARER, today=date(2024, 10, 15))
    respond(campaign, 6, CARER)
    respond(campaign, 14, NOT_CARER)
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


def test_a_comparison_respects_the_previous_campaigns_own_minimum(org_a, campaign):
    before = make_campaign(
        org_a,
        title="Monitor 2025",
        opens_on=date(2025, 10, 1),
        closes_on=date(2025, 10, 31),
        min_group_size=10,
    )
    respond(before, 9, CARER, today=date(2025, 10, 2))
    respond(campaign, 6, CARER)
    rows = comparison_for(campaign=campaign, summary=summary_for(campaign=campaign))
    assert {row.previous for row in rows} == {None}
    assert {row.previous_title for row in rows} == {"Monitor 2025"}


def test_without_a_previous_campaign_there_is_nothing_to_compare_with(campaign, closed_campaign):
    assert previous_campaign(campaign=closed_campaign) is None
    rows = comparison_for(campaign=closed_campaign, summary=summary_for(campaign=closed_campaign))
    assert {(row.previous, row.previous_title) for row in rows} == {(None, None)}


def test_the_latest_summary_is_of_the_latest_closed_campaign(org_a, campaign, closed_campaign):
    assert latest_summary_for(organisation=org_a, today=TODAY).campaign == closed_campaign
    assert latest_summary_for(organisation=org_a, today=date(2024, 10, 10)).campaign == campaign


def test_without_campaigns_there_is_no_latest_summary(org_a):
    assert latest_summary_for(organisation=org_a, today=TODAY) is None
