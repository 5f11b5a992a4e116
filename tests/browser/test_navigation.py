"""The organisation's menu in the browser: every item can be reached (seen and clicked, through
the menu button where the bar is folded) at the widths people use; no page an HR advisor, a
manager or a respondent reaches scrolls sideways on a phone; axe finds nothing on the menu, open
or folded."""

import re
from collections import deque
from io import StringIO
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from monitor.models import AccessMode, Campaign
from tests.conftest import with_second_factor

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .conftest import STANDARD_CHECKLIST
from .steps import log_in

pytestmark = pytest.mark.browser

WIDTHS = [360, 768, 1280, 1366]
DEMO_SLUG = "gemeente-voorbeeldstad"

# The whole menu, as a Dutch HR advisor reads it: (group, item, address under /o/<slug>/).
MENU = [
    (None, "Overzicht", ""),
    ("Programma", "Pijlers", "pillars/"),
    ("Programma", "Actieplan", "actions/"),
    ("Programma", "Terugblik", "actions/review/"),
    ("Programma", "Vooruitblik", "actions/outlook/"),
    (None, "Monitor", "monitor/"),
    ("Erkenning en brieven", "Erkenning", "recognition/"),
    ("Erkenning en brieven", "Brieven", "letters/"),
    ("Organisatie", "Organisatiegegevens", "organisation/"),
    ("Organisatie", "Leden", "members/"),
    ("Organisatie", "Contactpersonen", "contacts/"),
    ("Organisatie", "Ondersteuning", "support/"),
    ("Organisatie", "Regelingen", "regulations/"),
    ("Organisatie", "Privacy en toegankelijkheid", "privacy/"),
    ("Organisatie", "Mantelzorgondersteuning", "ondersteuning/"),
]


def org_nav(page: Page):
    return page.locator("nav.org-nav")


def open_menu(page: Page, group: str | None) -> None:
    """Unfold the bar if it is folded, then open the group, as a person would."""
    nav = org_nav(page)
    toggler = nav.locator(".navbar-toggler")
    if toggler.is_visible():
        expect(toggler).to_have_attribute("aria-expanded", "false")
        toggler.click()
        expect(toggler).to_have_attribute("aria-expanded", "true")
        # Bootstrap swaps "collapsing" for "show" when the bar has finished unfolding.
        expect(nav.locator("#org-menu")).to_have_class(re.compile(r"\bshow\b"))
    if group:
        button = nav.get_by_role("button", name=group, exact=True)
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")


def assert_inside_viewport(page: Page, locator) -> None:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (
        f"{locator} lies outside a {width}px screen: {box}"
    )


def test_the_menu_names_every_destination_of_the_organisation(hr_page, programme):
    """MENU is the whole menu: a destination added to the template without a row here fails."""
    hr_page.goto(f"/o/{programme.slug}/")
    hrefs = org_nav(hr_page).locator("a").evaluate_all("els => els.map(e => e.pathname)")
    assert hrefs == [f"/o/{programme.slug}/{path}" for _, _, path in MENU]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_menu_item_is_reachable_at_every_width(width, browser, server_url, programme):
    context = browser.new_context(
        base_url=server_url, locale="nl-NL", viewport={"width": width, "height": 800}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, programme.hr_email)
        folded = width < 768
        for group, name, path in MENU:
            page.goto(f"/o/{programme.slug}/")
            toggler = org_nav(page).locator(".navbar-toggler")
            expect(toggler).to_be_visible() if folded else expect(toggler).to_be_hidden()
            open_menu(page, group)
            link = org_nav(page).get_by_role("link", name=name, exact=True)
            expect(link).to_be_visible()
            assert_inside_viewport(page, link)
            link.click()
            expect(page).to_have_url(re.compile(rf"/o/{programme.slug}/{re.escape(path)}$"))
            # The page's own item is marked, and so is the group that holds it.
            current = org_nav(page).locator("a[aria-current=page]")
            expect(current).to_have_count(1)
            expect(current).to_have_text(name)
            marked = org_nav(page).locator("button[aria-current=true]")
            if group:
                expect(marked).to_have_text(group)
            else:
                expect(marked).to_have_count(0)
            assert_no_horizontal_scroll(page, width)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 1366, 1920])
