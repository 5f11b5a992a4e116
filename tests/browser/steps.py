"""What a person does in the browser, shared by the tests."""

from playwright.sync_api import Page

PASSWORD = "korte-lijnen-2025"


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"logging in as {email} failed"
    if "/accounts/2fa/authenticate/" in page.url:
        # The second step: the code the member's authenticator app shows now.
        page.locator("#id_code").fill(current_totp_code(email))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        assert "/accounts/2fa/authenticate/" not in page.url, f"the code of {email} failed"


def current_totp_code(email: str) -> str:
    """What the authenticator app of `email` shows at this moment."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    app = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    secret = get_adapter().decrypt(app.data["secret"])
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
