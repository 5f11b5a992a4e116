"""When a login through an organisation's identity provider fails, the member is told so in
their language, never with a server error."""

from django.urls import reverse

from sso import services
from sso.models import IdentityProvider, ProviderKind
from tests.conftest import client_for


def test_a_callback_without_the_providers_answer_goes_back_with_a_message(oidc_provider, org_a):
    client = client_for(None)
    response = client.get(
        reverse("openid_connect_callback", args=[org_a.slug]), {"error": "access_denied"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("sso:start")
    page = client.get(response["Location"])
    assert "Inloggen via je organisatie is niet gelukt." in page.content.decode()


def test_a_provider_that_does_not_answer_gets_a_page_that_says_so(org_a):
    services.provider_save(
        provider=IdentityProvider(
            organisation=org_a,
            kind=ProviderKind.OIDC,
            oidc_issuer="http://127.0.0.1:9",  # the discard port: nothing listens
            oidc_client_id="x",
            oidc_client_secret="y",
        ),
        domains=["aland.example"],
    )
    client = client_for(None)
    client.raise_request_exception = False
    # allauth's own start of the login, which asks the provider for its configuration.
    response = client.post(reverse("openid_connect_login", args=[org_a.slug]))
    assert response.status_code == 503
    assert "Het inloggen van je organisatie is niet bereikbaar" in response.content.decode()


def test_the_single_logout_address_without_a_message_sends_the_visitor_on(saml_provider, org_a):
    response = client_for(None).get(reverse("saml_sls", args=[org_a.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:home")
