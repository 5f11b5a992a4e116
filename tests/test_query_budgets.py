"""The main pages cost the same number of queries whatever the amount of data."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programme.models import ActionStatus, PillarKey

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
    Day of the Carer's actions, the record), the pillars' (3), the monitor's (1), the letters' (1).
    """
    return 19 if page == "dashboard" else 10


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
