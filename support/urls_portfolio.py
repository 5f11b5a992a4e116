"""The portfolio pages of a support organisation (included by support/urls.py)."""

from django.urls import path

from support.views import portfolio

urlpatterns = [
    path("werkgevers/", portfolio.portfolio, name="portfolio"),
    path(
        "werkgevers/export.<str:file_format>", portfolio.portfolio_export, name="portfolio_export"
    ),
    path("werkgevers/<slug:employer>/", portfolio.employer, name="employer"),
]
