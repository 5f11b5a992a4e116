"""Walk the whole URLconf: every URL refuses anonymous visitors and members of other organisations.

A new URL fails this test until it is given sample arguments below (or is consciously made public),
so that no page can be forgotten.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from monitor.models import Campaign, CustomQuestion, Department
from notifications import services as notification_services
from pillars import services as pillar_services
from pillars.models import Pillar
from programme.models import ContactPerson, Regulation, SupportOffer, SupportOfferKind
from tests.accounts import walker_mfa
from tests.conftest import client_for
from tests.monitor import walker_campaigns, walker_public, walker_results, walker_suggestions
from tests.monitor.conftest import make_campaign
from tests.recognition import walker_letters, walker_recognition
from tests.role_matrix import HR, ROLE_MATRIX
from tests.sso import walker_sso
from tests.statements import walker_statements
from tests.support import walker_support

# Pages anyone may open without logging in.
PUBLIC_URLS = {
    "health",
    "ready",
    "set_language",
    # django-allauth's pages before logging in (accounts/urls.py).
    "account_login",
    "account_logout",
    "account_signup",
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    *walker_public.PUBLIC_URLS,
    *walker_letters.PUBLIC_URLS,
    *walker_recognition.PUBLIC_URLS,
    *walker_support.PUBLIC_URLS,
    *walker_statements.PUBLIC_URLS,
    *walker_mfa.PUBLIC_URLS,
    *walker_sso.PUBLIC_URLS,
    "calendar:feed",
}

# Django's admin checks staff status itself; it is tested in test_admin.py.
STAFF_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    converters: tuple[str, ...]
    default_args: tuple


def walk(resolvers=None, prefix="", namespace=""):
    """Yield every named route of the URLconf, with its full pattern and parameter names."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            full = prefix + str(entry.pattern)
            # A re_path (allauth's) names its parameters as regex groups, not as converters.
            converters = (
                tuple(entry.pattern.converters)
                + tuple(entry.pattern.regex.groupindex)
                + tuple(_resolver_converters(prefix))
            )
            yield Route(
                name,
                full,
                tuple(sorted(set(converters))),
                tuple(entry.default_args),
            )


