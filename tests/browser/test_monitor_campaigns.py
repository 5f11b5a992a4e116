"""The HR pages that run monitor campaigns, in the browser: an HR advisor creates a campaign and
adds a question of their own; axe-core finds no WCAG 2.1 A/AA violation on any of these pages, in
Dutch and in English; the campaign page does not scroll sideways on a phone."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from monitor.models import AccessMode, Campaign, CustomQuestion, Department
from tests.monitor.conftest import make_campaign

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .steps import log_in

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Monitor:
    slug: str
    campaign_pk: int  # an open campaign with a long title and a question of its own
    code_campaign_pk: int  # an open campaign with single-use codes
    upcoming_pk: int  # a campaign before its first day, whose question can still change

    def url(self, path: str = "") -> str:
        return f"/o/{self.slug}/monitor/{path}"


def with_question(campaign: Campaign, text: str) -> Campaign:
    CustomQuestion.objects.create(
        campaign=campaign, code=101, kind="single", text=text, options="Stadhuis\nWerf\nThuis"
    )
    return campaign


@pytest.fixture
def monitor(organisation, hr_user) -> Monitor:
    for code, name in enumerate(["Burgerzaken", "Sociaal Domein en Werk en Inkomen"], start=1):
        Department.objects.create(organisation=organisation, name=name, code=code)
    today = timezone.localdate()
    window = {"opens_on": today - timedelta(days=3), "closes_on": today + timedelta(days=21)}
    # Questions are added before the first day, as HR does (from then on they are fixed): the
    # campaign is made upcoming with its question, then its first day comes.
    campaign = with_question(
        make_campaign(
            organisation,
            title="Mantelzorgmonitor 2026 voor alle medewerkers van de gemeente",
            opens_on=today + timedelta(days=1),
            closes_on=window["closes_on"],
        ),
        "Op welke locatie werk je het meest?",
    )
    Campaign.objects.filter(pk=campaign.pk).update(opens_on=window["opens_on"])
    codes = make_campaign(
        organisation, title="Monitor met codes", access_mode=AccessMode.CODES, **window
    )
    upcoming = with_question(
        make_campaign(
            organisation,
            title="Monitor voorjaar",
            opens_on=today + timedelta(days=30),
            closes_on=today + timedelta(days=60),
        ),
        "Waar werk je?",
    )
    return Monitor(organisation.slug, campaign.pk, codes.pk, upcoming.pk)


@pytest.fixture
def monitor_page(page, monitor, hr_user) -> Page:
    log_in(page, hr_user.email)
    return page


def to_english(page: Page) -> None:
    switch = page.locator("form.language-switch")
    with page.expect_navigation():
        switch.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def expect_qr_code_loaded(page: Page) -> None:
    qr = page.locator("main img.monitor-qr")
    expect(qr).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())


def test_hr_advisor_creates_a_campaign_and_adds_a_question(monitor_page, monitor):
    page = monitor_page
    page.goto(f"/o/{monitor.slug}/")
    nav = page.locator("nav.org-nav")
    nav.locator(f"a[href='{monitor.url()}']").click()
    expect(page).to_have_url(re.compile(rf"{monitor.url()}$"))
    expect(nav.locator("a[aria-current=page]")).to_have_attribute("href", monitor.url())

    page.locator(f"main a[href='{monitor.url('new/')}']").click()
    # Before its first day, whenever the test runs: questions can be added until then.
    today = timezone.localdate()
    page.locator("#id_title").fill("Monitor 2027")
    page.locator("#id_opens_on").fill((today + timedelta(days=40)).isoformat())
    page.locator("#id_closes_on").fill((today + timedelta(days=60)).isoformat())
    page.locator("#id_invited_count").fill("180")
    page.locator("#id_min_group_size").fill("6")
    page.locator("input[name=access_mode][value=link]").check()
    submit(page)

    campaign = Campaign.objects.get(title="Monitor 2027")
    expect(page).to_have_url(re.compile(rf"{monitor.url(f'{campaign.pk}/')}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor 2027")
    link = f"/m/{campaign.key}/"
    expect(page.locator("main .monitor-link a")).to_have_text(re.compile(rf"^http://.+{link}$"))
    expect_qr_code_loaded(page)

    page.locator(f"main a[href='{monitor.url(f'{campaign.pk}/questions/new/')}']").click()
    page.locator("input[name=kind][value=multi]").check()
    page.locator("#id_text").fill("Waar werk je?")
    page.locator("#id_options").fill("Stadhuis\nWerf\nThuis")
    page.locator("#id_confirm").check()  # nothing about health, no colleague named
    submit(page)

    expect(page).to_have_url(re.compile(rf"{monitor.url(f'{campaign.pk}/')}$"))
    expect(page.locator("main .list-group-item")).to_contain_text("Waar werk je?")
    question = campaign.custom_questions.get()
    assert (question.code, question.option_labels) == (101, ["Stadhuis", "Werf", "Thuis"])
    assert (campaign.min_group_size, campaign.invited_count) == (6, 180)


def test_hr_advisor_closes_a_campaign_only_after_ticking_the_confirmation(monitor_page, monitor):
    page = monitor_page
    close_url = monitor.url(f"{monitor.campaign_pk}/close/")
    page.goto(monitor.url(f"{monitor.campaign_pk}/"))
    page.locator(f"main a[href='{close_url}']").click()
    expect(page).to_have_url(re.compile(rf"{close_url}$"))
    submit(page)  # without ticking the box: the error summary, and the campaign stays open
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary a[href='#id_confirm']")).to_be_visible()
    assert Campaign.objects.get(pk=monitor.campaign_pk).closed_on is None
    page.locator("#id_confirm").check()
    submit(page)
    expect(page).to_have_url(re.compile(rf"{monitor.url(f'{monitor.campaign_pk}/')}$"))
    campaign = Campaign.objects.get(pk=monitor.campaign_pk)
    assert campaign.closed_on == timezone.localdate() == campaign.closes_on
    expect(page.locator(f"main a[href='{close_url}']")).to_have_count(0)  # closing is final


def open_close_form_with_errors(page: Page, monitor: Monitor) -> str:
    page.goto(monitor.url(f"{monitor.campaign_pk}/close/"))
    submit(page)
    return ".error-summary"


def open_list(page: Page, monitor: Monitor) -> str:
    page.goto(monitor.url())
    return "main table"


def open_form_with_errors(page: Page, monitor: Monitor) -> str:
    page.goto(monitor.url("new/"))
    page.locator("#id_opens_on").fill("2027-01-31")
    page.locator("#id_closes_on").fill("2027-01-11")
    page.locator("#id_min_group_size").fill("4")
    submit(page)
    return ".error-summary"


def open_detail(page: Page, monitor: Monitor) -> str:
    page.goto(monitor.url(f"{monitor.campaign_pk}/"))
    expect_qr_code_loaded(page)
    return "main .list-group-item"


def open_codes_sheet(page: Page, monitor: Monitor) -> str:
    page.goto(monitor.url(f"{monitor.code_campaign_pk}/codes/"))
    page.locator("#id_count").fill("4")
    submit(page)
    return ".code-card"


def open_departments(page: Page, monitor: Monitor) -> str:
    page.goto(monitor.url("departments/"))
    return "main table"


def open_question_form(page: Page, monitor: Monitor) -> str:
    question = CustomQuestion.objects.get(campaign_id=monitor.upcoming_pk)
    page.goto(monitor.url(f"{monitor.upcoming_pk}/questions/{question.pk}/edit/"))
    return "#id_options"


SCREENS: dict[str, Callable[[Page, Monitor], str]] = {
    "campaign list": open_list,
    "campaign form with errors": open_form_with_errors,
    "campaign detail": open_detail,
    "codes sheet": open_codes_sheet,
    "departments": open_departments,
    "question form": open_question_form,
    "close form with errors": open_close_form_with_errors,
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_campaign_pages_have_no_axe_violations(monitor_page, monitor, screen, language):
    page = monitor_page
    if language == "en":
        page.goto(monitor.url())
        to_english(page)
    shows = SCREENS[screen](page, monitor)
    expect(page.locator(shows).first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)


def test_campaign_detail_does_not_scroll_sideways_on_a_phone(phone_page, monitor, hr_user):
    page = phone_page
    log_in(page, hr_user.email)
    open_detail(page, monitor)
    assert_no_horizontal_scroll(page, PHONE["width"])
    open_codes_sheet(page, monitor)
    assert_no_horizontal_scroll(page, PHONE["width"])
