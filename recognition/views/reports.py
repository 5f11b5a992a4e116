"""The managers' progress report: one page, rendered from the live data on every download."""

from django.utils import timezone

from audit import record_download
from programme.scoping import OrgContext, org_view
from recognition.views.downloads import attachment


@org_view()
def progress_report(request, ctx: OrgContext):
    from recognition.rendering import progress_report_pdf

    today = timezone.localdate()
    record_download(request, ctx, "progress report (pdf)")
    return attachment(
        progress_report_pdf(organisation=ctx.organisation, today=today),
        "application/pdf",
        f"voortgang-{ctx.organisation.slug}-{today.isoformat()}.pdf",
    )
