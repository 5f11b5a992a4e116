"""allauth's SAML views build their addresses from request.META["HTTP_HOST"] itself; a request
without a Host header (HTTP/1.0, a script) would end there in a server error. They get the host
Django resolved instead, which ALLOWED_HOSTS has checked (a bad one is a 400 as everywhere)."""

# allauth's pages and "Inloggen met je organisatie": each may start a SAML login.
ACCOUNT_PAGES = "/accounts/"


class SamlHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ACCOUNT_PAGES) and "HTTP_HOST" not in request.META:
            request.META["HTTP_HOST"] = request.get_host()
        return self.get_response(request)
