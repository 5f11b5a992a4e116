"""Organisation A with its own identity provider, and the identity providers on loopback that
the tests log in through: oidc-provider-mock for OpenID Connect, pysaml2 for SAML."""

from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from sso import services
from sso.models import IdentityProvider, ProviderKind
from tests.saml_idp import posted_form, run_saml_idp

DOMAIN = "aland.example"
# python3-saml accepts only reply addresses with a dotted host name, localhost or an IP address:
# the SAML tests speak to the app as "localhost", not as the test client's "testserver".
SAML_HOST = "localhost"


@pytest.fixture(scope="session")
def oidc_server():
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def saml_idp():
    with run_saml_idp() as idp:
        yield idp


@pytest.fixture
def oidc_provider(org_a, oidc_server) -> IdentityProvider:
    return services.provider_save(
        provider=IdentityProvider(
            organisation=org_a,
            kind=ProviderKind.OIDC,
            oidc_issuer=oidc_server,
            oidc_client_id="mantelzorg-app",
            oidc_client_secret="a-client-secret",
        ),
        domains=[DOMAIN],
    )


def saml_client() -> Client:
    return Client(HTTP_HOST=SAML_HOST)


@pytest.fixture
def saml_provider(org_a, saml_idp, settings) -> IdentityProvider:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, SAML_HOST]
    provider = services.provider_save(
        provider=IdentityProvider(
            organisation=org_a,
            kind=ProviderKind.SAML,
            saml_entity_id=saml_idp.entity_id,
            saml_sso_url=saml_idp.sso_url,
            saml_certificate=saml_idp.certificate,
        ),
        domains=[DOMAIN],
    )
    # The identity provider's administrator registers the app by its metadata.
    metadata = saml_client().get(reverse("saml_metadata", args=[org_a.slug]))
    assert metadata.status_code == 200, metadata.content
    saml_idp.trust_sp(metadata.content.decode())
    return provider


def set_oidc_claims(oidc_server: str, sub: str, **claims) -> None:
    """What the OpenID Connect provider says about `sub` (by default only {"email": sub})."""
    requests.put(f"{oidc_server}/users/{sub}", json=claims, timeout=5).raise_for_status()


def onward_url(response) -> str:
    """Where the page that goes on to the identity provider leads."""
    assert response.status_code == 200, response.content
    assert "sso/onward.html" in [t.name for t in response.templates]
    url = response.context["url"]
    assert f'content="0;url={url.replace("&", "&amp;")}"' in response.content.decode()
    return url


def oidc_login(client, email: str, sub: str | None = None):
    """Log in on "Log in with your organisation" with `email`, authorise at the provider as
    `sub` (the address, unless said otherwise) and come back: the app's last response."""
    start = onward_url(client.post(reverse("sso:start"), {"email": email}))
    authorize = requests.post(start, data={"sub": sub or email}, allow_redirects=False, timeout=5)
    assert authorize.status_code == 302, authorize.text
    callback = urlsplit(authorize.headers["Location"])
    assert callback.netloc == "testserver"
    return client.get(f"{callback.path}?{callback.query}")


def saml_login(client, saml_idp, email: str, as_email: str | None = None, name: str = ""):
    """The same through the SAML identity provider, which signs in `as_email`."""
    saml_idp.login_as(as_email or email, name)
    start = onward_url(client.post(reverse("sso:start"), {"email": email}))
    assert start.startswith(saml_idp.sso_url)
    page = requests.get(start, timeout=5)
    assert page.status_code == 200, page.text
    action, fields = posted_form(page.text)
    acs = urlsplit(action)
    assert acs.netloc == SAML_HOST
    posted = client.post(acs.path, fields)
    assert posted.status_code == 302, posted.content
    return client.get(posted["Location"])
