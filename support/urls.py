"""A support organisation's pages under /s/<slug>/; each area keeps its own list."""

from support import (
    urls_following,
    urls_offers,
    urls_organisation,
    urls_pipeline,
    urls_portfolio,
    urls_report,
    urls_start,
)

app_name = "support"

urlpatterns = [
    *urls_start.urlpatterns,
    *urls_organisation.urlpatterns,
    *urls_following.urlpatterns,
    *urls_portfolio.urlpatterns,
    *urls_pipeline.urlpatterns,
    *urls_offers.urlpatterns,
    *urls_report.urlpatterns,
]
