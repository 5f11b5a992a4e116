"""The letter as a Word document, read back with python-docx."""

import io

from django.urls import reverse
from docx import Document

from recognition.docx_export import letter_docx
from recognition.models import LetterSection, StatusLetter
from tests.recognition.conftest import DONE_TITLE, PLANNED_TITLE


def read(content: bytes) -> Document:
    return Document(io.BytesIO(content))


def test_the_docx_holds_the_letters_text_headings_and_bullets(draft):
    document = read(letter_docx(letter=draft))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", draft.subject) in paragraphs
    assert ("Heading 2", "Terugblik 2025") in paragraphs
    assert ("List Bullet", DONE_TITLE) in paragraphs
    assert ("List Bullet", PLANNED_TITLE) in paragraphs
    assert document.core_properties.title.startswith(draft.subject)


def test_the_docx_gives_the_monitor_figures_as_a_table(draft):
    tables = read(letter_docx(letter=draft)).tables
    cells = [[c.text for c in row.cells] for table in tables for row in table.rows]
    assert ["Medewerkers die voor iemand zorgen", "50%"] in cells
    assert ["de secretaris", "de burgemeester"] in cells


def test_a_draft_docx_says_concept_in_its_header_an_issued_one_does_not(draft, issued):
    header = read(letter_docx(letter=draft)).sections[0].header
    assert "CONCEPT" in header.paragraphs[0].text
    header = read(letter_docx(letter=issued)).sections[0].header
    assert "CONCEPT" not in "".join(p.text for p in header.paragraphs)


def test_the_docx_download(issued, manager_client):
    url = reverse(
        "recognition:letter_docx", kwargs={"slug": issued.organisation.slug, "pk": issued.pk}
    )
    response = manager_client.get(url)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert read(response.content).paragraphs


def test_a_vertical_tab_in_an_issued_letter_leaves_the_docx_whole(issued, manager_client):
    # Pasted from Word; python-docx refused it and the download answered 500. Written past save(),
    # as old data would be (an escape, 0x1b, rather than NUL, which PostgreSQL cannot hold).
    StatusLetter.objects.filter(pk=issued.pk).update(subject="Stand van\x0bzaken")
    section = issued.sections.exclude(body="").first()
    LetterSection.objects.filter(pk=section.pk).update(body="Eerste regel\x0btweede\x1b regel")
    url = reverse(
        "recognition:letter_docx", kwargs={"slug": issued.organisation.slug, "pk": issued.pk}
    )
    response = manager_client.get(url)
    assert response.status_code == 200
    texts = [p.text for p in read(response.content).paragraphs]
    assert "Stand van zaken" in texts
    assert any("Eerste regel tweede regel" in text for text in texts)
    assert not [text for text in texts if "\x0b" in text or "\x1b" in text]
