"""The status letters: list, compose, edit, compose again, preview, issue, copy, delete and
download.

Drafts are the HR advisors' working documents: other members see issued letters only (403 on a
draft, since they know the organisation already). An issued letter is served from its stored
bytes, never rendered again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.reauth import recent_sign_in_required
from audit import record_download
from programme.scoping import OrgContext, org_view
from recognition import selectors, services
from recognition.access import letter_for
from recognition.document import letter_document
from recognition.forms import LetterEditForm, LetterNewForm, LetterRecomposeForm
from recognition.models import LetterIsIssued, StatusLetter
from recognition.views.downloads import attachment

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _readable_letter(ctx: OrgContext, pk: int) -> StatusLetter:
    """A letter the member may read: any letter for HR, an issued one for everyone else."""
    letter = letter_for(ctx, pk)
    if not letter.is_issued and not ctx.is_hr:
        raise PermissionDenied
    return letter


def _refuse_issued(request, ctx: OrgContext, letter: StatusLetter):
    messages.error(
        request,
        _(
            "This letter has been issued and can no longer be changed. "
            "Start a new letter from a copy."
        ),
    )
    return redirect("recognition:letter_detail", slug=ctx.organisation.slug, pk=letter.pk)


def _file_name(letter: StatusLetter, extension: str) -> str:
    state = "" if letter.is_issued else "-concept"
    return f"{slugify(letter.subject)[:80] or 'brief'}{state}.{extension}"


@org_view(followers=True)
def letter_list(request, ctx: OrgContext):
    letters = selectors.letters_for(organisation=ctx.organisation, include_drafts=ctx.is_hr)
    return render(request, "recognition/letter_list.html", {"ctx": ctx, "letters": letters})


@org_view(hr_only=True)
def letter_create(request, ctx: OrgContext):
    today = timezone.localdate()
    form = LetterNewForm(
        request.POST or None,
        initial={"year": today.year, "language": translation.get_language()},
        organisation=ctx.organisation,
    )
    if request.method == "POST" and form.is_valid():
        letter = services.letter_compose(
            organisation=ctx.organisation,
            year=form.cleaned_data["year"],
            language=form.cleaned_data["language"],
            today=today,
            by=request.user,
        )
        messages.success(
            request,
            _(
                "The letter has been composed from the programme's data. "
                "Check and edit each section."
            ),
        )
        return redirect("recognition:letter_edit", slug=ctx.organisation.slug, pk=letter.pk)
    drafts = selectors.drafts_of(organisation=ctx.organisation)
    return render(
        request, "recognition/letter_new.html", {"ctx": ctx, "form": form, "drafts": drafts}
    )


@org_view(followers=True)
def letter_detail(request, ctx: OrgContext, pk: int):
    """The preview: the letter as it will be printed, with what can be done with it."""
    letter = _readable_letter(ctx, pk)
    with translation.override(letter.language):
        document = letter_document(letter)
    logo_url = ""
    if ctx.organisation.logo:
        logo_url = reverse("programme:organisation_logo", kwargs={"slug": ctx.organisation.slug})
    return render(
        request,
        "recognition/letter_detail.html",
        {
            "ctx": ctx,
            "letter": letter,
            "document": document,
            "logo_url": logo_url,
            "problems": [] if letter.is_issued else services.issue_problems(letter),
            "other_drafts": [] if letter.is_issued else _other_drafts(letter),
            "dutch_only": selectors.dutch_only_texts(letter=letter),
        },
    )


def _other_drafts(letter: StatusLetter) -> list[StatusLetter]:
    return selectors.other_drafts(
        organisation=letter.organisation, year=letter.year, exclude=letter
    )


@org_view(hr_only=True)
def letter_edit(request, ctx: OrgContext, pk: int):
    letter = letter_for(ctx, pk)
    if letter.is_issued:
        return _refuse_issued(request, ctx, letter)
    form = LetterEditForm(request.POST or None, instance=letter)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_update(
                letter=letter,
                fields=form.letter_fields(),
                sections=form.section_texts(),
                signatories=form.signatory_rows(),
            )
        except LetterIsIssued:
            return _refuse_issued(request, ctx, letter)
        messages.success(request, _("The letter has been saved."))
        return redirect("recognition:letter_detail", slug=ctx.organisation.slug, pk=letter.pk)
    return render(
        request,
        "recognition/letter_form.html",
        {
            "ctx": ctx,
            "form": form,
            "letter": letter,
            "dutch_only": selectors.dutch_only_texts(letter=letter),
        },
    )


@org_view(hr_only=True)
def letter_recompose(request, ctx: OrgContext, pk: int):
    """Compose a draft again from today's data: per section the text now beside the new one;
    edited sections stay unless ticked."""
    letter = letter_for(ctx, pk)
    if letter.is_issued:
        return _refuse_issued(request, ctx, letter)
    today = timezone.localdate()
    plans = services.recompose_plan(letter=letter, today=today)
    form = LetterRecomposeForm(request.POST if request.method == "POST" else None, plans=plans)
    if request.method == "POST" and form.is_valid():
        try:
            renewed = services.letter_recompose(
                letter=letter, today=today, replace=form.kinds_to_replace()
            )
        except LetterIsIssued:
            return _refuse_issued(request, ctx, letter)
        if renewed:
            messages.success(
                request,
                ngettext(
                    "The letter has been composed again: %(count)s section has new text.",
                    "The letter has been composed again: %(count)s sections have new text.",
                    len(renewed),
                )
                % {"count": len(renewed)},
            )
        else:
            messages.info(request, _("The letter has been composed again; no text changed."))
        return redirect("recognition:letter_detail", slug=ctx.organisation.slug, pk=letter.pk)
    return render(
        request,
        "recognition/letter_recompose.html",
        {
            "ctx": ctx,
            "form": form,
            "letter": letter,
            "today": today,
            "other_drafts": _other_drafts(letter),
        },
    )


@org_view(hr_only=True)
@recent_sign_in_required  # an issued letter cannot be taken back
def letter_issue(request, ctx: OrgContext, pk: int):
    letter = letter_for(ctx, pk)
    if letter.is_issued:
        return _refuse_issued(request, ctx, letter)
    problems = services.issue_problems(letter)
    if request.method == "POST" and not problems:
        try:
            services.letter_issue(letter=letter, by=request.user)
        except LetterIsIssued:
            return _refuse_issued(request, ctx, letter)
        except services.LetterNotReady as error:
            problems = error.reasons
        else:
            messages.success(
                request,
                _("The letter has been issued. Its PDF is stored and will not change."),
            )
            return redirect("recognition:letter_detail", slug=ctx.organisation.slug, pk=letter.pk)
    return render(
        request,
        "recognition/letter_issue.html",
        {"ctx": ctx, "letter": letter, "problems": problems},
        status=400 if request.method == "POST" else 200,
    )


@org_view(hr_only=True)
@require_POST
def letter_copy(request, ctx: OrgContext, pk: int):
    letter = letter_for(ctx, pk)
    copy = services.letter_copy(letter=letter, today=timezone.localdate())
    messages.success(request, _("A new draft has been made from a copy of the letter."))
    return redirect("recognition:letter_edit", slug=ctx.organisation.slug, pk=copy.pk)


@org_view(hr_only=True)
def letter_delete(request, ctx: OrgContext, pk: int):
    letter = letter_for(ctx, pk)
    if letter.is_issued:
        return _refuse_issued(request, ctx, letter)
    if request.method == "POST":
        services.letter_delete(letter=letter)
        messages.success(request, _("The draft has been deleted."))
        return redirect("recognition:letter_list", slug=ctx.organisation.slug)
    return render(request, "recognition/letter_delete.html", {"ctx": ctx, "letter": letter})


@org_view(followers=True)
def letter_pdf(request, ctx: OrgContext, pk: int):
    """An issued letter's stored PDF; a draft's PDF rendered now, marked as draft."""
    letter = _readable_letter(ctx, pk)
    if letter.is_issued:
        content = selectors.issued_pdf_of(letter=letter)
    else:
        from recognition.rendering import letter_pdf as render_letter_pdf

        content = render_letter_pdf(letter=letter)
    record_download(request, ctx, "letter (pdf)", letter)
    return attachment(content, "application/pdf", _file_name(letter, "pdf"))


@org_view(followers=True)
def letter_docx(request, ctx: OrgContext, pk: int):
    """The letter as a Word document, for councils that put it into their own template: an
    issued letter's as stored at issue; a draft's rendered now, marked as draft."""
    letter = _readable_letter(ctx, pk)
    if letter.is_issued:
        content = services.letter_docx_store(letter=letter)
    else:
        from recognition.docx_export import letter_docx as build_docx

        content = build_docx(letter=letter)
    record_download(request, ctx, "letter (docx)", letter)
    return attachment(content, DOCX_TYPE, _file_name(letter, "docx"))
