import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_form_with_errors_puts_the_focus_on_its_summary(hr_page, organisation):
    hr_page.goto(f"/o/{organisation.slug}/actions/new/")
    hr_page.locator("#id_title").fill("")
    with hr_page.expect_navigation():
        hr_page.locator("main form button[type=submit]").click()
    summary = hr_page.locator(".error-summary")
    expect(summary).to_be_focused()
    # Each message links to its field, so a keyboard user can go straight there.
    link = summary.locator('a[href="#id_title"]')
    link.click()
    expect(hr_page.locator("#id_title")).to_be_focused()
