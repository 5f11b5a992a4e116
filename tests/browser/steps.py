"""What a person does in the browser, shared by the tests."""

from playwright.sync_api import Page

PASSWORD = "korte-lijnen-2025"


def log_in(page: Page, email: str, password: str = PASSWORD, *, second_step: bool = True) -> None:
    """Log in through the login form, as a person would; with `second_step`, also type the code
    of the member's authenticator app when the login asks for it."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"logging in as {email} failed"
    asked = second_step and "/accounts/2fa/authenticate/" in page.url
    code = current_totp_code(email) if asked else None
    if code:
        # The second step: the code the member's authenticator app shows now (a member with a
        # passkey only is left on the page, for the test to use its passkey).
        page.locator("#id_code").fill(code)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        assert "/accounts/2fa/authenticate/" not in page.url, f"the code of {email} failed"


def current_totp_code(email: str) -> str | None:
    """What the authenticator app of `email` shows at this moment (None without one)."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    app = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).first()
    if app is None:
        return None
    secret = get_adapter().decrypt(app.data["secret"])
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
