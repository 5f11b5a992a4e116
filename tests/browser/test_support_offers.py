"""The support organisation's offer and its own pages in a real browser, and an employer's HR
advisor taking an offer up in one click; axe clean (WCAG 2.1 AA) and without sideways scrolling
on a phone."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from programme.models import Action, Organisation, PillarKey, SupportOffer, SupportOfferKind
from support import offer_services
from support.models import (
    Following,
    FollowingState,
    Offering,
    OfferingFormat,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@steunpunt-voorbeeld.nl"


@pytest.fixture
def steunpunt(organisation, hr_user) -> SupportOrganisation:
    """A support organisation following `organisation` and another employer, with an offer in two
    pillars; the other employer took the lunch up already."""
    support = SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Voorbeeld",
        slug="steunpunt-voorbeeld",
        region="Voorbeeldstad\nOosterdorp",
        commissioned_by="Gemeente Voorbeeldstad",
        goal="Twintig werkgevers in de regio zijn mantelzorgvriendelijk.",
        website="https://steunpunt-voorbeeld.example",
    )
    coordinator = User.objects.create_user(COORDINATOR, PASSWORD, full_name="Carla Jansen")
    SupportMembership.objects.create(
        user=coordinator, support_organisation=support, role=SupportRole.COORDINATOR
    )
    advisor = User.objects.create_user("consulent@steunpunt-voorbeeld.nl", PASSWORD)
    SupportMembership.objects.create(
        user=advisor, support_organisation=support, role=SupportRole.ADVISOR
    )
    other = Organisation.objects.create(name="Zorggroep Oost", slug="zorggroep-oost")
    for employer in (organisation, other):
        Following.objects.create(
            support_organisation=support,
            organisation=employer,
            state=FollowingState.ACTIVE,
            started_at=timezone.now(),
        )
    lunch = Offering.objects.create(
        support_organisation=support,
        pillar=PillarKey.DISCUSS,
        format=OfferingFormat.LUNCH,
        title="Lunch voor werkende mantelzorgers",
        description="Een uur samen eten en ervaringen delen, met een mantelzorgconsulent.",
    )
    Offering.objects.create(
        support_organisation=support,
        pillar=PillarKey.EQUIP,
        format=OfferingFormat.TRAINING,
        title="Training voor leidinggevenden",
        description="Twee dagdelen over het gesprek met een medewerker die mantelzorgt.",
    )
    offer_services.offering_take_up(
        offering=lunch, organisation=other, year=timezone.localdate().year
    )
    SupportOffer.objects.create(
        organisation=organisation,
        name="Bedrijfsmaatschappelijk werk",
        kind=SupportOfferKind.INTERNAL,
    )
    return support


def check(page: Page, width: int | None = None) -> None:
    assert_no_axe_violations(page)
    if width:
        assert_no_horizontal_scroll(page, width)


def test_the_coordinator_keeps_the_offer_and_the_organisation(page: Page, steunpunt):
    log_in(page, COORDINATOR)
    base = f"/s/{steunpunt.slug}"

    page.goto(f"{base}/offers/")
    expect(page.locator("#pillar-bespreken")).to_have_text("Bespreken")
    expect(page.get_by_text("Eén keer opgenomen")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Aanbod toevoegen voor Borgen").click()
    page.locator("main form button[type=submit]").click()  # no title: the error summary
    expect(page.locator(".error-summary")).to_be_visible()
    check(page)

    lunch = steunpunt.offerings.get(pillar=PillarKey.DISCUSS)
    page.goto(f"{base}/offers/{lunch.pk}/delete/")
    expect(page.get_by_role("button", name="Niet meer aanbieden")).to_be_visible()
    check(page)

    for path in ("organisation/", "members/", "members/add/", "organisation/edit/"):
        page.goto(f"{base}/{path}")
        check(page)
    page.locator("main form button[type=submit]").click()  # the details as they are: saved
    expect(page.get_by_text("De gegevens zijn opgeslagen.")).to_be_visible()


def test_hr_takes_an_offer_up_as_an_action_in_one_click(page: Page, organisation, steunpunt):
    log_in(page, "hr@voorbeeld.nl")
    page.goto(f"/o/{organisation.slug}/support/")
    expect(
        page.get_by_role("heading", name="Aanbod van Steunpunt Mantelzorg Voorbeeld")
    ).to_be_visible()
    expect(page.locator("strong", has_text="Bedrijfsmaatschappelijk werk")).to_be_visible()
    check(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Opnemen in ons plan Training voor leidinggevenden").click()
    action = Action.objects.get(organisation=organisation, title="Training voor leidinggevenden")
    assert page.url.endswith(f"/o/{organisation.slug}/actions/{action.pk}/")
    expect(page.get_by_text("staat nu in het actieplan")).to_be_visible()
    assert action.partner == "Steunpunt Mantelzorg Voorbeeld"

    page.goto(f"/o/{organisation.slug}/support/")
    expect(page.get_by_role("link", name="Training voor leidinggevenden")).to_be_visible()
    expect(page.get_by_role("button", name="Opnemen in ons plan Training")).to_have_count(0)
    check(page)


def test_the_offer_pages_fit_a_phone(phone_page: Page, organisation, steunpunt):
    log_in(phone_page, COORDINATOR)
    for path in ("offers/", "members/", "organisation/"):
        phone_page.goto(f"/s/{steunpunt.slug}/{path}")
        check(phone_page, PHONE["width"])
    phone_page.context.clear_cookies()
    log_in(phone_page, "hr@voorbeeld.nl")
    phone_page.goto(f"/o/{organisation.slug}/support/")
    check(phone_page, PHONE["width"])
