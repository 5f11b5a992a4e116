"""The HR pages that run campaigns: list, create, edit, detail, close, roles and the admin.

While a campaign is open its pages show only coarse progress; closing is final and the only
moment its figures are computed.
"""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from monitor.models import AccessMode, Campaign, InboxEntry, Snapshot
from monitor.questionnaire import Q_CARER
from tests.conftest import client_for, with_second_factor
from tests.monitor.conftest import (
    TODAY,
    before_first_day,
    close,
    make_campaign,
    make_upcoming,
    move_first_day,
    submit,
)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def url(name, org, **kwargs):
    return reverse(f"monitor:{name}", kwargs={"slug": org.slug, **kwargs})


def valid_data(**changes):
    data = {
        "title": "Monitor 2027",
        "questionnaire_version": "2026.1",
        "opens_on": "2027-01-10",
        "closes_on": "2027-01-31",
        "invited_count": "250",
        "min_group_size": "5",
        "access_mode": AccessMode.OPEN_LINK,
    }
    return {**data, **changes}


def edit_data(campaign, **changes):
    """valid_data for an edit that keeps the campaign's own dates (an open campaign stays open)."""
    dates = {"opens_on": str(campaign.opens_on), "closes_on": str(campaign.closes_on)}
    return valid_data(**{**dates, **changes})


def respond(campaign, count: int) -> None:
    for _ in range(count):
        submit(campaign, {Q_CARER: [1]})


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def without_tokens(html: str) -> str:
    return re.sub(r'value="[^"]{20,}"', "", html)


def shows_number(html: str, number: int) -> bool:
    """Whether `number` appears in the page's text as a number of its own."""
    text = re.sub(r"<[^>]+>", " ", html)
    return re.search(rf"(?<![\w.,:/-]){number}(?![\w,:/-]|\.\d)", text) is not None


# --- List ----------------------------------------------------------------------------------------


def test_list_shows_each_campaign_with_its_state_and_only_coarse_progress(
    org_a, hr_client, campaign, closed_campaign
):
    make_campaign(
        org_a,
        title="Monitor 2027",
        opens_on=TODAY + timedelta(days=30),
        closes_on=TODAY + timedelta(days=60),
    )
    respond(campaign, 3)
    response = hr_client.get(url("campaign_list", org_a))
    rows = {row.campaign.title: row for row in response.context["rows"]}
    assert {title: row.state.value for title, row in rows.items()} == {
        "Monitor 2026": "open",
        "Monitor 2024": "closed",
        "Monitor 2027": "upcoming",
    }
    # Open: progress in steps of ten, never the count itself.
    assert rows["Monitor 2026"].response_count is None
    assert rows["Monitor 2026"].progress.at_least is None
    # The 2024 campaign was past its last day: the list closed it, with nobody responding.
    assert rows["Monitor 2024"].progress is None
    assert rows["Monitor 2024"].response_count is None
    closed_campaign.refresh_from_db()
    assert closed_campaign.closed_on == TODAY
    english_page = english(hr_client).get(url("campaign_list", org_a)).content.decode()
    assert "fewer than 10 responses" in english_page
    assert "too few to show" in english_page
    assert not shows_number(english_page, 3)


def test_list_says_at_least_20_for_23_responses_and_the_count_after_close(
    org_a, hr_client, campaign
):
    respond(campaign, 23)
    row = hr_client.get(url("campaign_list", org_a)).context["rows"][0]
    assert (row.response_count, row.response_rate) == (None, None)
    # 20 of 400 is 5%: below one step, so no rate is shown rather than "at least 0%".
    assert (row.progress.at_least, row.progress.rate_at_least) == (20, None)
    page = english(hr_client).get(url("campaign_list", org_a))
    html = page.content.decode()
    assert "at least 20 responses" in html
    assert not shows_number(html, 23)

    close(campaign)
    hr_client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    response = hr_client.get(url("campaign_list", org_a))
    row = response.context["rows"][0]
    assert (row.progress, row.response_count, row.response_rate) == (None, 23, 6)
    assert "23 <span" in response.content.decode()
    assert "(6% van 400 uitgenodigden)" in response.content.decode()


