"""The URL walker's samples for single sign-on: the page "Inloggen met je organisatie" and
allauth's pages of the identity providers' flows, all public (they run before a login)."""

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
}

# The addresses an identity provider sends the browser back to: visited without its answer, they
# say that the login failed (allauth's error page) rather than open.
ANSWERS_WITHOUT_PROVIDER = {
    "openid_connect_callback": (401,),
    "saml_finish_acs": (401,),
    "saml_sls": (400,),
}


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
            # Never reached: the walker's visits stop before the provider would be asked.
            oidc_issuer="http://127.0.0.1:9",
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
