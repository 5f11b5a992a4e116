"""Section texts are plain text: paragraphs and bullets, and anything like HTML stays text."""

import pytest
from django.urls import reverse

from recognition import services
from recognition.letter_text import Block, blocks_of
from recognition.rendering import letter_pdf
from tests.recognition.conftest import pdf_pages, section

SCRIPT = "<script>alert('brief')</script> & <b>vet</b>"


def test_blank_lines_separate_paragraphs_and_dashes_make_bullets():
    text = (
        "Eerste zin\nloopt door.\n\nIn 2025:\n- een actie\n  die doorloopt\n"
        "* nog een\n• en een derde\nSlot."
    )
    assert blocks_of(text) == [
        Block("p", ("Eerste zin loopt door.",)),
        Block("p", ("In 2025:",)),
        Block("ul", ("een actie die doorloopt", "nog een", "en een derde")),
        Block("p", ("Slot.",)),
    ]


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\r\n"])
def test_an_empty_text_has_no_blocks(text):
    assert blocks_of(text) == []


@pytest.fixture
def letter_with_script(draft):
    goal = section(draft, "goal")
    services.letter_update(
        letter=draft,
        fields={"subject": "Brief <i>2025</i>"},
        sections={goal.pk: {"title": "Het <u>doel</u>", "body": f"{SCRIPT}\n\n- {SCRIPT}"}},
        signatories=[("A. <Secretaris>", "de secretaris"), ("B. Burgemeester", "de burgemeester")],
    )
    return draft


def test_script_in_a_section_is_shown_as_text_in_the_preview(letter_with_script, hr_client):
    url = reverse(
        "recognition:letter_detail",
        kwargs={"slug": letter_with_script.organisation.slug, "pk": letter_with_script.pk},
    )
    html = hr_client.get(url).content.decode()
    assert "<script>alert" not in html and "<b>vet" not in html and "<u>doel" not in html
    assert (
        "&lt;script&gt;alert(&#x27;brief&#x27;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in html
    )
    assert "<li>&lt;script&gt;" in html
    assert "A. &lt;Secretaris&gt;" in html


def test_script_in_a_section_is_printed_as_text_in_the_pdf(letter_with_script):
    text = "\n".join(pdf_pages(letter_pdf(letter=letter_with_script)))
    assert SCRIPT in text
    assert "Het <u>doel</u>" in text and "A. <Secretaris>" in text
