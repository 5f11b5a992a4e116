"""Writes of the recognition app.

Status letters: compose a draft, save edits, issue it, copy it, delete a draft. The recognition
record and the public profile: save them, start the next recognition, publish the profile's draft
and unpublish it.

Each function does one thing in one transaction. A change to an issued letter raises
LetterIsIssued (the models refuse it too); a letter that cannot be issued yet raises
LetterNotReady with the reasons, which the view shows.
"""

import hashlib
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from programme.models import Organisation
from programme.validation import cleaned
from recognition.compose import letter_draft
from recognition.models import (
    GRANTED_STATUSES,
    MIN_SIGNATORIES,
    LetterIsIssued,
    LetterSection,
    LetterState,
    PublicProfile,
    Recognition,
    RecognitionStatus,
    Signatory,
    StatusLetter,
)
from recognition.selectors import content_of


class LetterNotReady(Exception):
    """The letter lacks something it needs before it can be issued."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(str(r) for r in reasons))
        self.reasons = reasons


# The fields a letter's text consists of; a copy takes them over as they are.
TEXT_FIELDS = (
    "year",
    "language",
    "subject",
    "addressee",
    "salutation",
    "reference",
    "complimentary_close",
    "sender",
    "campaign",
    "monitor_figures",
    "show_monitor_chart",
)


def _letter_create(
    *,
    organisation: Organisation,
    fields: dict,
    sections: list[tuple[str, str, str]],
    signatories: list[tuple[str, str]],
) -> StatusLetter:
    """A new draft with its sections (kind, title, body) and signatories (name, role), in order."""
    with transaction.atomic():
        letter = StatusLetter.objects.create(organisation=organisation, **fields)
        # bulk_create skips the models' cleaning on save (programme.validation): clean here.
        LetterSection.objects.bulk_create(
            cleaned(
                LetterSection(letter=letter, kind=kind, order=i, title=title, body=body)
                for i, (kind, title, body) in enumerate(sections)
            )
        )
        Signatory.objects.bulk_create(
            cleaned(
                Signatory(letter=letter, order=i, name=name, role=role)
                for i, (name, role) in enumerate(signatories)
            )
        )
    return letter


def letter_compose(
    *, organisation: Organisation, year: int, language: str, today: date
) -> StatusLetter:
    """A new draft letter about `year`, every text pre-filled from the programme's data."""
    with translation.override(language):
        draft = letter_draft(organisation=organisation, year=year, today=today)
    return _letter_create(
        organisation=organisation,
        fields={
            "year": year,
            "language": language,
            "subject": draft.subject,
            "addressee": draft.addressee,
            "salutation": draft.salutation,
            "letter_date": today,
            "complimentary_close": draft.complimentary_close,
            "sender": draft.sender,
            "campaign": draft.campaign,
            "monitor_figures": draft.monitor_figures,
        },
        sections=[(s.kind, s.title, s.body) for s in draft.sections],
        signatories=draft.signatories,
    )


def _locked_draft(letter: StatusLetter) -> StatusLetter:
    """The letter's row, locked for this transaction; raises when it has been issued meanwhile."""
    current = StatusLetter.objects.select_for_update().defer("pdf").get(pk=letter.pk)
    if current.is_issued:
        raise LetterIsIssued(f"status letter {letter.pk} has been issued")
    return current


def letter_update(
    *,
    letter: StatusLetter,
    fields: dict,
    sections: dict[int, dict],
    signatories: list[tuple[str, str]],
) -> StatusLetter:
    """Save a draft's edited fields, section texts (by section pk) and signatories."""
    with transaction.atomic():
        _locked_draft(letter)
        for name, value in fields.items():
            setattr(letter, name, value)
        letter.save()
        for section in letter.sections.all():
            if section.pk in sections:
                section.title = sections[section.pk]["title"]
                section.body = sections[section.pk]["body"]
                section.save(update_fields=["title", "body"])
        letter.signatories.all().delete()
        rows = list(
            cleaned(
                Signatory(letter=letter, order=i, name=name.strip(), role=role.strip())
                for i, (name, role) in enumerate(signatories)
            )
        )
        # bulk_create skips the model's checks: a signatory needs both a name and a role.
        for row in rows:
            row.full_clean(exclude=["letter"])
        Signatory.objects.bulk_create(rows)
    return letter


def issue_problems(letter: StatusLetter) -> list:
    """Why the letter cannot be issued yet; empty when it can."""
    problems = []
    signed = [s for s in letter.signatories.all() if s.name.strip() and s.role.strip()]
    if len(signed) < MIN_SIGNATORIES:
        problems.append(
            _("The letter needs at least %(count)s signatories with a name and a role.")
            % {"count": MIN_SIGNATORIES}
        )
    if any(not s.name.strip() or not s.role.strip() for s in letter.signatories.all()):
        problems.append(_("Every signatory needs both a name and a role."))
    if not any(section.body.strip() for section in letter.sections.all()):
        problems.append(_("The letter has no text."))
    return problems


