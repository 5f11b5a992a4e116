"""Walk every URL of one object: an HR advisor of organisation B never reaches an object of A.

Organisations A and B each get one object of every kind (the URL walker's world). B's HR advisor
then asks for each of A's objects under B's own slug (where only the object's look-up can refuse)
and under A's slug (where B's advisor is no member): always 404, as for an object that exists
nowhere. A URL that only takes POST answers a GET with 405 before it looks anything up; that
405 is the same for every object, A's, B's or none, and the test checks that it is.

The object URLs are taken from the URLconf (every URL with a pk-like parameter), so a new one
fails here until the walker's world has an object for it.
"""

import re

import pytest
from django.urls import reverse

from programme.models import Role
from tests.conftest import client_for, make_member
from tests.test_url_walker import SAMPLES, SCOPED_ROUTES, Route, build_world, url_for

OBJECT_PARAMETER = re.compile(r"(^|_)(pk|id|uuid)$")
NEED_RESULTS = {"monitor:suggestion_adopt"}  # see walker_suggestions.world
UNKNOWN_PK = 2_000_000_000


def object_parameters(route: Route) -> list[str]:
    return [name for name in route.converters if OBJECT_PARAMETER.search(name)]


OBJECT_ROUTES = [route for route in SCOPED_ROUTES if object_parameters(route)]


def test_the_walk_covers_the_object_urls_of_every_app():
    names = {route.name for route in OBJECT_ROUTES}
    assert {
        "programme:action_edit",
        "programme:member_role",
        "programme:contact_delete",
        "pillars:item",
        "pillars:evidence",
        "monitor:campaign_detail",
        "monitor:question_edit",
        "monitor:department_edit",
        "monitor:results",
        "monitor:results_export",
        "monitor:suggestion_adopt",
        "recognition:letter_pdf",
    } <= names
    missing = [route.name for route in OBJECT_ROUTES if route.name not in SAMPLES]
    assert missing == [], f"give these URLs an object in tests/test_url_walker.py: {missing}"


@pytest.fixture
def worlds(org_a, org_b, hr_a, hr_b, manager_a, make_action, request):
    manager_b = make_member(org_b, "manager@beekdal.example", Role.MANAGER)
    with_results = request.node.callspec.params["route"].name in NEED_RESULTS
    return (
        build_world(
            org_a, hr=hr_a, manager=manager_a, make_action=make_action, with_results=with_results
        ),
        # B's HR advisor also coordinates the support organisation that follows B: the support
        # pages are walked as B's own, asking for A's support organisation's objects.
        build_world(
            org_b,
            hr=hr_b,
            manager=manager_b,
            make_action=make_action,
            with_results=with_results,
            support_coordinator=hr_b,
        ),
    )


def test_each_world_has_its_own_object_for_every_object_url(org_a, org_b, hr_a, hr_b, make_action):
    """The samples point at the world's own objects, not at a fixed pk that both would share."""
    manager_a = make_member(org_a, "m@aland.example", Role.MANAGER)
    manager_b = make_member(org_b, "m@beekdal.example", Role.MANAGER)
    a = build_world(org_a, hr=hr_a, manager=manager_a, make_action=make_action, with_results=True)
    b = build_world(org_b, hr=hr_b, manager=manager_b, make_action=make_action, with_results=True)
    for route in OBJECT_ROUTES:
        of_a, of_b = SAMPLES[route.name](a), SAMPLES[route.name](b)
        for name in object_parameters(route):
            assert of_a[name] != of_b[name], f"{route.name}: {name} is the same in both worlds"


def _variants(route: Route, of_a: dict, of_b: dict) -> dict[str, dict]:
    """The ways to ask B's advisor for A's objects, by a label for the failure message."""
    names = object_parameters(route)
    variants = {
        "A's object under B's slug": {**of_a, "slug": of_b["slug"]},
        "A's object under A's slug": of_a,
    }
    if len(names) > 1:  # e.g. B's own campaign with A's question: each look-up must hold
        for name in names:
            variants[f"A's {name} among B's"] = {**of_b, name: of_a[name]}
    return variants


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_hr_of_another_organisation_never_reaches_an_object(route, worlds, hr_b):
    world_a, world_b = worlds
    client = client_for(hr_b)
    client.raise_request_exception = False
    of_a, of_b = SAMPLES[route.name](world_a), SAMPLES[route.name](world_b)
    own_url = reverse(route.name, kwargs=of_b)
    unknown = {**of_b, **{name: UNKNOWN_PK for name in object_parameters(route)}}
    unknown_get = client.get(reverse(route.name, kwargs=unknown)).status_code
    unknown_post = client.post(reverse(route.name, kwargs=unknown)).status_code

    # The positive control: B's advisor reaches B's own object, so a 404 below is the look-up.
    own_get = client.get(own_url).status_code
    post_only = own_get == 405
    assert own_get not in (403, 404) and own_get < 500, f"GET {own_url}: {own_get}"
    assert unknown_post == 404 and unknown_get == (405 if post_only else 404)

    wrong = []
    for label, kwargs in _variants(route, of_a, of_b).items():
        url = reverse(route.name, kwargs=kwargs)
        got = (client.get(url).status_code, client.post(url).status_code)
        # Under A's slug B's advisor is no member: 404 before any method check.
        if got != ((404 if kwargs["slug"] == of_a["slug"] else unknown_get), 404):
            wrong.append(f"{label} ({url}): GET {got[0]}, POST {got[1]}")
    assert wrong == [], "; ".join(wrong)

    if post_only:  # the control for a URL that only takes POST: B's own POST is let through
        own_post = client.post(own_url).status_code
        assert own_post not in (403, 404, 405) and own_post < 500, f"POST {own_url}: {own_post}"


def test_the_walk_builds_the_urls_it_asks_for(org_a, hr_a, manager_a, make_action):
    """url_for and the samples agree: the walk asks for the same URLs as the URL walker."""
    world = build_world(org_a, hr=hr_a, manager=manager_a, make_action=make_action)
    route = next(r for r in OBJECT_ROUTES if r.name == "programme:action_edit")
    assert url_for(route, world) == reverse(
        "programme:action_edit", kwargs={"slug": org_a.slug, "pk": world["action"].pk}
    )
