"""How an address logs in, where an app above accounts decides it: sso lets an organisation
switch password logins off for its own domains. The mail that would offer a password link (an
invitation) asks here first, without importing that app."""

from collections.abc import Callable

# Each finder gets an address and returns the path of the only login it may use, or None.
_finders: list[Callable[[str], str | None]] = []


def register_organisation_login(finder: Callable[[str], str | None]) -> None:
    """Called from an AppConfig.ready (sso.apps)."""
    if finder not in _finders:
        _finders.append(finder)


def organisation_login_path(email: str) -> str | None:
    """The path of the organisation login that `email` must use instead of a password."""
    for finder in _finders:
        if path := finder(email):
            return path
    return None
