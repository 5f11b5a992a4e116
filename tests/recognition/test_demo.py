"""`manage.py seed_demo` gives Gemeente Voorbeeldstad an issued 2025 letter and a 2026 draft."""

import hashlib
import io
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from programme.models import Organisation
from recognition.models import LetterState, StatusLetter
from tests.recognition.conftest import pdf_pages


@pytest.fixture
def voorbeeldstad(db, settings) -> Organisation:
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())
    return Organisation.objects.get(slug="gemeente-voorbeeldstad")


def test_the_demo_has_an_issued_2025_letter_and_a_2026_draft(voorbeeldstad):
    letters = StatusLetter.objects.filter(organisation=voorbeeldstad)
    assert sorted(letters.values_list("year", "state")) == [
        (2025, LetterState.ISSUED),
        (2026, LetterState.DRAFT),
    ]
    issued = letters.get(year=2025)
    pdf = bytes(issued.pdf)
    assert issued.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    pages = pdf_pages(pdf)
    assert len(pages) == 3
    text = "\n".join(pages)
    assert "Terugblik 2025" in text and "Vooruitblik 2026" in text
    assert "Posters over werk en mantelzorg op alle locaties" in text  # done in 2025
    assert "P. de Wit" in text and "M. van den Berg" in text
    assert "CONCEPT" not in text
    assert voorbeeldstad.logo  # drawn by the demo, printed in the letterhead
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


def test_seeding_again_keeps_the_issued_letter_and_refreshes_the_draft(voorbeeldstad):
    issued = StatusLetter.objects.get(organisation=voorbeeldstad, year=2025)
    call_command("seed_demo", stdout=StringIO())
    again = StatusLetter.objects.get(organisation=voorbeeldstad, year=2025)
    assert (again.pk, again.pdf_sha256, bytes(again.pdf)) == (
        issued.pk,
        issued.pdf_sha256,
        bytes(issued.pdf),
    )
    assert StatusLetter.objects.filter(organisation=voorbeeldstad, year=2026).count() == 1