def test_list_gives_the_response_rate_only_when_the_number_invited_is_known(org_a, hr_client):
    campaign = make_campaign(org_a, invited_count=None)
    respond(campaign, 6)
    row = hr_client.get(url("campaign_list", org_a)).context["rows"][0]
    assert (row.progress.at_least, row.progress.rate_at_least) == (None, None)
    close(campaign)
    row = hr_client.get(url("campaign_list", org_a)).context["rows"][0]
    assert (row.response_count, row.response_rate) == (6, None)


def count_list_queries(client, org) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("campaign_list", org)).status_code == 200
    return len(queries)


def test_list_costs_the_same_queries_for_1_and_10_open_campaigns(
    org_a, hr_client, django_assert_max_num_queries
):
    respond(make_campaign(org_a), 2)
    with_one = count_list_queries(hr_client, org_a)
    for i in range(9):
        respond(make_campaign(org_a, title=f"Monitor {i}"), 1)
    with django_assert_max_num_queries(with_one):
        assert len(hr_client.get(url("campaign_list", org_a)).context["rows"]) == 10


def test_list_costs_the_same_queries_for_1_and_10_closed_campaigns(
    org_a, hr_client, django_assert_max_num_queries
):
    first = make_campaign(org_a)
    respond(first, 6)
    close(first)
    with_one = count_list_queries(hr_client, org_a)
    for i in range(9):
        other = make_campaign(org_a, title=f"Monitor {i}")
        respond(other, 6)
        close(other)
    with django_assert_max_num_queries(with_one):
        rows = hr_client.get(url("campaign_list", org_a)).context["rows"]
    assert len(rows) == 10 and {row.response_count for row in rows} == {6}


def test_managers_see_the_list_without_a_new_campaign_button(org_a, manager_a, campaign):
    response = client_for(manager_a).get(url("campaign_list", org_a))
    assert response.status_code == 200
    assert campaign.title in response.content.decode()
    assert url("campaign_create", org_a) not in response.content.decode()


def test_a_following_support_advisor_never_sees_the_campaigns(org_a, advisor_a, campaign):
    """Campaigns are the organisation's own work in progress; followers read closed results."""
    for name in ("campaign_list", "campaign_detail"):
        kwargs = {"pk": campaign.pk} if name == "campaign_detail" else {}
        assert client_for(advisor_a).get(url(name, org_a, **kwargs)).status_code == 403


def test_the_list_shows_no_campaign_of_another_organisation(org_a, hr_client, campaign_b):
    response = hr_client.get(url("campaign_list", org_a))
    assert response.context["rows"] == []
    assert campaign_b.title not in response.content.decode()


def test_the_navigation_links_to_the_monitor_and_marks_it_current(org_a, hr_client, campaign):
    page = hr_client.get(url("campaign_detail", org_a, pk=campaign.pk)).content.decode()
    assert f'href="{url("campaign_list", org_a)}" aria-current="page"' in page
    dashboard = hr_client.get(reverse("programme:dashboard", args=[org_a.slug])).content.decode()
    assert f'href="{url("campaign_list", org_a)}">' in dashboard


# --- Create and edit -----------------------------------------------------------------------------


def test_hr_advisor_creates_a_campaign(org_a, hr_client):
    response = hr_client.post(url("campaign_create", org_a), valid_data())
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("campaign_detail", org_a, pk=campaign.pk)
    assert (campaign.organisation, campaign.title, campaign.invited_count) == (
        org_a,
        "Monitor 2027",
        250,
    )
    assert len(campaign.key) >= 20


def test_a_minimum_group_below_5_is_refused(org_a, hr_client):
    response = hr_client.post(url("campaign_create", org_a), valid_data(min_group_size="4"))
    assert response.status_code == 200
    assert "min_group_size" in response.context["form"].errors
    assert not Campaign.objects.exists()


def test_a_closing_date_before_the_opening_date_is_refused(org_a, hr_client):
    data = valid_data(opens_on="2027-01-10", closes_on="2027-01-09")
    response = hr_client.post(url("campaign_create", org_a), data)
    assert response.context["form"].errors["closes_on"] == [
        "De sluitdatum kan niet vóór de openingsdatum liggen."
    ]
    assert 'class="alert alert-danger error-summary"' in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_campaign_may_open_and_close_on_the_same_day(org_a, hr_client):
    data = valid_data(opens_on="2027-01-10", closes_on="2027-01-10")
    assert hr_client.post(url("campaign_create", org_a), data).status_code == 302


