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
