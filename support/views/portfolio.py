"""The portfolio: every employer the support organisation follows, and one employer at a glance."""

import tablib
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import record_download
from monitor.results import METRICS
from monitor.snapshots import closed_campaigns
from programme import transfer
from programme.models import PillarKey
from support import access, pipeline_selectors
from support.forms_portfolio import PortfolioFilterForm
from support.portfolio import (
    HEADLINE_METRICS,
    SORT_KEYS,
    PortfolioRow,
    filter_rows,
    parse_sort,
    portfolio_rows,
    sort_rows,
)
from support.scoping import SupportContext, support_view


def _rows(request, sctx: SupportContext):
    """The rows the page shows and the export writes: the same filters and the same order."""
    form = PortfolioFilterForm(request.GET or None)
    key, descending = parse_sort(request.GET.get("sort"))
    rows = portfolio_rows(
        support_organisation=sctx.support_organisation, today=timezone.localdate()
    )
    shown = sort_rows(filter_rows(rows, form.filters()), key, descending)
    return form, rows, shown, key, descending


def _headers(request, key: str, descending: bool) -> list[dict]:
    """Each column's header: its sort link (the other direction when it sorts now) and aria-sort."""
    headers = []
    for column in SORT_KEYS:
        query = request.GET.copy()
        current = column == key
        query["sort"] = f"-{column}" if current and not descending else column
        headers.append(
            {
                "key": column,
                "query": query.urlencode(),
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return headers


@support_view()
def portfolio(request, sctx: SupportContext):
    form, rows, shown, key, descending = _rows(request, sctx)
    return render(
        request,
        "support/portfolio/list.html",
        {
            "sctx": sctx,
            "filter_form": form,
            "rows": shown,
            "total": len(rows),
            "headers": {h["key"]: h for h in _headers(request, key, descending)},
            "query_string": request.GET.urlencode(),
            "today": timezone.localdate(),
        },
    )


def _recognition_cells(row: PortfolioRow) -> tuple:
    in_force = row.in_force
    return (
        str(row.recognition_label),
        row.readiness.share,
        in_force.valid_until if in_force else None,
        in_force.renewal_due if in_force else None,
    )


def _monitor_cells(row: PortfolioRow) -> tuple:
    headline = row.headline
    if headline is None:
        return ("", None, None) + (None,) * len(HEADLINE_METRICS)
    metrics = tuple(
        round(value, 1) if value is not None else None for _key, _label, value in headline.metrics
    )
    return (headline.campaign.title, headline.campaign.closes_on, headline.response_count) + metrics


def _dataset(rows: list[PortfolioRow]) -> tablib.Dataset:
    headers = [
        _("Employer"),
        _("Kind"),
        _("Number of employees"),
        _("Size"),
        *(
            _("%(pillar)s: items done (%%)") % {"pillar": label}
            for _key, label in PillarKey.choices
        ),
        _("Recognition"),
        _("Ready for the recognition (%)"),
        _("Recognised until"),
        _("Renewal due"),
        _("Last monitor"),
        _("Closed on"),
        _("Responses"),
        *(f"{METRICS[key]} (%)" for key in HEADLINE_METRICS),
        _("Next moment"),
        _("What"),
        _("Last contact"),
        _("Kind of contact"),
        _("Next step"),
        _("Next step on"),
        _("Needs attention"),
    ]
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        due = row.next_due
        contact = row.last_contact
        dataset.append(
            (
                row.organisation.name,
                str(row.kind_label),
                row.organisation.employee_count,
                str(row.size_label),
                *(summary.share_done for summary in row.pillars),
                *_recognition_cells(row),
                *_monitor_cells(row),
                due.on if due else None,
                " · ".join(str(part) for part in (due.label, due.detail) if part) if due else "",
                contact.on if contact else None,
                str(contact.kind_label) if contact else "",
                row.next_step,
                row.next_step_on,
                ", ".join(str(reason) for reason in row.attention),
            )
        )
    return dataset


@support_view()
def portfolio_export(request, sctx: SupportContext, file_format: str):
    """The rows the page shows, with its filters and order, by the project's export rules."""
    if file_format not in transfer.CONTENT_TYPES:
        raise Http404
    _form, _rows_all, shown, _key, _descending = _rows(request, sctx)
    dataset = _dataset(shown)
    if file_format == "csv":
        content = transfer.write_csv(dataset)
    else:
        content = transfer.write_xlsx(dataset, "Portefeuille")
    name = f"portefeuille-{sctx.support_organisation.slug}-{timezone.localdate():%Y%m%d}"
    record_download(request, sctx, f"portfolio ({file_format})")
    response = HttpResponse(content, content_type=transfer.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@support_view()
def employer(request, sctx: SupportContext, employer: str):
    """One followed employer at a glance, from what it publishes to its followers."""
    organisation = access.followed_employer_for(sctx, employer)
    today = timezone.localdate()
    (row,) = portfolio_rows(
        support_organisation=sctx.support_organisation, today=today, only=organisation
    )
    contacts = list(pipeline_selectors.contacts_of(row.prospect)) if row.prospect else []
    return render(
        request,
        "support/portfolio/employer.html",
        {
            "sctx": sctx,
            "row": row,
            "employer": organisation,
            "closed_campaigns": closed_campaigns(organisation=organisation, today=today),
            "contacts": contacts,
            "today": today,
        },
    )
