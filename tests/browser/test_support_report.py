"""The support organisation's report in a real browser: the year choice, the downloads, axe
clean (WCAG 2.1 AA) and without sideways scrolling on a phone."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from programme.models import OrganisationKind
from support.models import (
    Contact,
    ContactKind,
    Following,
    FollowingState,
    Prospect,
    Stage,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)

from .checks import (
    PHONE,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    assert_styles_loaded,
)
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

ADVISOR = "consulent@steunpunt-rapport.nl"


@pytest.fixture
def steunpunt(organisation) -> SupportOrganisation:
    """A support organisation that follows `organisation`, with a pipeline and contacts in this
    year and the last."""
    support = SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Rapport",
        slug="steunpunt-rapport",
        region="Voorbeeldstad\nOosterdorp",
        commissioned_by="Gemeente Voorbeeldstad",
        goal="Twintig werkgevers in de regio zijn mantelzorgvriendelijk.",
    )
    advisor = User.objects.create_user(ADVISOR, PASSWORD, full_name="Sanne de Vries")
    SupportMembership.objects.create(
        user=advisor, support_organisation=support, role=SupportRole.ADVISOR
    )
    Following.objects.create(
        support_organisation=support,
        organisation=organisation,
        state=FollowingState.ACTIVE,
        started_at=timezone.now(),
    )
    this_year = timezone.localdate().year
    SupportOrganisation.objects.filter(pk=support.pk).update(
        created_at=timezone.make_aware(timezone.datetime(this_year - 1, 3, 1))
    )
    for name, stage, kind, size in (
        ("Bakkerij Bol", Stage.MAPPED, OrganisationKind.BUSINESS, 12),
        ("Zorg Zuid", Stage.IN_CONVERSATION, OrganisationKind.CARE, 300),
        ("Lyceum Lei met een heel lange naam voor een smal scherm", Stage.RECOGNISED,
         OrganisationKind.EDUCATION, 1800),
    ):  # fmt: skip
        prospect = Prospect.objects.create(
            support_organisation=support, name=name, stage=stage, kind=kind, employee_count=size
        )
        Contact.objects.create(prospect=prospect, on=date(this_year, 1, 2), kind=ContactKind.CALL)
        Contact.objects.create(
            prospect=prospect, on=date(this_year - 1, 6, 2), kind=ContactKind.VISIT
        )
    return support


def open_report(page: Page, steunpunt) -> None:
    log_in(page, ADVISOR)
    page.goto(f"/s/{steunpunt.slug}/rapportage/")


def test_the_report_chooses_its_year_and_has_no_wcag_violations(page, steunpunt):
    open_report(page, steunpunt)
    assert_styles_loaded(page)
    this_year = timezone.localdate().year
    expect(page.locator("h1")).to_have_text(f"Rapportage {this_year}")
    expect(page.locator("main")).to_contain_text("Wij hadden 3 contacten met werkgevers")
    assert_no_axe_violations(page)

    page.locator("#year-select").select_option(str(this_year - 1))
    with page.expect_navigation():
        page.get_by_role("button", name="Tonen").click()
    expect(page.locator("h1")).to_have_text(f"Rapportage {this_year - 1}")
    expect(page.locator("main")).to_contain_text("Deze rapportage gaat over heel")
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als pdf").click()
    assert download.value.suggested_filename == f"rapportage-steunpunt-rapport-{this_year - 1}.pdf"


def test_a_bad_year_says_so_and_the_page_stays_clean(page, steunpunt):
    log_in(page, ADVISOR)
    page.goto(f"/s/{steunpunt.slug}/rapportage/?year=twintig")
    expect(page.locator(".alert-warning")).to_contain_text("“twintig” is geen jaartal")
    assert_no_axe_violations(page)


def test_the_report_fits_a_phone_and_has_no_wcag_violations_there(phone_page, steunpunt):
    open_report(phone_page, steunpunt)
    expect(phone_page.locator("h1")).to_contain_text("Rapportage")
    assert_no_horizontal_scroll(phone_page, PHONE["width"])
    assert_no_axe_violations(phone_page)
