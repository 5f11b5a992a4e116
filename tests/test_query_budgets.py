"""The main pages cost the same number of queries whatever the amount of data."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitor.models import Snapshot
from programme.models import ActionStatus, PillarKey
from tests.monitor.conftest import close, make_campaign, submit

STATUSES = list(ActionStatus.values)
PILLARS = [*PillarKey.values, ""]


def add_actions(make_action, organisation, count: int) -> None:
    year = timezone.localdate().year
    for i in range(count):
        status = STATUSES[i % len(STATUSES)]
        make_action(
            organisation,
            title=f"Actie {i}",
            year=year + (i % 2),
            pillar=PILLARS[i % len(PILLARS)],
            status=status,
            planned_date=date(year + (i % 2), 1, 1) + timedelta(days=i % 300),
            completed_date=date(year, 6, 1) if status == ActionStatus.DONE else None,
            recurs_yearly=i % 3 == 0,
        )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = {
    "dashboard": ("programme:dashboard", ""),
    "action list": ("programme:actions", ""),
    "action list filtered": ("programme:actions", "?pillar=bespreken&status=gepland&q=Actie"),
    "review": ("programme:action_review", ""),
    "outlook": ("programme:action_outlook", ""),
}


def budget(page: str) -> int:
    """Session, user, membership and the page's own few queries; the dashboard adds its panels:
    the recognition's readiness (8: the pillars, the monitor, regulations, contact persons, the
    Day of the Carer's actions, the record), the pillars' (3), the monitor's (2: the latest
    closed campaign and the open one, asked apart since the figures come only from a closed
    campaign's snapshot and the open one shows its progress), the letters' (1). Here the
    organisation has no campaign; see DASHBOARD_WITH_MONITOR for one that has.
    """
    return 20 if page == "dashboard" else 10


# The dashboard of an organisation with a closed campaign and an open one: the 20 above, plus
# the closed campaign's snapshot read, twice (by readiness, to see that it publishes, and by the
# monitor's panel, for its figures), each with the departments and the custom questions that
# label the snapshot's figures (3 + 3), plus the open campaign's coarse progress (2: the waiting
# inbox entries counted, the tally's group sizes summed). No query grows with the responses.
DASHBOARD_WITH_MONITOR = 28


@pytest.mark.parametrize("page", PAGES, ids=list(PAGES))
def test_page_uses_the_same_number_of_queries_with_1_and_100_actions(
    page, org_a, hr_client, make_action
):
    name, query = PAGES[page]
    url = reverse(name, kwargs={"slug": org_a.slug}) + query
    add_actions(make_action, org_a, 1)
    with_one = count_queries(hr_client, url)
    add_actions(make_action, org_a, 99)
    with_hundred = count_queries(hr_client, url)
    assert with_one == with_hundred
    assert with_hundred <= budget(page), f"{page}: {with_hundred} queries"


def test_query_counts_of_the_main_pages(org_a, hr_client, make_action, capsys):
    """Prints the counts for the record (run with -s); asserts the budget of each."""
    add_actions(make_action, org_a, 100)
    counts = {
        page: count_queries(hr_client, reverse(name, kwargs={"slug": org_a.slug}) + query)
        for page, (name, query) in PAGES.items()
    }
    with capsys.disabled():
        print("\nqueries per page with 100 actions:", counts)
    for page, count in counts.items():
        assert count <= budget(page), f"{page}: {count} queries"


def monitor_of(organisation, responses: int) -> None:
    """A campaign closed with `responses` responses and an open one with as many: the open one's
    are partly counted (in batches) and partly still waiting in the sealed inbox."""
    today = timezone.localdate()
    closed = make_campaign(
        organisation,
        title="Monitor vorig jaar",
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=380),
    )
    open_now = make_campaign(
        organisation,
        title="Monitor dit jaar",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=10),
    )
    for number in range(responses):
        carer = {1: [1], 6: [1], 8: [1]} if number % 3 == 0 else {1: [2], 8: [3]}
        submit(closed, carer, today=closed.opens_on)
        submit(open_now, carer, today=today)
    close(closed, today=closed.closes_on + timedelta(days=1))
    assert Snapshot.objects.get(campaign=closed).response_count == responses


def test_the_dashboard_costs_the_same_with_12_or_120_monitor_responses(
    org_a, org_b, hr_client, other_org_client
):
    monitor_of(org_a, 12)
    monitor_of(org_b, 120)
    counts = []
    for client, organisation in ((hr_client, org_a), (other_org_client, org_b)):
        url = reverse("programme:dashboard", kwargs={"slug": organisation.slug})
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        # The panel shows both: the closed campaign's figures and the open one's progress.
        assert "Monitor vorig jaar" in html and 'id="monitor-open"' in html
        counts.append(len(queries))
    few, many = counts
    assert few == many
    assert many <= DASHBOARD_WITH_MONITOR, f"dashboard: {many} queries"
