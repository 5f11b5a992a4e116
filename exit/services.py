"""Leaving the platform: the full export, the deletion of an organisation, inactive members.

The export is written into a temporary file, one member after another, and evidence files are
copied from storage in chunks: a large organisation never lies in memory as a whole. Its member
names are fixed and ASCII; an evidence file's own name only ever appears cleaned (see
exit.tables.evidence_path_in_zip). Every member carries one fixed time, so the ZIP's content
depends only on the data.
"""

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from exit.models import OrganisationExport
from exit.tables import (
    evidence_files,
    evidence_path_in_zip,
    issued_letters,
    letter_path_in_zip,
    tables_for,
)
from programme.models import Membership, Organisation, Role
from programme.transfer import FIXED_TIME, write_csv, write_xlsx
from recognition.rendering import dossier_pdf
from support.models import SupportMembership

CHUNK = 1024 * 1024


class ExitError(Exception):
    """The step is refused; the message says why, for platform staff."""


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def export_file_name(organisation: Organisation, today: date) -> str:
    return f"export-{organisation.slug}-{today.isoformat()}.zip"


def write_export(organisation: Organisation, target, *, today: date) -> int:
    """Write the organisation's full export as a ZIP into the open binary file `target`, in the
    active language; return the number of files in it."""
    names: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, content: bytes) -> None:
            archive.writestr(_info(name), content)
            names.append(name)

        tables = tables_for(organisation, today=today)
        for table in tables:
            add(f"data/{table.name}.csv", write_csv(table.dataset))
            add(f"data/{table.name}.xlsx", write_xlsx(table.dataset, table.title))
        letters = issued_letters(organisation)
        for letter in letters:
            add(letter_path_in_zip(letter, "pdf"), bytes(letter.pdf))
            if letter.docx:
                add(letter_path_in_zip(letter, "docx"), bytes(letter.docx))
        add("dossier.pdf", dossier_pdf(organisation=organisation, today=today))
        evidence = evidence_files(organisation)
        for item in evidence:
            name = evidence_path_in_zip(item)
            with item.file.open("rb") as source, archive.open(_info(name), "w") as sink:
                shutil.copyfileobj(source, sink, CHUNK)
            names.append(name)
        if organisation.logo:
            extension = organisation.logo.name.rsplit(".", 1)[-1].lower()
            extension = extension if extension.isalnum() and len(extension) <= 5 else "img"
            with organisation.logo.open("rb") as source:
                add(f"logo.{extension}", source.read())
        readme = render_to_string(
            "exit/README.txt",
            {
                "organisation": organisation,
                "today": today,
                "tables": tables,
                "letters": letters,
                "evidence_count": len(evidence),
                "has_logo": bool(organisation.logo),
            },
        )
        add("README.txt", readme.replace("\n", "\r\n").encode("utf-8"))
    return len(names)


