"""Shared state on a real Redis: the cache, the monitor's bucket across processes, and outages."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.test import RequestFactory
from django.utils import timezone

from config.redis import caches_for
from monitor import throttle
from monitor.models import InboxEntry
from tests.monitor.conftest import TODAY, make_campaign
from tests.monitor.test_respond import NON_CARER_SECTIONS, fill_in
from tests.redis_server import free_port, redis_url  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
OFFICE = "198.51.100.23"


@pytest.fixture
def on_redis(settings, redis_url):  # noqa: F811
    settings.CACHES = caches_for(redis_url)
    redis.Redis.from_url(redis_url).flushdb()
    yield redis_url
    caches["default"].close()


@pytest.fixture
def redis_away(settings):
    """The Redis settings, pointed at a loopback port where nothing listens."""
    settings.CACHES = caches_for(f"redis://127.0.0.1:{free_port()}/0")
    throttle._fallback.clear()
    yield


@pytest.fixture
def small_bucket(settings):
    settings.MONITOR_SUBMIT_BURST = 3
    settings.MONITOR_SUBMIT_PER_MINUTE = 0
    settings.MONITOR_CLIENT_IP_HEADER = ""


def test_without_redis_url_the_cache_stays_local_memory(settings):
    assert "REDIS_URL" not in os.environ
    assert not hasattr(settings, "CACHES") or "redis" not in str(settings.CACHES).lower()
    assert type(caches["default"]).__name__ == "LocMemCache"


def test_the_cache_lives_in_redis(on_redis):
    cache = caches["default"]
    assert type(cache).__mro__[1].__module__ == "django.core.cache.backends.redis"
    cache.set("greeting", {"nl": "hallo"}, 30)
    assert cache.get("greeting") == {"nl": "hallo"}
    # Another client of the same server (another app server) sees it under the site's prefix.
    assert redis.Redis.from_url(on_redis).keys("mzw:*greeting") == [b"mzw:1:greeting"]
    assert cache.delete("greeting") and cache.get("greeting") is None


def test_the_bucket_is_one_hash_in_redis_without_the_address(on_redis, small_bucket, rf):
    request = rf.post("/", REMOTE_ADDR=OFFICE)
    assert [throttle.allow(request) for _ in range(4)] == [True, True, True, False]
    server = redis.Redis.from_url(on_redis)
    (key,) = server.keys("mzw:*")
    assert OFFICE.encode() not in key and server.type(key) == b"hash"
    assert float(server.hget(key, "tokens")) == 0.0


def test_the_bucket_refills_on_redis_as_in_memory(on_redis, settings, rf):
    settings.MONITOR_SUBMIT_BURST = 2
    settings.MONITOR_SUBMIT_PER_MINUTE = 60
    request = rf.post("/", REMOTE_ADDR=OFFICE)
    now = 1_800_000_000.0
    assert throttle.allow(request, now=now) and throttle.allow(request, now=now)
    assert not throttle.allow(request, now=now)
    assert throttle.allow(request, now=now + 1)
    assert not throttle.allow(request, now=now + 1)
    server = redis.Redis.from_url(on_redis)
    (key,) = server.keys("mzw:*")
    # Kept until it would be full again (two tokens at one a second), then gone: a full bucket.
    assert 1 <= server.ttl(key) <= 3


TAKER = """
import sys
import django
django.setup()
from django.test import RequestFactory
from monitor import throttle
request = RequestFactory().post("/", REMOTE_ADDR=sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()  # both start taking on the same signal
print(sum(throttle.allow(request) for _ in range(int(sys.argv[2]))), flush=True)
"""


def test_the_limit_holds_across_two_processes_on_one_redis(on_redis):
    burst, tries = 200, 400
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REDIS_URL": on_redis,
        "MONITOR_SUBMIT_BURST": str(burst),
        "MONITOR_SUBMIT_PER_MINUTE": "0",
    }
    takers = [
        subprocess.Popen(
            [sys.executable, "-c", TAKER, OFFICE, str(tries)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for taker in takers:
            assert taker.stdout.readline().strip() == "ready", taker.stderr.read()
        for taker in takers:
            taker.stdin.write("go\n")
            taker.stdin.flush()
        admitted = []
        for taker in takers:
            out, err = taker.communicate(timeout=60)
            assert taker.returncode == 0, err
            admitted.append(int(out.strip()))
    finally:
        for taker in takers:
            if taker.poll() is None:
                taker.kill()
    # Each process alone would admit the whole burst; together they admit it exactly once.
    assert sum(admitted) == burst, admitted
    assert redis.Redis.from_url(on_redis).dbsize() == 1  # one shared bucket, not one each


def test_an_unreachable_redis_is_a_cache_miss_not_an_error(redis_away):
    cache = caches["default"]
    cache.set("greeting", "hallo")
    assert cache.get("greeting") is None
    assert cache.get("greeting", "default") == "default"
    assert cache.get_or_set("greeting", "computed") == "computed"
    assert cache.add("greeting", "hallo") is False
    assert cache.delete("greeting") is False


def test_with_redis_away_the_bucket_fails_open_to_one_per_process(redis_away, small_bucket, rf):
    request = rf.post("/", REMOTE_ADDR=OFFICE)
    started = time.monotonic()
    # Not a free pass: the per-process bucket still holds a flood from one address.
    assert [throttle.allow(request) for _ in range(4)] == [True, True, True, False]
    assert time.monotonic() - started < 10  # each try gives up on Redis quickly


@pytest.mark.django_db
def test_with_redis_away_a_respondent_can_still_send_the_monitor(
    redis_away, small_bucket, monkeypatch, org_a
):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    campaign = make_campaign(org_a)
    page, _seen, _last = fill_in(_client(), campaign, NON_CARER_SECTIONS)
    assert page.status_code == 302 and page["Location"].endswith("/thanks/")
    assert InboxEntry.objects.count() == 1


def _client():
    from django.test import Client

    client = Client(REMOTE_ADDR=OFFICE)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def rf():
    return RequestFactory()


@pytest.mark.django_db
def test_readiness_checks_the_cache_on_redis(on_redis):
    from django.test import Client

    response = Client().get("/readyz")
    assert (response.status_code, response.content.decode().splitlines()[1]) == (200, "cache: ok")
    # The probe cleaned up after itself: nothing is left in Redis.
    assert redis.Redis.from_url(on_redis).dbsize() == 0