def _resolver_converters(prefix: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", prefix)


def all_routes() -> list[Route]:
    routes = {}
    for route in walk():
        if route.name is None:
            raise AssertionError(f"URL pattern {route.pattern} has no name")
        routes.setdefault(route.name, route)
    return sorted(routes.values(), key=lambda r: r.name)


@pytest.fixture
def world(org_a, hr_a, manager_a, advisor_a, make_action):
    """Objects of organisation A, one of each kind a URL can point at; `advisor_a`'s support
    organisation follows A, and its own pages are walked too."""
    return build_world(org_a, hr=hr_a, manager=manager_a, make_action=make_action)


def build_world(
    org, *, hr, manager, make_action, with_results: bool = False, support_coordinator=None
) -> dict:
    """One object of each kind a URL can point at, all of organisation `org`, and of the support
    organisation that follows it (whose coordinator is `support_coordinator`, default a new user).

    With `with_results`, also a closed campaign whose results suggest an action (for the adopt
    URL, which otherwise answers 404 to everyone).
    """
    action = make_action(org, recurs_yearly=True, planned_date=date(2025, 11, 10))
    own_item = pillar_services.item_add_own(
        organisation=org,
        pillar=Pillar.objects.get(key="borgen"),
        text="Jaarlijkse mantelzorglunch",
        guidance="",
        counts_for_recognition=False,
    )
    evidence = pillar_services.evidence_add(
        organisation=org,
        item=own_item,
        upload=SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag"),
        by=hr,
    )
    return {
        "org": org,
        "action": action,
        "membership": manager.memberships.get(organisation=org),
        "contact": ContactPerson.objects.create(organisation=org, name="Anna de Vries"),
        "support": SupportOffer.objects.create(
            organisation=org, name="Steunpunt Mantelzorg", kind=SupportOfferKind.EXTERNAL
        ),
        "regulation": Regulation.objects.create(
            organisation=org, kind="kortdurend_zorgverlof", title="Kortdurend zorgverlof"
        ),
        # An item of the organisation's own: a standard item is visible to everyone by design.
        "own_item": own_item,
        "evidence": evidence,
        **monitor_world(org),
        **(walker_suggestions.world(org) if with_results else {}),
        **walker_letters.world(org),
        **walker_recognition.world(org),
        **walker_support.world(org, coordinator=support_coordinator),
    }


def monitor_world(organisation):
    # Upcoming on the day the tests run, whatever that day is: its questions can still change
    # (from the first day on they are fixed), so the question pages open for HR; and it is not
    # past its last day, which the first request that looks at it would close it for.
    today = timezone.localdate()
    campaign = make_campaign(
        organisation, opens_on=today + timedelta(days=7), closes_on=today + timedelta(days=28)
    )
    return {
        "campaign": campaign,
        "department": Department.objects.create(
            organisation=organisation, name="Burgerzaken", code=1
        ),
        "custom_question": CustomQuestion.objects.create(
            campaign=campaign,
            code=101,
            kind="single",
            text="Werk je op locatie?",
            options="Ja\nNee",
        ),
    }


def _org(w):
    return {"slug": w["org"].slug}


# Sample arguments for every URL with parameters: always objects of organisation A.
SAMPLES = {
    # allauth's links from mail: a link nobody sent (the pages say it is not valid).
    "account_reset_password_from_key": lambda w: {"uidb36": "zz", "key": "onbekend-sleutel"},
    "programme:dashboard": _org,
    "programme:organisation": _org,
    "programme:organisation_edit": _org,
    "programme:organisation_logo": _org,
    "programme:members": _org,
    "programme:audit_log": _org,
    "programme:member_add": _org,
    "programme:member_role": lambda w: {**_org(w), "pk": w["membership"].pk},
    "programme:member_remove": lambda w: {**_org(w), "pk": w["membership"].pk},
    "programme:actions": _org,
    "programme:action_create": _org,
    "programme:action_review": _org,
    "programme:action_outlook": _org,
    "programme:action_carry": _org,
    "programme:action_import": _org,
    "programme:action_export": lambda w: {**_org(w), "file_format": "csv"},
    "programme:audit_log_export": lambda w: {**_org(w), "file_format": "csv"},
    "programme:action_detail": lambda w: {**_org(w), "pk": w["action"].pk},
    "programme:action_edit": lambda w: {**_org(w), "pk": w["action"].pk},
    "programme:action_delete": lambda w: {**_org(w), "pk": w["action"].pk},
    "programme:contact_list": _org,
    "programme:contact_create": _org,
    "programme:contact_edit": lambda w: {**_org(w), "pk": w["contact"].pk},
    "programme:contact_delete": lambda w: {**_org(w), "pk": w["contact"].pk},
    "programme:support_list": _org,
    "programme:support_create": _org,
    "programme:support_edit": lambda w: {**_org(w), "pk": w["support"].pk},
    "programme:support_delete": lambda w: {**_org(w), "pk": w["support"].pk},
    "programme:regulation_list": _org,
    "programme:regulation_create": _org,
    "programme:regulation_edit": lambda w: {**_org(w), "pk": w["regulation"].pk},
    "programme:regulation_delete": lambda w: {**_org(w), "pk": w["regulation"].pk},
    "pillars:overview": _org,
    "pillars:mine": _org,
    "pillars:overdue": _org,
    "pillars:pillar": lambda w: {**_org(w), "key": "borgen"},
    "pillars:item_add": lambda w: {**_org(w), "key": "borgen"},
    "pillars:item": lambda w: {**_org(w), "pk": w["own_item"].pk},
    "pillars:item_edit": lambda w: {**_org(w), "pk": w["own_item"].pk},
    "pillars:item_status": lambda w: {**_org(w), "pk": w["own_item"].pk},
    "pillars:evidence_upload": lambda w: {**_org(w), "pk": w["own_item"].pk},
    "pillars:evidence": lambda w: {**_org(w), "pk": w["evidence"].pk},
    "pillars:evidence_delete": lambda w: {**_org(w), "pk": w["evidence"].pk},
    "pillars:export": lambda w: {**_org(w), "file_format": "csv"},
    "pillars:import": _org,
    "exit:export": _org,
    "org_calendar:renew": _org,
    # A fresh secret link of the organisation's calendar (each call revokes the one before).
    "calendar:feed": lambda w: {
        "token": notification_services.organisation_feed_renew(organisation=w["org"])
    },
    "accounts:password_reset_confirm": lambda w: {"uidb64": "MQ", "token": "set-password"},
    **walker_campaigns.SAMPLES,
    **walker_results.SAMPLES,
    **walker_suggestions.SAMPLES,
    **walker_public.SAMPLES,
    **walker_letters.SAMPLES,
    **walker_recognition.SAMPLES,
    **walker_support.SAMPLES,
    **walker_support.EMPLOYER_SAMPLES,
    **walker_support.PUBLIC_SAMPLES,
    **walker_statements.SAMPLES,
    **walker_mfa.SAMPLES,
    **walker_sso.SAMPLES,
}

ROUTES = [r for r in all_routes() if r.name.split(":")[0] not in STAFF_NAMESPACES]
PRIVATE_ROUTES = [r for r in ROUTES if r.name not in PUBLIC_URLS]
SCOPED_ROUTES = [r for r in PRIVATE_ROUTES if "slug" in r.converters]
# Under /s/<slug>/ the slug is a support organisation's: its own members are the insiders.
SUPPORT_ROUTES = [r for r in SCOPED_ROUTES if r.name.startswith("support:")]
ORG_ROUTES = [r for r in SCOPED_ROUTES if not r.name.startswith("support:")]


def url_for(route: Route, world) -> str:
    if route.converters and route.name not in SAMPLES:
        raise AssertionError(
            f"{route.name} ({route.pattern}) takes {route.converters}: add sample arguments "
            "to SAMPLES in tests/test_url_walker.py"
        )
    kwargs = SAMPLES[route.name](world) if route.converters else {}
    return reverse(route.name, kwargs=kwargs)


def test_every_url_with_parameters_has_sample_arguments():
    missing = [r.name for r in ROUTES if r.converters and r.name not in SAMPLES]
    assert missing == [], f"add sample arguments for: {missing}"


def test_the_walker_sees_the_whole_urlconf():
    names = {r.name for r in ROUTES}
    assert {"programme:dashboard", "programme:action_import", "account_login"} <= names
    assert len(PRIVATE_ROUTES) >= 30


@pytest.mark.parametrize("route", PRIVATE_ROUTES, ids=lambda r: r.name)
def test_anonymous_visitor_is_sent_to_the_login_page(route, world):
    url = url_for(route, world)
    for method in ("get", "post"):
        response = getattr(client_for(None), method)(url)
        assert response.status_code == 302, f"{method.upper()} {url}"
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), url


