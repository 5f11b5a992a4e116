"""The public statements: anyone reads them, in Dutch and in English, without an account."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import client_for
from tests.statements.conftest import in_english

GENERAL = [
    ("statements:members_privacy", "Privacyverklaring voor leden", "Privacy statement for members"),
    (
        "statements:respondent_privacy",
        "Privacyverklaring voor de monitor",
        "Privacy statement for the monitor",
    ),
    ("statements:accessibility", "Toegankelijkheidsverklaring", "Accessibility statement"),
]


@pytest.mark.parametrize(("name", "dutch", "english"), GENERAL)
def test_each_general_statement_opens_for_anonymous_visitors_in_both_languages(
    db, name, dutch, english
):
    client = client_for(None)
    page = reverse(name)
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html and dutch in html
    in_english(client, page)
    html = client.get(page).content.decode()
    assert '<html lang="en">' in html and english in html


@pytest.mark.parametrize("name", ["campaign_privacy", "campaign_accessibility"])
def test_the_monitor_statements_open_by_the_campaign_key_in_both_languages(
    name, campaign_a, statements_a
):
    client = client_for(None)
    page = reverse(f"statements:{name}", kwargs={"key": campaign_a.key})
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gemeente Aland" in html and '<html lang="nl">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    in_english(client, page)
    assert '<html lang="en">' in client.get(page).content.decode()


def test_the_respondent_statement_holds_the_organisations_data(campaign_a, statements_a):
    client = client_for(None)
    page = reverse("statements:campaign_privacy", kwargs={"key": campaign_a.key})
    html = client.get(page).content.decode()
    assert "privacy@aland.example" in html
    assert "Fatima El Amrani" in html and "fg@aland.example" in html
    assert "Wij houden de monitor om ons beleid te verbeteren." in html
    assert "18 maanden na het sluiten" in html  # the organisation's retention
    assert "kleiner dan 7 mensen" in html  # this campaign's minimum
    assert "Autoriteit Persoonsgegevens" in html
    in_english(client, page)
    english = client.get(page).content.decode()
    assert "We hold the monitor to improve our policy." in english
    assert "18 months after the monitor closes" in english


def test_the_respondent_statement_says_what_is_missing_before_hr_fills_it_in(campaign_a):
    html = (
        client_for(None)
        .get(reverse("statements:campaign_privacy", kwargs={"key": campaign_a.key}))
        .content.decode()
    )
    assert "heeft hier nog geen contact voor privacy" in html


@override_settings(
    PLATFORM_OPERATOR_NAME="Platform BV", PLATFORM_CONTACT_EMAIL="info@platform.example"
)
def test_the_statements_name_the_platform_operator_as_processor(campaign_a):
    for url in (
        reverse("statements:campaign_privacy", kwargs={"key": campaign_a.key}),
        reverse("statements:members_privacy"),
    ):
        html = client_for(None).get(url).content.decode()
        assert "Platform BV" in html and "info@platform.example" in html


def test_the_accessibility_statement_of_a_monitor_gives_the_organisations_contact(
    campaign_a, statements_a
):
    html = (
        client_for(None)
        .get(reverse("statements:campaign_accessibility", kwargs={"key": campaign_a.key}))
        .content.decode()
    )
    assert "toegankelijkheid@aland.example" in html
    assert "WCAG 2.1" in html and "EN 301 549" in html
    assert "Voldoet gedeeltelijk" in html


@override_settings(ACCESSIBILITY_MANUAL_CHECK_DATE=None)
def test_the_accessibility_statement_says_when_no_manual_check_was_recorded(db):
    html = client_for(None).get(reverse("statements:accessibility")).content.decode()
    assert "nog niet vastgelegd" in html


def test_the_accessibility_statement_dates_the_manual_check(db, settings):
    from datetime import date

    settings.ACCESSIBILITY_MANUAL_CHECK_DATE = date(2026, 11, 30)
    html = client_for(None).get(reverse("statements:accessibility")).content.decode()
    assert "30 november 2026" in html


@pytest.mark.parametrize("name", ["campaign_privacy", "campaign_accessibility"])
def test_an_unknown_key_answers_the_monitors_404(db, name):
    response = client_for(None).get(reverse(f"statements:{name}", kwargs={"key": "nope-nope"}))
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert [t.name for t in response.templates][0] == "monitor/respond_not_found.html"


def test_a_closed_campaigns_statement_stays_readable(org_a):
    from datetime import timedelta

    from django.utils import timezone

    from tests.monitor.conftest import make_campaign

    today = timezone.localdate()
    campaign = make_campaign(
        org_a, opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=30)
    )
    url = reverse("statements:campaign_privacy", kwargs={"key": campaign.key})
    assert client_for(None).get(url).status_code == 200


def test_the_monitor_statements_set_no_cookie_beyond_the_monitors_own(campaign_a, statements_a):
    """The monitor sets the CSRF cookie (its forms) and, when chosen, the language: no more."""
    client = client_for(None)
    start = client.get(reverse("respond:start", kwargs={"key": campaign_a.key}))
    allowed = set(start.cookies)
    for name in ("campaign_privacy", "campaign_accessibility"):
        response = client.get(reverse(f"statements:{name}", kwargs={"key": campaign_a.key}))
        assert set(response.cookies) <= allowed | {"csrftoken"}, response.cookies
        assert "sessionid" not in response.cookies


@pytest.mark.parametrize("name", ["campaign_privacy", "campaign_accessibility"])
def test_the_monitor_statements_load_nothing_from_other_sites(campaign_a, statements_a, name):
    import re

    html = (
        client_for(None)
        .get(reverse(f"statements:{name}", kwargs={"key": campaign_a.key}))
        .content.decode()
    )
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources


def test_the_monitor_start_page_and_footer_link_the_organisations_statements(campaign_a):
    html = (
        client_for(None)
        .get(reverse("respond:start", kwargs={"key": campaign_a.key}))
        .content.decode()
    )
    privacy = reverse("statements:campaign_privacy", kwargs={"key": campaign_a.key})
    accessibility = reverse("statements:campaign_accessibility", kwargs={"key": campaign_a.key})
    assert html.count(f'href="{privacy}"') == 2  # the start page's text and the footer
    assert f'href="{accessibility}"' in html


def test_every_other_page_links_the_general_statements_in_its_footer(db):
    html = client_for(None).get(reverse(settings_login())).content.decode()
    for name in ("members_privacy", "respondent_privacy", "accessibility"):
        assert f'href="{reverse(f"statements:{name}")}"' in html


def settings_login() -> str:
    from django.conf import settings

    return settings.LOGIN_URL


def test_the_members_statement_gives_the_session_limits(db, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 30
    settings.SESSION_MAX_LIFETIME_HOURS = 10
    html = client_for(None).get(reverse("statements:members_privacy")).content.decode()
    assert "hoogstens 10 uur" in html and "30 minuten niets doet" in html
    assert "IP-adres en de browser" in html
