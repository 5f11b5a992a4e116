"""PDFs of the recognition app (the status letter, the managers' progress report, the dossier),
and the one way any other document is rendered to PDF (the support organisation's report).

WeasyPrint renders them from HTML templates with their own print stylesheet. It never reaches
the network: its URL fetcher serves only the project's own static files and the organisation's
logo from media storage, and refuses every other address.
"""

import io
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils._os import safe_join

from programme.models import Organisation
from recognition.document import letter_document
from recognition.models import StatusLetter

# The address the templates' relative URLs resolve against: a name that exists nowhere, so that
# nothing could be fetched from it even if a request got out.
BASE_URL = "https://pdf.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")
MEDIA_PREFIX = BASE_URL + settings.MEDIA_URL.lstrip("/")


def _static_file(name: str) -> Path | None:
    """A static file by name: from the source folders, else (hashed names) from STATIC_ROOT."""
    try:
        found = finders.find(name)
        if found:
            return Path(found)
        if settings.STATIC_ROOT:
            path = Path(safe_join(settings.STATIC_ROOT, name))
            return path if path.is_file() else None
    except (SuspiciousFileOperation, ValueError):
        pass  # a name that climbs out of the static folders
    return None


def project_url_fetcher(*, media_names: frozenset[str] = frozenset()):
    """A WeasyPrint URL fetcher for the project's static files and the given media files only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            data = None
            if url.startswith(STATIC_PREFIX):
                path = _static_file(url[len(STATIC_PREFIX) :].split("?")[0])
                data = path.read_bytes() if path else None
            elif url.startswith(MEDIA_PREFIX):
                name = url[len(MEDIA_PREFIX) :]
                if name in media_names:
                    with default_storage.open(name, "rb") as file:
                        data = file.read()
            if data is None:
                raise ValueError(f"refused to fetch {url!r}: not one of the project's files")
            content_type = mimetypes.guess_type(url)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=data, headers={"Content-Type": content_type})

    return ProjectFileFetcher()


def _logo_name(organisation: Organisation) -> str:
    """The logo's storage name, or "" when there is none or its file is gone."""
    logo = organisation.logo
    if not logo or not default_storage.exists(logo.name):
        return ""
    return logo.name


# The letter is archived: PDF/A-2a is tagged (as PDF/UA asks), carries its language and embeds
# every font and an sRGB output intent, so that it reads the same in decades. WeasyPrint writes
# one identification per PDF; the other documents stay PDF/UA-1, and the dossier must: PDF/A-2
# admits only PDF/A files as attachments, which uploaded evidence rarely is.
LETTER_VARIANT = "pdf/a-2a"
DOCUMENT_VARIANT = "pdf/ua-1"


def render_pdf(
    *,
    template: str,
    context: dict,
    organisation: Organisation | None,
    variant: str = DOCUMENT_VARIANT,
    attachments: list | None = None,
) -> bytes:
    """Render a template to a tagged PDF (PDF/UA-1 unless told) with the restricted fetcher.

    `organisation` gives the logo; a document of a support organisation (which has none) passes
    None and the fetcher serves no media file at all."""
    from weasyprint import HTML

    logo = _logo_name(organisation) if organisation is not None else ""
    html = render_to_string(template, {**context, "logo_url": logo and f"/media/{logo}"})
    fetcher = project_url_fetcher(media_names=frozenset({logo} if logo else ()))
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=variant, attachments=attachments or None
    )


def letter_pdf(*, letter: StatusLetter) -> bytes:
    """The letter as PDF, in its own language; a draft says CONCEPT on every page."""
    with translation.override(letter.language):
        document = letter_document(letter)
        return render_pdf(
            template="recognition/letter_pdf.html",
            context={"document": document, "letter": letter},
            organisation=letter.organisation,
            variant=LETTER_VARIANT,  # a draft too: what HR previews is what is archived
        )


def progress_report_pdf(*, organisation: Organisation, today) -> bytes:
    """The managers' one-page progress report as PDF, in the language of the request."""
    from recognition.report import progress_report

    return render_pdf(
        template="recognition/progress_report_pdf.html",
        context={"report": progress_report(organisation=organisation, today=today)},
        organisation=organisation,
    )


# The evidence PDFs the dossier carries inside it, altogether: each file may be 10 MB
# (EVIDENCE_MAX_BYTES), and a dossier of hundreds of megabytes is neither rendered in one request
# nor sent by e-mail. A file beyond it is listed with a note and downloaded from the app.
DOSSIER_ATTACHMENTS_MAX_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class EvidenceEntry:
    name: str
    item: str
    pillar: str
    uploaded_on: object  # a date
    is_pdf: bool
    is_attached: bool
    too_large: bool = False  # a PDF left out because the dossier's attachments are full


def _evidence_for_dossier(organisation: Organisation) -> tuple[list[EvidenceEntry], list]:
    """Every evidence file as the dossier lists it, and the PDFs among them as attachments, in
    the order listed, within DOSSIER_ATTACHMENTS_MAX_BYTES. A file gone from storage is listed
    but not attached."""
    from django.utils import timezone
    from weasyprint import Attachment

    from pillars.selectors import evidence_files_of
    from pillars.services import PDF as PDF_TYPE  # the type the upload found by content

    entries, attachments, budget = [], [], DOSSIER_ATTACHMENTS_MAX_BYTES
    for evidence in evidence_files_of(organisation=organisation):
        item = evidence.progress.item
        is_pdf = evidence.content_type == PDF_TYPE
        fits = is_pdf and evidence.size <= budget
        data = None
        if fits:
            try:
                with evidence.file.open("rb") as file:
                    data = file.read()
            except OSError:
                pass  # listed without its attachment rather than no dossier at all
        attached = data is not None and data.startswith(b"%PDF-")
        if attached:
            budget -= len(data)
            attachments.append(
                Attachment(
                    file_obj=io.BytesIO(data),
                    name=evidence.original_name,
                    description=item.display_text,
                    created=evidence.uploaded_at,
                    modified=evidence.uploaded_at,
                )
            )
        entries.append(
            EvidenceEntry(
                name=evidence.original_name,
                item=item.display_text,
                pillar=item.pillar.name,
                uploaded_on=timezone.localdate(evidence.uploaded_at),
                is_pdf=is_pdf,
                is_attached=attached,
                too_large=is_pdf and not fits,
            )
        )
    return entries, attachments


def dossier_pdf(*, organisation: Organisation, today) -> bytes:
    """The application dossier: per pillar its items and evidence, every evidence file (the PDFs
    attached), each criterion's state, the regulations in full and the latest monitor's
    published figures; what is missing when not ready."""
    from monitor.snapshots import latest_summary_for
    from programme.selectors import regulations_of
    from recognition.readiness import readiness_for
    from recognition.report import monitor_headlines
    from recognition.selectors import recognition_standing

    summary = latest_summary_for(organisation=organisation, today=today)
    standing = recognition_standing(organisation=organisation, today=today)
    evidence, attachments = _evidence_for_dossier(organisation)
    return render_pdf(
        template="recognition/dossier_pdf.html",
        context={
            "organisation": organisation,
            "today": today,
            "renewal": standing.is_renewal,
            "readiness": readiness_for(organisation=organisation, today=today),
            "regulations": list(regulations_of(organisation=organisation)),
            "monitor": summary,
            "headlines": monitor_headlines(summary),
            "evidence": evidence,
            "attachments_limit": DOSSIER_ATTACHMENTS_MAX_BYTES,
        },
        organisation=organisation,
        attachments=attachments,
    )
