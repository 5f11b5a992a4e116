"""The managers' progress report: one page, rendered from the live data on every download."""

from django.http import HttpResponse
from django.utils import timezone

from programme.scoping import OrgContext, org_view


@org_view()
def progress_report(request, ctx: OrgContext):
    from recognition.rendering import progress_report_pdf

    today = timezone.localdate()
    response = HttpResponse(
        progress_report_pdf(organisation=ctx.organisation, today=today),
        content_type="application/pdf",
    )
    file_name = f"voortgang-{ctx.organisation.slug}-{today.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
