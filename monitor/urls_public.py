"""The public monitor pages under /m/<key>/ (namespace "respond"): no login, no account."""

from django.urls import path

from monitor.views import respond

app_name = "respond"

urlpatterns = [
    path("<str:key>/", respond.start, name="start"),
    path("<str:key>/thanks/", respond.thanks, name="thanks"),
    path("<str:key>/logo/", respond.logo, name="logo"),
    path("<str:key>/<slug:section>/", respond.step, name="step"),
]
