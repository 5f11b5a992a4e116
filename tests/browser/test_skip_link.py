import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def tab_to_skip_link_and_follow_it(page: Page) -> None:
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is off screen"

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_keyboard_user_can_skip_to_main_content(hr_page, organisation):
    hr_page.goto(f"/o/{organisation.slug}/actions/")
    tab_to_skip_link_and_follow_it(hr_page)


def test_keyboard_user_can_skip_to_main_content_when_logged_out(page):
    # Not the login page: its e-mail field takes the focus on load (autofocus).
    page.goto("/accounts/password/reset/")
    tab_to_skip_link_and_follow_it(page)
