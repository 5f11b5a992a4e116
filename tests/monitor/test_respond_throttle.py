"""The rate limit of the public monitor: per network, generous for an office, never storing IPs."""

import pickle

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from monitor import throttle
from monitor.models import AccessCode, InboxEntry
from monitor.services import codes_generate
from tests.monitor.conftest import TODAY
from tests.monitor.test_respond import NON_CARER_SECTIONS, answer, fill_in, sent_forms

OFFICE = "203.0.113.7"


@pytest.fixture(autouse=True)
def _today_and_small_buckets(monkeypatch, settings):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    settings.MONITOR_SUBMIT_BURST = 2
    # One a minute: slow enough that no token comes back while a test fills in its forms.
    settings.MONITOR_SUBMIT_PER_MINUTE = 1
    settings.MONITOR_CLIENT_IP_HEADER = ""
    cache.clear()


def office_client() -> Client:
    client = Client(REMOTE_ADDR=OFFICE)
    client.cookies["django_language"] = "en"
    return client


def test_sends_beyond_the_burst_get_a_friendly_429_and_nothing_is_stored(campaign):
    for _ in range(2):
        page, _seen, _last = fill_in(office_client(), campaign, NON_CARER_SECTIONS)
        assert page.status_code == 302
    page, _seen, last = fill_in(office_client(), campaign, NON_CARER_SECTIONS)
    assert page.status_code == 429
    assert page["Retry-After"] == "60"
    html = page.content.decode()
    assert "Too many responses from this network" in html and "wait a minute" in html
    assert InboxEntry.objects.count() == 2


def test_after_a_minute_the_respondent_can_send_the_same_answers_again(campaign, monkeypatch):
    for _ in range(2):
        fill_in(office_client(), campaign, NON_CARER_SECTIONS)
    client = office_client()
    refused, _seen, _last = fill_in(client, campaign, NON_CARER_SECTIONS)
    assert refused.status_code == 429 and InboxEntry.objects.count() == 2
    later = throttle.time.time() + 61
    monkeypatch.setattr(throttle.time, "time", lambda: later)
    sent = answer(client, refused, {}, action="retry")
    assert sent.status_code == 302 and sent["Location"].endswith("/thanks/")
    assert InboxEntry.objects.count() == 3
    assert [form["a"]["1"] for form in sent_forms()] == [[2], [2], [2]]  # none a carer


def test_another_network_is_not_held_back_by_a_busy_office(campaign):
    for _ in range(3):
        fill_in(office_client(), campaign, NON_CARER_SECTIONS)
    page, _seen, _last = fill_in(Client(REMOTE_ADDR="198.51.100.20"), campaign, NON_CARER_SECTIONS)
    assert page.status_code == 302 and InboxEntry.objects.count() == 3


def test_reading_and_filling_in_the_pages_is_not_limited(campaign):
    for _ in range(4):
        page, _seen, last = fill_in(office_client(), campaign, NON_CARER_SECTIONS, send=False)
        assert last.status_code == 200
    assert office_client().get(f"/m/{campaign.key}/").status_code == 200
    assert fill_in(office_client(), campaign, NON_CARER_SECTIONS)[0].status_code == 302


def test_checking_codes_is_limited_too(code_campaign):
    codes_generate(campaign=code_campaign, count=2)
    client = office_client()
    for _ in range(2):
        wrong = client.post(f"/m/{code_campaign.key}/", {"code": "AAAAA-BBBBB"})
        assert wrong.status_code == 200
    refused = client.post(f"/m/{code_campaign.key}/", {"code": "AAAAA-BBBBB"})
    assert refused.status_code == 429
    assert 'name="state"' not in refused.content.decode()


def test_a_code_refused_by_the_limit_is_not_spent(code_campaign):
    [code] = codes_generate(campaign=code_campaign, count=1)
    client = office_client()
    for _ in range(2):
        client.post(f"/m/{code_campaign.key}/", {"code": "AAAAA-BBBBB"})
    assert client.post(f"/m/{code_campaign.key}/", {"code": code}).status_code == 429
    assert not AccessCode.objects.get().is_used
    # From another network it still admits its holder.
    admitted = Client(REMOTE_ADDR="198.51.100.20").post(f"/m/{code_campaign.key}/", {"code": code})
    assert 'name="state"' in admitted.content.decode()
    assert AccessCode.objects.get().is_used


def test_a_whole_office_behind_one_address_can_respond_in_one_wave(settings, rf: RequestFactory):
    settings.MONITOR_SUBMIT_BURST = 300
    settings.MONITOR_SUBMIT_PER_MINUTE = 60
    request = rf.post("/m/key/background/", REMOTE_ADDR=OFFICE)
    now = 1_800_000_000.0
    assert all(throttle.allow(request, now=now) for _ in range(300))
    assert not throttle.allow(request, now=now)
    # Refilled at one a second: a steady stream of respondents keeps getting through.
    assert throttle.allow(request, now=now + 1)
    assert not throttle.allow(request, now=now + 1)


def test_the_cache_holds_neither_the_address_nor_the_monitor_key(campaign):
    fill_in(office_client(), campaign, NON_CARER_SECTIONS)
    entries = list(cache._cache.items())
    assert entries, "the bucket was not stored"
    for key, value in entries:
        text = key + repr(pickle.loads(value))
        assert OFFICE not in text and campaign.key not in text
    assert throttle.bucket_key(OFFICE) != throttle.bucket_key("203.0.113.8")


def test_behind_a_load_balancer_the_last_forwarded_address_counts(settings, rf):
    settings.MONITOR_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert throttle.client_address(request) == OFFICE
    assert throttle.client_address(rf.post("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
    settings.MONITOR_CLIENT_IP_HEADER = ""
    assert throttle.client_address(request) == "10.0.0.1"
