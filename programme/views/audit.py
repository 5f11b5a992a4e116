"""The organisation's audit log for its HR advisors (the log itself lives in audit/)."""

import tablib
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit import record_download
from audit.forms import TimelineFilterForm
from audit.selectors import actors_of, entries_for, object_types_of, rows
from programme import transfer
from programme.scoping import OrgContext, org_view


def _filtered(request, ctx: OrgContext):
    organisation_id = ctx.organisation.pk
    form = TimelineFilterForm(
        request.GET or None,
        actors=actors_of(organisation_id),
        object_types=object_types_of(organisation_id),
    )
    filters = form.filters()
    entries = entries_for(
        organisation_id,
        kind=filters.get("kind", ""),
        actor_id=filters.get("actor"),
        object_type_id=filters.get("object_type"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return form, entries


@org_view(hr_only=True)
def audit_log(request, ctx: OrgContext):
    form, entries = _filtered(request, ctx)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programme/audit_log.html",
        {
            "ctx": ctx,
            "form": form,
            "page": page,
            "rows": rows(page.object_list),
            "query_string": query.urlencode(),
            "retention_days": settings.AUDIT_LOG_RETENTION_DAYS,
        },
    )


@org_view(hr_only=True)
def audit_log_export(request, ctx: OrgContext, file_format: str):
    """The entries the page shows, all of them, as CSV or XLSX with the exports' own rules
    (formulae escaped, Dutch Excel's CSV)."""
    if file_format not in transfer.CONTENT_TYPES:
        raise Http404
    _form, entries = _filtered(request, ctx)
    dataset = tablib.Dataset(
        headers=[
            _("When"),
            _("Kind"),
            _("Who"),
            _("What"),
            _("Kind of object"),
            _("Object"),
            _("Field"),
            _("From"),
            _("To"),
        ]
    )
    for row in rows(entries.iterator()):
        when = date_format(timezone.localtime(row.timestamp), "d-m-Y H:i")
        start = [when, row.kind_label, row.actor, row.what or row.action, row.object_type]
        for line in row.lines or [None]:
            if line is None:
                dataset.append([*start, row.object_repr, "", "", ""])
            else:
                dataset.append([*start, row.object_repr, line.label, line.old, line.new])
    if file_format == "csv":
        content = transfer.write_csv(dataset)
    else:
        content = transfer.write_xlsx(dataset, _("Audit log"))
    record_download(request, ctx, f"audit log ({file_format})")
    filename = f"logboek-{ctx.organisation.slug}-{timezone.localdate():%Y%m%d}"
    response = HttpResponse(content, content_type=transfer.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