def test_the_minimum_group_can_be_raised_after_responses(org_a, hr_client, campaign):
    respond(campaign, 1)
    data = edit_data(campaign, min_group_size="8", access_mode=campaign.access_mode)
    assert hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.min_group_size == 8


def test_the_minimum_group_cannot_be_lowered_once_the_campaign_opened(org_a, hr_client):
    campaign = make_upcoming(org_a, min_group_size=10)
    # The clock moves past the first day (see move_first_day); nobody has responded.
    move_first_day(campaign, TODAY)
    data = edit_data(campaign, min_group_size="6")
    response = english(hr_client).post(url("campaign_edit", org_a, pk=campaign.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors["min_group_size"] == [
        "The campaign has opened, so the minimum cannot be lowered below 10: a figure that was "
        "hidden must not appear later."
    ]
    campaign.refresh_from_db()
    assert campaign.min_group_size == 10
    respond(campaign, 1)
    hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), data)
    campaign.refresh_from_db()
    assert campaign.min_group_size == 10


def test_the_minimum_group_can_be_lowered_to_5_before_the_campaign_opens(org_a, hr_client):
    campaign = make_upcoming(org_a, min_group_size=10)
    response = hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), edit_data(campaign))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.min_group_size == 5


def test_version_and_access_are_fixed_once_the_campaign_opened(org_a, hr_client, campaign):
    # Open since a week, and nobody has responded: fixed all the same.
    assert not campaign.has_responses
    data = edit_data(campaign, access_mode=AccessMode.CODES, questionnaire_version="1999.1")
    response = hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.access_mode, campaign.questionnaire_version) == (
        AccessMode.OPEN_LINK,
        "2026.1",
    )
    assert campaign.title == "Monitor 2027"  # the rest did change
    form = hr_client.get(url("campaign_edit", org_a, pk=campaign.pk)).context["form"]
    assert {name for name, field in form.fields.items() if field.disabled} == {
        "questionnaire_version",
        "access_mode",
    }
    page = english(hr_client).get(url("campaign_edit", org_a, pk=campaign.pk)).content.decode()
    assert page.count("Can no longer be changed: the campaign has opened.") == 2
    assert "The campaign has opened: the minimum can be raised, not lowered." in page


def test_the_access_and_version_can_change_before_the_campaign_opens(org_a, hr_client):
    campaign = make_upcoming(org_a)
    form = hr_client.get(url("campaign_edit", org_a, pk=campaign.pk)).context["form"]
    assert not any(field.disabled for field in form.fields.values())
    data = edit_data(campaign, access_mode=AccessMode.CODES)
    assert hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.uses_codes
    page = english(hr_client).get(url("campaign_edit", org_a, pk=campaign.pk)).content.decode()
    assert "The campaign has opened" not in page
    assert "Can no longer be changed" not in page


def test_the_model_lets_an_upcoming_campaign_change_its_access_and_lower_its_minimum(org_a):
    campaign = make_upcoming(org_a, min_group_size=10)
    campaign.access_mode, campaign.min_group_size = AccessMode.CODES, 5
    campaign.full_clean()
    campaign.save()
    stored = Campaign.objects.get(pk=campaign.pk)
    assert (stored.access_mode, stored.min_group_size) == (AccessMode.CODES, 5)


def test_the_model_fixes_the_access_and_the_minimums_floor_on_the_first_day(org_a):
    campaign = make_upcoming(org_a, min_group_size=10)
    # The clock moves on to the first day (see move_first_day); nobody has responded.
    move_first_day(campaign, TODAY)
    assert not campaign.has_responses
    for name, value in (
        ("access_mode", AccessMode.CODES),
        ("questionnaire_version", "1999.1"),
        ("min_group_size", 9),
    ):
        stored = getattr(campaign, name)
        setattr(campaign, name, value)
        with pytest.raises(ValidationError) as refused:
            campaign.save()
        assert list(refused.value.message_dict) == [name]
        setattr(campaign, name, stored)
    campaign.min_group_size = 11  # raising it is still allowed
    campaign.save()
    stored = Campaign.objects.get(pk=campaign.pk)
    assert (stored.access_mode, stored.min_group_size) == (AccessMode.OPEN_LINK, 11)


