"""Writes of single sign-on: an identity provider with its domains and its allauth app, and a
member who comes in through it."""

from allauth.socialaccount.models import SocialApp
from django.db import transaction
from django.utils.translation import gettext as _

import audit
from programme.models import Role
from programme.services import membership_add
from sso.models import EmailDomain, IdentityProvider, ProviderKind, normalise_domain

# What allauth reads from a SAML assertion: its defaults, plus the claims Microsoft Entra ID
# sends (name and display name).
SAML_ATTRIBUTE_MAPPING = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id"],
    "email": [
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "email",
    ],
    "name": [
        "http://schemas.microsoft.com/identity/claims/displayname",
        "urn:oid:2.16.840.1.113730.3.1.241",
        "displayName",
    ],
    "first_name": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        "urn:oid:2.5.4.42",
    ],
    "last_name": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        "urn:oid:2.5.4.4",
    ],
}


def social_app_settings(provider: IdentityProvider, domains: list[str]) -> dict:
    """The SocialApp.settings allauth's provider reads (allauth/socialaccount/providers/
    openid_connect and saml). The provider's e-mail is trusted for its own domains only."""
    if provider.kind == ProviderKind.OIDC:
        return {
            "server_url": provider.oidc_issuer.strip(),
            "oauth_pkce_enabled": True,
            "verified_email": domains,
        }
    idp = {"entity_id": provider.saml_entity_id.strip()}
    if provider.saml_metadata_url:
        idp["metadata_url"] = provider.saml_metadata_url.strip()
    else:
        idp["sso_url"] = provider.saml_sso_url.strip()
        idp["x509cert"] = provider.saml_certificate.strip()
    return {
        "idp": idp,
        "attribute_mapping": SAML_ATTRIBUTE_MAPPING,
        "verified_email": domains,
        "advanced": {
            "strict": True,
            # An unsigned assertion is refused: the e-mail address in it decides the account.
            "want_assertion_signed": True,
            "reject_idp_initiated_sso": True,
            # Our own addresses come from the request's host, which ALLOWED_HOSTS already
            # checks; an intranet IdP (https://adfs/...) has a single-label name too.
            "allow_single_label_domains": True,
        },
    }


@transaction.atomic
def provider_sync(*, provider: IdentityProvider) -> SocialApp | None:
    """Make or update the allauth app of `provider` from its fields and domains; an inactive
    provider has none, so that allauth offers no login through it."""
    # Locked, so that two saves at once cannot make two apps; the caller's instance is kept.
    locked = IdentityProvider.objects.select_for_update().get(pk=provider.pk)
    provider.social_app = app = locked.social_app
    if not provider.is_active:
        if app is not None:
            provider.social_app = None
            provider.save(update_fields=["social_app"])
            app.delete()
        return None
    organisation = provider.organisation
    domains = list(provider.domains.values_list("domain", flat=True))
    fields = {
        "provider": "openid_connect" if provider.kind == ProviderKind.OIDC else "saml",
        # The organisation's slug: /accounts/oidc/<slug>/login/ and /accounts/saml/<slug>/…,
        # and the name under which its members' links (SocialAccount.provider) are kept.
        "provider_id": organisation.slug,
        "name": organisation.name[:40],
        # allauth finds a SAML app by its client_id, which is the slug in its URLs.
        "client_id": (
            provider.oidc_client_id.strip()
            if provider.kind == ProviderKind.OIDC
            else organisation.slug
        ),
        "secret": provider.oidc_client_secret if provider.kind == ProviderKind.OIDC else "",
        "settings": social_app_settings(provider, domains),
    }
    if app is None:
        app = SocialApp.objects.create(**fields)
        provider.social_app = app
        provider.save(update_fields=["social_app"])
    else:
        for name, value in fields.items():
            setattr(app, name, value)
        app.save()
    return app


@transaction.atomic
def provider_save(*, provider: IdentityProvider, domains: list[str] | None = None):
    """Save a provider (checked as the admin checks it) and, if given, exactly these domains;
    then bring its allauth app in line."""
    provider.full_clean()
    provider.save()
    if domains is not None:
        wanted = {normalise_domain(d) for d in domains if d.strip()}
        provider.domains.exclude(domain__in=wanted).delete()
        have = set(provider.domains.values_list("domain", flat=True))
        for domain in sorted(wanted - have):
            row = EmailDomain(provider=provider, domain=domain)
            row.full_clean()
            row.save()
    provider_sync(provider=provider)
    return provider


@transaction.atomic
def provider_delete(*, provider: IdentityProvider) -> None:
    """Remove a provider with its domains and its allauth app (sso.apps, also when its
    organisation is deleted); its members keep their accounts and memberships (and log in with
    a password again, or are invited anew)."""
    provider.delete()


@transaction.atomic
def member_join(*, provider: IdentityProvider, user) -> None:
    """A user whom `provider` signed up for the first time: a member of its organisation with
    the least role (a manager reads and downloads; HR appoints HR advisors itself)."""
    organisation = provider.organisation
    if not organisation.memberships.filter(user=user).exists():
        membership_add(
            organisation=organisation,
            email=user.email,
            role=Role.MANAGER,
            invited_by=None,
            base_url="",
        )
    account_linked(provider=provider, user=user, created=True)


def account_linked(*, provider: IdentityProvider, user, created: bool = False) -> None:
    """Record in the organisation's audit log that `user`'s account is linked to its identity
    provider (at their first login through it)."""
    audit.record_event(
        obj=user,
        organisation_id=provider.organisation_id,
        kind="login",
        actor=user,
        what=(
            _("account created through the identity provider (%(protocol)s)")
            if created
            else _("account linked to the identity provider (%(protocol)s)")
        )
        % {"protocol": provider.get_kind_display()},
    )
