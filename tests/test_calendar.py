"""The calendar feeds (notifications): secret, revocable links per organisation and per member,
parsed back with the `icalendar` package as Outlook and Google Calendar would read them."""

from datetime import date

import pytest
from icalendar import Calendar

from monitor.models import Campaign
from notifications import services
from notifications.models import CalendarFeed
from pillars.models import ChecklistItem, ItemProgress
from programme.models import Role
from recognition.models import Recognition, RecognitionStatus
from tests.conftest import client_for


def _item(n: int = 0) -> ChecklistItem:
    return ChecklistItem.objects.filter(organisation__isnull=True).order_by("pk")[n]


@pytest.fixture
def programme_a(org_a, hr_a, manager_a, make_action):
    """Dates of every kind in organisation A."""
    action = make_action(
        org_a,
        year=2026,
        title="Lunch; koffie, en taart\nvoor iedereen",
        planned_date=date(2026, 11, 10),
    )
    hr_item = ItemProgress.objects.create(
        organisation=org_a,
        item=_item(0),
        responsible_member=hr_a.memberships.get(),
        due_date=date(2026, 12, 1),
    )
    manager_item = ItemProgress.objects.create(
        organisation=org_a,
        item=_item(1),
        responsible_member=manager_a.memberships.get(),
        due_date=date(2026, 12, 15),
    )
    campaign = Campaign.objects.create(
        organisation=org_a,
        title="Monitor 2027",
        opens_on=date(2027, 1, 4),
        closes_on=date(2027, 1, 20),
    )
    recognition = Recognition.objects.create(
        organisation=org_a,
        status=RecognitionStatus.RECOGNISED,
        granted_on=date(2024, 3, 1),
        renewal_due=date(2027, 2, 1),
    )
    return {
        "action": action,
        "hr_item": hr_item,
        "manager_item": manager_item,
        "campaign": campaign,
        "recognition": recognition,
    }


@pytest.fixture
def programme_b(org_b, hr_b, make_action):
    make_action(org_b, year=2026, title="Geheim van Beekdal", planned_date=date(2026, 11, 12))
    Campaign.objects.create(
        organisation=org_b,
        title="Beekdal-monitor",
        opens_on=date(2027, 1, 5),
        closes_on=date(2027, 1, 9),
    )


