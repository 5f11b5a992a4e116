"""django-allauth's pages under /accounts/, less the ones this app has no use for.

An address belongs to a membership that an HR advisor or a coordinator made, so the page on which
allauth lets a user add or change addresses leads to the member's own settings instead. allauth's
unnamed redirects of its old /social/ addresses are left out: nothing here ever linked to them.
"""

from allauth.account import urls as account_urls
from allauth.urls import build_provider_urlpatterns
from django.urls import include, path
from django.views.generic import RedirectView

# Confirming addresses and logging in by a mailed code are switched off (config/settings.py):
# their pages would only ever say that there is nothing to do.
NOT_SERVED = {
    "account_email",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_confirm_login_code",
}

urlpatterns = [
    path(
        "email/", RedirectView.as_view(pattern_name="notifications:settings"), name="account_email"
    ),
    *[p for p in account_urls.urlpatterns if getattr(p, "name", None) not in NOT_SERVED],
    path("2fa/", include("allauth.mfa.urls")),
    path("3rdparty/", include("allauth.socialaccount.urls")),
    *build_provider_urlpatterns(),
    path("sessions/", include("allauth.usersessions.urls")),
]
