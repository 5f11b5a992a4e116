"""`manage.py seed_demo` gives Gemeente Voorbeeldstad an issued 2025 letter and a 2026 draft."""

import hashlib
import io
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from monitor.charts import whole_percent
from monitor.results import summary_for
from programme.models import Organisation
from recognition.models import LetterState, StatusLetter
from tests.conftest import client_for
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


def test_the_demo_is_recognised_with_its_history_and_a_published_profile(voorbeeldstad):
    current, earlier = voorbeeldstad.recognitions.order_by("-created_at", "-pk")
    assert (current.status, str(current.granted_on)) == ("erkend", "2023-11-10")
    assert earlier.status == "verlopen"
    response = client_for(None).get("/erkend/gemeente-voorbeeldstad/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Erkend mantelzorgvriendelijk sinds 10 november 2023" in html
    assert "Nieuwe meting met de Werk&amp;Mantelzorg-monitor" in html  # a chosen plan for 2027
    assert "Steunpunt Mantelzorg Voorbeeldstad" in html
    # The parts of a profile like Enschede's: awareness, the guide, the links, the logo.
    assert "Zo maken we medewerkers bewust van het thema" in html
    assert "Adviesbureau Zorg &amp; Werk Oost" in html
    assert 'href="https://www.voorbeeldstad.nl" rel="noopener"' in html
    assert 'src="/erkend/gemeente-voorbeeldstad/logo/"' in html
    # The chosen monitor figure: carers among the respondents of the monitor HR chose, the
    # closed 2025 one (320 respondents), as its snapshot holds it. The close perturbs every count
    # but the total, so the share is about a quarter (the demo's proportion) but not necessarily
    # exactly the 24% of the generated answers.
    chosen = voorbeeldstad.public_profile.monitor_campaign
    assert chosen.title == "Monitor werk en mantelzorg 2025" and chosen.is_closed
    summary = summary_for(campaign=chosen)
    assert summary.is_publishable
    share = whole_percent(summary.metrics["carer-share"])
    assert 20 <= share <= 28
    assert f"{share}% (Monitor werk en mantelzorg 2025)" in html


def test_the_dashboard_shows_readiness_and_the_recognition(voorbeeldstad):
    hr = voorbeeldstad.memberships.get(role="hr").user
    html = client_for(hr).get("/o/gemeente-voorbeeldstad/").content.decode()
    assert 'id="dashboard-readiness"' in html
    assert "Erkend sinds 10 november 2023" in html and "geldig tot 10 november 2027" in html
