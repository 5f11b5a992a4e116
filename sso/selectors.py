"""Reads of single sign-on: which identity provider an address or an allauth app belongs to."""

from sso.models import IdentityProvider, domain_of


def provider_for_email(email: str) -> IdentityProvider | None:
    """The active identity provider that covers the address's domain, or None."""
    domain = domain_of(email or "")
    if not domain:
        return None
    return (
        IdentityProvider.objects.filter(
            is_active=True, domains__domain=domain, social_app__isnull=False
        )
        .select_related("organisation", "social_app")
        .first()
    )


def provider_for_app(app) -> IdentityProvider | None:
    """The identity provider whose allauth app `app` is (None for an app of anything else)."""
    if app is None or app.pk is None:
        return None
    return (
        IdentityProvider.objects.filter(social_app=app, is_active=True)
        .select_related("organisation")
        .first()
    )


def covers(provider: IdentityProvider, email: str) -> bool:
    """Whether `provider` covers the address's domain: only then is its word on the address
    trusted."""
    domain = domain_of(email or "")
    return bool(domain) and provider.domains.filter(domain=domain).exists()


def password_login_refused(email: str) -> IdentityProvider | None:
    """The identity provider through which alone this address may log in, if its organisation
    switched password logins off; else None."""
    provider = provider_for_email(email)
    if provider is None or provider.password_login_allowed:
        return None
    return provider
