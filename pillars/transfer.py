"""Import and export of pillar progress, by the flow of the action plan's import (programme)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit import record_download
from pillars.resources import ProgressResource
from programme import transfer
from programme.scoping import OrgContext, org_view


@org_view(followers=True)
def progress_export(request, ctx: OrgContext, file_format: str):
    if file_format not in transfer.CONTENT_TYPES:
        raise Http404
    today = timezone.localdate()
    filename = f"voortgang-{ctx.organisation.slug}-{today:%Y%m%d}"
    record_download(request, ctx, f"pillar progress ({file_format})")
    return transfer.export_response(
        ProgressResource(organisation=ctx.organisation, today=today), file_format, filename
    )


@org_view(hr_only=True)
def progress_import(request, ctx: OrgContext):
    """Upload, preview as a dry run, then confirm: all rows are imported or none."""
    resource = ProgressResource(
        organisation=ctx.organisation, by=request.user, today=timezone.localdate()
    )
    step = transfer.import_step(request, resource)
    if step.expired:
        messages.error(request, step.expired)
        return redirect("pillars:import", slug=ctx.organisation.slug)
    if step.imported:
        changed = step.report.new_count + step.report.update_count
        messages.success(
            request,
            ngettext(
                "%(count)d item has been changed.", "%(count)d items have been changed.", changed
            )
            % {"count": changed},
        )
        return redirect("pillars:overview", slug=ctx.organisation.slug)
    if step.report and "confirm" in request.POST:
        messages.error(request, _("Nothing has been imported: the file has errors."))
    return render(
        request,
        "pillars/progress_import.html",
        {"ctx": ctx, "form": step.form, "report": step.report, "token": step.token},
    )
