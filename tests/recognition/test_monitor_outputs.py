"""The progress report, the dossier and the public profile read a campaign only once it has
closed, and then all three show its snapshot's figures: the same, perturbed, carer share.

The PDFs are read back with pypdf. The pages go through the real date (the public profile asks
for today's figures), so the campaign's dates are set around the day the tests run.
"""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from monitor.charts import whole_percent
from monitor.models import Snapshot
from monitor.snapshots import latest_summary_for
from recognition import services
from recognition.rendering import dossier_pdf, progress_report_pdf
from tests.conftest import client_for
from tests.monitor.conftest import close, make_campaign
from tests.recognition.conftest import CARER, NOT_CARER, respond

TITLE = "Monitor werk en mantelzorg nu"
CARER_LABEL = "Medewerkers die voor iemand zorgen"
RESPONSES = 90
# Every answer to "do you care for someone?" holds at least 15 people, "no answer" too: with a
# true zero among them, the perturbation often lifts it to 1 or 2, which is then suppressed with
# the carers as its complement, and there would be no carer share to compare.
EXPECTING = {1: [3], 8: [3]}
SKIPPED = {8: [3]}


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as pypdf reads it, with runs of white space made one space."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def monitor_part(text: str) -> str:
    """What follows the heading "Laatste monitor" (the last section of both PDFs)."""
    return text.split("Laatste monitor", 1)[1]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def open_campaign(org_a, today):
    """An open campaign of 90 responses (30 carers), and a published profile that chose the
    carer share."""
    campaign = make_campaign(
        org_a,
        title=TITLE,
        opens_on=today - timedelta(days=20),
        closes_on=today + timedelta(days=20),
        invited_count=120,
    )
    respond(campaign, 30, CARER, today)
    respond(campaign, 30, NOT_CARER, today)
    respond(campaign, 15, EXPECTING, today)
    respond(campaign, 15, SKIPPED, today)
    services.profile_save(
        organisation=org_a,
        # It cannot choose the open campaign, nor a figure without a closed one (the model
        # refuses both); it is published all the same, to show the page never falls back on it.
        fields={"introduction": "Wij zorgen voor wie zorgt."},
        actions=[],
        partners=[],
    )
    services.profile_publish(organisation=org_a, publish=True, today=today)
    return campaign


def public_html(organisation) -> str:
    url = reverse("public:profile", kwargs={"slug": organisation.slug})
    response = client_for(None).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_no_output_shows_a_figure_of_an_open_campaign(open_campaign, org_a, today):
    for render in (progress_report_pdf, dossier_pdf):
        monitor = monitor_part(pdf_text(render(organisation=org_a, today=today)))
        assert "%" not in monitor, (render.__name__, monitor)
        assert TITLE not in monitor and not re.search(rf"\b{RESPONSES}\b", monitor), monitor
        assert "reacties" not in monitor, monitor
    html = public_html(org_a)
    assert "Wij zorgen voor wie zorgt." in html
    assert CARER_LABEL not in html and "%" not in html
    # Reading them closed nothing: the campaign is still open, without a snapshot.
    open_campaign.refresh_from_db()
    assert open_campaign.closed_on is None and not Snapshot.objects.exists()


def test_after_the_close_all_three_show_the_snapshots_carer_share(open_campaign, org_a, today):
    close(open_campaign, exact=False, today=today)  # with the random perturbation
    summary = latest_summary_for(organisation=org_a, today=today)
    assert summary.campaign == open_campaign and summary.response_count == RESPONSES
    share = summary.metrics["carer-share"]
    assert share is not None and abs(share - 100 * 30 / RESPONSES) < 10
    shown = f"{whole_percent(share)}%"
    for render in (progress_report_pdf, dossier_pdf):
        monitor = monitor_part(pdf_text(render(organisation=org_a, today=today)))
        assert f"“{TITLE}”: {RESPONSES} reacties." in monitor, (render.__name__, monitor)
        assert f"{CARER_LABEL} {shown}" in monitor, (render.__name__, monitor)
    # The profile shows a monitor's figure only once HR has chosen that (closed) monitor.
    assert CARER_LABEL not in public_html(org_a)
    services.profile_save(
        organisation=org_a,
        fields={"monitor_campaign": open_campaign, "monitor_metric": "carer-share"},
        actions=[],
        partners=[],
    )
    services.profile_publish(organisation=org_a, publish=True, today=today)  # the draft, public
    html = public_html(org_a)
    assert CARER_LABEL in html and f"{shown} ({TITLE})" in html
    # Every read agrees because each reads the one snapshot, written once at the close.
    assert Snapshot.objects.get().campaign_id == open_campaign.pk