def _fetch(url) -> Calendar:
    response = client_for(None).get(url)  # a calendar program: no session, no cookie
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, tuple]:
    return {
        str(e["uid"]): (e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT")
    }


def _org_feed_url(client, org) -> str:
    assert client.post(f"/o/{org.slug}/agenda/nieuw/").status_code == 302
    page = client.get(f"/o/{org.slug}/organisation/")
    assert page.status_code == 200
    url = page.context["sections"][0].data["path"]
    assert f"http://testserver{url}" in page.text  # shown to HR on the organisation page
    return url


def test_the_organisation_feed_has_every_date_and_nothing_of_another(
    org_a, hr_a, programme_a, programme_b
):
    url = _org_feed_url(client_for(hr_a), org_a)
    calendar = _fetch(url)
    assert str(calendar["version"]) == "2.0" and "PRODID" in calendar
    events = _events(calendar)
    p = programme_a
    domain = "@mantelzorgvriendelijk.invalid"
    assert events[f"action-{p['action'].pk}{domain}"][0] == date(2026, 11, 10)
    assert events[f"item-{p['hr_item'].pk}{domain}"][0] == date(2026, 12, 1)
    assert events[f"item-{p['manager_item'].pk}{domain}"][0] == date(2026, 12, 15)
    assert events[f"campaign-{p['campaign'].pk}-opens{domain}"] == (
        date(2027, 1, 4),
        "Monitor gaat open: Monitor 2027",
    )
    assert events[f"campaign-{p['campaign'].pk}-closes{domain}"][0] == date(2027, 1, 20)
    assert events[f"recognition-{p['recognition'].pk}-renewal{domain}"] == (
        date(2027, 2, 1),
        "Erkenning verlengen",
    )
    assert len(events) == 6
    text = client_for(None).get(url).content.decode()
    assert "Beekdal" not in text
    # All-day events (VALUE=DATE), a stamp on each, and the title's special characters escaped.
    assert "DTSTART;VALUE=DATE:20261110" in text
    assert text.count("DTSTAMP:") == 6
    assert "Lunch\\; koffie\\, en taart\\nvoor iedereen" in text
    summaries = [s for _d, s in events.values()]
    assert "Actie: Lunch; koffie, en taart\nvoor iedereen" in summaries


def test_uids_stay_the_same_from_one_fetch_to_the_next(org_a, hr_a, programme_a):
    url = _org_feed_url(client_for(hr_a), org_a)
    assert _events(_fetch(url)).keys() == _events(_fetch(url)).keys()


def test_a_new_link_revokes_the_old_and_switching_off_revokes_it(org_a, hr_a, programme_a):
    client = client_for(hr_a)
    old = _org_feed_url(client, org_a)
    new = _org_feed_url(client, org_a)
    assert old != new
    assert client_for(None).get(old).status_code == 404
    assert client_for(None).get(new).status_code == 200
    client.post(f"/o/{org_a.slug}/agenda/nieuw/", {"revoke": "1"})
    assert client_for(None).get(new).status_code == 404
    assert not CalendarFeed.objects.filter(organisation=org_a).exists()


def test_an_unknown_token_is_404(db):
    assert client_for(None).get("/agenda/" + "0" * 64 + ".ics").status_code == 404
    assert client_for(None).get("/agenda/nothing.ics").status_code == 404


def test_the_database_holds_no_working_link(org_a):
    token = services.organisation_feed_renew(organisation=org_a)
    feed = CalendarFeed.objects.get(organisation=org_a)
    assert token not in (feed.nonce, feed.token_hash)
    assert client_for(None).get(f"/agenda/{feed.nonce}.ics").status_code == 404
    assert client_for(None).get(f"/agenda/{feed.token_hash}.ics").status_code == 404
    assert client_for(None).get(f"/agenda/{token}.ics").status_code == 200


def test_only_hr_makes_the_organisation_link(org_a, manager_a):
    assert client_for(manager_a).post(f"/o/{org_a.slug}/agenda/nieuw/").status_code == 403
    page = client_for(manager_a).get(f"/o/{org_a.slug}/organisation/")
    assert "org-feed-url" not in page.text and page.context["sections"] == []


def test_the_member_feed_has_their_own_items_in_their_organisations_only(
    org_a, org_b, manager_a, programme_a, programme_b
):
    manager_a.language = "en"
    manager_a.save()
    client = client_for(manager_a)
    assert client.post("/mijn-instellingen/agenda/").status_code == 302
    page = client.get("/mijn-instellingen/")
    url = page.context["feed_path"]
    assert f"http://testserver{url}" in page.text
    events = _events(_fetch(url))
    p = programme_a
    uids = {uid.split("@")[0] for uid in events}
    # The manager's own item and the organisation-wide dates; not HR's item, nor the action,
    # which is nobody's; nothing of Beekdal, where the manager is no member.
    assert uids == {
        f"item-{p['manager_item'].pk}",
        f"campaign-{p['campaign'].pk}-opens",
        f"campaign-{p['campaign'].pk}-closes",
        f"recognition-{p['recognition'].pk}-renewal",
    }
    summaries = {s for _d, s in events.values()}
    assert "Gemeente Aland: Renew the recognition" in summaries  # in the member's language
    assert not any("Beekdal" in s for s in summaries)
    # Becoming a member of Beekdal brings its dates; leaving takes them away again.
    membership = org_b.memberships.create(user=manager_a, role=Role.MANAGER)
    assert any("Beekdal" in s for _d, s in _events(_fetch(url)).values())
    membership.delete()
    assert not any("Beekdal" in s for _d, s in _events(_fetch(url)).values())


def test_a_member_renews_and_switches_off_their_own_link(hr_a, manager_a):
    client = client_for(hr_a)
    client.post("/mijn-instellingen/agenda/")
    first = client.get("/mijn-instellingen/").context["feed_path"]
    client.post("/mijn-instellingen/agenda/")
    second = client.get("/mijn-instellingen/").context["feed_path"]
    assert client_for(None).get(first).status_code == 404
    assert client_for(None).get(second).status_code == 200
    # Another user's renewal is their own: it leaves this link alone.
    client_for(manager_a).post("/mijn-instellingen/agenda/")
    assert client_for(None).get(second).status_code == 200
    client.post("/mijn-instellingen/agenda/", {"revoke": "1"})
    assert client_for(None).get(second).status_code == 404
    assert client.get("/mijn-instellingen/").context["feed_path"] is None


def test_a_deactivated_members_feed_is_404(hr_a):
    token = services.user_feed_renew(user=hr_a)
    hr_a.is_active = False
    hr_a.save()
    assert client_for(None).get(f"/agenda/{token}.ics").status_code == 404
