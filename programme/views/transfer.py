"""Import and export of the action plan (the flow every import in the product follows)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit import record_download
from programme import selectors, transfer
from programme.forms import ActionFilterForm, ActionImportForm
from programme.resources import ActionResource
from programme.scoping import OrgContext, org_view


@org_view(followers=True)
def action_export(request, ctx: OrgContext, file_format: str):
    """The actions the list shows: its filters (year, pillar, status, search) come along in
    the query string and go through the list's own selector."""
    if file_format not in transfer.CONTENT_TYPES:
        raise Http404
    years = selectors.action_years(organisation=ctx.organisation)
    filters = ActionFilterForm(request.GET or None, years=years).filters()
    actions = selectors.actions_filtered(organisation=ctx.organisation, **filters)
    filename = f"acties-{ctx.organisation.slug}-{timezone.localdate():%Y%m%d}"
    record_download(request, ctx, f"action plan ({file_format})")
    return transfer.export_response(
        ActionResource(organisation=ctx.organisation), file_format, filename, queryset=actions
    )


@org_view(hr_only=True)
def action_import(request, ctx: OrgContext):
    """Upload, preview as a dry run, then confirm: all rows are imported or none."""
    step = transfer.import_step(
        request, ActionResource(organisation=ctx.organisation), form_class=ActionImportForm
    )
    if step.expired:
        messages.error(request, step.expired)
        return redirect("programme:action_import", slug=ctx.organisation.slug)
    if step.imported:
        count = step.report.new_count + step.report.update_count
        messages.success(
            request,
            ngettext(
                "%(count)d row has been imported.", "%(count)d rows have been imported.", count
            )
            % {"count": count},
        )
        return redirect("programme:actions", slug=ctx.organisation.slug)
    if step.report and "confirm" in request.POST:
        messages.error(request, _("Nothing has been imported: the file has errors."))
    return render(
        request,
        "programme/action_import.html",
        {"ctx": ctx, "form": step.form, "report": step.report, "token": step.token},
    )
