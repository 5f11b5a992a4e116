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
from pypdf import PdfReader

from monitor.poster import download_name
from tests.browser.samples import PNG
from tests.monitor.conftest import make_campaign

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
    assert response["Content-Disposition"] == 'attachment; filename="poster-monitor-2026.pdf"'
    info = pdf_info(response.content, tmp_path)
    assert "Pages:           1" in info
    assert "595.276 x 841.89 pts (A4)" in info
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Gemeente Aland" in text
    assert f"testserver/m/{campaign.key}/" in text
    assert "Do you combine work and care? Tell us." in text
    assert "You can respond from 16 November 2026 to 7 December 2026." in text


def test_the_qr_code_downloads_as_a_file_named_after_the_campaign(org_a, hr_client):
    campaign = make_campaign(org_a, title="Mantelzorgmonitor 2026")
    response = hr_client.get(url("campaign_qr", campaign))
    assert response["Content-Disposition"] == 'attachment; filename="qr-mantelzorgmonitor-2026.svg"'
    poster = hr_client.get(url("campaign_poster", campaign))
    assert (
        poster["Content-Disposition"] == 'attachment; filename="poster-mantelzorgmonitor-2026.pdf"'
    )


def test_every_campaign_gets_its_own_file_name_also_without_letters(org_a):
    assert download_name(make_campaign(org_a, title="Monitor 2025"), "poster", "pdf") == (
        "poster-monitor-2025.pdf"
    )
    # Characters a header cannot carry are left out; nothing left names the campaign by number.
    odd = make_campaign(org_a, title='Ärger "ÜBER" 2026 / zorg')
    assert download_name(odd, "qr", "svg") == "qr-arger-uber-2026-zorg.svg"
    nameless = make_campaign(org_a, title="???")
    assert download_name(nameless, "qr", "svg") == f"qr-campaign-{nameless.pk}.svg"


def read_pdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def fonts_of(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_poster_is_a_tagged_pdf_ua_with_language_title_and_the_projects_font(
    campaign, hr_client
):
    reader = read_pdf(hr_client.get(url("campaign_poster", campaign)).content)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Monitor werk en mantelzorg – Gemeente Aland"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    # The font the README names for every PDF of the project, embedded.
    assert fonts_of(reader) and all("Liberation-Sans" in name for name in fonts_of(reader))


LONG_NAME = "Gemeenschappelijke Regeling Samenwerkende Gemeenten " * 4  # 200 characters
LONG_TITLE = "Monitor werk en mantelzorg voor alle medewerkers en stagiairs " * 3


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_poster_stays_one_page_with_the_longest_names_and_shows_the_dates(
    org_a, hr_client, language, tmp_path
):
    org_a.name = LONG_NAME[:200]
    org_a.save()
    org_a.logo.save("gemeente-aland.png", ContentFile(PNG))
    campaign = make_campaign(org_a, title=LONG_TITLE[:200])
    hr_client.cookies["django_language"] = language
    response = hr_client.get(url("campaign_poster", campaign))
    reader = read_pdf(response.content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = " ".join(pdf_text(response.content, tmp_path).split())
    dates = {
        "nl": "Je kunt meedoen van 16 november 2026 tot en met 7 december 2026.",
        "en": "You can respond from 16 November 2026 to 7 December 2026.",
    }[language]
    assert dates in text
    # The anonymity box is on that one page too.
    assert {"nl": "Je antwoorden zijn anoniem", "en": "Your answers are anonymous"}[
        language
    ] in text
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])


def test_a_poster_with_short_names_keeps_the_large_qr_code(campaign, monkeypatch):
    from monitor import poster

    used = []
    original = poster.render_to_string
    monkeypatch.setattr(
        poster,
        "render_to_string",
        lambda name, context: used.append(context["fit"]) or original(name, context),
    )
    poster.poster_pdf(campaign=campaign, url="http://testserver/m/x/")
    assert used == [""]


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
