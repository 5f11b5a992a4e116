"""The public statements (namespace "statements"): no login, in Dutch and English."""

from django.urls import path

from statements import views

app_name = "statements"

urlpatterns = [
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("privacyverklaring/", views.members_privacy, name="members_privacy"),
    path("privacyverklaring/monitor/", views.respondent_privacy, name="respondent_privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    # Before the monitor's own /m/<key>/<section>/, which would take these for a section.
    path("m/<str:key>/privacyverklaring/", views.campaign_privacy, name="campaign_privacy"),
    path(
        "m/<str:key>/toegankelijkheid/", views.campaign_accessibility, name="campaign_accessibility"
    ),
]