def letter_issue(*, letter: StatusLetter, by: User, at: datetime | None = None) -> StatusLetter:
    """Freeze a draft: render its final PDF, store the bytes and their SHA-256, mark it issued.

    `at` is the moment of issue (now, unless a demo or an import tells otherwise)."""
    # Imported here: WeasyPrint loads slowly and only issuing and downloads need it.
    from recognition.rendering import letter_pdf

    with transaction.atomic():
        _locked_draft(letter)
        problems = issue_problems(letter)
        if problems:
            raise LetterNotReady(problems)
        letter.state = LetterState.ISSUED
        letter.issued_at = at or timezone.now()
        letter.issued_by = by
        pdf = letter_pdf(letter=letter)
        letter.pdf = pdf
        letter.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        letter.save()
    return letter


def letter_copy(*, letter: StatusLetter, today: date) -> StatusLetter:
    """A new draft with the letter's texts and signatories, dated today: how an issued letter is
    corrected."""
    return _letter_create(
        organisation=letter.organisation,
        fields={
            **{name: getattr(letter, name) for name in TEXT_FIELDS},
            "letter_date": today,
            "copied_from": letter,
        },
        sections=[(s.kind, s.title, s.body) for s in letter.sections.all()],
        signatories=[(s.name, s.role) for s in letter.signatories.all()],
    )


def letter_delete(*, letter: StatusLetter) -> None:
    """Delete a draft; an issued letter stays for good."""
    with transaction.atomic():
        _locked_draft(letter)
        letter.delete()


# --- The recognition record and the public profile ----------------------------------------


class RecognitionError(Exception):
    """A change to the recognition records that cannot be made; the message says why."""


def recognition_save(*, organisation: Organisation, fields: dict) -> Recognition:
    """Save the current recognition record, making the first one when there is none."""
    with transaction.atomic():
        records = list(organisation.recognitions.select_for_update().order_by("-created_at", "-pk"))
        recognition = records[0] if records else Recognition(organisation=organisation)
        for name, value in fields.items():
            setattr(recognition, name, value)
        recognition.full_clean()
        # A renewal follows the recognition it renews: it cannot be granted before it.
        earlier = [r.granted_on for r in records[1:] if r.granted_on]
        if recognition.granted_on and earlier and recognition.granted_on <= max(earlier):
            raise ValidationError(
                {
                    "granted_on": _(
                        "A renewal is granted after the recognition it renews (granted on "
                        "%(date)s)."
                    )
                    % {"date": date_format(max(earlier), "j F Y")}
                }
            )
        recognition.save()
    return recognition


def recognition_start_next(*, organisation: Organisation) -> Recognition:
    """Start preparing the next recognition (a renewal).

    The granted record stays as it is: the selectors keep it in force until the renewal is
    granted or its valid-until date passes. Only a granted or expired record can be renewed, and
    one renewal at a time."""
    with transaction.atomic():
        latest = (
            organisation.recognitions.select_for_update().order_by("-created_at", "-pk").first()
        )
        if latest is None:
            raise RecognitionError(_("There is no recognition to renew yet."))
        if latest.status not in GRANTED_STATUSES:
            raise RecognitionError(
                _("The next recognition is already under way: its record is “%(status)s”.")
                % {"status": latest.get_status_display()}
            )
        return Recognition.objects.create(
            organisation=organisation, status=RecognitionStatus.PREPARING
        )


def profile_save(
    *, organisation: Organisation, fields: dict, actions: list, partners: list
) -> PublicProfile:
    """Save the public profile's draft: its texts and choices; only the organisation's own actions
    and partners can be chosen. The public page changes only when the draft is published."""
    foreign = [a for a in actions if a.organisation_id != organisation.pk] + [
        p for p in partners if p.organisation_id != organisation.pk
    ]
    if foreign:
        raise ValueError("a public profile shows only its organisation's own actions and partners")
    with transaction.atomic():
        profile, _created = PublicProfile.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.full_clean(exclude=["organisation"])
        profile.save()
        profile.actions.set(actions)
        profile.partners.set(partners)
    return profile


def profile_publish(*, organisation: Organisation, publish: bool, today: date) -> PublicProfile:
    """Publish the draft as it is now (the public sees this copy until the next publishing), or
    take the profile offline again."""
    with transaction.atomic():
        profile, _created = PublicProfile.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        profile.is_published = publish
        profile.published_on = today if publish else None
        profile.published_content = content_of(profile) if publish else {}
        profile.save(
            update_fields=["is_published", "published_on", "published_content", "updated_at"]
        )
    return profile
