"""The QR code of the public link, and the A4 poster PDF read back as a printer would get it."""

import base64
import io
import subprocess
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import segno
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.browser.samples import PNG

SVG_NS = "{http://www.w3.org/2000/svg}"


def url(name, campaign):
    return reverse(
        f"monitor:{name}", kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk}
    )


def public_link(campaign):
    return f"http://testserver/m/{campaign.key}/"


def test_the_qr_code_is_an_svg_of_the_absolute_public_link(campaign, hr_client):
    response = hr_client.get(url("campaign_qr", campaign))
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG_NS}svg"
    assert root.find(f"{SVG_NS}title").text == f"QR-code voor {public_link(campaign)}"
    # The very symbol segno draws for the link with (at least) medium error correction.
    path = root.find(f"{SVG_NS}path").get("d")
    assert path == segno_path(public_link(campaign))
    assert path != segno_path(f"http://testserver/m/{campaign.key}x/")


def segno_path(link: str) -> str:
    buffer = io.BytesIO()
    segno.make(link, error="m", micro=False).save(buffer, kind="svg", scale=6)
    return ET.fromstring(buffer.getvalue()).find(f"{SVG_NS}path").get("d")


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "poster.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_info(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "poster.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout


def pdf_image_count(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "poster.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return len(listing.splitlines()) - 2  # two header lines


def test_the_poster_is_one_a4_page_with_the_organisation_and_the_link(
    campaign, hr_client, tmp_path, settings
):
    settings.LANGUAGE_CODE = "en"
    response = hr_client.get(url("campaign_poster", campaign), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="poster-gemeente-aland.pdf"'
    info = pdf_info(response.content, tmp_path)
    assert "Pages:           1" in info
    assert "595.276 x 841.89 pts (A4)" in info
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Gemeente Aland" in text
    assert f"testserver/m/{campaign.key}/" in text
    assert "Do you combine work and care? Tell us." in text
    assert "7 December 2026" in text  # the closing date


def test_the_poster_embeds_the_organisations_logo_from_storage(
    org_a, campaign, hr_client, tmp_path
):
    org_a.logo.save("gemeente-aland.png", ContentFile(PNG))
    response = hr_client.get(url("campaign_poster", campaign))
    assert pdf_image_count(response.content, tmp_path) == 1


def test_the_poster_without_a_logo_has_no_image(campaign, hr_client, tmp_path):
    response = hr_client.get(url("campaign_poster", campaign))
    assert pdf_image_count(response.content, tmp_path) == 0


def test_a_logo_whose_file_is_gone_leaves_the_poster_without_it(org_a, campaign, hr_client):
    org_a.logo.name = "logos/verdwenen.png"
    org_a.save()
    response = hr_client.get(url("campaign_poster", campaign))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "address, is_fetched",
    [
        ("http://127.0.0.1:9/logo.png", False),
        ("file:///etc/passwd", False),
        ("data:image/png;base64," + base64.b64encode(PNG).decode(), True),
    ],
)
def test_the_poster_fetches_nothing_but_data_uris(address, is_fetched, monkeypatch, campaign):
    """Rendering never reaches the network or the file system; data: URIs are the control."""
    from monitor import poster

    opened = []
    original = urllib.request.OpenerDirector.open

    def record(self, request, *args, **kwargs):
        opened.append(getattr(request, "full_url", request))
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record)
    monkeypatch.setattr(
        poster, "render_to_string", lambda *a, **k: f'<img src="{address}" alt=""><p>Poster</p>'
    )
    assert poster.poster_pdf(campaign=campaign, url="http://testserver/m/x/").startswith(b"%PDF")
    assert bool(opened) is is_fetched
