"""The page "Log in with your organisation": the work address leads to the identity provider."""

import logging

from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.providers.base import AuthProcess
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from sso.forms import OrganisationLoginForm
from sso.middleware import UNREACHABLE
from sso.models import ProviderKind

logger = logging.getLogger(__name__)


def _onward(request, response):
    """The way to the identity provider as a page that goes on by itself, rather than as the
    redirect allauth answers: the site's Content-Security-Policy (form-action 'self') stops a
    form's POST from being redirected to another site, and the provider's address cannot be
    known when the form is shown."""
    if not isinstance(response, HttpResponseRedirect) or url_has_allowed_host_and_scheme(
        response.url, allowed_hosts={request.get_host()}
    ):
        return response  # an error page of allauth's, or a way that stays on this site
    onward = render(request, "sso/onward.html", {"url": response.url})
    add_never_cache_headers(onward)
    return onward


@login_not_required
def organisation_login(request):
    """GET: ask for the work address. POST (with its CSRF token, as allauth's own provider
    login wants): start the login at the identity provider that covers its domain."""
    form = OrganisationLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, provider = form.cleaned_data["email"], form.provider
        allauth_provider = provider.social_app.get_provider(request)
        kwargs = {"process": AuthProcess.LOGIN}
        next_url = get_next_redirect_url(request)
        if next_url:
            kwargs["next_url"] = next_url
        if provider.kind == ProviderKind.OIDC:
            # The provider then asks only for the password of this address.
            kwargs["auth_params"] = {**allauth_provider.get_auth_params(), "login_hint": email}
        try:
            response = allauth_provider.redirect(request, **kwargs)
        except UNREACHABLE:
            logger.warning("identity provider of %s unreachable", provider.organisation.slug)
            form.add_error(
                None,
                _(
                    "The login of your organisation cannot be reached just now. Try again "
                    "in a few minutes, or ask your organisation's IT service desk."
                ),
            )
        else:
            return _onward(request, response)
    return render(
        request,
        "sso/organisation_login.html",
        {"form": form, "next": get_next_redirect_url(request) or ""},
    )
