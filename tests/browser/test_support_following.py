"""Following in a real browser: HR invites a support organisation, its support advisor accepts,
reads along with the notice of on whose behalf, asks another employer, and HR ends it after the
confirmation; axe clean (WCAG 2.1 AA) and without sideways scrolling on a phone."""

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from support.models import Following, FollowingState, SupportMembership, SupportOrganisation

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

ADVISOR = "consulent@steunpunt-voorbeeld.nl"


@pytest.fixture
def steunpunt(organisation, hr_user) -> SupportOrganisation:
    support = SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Voorbeeld",
        slug="steunpunt-voorbeeld",
        region="Voorbeeldstad\nOosterdorp",
        commissioned_by="Gemeente Voorbeeldstad",
    )
    SupportOrganisation.objects.create(
        name="Mantelzorgpunt Elders", slug="mantelzorgpunt-elders", region="Elders"
    )
    advisor = User.objects.create_user(ADVISOR, PASSWORD, full_name="Sanne Bakker")
    SupportMembership.objects.create(user=advisor, support_organisation=support, role="advisor")
    return support


def check(page: Page, width: int | None = None) -> None:
    assert_no_axe_violations(page)
    if width:
        assert_no_horizontal_scroll(page, width)


def test_invite_accept_read_along_and_end(page: Page, organisation, steunpunt):
    employer = f"/o/{organisation.slug}/ondersteuning/"
    log_in(page, "hr@voorbeeld.nl")
    page.goto(employer)
    expect(page.get_by_role("heading", name="Mantelzorgondersteuning", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name="Mantelzorgondersteuner uitnodigen").click()
    page.locator("main form button[type=submit]").click()  # nothing chosen: the error summary
    expect(page.locator(".error-summary")).to_be_visible()
    check(page)
    page.get_by_label("Steunpunt Mantelzorg Voorbeeld", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("is uitgenodigd")).to_be_visible()
    check(page)

    page.context.clear_cookies()
    log_in(page, ADVISOR)
    page.goto(f"/s/{steunpunt.slug}/following/")
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name=f"Aannemen {organisation.name}").click()
    expect(page.get_by_text(f"Jullie kijken nu mee met {organisation.name}.")).to_be_visible()
    check(page)

    page.goto(f"/o/{organisation.slug}/pillars/")
    notice = page.locator("#follower-notice")
    expect(notice).to_contain_text("Je kijkt mee namens Steunpunt Mantelzorg Voorbeeld")
    expect(notice.get_by_role("link", name="Terug naar portefeuille")).to_be_visible()
    check(page)

    page.goto(f"/s/{steunpunt.slug}/following/request/")
    page.locator("#id_email").fill("hr@nergens.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("Als hr@nergens.example het adres is")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, "hr@voorbeeld.nl")
    following = Following.objects.get(organisation=organisation)
    page.goto(employer)
    page.get_by_role("link", name="Stoppen Steunpunt Mantelzorg Voorbeeld").click()
    expect(page.get_by_text("Wil je dat Steunpunt Mantelzorg Voorbeeld stopt")).to_be_visible()
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Meekijken stoppen").click()
    following.refresh_from_db()
    assert following.state == FollowingState.ENDED
    expect(page.locator(".following-record li")).to_have_count(3)  # invited, started, ended
    check(page)


def test_the_following_pages_fit_a_phone(phone_page: Page, organisation, steunpunt, hr_user):
    Following.objects.create(
        support_organisation=steunpunt, organisation=organisation, state=FollowingState.INVITED
    )
    log_in(phone_page, "hr@voorbeeld.nl")
    for path in ("", "invite/"):
        phone_page.goto(f"/o/{organisation.slug}/ondersteuning/{path}")
        check(phone_page, PHONE["width"])
    phone_page.context.clear_cookies()
    log_in(phone_page, ADVISOR)
    for path in ("following/", "following/request/"):
        phone_page.goto(f"/s/{steunpunt.slug}/{path}")
        check(phone_page, PHONE["width"])
