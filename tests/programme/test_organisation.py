"""The organisation's details and its logo, which only members can fetch."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from programme.models import Organisation

DETAILS = {
    "name": "Gemeente Aland",
    "kind": "gemeente",
    "employee_count": "1740",
    "locations": "Stadhuis\nGemeentewerf",
    "goal": "Medewerkers die mantelzorgen voelen zich gesteund.",
    "two_factor_required": "nobody",
}


def url(name, org):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug})


def png_bytes(size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "purple").save(buffer, format="PNG")
    return buffer.getvalue()


def test_hr_advisor_edits_the_details_and_uploads_a_logo(org_a, hr_client):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = hr_client.post(url("organisation_edit", org_a), {**DETAILS, "logo": logo})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.employee_count == 1740
    assert org_a.location_list == ["Stadhuis", "Gemeentewerf"]
    assert org_a.logo.name.endswith(".png")
    served = hr_client.get(url("organisation_logo", org_a))
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()


def test_a_logo_is_recognised_by_its_content_not_its_name(org_a, hr_client):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = hr_client.post(url("organisation_edit", org_a), {**DETAILS, "logo": fake})
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    org_a.refresh_from_db()
    assert not org_a.logo
    assert org_a.employee_count is None  # nothing of the form was saved


def test_a_jpeg_named_png_is_stored_as_jpeg(org_a, hr_client):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="JPEG")
    logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    hr_client.post(url("organisation_edit", org_a), {**DETAILS, "logo": logo})
    org_a.refresh_from_db()
    assert org_a.logo.name.endswith(".jpg")
    assert hr_client.get(url("organisation_logo", org_a))["Content-Type"] == "image/jpeg"


def test_a_logo_over_the_size_limit_is_refused(org_a, hr_client, settings):
    settings.LOGO_MAX_BYTES = 100
    logo = SimpleUploadedFile("logo.png", png_bytes((400, 400)), content_type="image/png")
    response = hr_client.post(url("organisation_edit", org_a), {**DETAILS, "logo": logo})
    assert "logo" in response.context["form"].errors
    org_a.refresh_from_db()
    assert not org_a.logo


def test_the_logo_is_404_for_another_organisation(org_a, hr_client, other_org_client):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    hr_client.post(url("organisation_edit", org_a), {**DETAILS, "logo": logo})
    assert other_org_client.get(url("organisation_logo", org_a)).status_code == 404


def test_manager_sees_but_cannot_edit_the_details(org_a, manager_client):
    assert manager_client.get(url("organisation", org_a)).status_code == 200
    assert manager_client.post(url("organisation_edit", org_a), DETAILS).status_code == 403
    assert Organisation.objects.get().employee_count is None


def test_the_slug_cannot_be_changed_through_the_form(org_a, hr_client):
    hr_client.post(url("organisation_edit", org_a), {**DETAILS, "slug": "gekaapt"})
    assert Organisation.objects.get().slug == "gemeente-aland"
