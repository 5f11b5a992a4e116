"""The portfolio and an employer at a glance in a real browser: sorted by a header, filtered,
axe clean (WCAG 2.1 AA), and without sideways scrolling on a phone (the table scrolls in its own
box)."""

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from support.models import SupportMembership, SupportOrganisation, SupportRole
from tests.support.portfolio_world import employer

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

ADVISOR = "consulent@steunpunt-voorbeeld.nl"


@pytest.fixture
def steunpunt(organisation) -> SupportOrganisation:
    """A support organisation following three employers with everything the portfolio shows."""
    support = SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Voorbeeld", slug="steunpunt-voorbeeld"
    )
    advisor = User.objects.create_user(ADVISOR, PASSWORD, full_name="Sanne Bakker")
    SupportMembership.objects.create(
        user=advisor, support_organisation=support, role=SupportRole.ADVISOR
    )
    for number in (1, 2, 3):
        employer(support, number)
    return support


def test_the_advisor_sorts_filters_and_opens_an_employer(page: Page, steunpunt):
    log_in(page, ADVISOR)
    page.goto(f"/s/{steunpunt.slug}/werkgevers/")
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(3)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Omvang").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Omvang")
    page.get_by_role("link", name="Omvang").click()
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Omvang")
    expect(rows.first.locator("th")).to_contain_text("Werkgever 003")

    page.get_by_label("Soort", exact=True).select_option(label="Zorg")
    page.get_by_role("button", name="Filteren").click()
    expect(rows).to_have_count(1)
    expect(page.get_by_text("1 van 3 werkgevers")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Werkgever 001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkgever 001")
    expect(page.get_by_text("Terugbellen")).to_be_visible()
    expect(page.get_by_role("table", name="Contactgeschiedenis").locator("tbody tr")).to_have_count(
        2
    )
    assert_no_axe_violations(page)


def test_the_portfolio_fits_a_phone(phone_page: Page, steunpunt):
    log_in(phone_page, ADVISOR)
    for path in ("werkgevers/", "werkgevers/werkgever-002/"):
        phone_page.goto(f"/s/{steunpunt.slug}/{path}")
        assert_no_horizontal_scroll(phone_page, PHONE["width"])
        assert_no_axe_violations(phone_page)
