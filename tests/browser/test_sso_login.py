"""Logging in with the organisation's own identity provider in a real browser: the page
"Inloggen met je organisatie", the OpenID Connect provider's own page (oidc-provider-mock on
loopback), and back, logged in."""

import pytest
import requests
from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Page, expect

from sso import services
from sso.models import IdentityProvider, ProviderKind
from tests.saml_idp import run_saml_idp

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


@pytest.fixture
def oidc_server():
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def identity_provider(organisation, oidc_server, settings) -> IdentityProvider:
    # The live server speaks plain HTTP: the provider must send the browser back over it.
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    return services.provider_save(
        provider=IdentityProvider(
            organisation=organisation,
            kind=ProviderKind.OIDC,
            oidc_issuer=oidc_server,
            oidc_client_id="mantelzorg-app",
            oidc_client_secret="a-client-secret",
        ),
        domains=["voorbeeld.nl"],
    )


def ask_for_the_organisation_login(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Inloggen met je organisatie").click()
    page.get_by_label("Je e-mailadres van het werk").fill(email)
    page.get_by_role("button", name="Verder").click()


def test_a_member_logs_in_through_the_organisations_provider(page, identity_provider, hr_user):
    ask_for_the_organisation_login(page, "hr@voorbeeld.nl")
    # The identity provider's own page: choose who you are there.
    page.locator("#subject-input").fill("hr@voorbeeld.nl")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(lambda url: "/accounts/" not in url and "localhost:" in url)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_the_organisation_login_page_is_accessible(page, phone_page, identity_provider):
    for each in (page, phone_page):
        each.goto("/accounts/organisatie/")
        assert_no_axe_violations(each)
    assert_no_horizontal_scroll(phone_page, PHONE["width"])


def test_an_unknown_domain_shows_the_error_summary(page, identity_provider):
    page.goto("/accounts/organisatie/")
    page.get_by_label("Je e-mailadres van het werk").fill("iemand@elders.example")
    page.get_by_role("button", name="Verder").click()
    expect(page.locator(".error-summary")).to_contain_text("geen inloggen via een organisatie")
    assert_no_axe_violations(page)


@pytest.fixture
def saml_idp(organisation, server_url, settings):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    with run_saml_idp() as idp:
        services.provider_save(
            provider=IdentityProvider(
                organisation=organisation,
                kind=ProviderKind.SAML,
                saml_entity_id=idp.entity_id,
                saml_sso_url=idp.sso_url,
                saml_certificate=idp.certificate,
            ),
            domains=["voorbeeld.nl"],
        )
        # The identity provider's administrator registers the app by its metadata.
        metadata = requests.get(
            f"{server_url}/accounts/saml/{organisation.slug}/metadata/", timeout=10
        )
        metadata.raise_for_status()
        idp.trust_sp(metadata.text)
        yield idp


def test_a_member_logs_in_through_a_saml_provider(page, saml_idp, hr_user):
    saml_idp.login_as("hr@voorbeeld.nl", "Hanna de Vries")
    ask_for_the_organisation_login(page, "hr@voorbeeld.nl")
    # The identity provider answers with a form that posts itself back to the reply address.
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert saml_idp.requests


def test_an_address_of_another_domain_is_refused_on_an_accessible_page(
    page, identity_provider, oidc_server
):
    requests.put(
        f"{oidc_server}/users/gast-1", json={"email": "gast@elders.example"}, timeout=5
    ).raise_for_status()
    ask_for_the_organisation_login(page, "gast@voorbeeld.nl")
    page.locator("#subject-input").fill("gast-1")
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Met deze login kun je hier niet inloggen"
    )
    assert_no_axe_violations(page)
