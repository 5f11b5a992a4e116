"""The suggestions pages of the monitor, under /o/<slug>/monitor/ (namespace "monitor")."""

from django.urls import path

from monitor.views import suggestions

urlpatterns = [
    path(
        "<int:pk>/suggestions/<slug:key>/adopt/",
        suggestions.suggestion_adopt_view,
        name="suggestion_adopt",
    ),
]
