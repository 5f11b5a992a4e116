# ruff: noqa: F811 (the fixtures imported below are used as test arguments)
"""Files in object storage: with the S3_* variables set, evidence and logos live in a private bucket
and are read back through the storage API only, by the permission-checked views and by
WeasyPrint's fetcher. The endpoint is real: moto's S3 server on loopback (tests/s3_server.py)."""

import hashlib
import io
import os
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from config import settings as settings_module
from config.settings import s3_storage_from_env
from config.storage import PrivateS3Storage
from pillars.models import EvidenceFile
from recognition import services
from recognition.rendering import letter_pdf, progress_report_pdf
from tests.pillars.conftest import borgen, plain_item  # noqa: F401 (fixtures)
from tests.programme.test_organisation import DETAILS
from tests.recognition.conftest import draft, year_of_work  # noqa: F401 (fixtures)
from tests.s3_server import s3_bucket, s3_endpoint, s3_env  # noqa: F401 (fixtures)

REPORT = b"%PDF-1.7 jaarverslag mantelzorg"
LOGO_SIZE = (400, 200)


def logo_png(size=LOGO_SIZE) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "purple").save(buffer, format="PNG")
    return buffer.getvalue()


def programme_url(name, org):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug})


def upload_logo(client, org) -> None:
    logo = SimpleUploadedFile("logo.png", logo_png(), content_type="image/png")
    response = client.post(programme_url("organisation_edit", org), {**DETAILS, "logo": logo})
    assert response.status_code == 302
    org.refresh_from_db()


def embedded_image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [image.image.size for page in reader.pages for image in page.images]


def anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# --- Settings -----------------------------------------------------------------------------------


def test_without_a_bucket_the_local_folder_stays_the_default(settings, monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert s3_storage_from_env() is None
    assert settings.STORAGES["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_the_settings_make_a_private_s3_storage_from_the_variables(s3_bucket):
    storage = storages["default"]
    assert isinstance(storage, PrivateS3Storage)
    assert storage.bucket_name == s3_bucket.name
    assert storage.default_acl == "private"
    assert storage.addressing_style == "path"
    assert storage.file_overwrite is False


def test_a_server_started_with_the_variables_keeps_its_files_in_the_bucket(s3_bucket, tmp_path):
    # The settings module itself, as an app server loads it: the default storage is the bucket.
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("S3_", "DJANGO_"))
    }
    env |= s3_env(s3_bucket.endpoint_url, s3_bucket.name)
    env["DJANGO_MEDIA_ROOT"] = str(tmp_path)  # where the files would go without the bucket
    env["DJANGO_SECRET_KEY"] = "test-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
    script = (
        "import django; django.setup();"
        "from django.core.files.base import ContentFile;"
        "from django.core.files.storage import default_storage as s;"
        "print(s.save('probe/from-a-server.txt', ContentFile(b'shared')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        cwd=settings_module.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "probe/from-a-server.txt"
    assert s3_bucket.read("probe/from-a-server.txt") == b"shared"
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"S3_ACCESS_KEY_ID": "key"}, "S3_SECRET_ACCESS_KEY"),
        ({"S3_SECRET_ACCESS_KEY": "secret"}, "S3_ACCESS_KEY_ID"),
        ({"S3_ADDRESSING_STYLE": "dns"}, "S3_ADDRESSING_STYLE"),
    ],
)
def test_incomplete_or_unknown_storage_settings_stop_the_start(monkeypatch, variables, named):
    for variable in ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_ADDRESSING_STYLE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("S3_BUCKET", "mzv-files")
    for variable, value in variables.items():
        monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured, match=named):
        s3_storage_from_env()


# --- Evidence -----------------------------------------------------------------------------------


