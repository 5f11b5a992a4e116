"""Shared state on Redis, when REDIS_URL is set (see config/settings.py and docs/architecture.md).

Django's own Redis cache backend, with one change: an unreachable Redis is a cache miss, never an
error page. The cache only ever holds what can be rebuilt or forgotten (the monitor's rate-limit
buckets, which have their own fallback in monitor/throttle.py, and whatever later code caches), so
a Redis outage must slow the site down at most, not stop it. Django's backend has no such option
(django-redis's IGNORE_EXCEPTIONS is the same idea); readiness (/readyz) still reports the outage,
because its round trip reads nothing back.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# One warning per process per this many seconds while Redis is away, not one per request.
WARN_EVERY_SECONDS = 60
_last_warning = 0.0


def warn_unreachable(what: str, exc: Exception) -> None:
    """Log that Redis did not answer, at most once a minute per process."""
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY_SECONDS or _last_warning == 0.0:
        _last_warning = now
        logger.warning("Redis unreachable (%s): %s: %s", what, type(exc).__name__, exc)


def caches_for(url: str) -> dict:
    """The CACHES setting for a Redis URL (config/settings.py uses it when REDIS_URL is set)."""
    return {
        "default": {
            "BACKEND": "config.redis.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "mzw",
            # Seconds: a Redis that does not answer costs a request at most this, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def _forgiving(fallback):
    """Run the cache method; on a Redis error, log and answer `fallback(args, kwargs)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as exc:
                warn_unreachable(f"cache.{method.__name__}", exc)
                return fallback(args, kwargs)

        return wrapper

    return decorate


def _default(args, kwargs):
    """What get() answers for a miss: its `default` argument."""
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class ForgivingRedisCache(RedisCache):
    """django.core.cache.backends.redis.RedisCache that treats an unreachable Redis as empty."""

    # For callers that talk to Redis themselves (monitor.throttle), which may not import config.
    warn_unreachable = staticmethod(warn_unreachable)

    get = _forgiving(_default)(RedisCache.get)
    get_many = _forgiving(lambda args, kwargs: {})(RedisCache.get_many)
    has_key = _forgiving(lambda args, kwargs: False)(RedisCache.has_key)
    set = _forgiving(lambda args, kwargs: None)(RedisCache.set)
    add = _forgiving(lambda args, kwargs: False)(RedisCache.add)
    touch = _forgiving(lambda args, kwargs: False)(RedisCache.touch)
    # set_many answers the keys it could not store: all of them.
    set_many = _forgiving(lambda args, kwargs: list(args[0] if args else kwargs["data"]))(
        RedisCache.set_many
    )
    delete = _forgiving(lambda args, kwargs: False)(RedisCache.delete)
    delete_many = _forgiving(lambda args, kwargs: None)(RedisCache.delete_many)
    clear = _forgiving(lambda args, kwargs: False)(RedisCache.clear)
