"""Around allauth's pages of the identity providers' logins (/accounts/...):

- allauth's SAML views build their addresses from request.META["HTTP_HOST"] itself; a request
  without a Host header (HTTP/1.0, a script) would end there in a server error. They get the host
  Django resolved instead, which ALLOWED_HOSTS has checked (a bad one is a 400 as everywhere).
- An identity provider that does not answer (its discovery document, its token endpoint, a SAML
  metadata address) is a page that says so, with 503, not a server error.
- The single logout address visited without a SAML message has nothing to do: it sends the
  visitor on, instead of allauth's technical 400 text; allauth's bare "login failed" page sends
  them to "Inloggen met je organisatie".
"""

import logging
import re
import urllib.error

import requests
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

logger = logging.getLogger(__name__)

# allauth's pages and "Inloggen met je organisatie": each may start a SAML login.
ACCOUNT_PAGES = "/accounts/"
# requests for OpenID Connect; urllib (URLError, or a refused or timed-out socket) is how
# python3-saml fetches a SAML metadata address.
UNREACHABLE = (requests.RequestException, urllib.error.URLError, ConnectionError, TimeoutError)
SAML_LOGOUT = re.compile(r"^/accounts/saml/[^/]+/sls/$")


class SsoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(ACCOUNT_PAGES):
            return self.get_response(request)
        if "HTTP_HOST" not in request.META:
            request.META["HTTP_HOST"] = request.get_host()
        if SAML_LOGOUT.match(request.path_info) and not (
            {"SAMLRequest", "SAMLResponse"} & set(request.GET)
        ):
            return HttpResponseRedirect(reverse("programme:home"))
        if request.path_info == reverse("socialaccount_login_error"):
            # allauth's bare "login failed" page (401), which nothing links to: a failed login
            # of an organisation's provider comes back to its own page with a message instead.
            return HttpResponseRedirect(reverse("sso:start"))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path_info.startswith(ACCOUNT_PAGES):
            return None
        if isinstance(exception, UNREACHABLE):
            logger.warning("identity provider unreachable at %s: %r", request.path, exception)
            return render(request, "sso/unreachable.html", status=503)
        return None
