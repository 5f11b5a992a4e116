"""Sign in again before the weighty steps: issuing a status letter, changing who holds which
role, and exporting the whole organisation.

allauth's machinery does the work: the view raises its ReauthenticationRequired, allauth's
AccountMiddleware sends the member to the password page (or, without a password, to a mailed
code or the second factor) with ?next=, keeps a POST aside and replays it once they confirmed.
Unlike allauth's own check, a login counts as much as a confirmation: a member who logged in
a minute ago is not asked for the same password again. ACCOUNT_REAUTHENTICATION_TIMEOUT says how
recent either must be.
"""

import time
from collections.abc import Callable
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from django.http import HttpRequest

from accounts import services


def recently_signed_in(request: HttpRequest) -> bool:
    """Whether the member logged in or confirmed within ACCOUNT_REAUTHENTICATION_TIMEOUT."""
    if not request.user.is_authenticated:
        return False
    now = time.time()
    return any(
        isinstance(record.get("at"), (int, float))
        and now - record["at"] < account_settings.REAUTHENTICATION_TIMEOUT
        for record in get_authentication_records(request, request.user)
    )


def recent_sign_in_required(
    view: Callable | None = None, *, when: Callable[[HttpRequest], bool] | None = None
) -> Callable:
    """Ask for a fresh sign-in before the view runs, on its form (GET) and its POST alike.

    `when(request)` narrows it down, e.g. to adding a member as HR advisor. Place it inside
    org_view, so that outsiders get their 404 or 403 first.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if (when is None or when(request)) and not recently_signed_in(request):
                services.confirm_login_address(request.user)
                raise ReauthenticationRequired()
            return view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
