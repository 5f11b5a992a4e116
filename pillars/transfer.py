"""Import and export of pillar progress, by the flow of the action plan's import (programme)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pillars.resources import ProgressResource
from programme import transfer
from programme.forms import ImportUploadForm
from programme.scoping import OrgContext, org_view


@org_view()
def progress_export(request, ctx: OrgContext, file_format: str):
    if file_format not in transfer.CONTENT_TYPES:
        raise Http404
    today = timezone.localdate()
    filename = f"voortgang-{ctx.organisation.slug}-{today:%Y%m%d}"
    return transfer.export_response(
        ProgressResource(organisation=ctx.organisation, today=today), file_format, filename
    )


@org_view(hr_only=True)
def progress_import(request, ctx: OrgContext):
    """Upload, preview as a dry run, then confirm: all rows are imported or none."""
    resource = ProgressResource(
        organisation=ctx.organisation, by=request.user, today=timezone.localdate()
    )
    form = ImportUploadForm()
    report = token = None
    if request.method == "POST" and "confirm" in request.POST:
        try:
            raw = transfer.unsign_upload(request.POST.get("token", ""))
        except transfer.TransferError as error:
            messages.error(request, str(error))
            return redirect("pillars:import", slug=ctx.organisation.slug)
        report = transfer.import_commit(resource, raw)
        if report.is_valid:
            changed = report.new_count + report.update_count
            messages.success(
                request,
                ngettext(
                    "%(count)d item has been changed.",
                    "%(count)d items have been changed.",
                    changed,
                )
                % {"count": changed},
            )
            return redirect("pillars:overview", slug=ctx.organisation.slug)
        messages.error(request, _("Nothing has been imported: the file has errors."))
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            raw = form.cleaned_data["file"].read()
            report = transfer.import_preview(resource, raw)
            if report.is_valid:
                token = transfer.sign_upload(raw)
    return render(
        request,
        "pillars/progress_import.html",
        {"ctx": ctx, "form": form, "report": report, "token": token},
    )
