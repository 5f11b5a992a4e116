"""The support advisor's journey, as the issue describes it, in one real browser: from the
portfolio to a followed employer, a contact followed up in the pipeline, an employer invited to
the platform; then that employer's HR advisor accepts and takes up an offer as an action in the
plan. Every page on the way is axe clean (WCAG 2.1 AA)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from programme.models import Action, ActionStatus, Organisation, PillarKey
from support.models import (
    Following,
    FollowingState,
    Offering,
    OfferingFormat,
    OfferingUptake,
    Prospect,
    Stage,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)
from support.services import following_accept, following_invite

from .checks import assert_no_axe_violations
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

ADVISOR = "ingrid@steunpunt-regio.example"
NEW_HR = "p.smit@bakkerij-de-molen.example"


@pytest.fixture
def steunpunt(organisation, hr_user) -> SupportOrganisation:
    """A support organisation that follows `organisation`, with an offer for Bespreken and an
    employer in its pipeline that is not on the platform yet, due for a follow-up today."""
    support = SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Regio",
        slug="steunpunt-regio",
        commissioned_by="Gemeente Voorbeeld",
    )
    advisor = User.objects.create_user(ADVISOR, PASSWORD, full_name="Ingrid Mulder")
    SupportMembership.objects.create(
        user=advisor, support_organisation=support, role=SupportRole.ADVISOR
    )
    following = following_invite(
        organisation=organisation, support_organisation=support, by=hr_user
    )
    following_accept(following=following, by=advisor)
    Offering.objects.create(
        support_organisation=support,
        pillar=PillarKey.DISCUSS,
        format=OfferingFormat.LUNCH,
        title="Mantelzorglunch op het werk",
        description="Een uur samen eten en ervaringen delen, met een mantelzorgconsulent.",
    )
    Prospect.objects.create(
        support_organisation=support,
        name="Bakkerij De Molen",
        kind="bedrijf",
        employee_count=40,
        owner=advisor,
        stage=Stage.IN_CONVERSATION,
        contact_name="Petra Smit",
        contact_email=NEW_HR,
        target_group="De eigenaar en de bedrijfsleider",
        aim="Een eerste lunch voor werkende mantelzorgers",
        benefit="Minder verzuim in de drukke maanden",
        next_step="Terugbellen over de lunch",
        next_step_on=timezone.localdate(),
    )
    return support


def test_portfolio_follow_up_invite_accept_and_take_up_an_offer(page: Page, steunpunt):
    # The support advisor lands on the start page and opens the portfolio from the menu.
    log_in(page, ADVISOR)
    expect(page).to_have_url(re.compile(rf"/s/{steunpunt.slug}/$"))
    support_nav = page.get_by_role("navigation", name=steunpunt.name)
    support_nav.get_by_role("link", name="Portefeuille", exact=True).click()
    expect(page.get_by_role("heading", name="Portefeuille", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Gemeente Voorbeeld").first.click()
    expect(page.get_by_role("heading", name="Gemeente Voorbeeld")).to_be_visible()
    assert_no_axe_violations(page)

    # The pipeline: the follow-up due today, a contact logged with the next step.
    support_nav.get_by_role("link", name="Werkgevers benaderen", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Bakkerij De Molen").first.click()
    page.locator("#id_on").fill(timezone.localdate().isoformat())
    page.locator("#id_kind").select_option("telefoon")
    page.locator("#id_notes").fill("Petra wil de lunch graag in maart.")
    page.locator("#id_next_step").fill("Uitnodiging voor het platform sturen")
    page.locator("#id_next_step_on").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    expect(page.get_by_text("Het contact is vastgelegd.")).to_be_visible()
    assert_no_axe_violations(page)
    prospect = Prospect.objects.get(name="Bakkerij De Molen")
    assert prospect.contacts.count() == 1
    assert prospect.next_step == "Uitnodiging voor het platform sturen"

    # The invitation that brings the employer onto the platform, already followed.
    page.get_by_role("link", name="Uitnodigen voor het platform").click()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text(f"De uitnodiging is verstuurd naar {NEW_HR}")).to_be_visible()
    assert mail.outbox[-1].to == [NEW_HR]
    token = re.search(r"/uitnodiging/([^/\s]+)/", mail.outbox[-1].body).group(1)

    # The employer's HR advisor opens the link, creates the account and accepts.
    page.context.clear_cookies()
    page.goto(f"/uitnodiging/{token}/")
    assert_no_axe_violations(page)
    page.locator("#id_password1").fill("Mantelzorg-werkt-2026!")
    page.locator("#id_password2").fill("Mantelzorg-werkt-2026!")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging aannemen").click()
    employer = Organisation.objects.get(name="Bakkerij De Molen")
    expect(page).to_have_url(re.compile(rf"/o/{employer.slug}/$"))
    following = Following.objects.get(organisation=employer)
    assert following.support_organisation == steunpunt
    assert following.state == FollowingState.ACTIVE

    # ... finds the steunpunt's offer beside its own support offers, and takes it up.
    org_nav = page.get_by_role("navigation", name="Bakkerij De Molen")
    org_nav.get_by_role("button", name="Organisatie", exact=True).click()
    org_nav.get_by_role("link", name="Ondersteuning", exact=True).click()
    expect(page.locator("strong", has_text="Mantelzorglunch op het werk")).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Opnemen in ons plan Mantelzorglunch op het werk").click()
    expect(page.get_by_role("heading", name="Mantelzorglunch op het werk")).to_be_visible()
    assert_no_axe_violations(page)
    action = Action.objects.get(organisation=employer)
    assert action.title == "Mantelzorglunch op het werk"
    assert action.pillar == PillarKey.DISCUSS
    assert action.status == ActionStatus.PLANNED
    assert action.year == timezone.localdate().year
    assert action.partner == steunpunt.name
    assert OfferingUptake.objects.get(organisation=employer).action == action
