"""The pipeline and the support advisor's start page in a real browser: a due follow-up on the
start page, a contact logged (a wrong date first, then right), an employer invited, and the
invited HR advisor registering the organisation through the link; axe clean (WCAG 2.1 AA) and
without sideways scrolling on a phone."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from programme.models import Membership, Organisation, Role
from support import pipeline_services
from support.models import (
    Following,
    FollowingState,
    Prospect,
    Stage,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)
from support.services import following_invite

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

ADVISOR = "consulent@steunpunt-voorbeeld.nl"


@pytest.fixture
def steunpunt(organisation, hr_user) -> SupportOrganisation:
    """A support organisation with a pipeline of two employers, one due today; the walker's
    organisation has invited it to follow and waits for an answer."""
    support = SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Voorbeeld", slug="steunpunt-voorbeeld"
    )
    advisor = User.objects.create_user(ADVISOR, PASSWORD, full_name="Mira Consulent")
    SupportMembership.objects.create(
        user=advisor, support_organisation=support, role=SupportRole.ADVISOR
    )
    today = timezone.localdate()
    Prospect.objects.create(
        support_organisation=support,
        name="Bakkerij Van Dam",
        kind="bedrijf",
        employee_count=35,
        owner=advisor,
        stage=Stage.IN_CONVERSATION,
        contact_name="Els van Dam",
        contact_email="els@bakkerij.example",
        target_group="De eigenaar",
        aim="Een lunch voor werkende mantelzorgers",
        benefit="Minder verzuim en personeel dat blijft",
        next_step="Factsheet sturen",
        next_step_on=today,
    )
    Prospect.objects.create(
        support_organisation=support,
        name="Zorggroep Oost",
        kind="zorg",
        stage=Stage.APPROACHED,
        next_step="Terugbellen",
        next_step_on=today + timedelta(days=5),
    )
    following_invite(organisation=organisation, support_organisation=support, by=hr_user)
    return support


def check(page: Page, width: int | None = None) -> None:
    assert_no_axe_violations(page)
    if width:
        assert_no_horizontal_scroll(page, width)


def test_the_advisor_follows_up_and_invites_and_the_employer_registers(page: Page, steunpunt):
    base = f"/s/{steunpunt.slug}"
    log_in(page, ADVISOR)
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="Nu opvolgen")).to_be_visible()
    expect(page.get_by_role("link", name="Bakkerij Van Dam")).to_be_visible()
    expect(page.get_by_role("button", name="Aannemen Gemeente Voorbeeld")).to_be_visible()
    check(page)

    page.goto(f"{base}/pipeline/")
    expect(page.get_by_role("link", name=re.compile(r"^Benaderd"))).to_be_visible()
    check(page)

    page.get_by_role("link", name="Bakkerij Van Dam").click()
    expect(page.get_by_text("Een lunch voor werkende mantelzorgers")).to_be_visible()
    check(page)

    tomorrow = timezone.localdate() + timedelta(days=1)
    page.locator("#id_on").fill(tomorrow.isoformat())
    page.locator("#id_kind").select_option("bezoek")
    page.locator("#id_next_step").fill("Lunch plannen")
    page.locator("#id_next_step_on").fill((tomorrow + timedelta(days=7)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    expect(page.locator(".error-summary")).to_contain_text("niet in de toekomst")
    check(page)

    page.locator("#id_on").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Contact vastleggen").click()
    expect(page.get_by_text("Het contact is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Lunch plannen").first).to_be_visible()

    page.get_by_role("link", name="Uitnodigen voor het platform").click()
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(
        page.get_by_text("De uitnodiging is verstuurd naar els@bakkerij.example")
    ).to_be_visible()
    token = re.search(r"/uitnodiging/([^/\s]+)/", mail.outbox[-1].body).group(1)

    page.context.clear_cookies()
    page.goto(f"/uitnodiging/{token}/")
    expect(
        page.get_by_role("heading", name="Wat Steunpunt Mantelzorg Voorbeeld ziet")
    ).to_be_visible()
    check(page)
    page.locator("#id_password1").fill("kort")
    page.locator("#id_password2").fill("anders")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging aannemen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check(page)

    page.locator("#id_password1").fill("Mantelzorg-werkt-2026!")
    page.locator("#id_password2").fill("Mantelzorg-werkt-2026!")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodiging aannemen").click()
    expect(page.get_by_text("kijkt nu mee met Bakkerij Van Dam")).to_be_visible()
    employer = Organisation.objects.get(name="Bakkerij Van Dam")
    assert page.url.endswith(f"/o/{employer.slug}/")
    assert Membership.objects.get(organisation=employer).role == Role.HR
    assert Following.objects.get(organisation=employer).state == FollowingState.ACTIVE


def test_the_pipeline_pages_fit_a_phone(phone_page: Page, steunpunt):
    base = f"/s/{steunpunt.slug}"
    prospect = steunpunt.prospects.get(name="Bakkerij Van Dam")
    log_in(phone_page, ADVISOR)
    for path in (
        "",
        "pipeline/",
        "pipeline/new/",
        f"pipeline/{prospect.pk}/",
        f"pipeline/{prospect.pk}/invite/",
    ):
        phone_page.goto(f"{base}/{path}")
        check(phone_page, PHONE["width"])
    sent = pipeline_services.invitation_send(
        prospect=prospect,
        email="els@bakkerij.example",
        full_name="Els van Dam",
        language="nl",
        by=prospect.owner,
        base_url="http://testserver/",
    )
    phone_page.context.clear_cookies()
    phone_page.goto(f"/uitnodiging/{sent.token}/")
    check(phone_page, PHONE["width"])
    phone_page.goto("/uitnodiging/onbekend/")
    expect(
        phone_page.get_by_role("heading", name="Deze uitnodigingslink werkt niet")
    ).to_be_visible()
    check(phone_page, PHONE["width"])
