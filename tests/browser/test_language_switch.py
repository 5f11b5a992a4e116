import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from .steps import log_in

pytestmark = pytest.mark.browser


def translated(message: str, language: str) -> str:
    """The message as the server renders it in the language, whatever the catalogues hold now.

    The Dutch catalogue is being written alongside these tests; asking gettext in the same process
    keeps the test true both before and after it is compiled.
    """
    with translation.override(language):
        return translation.gettext(message)


def switch_language(page: Page, button_label: str, language: str) -> None:
    switch = page.locator("form.language-switch")
    with page.expect_navigation():
        switch.get_by_role("button", name=button_label, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.fixture
def english_browser_page(browser, server_url) -> Page:
    context = browser.new_context(base_url=server_url, locale="en-GB")
    yield context.new_page()
    context.close()


def test_the_language_switch_turns_the_page_into_english_and_back(
    english_browser_page, organisation, hr_user
):
    page = english_browser_page
    # Dutch first, even for a browser that asks for English: only the switch changes it.
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(translated("Log in", "nl"))
    # The button names its language in that language, and says so to a screen reader.
    expect(page.get_by_role("button", name="English", exact=True)).to_have_attribute("lang", "en")

    switch_language(page, "English", "en")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(heading).to_have_text("Log in")
    expect(page.get_by_role("button", name="English", exact=True)).to_have_count(0)

    switch_language(page, "Nederlands", "nl")
    expect(heading).to_have_text(translated("Log in", "nl"))

    # A logged-in page keeps its address and turns English too.
    log_in(page, hr_user.email)
    dashboard = f"/o/{organisation.slug}/"
    expect(page).to_have_url(re.compile(f"{dashboard}$"))
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_have_text(translated("Skip to main content", "nl"))

    switch_language(page, "English", "en")
    expect(page).to_have_url(re.compile(f"{dashboard}$"))
    expect(skip_link).to_have_text("Skip to main content")
    expect(page.locator("nav.org-nav a[aria-current=page]")).to_have_text("Dashboard")

    switch_language(page, "Nederlands", "nl")
    expect(page).to_have_url(re.compile(f"{dashboard}$"))
    expect(skip_link).to_have_text(translated("Skip to main content", "nl"))
