"""The page "Inloggen met je organisatie": the work address finds the identity provider."""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from sso import services
from tests.conftest import client_for
from tests.sso.conftest import onward_url


def test_the_page_asks_for_the_work_address(db):
    response = client_for(None).get(reverse("sso:start"))
    assert response.status_code == 200
    assert "Inloggen met je organisatie" in response.content.decode()
    assert 'autocomplete="email"' in response.content.decode()


def test_the_login_page_links_to_it(db):
    response = client_for(None).get(reverse("account_login"))
    assert reverse("sso:start") in response.content.decode()


def test_an_unknown_domain_gets_a_clear_error(oidc_provider):
    response = client_for(None).post(reverse("sso:start"), {"email": "iemand@elders.example"})
    assert response.status_code == 200
    errors = response.context["form"].errors["email"]
    assert errors == [
        "Voor dit adres is er geen inloggen via een organisatie. Log in met je e-mailadres en "
        "wachtwoord."
    ]
    # Nothing about which organisations do have one.
    assert "Gemeente Aland" not in response.content.decode()


def test_a_malformed_address_gets_a_clear_error(db):
    response = client_for(None).post(reverse("sso:start"), {"email": "geen adres"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_a_known_domain_goes_to_its_provider_with_the_address_as_hint(oidc_provider, oidc_server):
    response = client_for(None).post(reverse("sso:start"), {"email": "Piet@Aland.Example"})
    location = urlsplit(onward_url(response))
    assert "no-store" in response["Cache-Control"]
    assert f"{location.scheme}://{location.netloc}" == oidc_server
    query = parse_qs(location.query)
    assert query["client_id"] == ["mantelzorg-app"]
    assert query["login_hint"] == ["piet@aland.example"]


def test_an_inactive_provider_is_not_offered(oidc_provider):
    oidc_provider.is_active = False
    services.provider_save(provider=oidc_provider)
    response = client_for(None).post(reverse("sso:start"), {"email": "piet@aland.example"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_an_unreachable_provider_gets_a_clear_error(org_a):
    from sso.models import IdentityProvider, ProviderKind

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
    response = client_for(None).post(reverse("sso:start"), {"email": "piet@aland.example"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
