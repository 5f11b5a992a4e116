"""Rate limiting of the public monitor: per network, generous enough for a whole office.

Only the final send of the form and the check of an access code are limited; reading the pages
costs nothing and stores nothing.

Why a token bucket per IP address: hundreds of employees behind one office NAT share one address,
and after an all-staff e-mail many of them respond within the same few minutes. A fixed window of
"N per minute" would turn them away; a bucket lets such a wave through at once (up to
MONITOR_SUBMIT_BURST sends) and then refills at MONITOR_SUBMIT_PER_MINUTE, while a script flooding
the form from one address is held to that rate.

Why an HMAC of the address: the cache never holds a raw IP address, and the bucket is per network
across all campaigns (never keyed by, or stored with, the monitor key), so nothing in it ties an
address to a monitor.

Where the buckets live: with REDIS_URL set, in Redis, shared by every process of every app
server, and a take is one atomic Lua script (read, refill, take, write and expire in one step), so
the limit holds once for the whole site and two sends at the same instant cannot both take the
last token. Without REDIS_URL, in Django's default cache, local memory one per process: with
several gunicorn workers each keeps its own buckets and the effective limit is the configured one
times the number of processes, and the read-then-write is not atomic (which only makes the limit a
little more generous). For a safeguard against floods on one machine that is acceptable.

When Redis is unreachable the bucket fails open to a bucket in this process's memory: the limit
then holds per process, as it does without Redis, until Redis answers again. Failing closed would
turn away every respondent during an outage, in the week before the Day of the Carer when a whole
office answers at once; failing fully open would drop the safeguard. A per-process bucket keeps a
flood from one address at most "burst x processes" and loses no willing respondent.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

CACHE_PREFIX = "monitor-throttle:"


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or the last hop of a trusted proxy's header.

    Behind a load balancer REMOTE_ADDR is the balancer itself; MONITOR_CLIENT_IP_HEADER names the
    header it sets (for example X-Forwarded-For). Its last entry is the one the balancer added;
    entries before it come from the client and cannot be trusted.
    """
    header = settings.MONITOR_CLIENT_IP_HEADER
    if header:
        meta_name = "HTTP_" + header.upper().replace("-", "_")
        hops = [hop.strip() for hop in request.META.get(meta_name, "").split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def bucket_key(address: str) -> str:
    """The cache key of an address's bucket: an HMAC with SECRET_KEY, never the address itself."""
    return (
        CACHE_PREFIX + salted_hmac("monitor.throttle", address, algorithm="sha256").hexdigest()[:32]
    )


def _limits() -> tuple[float, float]:
    return float(settings.MONITOR_SUBMIT_BURST), settings.MONITOR_SUBMIT_PER_MINUTE / 60


def _take_from(store, key: str, burst: float, per_second: float, now: float) -> bool:
    """Take a token from a bucket kept in a Django cache (read, then write: not atomic)."""
    tokens, updated = store.get(key, (burst, now))
    tokens = min(burst, tokens + max(0.0, now - updated) * per_second)
    allowed = tokens >= 1
    if allowed:
        tokens -= 1
    # Kept until the bucket would be full again: after that, no entry means a full bucket.
    full_after = (burst - tokens) / per_second if per_second else None
    store.set(key, (tokens, now), None if full_after is None else int(full_after) + 1)
    return allowed


# KEYS[1] the bucket; ARGV burst, tokens per second, now (seconds). Returns 1 when a token was
# taken. The same arithmetic as _take_from, in one step on the Redis server.
TAKE_SCRIPT = """
local burst = tonumber(ARGV[1])
local per_second = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then
  tokens = burst
  updated = now
end
tokens = math.min(burst, tokens + math.max(0, now - updated) * per_second)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens),
           'updated', string.format('%.17g', now))
if per_second > 0 then
  redis.call('EXPIRE', KEYS[1], math.floor((burst - tokens) / per_second) + 1)
else
  redis.call('PERSIST', KEYS[1])
end
return allowed
"""

# Used only while Redis is unreachable (see the module's docstring).
_fallback = LocMemCache("monitor-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
_script = None


def _take_on_redis(redis_cache, key: str, burst: float, per_second: float, now: float) -> bool:
    global _script
    client = redis_cache._cache.get_client(write=True)  # the cache's own connection pool
    if _script is None:
        _script = client.register_script(TAKE_SCRIPT)
    redis_key = redis_cache.make_and_validate_key(key)
    return bool(_script(keys=[redis_key], args=[burst, per_second, now], client=client))


def allow(request: HttpRequest, *, now: float | None = None) -> bool:
    """Take one token from the bucket of the request's network; False when it is empty."""
    burst, per_second = _limits()
    now = time.time() if now is None else now
    key = bucket_key(client_address(request))
    store = caches["default"]
    if isinstance(store, RedisCache):
        from redis.exceptions import RedisError

        try:
            return _take_on_redis(store, key, burst, per_second, now)
        except RedisError as exc:
            # The cache says so at most once a minute (config.redis.ForgivingRedisCache).
            warn = getattr(store, "warn_unreachable", None)
            if warn is not None:
                warn("monitor throttle, failing open to a per-process bucket", exc)
            return _take_from(_fallback, key, burst, per_second, now)
    return _take_from(store, key, burst, per_second, now)
