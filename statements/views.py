"""The public statements, security.txt, and the HR page that fills in what they need.

The respondents' pages under /m/<key>/ go through the monitor's own `public_page`: never cached,
never indexed, no referrer to other sites, and an unknown key answers the monitor's 404 page. They
set no cookie of their own; the language switch sets the same one as on the monitor's pages.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

import audit
from monitor.models import Campaign
from monitor.selectors import campaign_for_key
from monitor.views.respond import public_page
from programme.scoping import OrgContext, org_view
from statements import selectors, services
from statements.docx_export import register_docx, register_file_name
from statements.forms import StatementSettingsForm

GENERAL_BASE = "base.html"
MONITOR_BASE = "monitor/respond_base.html"


def _campaign(key: str) -> Campaign:
    try:
        return campaign_for_key(key=key)
    except Campaign.DoesNotExist:
        raise Http404 from None


def _respondent_context(campaign: Campaign | None) -> dict:
    organisation = campaign.organisation if campaign else None
    own = selectors.settings_for(organisation=organisation) if organisation else None
    return {
        "campaign": campaign,
        "organisation": organisation,
        "own": own,
        "own_text": own.respondent_text_in(translation.get_language()) if own else "",
        "operator": selectors.operator(),
        "statements_date": selectors.STATEMENTS_DATE,
        **selectors.monitor_facts(),
    }


def _accessibility_context(campaign: Campaign | None) -> dict:
    organisation = campaign.organisation if campaign else None
    own = selectors.settings_for(organisation=organisation) if organisation else None
    return {
        "campaign": campaign,
        "organisation": organisation,
        "own": own,
        "operator": selectors.operator(),
        "statements_date": selectors.STATEMENTS_DATE,
        "manual_check_date": settings.ACCESSIBILITY_MANUAL_CHECK_DATE,
        "retest_months": selectors.RETEST_MONTHS,
        "tested_widths": selectors.TESTED_WIDTHS,
    }


@login_not_required
@require_GET
def respondent_privacy(request):
    """The privacy statement for respondents, without an organisation: for the site's footer."""
    context = _respondent_context(None) | {"base_template": GENERAL_BASE}
    return render(request, "statements/respondent_privacy.html", context)


@public_page
@require_GET
def campaign_privacy(request, key: str):
    """The privacy statement for the respondents of one organisation's monitor, by its key."""
    context = _respondent_context(_campaign(key)) | {"base_template": MONITOR_BASE}
    return render(request, "statements/respondent_privacy.html", context)


@login_not_required
@require_GET
def members_privacy(request):
    """The privacy statement for members: accounts, the audit log, retention."""
    context = {
        "operator": selectors.operator(),
        "statements_date": selectors.STATEMENTS_DATE,
        **selectors.members_facts(),
    }
    return render(request, "statements/members_privacy.html", context)


@login_not_required
@require_GET
def accessibility(request):
    """The accessibility statement of the platform."""
    context = _accessibility_context(None) | {"base_template": GENERAL_BASE}
    return render(request, "statements/accessibility.html", context)


@public_page
@require_GET
def campaign_accessibility(request, key: str):
    """The accessibility statement of the monitor an organisation publishes under its own name."""
    context = _accessibility_context(_campaign(key)) | {"base_template": MONITOR_BASE}
    return render(request, "statements/accessibility.html", context)


@login_not_required
@require_GET
def security_txt(request):
    """RFC 9116: where to report a vulnerability; valid for less than a year from now."""
    expires = timezone.now().replace(microsecond=0) + timedelta(
        days=settings.SECURITY_TXT_VALID_DAYS
    )
    canonical = settings.SITE_URL.rstrip("/") + reverse("statements:security_txt")
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {canonical}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@org_view()
def organisation_statements(request, ctx: OrgContext):
    """HR fills in what the statements need; managers read it and the register entry."""
    own = selectors.settings_for(organisation=ctx.organisation)
    form = StatementSettingsForm(request.POST or None, instance=own)
    if request.method == "POST":
        if not ctx.is_hr:
            # A reader's form has no button: for them the page takes GET only (tests/role_matrix).
            return HttpResponseNotAllowed(["GET"])
        if form.is_valid():
            services.statement_settings_save(
                organisation=ctx.organisation, fields=form.cleaned_data
            )
            messages.success(request, _("The details for the statements have been saved."))
            return redirect("org_statements:settings", slug=ctx.organisation.slug)
    entry = selectors.register_entry(organisation=ctx.organisation, today=timezone.localdate())
    return render(
        request,
        "statements/organisation_settings.html",
        {
            "ctx": ctx,
            "form": form,
            "own": own,
            "entry": entry,
            "campaign": selectors.latest_campaign(organisation=ctx.organisation),
        },
    )


@org_view()
def register_download(request, ctx: OrgContext):
    """The processing register entry as a DOCX, in the member's language."""
    entry = selectors.register_entry(organisation=ctx.organisation, today=timezone.localdate())
    content = register_docx(entry, language=translation.get_language())
    audit.record_download(request, ctx, "processing register entry (docx)")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{register_file_name(entry)}"'
    response["Cache-Control"] = "private, no-store"
    return response
