"""Uploaded images are checked by their pixels: bombs are refused, large logos scaled down, in the
model field itself, so the organisation form, the admin and the shell all obey it."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from accounts.models import User
from pillars.models import EvidenceFile
from programme.images import IMAGE_MAX_PIXELS, LOGO_MAX_SIDE
from programme.models import Organisation
from tests.conftest import client_for, with_second_factor
from tests.programme.test_organisation import DETAILS, url


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bilevel_png(width: int, height: int, rows: int | None = None) -> bytes:
    """A black-and-white PNG of width × height that declares its size honestly; only `rows` rows
    of pixel data follow (all of them when None). Built by hand: Pillow would need the pixels in
    memory to write it, which is the point of the check."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height if rows is None else rows))
    data += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


# The "decompression bomb" of the report: a few dozen bytes that declare 10 gigapixels. Pillow
# refuses to open it with an exception of its own, which was a server error.
BOMB = bilevel_png(100_000, 100_000, rows=0)
# 144 megapixels in 17 KB: Pillow opens it (with a warning), and every PDF decoded it.
HUGE = bilevel_png(12_000, 12_000)


def image_bytes(size, image_format="PNG", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "purple").save(buffer, format=image_format)
    return buffer.getvalue()


def stored_size(organisation: Organisation) -> tuple[int, int]:
    with organisation.logo.open("rb") as file, Image.open(file) as image:
        return image.size


def post_logo(client, organisation, content: bytes, name="logo.png"):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(url("organisation_edit", organisation), {**DETAILS, "logo": upload})


def test_the_crafted_files_are_what_the_report_describes():
    assert len(BOMB) < 100
    assert len(HUGE) < 20_000
    assert IMAGE_MAX_PIXELS < 12_000 * 12_000


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (BOMB, "veel meer pixels dan we kunnen verwerken"),
        (HUGE, "12000 × 12000 pixels"),
    ],
    ids=["bomb", "144-megapixels"],
)
def test_an_image_with_too_many_pixels_is_a_clear_dutch_error(content, expected, org_a, hr_client):
    response = post_logo(hr_client, org_a, content)
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert any(expected in error for error in errors), errors
    org_a.refresh_from_db()
    assert not org_a.logo
    assert org_a.employee_count is None  # nothing of the form was saved


@pytest.mark.parametrize("image_format", ["PNG", "JPEG"])
def test_a_large_logo_is_scaled_down_on_upload(image_format, org_a, hr_client):
    response = post_logo(hr_client, org_a, image_bytes((3000, 1500), image_format))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert stored_size(org_a) == (LOGO_MAX_SIDE, LOGO_MAX_SIDE // 2)
    assert org_a.logo.name.endswith(".png" if image_format == "PNG" else ".jpg")
    served = hr_client.get(url("organisation_logo", org_a))
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
        assert image.format == image_format


def test_a_small_logo_is_stored_byte_for_byte(org_a, hr_client):
    content = image_bytes((LOGO_MAX_SIDE, 200))
    post_logo(hr_client, org_a, content)
    org_a.refresh_from_db()
    with org_a.logo.open("rb") as file:
        assert file.read() == content


def test_a_large_logo_saved_in_the_shell_is_scaled_down_too(org_a):
    org_a.logo.save("aland.png", ContentFile(image_bytes((2400, 2400))))
    org_a.refresh_from_db()
    assert stored_size(org_a) == (LOGO_MAX_SIDE, LOGO_MAX_SIDE)
    assert org_a.logo.name.startswith("logos/aland")


def test_a_bomb_saved_in_the_shell_is_refused_and_stores_nothing(org_a, settings):
    with pytest.raises(ValidationError):
        org_a.logo.save("bom.png", ContentFile(BOMB))
    org_a.refresh_from_db()
    assert not org_a.logo
    logos = settings.MEDIA_ROOT / "logos"
    assert not logos.exists() or not any(logos.iterdir())


def test_full_clean_reports_a_bomb_on_the_logo_field(org_a):
    org_a.logo = SimpleUploadedFile("bom.png", BOMB)
    with pytest.raises(ValidationError) as raised:
        org_a.full_clean()
    assert "logo" in raised.value.message_dict


def test_the_admin_refuses_a_bomb_and_scales_a_large_logo(org_a):
    staff = client_for(
        with_second_factor(User.objects.create_superuser(email="beheer@example.org", password="x"))
    )
    change = reverse("admin:programme_organisation_change", args=[org_a.pk])
    fields = {
        "name": org_a.name,
        "slug": org_a.slug,
        "kind": org_a.kind,
        "locations": "",
        "goal": "",
        "monitor_retention_months": 12,
        "two_factor_required": "nobody",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    refused = staff.post(change, {**fields, "logo": SimpleUploadedFile("b.png", BOMB)})
    assert refused.status_code == 200
    assert "logo" in refused.context["adminform"].form.errors
    accepted = staff.post(
        change, {**fields, "logo": SimpleUploadedFile("l.png", image_bytes((1600, 800)))}
    )
    assert accepted.status_code == 302
    org_a.refresh_from_db()
    assert stored_size(org_a) == (LOGO_MAX_SIDE, LOGO_MAX_SIDE // 2)


@pytest.fixture
def plain_item(org_a):
    from pillars.models import ChecklistItem

    return ChecklistItem.objects.filter(organisation__isnull=True).first()


@pytest.mark.parametrize("content", [BOMB, HUGE], ids=["bomb", "144-megapixels"])
def test_evidence_with_too_many_pixels_is_refused(content, org_a, hr_client, plain_item):
    response = hr_client.post(
        reverse("pillars:evidence_upload", kwargs={"slug": org_a.slug, "pk": plain_item.pk}),
        {"file": SimpleUploadedFile("foto.png", content)},
        follow=True,
    )
    assert response.status_code == 200
    assert any("megapixel" in str(m) for m in response.context["messages"])
    assert not EvidenceFile.objects.exists()


def test_the_error_is_english_for_an_english_page():
    from programme.images import image_check

    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            image_check(io.BytesIO(HUGE))
        assert raised.value.messages == [
            "The image is 12000 × 12000 pixels, more than the 25 megapixels that can be "
            "processed. Make it smaller and try again."
        ]


def test_the_edit_form_names_the_stored_logo_without_linking_to_the_media_folder(org_a, hr_client):
    # Uploads are served only through the permission-checked view; /media/ serves nothing.
    post_logo(hr_client, org_a, image_bytes((400, 200)))
    org_a.refresh_from_db()
    html = hr_client.get(url("organisation_edit", org_a)).content.decode()
    assert org_a.logo.name in html
    assert "/media/" not in html
