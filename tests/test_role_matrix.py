"""Every URL answers every role as the hand-kept matrix in tests/role_matrix.py says.

The matrix is written apart from the views: removing `hr_only` from a view (say `member_role`, so
that a manager could make themself HR) makes this test fail, whatever the view's flag says.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import client_for
from tests.role_matrix import (
    ADVISOR,
    ANONYMOUS,
    HR,
    MANAGER,
    OUTSIDER,
    ROLE_MATRIX,
    ROLES,
    SUPPORT,
    Row,
)
from tests.test_url_walker import ROUTES, build_world, url_for

# URLs whose sample needs a closed campaign with results (see walker_suggestions.world).
NEED_RESULTS = {"monitor:suggestion_adopt"}


def test_every_url_has_a_row_and_every_row_a_url():
    names = {route.name for route in ROUTES}
    assert sorted(names - ROLE_MATRIX.keys()) == [], "add these URLs to tests/role_matrix.py"
    assert sorted(ROLE_MATRIX.keys() - names) == [], "these rows name no URL any more"


def expected(row: Row, role: str, method: str) -> str:
    if role in row.not_found:
        takes_posts = row.post_reads or role in row.write
        return "405" if method == "post" and not takes_posts else "404"
    if role in row.redirects:
        return "redirect"
    if method == "get":
        if role in row.read:
            return "200"
        return "405" if role in row.write else "refused"
    if role in row.write or (row.post_reads and role in row.read):
        return "through"
    return "405" if role in row.read else "refused"


def outcome(response, role: str, wanted: str, *, scope: str) -> bool:
    status = response.status_code
    # The login page with "?next=": sent there to log in first (logging out also lands there).
    to_login = status == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL) + "?")
    if wanted == "200":
        return status == 200
    if wanted == "405":
        return status == 405
    if wanted == "404":
        return status == 404
    if wanted == "redirect":
        return status == 302 and not to_login
    if wanted == "through":
        return status < 500 and status not in (403, 404, 405) and not to_login
    # Refused: members know the organisation, outsiders must not learn that it exists.
    if role == ANONYMOUS:
        return to_login
    insiders = {ADVISOR} if scope == SUPPORT else {ADVISOR, MANAGER, HR}
    return status == (403 if role in insiders else 404)


@pytest.fixture
def users(hr_a, manager_a, advisor_a, hr_b):
    return {ANONYMOUS: None, OUTSIDER: hr_b, ADVISOR: advisor_a, MANAGER: manager_a, HR: hr_a}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_role_gets_what_the_matrix_says(route, org_a, hr_a, manager_a, users, make_action):
    row = ROLE_MATRIX.get(route.name)
    if row is None:
        pytest.fail(f"{route.name} has no row in tests/role_matrix.py")
    world = build_world(
        org_a,
        hr=hr_a,
        manager=manager_a,
        make_action=make_action,
        with_results=route.name in NEED_RESULTS,
    )
    url = url_for(route, world)
    wrong = []
    for role in ROLES:  # HR last: its POSTs may change what the others would see
        client = client_for(users[role])
        client.raise_request_exception = False  # a 500 is a wrong answer, reported with the rest
        for method in ("get", "post"):
            wanted = expected(row, role, method)
            response = getattr(client, method)(url)
            if not outcome(response, role, wanted, scope=row.scope):
                wrong.append(f"{role} {method.upper()}: {response.status_code}, expected {wanted}")
    assert wrong == [], f"{url}: " + "; ".join(wrong)
