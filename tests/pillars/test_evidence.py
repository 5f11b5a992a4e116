"""Evidence files: checked by content and size, stored with the item, served to members only."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from pillars import services
from pillars.models import EvidenceFile, ItemProgress, ProgressChange


def url(name, org, **kwargs):
    return reverse(f"pillars:{name}", kwargs={"slug": org.slug, **kwargs})


def office_file(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def image(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format=image_format)
    return buffer.getvalue()


ALLOWED = {
    "verslag.pdf": (b"%PDF-1.7\n1 0 obj\n", "application/pdf"),
    "beleid.docx": (office_file("docx"), services.DOCX),
    "planning.xlsx": (office_file("xlsx"), services.XLSX),
    "poster.png": (image("PNG"), "image/png"),
    "foto.jpg": (image("JPEG"), "image/jpeg"),
}

REFUSED = {
    "virus.pdf": b"MZ\x90\x00 an executable dressed as a PDF",
    "pagina.docx": b"<html><script>alert(1)</script></html>",
    "archief.xlsx": office_file("other").replace(b"xl/workbook.xml", b"xx/other.xml"),
    "kapot.xlsx": b"PK\x03\x04 not really a zip",
    "tekening.svg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    # Images are opened to check their pixels: one that only starts like a JPEG is not one.
    "foto.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 32,
}


def upload(client, org, item, name, content):
    return client.post(
        url("evidence_upload", org, pk=item.pk),
        {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
        follow=True,
    )


@pytest.mark.parametrize("name", ALLOWED)
def test_allowed_types_are_stored_with_their_type_by_content(name, org_a, hr_client, plain_item):
    content, content_type = ALLOWED[name]
    upload(hr_client, org_a, plain_item, name, content)
    evidence = EvidenceFile.objects.get()
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        name,
        content_type,
        len(content),
    )
    assert evidence.file.read() == content
    assert name not in evidence.file.name  # stored under a random name
    history = ItemProgress.objects.get().changes.get().changes
    assert history == [{"field": "files", "old": "", "new": name}]


@pytest.mark.parametrize("name", REFUSED)
def test_a_wrong_content_type_is_refused_and_stores_nothing(
    name, org_a, hr_client, plain_item, settings
):
    response = upload(hr_client, org_a, plain_item, name, REFUSED[name])
    assert any("PDF" in str(m) for m in response.context["messages"])
    assert not EvidenceFile.objects.exists()
    assert not ItemProgress.objects.exists()
    assert not ProgressChange.objects.exists()
    evidence_dir = settings.MEDIA_ROOT / "evidence"
    assert not evidence_dir.exists() or not any(evidence_dir.rglob("*"))


def test_a_file_over_the_size_limit_is_refused_and_stores_nothing(
    org_a, hr_client, plain_item, settings
):
    settings.EVIDENCE_MAX_BYTES = 1000
    response = upload(hr_client, org_a, plain_item, "groot.pdf", b"%PDF-1.7" + b"0" * 2000)
    assert any("1000" in str(m) or "KB" in str(m) for m in response.context["messages"])
    assert not EvidenceFile.objects.exists()
    assert not (settings.MEDIA_ROOT / "evidence").exists()


def test_members_download_evidence_and_outsiders_get_404(
    org_a, hr_a, hr_client, manager_client, other_org_client, plain_item
):
    evidence = services.evidence_add(
        organisation=org_a,
        item=plain_item,
        by=hr_a,
        upload=SimpleUploadedFile("verslag.pdf", b"%PDF-1.7 verslag"),
    )
    download = url("evidence", org_a, pk=evidence.pk)
    response = manager_client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 verslag"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert other_org_client.get(download).status_code == 404
    # Not through another organisation's address either.
    foreign = reverse("pillars:evidence", kwargs={"slug": "zorggroep-beekdal", "pk": evidence.pk})
    assert other_org_client.get(foreign).status_code == 404


def test_office_files_download_as_attachments(org_a, hr_a, hr_client, plain_item):
    evidence = services.evidence_add(
        organisation=org_a,
        item=plain_item,
        by=hr_a,
        upload=SimpleUploadedFile("beleid.docx", office_file("docx")),
    )
    response = hr_client.get(url("evidence", org_a, pk=evidence.pk))
    assert response["Content-Disposition"].startswith("attachment;")


def test_hr_advisor_deletes_evidence_and_the_file_leaves_the_disk(
    org_a, hr_a, hr_client, plain_item, django_capture_on_commit_callbacks
):
    evidence = services.evidence_add(
        organisation=org_a,
        item=plain_item,
        by=hr_a,
        upload=SimpleUploadedFile("verslag.pdf", b"%PDF-1.7 verslag"),
    )
    path = evidence.file.path
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(url("evidence_delete", org_a, pk=evidence.pk))
    assert not EvidenceFile.objects.exists()
    assert not os.path.exists(path)
    assert ItemProgress.objects.get().changes.first().changes == [
        {"field": "files", "old": "verslag.pdf", "new": ""}
    ]


def test_manager_cannot_upload_or_delete(org_a, hr_a, manager_client, plain_item):
    response = manager_client.post(
        url("evidence_upload", org_a, pk=plain_item.pk),
        {"file": SimpleUploadedFile("verslag.pdf", b"%PDF-1.7")},
    )
    assert response.status_code == 403
    assert not EvidenceFile.objects.exists()
