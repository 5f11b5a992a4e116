import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programme.models import Action, ActionStatus, PillarKey

from .checks import BOOTSTRAP_PRIMARY_BACKGROUND, background_colour
from .steps import log_in

pytestmark = pytest.mark.browser


def test_hr_advisor_logs_in_creates_an_action_and_finds_it_in_the_review(
    page, organisation, hr_user
):
    today = timezone.localdate()
    title = "Lunchlezing over mantelzorg"

    log_in(page, hr_user.email)
    # One organisation: the chooser sends the advisor straight to its dashboard.
    expect(page).to_have_url(re.compile(rf"/o/{organisation.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    # Bootstrap's stylesheet is really applied, so colour checks elsewhere mean something.
    assert background_colour(page, ".btn-primary") == BOOTSTRAP_PRIMARY_BACKGROUND

    page.locator(f"main a[href='/o/{organisation.slug}/actions/new/']").click()
    page.locator("#id_title").fill(title)
    page.locator("#id_pillar").select_option(PillarKey.DISCUSS.value)
    expect(page.locator("#id_year")).to_have_value(str(today.year))
    page.locator("#id_status").select_option(ActionStatus.DONE.value)
    page.locator("#id_completed_date").fill(today.isoformat())
    page.locator("#id_owner").fill("P&O")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    action = Action.objects.get(organisation=organisation, title=title)
    assert (action.status, action.pillar, action.year) == ("gereed", "bespreken", today.year)
    assert action.completed_date == today
    expect(page).to_have_url(re.compile(rf"/o/{organisation.slug}/actions/{action.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # To the Terugblik through the organisation's navigation, then the year through its switch.
    org_nav = page.locator("nav.org-nav")
    org_nav.get_by_role("button", name="Programma", exact=True).click()
    org_nav.locator(f"a[href='/o/{organisation.slug}/actions/review/']").click()
    expect(org_nav.locator("a[aria-current=page]")).to_have_attribute(
        "href", f"/o/{organisation.slug}/actions/review/"
    )
    page.locator("#year-select").select_option(str(today.year))
    with page.expect_navigation():
        page.locator("form:has(#year-select) button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"year={today.year}"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(today.year))
    review_item = page.locator("main .list-group-item", has_text=title)
    expect(review_item.get_by_role("link", name=title)).to_have_attribute(
        "href", f"/o/{organisation.slug}/actions/{action.pk}/"
    )
