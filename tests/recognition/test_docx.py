"""The letter as a Word document, read back with python-docx; an issued letter's as stored."""

import hashlib
import io
import zipfile
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from docx import Document

from recognition import services
from recognition.docx_export import letter_docx
from recognition.models import LetterSection, StatusLetter
from tests.browser.samples import PNG
from tests.recognition.conftest import DONE_TITLE, PLANNED_TITLE, compose, sign

ISSUED_AT = timezone.make_aware(datetime(2026, 1, 20, 10, 30))


def read(content: bytes) -> Document:
    return Document(io.BytesIO(content))


def docx_url(letter) -> str:
    return reverse(
        "recognition:letter_docx", kwargs={"slug": letter.organisation.slug, "pk": letter.pk}
    )


def stored(letter) -> bytes:
    return bytes(StatusLetter.objects.values_list("docx", flat=True).get(pk=letter.pk))


def test_the_docx_holds_the_letters_text_headings_and_bullets(draft):
    document = read(letter_docx(letter=draft))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", draft.subject) in paragraphs
    assert ("Heading 2", "Terugblik 2025") in paragraphs
    assert any(style == "Normal" and DONE_TITLE in text for style, text in paragraphs)
    assert any(style == "List Bullet" and PLANNED_TITLE in text for style, text in paragraphs)
    assert document.core_properties.title.startswith(draft.subject)


def test_the_docx_has_the_reference_and_sender_blocks_and_the_subject_once(draft):
    services.letter_update(
        letter=draft,
        fields={
            "reference": "2026/0042",
            "your_reference": "RV-17",
            "department": "Afdeling HR",
            "handled_by": "C. Adviseur",
            "phone": "026 123 45 67",
            "occasion": "Deze brief is een vervolg op onze brief van 9 december 2024.",
        },
        sections={},
        signatories=[(s.name, s.role) for s in draft.signatories.all()],
    )
    document = read(letter_docx(letter=StatusLetter.objects.get(pk=draft.pk)))
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    for row in (
        ["Ons kenmerk", "2026/0042"],
        ["Uw kenmerk", "RV-17"],
        ["Afdeling", "Afdeling HR"],
        ["Behandeld door", "C. Adviseur"],
        ["Telefoon", "026 123 45 67"],
    ):
        assert row in cells
    texts = [p.text for p in document.paragraphs]
    assert sum(draft.subject in text for text in texts) == 1
    assert not any(row[0] == "Onderwerp" for row in cells)
    assert "Deze brief is een vervolg op onze brief van 9 december 2024." in texts


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
    # as old data would be (an escape, 0x1b, rather than NUL, which PostgreSQL cannot hold), on a
    # letter issued before its DOCX was stored, which is rendered at its first download.
    StatusLetter.objects.filter(pk=issued.pk).update(
        subject="Stand van\x0bzaken", docx=None, docx_sha256=""
    )
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


@pytest.fixture
def issued_with_logo(year_of_work, hr_a) -> StatusLetter:
    year_of_work.logo = SimpleUploadedFile("aland.png", PNG, content_type="image/png")
    year_of_work.save()
    return services.letter_issue(letter=sign(compose(year_of_work)), by=hr_a, at=ISSUED_AT)


def test_issuing_stores_the_docx_with_its_sha256(issued_with_logo, manager_client):
    content = stored(issued_with_logo)
    assert content.startswith(b"PK")
    assert issued_with_logo.docx_sha256 == hashlib.sha256(content).hexdigest()
    assert manager_client.get(docx_url(issued_with_logo)).content == content


def test_the_stored_docx_is_unchanged_after_renaming_the_organisation(
    issued_with_logo, manager_client
):
    before = manager_client.get(docx_url(issued_with_logo)).content
    organisation = issued_with_logo.organisation
    organisation.name = "Gemeente Nieuw-Aland"
    organisation.save()
    after = manager_client.get(docx_url(issued_with_logo)).content
    assert after == before
    assert hashlib.sha256(after).hexdigest() == issued_with_logo.docx_sha256
    assert read(after).core_properties.author == "Gemeente Aland"
    # The guard that matters: rendering it again now would give another document.
    letter = StatusLetter.objects.get(pk=issued_with_logo.pk)
    assert read(letter_docx(letter=letter)).core_properties.author == "Gemeente Nieuw-Aland"


def test_a_drafts_docx_is_rendered_live(draft, hr_client):
    organisation = draft.organisation
    organisation.name = "Gemeente Nieuw-Aland"
    organisation.save()
    assert read(hr_client.get(docx_url(draft)).content).core_properties.author == (
        "Gemeente Nieuw-Aland"
    )
    assert StatusLetter.objects.get(pk=draft.pk).docx is None


def test_the_organisation_is_the_author_dated_at_the_moment_of_issue(issued_with_logo):
    content = stored(issued_with_logo)
    properties = read(content).core_properties
    assert properties.author == properties.last_modified_by == "Gemeente Aland"
    assert properties.created == properties.modified == ISSUED_AT
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert not [n for n in archive.namelist() if b"python-docx" in archive.read(n)]
        stamp = timezone.localtime(ISSUED_AT).timetuple()[:6]
        assert {info.date_time for info in archive.infolist()} == {stamp}


def test_the_same_issued_letter_renders_to_the_same_bytes(issued_with_logo):
    letter = StatusLetter.objects.get(pk=issued_with_logo.pk)
    assert letter_docx(letter=letter) == letter_docx(letter=letter) == stored(letter)


def test_the_header_carries_the_logo_and_the_footer_numbers_the_pages(issued_with_logo):
    document = read(stored(issued_with_logo))
    section = document.sections[0]
    header_images = [
        rel.target_part
        for rel in section.header.part.rels.values()
        if rel.reltype.endswith("/image")
    ]
    assert len(header_images) == 1
    assert header_images[0].blob.startswith(b"\x89PNG")
    footer = section.footer.paragraphs[0]
    codes = [el.text.strip() for el in footer._p.iter() if el.tag.endswith("}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("pagina ") and " van " in footer.text


def test_without_a_logo_the_header_has_no_image(issued):
    header = read(stored(issued)).sections[0].header
    assert not [r for r in header.part.rels.values() if r.reltype.endswith("/image")]


def test_a_letter_issued_before_docx_files_were_stored_gets_one_at_its_first_download(
    issued, manager_client
):
    StatusLetter.objects.filter(pk=issued.pk).update(docx=None, docx_sha256="")
    first = manager_client.get(docx_url(issued)).content
    letter = StatusLetter.objects.get(pk=issued.pk)
    assert bytes(letter.docx) == first
    assert letter.docx_sha256 == hashlib.sha256(first).hexdigest()
    issued.organisation.name = "Gemeente Nieuw-Aland"
    issued.organisation.save()
    assert manager_client.get(docx_url(issued)).content == first


def test_only_an_issued_letter_stores_a_docx(draft):
    with pytest.raises(ValueError):
        services.letter_docx_store(letter=draft)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusLetter.objects.filter(pk=draft.pk).update(docx=b"PK", docx_sha256="0" * 64)


def test_a_stored_docx_always_has_its_hash(issued):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusLetter.objects.filter(pk=issued.pk).update(docx_sha256="")
