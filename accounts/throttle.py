"""How django-axes recognises one login name across attempts."""

from accounts.keys import login_key


def login_name(request, credentials: dict | None) -> str | None:
    """The e-mail address typed at login, folded as the account look-up folds it.

    Every spelling that logs in to one account ("HR@x.nl", "hr@x.nl", "hr@ｘ.nl", "ſ" for "s")
    must share that account's allowance of failures, so the throttle counts on the look-up's own
    key (accounts.keys.login_key) and not on what was typed.
    """
    # allauth hands the backends {"email": ...}; axes itself passes {"login": ...} after a
    # success (AXES_USERNAME_FORM_FIELD), and the posted form names the field "login" too.
    if credentials:
        name = credentials.get("email") or credentials.get("login") or credentials.get("username")
    else:
        name = getattr(request, "POST", {}).get("login")
    return login_key(name) if isinstance(name, str) else None
