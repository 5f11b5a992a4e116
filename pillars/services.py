"""Writes of pillar progress: each in one transaction, each recorded in the item's history."""

import io
import zipfile
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from pillars.models import (
    ChecklistItem,
    EvidenceFile,
    ItemProgress,
    Pillar,
    ProgressChange,
    ProgressStatus,
)
from programme.images import image_check
from programme.models import Organisation
from programme.selectors import shift_years


class PillarsError(Exception):
    """A domain rule refused the change; the message is for the user."""


# Fields whose changes the history records, in the order it shows them.
TRACKED_FIELDS = [
    "status",
    "not_applicable_reason",
    "responsible_member",
    "responsible_contact",
    "due_date",
    "completed_date",
    "evidence_text",
    "evidence_url",
    "notes",
]


def _shown(progress: ItemProgress, name: str) -> str:
    """A field's value as the history keeps it: keys for choices, names for people, ISO dates."""
    value = getattr(progress, name)
    if value is None:
        return ""
    if name == "responsible_member":
        return value.user.display_name
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _snapshot(progress: ItemProgress) -> dict[str, str]:
    return {name: _shown(progress, name) for name in TRACKED_FIELDS}


def _record(progress: ItemProgress, by, before: dict[str, str], extra: list[dict] = ()) -> None:
    after = _snapshot(progress)
    changes = [
        {"field": name, "old": before[name], "new": after[name]}
        for name in TRACKED_FIELDS
        if before[name] != after[name]
    ] + list(extra)
    if changes:
        ProgressChange.objects.create(progress=progress, changed_by=by, changes=changes)


def progress_for_update(*, organisation: Organisation, item: ChecklistItem) -> ItemProgress:
    """The organisation's progress row on an item, created (open) when first needed, locked."""
    progress, _created = ItemProgress.objects.select_for_update().get_or_create(
        organisation=organisation, item=item
    )
    return progress


def next_yearly_due_date(
    *, item: ChecklistItem, completed: date, previous_due: date | None
) -> date:
    """When a completed yearly moment is due again: its fixed day next year, or a year on."""
    fixed = item.yearly_moment(completed.year + 1)
    if fixed:
        return fixed
    return shift_years(previous_due or completed, 1)


def _apply_rules(progress: ItemProgress, before: dict[str, str], today: date) -> None:
    """The rules of a progress row that hold whoever changes it and however."""
    if progress.status == ProgressStatus.NOT_APPLICABLE and not progress.not_applicable_reason:
        raise PillarsError(_("Give a reason why the item does not apply."))
    if progress.status != ProgressStatus.NOT_APPLICABLE:
        progress.not_applicable_reason = ""
    became_done = progress.status == ProgressStatus.DONE and before["status"] != ProgressStatus.DONE
    if progress.status != ProgressStatus.DONE:
        progress.completed_date = None
    elif not progress.completed_date:
        progress.completed_date = today
    if became_done and progress.item.recurs_yearly:
        previous = progress.due_date
        progress.due_date = next_yearly_due_date(
            item=progress.item, completed=progress.completed_date, previous_due=previous
        )


@transaction.atomic
def progress_update(
    *, organisation: Organisation, item: ChecklistItem, by, fields: dict, today: date
) -> ItemProgress:
    """Change an item's progress; a yearly moment that is completed rolls over to next year."""
    progress = progress_for_update(organisation=organisation, item=item)
    before = _snapshot(progress)
    actions = fields.pop("actions", None)
    for name, value in fields.items():
        setattr(progress, name, value)
    _apply_rules(progress, before, today)
    progress.save()
    extra = []
    if actions is not None:
        old_titles = sorted(a.title for a in progress.actions.all())
        progress.actions.set(actions)
        new_titles = sorted(a.title for a in actions)
        if old_titles != new_titles:
            extra.append(
                {"field": "actions", "old": ", ".join(old_titles), "new": ", ".join(new_titles)}
            )
    _record(progress, by, before, extra)
    return progress


def progress_set_status(
    *,
    organisation: Organisation,
    item: ChecklistItem,
    status: str,
    by,
    today: date,
    reason: str = "",
) -> ItemProgress:
    """Change only the status, as the checklist does in place."""
    fields = {"status": status}
    if status == ProgressStatus.NOT_APPLICABLE:
        fields["not_applicable_reason"] = reason
    return progress_update(organisation=organisation, item=item, by=by, fields=fields, today=today)


# --- Evidence files -----------------------------------------------------------------------------

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"


def evidence_content_type(head: bytes, read_all) -> str | None:
    """The type of an evidence file judged by its bytes (never by its name); None if not allowed."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(read_all())).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    return None


def check_evidence_upload(upload: UploadedFile) -> str:
    """Refuse a file that is too large or not a PDF, DOCX, XLSX, PNG or JPEG; return its type."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise PillarsError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES),
            }
        )
    upload.seek(0)
    head = upload.read(16)

    def read_all() -> bytes:
        upload.seek(0)
        return upload.read()

    content_type = evidence_content_type(head, read_all)
    upload.seek(0)
    if content_type in (PNG, JPEG):
        # A few bytes can declare billions of pixels; whoever opens it would pay (programme.images).
        try:
            image_check(upload)
        except ValidationError as error:
            if error.code != "image_unreadable":
                raise PillarsError(" ".join(error.messages)) from None
            content_type = None  # it only starts like an image
    if content_type is None:
        raise PillarsError(
            _("Only PDF, Word (DOCX), Excel (XLSX), PNG and JPEG files can be added as evidence.")
        )
    return content_type


@transaction.atomic
def evidence_add(
    *, organisation: Organisation, item: ChecklistItem, upload: UploadedFile, by
) -> EvidenceFile:
    """Store an evidence file with the item, after checking its size and type by content."""
    content_type = check_evidence_upload(upload)
    progress = progress_for_update(organisation=organisation, item=item)
    name = upload.name.rsplit("/", 1)[-1][:255]
    evidence = EvidenceFile(
        progress=progress,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    before = _snapshot(progress)
    _record(progress, by, before, [{"field": "files", "old": "", "new": name}])
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: EvidenceFile, by) -> None:
    """Delete an evidence file, from the disk too once the transaction has committed."""
    progress = evidence.progress
    name = evidence.original_name
    storage, path = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(path))
    before = _snapshot(progress)
    _record(progress, by, before, [{"field": "files", "old": name, "new": ""}])


# --- The organisation's own items ---------------------------------------------------------------


@transaction.atomic
def item_add_own(
    *,
    organisation: Organisation,
    pillar: Pillar,
    text: str,
    guidance: str,
    counts_for_recognition: bool,
    recurs_yearly: bool = False,
) -> ChecklistItem:
    """Add an item of the organisation's own to a pillar, after the standard ones."""
    last = pillar.items.order_by("-order").values_list("order", flat=True).first() or 0
    return ChecklistItem.objects.create(
        pillar=pillar,
        organisation=organisation,
        text=text,
        guidance=guidance,
        counts_for_recognition=counts_for_recognition,
        recurs_yearly=recurs_yearly,
        order=last + 10,
    )
