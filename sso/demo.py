"""The demo's single sign-on (seed_demo's step for this app): Zorggroep De Linde, one of the
employers the demo steunpunt follows, logs in through the OpenID Connect test provider that
`make demo` starts beside the server (oidc-provider-mock, on DEMO_IDP_URL)."""

import os

from programme.models import Organisation
from sso import services
from sso.models import IdentityProvider, ProviderKind

SLUG = "zorggroep-de-linde"
DOMAIN = "delinde.example.org"
# `make demo` starts the provider here (its IDP_PORT); the issuer is the address it answers on.
ISSUER = os.environ.get("DEMO_IDP_URL", "http://127.0.0.1:9400")


def seed_demo(*, organisation: Organisation) -> str:
    """Give De Linde its identity provider, with password logins switched off (the same on
    every run). Without De Linde (the support app's demo made it) there is nothing to do."""
    linde = Organisation.objects.filter(slug=SLUG).first()
    if linde is None:
        return ""
    provider = IdentityProvider.objects.filter(organisation=linde).first() or IdentityProvider(
        organisation=linde
    )
    provider.kind = ProviderKind.OIDC
    provider.is_active = True
    provider.password_login_allowed = False
    provider.oidc_issuer = ISSUER
    # The test provider accepts any client; a real one (Entra ID) issues these two.
    provider.oidc_client_id = "mantelzorg-demo"
    provider.oidc_client_secret = "demo-secret"
    services.provider_save(provider=provider, domains=[DOMAIN])
    return (
        f"single sign-on: {linde.name} logs in with 'Inloggen met je organisatie' as any "
        f"@{DOMAIN} address, through the test identity provider at {ISSUER}"
    )