@pytest.mark.parametrize("route", SCOPED_ROUTES, ids=lambda r: r.name)
def test_member_of_another_organisation_gets_404(route, world, hr_b):
    url = url_for(route, world)
    client = client_for(hr_b)  # an HR advisor: the strongest role, but elsewhere
    assert client.get(url).status_code == 404, f"GET {url}"
    assert client.post(url).status_code == 404, f"POST {url}"


@pytest.mark.parametrize("route", ORG_ROUTES, ids=lambda r: r.name)
def test_hr_advisor_of_the_organisation_reaches_the_url(route, world, hr_a):
    """The positive control: the samples point at real objects, so the 404s above mean scoping."""
    url = url_for(route, world)
    response = client_for(hr_a).get(url)
    assert response.status_code in (200, 302, 405), f"GET {url}: {response.status_code}"


@pytest.mark.parametrize("route", SUPPORT_ROUTES, ids=lambda r: r.name)
def test_coordinator_of_the_support_organisation_reaches_the_url(route, world):
    """The positive control of the support organisation's pages: its coordinator reaches each."""
    url = url_for(route, world)
    response = client_for(world["coordinator"]).get(url)
    assert response.status_code in (200, 302, 405), f"GET {url}: {response.status_code}"


@pytest.mark.parametrize("route", SUPPORT_ROUTES, ids=lambda r: r.name)
def test_members_of_the_followed_employer_are_outsiders_to_the_support_organisation(
    route, world, hr_a, manager_a
):
    url = url_for(route, world)
    for user in (hr_a, manager_a):
        client = client_for(user)
        assert client.get(url).status_code == 404, f"GET {url}"
        assert client.post(url).status_code == 404, f"POST {url}"


