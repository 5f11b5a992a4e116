"""Writes of the recognition app.

Status letters: compose a draft, save edits, issue it, copy it, delete a draft. The recognition
record and the public profile: save them, start the next recognition, publish the profile's draft
and unpublish it.

Each function does one thing in one transaction. A change to an issued letter raises
LetterIsIssued (the models refuse it too); a letter that cannot be issued yet raises
LetterNotReady with the reasons, which the view shows.
"""

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
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
    SectionKind,
    Signatory,
    StatusLetter,
)
from recognition.selectors import content_of, latest_letter, previous_issued_letter


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
    "your_reference",
    "occasion",
    "department",
    "handled_by",
    "phone",
    "email",
    "attachments",
    "complimentary_close",
    "sender",
    "campaign",
    "monitor_figures",
    "show_monitor_chart",
)
# The sender block, which a new letter takes over from the organisation's latest letter.
SENDER_FIELDS = ("department", "handled_by", "phone", "email")


@dataclass(frozen=True)
class NewSection:
    kind: str
    title: str
    body: str
    composed_title: str
    composed_body: str


def _letter_create(
    *,
    organisation: Organisation,
    fields: dict,
    sections: list[NewSection],
    signatories: list[tuple[str, str]],
) -> StatusLetter:
    """A new draft with its sections and signatories (name, role), in order."""
    with transaction.atomic():
        letter = StatusLetter.objects.create(organisation=organisation, **fields)
        # bulk_create skips the models' cleaning on save (programme.validation): clean here.
        LetterSection.objects.bulk_create(
            cleaned(
                LetterSection(
                    letter=letter,
                    kind=s.kind,
                    order=i,
                    title=s.title,
                    body=s.body,
                    composed_title=s.composed_title,
                    composed_body=s.composed_body,
                )
                for i, s in enumerate(sections)
            )
        )
        Signatory.objects.bulk_create(
            cleaned(
                Signatory(letter=letter, order=i, name=name, role=role)
                for i, (name, role) in enumerate(signatories)
            )
        )
    return letter


def occasion_after(previous: StatusLetter | None) -> str:
    """The occasion of a letter that follows up on `previous`, in the active language."""
    if previous is None:
        return ""
    values = {"date": date_format(previous.letter_date, "j F Y"), "reference": previous.reference}
    if previous.reference:
        return _("This letter follows up on our letter of %(date)s (reference %(reference)s).") % (
            values
        )
    return _("This letter follows up on our letter of %(date)s.") % values


def _sender_block(organisation: Organisation, by: User | None) -> dict:
    """Who handles a new letter: as on the organisation's latest letter, else the HR advisor who
    composes it (their name and address; the department and phone they fill in)."""
    latest = latest_letter(organisation=organisation)
    if latest is not None and any(getattr(latest, name) for name in SENDER_FIELDS):
        return {name: getattr(latest, name) for name in SENDER_FIELDS}
    if by is None:
        return {}
    return {"handled_by": by.full_name.strip(), "email": by.email}


def letter_compose(
    *,
    organisation: Organisation,
    year: int,
    language: str,
    today: date,
    by: User | None = None,
) -> StatusLetter:
    """A new draft letter about `year`, every text pre-filled from the programme's data, its
    occasion from the last issued letter and its sender block from the latest letter (or `by`)."""
    with translation.override(language):
        draft = letter_draft(organisation=organisation, year=year, today=today)
        occasion = occasion_after(previous_issued_letter(organisation=organisation, year=year))
    sender_block = _sender_block(organisation, by)
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
            "occasion": occasion,
            **sender_block,
        },
        sections=[NewSection(s.kind, s.title, s.body, s.title, s.body) for s in draft.sections],
        signatories=draft.signatories,
    )


def _locked_draft(letter: StatusLetter) -> StatusLetter:
    """The letter's row, locked for this transaction; raises when it has been issued meanwhile."""
    current = StatusLetter.objects.select_for_update().defer("pdf", "docx").get(pk=letter.pk)
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
    if not letter.reference.strip():
        problems.append(_("The letter has no reference (our reference)."))
    if not letter.handled_by.strip():
        problems.append(_("The sender block does not say who handles the letter."))
    if not letter.phone.strip() and not letter.email.strip():
        problems.append(_("The sender block needs a telephone number or an e-mail address."))
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
    """Freeze a draft: render its final PDF (PDF/A-2a) and DOCX, store the bytes of each with
    their SHA-256, mark it issued. Both are downloaded as stored from then on.

    `at` is the moment of issue (now, unless a demo or an import tells otherwise)."""
    # Imported here: WeasyPrint loads slowly and only issuing and downloads need it.
    from recognition.docx_export import letter_docx
    from recognition.rendering import letter_pdf

    with transaction.atomic():
        _locked_draft(letter)
        problems = issue_problems(letter)
        if problems:
            raise LetterNotReady(problems)
        letter.state = LetterState.ISSUED
        letter.issued_at = at or timezone.now()
        # The letter is dated the day it is sent, not the day it was composed.
        letter.letter_date = timezone.localdate(letter.issued_at)
        letter.issued_by = by
        pdf = letter_pdf(letter=letter)
        letter.pdf = pdf
        letter.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        docx = letter_docx(letter=letter)  # dated at the moment of issue
        letter.docx = docx
        letter.docx_sha256 = hashlib.sha256(docx).hexdigest()
        letter.save()
    return letter


