"""The report's PDF and workbook, read back: the PDF as the letter tests read theirs (pypdf,
pdftotext, pdffonts), the workbook with openpyxl."""

import io
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import openpyxl
import pytest
from django.utils import translation
from pypdf import PdfReader

from support.report import report_pdf, report_xlsx, support_report
from tests.recognition.conftest import pdf_pages
from tests.support.test_report import (  # noqa: F401 (fixtures)
    TODAY,
    YEAR,
    elders,
    pooled_world,
    world,
)


@pytest.fixture
def report(world, pooled_world, steunpunt):  # noqa: F811
    with translation.override("nl"):
        return support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)


@pytest.fixture
def pdf(report) -> bytes:
    with translation.override("nl"):
        return report_pdf(report)


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(pdf_pages(pdf)).split())


def structure_tags(pdf: bytes) -> list[str]:
    """The structure types of the PDF's tag tree, depth first."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"]
    found, todo = [], [root]
    while todo:
        node = todo.pop().get_object() if hasattr(todo[-1], "get_object") else todo.pop()
        if isinstance(node, list):
            todo.extend(node)
            continue
        if not hasattr(node, "get"):
            continue  # a marked-content reference
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            todo.extend(kids if isinstance(kids, list) else [kids])
    return found


def test_the_pdf_says_what_the_page_says(pdf):
    text = flat(pdf)
    for expected in (
        "Steunpunt Mantelzorg Aland",
        "Rapportage 2025",
        "Voor Gemeente Aland",
        "Werkgevers",
        "Per fase",
        "In gesprek",
        "Per sector",
        "Per omvang",
        "Wat we deden in 2025",
        "Lunch voor mantelzorgers",
        "Erkenningen",
        "Monitorcijfers van de werkgevers die wij volgen",
        "5 organisaties, 50 respondenten",
        "pagina 1 van",
    ):
        assert expected in text, expected
    # The renewal of Gemeente Aland, in the table's short date style.
    assert "Gemeente Aland 1 okt. 2025" in text


def test_the_pdf_is_tagged_with_language_title_headings_and_table_headers(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Rapportage 2025 – Steunpunt Mantelzorg Aland"
    tags = structure_tags(pdf)
    for tag in ("/H1", "/H2", "/H3", "/Table", "/TH", "/TD"):
        assert tag in tags, tag
    width, height = (round(float(v) * 25.4 / 72) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)


def test_the_pdf_claims_pdf_ua_1_as_the_other_documents_do(pdf):
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    xmp = ET.fromstring(root["/Metadata"].get_object().get_data())
    parts = [
        description.attrib.get("{http://www.aiim.org/pdfua/ns/id/}part")
        for description in xmp.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    ]
    assert "1" in parts


def test_the_pdf_embeds_its_fonts(pdf, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts"
    for line in listing:
        assert line.split()[-5] == "yes", f"not embedded: {line}"


def test_an_english_pdf_is_tagged_english(report):
    with translation.override("en"):
        pdf = report_pdf(report)
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"
    assert "Report 2025" in flat(pdf) and "5 organisations, 50 respondents" in flat(pdf)


def test_a_withheld_figure_shows_its_reason_and_no_number(steunpunt, world):  # noqa: F811
    # World alone: one followed employer without a monitor, so every figure is withheld.
    with translation.override("nl"):
        report = support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)
        text = flat(report_pdf(report))
        reason = str(report.pooled[0].withheld_text)
    monitor = text.split("Monitorcijfers van de werkgevers die wij volgen", 1)[1]
    assert f"Niet getoond: {reason}" in monitor
    assert "%" not in monitor.split("Niet getoond", 1)[1]
    assert "respondenten" not in monitor.split("Niet getoond", 1)[1]


# --- The workbook ---------------------------------------------------------------------------------


@pytest.fixture
def book(report):
    with translation.override("nl"):
        return openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_every_table_is_a_named_sheet(book):
    assert book.sheetnames == [
        "Samenvatting 2025",
        "Fasen",
        "Sectoren",
        "Omvang",
        "Contacten",
        "Aanbod afgenomen",
        "Aanbod per titel",
        "Acties afgerond",
        "Erkenningen",
        "Monitor, gebundeld",
    ]


def test_every_sheet_has_a_bold_frozen_header_with_a_filter(book):
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title


def test_the_sheets_hold_the_reports_numbers(book):
    summary = dict(rows(book["Samenvatting 2025"])[1:])
    assert summary["Werkgevers in beeld"] == 7 and summary["Benaderd"] == 6
    assert summary["Contacten"] == 3 and summary["Aanbod afgenomen"] == 3
    assert summary["Acties afgerond door gevolgde werkgevers"] == 5
    assert summary["Waarvan verlengingen"] == 1
    assert rows(book["Fasen"])[0] == ("Fase", "Werkgevers")
    assert ("In gesprek", 2) in rows(book["Fasen"])
    assert ("Zorg", 2, 2, 0) in rows(book["Sectoren"])
    assert rows(book["Aanbod per titel"])[0] == ("Aanbod", "Pijler", "Keer afgenomen")
    assert ("Lunch voor mantelzorgers", "Bespreken", 2) in rows(book["Aanbod per titel"])
    recognition = rows(book["Erkenningen"])[1]
    assert recognition[0] == "Gemeente Aland" and recognition[3] == "ja"
    assert recognition[1].date() == date(2025, 10, 1)  # a real date cell
    assert book["Erkenningen"]["B2"].number_format == "dd-mm-yyyy"
    monitor = {row[0]: row[1:] for row in rows(book["Monitor, gebundeld"])[1:]}
    assert monitor["Medewerkers die voor iemand zorgen"] == (100.0, 5, 50, None)


def test_the_same_report_gives_the_same_bytes(report):
    with translation.override("nl"):
        assert report_xlsx(report) == report_xlsx(report)
