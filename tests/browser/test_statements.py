"""The statements are one click away on every page and on the monitor, in both languages, and
axe finds nothing on them at a phone's width or a desktop's."""

import re

import pytest
from playwright.sync_api import Page, expect

from statements.models import StatementSettings
from tests.monitor.conftest import make_campaign

from .checks import assert_no_axe_violations, assert_no_horizontal_scroll, assert_styles_loaded
from .steps import log_in

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
FOOTER = {"nl": "Verklaringen", "en": "Statements"}
ENGLISH_BUTTON = "English"


@pytest.fixture(params=sorted(WIDTHS))
def sized_page(request, browser, server_url) -> Page:
    context = browser.new_context(
        base_url=server_url, locale="nl-NL", viewport=WIDTHS[request.param]
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def campaign(organisation):
    StatementSettings.objects.create(
        organisation=organisation,
        privacy_contact="privacy@voorbeeld.nl",
        accessibility_contact="toegankelijkheid@voorbeeld.nl",
        respondent_text="Wij gebruiken de uitkomsten voor ons beleid.",
    )
    return make_campaign(organisation)


def open_in(page: Page, path: str, language: str) -> None:
    page.goto(path)
    if language == "en":
        toggler = page.locator(".navbar-toggler")
        if toggler.count() and toggler.is_visible():  # on a phone the switch is in the menu
            toggler.click()
        with page.expect_navigation():
            page.locator("form.language-switch").get_by_role(
                "button", name=ENGLISH_BUTTON, exact=True
            ).click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def footer_links(page: Page, language: str) -> list[str]:
    nav = page.get_by_role("navigation", name=FOOTER[language])
    return [link.get_attribute("href") for link in nav.get_by_role("link").all()]


def visit_each(page: Page, start: str, hrefs: list[str], language: str, width: int) -> None:
    """Follow each footer link from the start page, as a keyboard user would, and check it."""
    for href in hrefs:
        page.goto(start)
        link = page.get_by_role("navigation", name=FOOTER[language]).locator(f'a[href="{href}"]')
        link.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(re.escape(href) + "$"))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_styles_loaded(page)
        assert_no_horizontal_scroll(page, width)
        assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_footer_of_an_ordinary_page_reaches_every_statement(sized_page, organisation, language):
    page = sized_page
    open_in(page, "/accounts/login/", language)
    hrefs = footer_links(page, language)
    assert hrefs == ["/privacyverklaring/", "/privacyverklaring/monitor/", "/toegankelijkheid/"]
    width = page.viewport_size["width"]
    assert_no_horizontal_scroll(page, width)
    visit_each(page, "/accounts/login/", hrefs, language, width)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_monitor_reaches_its_organisations_statements(sized_page, campaign, language):
    page = sized_page
    start = f"/m/{campaign.key}/"
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_in(page, start, language)
    hrefs = footer_links(page, language)
    privacy = f"/m/{campaign.key}/privacyverklaring/"
    assert hrefs == [privacy, f"/m/{campaign.key}/toegankelijkheid/"]
    # The start page's own text links the privacy statement too.
    expect(page.locator("#respond-privacy-link")).to_have_attribute("href", privacy)
    width = page.viewport_size["width"]
    visit_each(page, start, hrefs, language, width)
    page.goto(privacy)
    expect(page.locator("#respondent-contacts")).to_contain_text("privacy@voorbeeld.nl")
    expect(page.locator("header")).to_contain_text("Gemeente Voorbeeld")
    # Nothing from any other site, and no cookie but the form's and the language's.
    origin = page.url.split("/m/")[0]
    assert all(url.startswith(origin) for url in requests), requests
    names = {cookie["name"] for cookie in page.context.cookies()}
    assert names <= {"csrftoken", "django_language"}, names


def test_the_hr_page_shows_a_clear_error_and_is_axe_clean(sized_page, organisation, hr_user):
    page = sized_page
    log_in(page, hr_user.email)
    page.goto(f"/o/{organisation.slug}/privacy/")
    width = page.viewport_size["width"]
    assert_no_axe_violations(page)
    page.locator("#id_privacy_contact").fill("geen adres")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Contact voor privacy")
    expect(page.locator("#id_privacy_contact")).to_have_attribute("aria-invalid", "true")
    assert_no_horizontal_scroll(page, width)
    assert_no_axe_violations(page)
    assert not StatementSettings.objects.filter(organisation=organisation).exists()
