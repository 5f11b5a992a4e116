"""The managers' one-page progress report, read back."""

import io
from datetime import date

from django.urls import reverse
from pypdf import PdfReader

from recognition.rendering import progress_report_pdf
from tests.conftest import client_for
from tests.recognition.conftest import NOT_CARER, campaign_2025, pdf_pages, respond

TODAY = date(2025, 12, 1)


def test_the_report_is_one_page_with_pillars_actions_and_monitor(year_of_work, make_action):
    for number in range(12):  # more than a page could list
        make_action(year_of_work, title=f"Geplande actie {number}", year=2026)
    pdf = progress_report_pdf(organisation=year_of_work, today=TODAY)
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in ("Gemeente Aland", "Bespreken", "Beschrijven", "Bekwamen", "Borgen"):
        assert expected in text
    assert "Intranetpagina over werk en mantelzorg" in text  # done this year
    assert "Nog niet afgeronde voorlichting" in text  # open this year
    assert "Monitor werk en mantelzorg 2025" in text and "20 reacties" in text
    assert "50%" in text  # carers among the respondents
    # Every planned action is named, those past the list's first six in one line after it.
    flat = " ".join(text.split())
    for number in range(12):
        assert f"Geplande actie {number} (2026)" in flat, number
    assert "Ook gepland:" in flat and "en nog" not in flat
    assert "Erkenning" in text and "eisen op orde" in text  # readiness for the recognition
    reader = PdfReader(io.BytesIO(pdf))
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])


def test_a_monitor_below_the_minimum_shows_no_figure(org_a):
    respond(campaign_2025(org_a), 4, NOT_CARER, date(2025, 10, 2))
    text = pdf_pages(progress_report_pdf(organisation=org_a, today=TODAY))[0]
    monitor = text.split("Laatste monitor", 1)[1]
    assert "minder dan 5 reacties" in monitor
    assert "%" not in monitor and "4" not in monitor


def test_every_member_may_download_it(org_a, manager_a):
    url = reverse("recognition:progress_report", kwargs={"slug": org_a.slug})
    response = client_for(manager_a).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_a_following_support_advisor_may_not(org_a, advisor_a):
    """The report reads live data (the year so far): not the published programme."""
    url = reverse("recognition:progress_report", kwargs={"slug": org_a.slug})
    assert client_for(advisor_a).get(url).status_code == 403


def test_every_done_action_is_named_with_the_year_in_its_date(year_of_work, make_action):
    from programme.models import ActionStatus

    for number in range(8):
        make_action(
            year_of_work,
            title=f"Afgeronde actie {number}",
            status=ActionStatus.DONE,
            completed_date=date(2025, 11, 20),
        )
    flat = " ".join(
        pdf_pages(progress_report_pdf(organisation=year_of_work, today=TODAY))[0].split()
    )
    for number in range(8):
        assert f"Afgeronde actie {number}" in flat, number
    assert "(20 november 2025)" in flat and "Ook gedaan:" in flat
