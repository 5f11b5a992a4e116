"""The road to the recognition: readiness, the recognition record and the application dossier."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit import record_download
from programme.scoping import OrgContext, org_view
from recognition import selectors, services
from recognition.forms import RecognitionForm
from recognition.models import Recognition
from recognition.readiness import readiness_for
from recognition.views.downloads import attachment


@org_view(followers=True)
def readiness(request, ctx: OrgContext):
    today = timezone.localdate()
    return render(
        request,
        "recognition/readiness.html",
        {
            "ctx": ctx,
            "today": today,
            "readiness": readiness_for(organisation=ctx.organisation, today=today),
            "standing": selectors.recognition_standing(organisation=ctx.organisation, today=today),
            "profile": selectors.profile_of(organisation=ctx.organisation),
        },
    )


@org_view(hr_only=True)
def recognition_edit(request, ctx: OrgContext):
    current = selectors.current_recognition(organisation=ctx.organisation)
    form = RecognitionForm(
        request.POST or None, instance=current or Recognition(organisation=ctx.organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_save(organisation=ctx.organisation, fields=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The recognition record has been saved."))
            return redirect("recognition:readiness", slug=ctx.organisation.slug)
    return render(request, "recognition/recognition_form.html", {"ctx": ctx, "form": form})


@org_view(hr_only=True)
@require_http_methods(["GET", "POST"])
def recognition_next(request, ctx: OrgContext):
    """Ask first, saying what happens; only the confirming POST starts the renewal."""
    today = timezone.localdate()
    standing = selectors.recognition_standing(organisation=ctx.organisation, today=today)
    if request.method == "POST" and standing.can_start_next:
        try:
            services.recognition_start_next(organisation=ctx.organisation)
        except services.RecognitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "The renewal has been started. The current recognition stays in force until "
                    "the new one is granted or it expires."
                ),
            )
            return redirect("recognition:recognition_edit", slug=ctx.organisation.slug)
        return redirect("recognition:readiness", slug=ctx.organisation.slug)
    return render(
        request,
        "recognition/recognition_next.html",
        {"ctx": ctx, "standing": standing, "today": today},
    )


@org_view()
def dossier(request, ctx: OrgContext):
    """The application dossier as PDF: what an HR advisor sends with the application."""
    from recognition.rendering import dossier_pdf

    today = timezone.localdate()
    record_download(request, ctx, "application dossier (pdf)")
    return attachment(
        dossier_pdf(organisation=ctx.organisation, today=today),
        "application/pdf",
        f"erkenning-dossier-{ctx.organisation.slug}-{today.isoformat()}.pdf",
    )
