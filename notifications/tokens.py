"""The calendar links' secrets: the token is an HMAC of a nonce under the site's secret key;
the database stores the nonce and the token's hash."""

import hashlib
import secrets

from django.utils.crypto import salted_hmac

_SALT = "notifications.calendar-feed"


def new_nonce() -> str:
    return secrets.token_hex(32)


def feed_token(nonce: str) -> str:
    return salted_hmac(_SALT, nonce, algorithm="sha256").hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
