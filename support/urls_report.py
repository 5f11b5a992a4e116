"""The report pages of a support organisation (included by support/urls.py)."""

from django.urls import path

from support.views import report

urlpatterns = [
    path("rapportage/", report.report, name="report"),
    path("rapportage/pdf/", report.report_pdf, name="report_pdf"),
    path("rapportage/xlsx/", report.report_xlsx, name="report_xlsx"),
]
