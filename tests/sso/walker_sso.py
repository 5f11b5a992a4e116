"""The URL walker's samples for single sign-on: the page "Inloggen met je organisatie" and
allauth's pages of the identity providers' flows, all public (they run before a login)."""

import threading

import oidc_provider_mock
from werkzeug.serving import make_server

from tests.saml_idp import self_signed_certificate

PUBLIC_URLS = {
    "sso:start",
    # allauth's pages of an identity provider's login (accounts/urls.py, build_provider_urlpatterns)
    "openid_connect_login",
    "openid_connect_callback",
    "saml_login",
    "saml_acs",
    "saml_finish_acs",
    "saml_sls",
    "saml_metadata",
    "socialaccount_login_cancelled",
    "socialaccount_login_error",  # sent on to sso:start (sso/middleware.py)
}

_oidc_server = None


def _oidc_issuer() -> str:
    """A real OpenID Connect provider on loopback for the samples, started once (in a daemon
    thread, so that it never holds up the end of the run): a login POST goes on to it."""
    global _oidc_server
    if _oidc_server is None:
        _oidc_server = make_server("localhost", 0, oidc_provider_mock.app(), threaded=True)
        threading.Thread(target=_oidc_server.serve_forever, daemon=True).start()
    return f"http://localhost:{_oidc_server.server_port}"


def _provider_slug(world, kind: str) -> str:
    """The organisation of the world, with an identity provider of `kind` (made once)."""
    from sso import services
    from sso.models import IdentityProvider, ProviderKind

    organisation = world["org"]
    provider = IdentityProvider.objects.filter(organisation=organisation).first()
    if provider is None or provider.kind != kind:
        if provider is not None:
            services.provider_delete(provider=provider)
        _, certificate = self_signed_certificate("idp.walker.example")
        provider = IdentityProvider(
            organisation=organisation,
            kind=kind,
            oidc_issuer=_oidc_issuer() if kind == ProviderKind.OIDC else "",
            oidc_client_id="walker",
            oidc_client_secret="walker",
            saml_entity_id="https://idp.walker.example/metadata",
            saml_sso_url="https://idp.walker.example/sso",
            saml_certificate=certificate.decode() if kind == ProviderKind.SAML else "",
        )
        services.provider_save(provider=provider, domains=["walker.example"])
    return organisation.slug


def _oidc(world):
    return {"provider_id": _provider_slug(world, "oidc")}


def _saml(world):
    return {"organization_slug": _provider_slug(world, "saml")}


SAMPLES = {
    "openid_connect_login": _oidc,
    "openid_connect_callback": _oidc,
    "saml_login": _saml,
    "saml_acs": _saml,
    "saml_finish_acs": _saml,
    "saml_sls": _saml,
    "saml_metadata": _saml,
}
