"""What one app reads of another never comes from another organisation.

Letters, readiness, the progress report, the dossier and the dashboard read the monitor through
monitor.snapshots, and the recognition and the pillars through their selectors. Here organisation
B has everything those reads could pick (a closed monitor with results, a planned one, an open
one, a letter, a recognition, an overdue item of its own) and organisation A has nothing: every
read for A must come back empty. The same reads for B find B's data, so that the setup would be
picked if a read forgot the organisation.
"""

from datetime import date, timedelta

import pytest
from django.http import Http404

from monitor import snapshots
from monitor.results import summary_for
from pillars import selectors as pillar_selectors
from pillars import services as pillar_services
from pillars.models import Pillar
from programme.dashboard import panels_for
from programme.scoping import OrgContext
from recognition import selectors as recognition_selectors
from recognition import services as recognition_services
from recognition.compose import letter_draft
from recognition.models import PublicProfile, Recognition, RecognitionStatus
from recognition.readiness import readiness_for
from tests.monitor.conftest import make_campaign
from tests.recognition.conftest import (
    CARER,
    NOT_CARER,
    campaign_2025,
    close_after_last_day,
    respond,
)

TODAY = date(2025, 12, 9)


@pytest.fixture
def b_has_everything(org_b, hr_b):
    """Organisation B's data of every kind a cross-app read could pick."""
    closed = campaign_2025(org_b)
    respond(closed, 10, CARER, date(2025, 10, 15))
    respond(closed, 10, NOT_CARER, date(2025, 10, 15))
    closed = close_after_last_day(closed)
    planned = make_campaign(
        org_b, title="Monitor 2026", opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)
    )
    still_open = make_campaign(
        org_b,
        title="Monitor december",
        opens_on=TODAY - timedelta(days=5),
        closes_on=TODAY + timedelta(days=5),
    )
    letter = recognition_services.letter_compose(
        organisation=org_b, year=2025, language="nl", today=TODAY
    )
    Recognition.objects.create(
        organisation=org_b,
        status=RecognitionStatus.RECOGNISED,
        applied_on=date(2024, 1, 10),
        granted_on=date(2024, 3, 1),
        valid_until=date(2027, 3, 1),
    )
    item = pillar_services.item_add_own(
        organisation=org_b,
        pillar=Pillar.objects.get(key="borgen"),
        text="Mantelzorgcafé van Beekdal",
        guidance="",
        counts_for_recognition=False,
    )
    pillar_services.progress_update(
        organisation=org_b,
        item=item,
        by=hr_b,
        fields={"status": "open", "due_date": date(2025, 6, 1)},
        today=TODAY,
    )
    return {
        "closed": closed,
        "planned": planned,
        "open": still_open,
        "letter": letter,
        "item": item,
    }


def test_the_setup_would_be_picked_for_its_own_organisation(org_b, b_has_everything):
    """The positive control: each read below finds B's data for B."""
    b = b_has_everything
    assert snapshots.latest_closed_campaign(organisation=org_b, today=TODAY) == b["closed"]
    assert snapshots.latest_summary_for(organisation=org_b, today=TODAY).is_publishable
    assert snapshots.campaign_closed_in(organisation=org_b, year=2025, today=TODAY) == b["closed"]
    assert snapshots.next_planned_campaign(organisation=org_b, today=TODAY) == b["open"]
    assert (
        snapshots.next_planned_campaign(organisation=org_b, today=TODAY, year=2026) == b["planned"]
    )
    since = date(2024, 1, 1)
    found = snapshots.publishable_campaign_since(organisation=org_b, since=since, today=TODAY)
    assert found == b["closed"]
    assert letter_draft(organisation=org_b, year=2025, today=TODAY).campaign == b["closed"]
    assert b["letter"].campaign == b["closed"]
    assert list(recognition_selectors.letters_for(organisation=org_b, include_drafts=True)) == [
        b["letter"]
    ]
    assert recognition_selectors.current_recognition(organisation=org_b) is not None
    assert _monitor_requirement(org_b).is_met
    assert b["item"].pk in _item_pks(org_b)
    assert b["item"].pk in {row.item.pk for row in _overdue(org_b)}


def test_the_monitor_reads_never_return_another_organisations_campaign(org_a, b_has_everything):
    assert snapshots.latest_closed_campaign(organisation=org_a, today=TODAY) is None
    assert snapshots.latest_summary_for(organisation=org_a, today=TODAY) is None
    assert snapshots.campaign_closed_in(organisation=org_a, year=2025, today=TODAY) is None
    assert snapshots.next_planned_campaign(organisation=org_a, today=TODAY) is None
    assert snapshots.next_planned_campaign(organisation=org_a, today=TODAY, year=2026) is None
    since = date(2024, 1, 1)
    assert (
        snapshots.publishable_campaign_since(organisation=org_a, since=since, today=TODAY) is None
    )


