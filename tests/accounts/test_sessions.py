"""Sessions that end (idle timeout, lifetime), signing in again before the weighty steps, and the
member's list of active sessions (issue 17, part 4)."""

import re
import time

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.middleware import LAST_SEEN_AT, STARTED_AT
from accounts.templatetags.user_sessions import device_name
from exit.models import OrganisationExport
from programme.models import Membership, Role
from recognition.models import LetterState
from tests.conftest import PASSWORD, client_for, make_member, record_sign_in
from tests.monitor.conftest import make_campaign
from tests.recognition.conftest import compose, sign, year_of_work  # noqa: F401 (a fixture)

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def shift_session(client: Client, **seconds_ago: float) -> None:
    """Move the session's clock back: started=..., last_seen=... seconds ago."""
    session = client.session
    now = time.time()
    if "started" in seconds_ago:
        session[STARTED_AT] = now - seconds_ago["started"]
    if "last_seen" in seconds_ago:
        session[LAST_SEEN_AT] = now - seconds_ago["last_seen"]
    session.save()


def old_sign_in(client: Client, user, minutes: int = 30) -> Client:
    """The client's login made `minutes` ago: its session is alive, its sign-in is not recent."""
    record_sign_in(client, user, at=time.time() - minutes * 60)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Idle timeout and lifetime -------------------------------------------------------------------


