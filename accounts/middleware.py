"""Sessions that end: after SESSION_IDLE_TIMEOUT_MINUTES without a request, and
SESSION_MAX_LIFETIME_HOURS after the login however busy the member is.

The session holds when it began and when it was last used. The last use is written at most once
a minute, so that a page view is not a session write each time (SESSION_SAVE_EVERY_REQUEST
would be); the idle timeout is therefore exact to the minute. Anonymous visitors are never
touched: nothing here gives the public monitor's respondents a session or a cookie.
"""

import time

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

STARTED_AT = "accounts_session_started_at"
LAST_SEEN_AT = "accounts_session_last_seen_at"
LAST_SEEN_WRITE_SECONDS = 60


def start_session_clock(session, now: float | None = None) -> None:
    """Mark the session as begun now (at a login)."""
    now = time.time() if now is None else now
    session[STARTED_AT] = now
    session[LAST_SEEN_AT] = now


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    # Every login passes django.contrib.auth.login: the password, a passkey, an identity
    # provider, and the tests' force_login.
    if request is not None and hasattr(request, "session"):
        start_session_clock(request.session)


def ended_reason(session, now: float) -> str | None:
    """Why the session is over ("idle" or "lifetime"), or None while it may go on."""
    started = session.get(STARTED_AT)
    last_seen = session.get(LAST_SEEN_AT)
    if not isinstance(started, (int, float)) or not isinstance(last_seen, (int, float)):
        return None  # begun before these limits: its clock starts now
    if now - started > settings.SESSION_MAX_LIFETIME_HOURS * 3600:
        return "lifetime"
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
        return "idle"
    return None


def ended_message(reason: str) -> str:
    if reason == "idle":
        minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
        return ngettext(
            "You have been logged out because you were not active for %(count)d minute. "
            "Log in again to continue.",
            "You have been logged out because you were not active for %(count)d minutes. "
            "Log in again to continue.",
            minutes,
        ) % {"count": minutes}
    hours = settings.SESSION_MAX_LIFETIME_HOURS
    return ngettext(
        "You have been logged out because you were logged in for %(count)d hour, the longest "
        "a session lasts. Log in again to continue.",
        "You have been logged out because you were logged in for %(count)d hours, the longest "
        "a session lasts. Log in again to continue.",
        hours,
    ) % {"count": hours}


class SessionLimitsMiddleware:
    """Place right after AuthenticationMiddleware. The check runs in process_view, after the
    message middleware has set up the request, so that the login page can say why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        session = request.session
        now = time.time()
        reason = ended_reason(session, now)
        if reason is not None:
            logout(request)
            messages.info(request, ended_message(reason))
            if request.path == reverse("account_logout"):
                return redirect(settings.LOGIN_URL)  # logged out already: nothing to go back to
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        last_seen = session.get(LAST_SEEN_AT)
        if not isinstance(session.get(STARTED_AT), (int, float)) or not isinstance(
            last_seen, (int, float)
        ):
            # A session from before these limits (or before allauth): its clock starts now,
            # and the sessions page lists it from now on.
            start_session_clock(session, now)
            UserSession.objects.create_from_request(request)
        elif now - last_seen >= LAST_SEEN_WRITE_SECONDS:
            session[LAST_SEEN_AT] = now
            # The sessions page shows this; allauth's own tracking would write it per request.
            if session.session_key:
                UserSession.objects.filter(session_key=session.session_key).update(
                    last_seen_at=timezone.now()
                )
        return None
