"""The demo's two-step verification and single sign-on, as `make demo` seeds and serves them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from programme.models import Membership, Organisation, Role, TwoFactorRequirement
from sso.demo import DOMAIN, SLUG
from sso.models import IdentityProvider
from tests.conftest import client_for, with_second_factor
from tests.sso.conftest import oidc_login

IDP_USERS = Path(settings.BASE_DIR) / "sso" / "demo_idp_users.json"


@pytest.fixture
def demo(db, settings, oidc_server, monkeypatch):
    settings.DEBUG = True
    # The demo's provider, at the address of the test's own oidc-provider-mock on loopback.
    monkeypatch.setattr("sso.demo.ISSUER", oidc_server)
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_municipality_asks_its_hr_advisors_for_a_second_step(demo):
    voorbeeldstad = Organisation.objects.get(slug="gemeente-voorbeeldstad")
    assert voorbeeldstad.two_factor_required == TwoFactorRequirement.HR
    client = client_for(None)
    login = client.post(reverse("account_login"), {"login": "hr@example.org", "password": "demo"})
    assert login.status_code == 302
    dashboard = client.get(reverse("programme:dashboard", args=[voorbeeldstad.slug]))
    assert dashboard["Location"].startswith(reverse("mfa_index"))  # shown how to set it up
    # The manager is not asked: the setting covers HR advisors only.
    manager = client_for(None)
    manager.post(reverse("account_login"), {"login": "manager@example.org", "password": "demo"})
    assert manager.get(reverse("programme:dashboard", args=[voorbeeldstad.slug])).status_code == 200


def test_seeding_again_removes_the_second_step_so_the_set_up_shows_again(demo, settings):
    hr = with_second_factor(User.objects.get(email="hr@example.org"))
    call_command("seed_demo", stdout=StringIO())
    assert not hr.authenticator_set.exists()


def test_de_linde_logs_in_through_the_demo_identity_provider(demo):
    linde = Organisation.objects.get(slug=SLUG)
    provider = IdentityProvider.objects.get(organisation=linde)
    assert list(provider.domains.values_list("domain", flat=True)) == [DOMAIN]
    assert provider.social_app is not None and not provider.password_login_allowed
    # Its HR advisor's password no longer opens the door...
    client = client_for(None)
    refused = client.post(reverse("account_login"), {"login": f"hr@{DOMAIN}", "password": "demo"})
    assert "_auth_user_id" not in client.session and refused.status_code == 200
    # ...the organisation's login does, as the existing account with the HR role.
    response = oidc_login(client, f"hr@{DOMAIN}")
    assert response.status_code == 302
    hr = User.objects.get(email=f"hr@{DOMAIN}")
    assert client.session["_auth_user_id"] == str(hr.pk)
    assert Membership.objects.get(user=hr, organisation=linde).role == Role.HR


def test_a_colleague_new_to_the_platform_becomes_a_manager_of_de_linde(demo):
    client = client_for(None)
    oidc_login(client, f"teamleider@{DOMAIN}")
    user = User.objects.get(email=f"teamleider@{DOMAIN}")
    assert Membership.objects.get(user=user).role == Role.MANAGER


def test_the_demo_identity_providers_people_are_of_de_lindes_domain():
    people = json.loads(IDP_USERS.read_text())
    assert {person["email"] for person in people} == {f"hr@{DOMAIN}", f"teamleider@{DOMAIN}"}
    assert all(person["sub"] == person["email"] for person in people)
