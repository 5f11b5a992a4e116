"""The letter's PDF, read back: its text, its draft mark, its tags, fonts and fetches."""

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from recognition import services
from recognition.rendering import (
    MEDIA_PREFIX,
    STATIC_PREFIX,
    letter_pdf,
    project_url_fetcher,
)
from tests.browser.samples import PNG
from tests.recognition.conftest import (
    DONE_TITLE,
    PLANNED_TITLE,
    REFERENCE,
    SENDER_BLOCK,
    SIGNATORIES,
    closing_pages,
    pdf_pages,
    section,
)


@pytest.fixture
def draft_pdf(draft) -> bytes:
    return letter_pdf(letter=draft)


def test_the_pdf_holds_the_organisation_the_sections_and_the_actions(draft_pdf):
    text = "\n".join(pdf_pages(draft_pdf))
    for expected in (
        "Gemeente Aland",
        "Het doel",
        "Terugblik 2025",
        "Resultaten van de monitor",
        "Vooruitblik 2026",
        DONE_TITLE,
        PLANNED_TITLE,
        "A. Secretaris",
        "de burgemeester",
    ):
        assert expected in text, expected


def test_a_draft_says_concept_on_every_page(draft_pdf):
    pages = pdf_pages(draft_pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "CONCEPT" in page, f"page {number}"


def test_an_issued_letter_never_says_concept(issued):
    pages = pdf_pages(bytes(issued.pdf))
    assert pages and not any("CONCEPT" in page for page in pages)
    assert "Terugblik 2025" in "\n".join(pages)


def test_every_page_is_numbered_out_of_the_total(draft_pdf):
    pages = pdf_pages(draft_pdf)
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in page


def test_the_pdf_is_a4_and_tagged_with_title_and_language(draft, draft_pdf):
    reader = PdfReader(io.BytesIO(draft_pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == f"{draft.subject} – Gemeente Aland"
    width, height = (round(float(v) * 25.4 / 72) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)


def test_an_english_letter_is_tagged_english(year_of_work):
    from tests.recognition.conftest import compose, sign

    letter = sign(compose(year_of_work, language="en"))
    pdf = letter_pdf(letter=letter)
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"
    assert "DRAFT" in pdf_pages(pdf)[0] and "page 1 of" in pdf_pages(pdf)[0]


def test_the_fonts_are_the_installed_ones_and_embedded(draft_pdf, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(draft_pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts"
    assert all(line.split("+", 1)[1].startswith("Liberation-Sans") for line in listing), listing
    for line in listing:
        assert line.split()[-5] == "yes", f"not embedded: {line}"  # the "emb" column


PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def pdfa_identification(pdf: bytes) -> dict[str, str]:
    """The PDF/A part and conformance that the XMP metadata claims."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    xmp = ET.fromstring(root["/Metadata"].get_object().get_data())
    claims = {}
    for description in xmp.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        for key in ("part", "conformance"):
            if PDFAID + key in description.attrib:
                claims[key] = description.attrib[PDFAID + key]
    return claims


def test_the_issued_letter_is_pdf_a_2a_tagged_with_its_language_and_fonts(issued, tmp_path):
    pdf = bytes(issued.pdf)
    assert pdfa_identification(pdf) == {"part": "2", "conformance": "A"}
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert reader.pdf_header == "%PDF-1.7"
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl"
    intents = [intent.get_object() for intent in root["/OutputIntents"]]
    assert [intent["/S"] for intent in intents] == ["/GTS_PDFA1"]  # the sRGB profile PDF/A asks
    path = tmp_path / "issued.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_the_other_documents_are_not_claimed_pdf_a(year_of_work):
    # The dossier carries uploaded PDFs as attachments, which PDF/A-2 admits only when they are
    # PDF/A themselves: it stays PDF/UA-1.
    from recognition.rendering import dossier_pdf

    pdf = dossier_pdf(organisation=year_of_work, today=date(2026, 1, 15))
    assert pdfa_identification(pdf) == {}


def test_the_monitor_chart_is_drawn_in_the_pdf(draft_pdf):
    text = "\n".join(pdf_pages(draft_pdf))
    assert "Belangrijkste resultaten van de monitor" in text
    assert "Medewerkers die voor iemand zorgen" in text


def test_the_letterhead_carries_the_logo(draft, year_of_work):
    year_of_work.logo = SimpleUploadedFile("aland.png", PNG, content_type="image/png")
    year_of_work.save()
    reader = PdfReader(io.BytesIO(letter_pdf(letter=draft)))
    assert len(reader.pages[0].images) == 1


def test_the_fetcher_serves_the_projects_static_files():
    response = project_url_fetcher().fetch(STATIC_PREFIX + "css/letter-print.css")
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/static/css/app.css",
        "file:///etc/passwd",
        STATIC_PREFIX + "../../../../etc/passwd",
        STATIC_PREFIX + "css/no-such-file.css",
        MEDIA_PREFIX + "evidence/someone-elses-file.pdf",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        project_url_fetcher(media_names=frozenset({"logos/aland.png"})).fetch(url)


def test_the_fetcher_serves_only_the_media_files_it_was_given(settings, tmp_path):
    from django.core.files.storage import default_storage

    name = default_storage.save("logos/aland.png", io.BytesIO(PNG))
    fetcher = project_url_fetcher(media_names=frozenset({name}))
    assert fetcher.fetch(MEDIA_PREFIX + name).read() == PNG
    with pytest.raises(ValueError):
        project_url_fetcher().fetch(MEDIA_PREFIX + name)


# --- The letter as a municipality sends it ---------------------------------------------------


def test_the_first_page_has_the_references_the_sender_block_and_the_attachments(draft):
    services.letter_update(
        letter=draft,
        fields={
            "your_reference": "RV/2025/0412",
            "occasion": "Op 26 maart 2024 hebben wij schriftelijke vragen beantwoord.",
            "attachments": "Rapport monitor 2025\nActieplan 2026",
        },
        sections={},
        signatories=SIGNATORIES,
    )
    first = pdf_pages(letter_pdf(letter=draft))[0]
    for label, value in (
        ("Ons kenmerk", REFERENCE),
        ("Uw kenmerk", "RV/2025/0412"),
        ("Bijlage(n)", "Rapport monitor 2025"),
        ("Afdeling", SENDER_BLOCK["department"]),
        ("Behandeld door", SENDER_BLOCK["handled_by"]),
        ("Telefoon", SENDER_BLOCK["phone"]),
        ("E-mail", SENDER_BLOCK["email"]),
    ):
        assert re.search(rf"{re.escape(label)}\s+{re.escape(value)}", first), label
    assert "Actieplan 2026" in first
    # The occasion follows the introduction, before the first heading.
    words = " ".join(first.split())
    occasion = words.index("Op 26 maart 2024 hebben wij schriftelijke vragen beantwoord.")
    assert words.index("Geachte voorzitter") < occasion < words.index("Het doel")


def test_the_subject_is_printed_once_and_the_running_head_names_it_on_later_pages(draft, draft_pdf):
    pages = pdf_pages(draft_pdf)
    assert len(pages) >= 2
    assert [page.count(draft.subject) for page in pages] == [1] * len(pages)
    assert "Onderwerp" not in pages[0]


def test_a_draft_is_dated_as_composed_an_issued_letter_as_issued(draft, draft_pdf, hr_a):
    assert "9 december 2025 (concept)" in pdf_pages(draft_pdf)[0]
    moment = timezone.make_aware(datetime(2026, 1, 14, 10, 0))
    issued = services.letter_issue(letter=draft, by=hr_a, at=moment)
    first = pdf_pages(bytes(issued.pdf))[0]
    assert re.search(r"Datum\s+14 januari 2026\s", first) and "(concept)" not in first


def test_the_closing_and_the_signatures_never_part(draft):
    # The outlook grows by short paragraphs until the letter gets a page more: the moment the
    # closing block reaches the bottom of a page. Without the rule that keeps the block whole,
    # its tail alone would move over. Nine paragraphs at a time to find that moment, then three
    # (less than the block is high) to walk up to it.
    outlook = section(draft, "outlook")

    def render(extra: int) -> bytes:
        filler = "\n\n".join(f"Alinea {i}: een plan voor het volgende jaar." for i in range(extra))
        services.letter_update(
            letter=draft,
            fields={},
            sections={outlook.pk: {"title": outlook.title, "body": f"{outlook.body}\n\n{filler}"}},
            signatories=SIGNATORIES,
        )
        return letter_pdf(letter=draft)

    first_count = len(pdf_pages(render(0)))
    grown = next(
        (extra for extra in range(9, 90, 9) if len(pdf_pages(render(extra))) > first_count), None
    )
    assert grown is not None, "the letter never got a page more"
    for extra in range(grown - 6, grown + 1, 3):
        assert len(closing_pages(draft, render(extra))) == 1, f"{extra} paragraphs more"
