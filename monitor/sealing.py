"""Secrets of the monitor that the database must not be able to undo: sealed inbox entries and
keyed code hashes.

Both use keys derived from the site's secret key (and its fallbacks, so that a key rotation does
not strand a campaign), which live in the app servers' environment, never in the database or its
backups. A reader of the database sees random bytes where the answers wait to be counted, and
hashes that cannot be tried against the short alphabet of the access codes.
"""

import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12


class Unreadable(Exception):
    """A sealed entry that none of the site's keys opens (or that was changed)."""


@cache
def _derived(purpose: bytes, secret: str) -> bytes:
    # Derived once per process and key: a send needs two of them.
    return hmac.new(secret.encode(), b"mantelzorg.monitor." + purpose, hashlib.sha256).digest()


@cache
def _cipher(secret: str) -> AESGCM:
    return AESGCM(_derived(b"inbox", secret))


def _secrets() -> Iterator[str]:
    yield settings.SECRET_KEY
    yield from getattr(settings, "SECRET_KEY_FALLBACKS", [])


def seal(payload: dict, *, campaign_id: int) -> bytes:
    """The payload as JSON, encrypted and bound to its campaign (it opens for no other)."""
    nonce = os.urandom(NONCE_BYTES)
    data = json.dumps(payload, separators=(",", ":")).encode()
    return nonce + _cipher(settings.SECRET_KEY).encrypt(nonce, data, str(campaign_id).encode())


def unseal(sealed: bytes, *, campaign_id: int) -> dict:
    nonce, body = bytes(sealed[:NONCE_BYTES]), bytes(sealed[NONCE_BYTES:])
    for secret in _secrets():
        try:
            data = _cipher(secret).decrypt(nonce, body, str(campaign_id).encode())
        except InvalidTag:
            continue
        return json.loads(data)
    raise Unreadable("No key of this site opens the sealed entry.")


def code_hash(code: str, *, campaign_key: str) -> str:
    """The code's keyed hash under the current secret (what is stored)."""
    return _keyed(code, campaign_key, settings.SECRET_KEY)


def _keyed(code: str, campaign_key: str, secret: str) -> str:
    return hmac.new(
        _derived(b"codes", secret), f"{campaign_key}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def code_hashes(code: str, *, campaign_key: str) -> list[str]:
    """The code's keyed hash under the current secret first, then under each fallback."""
    return [_keyed(code, campaign_key, secret) for secret in _secrets()]