def test_an_organisations_own_older_campaign_is_found_not_the_others_newer_one(
    org_a, b_has_everything
):
    own = campaign_2025(org_a, opens_on=date(2025, 9, 1), closes_on=date(2025, 9, 30))
    respond(own, 10, CARER, date(2025, 9, 15))
    own = close_after_last_day(own)
    assert snapshots.latest_closed_campaign(organisation=org_a, today=TODAY) == own
    assert snapshots.campaign_closed_in(organisation=org_a, year=2025, today=TODAY) == own
    since = date(2024, 1, 1)
    assert snapshots.publishable_campaign_since(organisation=org_a, since=since, today=TODAY) == own
    summary = snapshots.latest_summary_for(organisation=org_a, today=TODAY)
    assert summary.response_count == summary_for(campaign=own).response_count == 10


def test_a_letter_reports_only_its_own_organisations_monitor(org_a, b_has_everything):
    draft = letter_draft(organisation=org_a, year=2025, today=TODAY)
    assert draft.campaign is None and draft.monitor_figures == []
    # Nor does it announce the other organisation's monitor that closes later this year.
    assert not any("Monitor december" in section.body for section in draft.sections)
    letter = recognition_services.letter_compose(
        organisation=org_a, year=2025, language="nl", today=TODAY
    )
    assert letter.campaign is None
    assert "Monitor werk en mantelzorg 2025" not in " ".join(s.body for s in letter.sections.all())


def _monitor_requirement(organisation):
    readiness = readiness_for(organisation=organisation, today=TODAY)
    requirements = [
        requirement
        for pillar in readiness.pillars
        for requirement in pillar.requirements
        if "/monitor/" in requirement.fix_url
    ]
    assert len(requirements) == 1, requirements
    return requirements[0]


def test_readiness_counts_only_its_own_organisations_monitor(org_a, b_has_everything):
    assert not _monitor_requirement(org_a).is_met


def _dashboard(organisation, user) -> dict:
    membership = user.memberships.get()
    ctx = OrgContext(organisation=organisation, membership=membership, role=membership.role)
    return {panel.template: panel.data for panel in panels_for(ctx, TODAY)}


def test_the_dashboard_panels_show_nothing_of_another_organisation(org_a, hr_a, b_has_everything):
    panels = _dashboard(org_a, hr_a)
    monitor = panels["monitor/dashboard_panel.html"]
    assert monitor["summary"] is None and monitor["open_campaign"] is None
    letters = panels["recognition/dashboard_panel.html"]
    assert letters == {"issued": None, "draft": None}
    standing = panels["recognition/dashboard_recognition.html"]["standing"]
    assert standing.recognised_since is None


def test_the_dashboard_panels_of_the_other_organisation_do_show_its_data(
    org_b, hr_b, b_has_everything
):
    """The positive control of the test above."""
    panels = _dashboard(org_b, hr_b)
    monitor = panels["monitor/dashboard_panel.html"]
    assert monitor["summary"] is not None and monitor["open_campaign"] == b_has_everything["open"]
    assert panels["recognition/dashboard_panel.html"]["draft"] == b_has_everything["letter"]
    standing = panels["recognition/dashboard_recognition.html"]["standing"]
    assert standing.recognised_since == date(2024, 3, 1)


def test_the_recognition_reads_never_return_another_organisations_letters(org_a, b_has_everything):
    assert not recognition_selectors.letters_for(organisation=org_a, include_drafts=True).exists()
    with pytest.raises(Http404):
        recognition_selectors.letter_of(organisation=org_a, pk=b_has_everything["letter"].pk)
    assert recognition_selectors.current_recognition(organisation=org_a) is None
    assert recognition_selectors.recognition_history(organisation=org_a) == []


def test_a_profile_never_shows_another_organisations_monitor_figure(org_a, org_b, b_has_everything):
    """Even when the campaign was put in past the model's check (the shell, a bad import)."""
    closed = b_has_everything["closed"]
    for organisation in (org_a, org_b):
        profile = PublicProfile.objects.create(organisation=organisation)
        PublicProfile.objects.filter(pk=profile.pk).update(
            monitor_metric="carer-share", monitor_campaign=closed
        )
    page_b = recognition_selectors.profile_page(
        profile=PublicProfile.objects.get(organisation=org_b), today=TODAY, published=False
    )
    assert page_b.monitor_figure is not None  # the positive control
    page_a = recognition_selectors.profile_page(
        profile=PublicProfile.objects.get(organisation=org_a), today=TODAY, published=False
    )
    assert page_a.monitor_figure is None


def _item_pks(organisation) -> set[int]:
    rows = pillar_selectors.checklist_for(organisation=organisation, today=TODAY)
    return {row.item.pk for row in rows}


def _overdue(organisation):
    return pillar_selectors.overdue_items(organisation=organisation, today=TODAY)


def test_the_pillar_reads_never_return_another_organisations_items(org_a, b_has_everything):
    assert b_has_everything["item"].pk not in _item_pks(org_a)
    assert _overdue(org_a) == []
