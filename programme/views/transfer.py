"""Import and export of the action plan (the flow every import in the product follows)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programme import transfer
from programme.forms import ImportUploadForm
from programme.resources import ActionResource
from programme.scoping import OrgContext, org_view


@org_view()
def action_export(request, ctx: OrgContext, file_format: str):
    if file_format not in transfer.CONTENT_TYPES:
        raise Http404
    filename = f"acties-{ctx.organisation.slug}-{timezone.localdate():%Y%m%d}"
    return transfer.export_response(
        ActionResource(organisation=ctx.organisation), file_format, filename
    )


@org_view(hr_only=True)
def action_import(request, ctx: OrgContext):
    """Upload, preview as a dry run, then confirm: all rows are imported or none."""
    resource = ActionResource(organisation=ctx.organisation)
    form = ImportUploadForm()
    report = token = None
    if request.method == "POST" and "confirm" in request.POST:
        try:
            raw = transfer.unsign_upload(request.POST.get("token", ""))
        except transfer.TransferError as error:
            messages.error(request, str(error))
            return redirect("programme:action_import", slug=ctx.organisation.slug)
        report = transfer.import_commit(resource, raw)
        if report.is_valid:
            messages.success(
                request,
                ngettext(
                    "%(count)d row has been imported.",
                    "%(count)d rows have been imported.",
                    len(report.rows),
                )
                % {"count": len(report.rows)},
            )
            return redirect("programme:actions", slug=ctx.organisation.slug)
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
        "programme/action_import.html",
        {"ctx": ctx, "form": form, "report": report, "token": token},
    )
