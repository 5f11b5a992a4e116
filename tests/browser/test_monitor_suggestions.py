"""Suggestions on the results page in the browser: an HR advisor on a phone adds one to the yearly
plan with the keyboard alone; axe-core finds no WCAG 2.1 A/AA violation in the suggestions, in
Dutch and in English."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from programme.models import Action, PillarKey
from tests.monitor.conftest import close, make_campaign, submit

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .steps import log_in

pytestmark = pytest.mark.browser

REFERENCE_FIGURES = import_module("monitor.migrations.0002_reference_figures")


@pytest.fixture
def results_url(organisation, hr_user) -> str:
    """A campaign where 5 of 11 carers talked with their manager (train managers), closed
    exactly: suggestions, like every figure, come from the snapshot of a closed campaign."""
    REFERENCE_FIGURES.seed(django_apps, None)
    today = timezone.localdate()
    campaign = make_campaign(
        organisation, opens_on=today - timedelta(days=7), closes_on=today + timedelta(days=14)
    )
    for _ in range(5):
        submit(campaign, {1: [1], 6: [1], 7: [1]}, today=today)
    for _ in range(6):
        submit(campaign, {1: [1], 6: [2]}, today=today)
    close(campaign, today=today)
    return f"/o/{organisation.slug}/monitor/{campaign.pk}/results/#suggestions"


def to_english(page: Page) -> None:
    switch = page.locator("form.language-switch")
    with page.expect_navigation():
        switch.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_hr_adds_a_suggestion_to_the_plan_with_the_keyboard_on_a_phone(
    phone_page, results_url, hr_user, server_url
):
    page = phone_page
    # On a phone the language switch sits in the folded menu: choose English by its cookie.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": server_url}])
    log_in(page, hr_user.email)
    page.goto(results_url)
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_role("heading", name="Train managers")).to_be_visible()
    assert_no_horizontal_scroll(page, PHONE["width"])
    button = suggestions.get_by_role(
        "button", name="Add to the yearly plan Train managers for the conversation with carers"
    )
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Train managers for the conversation with carers"
    )
    expect(page.get_by_role("status")).to_contain_text("added to the plan")
    action = Action.objects.get()
    assert action.pillar == PillarKey.EQUIP
    assert action.year == timezone.localdate().year


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_suggestions_have_no_axe_violations(page, results_url, hr_user, language):
    log_in(page, hr_user.email)
    page.goto(results_url)
    if language == "en":
        to_english(page)
    expect(page.locator("#suggestions form").first).to_be_visible()
    assert_no_axe_violations(page)
