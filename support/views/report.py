"""The report for the commissioning municipality: a page, its PDF and its workbook.

Every member of the support organisation reads it; the year comes from ?year= (this year by
default, and with a message when the year asked for is not one)."""

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone

from audit import record_download
from recognition.views.downloads import attachment
from support import report as selectors
from support.scoping import SupportContext, support_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request, sctx: SupportContext, *, tell: bool):
    today = timezone.localdate()
    year, problem = selectors.parse_year(request.GET.get("year"), today=today)
    if problem and tell:
        messages.warning(request, problem)
    return selectors.support_report(
        support_organisation=sctx.support_organisation, year=year, today=today
    )


def _file_name(sctx: SupportContext, report, extension: str) -> str:
    return f"rapportage-{sctx.support_organisation.slug}-{report.year}.{extension}"


@support_view()
def report(request, sctx: SupportContext):
    report = _report(request, sctx, tell=True)
    years = selectors.report_years(
        support_organisation=sctx.support_organisation, today=report.today
    )
    return render(
        request,
        "support/report/report.html",
        {"sctx": sctx, "report": report, "year": report.year, "years": years},
    )


@support_view()
def report_pdf(request, sctx: SupportContext):
    # A download cannot show a message: a bad year gives this year's report, named by its year.
    report = _report(request, sctx, tell=False)
    record_download(request, sctx, "report for the municipality (pdf)")
    return attachment(
        selectors.report_pdf(report), "application/pdf", _file_name(sctx, report, "pdf")
    )


@support_view()
def report_xlsx(request, sctx: SupportContext):
    report = _report(request, sctx, tell=False)
    record_download(request, sctx, "report for the municipality (xlsx)")
    return attachment(selectors.report_xlsx(report), XLSX, _file_name(sctx, report, "xlsx"))
