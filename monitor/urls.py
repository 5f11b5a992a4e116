"""The monitor's pages for members, under /o/<slug>/monitor/; each part keeps its own routes."""

from django.urls import include, path

app_name = "monitor"

urlpatterns = [
    path("", include("monitor.urls_campaigns")),
    path("", include("monitor.urls_results")),
    path("", include("monitor.urls_suggestions")),
]
