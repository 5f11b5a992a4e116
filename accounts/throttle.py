"""How django-axes recognises one login name across attempts."""


def login_name(request, credentials: dict | None) -> str | None:
    """The e-mail address typed at login, in lower case.

    E-mail addresses log in without regard to case, so the throttle must count them that way too:
    otherwise "HR@x.nl" and "hr@x.nl" would each get their own allowance of failures.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    name = source.get("username")
    return name.strip().lower() if isinstance(name, str) else None
