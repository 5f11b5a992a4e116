"""The results of a closed campaign cost a fixed, small number of queries, however many
responses it has: they are read from its snapshot, never counted again."""

import pytest

from monitor.models import Campaign, CustomQuestion
from monitor.results import breakdown_for, comparison_for, summary_for
from tests.monitor.conftest import before_first_day, close, make_campaign, submit

CARER = {1: [1], 2: [2], 3: [2], 6: [1], 7: [1], 8: [1], 9: [1], 10: [1, 2], 12: [4], 16: [2]}
NOT_CARER = {1: [2], 8: [3], 9: [3], 12: [2], 13: [4], 16: [1]}

# The snapshot alone: it holds the departments and the own questions as they were at close,
# which label its figures. Nothing reads the counts, the free texts or the live questions.
SUMMARY_QUERIES = 1
BREAKDOWN_QUERIES = 1


def campaign_with(organisation, departments, count: int) -> Campaign:
    """A closed campaign of `count` responses, half of them carers who all wrote a text, in
    departments of five (so that a breakdown of 10 still shows its groups)."""
    campaign = make_campaign(organisation, title=f"Monitor met {count}")
    for n in range(count):
        carer = n % 2 == 1
        answers = {**(CARER if carer else NOT_CARER), 17: [departments[(n // 5) % 3].code]}
        submit(campaign, answers, {11: f"Idee {n}"} if carer else None)
    close(campaign)
    # As a view gets it: without its organisation or snapshot loaded.
    return Campaign.objects.get(pk=campaign.pk)


@pytest.fixture
def small(org_a, departments) -> Campaign:
    return campaign_with(org_a, departments, 10)


@pytest.fixture
def large(org_a, departments) -> Campaign:
    return campaign_with(org_a, departments, 60)


def test_a_summary_costs_the_same_few_queries_for_10_and_60_responses(
    small, large, django_assert_num_queries
):
    with django_assert_num_queries(SUMMARY_QUERIES):
        few = summary_for(campaign=small)
    with django_assert_num_queries(SUMMARY_QUERIES):
        many = summary_for(campaign=large)
    assert (few.response_count, many.response_count) == (10, 60)
    assert many.free_texts  # 30 texts of 60 responses, from the snapshot too


@pytest.mark.parametrize("by", ["carer", "age_band", "department"])
def test_a_breakdown_costs_the_same_few_queries_for_10_and_60_responses(
    small, large, django_assert_num_queries, by
):
    with django_assert_num_queries(BREAKDOWN_QUERIES):
        few = breakdown_for(campaign=small, by=by)
    with django_assert_num_queries(BREAKDOWN_QUERIES):
        many = breakdown_for(campaign=large, by=by)
    assert any(group.count for group in few.groups)
    assert any(group.count for group in many.groups)


def test_a_comparison_adds_only_the_reference_figures(large, django_assert_num_queries):
    summary = summary_for(campaign=large)
    # The previous campaign's figures were frozen into the snapshot at close.
    with django_assert_num_queries(1):
        comparison_for(campaign=large, summary=summary)


def test_a_snapshot_keeps_the_wording_its_figures_were_asked_with(org_a):
    campaign = make_campaign(org_a)
    with before_first_day(campaign):
        CustomQuestion.objects.create(
            campaign=campaign, code=101, kind="single", text="Werkt u thuis?", options="Ja\nNee"
        )
    for _ in range(6):
        submit(campaign, {**NOT_CARER, 101: [1]})
    close(campaign)
    # A queryset delete passes every guard of the model: the figures must still read.
    CustomQuestion.objects.filter(campaign=campaign).delete()
    summary = summary_for(campaign=Campaign.objects.get(pk=campaign.pk))
    own = next(r for r in summary.questions if r.question.code == 101)
    assert str(own.question.text) == "Werkt u thuis?"
    assert [f.label for f in own.figures][:2] == ["Ja", "Nee"]