def test_evidence_is_uploaded_to_the_bucket_and_downloaded_through_the_view(
    s3_bucket, settings, org_a, hr_client, manager_client, other_org_client, plain_item
):
    response = hr_client.post(
        reverse("pillars:evidence_upload", kwargs={"slug": org_a.slug, "pk": plain_item.pk}),
        {"file": SimpleUploadedFile("jaarverslag.pdf", REPORT)},
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert s3_bucket.keys() == [evidence.file.name]
    assert s3_bucket.read(evidence.file.name) == REPORT
    assert not settings.MEDIA_ROOT.exists()  # nothing went to the local folder

    download = reverse("pillars:evidence", kwargs={"slug": org_a.slug, "pk": evidence.pk})
    response = manager_client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == REPORT
    assert response["Content-Type"] == "application/pdf"
    assert other_org_client.get(download).status_code == 404


def test_deleted_evidence_leaves_the_bucket(
    s3_bucket, org_a, hr_a, hr_client, plain_item, django_capture_on_commit_callbacks
):
    from pillars import services as pillars_services

    evidence = pillars_services.evidence_add(
        organisation=org_a,
        item=plain_item,
        by=hr_a,
        upload=SimpleUploadedFile("verslag.pdf", REPORT),
    )
    assert s3_bucket.keys() == [evidence.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(
            reverse("pillars:evidence_delete", kwargs={"slug": org_a.slug, "pk": evidence.pk})
        )
    assert s3_bucket.keys() == []


def test_nothing_in_the_bucket_is_public(s3_bucket, org_a, hr_a, plain_item):
    from pillars import services as pillars_services

    evidence = pillars_services.evidence_add(
        organisation=org_a,
        item=plain_item,
        by=hr_a,
        upload=SimpleUploadedFile("verslag.pdf", REPORT),
    )
    key = evidence.file.name
    # The object's own address on the endpoint refuses a request without a signature...
    assert anonymous_get(f"{s3_bucket.endpoint_url}/{s3_bucket.name}/{key}") == 403
    # ...because its ACL grants its owner only, and nobody else anything.
    grants = s3_bucket.client.get_object_acl(Bucket=s3_bucket.name, Key=key)["Grants"]
    assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"]
    # And the app never hands out a link into the bucket, signed or not.
    url = evidence.file.url
    assert url.startswith("/media/") and s3_bucket.endpoint_url not in url
    assert "Signature" not in url and "X-Amz" not in url


# --- Logos and the PDFs that embed them ---------------------------------------------------------


def test_a_logo_is_uploaded_to_the_bucket_and_served_from_it(s3_bucket, org_a, hr_client):
    upload_logo(hr_client, org_a)
    assert org_a.logo.name.startswith("logos/")
    assert s3_bucket.keys() == [org_a.logo.name]
    served = hr_client.get(programme_url("organisation_logo", org_a))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
        assert image.size == LOGO_SIZE

    # Gone from the bucket: the page's logo is a 404, not a server error.
    s3_bucket.client.delete_object(Bucket=s3_bucket.name, Key=org_a.logo.name)
    assert hr_client.get(programme_url("organisation_logo", org_a)).status_code == 404


def test_the_letter_and_the_progress_report_draw_the_logo_read_from_the_bucket(
    s3_bucket, draft, year_of_work, hr_client
):
    upload_logo(hr_client, year_of_work)
    assert LOGO_SIZE in embedded_image_sizes(letter_pdf(letter=draft))
    report = progress_report_pdf(organisation=year_of_work, today=date(2026, 1, 15))
    assert LOGO_SIZE in embedded_image_sizes(report)

    # Read from the bucket at every render, not from a copy: without the object, no logo.
    s3_bucket.client.delete_object(Bucket=s3_bucket.name, Key=year_of_work.logo.name)
    assert LOGO_SIZE not in embedded_image_sizes(letter_pdf(letter=draft))


def test_an_issued_letter_keeps_the_logo_from_the_bucket_in_its_stored_pdf_and_docx(
    s3_bucket, draft, year_of_work, hr_a, hr_client
):
    upload_logo(hr_client, year_of_work)
    letter = services.letter_issue(letter=draft, by=hr_a)
    assert LOGO_SIZE in embedded_image_sizes(bytes(letter.pdf))

    kwargs = {"slug": year_of_work.slug, "pk": letter.pk}
    pdf = hr_client.get(reverse("recognition:letter_pdf", kwargs=kwargs))
    assert hashlib.sha256(pdf.content).hexdigest() == letter.pdf_sha256
    docx = hr_client.get(reverse("recognition:letter_docx", kwargs=kwargs))
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(media) == 1
        with Image.open(io.BytesIO(archive.read(media[0]))) as image:
            assert image.size == LOGO_SIZE