def test_the_idle_timeout_ends_the_session_and_sends_the_member_to_the_login(hr_a, org_a, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 30
    client = client_for(hr_a)
    session_key = client.session.session_key
    shift_session(client, last_seen=31 * 60)
    page = reverse("programme:members", args=[org_a.slug])

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={page}"
    assert not Session.objects.filter(session_key=session_key).exists()
    login_page = client.get(response["Location"])
    assert "Je bent uitgelogd omdat je 30 minuten niet actief was." in messages_of(login_page)[0]
    assert not login_page.wsgi_request.user.is_authenticated
    assert client.get(page).status_code == 302  # still logged out


def test_logging_out_after_the_idle_timeout_leads_to_the_login_without_a_way_back(hr_a):
    client = client_for(hr_a)
    shift_session(client, last_seen=31 * 60)
    response = client.post(reverse("account_logout"))
    assert response["Location"] == reverse("account_login")


def test_the_lifetime_ends_the_session_even_when_the_member_is_active(hr_a, org_a, settings):
    settings.SESSION_MAX_LIFETIME_HOURS = 10
    client = client_for(hr_a)
    shift_session(client, started=10 * 3600 + 60, last_seen=10)

    response = client.get(reverse("programme:members", args=[org_a.slug]), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login") + "?next=")
    assert "omdat je al 10 uur ingelogd was" in messages_of(response)[0]
    assert not response.wsgi_request.user.is_authenticated


def test_activity_within_the_limits_keeps_the_session_and_counts_as_use(hr_a, org_a):
    client = client_for(hr_a)
    shift_session(client, started=9 * 3600, last_seen=29 * 60)

    response = client.get(reverse("programme:members", args=[org_a.slug]))

    assert response.status_code == 200
    assert time.time() - client.session[LAST_SEEN_AT] < 5


def test_the_last_use_is_written_at_most_once_a_minute(hr_a, org_a):
    client = client_for(hr_a)
    shift_session(client, last_seen=20)
    seen = client.session[LAST_SEEN_AT]

    response = client.get(reverse("programme:members", args=[org_a.slug]))

    assert response.status_code == 200
    assert client.session[LAST_SEEN_AT] == seen
    assert "sessionid" not in response.cookies  # the session was not saved again


def test_a_session_from_before_the_limits_starts_its_clock_at_its_next_request(hr_a, org_a):
    client = client_for(hr_a)
    session = client.session
    del session[STARTED_AT], session[LAST_SEEN_AT]
    session.save()

    assert client.get(reverse("programme:members", args=[org_a.slug])).status_code == 200
    assert time.time() - client.session[STARTED_AT] < 5


def test_the_public_monitor_gives_its_respondents_no_session(org_a):
    campaign = make_campaign(org_a)
    client = Client()
    for url in (f"/m/{campaign.key}/", reverse("account_login")):
        response = client.get(url)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies
    assert "sessionid" not in client.cookies
    assert not Session.objects.exists()


PRINT_LIMITS = (
    "from django.conf import settings as s; print(s.SESSION_IDLE_TIMEOUT_MINUTES, "
    "s.SESSION_MAX_LIFETIME_HOURS, s.SESSION_COOKIE_AGE, s.ACCOUNT_REAUTHENTICATION_TIMEOUT)"
)


def test_the_limits_come_from_the_environment_and_the_cookie_lasts_the_lifetime():
    from tests.test_deploy_check import manage

    result = manage(
        "shell",
        "-c",
        PRINT_LIMITS,
        DJANGO_DEBUG="1",
        SESSION_IDLE_TIMEOUT_MINUTES="15",
        SESSION_MAX_LIFETIME_HOURS="8",
        REAUTHENTICATION_TIMEOUT_MINUTES="2",
    )
    assert result.stdout.splitlines()[-1].split() == ["15", "8", "28800", "120"], result.stderr
    refused = manage("check", DJANGO_DEBUG="1", SESSION_IDLE_TIMEOUT_MINUTES="0")
    assert "SESSION_IDLE_TIMEOUT_MINUTES='0' is not understood" in refused.stderr


# --- Signing in again -----------------------------------------------------------------------------


def reauthenticate(client: Client, response, password: str = PASSWORD):
    """Follow the redirect to allauth's password page and confirm there."""
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(reverse("account_reauthenticate") + "?next=")
    page = client.get(location)
    assert page.status_code == 200
    assert 'name="password"' in page.content.decode()
    return client.post(location, {"password": password})


@pytest.fixture
def ready_letter(year_of_work):  # noqa: F811 (the fixture imported above)
    return sign(compose(year_of_work))


def test_issuing_a_letter_with_an_old_sign_in_asks_for_the_password_then_issues(hr_a, ready_letter):
    client = old_sign_in(client_for(hr_a), hr_a)
    url = reverse(
        "recognition:letter_issue",
        kwargs={"slug": ready_letter.organisation.slug, "pk": ready_letter.pk},
    )

    # The confirmation page itself asks first; then the member is back on it.
    confirmed = reauthenticate(client, client.get(url))
    assert confirmed.status_code == 302 and confirmed["Location"] == url
    assert client.get(url).status_code == 200
    ready_letter.refresh_from_db()
    assert ready_letter.state == LetterState.DRAFT

    issued = client.post(url)
    assert issued.status_code == 302
    ready_letter.refresh_from_db()
    assert ready_letter.state == LetterState.ISSUED and ready_letter.issued_by == hr_a


def test_a_wrong_password_issues_nothing(hr_a, ready_letter):
    client = old_sign_in(client_for(hr_a), hr_a)
    url = reverse(
        "recognition:letter_issue",
        kwargs={"slug": ready_letter.organisation.slug, "pk": ready_letter.pk},
    )
    refused = reauthenticate(client, client.post(url), password="not-the-password")
    assert refused.status_code == 200
    ready_letter.refresh_from_db()
    assert ready_letter.state == LetterState.DRAFT
    assert client.post(url).status_code == 302  # asked again
    ready_letter.refresh_from_db()
    assert ready_letter.state == LetterState.DRAFT


def test_a_role_change_with_an_old_sign_in_is_done_once_the_password_is_given(
    hr_a, manager_a, org_a
):
    client = old_sign_in(client_for(hr_a), hr_a)
    membership = Membership.objects.get(user=manager_a, organisation=org_a)
    url = reverse("programme:member_role", kwargs={"slug": org_a.slug, "pk": membership.pk})

    asked = client.post(url, {f"m{membership.pk}-role": Role.HR})
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER

    # allauth keeps the POST aside and replays it after the password.
    done = reauthenticate(client, asked)
    assert done.status_code == 302
    assert done["Location"] == reverse("programme:members", args=[org_a.slug])
    membership.refresh_from_db()
    assert membership.role == Role.HR


def test_adding_an_hr_advisor_asks_to_sign_in_again_adding_a_manager_does_not(hr_a, org_a):
    client = old_sign_in(client_for(hr_a), hr_a)
    url = reverse("programme:member_add", args=[org_a.slug])
    assert client.get(url).status_code == 200

    manager = {"email": "nieuw@aland.example", "full_name": "Nieuw", "role": Role.MANAGER}
    assert client.post(url, manager).status_code == 302
    assert Membership.objects.filter(user__email="nieuw@aland.example").exists()

    advisor = {"email": "po@aland.example", "full_name": "P&O", "role": Role.HR}
    asked = client.post(url, advisor)
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    assert not Membership.objects.filter(user__email="po@aland.example").exists()
    reauthenticate(client, asked)
    assert Membership.objects.get(user__email="po@aland.example").role == Role.HR


def test_removing_a_member_asks_to_sign_in_again(hr_a, manager_a, org_a):
    client = old_sign_in(client_for(hr_a), hr_a)
    membership = Membership.objects.get(user=manager_a, organisation=org_a)
    url = reverse("programme:member_remove", kwargs={"slug": org_a.slug, "pk": membership.pk})
    reauthenticate(client, client.post(url))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_full_export_with_an_old_sign_in_asks_for_the_password_then_downloads(hr_a, org_a):
    client = old_sign_in(client_for(hr_a), hr_a)
    url = reverse("exit:export", args=[org_a.slug])
    assert client.get(url)["Location"].startswith(reverse("account_reauthenticate"))

    download = reauthenticate(client, client.post(url))

    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert OrganisationExport.objects.filter(organisation=org_a).count() == 1
    assert client.get(url).status_code == 200  # recent now: the page opens


def test_a_fresh_login_counts_as_a_recent_sign_in(hr_a, org_a):
    client = Client()
    client.post(reverse("account_login"), {"login": hr_a.email, "password": PASSWORD})
    assert client.get(reverse("exit:export", args=[org_a.slug])).status_code == 200


def test_a_member_without_a_password_confirms_with_a_mailed_code(hr_a, ready_letter):
    # As a member who logs in through the organisation's identity provider only.
    hr_a.set_unusable_password()
    hr_a.save()
    client = old_sign_in(client_for(hr_a), hr_a)
    url = reverse(
        "recognition:letter_issue",
        kwargs={"slug": ready_letter.organisation.slug, "pk": ready_letter.pk},
    )

    asked = client.post(url)
    assert asked["Location"].startswith(reverse("account_request_reauthentication_code"))
    sent = client.post(asked["Location"], {"recipient": hr_a.email})
    assert sent.status_code == 302
    assert [message.to for message in mail.outbox] == [[hr_a.email]]
    assert mail.outbox[0].subject == "Je code om te bevestigen dat jij het bent"
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[0].body, re.MULTILINE).group(1)

    issued = client.post(sent["Location"], {"code": code})

    assert issued.status_code == 302
    ready_letter.refresh_from_db()
    assert ready_letter.state == LetterState.ISSUED


# --- The member's active sessions ----------------------------------------------------------------


def logged_in(user, user_agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_sessions_page_lists_both_sessions_and_ends_the_other_one(org_a):
    member = make_member(org_a, "manager@aland.example", Role.MANAGER)
    laptop = logged_in(member, FIREFOX)
    phone = logged_in(member, IPHONE)
    url = reverse("usersessions_list")

    page = laptop.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "<h1" in text and "Actieve sessies" in text
    assert "Firefox op Windows" in text and "Safari op iPhone" in text
    assert text.count("Deze sessie") == 1
    assert "127.0.0.1" in text
    assert "Overal elders uitloggen" in text

    ended = laptop.post(url, follow=True)
    assert "Je bent nu overal elders uitgelogd." in messages_of(ended)
    assert UserSession.objects.filter(user=member).count() == 1
    assert laptop.get(url).status_code == 200
    assert phone.get(url)["Location"].startswith(reverse("account_login"))
    assert "Je bent alleen hier ingelogd." in laptop.get(url).content.decode()


def test_every_page_leads_to_the_sessions_page_through_my_settings(hr_client, org_a):
    page = hr_client.get(reverse("programme:members", args=[org_a.slug])).content.decode()
    assert f'href="{reverse("notifications:settings")}"' in page  # in the header
    settings_page = hr_client.get(reverse("notifications:settings")).content.decode()
    assert f'href="{reverse("usersessions_list")}"' in settings_page


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (FIREFOX, "Firefox op Windows"),
        (IPHONE, "Safari op iPhone"),
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Mobile Safari/537.36",
            "Chrome op Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
            "Edge op macOS",
        ),
        ("", "Onbekende browser"),
    ],
)
def test_a_browser_is_named_in_words(user_agent, name):
    assert device_name(user_agent) == name
