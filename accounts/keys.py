"""One spelling of an e-mail address for finding its account and for counting failed logins."""

import unicodedata


def login_key(value: str) -> str:
    """The address as the account look-up and the login throttle both see it.

    NFKC folds compatibility forms (a full-width "ａ", a ligature) into their plain letters and
    casefold() folds case beyond ASCII (the long s "ſ" becomes "s", "ß" becomes "ss"), as Django's
    own password reset compares addresses. Because the look-up and the throttle use this one
    function, every spelling that reaches an account counts against that account's failures.
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value.strip()).casefold())
