"""The results cost a fixed, small number of queries, however many responses a campaign has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitor.models import Campaign, TextAnswer
from monitor.results import breakdown_for, comparison_for, summary_for
from tests.monitor.conftest import make_campaign
from tests.monitor.test_aggregation import store

CARER = {1: [1], 2: [2], 3: [2], 6: [1], 7: [1], 8: [1], 9: [1], 10: [1, 2], 12: [4], 16: [2]}
NOT_CARER = {1: [2], 8: [3], 9: [3], 12: [2], 13: [4], 16: [1]}

# questionnaire_for (departments, custom questions), the organisation and its department labels,
# the two GROUP BY counts, and (in a summary) the free texts.
SUMMARY_QUERIES = 7
BREAKDOWN_QUERIES = 6


def campaign_with(organisation, departments, count: int) -> Campaign:
    campaign = make_campaign(organisation, title=f"Monitor met {count}")
    responses = [
        {**(CARER if n % 2 else NOT_CARER), 17: [departments[n % 3].code]} for n in range(count)
    ]
    store(campaign, responses)
    TextAnswer.objects.bulk_create(
        TextAnswer(campaign=campaign, question=11, text=f"Idee {n}") for n in range(count // 3)
    )
    # As a view gets it: without its organisation loaded.
    return Campaign.objects.get(pk=campaign.pk)


def queries_of(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def test_a_summary_costs_the_same_few_queries_for_10_and_60_responses(org_a, departments):
    small = campaign_with(org_a, departments, 10)
    large = campaign_with(org_a, departments, 60)
    assert summary_for(campaign=small).free_texts and summary_for(campaign=large).free_texts
    small, large = Campaign.objects.get(pk=small.pk), Campaign.objects.get(pk=large.pk)
    counted = queries_of(lambda: summary_for(campaign=small))
    assert counted == queries_of(lambda: summary_for(campaign=large)) <= SUMMARY_QUERIES


@pytest.mark.parametrize("by", ["carer", "age_band", "department"])
def test_a_breakdown_costs_the_same_few_queries_for_10_and_60_responses(org_a, departments, by):
    small = campaign_with(org_a, departments, 10)
    large = campaign_with(org_a, departments, 60)
    counted = queries_of(lambda: breakdown_for(campaign=small, by=by))
    assert counted == queries_of(lambda: breakdown_for(campaign=large, by=by)) <= BREAKDOWN_QUERIES
    assert any(group.count for group in breakdown_for(campaign=large, by=by).groups)


def test_a_comparison_adds_the_previous_campaign_and_the_reference_figures(
    org_a, departments, django_assert_max_num_queries
):
    campaign = campaign_with(org_a, departments, 60)
    summary = summary_for(campaign=campaign)
    with django_assert_max_num_queries(2):
        comparison_for(campaign=campaign, summary=summary)
