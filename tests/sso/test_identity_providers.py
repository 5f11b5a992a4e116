"""Platform staff set up an identity provider: its checks, its domains and its allauth app."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from sso import services
from sso.models import EmailDomain, IdentityProvider, ProviderKind
from tests.conftest import client_for
from tests.saml_idp import self_signed_certificate


@pytest.fixture
def staff_client(db):
    staff = User.objects.create_superuser(email="beheer@example.org", password="x")
    TOTP.activate(staff, generate_totp_secret())  # the admin asks staff for a second step
    return client_for(staff)


def oidc(organisation, **fields):
    return IdentityProvider(
        organisation=organisation,
        kind=ProviderKind.OIDC,
        oidc_issuer=fields.pop("oidc_issuer", "https://login.example.org/tenant/v2.0"),
        oidc_client_id="client",
        oidc_client_secret="secret",
        **fields,
    )


def admin_form(organisation, domains, **fields):
    data = {
        "organisation": organisation.pk,
        "kind": "oidc",
        "is_active": "on",
        "password_login_allowed": "on",
        "oidc_issuer": "https://login.example.org/tenant/v2.0",
        "oidc_client_id": "client",
        "oidc_client_secret": "secret",
        "saml_entity_id": "",
        "saml_metadata_url": "",
        "saml_sso_url": "",
        "saml_certificate": "",
        "domains-TOTAL_FORMS": str(len(domains)),
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "1",
        "domains-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, domain in enumerate(domains):
        data[f"domains-{i}-domain"] = domain
    return data


def test_saving_makes_the_allauth_app_that_trusts_only_its_domains(org_a):
    provider = services.provider_save(
        provider=oidc(org_a), domains=["Aland.Example", "gemeente.test"]
    )
    app = SocialApp.objects.get(pk=provider.social_app_id)
    assert (app.provider, app.provider_id, app.client_id) == (
        "openid_connect",
        org_a.slug,
        "client",
    )
    assert app.settings["server_url"] == "https://login.example.org/tenant/v2.0"
    assert sorted(app.settings["verified_email"]) == ["aland.example", "gemeente.test"]


def test_a_saml_app_is_found_by_the_organisations_slug(org_a):
    _, certificate = self_signed_certificate("idp.example")
    provider = services.provider_save(
        provider=IdentityProvider(
            organisation=org_a,
            kind=ProviderKind.SAML,
            saml_entity_id="https://idp.example/metadata",
            saml_sso_url="https://idp.example/sso",
            saml_certificate=certificate.decode(),
        ),
        domains=["aland.example"],
    )
    app = provider.social_app
    assert (app.provider, app.client_id) == ("saml", org_a.slug)
    assert app.settings["idp"]["entity_id"] == "https://idp.example/metadata"
    assert app.settings["advanced"]["want_assertion_signed"] is True


def test_an_inactive_provider_has_no_allauth_app(org_a):
    provider = services.provider_save(provider=oidc(org_a), domains=["aland.example"])
    provider.is_active = False
    services.provider_save(provider=provider)
    provider.refresh_from_db()
    assert provider.social_app is None
    assert not SocialApp.objects.exists()


def test_deleting_a_provider_deletes_its_app(org_a):
    provider = services.provider_save(provider=oidc(org_a), domains=["aland.example"])
    services.provider_delete(provider=provider)
    assert not SocialApp.objects.exists() and not EmailDomain.objects.exists()


def test_each_protocol_needs_its_fields(org_a):
    with pytest.raises(ValidationError) as error:
        IdentityProvider(organisation=org_a, kind=ProviderKind.OIDC).full_clean()
    assert {"oidc_issuer", "oidc_client_id", "oidc_client_secret"} <= set(error.value.error_dict)
    with pytest.raises(ValidationError) as error:
        IdentityProvider(organisation=org_a, kind=ProviderKind.SAML).full_clean()
    assert {"saml_entity_id", "saml_sso_url", "saml_certificate"} <= set(error.value.error_dict)


def test_a_saml_metadata_address_replaces_the_login_address_and_certificate(org_a):
    IdentityProvider(
        organisation=org_a,
        kind=ProviderKind.SAML,
        saml_entity_id="https://idp.example/metadata",
        saml_metadata_url="https://idp.example/metadata",
    ).full_clean()


def test_a_certificate_that_is_none_is_refused(org_a):
    provider = IdentityProvider(
        organisation=org_a,
        kind=ProviderKind.SAML,
        saml_entity_id="https://idp.example/metadata",
        saml_sso_url="https://idp.example/sso",
        saml_certificate="MIIBogus==",
    )
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "saml_certificate" in error.value.error_dict


@pytest.mark.parametrize("domain", ["geen domein", "localhost", "gmail.com", "@Outlook.com"])
def test_a_domain_must_be_an_organisations_own(org_a, domain):
    provider = services.provider_save(provider=oidc(org_a))
    with pytest.raises(ValidationError):
        EmailDomain(provider=provider, domain=domain).full_clean()


def test_a_domain_is_stored_folded(org_a):
    provider = services.provider_save(provider=oidc(org_a), domains=["@Aland.EXAMPLE."])
    assert list(provider.domains.values_list("domain", flat=True)) == ["aland.example"]


def test_a_domain_belongs_to_one_organisation_only(org_a, org_b):
    services.provider_save(provider=oidc(org_a), domains=["aland.example"])
    with pytest.raises(ValidationError):
        services.provider_save(provider=oidc(org_b), domains=["ALAND.example"])


def test_the_admin_sets_up_a_provider_in_one_form(staff_client, org_a):
    response = staff_client.post(
        reverse("admin:sso_identityprovider_add"), admin_form(org_a, ["Aland.Example"])
    )
    assert response.status_code == 302, response.context["errors"]
    provider = IdentityProvider.objects.get(organisation=org_a)
    assert provider.social_app.settings["verified_email"] == ["aland.example"]
    assert provider.social_app.secret == "secret"


def test_the_admin_refuses_a_domain_of_another_organisation(staff_client, org_a, org_b):
    services.provider_save(provider=oidc(org_a), domains=["aland.example"])
    response = staff_client.post(
        reverse("admin:sso_identityprovider_add"), admin_form(org_b, ["Aland.example"])
    )
    assert response.status_code == 200
    assert "Dit domein hoort al bij een organisatie." in response.content.decode()
    assert not IdentityProvider.objects.filter(organisation=org_b).exists()


def test_the_admin_refuses_one_domain_twice_in_one_form(staff_client, org_a):
    response = staff_client.post(
        reverse("admin:sso_identityprovider_add"),
        admin_form(org_a, ["aland.example", "ALAND.example"]),
    )
    assert response.status_code == 200
    assert not IdentityProvider.objects.exists()


def test_the_admin_keeps_the_secret_when_left_empty(staff_client, org_a):
    provider = services.provider_save(provider=oidc(org_a), domains=["aland.example"])
    domain = provider.domains.get()
    data = admin_form(
        org_a,
        [],
        oidc_client_secret="",
        **{
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "1",
            "domains-0-id": str(domain.pk),
            "domains-0-provider": str(provider.pk),
            "domains-0-domain": "aland.example",
        },
    )
    response = staff_client.post(
        reverse("admin:sso_identityprovider_change", args=[provider.pk]), data
    )
    assert response.status_code == 302, response.context["errors"]
    provider.refresh_from_db()
    assert provider.oidc_client_secret == "secret"
    page = staff_client.get(reverse("admin:sso_identityprovider_change", args=[provider.pk]))
    field = page.content.decode().split('name="oidc_client_secret"')[1].split(">")[0]
    assert "value=" not in field  # a stored secret is never shown again


def test_deleting_the_organisation_deletes_the_providers_app(org_a):
    services.provider_save(provider=oidc(org_a), domains=["aland.example"])
    org_a.delete()
    assert not SocialApp.objects.exists() and not EmailDomain.objects.exists()


def test_a_new_slug_of_the_organisation_moves_the_login_addresses(org_a):
    provider = services.provider_save(provider=oidc(org_a), domains=["aland.example"])
    org_a.slug = "gemeente-aland-nieuw"
    org_a.save()
    provider.social_app.refresh_from_db()
    assert provider.social_app.provider_id == "gemeente-aland-nieuw"
    assert reverse("openid_connect_login", args=["gemeente-aland-nieuw"])