def _for_hr_only(route: Route) -> bool:
    """Whether the hand-kept matrix (tests/role_matrix.py) lets only HR advisors of the
    organisation read or write here. Not the views' own `hr_only` flag: that is what is checked."""
    row = ROLE_MATRIX.get(route.name)
    if row is None:
        raise AssertionError(f"{route.name} has no row in tests/role_matrix.py")
    return (row.read | row.write | row.redirects) <= {HR}


HR_ONLY_ROUTES = [r for r in ORG_ROUTES if _for_hr_only(r)]


def test_the_walker_knows_which_urls_are_for_hr_only():
    names = {r.name for r in HR_ONLY_ROUTES}
    assert {"programme:member_role", "recognition:letter_edit", "recognition:letter_issue"} <= names
    assert "recognition:letter_list" not in names and "programme:members" not in names


@pytest.mark.parametrize("route", HR_ONLY_ROUTES, ids=lambda r: r.name)
def test_a_manager_of_the_organisation_cannot_use_an_hr_only_url(route, world, manager_a):
    """Managers read and download; everything that changes the programme is for HR."""
    url = url_for(route, world)
    client = client_for(manager_a)
    assert client.get(url).status_code == 403, f"GET {url}"
    assert client.post(url).status_code == 403, f"POST {url}"


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.name in PUBLIC_URLS], ids=lambda r: r.name
)
def test_public_url_opens_without_logging_in(route, world):
    url = url_for(route, world)
    response = client_for(None).get(url)
    location = response.get("Location", "")
    assert not location.startswith(reverse(settings.LOGIN_URL) + "?"), url
    assert response.status_code in (200, 302, 405), url


def test_every_public_name_exists():
    names = {r.name for r in ROUTES}
    assert names >= PUBLIC_URLS, PUBLIC_URLS - names


# The monitor's URLs of one object: the world's campaign, its question, its department.
MONITOR_OBJECT_ROUTES = [
    r for r in ORG_ROUTES if r.name.startswith("monitor:") and "pk" in r.converters
]


def test_the_monitor_routes_with_objects_include_the_campaign_pages():
    names = {r.name for r in MONITOR_OBJECT_ROUTES}
    assert {"monitor:campaign_detail", "monitor:campaign_close", "monitor:results"} <= names


def test_a_refused_request_never_closes_a_campaign(world, hr_a, hr_b, manager_a):
    """A campaign closes on the first request after its last day, but only on one that is let
    through: not on an anonymous visitor's, another organisation's or a manager's HR-only one."""
    campaign = world["campaign"]
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
    )
    for route in MONITOR_OBJECT_ROUTES:
        url = url_for(route, world)
        for method in ("get", "post"):
            assert getattr(client_for(None), method)(url).status_code == 302, url
            assert getattr(client_for(hr_b), method)(url).status_code == 404, url
            if _for_hr_only(route):
                assert getattr(client_for(manager_a), method)(url).status_code == 403, url
    campaign.refresh_from_db()
    assert campaign.closed_on is None
    detail = reverse(
        "monitor:campaign_detail", kwargs={"slug": world["org"].slug, "pk": campaign.pk}
    )
    assert client_for(hr_a).get(detail).status_code == 200  # the positive control
    campaign.refresh_from_db()
    assert campaign.closed_on == today


def test_closing_through_its_url_needs_the_confirmation(world, hr_a):
    """The walker's POSTs carry no data: to HR, the close page answers a bare POST with its form
    again, and the campaign stays open."""
    campaign = world["campaign"]
    Campaign.objects.filter(pk=campaign.pk).update(opens_on=timezone.localdate())  # it opens
    url = reverse("monitor:campaign_close", kwargs={"slug": world["org"].slug, "pk": campaign.pk})
    response = client_for(hr_a).post(url)
    assert response.status_code == 200 and 'name="confirm"' in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.closed_on is None and campaign.is_open_on(timezone.localdate())
    assert client_for(hr_a).post(url, {"confirm": "on"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.closed_on == timezone.localdate()
