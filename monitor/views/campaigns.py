"""The HR pages that run monitor campaigns: list, settings, questions, codes, QR code and poster.

HR advisors change everything; managers and advisors read the list and the detail page and may
download the QR code and the poster (the public link is not secret among staff).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from monitor import campaign_services
from monitor.access import campaign_for, custom_question_for
from monitor.closing import campaign_close as close_campaign
from monitor.closing import close_due_campaigns, close_if_due
from monitor.forms import CampaignCloseForm, CampaignForm, CodesForm, CustomQuestionForm
from monitor.models import MAX_CUSTOM_QUESTIONS, Campaign, CampaignState
from monitor.poster import attachment, download_name, poster_pdf, public_url, qr_svg
from monitor.selectors import Progress, campaign_progress, campaigns_for, progress_of
from monitor.services import MonitorError, codes_generate
from programme.scoping import OrgContext, org_view


def _to_detail(campaign: Campaign):
    return redirect("monitor:campaign_detail", slug=campaign.organisation.slug, pk=campaign.pk)


@dataclass(frozen=True)
class CampaignRow:
    """A campaign in the list: exact figures only from a snapshot, coarse progress before."""

    campaign: Campaign
    state: CampaignState
    progress: Progress | None  # while not closed
    response_count: int | None  # from the snapshot; None below the minimum
    response_rate: int | None


def _closed_figures(campaign: Campaign) -> tuple[int | None, int | None]:
    snapshot = getattr(campaign, "snapshot", None)
    count = snapshot.response_count if snapshot else None
    rate = snapshot.data.get("response_rate") if snapshot and count is not None else None
    return count, None if rate is None else round(rate)


@org_view()
def campaign_list(request, ctx: OrgContext):
    today = timezone.localdate()
    close_due_campaigns(today=today, organisation=ctx.organisation)
    campaigns = list(campaigns_for(organisation=ctx.organisation).select_related("snapshot"))
    progress = progress_of(campaigns=[c for c in campaigns if not c.is_closed])
    rows = []
    for campaign in campaigns:
        count, rate = _closed_figures(campaign) if campaign.is_closed else (None, None)
        rows.append(
            CampaignRow(
                campaign=campaign,
                state=CampaignState(campaign.state_on(today)),
                progress=progress.get(campaign.pk),
                response_count=count,
                response_rate=rate,
            )
        )
    return render(request, "monitor/campaign_list.html", {"ctx": ctx, "rows": rows})


@org_view()
def campaign_detail(request, ctx: OrgContext, pk: int):
    today = timezone.localdate()
    campaign = close_if_due(campaign=campaign_for(ctx, pk), today=today)
    questions = list(campaign.custom_questions.all())
    # How many codes were used says whose form arrived to whoever holds the sheet: only how many
    # were made is shown.
    codes = campaign.codes.aggregate(generated=Count("id")) if campaign.uses_codes else None
    state = CampaignState(campaign.state_on(today))
    is_fixed = campaign.is_fixed
    count, rate = _closed_figures(campaign) if campaign.is_closed else (None, None)
    return render(
        request,
        "monitor/campaign_detail.html",
        {
            "ctx": ctx,
            "campaign": campaign,
            "state": state,
            "is_open": state == CampaignState.OPEN,
            "public_url": public_url(request, campaign),
            "questions": questions,
            "is_fixed": is_fixed,
            "can_add_question": not is_fixed and len(questions) < MAX_CUSTOM_QUESTIONS,
            "max_questions": MAX_CUSTOM_QUESTIONS,
            "progress": None if campaign.is_closed else campaign_progress(campaign=campaign),
            "response_count": count,
            "response_rate": rate,
            "results_from": campaign.closes_on + timedelta(days=1),
            "codes": codes,
        },
    )


@org_view(hr_only=True)
def campaign_create(request, ctx: OrgContext):
    form = CampaignForm(request.POST or None)
    form.instance.organisation = ctx.organisation
    if request.method == "POST" and form.is_valid():
        campaign = campaign_services.campaign_create(
            organisation=ctx.organisation, fields=form.cleaned_data
        )
        messages.success(
            request, _("The campaign “%(title)s” has been created.") % {"title": campaign}
        )
        return _to_detail(campaign)
    return render(request, "monitor/campaign_form.html", {"ctx": ctx, "form": form})


@org_view(hr_only=True)
def campaign_edit(request, ctx: OrgContext, pk: int):
    campaign = close_if_due(campaign=campaign_for(ctx, pk), today=timezone.localdate())
    is_fixed = campaign.is_fixed
    form = CampaignForm(request.POST or None, instance=campaign, is_fixed=is_fixed)
    if request.method == "POST" and form.is_valid():
        campaign_services.campaign_update(campaign=campaign, fields=form.cleaned_data)
        messages.success(
            request, _("The campaign “%(title)s” has been saved.") % {"title": campaign}
        )
        return _to_detail(campaign)
    return render(
        request,
        "monitor/campaign_form.html",
        {"ctx": ctx, "form": form, "campaign": campaign, "is_fixed": is_fixed},
    )


@org_view(hr_only=True)
def campaign_close(request, ctx: OrgContext, pk: int):
    """Close early, after a confirmation: final, and the moment the results are computed."""
    campaign = campaign_for(ctx, pk)
    today = timezone.localdate()
    if not campaign.is_open_on(today):
        messages.error(request, _("Only an open campaign can be closed."))
        return _to_detail(campaign)
    form = CampaignCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            close_campaign(campaign=campaign, today=today, early=True)
        except MonitorError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "The campaign has been closed for good. Nobody can respond now; "
                    "the results are ready."
                ),
            )
        return _to_detail(campaign)
    return render(
        request, "monitor/campaign_close.html", {"ctx": ctx, "campaign": campaign, "form": form}
    )


@org_view()
def campaign_qr(request, ctx: OrgContext, pk: int):
    campaign = campaign_for(ctx, pk)
    url = public_url(request, campaign)
    svg = qr_svg(url, title=_("QR code for %(url)s") % {"url": url})
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    # A file to put in a newsletter or on a slide, named after its campaign.
    return attachment(response, download_name(campaign, "qr", "svg"))


@org_view()
def campaign_poster(request, ctx: OrgContext, pk: int):
    campaign = campaign_for(ctx, pk)
    pdf = poster_pdf(campaign=campaign, url=public_url(request, campaign))
    response = HttpResponse(pdf, content_type="application/pdf")
    return attachment(response, download_name(campaign, "poster", "pdf"))


@org_view(hr_only=True)
def codes_generate_view(request, ctx: OrgContext, pk: int):
    """Generate single-use codes and show them once: only their hashes are stored."""
    campaign = campaign_for(ctx, pk)
    if not campaign.uses_codes:
        messages.info(request, _("This campaign uses an open link, so it needs no codes."))
        return _to_detail(campaign)
    if campaign.state_on(timezone.localdate()) == CampaignState.CLOSED:
        messages.error(request, _("This campaign has closed, so new codes would not work."))
        return _to_detail(campaign)
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = codes_generate(campaign=campaign, count=form.cleaned_data["count"])
        except MonitorError as error:
            form.add_error("count", str(error))
        else:
            response = render(
                request,
                "monitor/codes_sheet.html",
                {
                    "ctx": ctx,
                    "campaign": campaign,
                    "codes": codes,
                    "url": public_url(request, campaign),
                },
            )
            # The codes exist nowhere else in readable form: no cache may keep a copy.
            add_never_cache_headers(response)
            return response
    return render(
        request, "monitor/codes_form.html", {"ctx": ctx, "campaign": campaign, "form": form}
    )


def _questions_locked(request, campaign: Campaign) -> bool:
    if campaign.is_fixed:
        messages.error(
            request,
            _("The campaign has opened, so the questions can no longer change."),
        )
        return True
    return False


@org_view(hr_only=True)
def question_create(request, ctx: OrgContext, pk: int):
    campaign = campaign_for(ctx, pk)
    if _questions_locked(request, campaign):
        return _to_detail(campaign)
    if campaign.custom_questions.count() >= MAX_CUSTOM_QUESTIONS:
        messages.error(
            request,
            _("A campaign can have at most %(max)d questions of its own.")
            % {"max": MAX_CUSTOM_QUESTIONS},
        )
        return _to_detail(campaign)
    form = CustomQuestionForm(request.POST or None, organisation=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_services.custom_question_add(campaign=campaign, fields=form.cleaned_data)
        except MonitorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question has been added."))
            return _to_detail(campaign)
    return render(
        request, "monitor/question_form.html", {"ctx": ctx, "campaign": campaign, "form": form}
    )


@org_view(hr_only=True)
def question_edit(request, ctx: OrgContext, pk: int, question_pk: int):
    campaign = campaign_for(ctx, pk)
    question = custom_question_for(campaign, question_pk)
    if _questions_locked(request, campaign):
        return _to_detail(campaign)
    form = CustomQuestionForm(
        request.POST or None, instance=question, organisation=ctx.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign_services.custom_question_update(question=question, fields=form.cleaned_data)
        except MonitorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question has been saved."))
            return _to_detail(campaign)
    return render(
        request,
        "monitor/question_form.html",
        {"ctx": ctx, "campaign": campaign, "form": form, "question": question},
    )


@org_view(hr_only=True)
def question_delete(request, ctx: OrgContext, pk: int, question_pk: int):
    campaign = campaign_for(ctx, pk)
    question = custom_question_for(campaign, question_pk)
    if _questions_locked(request, campaign):
        return _to_detail(campaign)
    if request.method == "POST":
        try:
            campaign_services.custom_question_delete(question=question)
        except MonitorError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The question has been deleted."))
        return _to_detail(campaign)
    return render(
        request,
        "monitor/question_delete.html",
        {"ctx": ctx, "campaign": campaign, "question": question},
    )
