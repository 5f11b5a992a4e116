"""The monitor's results in the browser: a manager reads a chart and its table; axe-core finds no
WCAG 2.1 A/AA violation in any state of the page, in Dutch and in English; nothing scrolls
sideways on a phone."""

import re
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from monitor.models import Department
from programme.models import Membership, Role
from tests.monitor.conftest import close, make_campaign
from tests.monitor.test_results_page import fill

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

REFERENCE_FIGURES = import_module("monitor.migrations.0002_reference_figures")
MANAGER_EMAIL = "leidinggevende@voorbeeld.nl"


@dataclass(frozen=True)
class Results:
    slug: str
    published_pk: int  # closed, 32 responses: figures, a breakdown, a comparison, free texts
    waiting_pk: int  # closed with 3 responses: below the minimum, nothing is shown
    open_pk: int  # still open, 12 responses so far: only the coarse progress

    def url(self, pk: int, query: str = "") -> str:
        return f"/o/{self.slug}/monitor/{pk}/results/{query}"


@pytest.fixture
def results(organisation) -> Results:
    # The live server's test flushes the reference figures that the migration seeded.
    REFERENCE_FIGURES.seed(django_apps, None)
    manager = User.objects.create_user(MANAGER_EMAIL, PASSWORD)
    Membership.objects.create(user=manager, organisation=organisation, role=Role.MANAGER)
    for code, name in enumerate(["Burgerzaken", "Sociaal Domein", "Bedrijfsvoering"], start=1):
        Department.objects.create(organisation=organisation, name=name, code=code)
    today = timezone.localdate()
    window = {"opens_on": today - timedelta(days=7), "closes_on": today + timedelta(days=14)}
    previous = make_campaign(
        organisation,
        title="Monitor 2025",
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=380),
    )
    published = make_campaign(organisation, title="Monitor 2026", **window)
    waiting = make_campaign(organisation, title="Monitor locatie Noord", **window)
    still_open = make_campaign(organisation, title="Monitor locatie Zuid", **window)
    # Responses can only be stored while a campaign is open: fill the old one on its last day.
    fill(previous, texts=0, today=previous.closes_on)
    fill(published, texts=10, today=today)  # free texts appear from 10 texts on
    fill(waiting, carers=2, others=1, few=0, today=today)
    fill(still_open, carers=6, others=6, few=0, texts=0, today=today)
    # Figures exist only after the close. Exactly, without the perturbation, so that the page
    # shows the figures these answers give; the previous campaign first, as the comparison
    # is fixed when the later one closes.
    close(previous, today=previous.closes_on + timedelta(days=1))
    close(published, today=today)
    close(waiting, today=today)
    return Results(organisation.slug, published.pk, waiting.pk, still_open.pk)


@pytest.fixture
def manager_page(page, results) -> Page:
    log_in(page, MANAGER_EMAIL)
    return page


def to_english(page: Page) -> None:
    switch = page.locator("form.language-switch")
    with page.expect_navigation():
        switch.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_manager_sees_a_chart_with_its_table(manager_page, results):
    page = manager_page
    page.goto(results.url(results.published_pk))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Monitor 2026")
    figure = page.locator("#question-is_carer")
    chart = figure.locator("svg.monitor-chart")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    table = figure.locator("table")
    expect(table).to_be_visible()
    # The table sits right below the chart and carries the same figure: 20 of 32 carers.
    assert chart.bounding_box()["y"] < table.bounding_box()["y"]
    expect(table.locator("tbody tr").first.locator("td").last).to_have_text("63%")
    expect(chart.locator("text", has_text="63%")).to_have_count(1)


def test_manager_chooses_a_breakdown_by_department(manager_page, results):
    page = manager_page
    page.goto(results.url(results.published_pk))
    to_english(page)
    page.locator("#breakdown a[href='?by=department#breakdown']").click()
    expect(page).to_have_url(re.compile(r"\?by=department#breakdown$"))
    tables = page.locator("#breakdown table")
    expect(tables.first).to_be_visible()
    expect(tables.first.locator("thead")).to_contain_text("Burgerzaken")


def test_an_open_campaign_shows_no_figure_only_when_its_results_appear(manager_page, results):
    page = manager_page
    page.goto(results.url(results.open_pk))
    to_english(page)
    main = page.locator("main")
    expect(main.locator("#not-closed")).to_contain_text("at least 10 responses")
    expect(main.locator("#not-closed")).to_contain_text("The results appear when")
    expect(main.locator("svg, table, #response-count")).to_have_count(0)
    expect(main.get_by_role("link", name="Export CSV")).to_have_count(0)


def test_free_texts_and_the_comparison_come_with_the_snapshot(
    manager_page, results, browser, server_url, hr_user
):
    page = manager_page
    page.goto(results.url(results.published_pk))
    expect(page.locator("#comparison")).to_contain_text("Monitor 2025")
    expect(page.locator("#rounding-note")).to_be_visible()
    # The written answers are for HR until HR shares them.
    expect(page.locator("#free-texts")).to_have_count(0)
    expect(page.locator("#free-texts-not-shared")).to_be_visible()

    hr_context = browser.new_context(base_url=server_url)
    hr = hr_context.new_page()
    log_in(hr, hr_user.email)
    hr.goto(results.url(results.published_pk))
    expect(hr.locator("#free-texts li")).to_have_count(10)
    assert_no_axe_violations(hr)
    with hr.expect_navigation():
        hr.locator("#free-texts-sharing button").click()
    expect(hr).to_have_url(re.compile(r"/results/#free-texts$"))
    expect(hr.locator("#free-texts-sharing")).to_contain_text("kunnen deze open antwoorden lezen")
    assert_no_axe_violations(hr)
    hr_context.close()

    page.reload()
    expect(page.locator("#free-texts li")).to_have_count(10)


SCREENS = {
    "results": ("published_pk", "", "#section-carers svg"),
    "results with a breakdown": ("published_pk", "?by=department", "#breakdown table"),
    "results by carer": ("published_pk", "?by=carer", "#breakdown table"),
    "results below the minimum": ("waiting_pk", "", "#not-publishable"),
    "results while open": ("open_pk", "", "#not-closed"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_results_page_has_no_axe_violations(manager_page, results, screen, language):
    page = manager_page
    attribute, query, shows = SCREENS[screen]
    page.goto(results.url(getattr(results, attribute), query))
    if language == "en":
        to_english(page)
    expect(page.locator(shows).first).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("query", ["", "?by=department", "?by=age_band"])
def test_results_page_does_not_scroll_sideways_on_a_phone(phone_page, results, query):
    page = phone_page
    log_in(page, MANAGER_EMAIL)
    page.goto(results.url(results.published_pk, query))
    expect(page.locator("#section-carers svg")).to_be_visible()
    assert_no_horizontal_scroll(page, PHONE["width"])