def letter_docx_store(*, letter: StatusLetter) -> bytes:
    """The issued letter's stored DOCX; a letter issued before DOCX files were stored gets its
    DOCX rendered and stored now, once (its texts are frozen), and the same bytes ever after."""
    from recognition.docx_export import letter_docx

    if not letter.is_issued:
        raise ValueError("only an issued letter has a stored DOCX; a draft's is rendered live")
    with transaction.atomic():
        row = StatusLetter.objects.select_for_update().only("docx").get(pk=letter.pk)
        if row.docx is not None:
            return bytes(row.docx)
        docx = letter_docx(letter=letter)
        # Past save(), which refuses any change to an issued letter: this fills the one empty
        # field, and only while it is empty.
        StatusLetter.objects.filter(pk=letter.pk, docx__isnull=True).update(
            docx=docx, docx_sha256=hashlib.sha256(docx).hexdigest()
        )
    return docx


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
        sections=[
            NewSection(s.kind, s.title, s.body, s.composed_title, s.composed_body)
            for s in letter.sections.all()
        ],
        signatories=[(s.name, s.role) for s in letter.signatories.all()],
    )


# --- Composing a draft again -----------------------------------------------------------------


@dataclass(frozen=True)
class SectionPlan:
    """What composing again does to one section: the text now beside the freshly composed one."""

    kind: str
    label: str
    title: str
    body: str
    fresh_title: str
    fresh_body: str
    exists: bool  # the letter has this section
    composed: bool  # the composer still writes it
    edited: bool  # the HR advisor changed it since it was composed

    @property
    def changes(self) -> bool:
        return self.composed and (self.title, self.body) != (self.fresh_title, self.fresh_body)

    @property
    def asks(self) -> bool:
        """An edited section that would change: kept unless the HR advisor ticks it."""
        return self.exists and self.edited and self.changes

    @property
    def outcome(self) -> str:
        if not self.exists:
            return "added"
        if not self.changes:
            return "unchanged"
        return "ask" if self.edited else "replaced"

    @property
    def diff(self) -> list[tuple[str, str]]:
        """The lines that would go ("-") and come ("+"), the heading first."""
        lines = []
        if self.title != self.fresh_title:
            lines += [("-", self.title)] if self.title else []
            lines += [("+", self.fresh_title)] if self.fresh_title else []
        before = [line for line in self.body.splitlines() if line.strip()]
        after = [line for line in self.fresh_body.splitlines() if line.strip()]
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                lines += [("-", line) for line in before[i1:i2]]
                lines += [("+", line) for line in after[j1:j2]]
        return lines


def _fresh_draft(letter: StatusLetter, today: date):
    with translation.override(letter.language):
        return letter_draft(organisation=letter.organisation, year=letter.year, today=today)


def recompose_plan(*, letter: StatusLetter, today: date) -> list[SectionPlan]:
    """Per section, what composing the draft again from today's data would change."""
    with translation.override(letter.language):
        draft = _fresh_draft(letter, today)
        current = {s.kind: s for s in letter.sections.all()}
        fresh = {s.kind: s for s in draft.sections}
        plans = []
        for kind in _section_order(list(current), [s.kind for s in draft.sections]):
            now, new = current.get(kind), fresh.get(kind)
            plans.append(
                SectionPlan(
                    kind=kind,
                    label=str(now.get_kind_display() if now else SectionKind(kind).label),
                    title=now.title if now else "",
                    body=now.body if now else "",
                    fresh_title=new.title if new else "",
                    fresh_body=new.body if new else "",
                    exists=now is not None,
                    composed=new is not None,
                    edited=now is not None and now.is_edited,
                )
            )
    return plans


def _section_order(current: list[str], fresh: list[str]) -> list[str]:
    """The composer's order of sections; a section it no longer writes stays after the one it
    followed."""
    order = list(fresh)
    for i, kind in enumerate(current):
        if kind not in order:
            before = current[i - 1] if i else None
            order.insert(order.index(before) + 1 if before in order else 0, kind)
    return order


def letter_recompose(*, letter: StatusLetter, today: date, replace: Iterable[str] = ()) -> list:
    """Compose the draft again from today's data, section by section: an unedited section takes
    the new text, an edited one keeps the HR advisor's text unless its kind is in `replace`. The
    letter's own fields and signatories stay; its date becomes today's. The kinds replaced or
    added are returned."""
    replace = set(replace)
    with transaction.atomic():
        _locked_draft(letter)
        draft = _fresh_draft(letter, today)
        current = {s.kind: s for s in LetterSection.objects.filter(letter=letter)}
        fresh = {s.kind: s for s in draft.sections}
        order = _section_order(list(current), list(fresh))
        renewed = []
        for kind, new in fresh.items():
            section = current.get(kind)
            if section is None:
                section = LetterSection(letter=letter, kind=kind, order=order.index(kind))
            elif (section.title, section.body) == (new.title, new.body) or (
                section.is_edited and kind not in replace
            ):
                continue
            section.title = section.composed_title = new.title
            section.body = section.composed_body = new.body
            section.save()
            current[kind] = section
            renewed.append(kind)
        for kind, section in current.items():
            if section.order != order.index(kind):
                section.order = order.index(kind)
                section.save(update_fields=["order"])
        letter.letter_date = today
        fields = ["letter_date", "updated_at"]
        # The chart follows the monitor's text: new figures only with the new text.
        if SectionKind.MONITOR in renewed:
            letter.campaign = draft.campaign
            letter.monitor_figures = draft.monitor_figures
            fields += ["campaign", "monitor_figures"]
        letter.save(update_fields=fields)
    return renewed


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
