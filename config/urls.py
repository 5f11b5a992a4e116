"""The URLconf: public pages are marked with login_not_required where they are defined."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from config.health import health, ready

# The admin's login is allauth's, with its second step (AdminTwoFactorMiddleware asks staff to
# set one up); a password alone never opens the admin.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # Liveness and readiness for the load balancer (config/health.py).
    path("healthz", health, name="health"),
    path("readyz", ready, name="ready"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Public: the privacy and accessibility statements and security.txt (statements/), before
    # the monitor's /m/<key>/<section>/ which would take /m/<key>/privacyverklaring/ for one.
    path("", include("statements.urls")),
    path("o/<slug:slug>/privacy/", include("statements.urls_org")),
    # django-allauth: login, logout, password, two-step verification, sessions, identity providers.
    # Public: "Log in with your organisation", the way to an organisation's identity provider.
    path("accounts/organisatie/", include("sso.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("o/<slug:slug>/pillars/", include("pillars.urls")),
    path("o/<slug:slug>/monitor/", include("monitor.urls")),
    path("o/<slug:slug>/ondersteuning/", include("support.urls_employer")),
    path("o/<slug:slug>/agenda/", include("notifications.urls_org")),
    path("mijn-instellingen/", include("notifications.urls")),
    # Public by its secret token: the calendar feeds that Outlook and Google Calendar fetch.
    path("agenda/", include("notifications.urls_public")),
    path("o/<slug:slug>/export/", include("exit.urls")),
    path("o/<slug:slug>/", include("recognition.urls")),
    # A support organisation's own pages, with the same boundary as an organisation's.
    path("s/<slug:slug>/", include("support.urls")),
    # Public: the link of an invitation from a support organisation to an employer.
    path("uitnodiging/", include("support.urls_public")),
    # Public: employees answer the monitor here without an account (see docs/architecture.md).
    path("m/", include("monitor.urls_public")),
    # Public: the opt-in recognition profiles and their directory.
    path("erkend/", include("recognition.urls_public")),
    path("", include("programme.urls")),
]
