"""A support organisation's pages under /s/<slug>/; each area keeps its own list."""

from support import urls_offers, urls_pipeline, urls_portfolio, urls_report, urls_start

app_name = "support"

urlpatterns = [
    *urls_start.urlpatterns,
    *urls_portfolio.urlpatterns,
    *urls_pipeline.urlpatterns,
    *urls_offers.urlpatterns,
    *urls_report.urlpatterns,
]