def export_organisation(*, organisation: Organisation, by, language: str | None = None):
    """Build the full export in a temporary file and record that it was made (when, by whom).

    Returns the open temporary file, positioned at its start; the caller streams and closes it.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    target = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that streams it)
    try:
        with translation.override(language or translation.get_language()):
            count = write_export(organisation, target, today=today)
        size = target.tell()
        target.seek(0)
        OrganisationExport.objects.create(
            organisation=organisation, made_by=by, made_at=now, file_count=count, size=size
        )
    except BaseException:
        target.close()
        raise
    return target


# --- Deletion by platform staff -----------------------------------------------------------------


def last_export(organisation: Organisation) -> OrganisationExport | None:
    return organisation.exports.order_by("-made_at", "-pk").first()


def deletion_refusal(organisation: Organisation, *, now=None) -> str | None:
    """Why the organisation may not be deleted yet, or None: it needs a full export made within
    EXIT_EXPORT_VALID_DAYS days (so that the organisation has its data, as it was lately)."""
    now = now or timezone.now()
    export = last_export(organisation)
    if export is None:
        return _("%(slug)s: no full export has been made; an HR advisor makes one first.") % {
            "slug": organisation.slug
        }
    days = settings.EXIT_EXPORT_VALID_DAYS
    if export.made_at < now - timedelta(days=days):
        return _(
            "%(slug)s: the last full export (%(day)s) is older than %(days)d days; an HR advisor "
            "makes a new one first."
        ) % {"slug": organisation.slug, "day": f"{export.made_at:%Y-%m-%d}", "days": days}
    return None


@dataclass(frozen=True)
class Deletion:
    organisation: str
    files: int
    users: int


def _stored_files(organisation: Organisation) -> list[tuple[object, str]]:
    files = [(e.file.storage, e.file.name) for e in evidence_files(organisation) if e.file]
    if organisation.logo:
        files.append((organisation.logo.storage, organisation.logo.name))
    return files


def _users_left_alone(organisation: Organisation) -> list[int]:
    """The members who are in no other organisation and no support organisation, and no staff."""
    ids = organisation.memberships.values_list("user_id", flat=True)
    elsewhere = Membership.objects.filter(user_id__in=ids).exclude(organisation=organisation)
    support = SupportMembership.objects.filter(user_id__in=ids)
    return list(
        User.objects.filter(pk__in=ids, is_staff=False, is_superuser=False)
        .exclude(pk__in=elsewhere.values("user_id"))
        .exclude(pk__in=support.values("user_id"))
        .values_list("pk", flat=True)
    )


def delete_organisation(*, organisation: Organisation, now=None) -> Deletion:
    """Delete the organisation with all its rows (through the database's cascade), its stored
    files (evidence, logo; the letters are stored in their rows) and the accounts of members who
    have nowhere else to go. Refused without a recent full export (deletion_refusal)."""
    refusal = deletion_refusal(organisation, now=now)
    if refusal:
        raise ExitError(refusal)
    files = _stored_files(organisation)
    with transaction.atomic():
        users = _users_left_alone(organisation)
        slug = organisation.slug
        organisation.delete()
        User.objects.filter(pk__in=users).delete()

        def remove_files():
            for storage, name in files:
                storage.delete(name)

        # Only once the rows are gone for good: a rolled-back deletion keeps its files.
        transaction.on_commit(remove_files)
    return Deletion(organisation=slug, files=len(files), users=len(users))


# --- Members who no longer log in ---------------------------------------------------------------


@dataclass(frozen=True)
class Deactivation:
    deactivated: list[str]
    # The last active HR advisor of an organisation is never deactivated: nobody else could
    # invite or reactivate anyone there. Listed for platform staff to follow up.
    kept_last_hr: list[str]


def _is_last_active_hr(user: User) -> bool:
    for membership in user.memberships.filter(role=Role.HR):
        others = Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.HR, user__is_active=True
        ).exclude(user=user)
        if not others.exists():
            return True
    return False


def deactivate_inactive_members(today: date) -> Deactivation:
    """Set is_active=False on members (of an organisation or a support organisation) who have
    not logged in for INACTIVE_MEMBER_DAYS days (never logged in: counted from when they joined).
    Staff are left alone; so is the last active HR advisor of an organisation."""
    days = settings.INACTIVE_MEMBER_DAYS
    tz = timezone.get_current_timezone()
    cutoff = timezone.make_aware(
        timezone.datetime.combine(today - timedelta(days=days), timezone.datetime.min.time()), tz
    )
    members = Q(memberships__isnull=False) | Q(pk__in=SupportMembership.objects.values("user_id"))
    candidates = (
        User.objects.filter(members, is_active=True, is_staff=False, is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .distinct()
        .order_by("email")
    )
    deactivated, kept = [], []
    with transaction.atomic():
        for user in candidates:
            if _is_last_active_hr(user):
                kept.append(user.email)
                continue
            user.is_active = False
            user.save(update_fields=["is_active"])
            deactivated.append(user.email)
    return Deactivation(deactivated=deactivated, kept_last_hr=kept)


def reactivate_member(*, user: User) -> User:
    """Let a deactivated member log in again (platform staff, or HR through member_reactivate)."""
    if not user.is_active:
        user.is_active = True
        # Counted afresh from now, or the next run would deactivate them again at once.
        user.last_login = timezone.now()
        user.save(update_fields=["is_active", "last_login"])
    return user
