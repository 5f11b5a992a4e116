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
from tests.conftest import client_for, with_second_factor
from tests.recognition.conftest import closing_pages, pdf_pages


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
    assert len(pages) == 4  # the Terugblik and Vooruitblik in prose
    text = "\n".join(pages)
    assert "Terugblik 2025" in text and "Vooruitblik 2026" in text
    assert "op de andere locaties hangen posters" in " ".join(text.split())  # done in 2025
    assert "P. de Wit" in text and "M. van den Berg" in text
    assert "CONCEPT" not in text
    assert voorbeeldstad.logo  # drawn by the demo, printed in the letterhead
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


def flat(pdf: bytes) -> str:
    """The PDF's text as one line: pdftotext breaks lines where the page does."""
    return " ".join(" ".join(pdf_pages(pdf)).split())


def test_the_issued_2025_letter_reads_as_a_council_letter(voorbeeldstad):
    text = flat(bytes(StatusLetter.objects.get(organisation=voorbeeldstad, year=2025).pdf))
    # The Terugblik in the actions' own descriptions, the work still going said as such.
    assert "Twee P&O-adviseurs zijn het vaste aanspreekpunt voor medewerkers" in text
    assert (
        "Samen met een extern opleidingsbureau werken we aan lesmateriaal waarmee "
        "leidinggevenden leren het gesprek over zorgtaken te openen en vol te houden. Dit werk "
        "loopt nog en moet op 15 december 2025 klaar zijn."
    ) in text
    assert "Dit werk is vertraagd: het stond gepland voor 28 november 2025" in text
    assert "Rond de Dag van de Mantelzorg op 10 november 2025" in text
    assert "checklistpunt" not in text.lower()
    assert (
        "Sinds 10 november 2023 zijn wij erkend als mantelzorgvriendelijke werkgever; de "
        "erkenning loopt tot 10 november 2027 en wij vragen de verlenging aan in april 2027."
    ) in text
    # The monitor part: the closed 2025 campaign, what follows from it, the plan framed.
    assert "hielden wij de monitor “Monitor werk en mantelzorg 2025”" in text
    assert "Naar aanleiding van de monitor hebben wij deze actie opgepakt: “Maak mantelzorg" in text
    assert "Vooruitblik 2026 e.v. Mantelzorg hoort bij ons beleid voor duurzame inzetbaarheid" in (
        text
    )


def test_the_2026_draft_never_reports_the_open_2026_campaign(voorbeeldstad):
    draft = StatusLetter.objects.get(organisation=voorbeeldstad, year=2026)
    monitor = draft.sections.get(kind="monitor").body
    assert draft.campaign is None and draft.monitor_figures == []
    assert monitor.startswith("In 2026 is nog geen monitor afgesloten.")
    assert "%" not in monitor
    review = draft.sections.get(kind="review").body
    assert " wij " in draft.sections.get(kind="intro").body
    assert "checklist" not in review.lower()


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
    assert "Steunpunt Mantelzorg Voorbeeldregio" in html
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
    # The demo's HR advisors need a second step: this one has set up an authenticator app.
    hr = with_second_factor(voorbeeldstad.memberships.get(role="hr").user)
    html = client_for(hr).get("/o/gemeente-voorbeeldstad/").content.decode()
    assert 'id="dashboard-readiness"' in html
    assert "Erkend sinds 10 november 2023" in html and "geldig tot 10 november 2027" in html


def test_the_demo_letters_keep_the_closing_with_every_signature(voorbeeldstad):
    from recognition.rendering import letter_pdf

    for letter in StatusLetter.objects.filter(organisation=voorbeeldstad):
        pdf = bytes(letter.pdf) if letter.is_issued else letter_pdf(letter=letter)
        assert len(closing_pages(letter, pdf)) == 1, letter.year
        first = pdf_pages(pdf)[0]
        assert first.count(letter.subject) == 1, letter.year  # the subject printed once
        assert "Behandeld door" in first and "Ons kenmerk" in first


def test_the_demo_draft_follows_up_on_the_issued_letter(voorbeeldstad):
    draft = StatusLetter.objects.get(organisation=voorbeeldstad, year=2026)
    assert draft.occasion == (
        "Deze brief is een vervolg op onze brief van 9 december 2025 (kenmerk P&O/2025/1209-MZ)."
    )
