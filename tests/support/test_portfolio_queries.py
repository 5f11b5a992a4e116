"""The portfolio costs the same queries for 6 followed employers as for 60: every read is made for
all of them at once, never once per employer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from support.portfolio import portfolio_rows
from tests.conftest import client_for, make_support_member
from tests.support.portfolio_world import employer

# The followings, readiness (the pillars, their items and progress, the monitor, regulations,
# contact persons and the Day of the Carer's actions), the recognitions, the last closed and the
# next planned campaigns, the next actions and the pipeline with its last contacts.
ROW_QUERIES = 13
# The page adds the session, the user and the support membership.
PAGE_QUERIES = ROW_QUERIES + 3
# The export also writes its audit log entry (the log entry and its scope).
EXPORT_QUERIES = PAGE_QUERIES + 2


def _count(work) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        result = work()
    return len(queries.captured_queries), result


@pytest.fixture
def advisor(steunpunt):
    return make_support_member(steunpunt, "consulent@steunpunt-aland.example")


def test_the_rows_cost_the_same_queries_for_6_and_60_employers(steunpunt):
    today = timezone.localdate()

    def rows():
        return portfolio_rows(support_organisation=steunpunt, today=today)

    for number in range(6):
        employer(steunpunt, number)
    few_queries, few = _count(rows)
    for number in range(6, 60):
        employer(steunpunt, number)
    many_queries, many = _count(rows)

    assert (len(few), len(many)) == (6, 60)
    assert few_queries == many_queries
    assert many_queries <= ROW_QUERIES
    # Every row has read what it stands for: the numbers are not the numbers of empty rows.
    for row in many:
        assert row.headline is not None and row.headline.response_count == 5
        assert row.in_force is not None
        assert row.last_contact is not None and row.next_step == "Terugbellen"
        assert row.progress_share > 0
        assert len(row.due) == 3


def test_the_page_and_its_export_cost_the_same_queries_for_6_and_60_employers(steunpunt, advisor):
    client = client_for(advisor)
    page = reverse("support:portfolio", kwargs={"slug": steunpunt.slug})
    export = reverse(
        "support:portfolio_export", kwargs={"slug": steunpunt.slug, "file_format": "xlsx"}
    )
    for number in range(6):
        employer(steunpunt, number)
    few_page, response = _count(lambda: client.get(page, {"sort": "-size"}))
    assert response.status_code == 200
    client.get(export)  # the audit log reads the content type it names once per process
    few_export, _response = _count(lambda: client.get(export))
    for number in range(6, 60):
        employer(steunpunt, number)
    many_page, response = _count(lambda: client.get(page, {"sort": "-size"}))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 60
    many_export, _response = _count(lambda: client.get(export))

    assert few_page == many_page <= PAGE_QUERIES
    assert few_export == many_export <= EXPORT_QUERIES
