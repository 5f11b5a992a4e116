"""The active sessions page and signing in again, in the browser: Dutch, in the site's frame,
axe clean and without sideways scrolling on a desktop and a phone (issue 17, part 4)."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import Page, expect

from .checks import assert_no_axe_violations, assert_no_horizontal_scroll, assert_styles_loaded
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

SCREENS = [{"width": 1280, "height": 800}, {"width": 360, "height": 740}]


@pytest.fixture(params=SCREENS, ids=["1280px", "360px"])
def screen(request, browser, server_url):
    contexts = []

    def new_page() -> Page:
        context = browser.new_context(base_url=server_url, locale="nl-NL", viewport=request.param)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield new_page, request.param["width"]
    for context in contexts:
        context.close()


def check(page: Page, width: int) -> None:
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator("main h1")).to_be_visible()
    assert_styles_loaded(page)
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page, width)


def age_the_sign_in(page: Page, minutes: int = 30) -> None:
    """Move the browser session's record of its login back, as if it was made long ago."""
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=cookie["value"])
    for record in session["account_authentication_methods"]:
        record["at"] = time.time() - minutes * 60
    session.save()


def test_the_sessions_page_lists_both_sessions_and_ends_the_other(screen, hr_user):
    new_page, width = screen
    laptop, phone = new_page(), new_page()
    log_in(phone, hr_user.email)
    log_in(laptop, hr_user.email)

    laptop.goto("/accounts/sessions/")
    expect(laptop.locator("main h1")).to_have_text("Actieve sessies")
    expect(laptop.locator("main tbody tr")).to_have_count(2)
    check(laptop, width)

    laptop.get_by_role("button", name="Overal elders uitloggen").click()
    expect(laptop.locator(".messages")).to_contain_text("Je bent nu overal elders uitgelogd.")
    expect(laptop.locator("main tbody tr")).to_have_count(1)
    check(laptop, width)
    phone.goto("/accounts/sessions/")
    assert "/accounts/login/" in phone.url


def test_the_export_asks_to_confirm_with_the_password_and_then_opens(screen, hr_user, organisation):
    new_page, width = screen
    page = new_page()
    log_in(page, hr_user.email)
    age_the_sign_in(page)

    page.goto(f"/o/{organisation.slug}/export/")
    assert "/accounts/reauthenticate/" in page.url
    expect(page.locator("main h1")).to_have_text("Bevestig dat jij het bent")
    check(page, width)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert page.url.endswith(f"/o/{organisation.slug}/export/")
    check(page, width)
