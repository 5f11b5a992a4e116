"""The employer's offers pages under /o/<slug>/ondersteuning/ (included by urls_employer)."""

from django.urls import path

from support.views import employer_offers

urlpatterns = [
    path(
        "offers/<int:pk>/take-up/",
        employer_offers.offer_take_up,
        name="offer_take_up",
    ),
]
