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

Where the buckets live: Django's default cache. Without a CACHES setting that is local memory,
one per process, so with several gunicorn workers (or app servers) each process keeps its own
buckets and the effective limit is the configured one times the number of processes. That is
acceptable for a safeguard against floods; production that wants one shared limit configures a
shared cache (Redis or the database cache) as the default cache. Reading and writing a bucket is
not atomic either: two sends at the same instant may both take the last token, which only makes
the limit a little more generous.
"""

import time

from django.conf import settings
from django.core.cache import cache
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


def allow(request: HttpRequest, *, now: float | None = None) -> bool:
    """Take one token from the bucket of the request's network; False when it is empty."""
    burst = settings.MONITOR_SUBMIT_BURST
    per_second = settings.MONITOR_SUBMIT_PER_MINUTE / 60
    now = time.time() if now is None else now
    key = bucket_key(client_address(request))
    tokens, updated = cache.get(key, (float(burst), now))
    tokens = min(float(burst), tokens + max(0.0, now - updated) * per_second)
    allowed = tokens >= 1
    if allowed:
        tokens -= 1
    # Kept until the bucket would be full again: after that, no entry means a full bucket.
    full_after = (burst - tokens) / per_second if per_second else None
    cache.set(key, (tokens, now), None if full_after is None else int(full_after) + 1)
    return allowed