def test_the_unfolded_bar_shows_every_entry_on_one_line(width, browser, server_url, programme):
    context = browser.new_context(
        base_url=server_url, locale="nl-NL", viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    try:
        log_in(page, programme.hr_email)
        page.goto(f"/o/{programme.slug}/")
        entries = org_nav(page).locator(".navbar-nav > .nav-item > .nav-link")
        expect(entries).to_have_count(5)
        tops = {round(box["y"]) for box in (e.bounding_box() for e in entries.all())}
        assert len(tops) == 1, f"the menu wraps onto {len(tops)} lines at {width}px"
        for entry in entries.all():
            assert_inside_viewport(page, entry)
    finally:
        context.close()


def test_the_menu_works_with_the_keyboard_alone(hr_page, programme):
    page = hr_page
    page.goto(f"/o/{programme.slug}/")
    button = org_nav(page).get_by_role("button", name="Organisatie", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(org_nav(page).get_by_role("link", name="Leden", exact=True)).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/o/{programme.slug}/members/$"))


@pytest.mark.parametrize("folded", [False, True], ids=["desktop", "phone"])
def test_the_open_menu_passes_axe(folded, page, phone_page, programme):
    page = phone_page if folded else page
    log_in(page, programme.hr_email)
    page.goto(f"/o/{programme.slug}/members/")
    assert_no_axe_violations(page)
    open_menu(page, "Programma")
    assert_no_axe_violations(page)


# --- No sideways scrolling at 360 px on any page reached from the dashboard --------------------


@pytest.fixture
def demo(transactional_db) -> str:
    """The demo municipality, seeded as `make demo` does: letters, campaigns with results, every
    register filled."""
    from django.apps import apps

    STANDARD_CHECKLIST.seed(apps, None)  # a transactional test empties the migration's data
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())
    # The demo asks its HR advisors for a second step: this one has set up an authenticator app.
    with_second_factor(User.objects.get(email="hr@example.org"))
    return DEMO_SLUG


def page_key(path: str, query: str) -> tuple | None:
    """One visit per view and set of query parameters: the same page with another object or
    year has the same layout. None for what is not a page of the app."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return (match.view_name, tuple(sorted({name for name, _ in parse_qsl(query)})))


def walk_from_dashboard(page: Page, slug: str) -> list[str]:
    """Every page reached by links from the dashboard, breadth first, each checked at 360 px;
    downloads (PDF, DOCX, XLSX, CSV, images) are fetched but not measured. Returns the pages."""
    origin = urlsplit(page.url)
    start = f"/o/{slug}/"
    queue, seen, visited = deque([start]), {page_key(start, "")}, []
    while queue:
        address = queue.popleft()
        response = page.request.get(address, max_redirects=0)
        assert response.status < 500, f"{address} answered {response.status}"
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        page.goto(address)
        visited.append(address)
        assert_no_horizontal_scroll(page, PHONE["width"])
        for href in page.locator("a[href]").evaluate_all("els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.netloc != origin.netloc or parts.path.startswith("/static/"):
                continue
            key = page_key(parts.path, parts.query)
            if key is None or key in seen:
                continue
            seen.add(key)
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return visited


@pytest.mark.parametrize(
    "email", ["hr@example.org", "manager@example.org"], ids=["hr advisor", "manager"]
)
def test_no_page_reached_from_the_dashboard_scrolls_sideways_on_a_phone(email, demo, phone_page):
    log_in(phone_page, email, "demo")
    visited = walk_from_dashboard(phone_page, demo)
    # The walk really went round the app: the registers, the letters, the monitor and pillars.
    for part in ("/support/", "/letters/", "/monitor/", "/pillars/", "/actions/"):
        assert any(part in address for address in visited), (part, visited)
    assert len(visited) > 25, visited


def answer_first_options(page: Page) -> None:
    """Answer every question with its first option: enough to go on to the next step."""
    for name in page.locator("main input[type=radio]").evaluate_all(
        "els => [...new Set(els.map(e => e.name))]"
    ):
        page.locator(f"main input[type=radio][name='{name}']").first.check()
    for name in page.locator("main input[type=checkbox]").evaluate_all(
        "els => [...new Set(els.map(e => e.name))]"
    ):
        page.locator(f"main input[type=checkbox][name='{name}']").first.check()


def test_the_respondent_pages_do_not_scroll_sideways_on_a_phone(demo, phone_page):
    today = timezone.localdate()
    campaign = Campaign.objects.filter(
        organisation__slug=demo,
        access_mode=AccessMode.OPEN_LINK,
        opens_on__lte=today,
        closes_on__gte=today,
    ).first()
    assert campaign, "the demo has no open campaign with a public link"
    page = phone_page
    page.goto(f"/m/{campaign.key}/")
    assert_no_horizontal_scroll(page, PHONE["width"])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    steps = 0
    while page.locator("input[name=state]").count():
        steps += 1
        assert steps < 20, "the monitor never ends"
        assert_no_horizontal_scroll(page, PHONE["width"])
        answer_first_options(page)
        with page.expect_navigation():
            page.locator("button[value=next], button[value=send]").first.click()
        expect(page.locator(".error-summary")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/thanks/$"))
    assert_no_horizontal_scroll(page, PHONE["width"])
    assert steps >= 3


def test_a_wide_table_scrolls_in_its_own_labelled_box_on_a_phone(demo, phone_page):
    page = phone_page
    log_in(page, "hr@example.org", "demo")
    page.goto(f"/o/{demo}/letters/")
    box = page.locator("main .table-responsive")
    caption = box.locator("caption")
    expect(box).to_have_attribute("role", "region")
    expect(box).to_have_attribute("aria-labelledby", caption.get_attribute("id"))
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the letters fit a phone now"
    # The cue in words, above the table, for as long as it is wider than its box.
    hint = page.locator("main .table-scroll-hint")
    expect(hint).to_have_text("De tabel is breder dan het scherm: scroll opzij om alles te zien.")
    # The box takes the focus and scrolls with the arrow keys; the page itself does not move.
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle())
    assert_no_horizontal_scroll(page, PHONE["width"])
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(hint).to_be_hidden()
