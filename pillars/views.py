"""The pillar pages: overview, worksheet per pillar, item page, mine, overdue, evidence files."""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pillars import selectors, services
from pillars.access import evidence_for, item_for
from pillars.forms import EvidenceUploadForm, OwnItemForm, ProgressForm, StatusForm
from pillars.history import timeline
from pillars.models import Pillar, ProgressStatus
from programme.scoping import OrgContext, org_view


def _item_url(ctx: OrgContext, item) -> str:
    return reverse("pillars:item", kwargs={"slug": ctx.organisation.slug, "pk": item.pk})


@org_view(followers=True)
def overview(request, ctx: OrgContext):
    today = timezone.localdate()
    return render(
        request,
        "pillars/overview.html",
        {
            "ctx": ctx,
            "today": today,
            "summaries": selectors.progress_for(organisation=ctx.organisation, today=today),
        },
    )


@org_view(followers=True)
def pillar_detail(request, ctx: OrgContext, key: str):
    pillar = get_object_or_404(Pillar, key=key)
    today = timezone.localdate()
    rows = selectors.checklist_for(organisation=ctx.organisation, today=today, pillar=pillar)
    summary = selectors.PillarSummary(pillar=pillar, rows=rows, today=today)
    return render(
        request,
        "pillars/pillar_detail.html",
        {
            "ctx": ctx,
            "pillar": pillar,
            "summary": summary,
            "today": today,
            "statuses": ProgressStatus.choices,
        },
    )


@org_view(hr_only=True)
@require_POST
def item_status(request, ctx: OrgContext, pk: int):
    """Change an item's status in place on the worksheet, then return to it."""
    item = item_for(ctx, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.progress_set_status(
                organisation=ctx.organisation,
                item=item,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                today=timezone.localdate(),
            )
        except services.PillarsError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("“%(item)s” is now: %(status)s.")
                % {
                    "item": item.display_text,
                    "status": ProgressStatus(form.cleaned_data["status"]).label,
                },
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{item.display_text}: {error}")
    pillar_url = reverse(
        "pillars:pillar", kwargs={"slug": ctx.organisation.slug, "key": item.pillar.key}
    )
    return redirect(f"{pillar_url}#item-{item.pk}")


@org_view(followers=True)
def item_detail(request, ctx: OrgContext, pk: int):
    item = item_for(ctx, pk)
    progress = selectors.progress_of_item(organisation=ctx.organisation, item=item)
    return render(
        request,
        "pillars/item_detail.html",
        {
            "ctx": ctx,
            "item": item,
            "progress": progress,
            "row": selectors.ItemRow(item=item, progress=progress, today=timezone.localdate()),
            "today": timezone.localdate(),
            "history": timeline(progress) if progress else [],
            "linked": selectors.linked_actions(progress),
            "upload_form": EvidenceUploadForm(),
        },
    )


@org_view(hr_only=True)
def item_edit(request, ctx: OrgContext, pk: int):
    item = item_for(ctx, pk)
    progress = selectors.progress_of_item(organisation=ctx.organisation, item=item)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        instance=progress,
        organisation=ctx.organisation,
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        upload = fields.pop("evidence_file", None)
        try:
            # The progress and the file added with it are saved together, or neither.
            with transaction.atomic():
                services.progress_update(
                    organisation=ctx.organisation,
                    item=item,
                    by=request.user,
                    fields=fields,
                    today=timezone.localdate(),
                )
                if upload:
                    services.evidence_add(
                        organisation=ctx.organisation, item=item, upload=upload, by=request.user
                    )
        except services.PillarsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The progress has been saved."))
            return redirect(_item_url(ctx, item))
    return render(
        request,
        "pillars/item_form.html",
        {"ctx": ctx, "item": item, "form": form, "progress": progress},
    )


@org_view(hr_only=True)
@require_POST
def evidence_upload(request, ctx: OrgContext, pk: int):
    item = item_for(ctx, pk)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence = services.evidence_add(
                organisation=ctx.organisation,
                item=item,
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except services.PillarsError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("“%(name)s” has been added.") % {"name": evidence.original_name}
            )
    else:
        messages.error(request, _("Choose a file to add."))
    return redirect(_item_url(ctx, item) + "#evidence")


@org_view(followers=True)
def evidence_download(request, ctx: OrgContext, pk: int):
    """Serve an evidence file to members of its organisation only."""
    evidence = evidence_for(ctx, pk)
    inline = evidence.content_type in (services.PDF, services.PNG, services.JPEG)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@org_view(hr_only=True)
def evidence_delete(request, ctx: OrgContext, pk: int):
    evidence = evidence_for(ctx, pk)
    item = evidence.progress.item
    if request.method == "POST":
        services.evidence_remove(evidence=evidence, by=request.user)
        messages.success(
            request, _("“%(name)s” has been deleted.") % {"name": evidence.original_name}
        )
        return redirect(_item_url(ctx, item) + "#evidence")
    return render(
        request, "pillars/evidence_delete.html", {"ctx": ctx, "evidence": evidence, "item": item}
    )


@org_view(hr_only=True)
def item_add(request, ctx: OrgContext, key: str):
    """Add an item of the organisation's own to a pillar."""
    pillar = get_object_or_404(Pillar, key=key)
    form = OwnItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.item_add_own(
            organisation=ctx.organisation, pillar=pillar, **form.cleaned_data
        )
        messages.success(request, _("The item has been added to %(pillar)s.") % {"pillar": pillar})
        return redirect(_item_url(ctx, item))
    return render(request, "pillars/item_add.html", {"ctx": ctx, "pillar": pillar, "form": form})


@org_view()
def mine(request, ctx: OrgContext):
    return render(
        request,
        "pillars/item_list.html",
        {
            "ctx": ctx,
            "today": timezone.localdate(),
            "rows": selectors.items_for_member(
                organisation=ctx.organisation,
                membership=ctx.membership,
                today=timezone.localdate(),
            ),
            "title": _("My items"),
            "intro": _("The checklist items you are responsible for, by due date."),
            "empty": _("You are not responsible for any item yet."),
        },
    )


@org_view(followers=True)
def overdue(request, ctx: OrgContext):
    today = timezone.localdate()
    return render(
        request,
        "pillars/item_list.html",
        {
            "ctx": ctx,
            "today": today,
            "rows": selectors.overdue_items(organisation=ctx.organisation, today=today),
            "title": _("Overdue items"),
            "intro": _("Items whose due date has passed while they are not done."),
            "empty": _("No item is overdue."),
        },
    )
