"""The offers pages of a support organisation (included by support/urls.py)."""

from django.urls import path

from support.views import offers

urlpatterns = [
    path("offers/", offers.offer_list, name="offers"),
    path("offers/new/", offers.offer_create, name="offer_create"),
    path("offers/<int:pk>/", offers.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/delete/", offers.offer_delete, name="offer_delete"),
]
