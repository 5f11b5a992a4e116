"""The start pages of a support organisation (included by support/urls.py)."""

from django.urls import path

from support.views import start

urlpatterns = [
    path("", start.start, name="start"),
]