def test_the_key_cannot_be_changed_through_the_form(org_a, hr_client, campaign):
    key = campaign.key
    hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), valid_data(key="chosen-key"))
    campaign.refresh_from_db()
    assert campaign.key == key


@pytest.mark.parametrize("name", ["campaign_create", "campaign_edit", "campaign_close"])
def test_a_manager_cannot_change_a_campaign(name, org_a, manager_client, campaign):
    kwargs = {} if name == "campaign_create" else {"pk": campaign.pk}
    assert manager_client.get(url(name, org_a, **kwargs)).status_code == 403
    assert manager_client.post(url(name, org_a, **kwargs), valid_data()).status_code == 403
    campaign.refresh_from_db()
    assert (campaign.title, Campaign.objects.count()) == ("Monitor 2026", 1)


@pytest.mark.parametrize(
    "name", ["campaign_detail", "campaign_edit", "campaign_close", "campaign_qr", "campaign_poster"]
)
def test_a_campaign_of_another_organisation_is_not_found(name, org_a, hr_client, campaign_b):
    assert hr_client.get(url(name, org_a, pk=campaign_b.pk)).status_code == 404
    assert hr_client.post(url(name, org_a, pk=campaign_b.pk)).status_code == 404
    campaign_b.refresh_from_db()
    assert campaign_b.closes_on > TODAY


def test_moving_an_open_campaigns_first_day_ahead_tells_nothing_of_its_responses(org_a, hr_client):
    fixed = []
    for responses in (0, 1):
        campaign = make_campaign(org_a, title=f"Monitor {responses}")
        respond(campaign, responses)
        later = edit_data(campaign, opens_on=str(TODAY + timedelta(days=1)))
        hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), later)
        detail = hr_client.get(url("campaign_detail", org_a, pk=campaign.pk))
        form = hr_client.get(url("campaign_edit", org_a, pk=campaign.pk)).context["form"]
        fixed.append((detail.context["is_fixed"], form.fields["access_mode"].disabled))
    assert fixed[0] == fixed[1]


# --- Detail --------------------------------------------------------------------------------------


def test_detail_shows_the_absolute_public_link_and_its_qr_code(org_a, hr_client, campaign):
    page = hr_client.get(url("campaign_detail", org_a, pk=campaign.pk)).content.decode()
    link = f"http://testserver/m/{campaign.key}/"
    assert f'<a href="{link}">{link}</a>' in page
    qr = url("campaign_qr", org_a, pk=campaign.pk)
    assert f'src="{qr}"' in page and f'alt="QR-code voor de link {link}"' in page
    assert url("campaign_poster", org_a, pk=campaign.pk) in page
    assert url("campaign_close", org_a, pk=campaign.pk) in page
    assert reverse("monitor:results", kwargs={"slug": org_a.slug, "pk": campaign.pk}) in page


