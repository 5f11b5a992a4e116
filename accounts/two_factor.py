"""Two-step verification that a member must have set up (allauth.mfa).

Only an authenticator app (TOTP) or a passkey (WebAuthn) counts: recovery codes are a way back in
when the second step is lost, not a second step of their own. Who must have one: the members an
organisation's setting covers (programme.scoping) and platform staff for the admin (below).
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# Where the member was going when they were sent to set one up: allauth's pages of setting up
# lead to their own next pages, so the way back is kept in the session (templatetags).
SETUP_NEXT_KEY = "two_factor_setup_next"


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, types=SECOND_FACTORS)


def signed_in_through(request: HttpRequest, provider_id: str) -> bool:
    """Whether this session's login went through the identity provider `provider_id` (an
    organisation's own, sso/: its slug). Such an organisation decides at its identity provider
    how its staff log in (Entra ID's conditional access asks for a second step itself), so
    asking for ours as well would only be a second second step."""
    records = get_authentication_records(request, request.user)
    return any(
        record.get("method") == "socialaccount" and record.get("provider") == provider_id
        for record in records
    )


def setup_redirect(request: HttpRequest, message: str) -> HttpResponseRedirect:
    """Send the user to the page of two-step verification, with a way back to where they were."""
    next_url = request.get_full_path() if request.method == "GET" else request.path
    request.session[SETUP_NEXT_KEY] = next_url
    messages.warning(request, message)
    return HttpResponseRedirect(f"{reverse('mfa_index')}?{urlencode({'next': next_url})}")


def continue_url(request: HttpRequest) -> str | None:
    """Where to go back to once a second step is set up; forgotten when it is given."""
    next_url = request.session.get(SETUP_NEXT_KEY)
    if not next_url or not request.user.is_authenticated:
        return None
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return None
    if not has_second_factor(request.user):
        return None
    del request.session[SETUP_NEXT_KEY]
    return next_url


class AdminTwoFactorMiddleware:
    """Platform staff use the admin only with a second step set up (issue 17, part 2).

    allauth asks for that second step at every login once it is set up; the admin's own login
    goes through allauth's (config/urls.py), so no password alone opens the admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        # The path first: no other request looks at the user (or its session) here.
        user = getattr(request, "user", None)
        if (
            request.path.startswith(reverse("admin:index"))
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not has_second_factor(user)
        ):
            return setup_redirect(
                request,
                _(
                    "Platform staff use the admin only with two-step verification. Set up an "
                    "authenticator app or a passkey first."
                ),
            )
        return self.get_response(request)
