"""An HR advisor follows a missing requirement from the readiness page to where it is fixed, fixes
it and sees readiness rise; then publishes the public profile and opens it logged out, publishes
an edited draft, and starts the renewal, which keeps the recognition in force."""

import re

import pytest
from playwright.sync_api import Page, expect

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def met_count(page: Page) -> int:
    label = page.locator("label[for=readiness-overall]").inner_text()
    return int(re.match(r"\s*(\d+) van \d+", label).group(1))


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_hr_fixes_a_missing_requirement_and_publishes_the_profile(
    hr_page, programme, browser, server_url
):
    page = hr_page
    page.goto(f"/o/{programme.slug}/")
    expect(page.locator("#recognition-panel-title")).to_be_visible()
    page.get_by_role("link", name="Bekijk wat er ontbreekt en waar je het regelt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wij werken mantelzorgvriendelijk")
    assert_no_axe_violations(page)
    before = met_count(page)

    # The first missing item of Bespreken leads to the item, where its progress is updated.
    bespreken = page.locator("section[aria-labelledby=pillar-bespreken-title]")
    missing = bespreken.locator(".readiness-missing a").first
    item_text = missing.inner_text()
    missing.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(item_text)
    page.get_by_role("link", name="Voortgang bijwerken").click()
    page.get_by_label("Status").select_option("gereed")
    submit(page, "Opslaan")

    page.goto(f"/o/{programme.slug}/recognition/")
    assert met_count(page) == before + 1
    expect(bespreken.locator(".readiness-missing")).not_to_contain_text(item_text)

    # The record, then the profile: choose what to show, preview, publish.
    page.get_by_role("link", name="De Erkenning vastleggen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Status").select_option("erkend")
    page.get_by_label("Erkend sinds").fill("2026-11-10")
    submit(page, "Opslaan")
    expect(page.locator("main")).to_contain_text("10 november 2026")

    page.get_by_role("link", name="Openbaar profiel").first.click()
    assert_no_axe_violations(page)
    page.get_by_label("Inleiding").fill("Wij zorgen voor wie zorgt.")
    page.get_by_label(re.compile("Voorlichting voor leidinggevenden")).check()
    submit(page, "Concept opslaan en bekijken")
    expect(page.locator("article.public-profile")).to_contain_text(
        "Voorlichting voor leidinggevenden"
    )
    assert_no_axe_violations(page)
    submit(page, "Publiceren")
    expect(page.locator(".messages")).to_contain_text("gepubliceerd")
    public_path = page.get_by_role("link", name="Open de openbare pagina").get_attribute("href")

    # Logged out, on a phone: the directory and the profile.
    context = browser.new_context(
        base_url=server_url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    visitor = context.new_page()
    try:
        visitor.goto("/erkend/")
        assert_no_axe_violations(visitor)
        visitor.get_by_role("link", name="Gemeente Voorbeeld").click()
        assert visitor.url.endswith(public_path)
        profile = visitor.locator("article.public-profile")
        expect(profile).to_contain_text("Erkend mantelzorgvriendelijk sinds 10 november 2026")
        expect(profile).to_contain_text("Voorlichting voor leidinggevenden")
        expect(profile).not_to_contain_text("Mantelzorgcafé")  # an action that was not chosen
        assert_no_horizontal_scroll(visitor, PHONE["width"])
        assert_no_axe_violations(visitor)
    finally:
        context.close()

    # An edit is a draft: previewed, and public only once it is published.
    page.get_by_role("link", name="Concept bewerken").click()
    page.get_by_label("Hoe medewerkers het thema leren kennen").fill("Posters op alle locaties.")
    page.get_by_label("Begeleid door").fill("Adviesbureau Zorg en Werk")
    page.get_by_label("Website van de werkgever").fill("https://www.voorbeeld.example")
    submit(page, "Concept opslaan en bekijken")
    expect(page.locator("article.public-profile")).to_contain_text("Posters op alle locaties.")
    assert_no_axe_violations(page)
    assert "Posters op alle locaties." not in page.request.get(public_path).text()
    submit(page, "Wijzigingen publiceren")
    public = page.request.get(public_path).text()
    assert "Posters op alle locaties." in public and "Adviesbureau Zorg en Werk" in public

    # The renewal asks first, and the recognition stays in force while it is prepared.
    page.goto(f"/o/{programme.slug}/recognition/")
    page.get_by_role("link", name="Volgende Erkenning starten (verlenging)").click()
    expect(page.locator("main")).to_contain_text("blijft geldig tot de verlenging is toegekend")
    assert_no_axe_violations(page)
    submit(page, "Ja, verlenging starten")
    page.goto(f"/o/{programme.slug}/")
    expect(page.locator("#recognition-panel-title + div")).to_contain_text(
        "Erkend sinds 10 november 2026"
    )
    assert "Erkend mantelzorgvriendelijk sinds 10 november 2026" in (
        page.request.get(public_path).text()
    )

    # Unpublished again, the page is gone, for the public and for members alike.
    page.goto(f"/o/{programme.slug}/recognition/profile/preview/")
    submit(page, "Niet meer publiceren")
    assert page.request.get(public_path).status == 404