def test_a_manager_reads_the_detail_without_the_buttons_that_change_it(
    org_a, manager_client, campaign, custom_question
):
    response = manager_client.get(url("campaign_detail", org_a, pk=campaign.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"/m/{campaign.key}/" in page and custom_question.text in page
    for name in ("campaign_edit", "campaign_close", "question_create"):
        assert url(name, org_a, pk=campaign.pk) not in page
    assert manager_client.get(url("campaign_poster", org_a, pk=campaign.pk)).status_code == 200
    assert manager_client.get(url("campaign_qr", org_a, pk=campaign.pk)).status_code == 200


def test_detail_shows_only_coarse_progress_while_open(org_a, hr_client, campaign):
    respond(campaign, 23)
    response = english(hr_client).get(url("campaign_detail", org_a, pk=campaign.pk))
    html = response.content.decode()
    assert response.context["response_count"] is None
    assert "at least 20 responses" in html
    assert "Results appear when the campaign has closed, from 8 December 2026." in html
    assert not shows_number(html, 23)
    assert "(6% of 400 invited)" not in html


def test_detail_shows_fewer_than_10_for_a_few_responses(org_a, hr_client, campaign):
    respond(campaign, 4)
    html = english(hr_client).get(url("campaign_detail", org_a, pk=campaign.pk)).content.decode()
    assert "fewer than 10 responses" in html
    assert not shows_number(html, 4)


def test_detail_counts_the_responses_and_the_rate_after_close(org_a, hr_client, campaign):
    respond(campaign, 23)
    close(campaign)
    page = hr_client.get(url("campaign_detail", org_a, pk=campaign.pk)).content.decode()
    assert "23 (6% van 400 uitgenodigden)" in page
    # Closed: nothing to close any more.
    assert url("campaign_close", org_a, pk=campaign.pk) not in page


@pytest.fixture
def custom_question(campaign):
    """The open campaign's own question, added as HR does: before the first day."""
    with before_first_day(campaign):
        return campaign.custom_questions.create(
            code=101, kind="single", text="Werk je op locatie?", options="Ja\nNee"
        )


def test_detail_says_the_questions_can_change_until_the_campaign_opens(org_a, hr_client):
    upcoming = make_upcoming(org_a)
    page = english(hr_client).get(url("campaign_detail", org_a, pk=upcoming.pk)).content.decode()
    assert "You can change the questions until the campaign opens." in page
    assert "The campaign has opened" not in page
    assert url("question_create", org_a, pk=upcoming.pk) in page


def test_detail_says_the_questions_are_fixed_from_the_first_day(org_a, hr_client, campaign):
    assert not campaign.has_responses
    page = english(hr_client).get(url("campaign_detail", org_a, pk=campaign.pk)).content.decode()
    assert (
        "The campaign has opened, so the questions can no longer change: answers to different "
        "questions cannot be counted together." in page
    )
    assert "You can change the questions until the campaign opens." not in page
    assert url("question_create", org_a, pk=campaign.pk) not in page


def test_the_first_response_changes_nothing_on_the_detail_and_edit_pages(
    org_a, hr_client, campaign, custom_question
):
    """Whether anyone responded shows nowhere: not in the lock of the questions, the access and
    the minimum, nor in the progress (fewer than one step either way)."""
    staff = client_for(
        with_second_factor(User.objects.create_superuser(email="beheer@example.org", password="x"))
    )
    pages = [
        (english(hr_client), url("campaign_detail", org_a, pk=campaign.pk)),
        (hr_client, url("campaign_edit", org_a, pk=campaign.pk)),
        (english(staff), reverse("admin:monitor_campaign_change", args=[campaign.pk])),
    ]

    def look() -> list[str]:
        return [without_tokens(client.get(page).content.decode()) for client, page in pages]

    before = look()
    # Fixed from the first day: the pages say so before anyone responded.
    assert "so the questions can no longer change" in before[0]
    assert "Can no longer be changed: the campaign has opened." in before[1]
    assert "fewer than 10 responses" in before[0]
    respond(campaign, 1)
    assert campaign.has_responses
    after = look()
    for page, (old, new) in zip(pages, zip(before, after, strict=True), strict=True):
        assert new == old, page[1]


# --- Close ---------------------------------------------------------------------------------------


def test_closing_asks_for_confirmation_first(org_a, hr_client, campaign):
    response = hr_client.get(url("campaign_close", org_a, pk=campaign.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html and 'type="checkbox" name="confirm"' in html
    campaign.refresh_from_db()
    assert campaign.is_open_on(TODAY) and campaign.closed_on is None


def test_closing_without_ticking_the_box_changes_nothing(org_a, hr_client, campaign):
    respond(campaign, 3)
    closes_on = campaign.closes_on
    # What a browser sends when the box is left unticked: the form, without "confirm".
    unticked = {"csrfmiddlewaretoken": "x" * 32}
    response = english(hr_client).post(url("campaign_close", org_a, pk=campaign.pk), unticked)
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    assert "Tick the box to confirm that you want to close for good." in response.content.decode()
    campaign.refresh_from_db()
    assert (campaign.closed_on, campaign.closes_on) == (None, closes_on)
    assert campaign.is_open_on(TODAY)
    assert not Snapshot.objects.exists()
    assert InboxEntry.objects.count() == 3
    # Nor does a POST without any body.
    assert hr_client.post(url("campaign_close", org_a, pk=campaign.pk)).status_code == 200
    campaign.refresh_from_db()
    assert campaign.closed_on is None and not Snapshot.objects.exists()


def test_closing_ends_the_campaign_today_and_computes_the_results(org_a, hr_client, campaign):
    respond(campaign, 23)
    response = hr_client.post(url("campaign_close", org_a, pk=campaign.pk), {"confirm": "on"})
    assert response["Location"] == url("campaign_detail", org_a, pk=campaign.pk)
    campaign.refresh_from_db()
    assert campaign.state_on(TODAY) == "closed"
    assert (campaign.closed_on, campaign.closes_on) == (TODAY, TODAY)
    assert campaign.opens_on == TODAY - timedelta(days=7)
    assert Snapshot.objects.get(campaign=campaign).response_count == 23
    assert not InboxEntry.objects.exists()
    results = hr_client.get(reverse("monitor:results", args=[org_a.slug, campaign.pk]))
    assert results.context["summary"].is_publishable
    assert '<p class="stat mb-0" id="response-count">23</p>' in results.content.decode()


def test_a_campaign_that_opened_today_can_be_closed(org_a, hr_client):
    campaign = make_campaign(org_a, opens_on=TODAY)
    hr_client.post(url("campaign_close", org_a, pk=campaign.pk), {"confirm": "on"})
    campaign.refresh_from_db()
    assert not campaign.is_open_on(TODAY)
    assert campaign.opens_on == campaign.closes_on == campaign.closed_on == TODAY


def test_a_campaign_that_has_not_opened_cannot_be_closed(org_a, hr_client):
    campaign = make_campaign(org_a, opens_on=TODAY + timedelta(days=3))
    closes_on = campaign.closes_on
    response = hr_client.post(
        url("campaign_close", org_a, pk=campaign.pk), {"confirm": "on"}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    campaign.refresh_from_db()
    assert (campaign.closes_on, campaign.closed_on) == (closes_on, None)
    assert not Snapshot.objects.exists()


def test_a_closed_campaign_cannot_be_closed_again(org_a, hr_client, campaign):
    respond(campaign, 6)
    closed = hr_client.post(
        url("campaign_close", org_a, pk=campaign.pk), {"confirm": "on"}, follow=True
    )
    assert [m.level_tag for m in closed.context["messages"]] == ["success"]
    snapshot = Snapshot.objects.get(campaign=campaign)
    response = hr_client.post(
        url("campaign_close", org_a, pk=campaign.pk), {"confirm": "on"}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert list(Snapshot.objects.values_list("data", flat=True)) == [snapshot.data]


def test_after_closing_the_respondent_pages_say_it_is_closed(org_a, hr_client, campaign):
    hr_client.post(url("campaign_close", org_a, pk=campaign.pk), {"confirm": "on"})
    respondent = english(Client())
    html = respondent.get(f"/m/{campaign.key}/").content.decode()
    assert "This monitor closed on 23 November 2026. You can no longer respond." in html
    assert ">Start</button>" not in html
    sent = respondent.post(f"/m/{campaign.key}/caregiving/", {"state": "x", "q1": "2"})
    assert "This monitor closed on 23 November 2026." in sent.content.decode()
    assert not InboxEntry.objects.exists()


# --- Closing is final ----------------------------------------------------------------------------


def test_a_closed_campaign_cannot_be_moved_into_the_future(org_a, hr_client, campaign):
    respond(campaign, 6)
    close(campaign)
    data = valid_data(
        title="Monitor 2026 (hernoemd)",
        opens_on=str(TODAY),
        closes_on=str(TODAY + timedelta(days=30)),
        min_group_size="5",
    )
    response = hr_client.post(url("campaign_edit", org_a, pk=campaign.pk), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.opens_on, campaign.closes_on, campaign.closed_on) == (
        TODAY - timedelta(days=7),
        TODAY,
        TODAY,
    )
    assert campaign.invited_count == 400
    assert campaign.title == "Monitor 2026 (hernoemd)"  # only the title can still be corrected
    assert campaign.state_on(TODAY) == "closed"
    assert Snapshot.objects.filter(campaign=campaign).count() == 1
    assert "closed on" in english(Client()).get(f"/m/{campaign.key}/").content.decode()


def test_the_form_of_a_closed_campaign_shows_its_fields_disabled(org_a, hr_client, campaign):
    close(campaign)
    form = hr_client.get(url("campaign_edit", org_a, pk=campaign.pk)).context["form"]
    assert {name for name, field in form.fields.items() if not field.disabled} == {"title"}
    html = hr_client.get(url("campaign_edit", org_a, pk=campaign.pk)).content.decode()
    assert re.search(r'<input[^>]*name="closes_on"[^>]*disabled', html)
    assert not re.search(r'<input[^>]*name="title"[^>]*disabled', html)


def test_a_due_campaign_is_closed_by_the_first_look_at_its_detail_page(
    org_a, hr_client, closed_campaign
):
    respond_on = closed_campaign.closes_on
    for _ in range(6):
        submit(closed_campaign, {Q_CARER: [2]}, today=respond_on)
    assert closed_campaign.closed_on is None and not Snapshot.objects.exists()
    response = hr_client.get(url("campaign_detail", org_a, pk=closed_campaign.pk))
    assert response.status_code == 200
    closed_campaign.refresh_from_db()
    assert closed_campaign.closed_on == TODAY
    assert closed_campaign.closes_on == date(2024, 10, 31)  # not moved: it closed by itself
    assert Snapshot.objects.get(campaign=closed_campaign).response_count == 6
    assert response.context["response_count"] == 6


def test_a_due_campaign_cannot_be_moved_into_the_future_either(org_a, hr_client, closed_campaign):
    data = valid_data(opens_on="2024-10-01", closes_on=str(TODAY + timedelta(days=30)))
    hr_client.post(url("campaign_edit", org_a, pk=closed_campaign.pk), data)
    closed_campaign.refresh_from_db()
    assert closed_campaign.closes_on == date(2024, 10, 31)
    assert closed_campaign.closed_on == TODAY  # the edit page closed it first
    assert not closed_campaign.is_open_on(TODAY)
    assert "closed on" in english(Client()).get(f"/m/{closed_campaign.key}/").content.decode()


def test_the_model_refuses_to_reopen_a_due_campaign_from_the_shell(closed_campaign):
    # Nobody looked at it since its last day, so it has not closed yet; it still cannot move.
    closed_campaign.closes_on = TODAY + timedelta(days=30)
    with pytest.raises(ValidationError) as refused:
        closed_campaign.save()
    assert "closes_on" in refused.value.message_dict
    closed_campaign.refresh_from_db()
    assert closed_campaign.closes_on == date(2024, 10, 31)


def test_the_model_refuses_to_change_a_closed_campaign_or_its_closing_day(campaign):
    close(campaign)
    campaign.refresh_from_db()
    for name, value in (
        ("closes_on", TODAY + timedelta(days=30)),
        ("min_group_size", 10),
        ("access_mode", AccessMode.CODES),
        ("closed_on", None),
    ):
        stored = getattr(campaign, name)
        setattr(campaign, name, value)
        with pytest.raises(ValidationError):
            campaign.full_clean()
        with pytest.raises(ValidationError):
            campaign.save()
        setattr(campaign, name, stored)
    campaign.refresh_from_db()
    assert (campaign.closes_on, campaign.closed_on) == (TODAY, TODAY)


# --- Admin ---------------------------------------------------------------------------------------


def test_platform_staff_manage_campaigns_departments_and_reference_figures(db, campaign):
    staff = with_second_factor(
        User.objects.create_superuser(email="beheer@example.org", password="x")
    )
    client = client_for(staff)
    for name in ("campaign", "department", "referencefigure"):
        changelist = reverse(f"admin:monitor_{name}_changelist")
        assert client.get(changelist).status_code == 200, name
    change = client.get(reverse("admin:monitor_campaign_change", args=[campaign.pk]))
    assert change.status_code == 200
    assert campaign.key not in change.content.decode()


def test_raw_anonymous_data_is_not_in_the_admin():
    from django.contrib import admin

    registered = {model._meta.model_name for model in admin.site._registry}
    assert {"campaign", "department", "referencefigure"} <= registered
    assert not registered & {
        "inboxentry",
        "answertally",
        "textanswer",
        "snapshot",
        "accesscode",
        "submissionreceipt",
    }


def test_the_admin_shows_a_closed_campaigns_dates_read_only(db, campaign):
    close(campaign)
    staff = with_second_factor(
        User.objects.create_superuser(email="beheer@example.org", password="x")
    )
    change = client_for(staff).get(reverse("admin:monitor_campaign_change", args=[campaign.pk]))
    html = change.content.decode()
    assert 'name="title"' in html
    for name in ("opens_on", "closes_on", "min_group_size", "access_mode"):
        assert f'name="{name}"' not in html, name
