"""Every page of the foundation and of the pillars, checked by axe-core against WCAG 2.1 A and
AA."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .checks import (
    PHONE,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    assert_styles_loaded,
)
from .samples import PDF
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

IMPORT_WITH_ERRORS = (
    "titel;jaar;status;pijler\n"
    "Informatiebijeenkomst;2025;gereed;bespreken\n"
    "Folder voor medewerkers;volgend jaar;gepland;beschrijven\n"
)
IMPORT_CORRECT = "titel;jaar;status\nLunchlezing over mantelzorg;2026;gepland\n"
# The demo's own action of this year, marked done: flagged as existing, with what differs.
IMPORT_EXISTING = f"titel;jaar;status\nMantelzorgcafé;{timezone.localdate().year};bezig\n"


def submit_main_form(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()


def upload(content: str) -> Callable[[Page], None]:
    def step(page: Page) -> None:
        page.locator("#id_file").set_input_files(
            {"name": "acties.csv", "mimeType": "text/csv", "buffer": content.encode()}
        )
        submit_main_form(page)

    return step


def fail_to_log_in(page: Page) -> None:
    page.locator("#id_login").fill("someone@voorbeeld.nl")
    page.locator("#id_password").fill(PASSWORD + "-fout")
    submit_main_form(page)


@dataclass(frozen=True)
class Screen:
    """A page in one state: its address, and what a person did there before it is checked."""

    path: str  # formatted with the Programme's fields
    logged_in: bool = True
    then: Callable[[Page], None] | None = None
    shows: str | tuple[str, ...] = ()  # selectors proving the state under test is on screen
    status: int = 200


def make_calendar_link(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Agendalink maken").click()


SCREENS = {
    "login": Screen("/accounts/login/", logged_in=False),
    "login with an error": Screen(
        "/accounts/login/", logged_in=False, then=fail_to_log_in, shows=".error-summary"
    ),
    "password reset": Screen("/accounts/password/reset/", logged_in=False),
    "password reset with an error": Screen(
        "/accounts/password/reset/",
        logged_in=False,
        then=submit_main_form,
        shows=".error-summary",
    ),
    "password reset sent": Screen("/accounts/password/reset/done/", logged_in=False),
    "organisation chooser": Screen("/", shows="main .list-group-item >> nth=1"),
    "my settings": Screen("/mijn-instellingen/", shows="main input[name=weekly_digest]"),
    "my settings with a calendar link": Screen(
        "/mijn-instellingen/", then=make_calendar_link, shows="#feed-url"
    ),
    "dashboard": Screen(
        "/o/{slug}/", shows=("#overdue-title + .list-group", "#upcoming-title + .list-group")
    ),
    "actions": Screen("/o/{slug}/actions/", shows="main table tbody tr"),
    "action detail": Screen("/o/{slug}/actions/{action_pk}/"),
    "new action": Screen("/o/{slug}/actions/new/"),
    "new action with errors": Screen(
        "/o/{slug}/actions/new/", then=submit_main_form, shows=".error-summary"
    ),
    "edit action": Screen("/o/{slug}/actions/{action_pk}/edit/"),
    "delete action": Screen("/o/{slug}/actions/{action_pk}/delete/"),
    "review": Screen("/o/{slug}/actions/review/", shows="main .list-group"),
    "outlook": Screen("/o/{slug}/actions/outlook/", shows="main .alert-info"),
    "carry": Screen("/o/{slug}/actions/carry/", shows="main form[method=post]"),
    "import": Screen("/o/{slug}/actions/import/"),
    "import with errors": Screen(
        "/o/{slug}/actions/import/", then=upload(IMPORT_WITH_ERRORS), shows="tr.table-danger"
    ),
    "import ready to confirm": Screen(
        "/o/{slug}/actions/import/", then=upload(IMPORT_CORRECT), shows="button[name=confirm]"
    ),
    "import of a row that exists": Screen(
        "/o/{slug}/actions/import/", then=upload(IMPORT_EXISTING), shows="main .alert-info"
    ),
    "members": Screen("/o/{slug}/members/", shows="main table tbody tr >> nth=1"),
    "add member": Screen("/o/{slug}/members/add/"),
    "add member with errors": Screen(
        "/o/{slug}/members/add/", then=submit_main_form, shows=".error-summary"
    ),
    "remove member": Screen("/o/{slug}/members/{manager_membership_pk}/delete/"),
    "organisation": Screen("/o/{slug}/organisation/"),
    "edit organisation": Screen("/o/{slug}/organisation/edit/"),
    "contacts": Screen("/o/{slug}/contacts/", shows="main .card"),
    "new contact": Screen("/o/{slug}/contacts/new/"),
    "support": Screen("/o/{slug}/support/", shows="main .list-group-item"),
    "new support offer": Screen("/o/{slug}/support/new/"),
    "regulations": Screen("/o/{slug}/regulations/", shows="main .badge.text-bg-warning"),
    "new regulation": Screen("/o/{slug}/regulations/new/"),
    "edit regulation": Screen("/o/{slug}/regulations/{regulation_pk}/"),
    "delete regulation": Screen("/o/{slug}/regulations/{regulation_pk}/delete/"),
    "password change": Screen("/accounts/password/change/"),
    "password change with errors": Screen(
        "/accounts/password/change/", then=submit_main_form, shows=".error-summary"
    ),
    "page not found": Screen("/o/no-such-organisation/", status=404),
    # Two-step verification: allauth's pages in the site's frame (more in test_two_factor.py).
    "two-step verification": Screen("/accounts/2fa/", shows="main a[href$='/totp/activate/']"),
    "passkeys": Screen("/accounts/2fa/webauthn/"),
    # Just logged in, so no signing in again first (accounts.adapters); that page on its own:
    "authenticator app set-up": Screen("/accounts/2fa/totp/activate/", shows="main img"),
    "add a passkey": Screen("/accounts/2fa/webauthn/add/", shows="#id_name"),
    "sign in again": Screen("/accounts/reauthenticate/", shows="#id_password"),
}

PHONE_SCREENS = [
    "dashboard",
    "actions",
    "new action with errors",
    "members",
    "review",
    "my settings with a calendar link",
    "two-step verification",
    "authenticator app set-up",
    "add a passkey",
]


def choose_not_applicable_without_reason(page: Page) -> None:
    page.locator("#id_status").select_option("nvt")
    page.locator("#id_not_applicable_reason").fill("")
    submit_main_form(page)


def set_first_status_to_not_applicable_without_reason(page: Page) -> None:
    form = page.locator("main form.status-form").first
    form.locator("select[name=status]").select_option("nvt")
    form.locator("input[name=reason]").fill("")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def upload_evidence(name: str, mime_type: str, content: bytes) -> Callable[[Page], None]:
    def step(page: Page) -> None:
        page.locator("#id_file").set_input_files(
            {"name": name, "mimeType": mime_type, "buffer": content}
        )
        with page.expect_navigation():
            page.locator("#evidence form button[type=submit]").click()

    return step


INTRODUCTION = "Nieuwe medewerkers horen bij hun introductie over het mantelzorgbeleid."
PROGRESS_IMPORT_WITH_ERRORS = (
    "pijler;punt;status;reden_nvt\n"
    f"borgen;{INTRODUCTION};bezig;\n"
    "bekwamen;Maatwerkafspraken worden vastgelegd en geëvalueerd.;nvt;\n"
    "borgen;Een punt dat niet bestaat.;gereed;\n"
)
PROGRESS_IMPORT_CORRECT = f"pijler;punt;status;notities\nborgen;{INTRODUCTION};bezig;Opnieuw\n"


def import_and_confirm(page: Page) -> None:
    upload(PROGRESS_IMPORT_CORRECT)(page)
    with page.expect_navigation():
        page.locator("button[name=confirm]").click()


# Formatted with the PillarProgramme's fields; its data has every status, overdue items, reasons
# for items that do not apply, evidence files, linked actions and history.
PILLAR_SCREENS = {
    "dashboard with the pillars panel": Screen(
        "/o/{slug}/",
        shows=("#progress-borgen-dashboard", "#pillars-panel-title ~ * .text-bg-danger"),
    ),
    "pillars overview": Screen(
        "/o/{slug}/pillars/", shows=("#progress-bespreken", "main .card .text-bg-danger")
    ),
    "worksheet bespreken": Screen(
        "/o/{slug}/pillars/bespreken/",
        shows=(".badge.progress-gereed", ".badge.progress-nvt", ".badge.text-bg-danger"),
    ),
    "worksheet beschrijven": Screen(
        "/o/{slug}/pillars/beschrijven/", shows=(".badge.progress-nvt", ".badge.text-bg-danger")
    ),
    "worksheet bekwamen": Screen(
        "/o/{slug}/pillars/bekwamen/", shows=(".badge.progress-bezig", ".badge.border")
    ),
    "worksheet borgen": Screen(
        "/o/{slug}/pillars/borgen/", shows=(".badge.progress-nvt", ".badge.text-bg-danger")
    ),
    "worksheet with a status refused": Screen(
        "/o/{slug}/pillars/borgen/",
        then=set_first_status_to_not_applicable_without_reason,
        shows=".messages .alert-danger",
    ),
    "pillar item": Screen(
        "/o/{slug}/pillars/items/{item_pk}/",
        shows=("#evidence .list-group-item >> nth=1", "#actions-title + .list-group", ".timeline"),
    ),
    "pillar item after an upload": Screen(
        "/o/{slug}/pillars/items/{item_pk}/",
        then=upload_evidence(
            "Notulen_overleg_ondernemingsraad_over_het_mantelzorgbeleid.pdf", "application/pdf", PDF
        ),
        shows=(".messages .alert-success", "#evidence .list-group-item >> nth=2"),
    ),
    "pillar item with an upload refused": Screen(
        "/o/{slug}/pillars/items/{item_pk}/",
        then=upload_evidence("notulen.txt", "text/plain", b"Alleen tekst."),
        shows=".messages .alert-danger",
    ),
    "own pillar item, untouched evidence": Screen(
        "/o/{slug}/pillars/items/{own_item_pk}/", shows="main .badge.border"
    ),
    "update pillar item": Screen("/o/{slug}/pillars/items/{item_pk}/edit/"),
    "update pillar item with errors": Screen(
        "/o/{slug}/pillars/items/{item_pk}/edit/",
        then=choose_not_applicable_without_reason,
        shows=".error-summary",
    ),
    "add own pillar item": Screen("/o/{slug}/pillars/bekwamen/new/"),
    "add own pillar item with errors": Screen(
        "/o/{slug}/pillars/bekwamen/new/", then=submit_main_form, shows=".error-summary"
    ),
    "my pillar items": Screen("/o/{slug}/pillars/mine/", shows="main .list-group-item >> nth=2"),
    "my pillar items, none": Screen("/o/{other_slug}/pillars/mine/"),
    "overdue pillar items": Screen(
        "/o/{slug}/pillars/overdue/", shows="main .list-group-item >> nth=3"
    ),
    "delete evidence": Screen("/o/{slug}/pillars/files/{evidence_pk}/delete/"),
    "import progress": Screen("/o/{slug}/pillars/import/"),
    "import progress without a file": Screen(
        "/o/{slug}/pillars/import/", then=submit_main_form, shows=".error-summary"
    ),
    "import progress with errors": Screen(
        "/o/{slug}/pillars/import/",
        then=upload(PROGRESS_IMPORT_WITH_ERRORS),
        shows="tr.table-danger >> nth=1",
    ),
    "import progress ready to confirm": Screen(
        "/o/{slug}/pillars/import/",
        then=upload(PROGRESS_IMPORT_CORRECT),
        shows="button[name=confirm]",
    ),
    "pillars overview after an import": Screen(
        "/o/{slug}/pillars/import/", then=import_and_confirm, shows=".messages .alert-success"
    ),
}

PILLAR_PHONE_SCREENS = [
    "dashboard with the pillars panel",
    "pillars overview",
    "worksheet bespreken",
    "worksheet borgen",
    "pillar item",
    "pillar item after an upload",
    "update pillar item with errors",
    "delete evidence",
    "import progress with errors",
]


@pytest.fixture
def browser_errors(page: Page) -> list[str]:
    """What went wrong in the browser: scripts that failed, resources that did not load (such as
    one the Content-Security-Policy blocks) and other errors the page logs."""
    errors: list[str] = []

    def on_console(message) -> None:
        # A failed load is logged without its address; on_response reports it with one.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} {response.url}")

    def on_request_failed(request) -> None:
        # Leaving a page aborts its pending requests (often the favicon); that is no error.
        if request.failure != "net::ERR_ABORTED":
            errors.append(f"{request.failure} {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    return errors


def open_screen(page: Page, screen: Screen, programme) -> None:
    if screen.logged_in:
        log_in(page, programme.hr_email)
    response = page.goto(screen.path.format(**vars(programme)))
    assert response is not None and response.status == screen.status, response
    # axe runs on pages that carry the strict policy (it is injected past it, see checks.py).
    assert "script-src 'self'" in response.headers["content-security-policy"]
    if screen.then:
        screen.then(page)
    for selector in (screen.shows,) if isinstance(screen.shows, str) else screen.shows:
        expect(page.locator(selector).first).to_be_visible()
    assert_styles_loaded(page)


@pytest.mark.parametrize("name", SCREENS)
def test_pages_have_no_wcag_violations(name, page, programme, browser_errors):
    open_screen(page, SCREENS[name], programme)
    assert_no_axe_violations(page)
    assert not browser_errors, browser_errors


@pytest.mark.parametrize("name", PHONE_SCREENS)
def test_pages_fit_a_phone_and_have_no_wcag_violations_there(name, phone_page, programme):
    open_screen(phone_page, SCREENS[name], programme)
    assert_no_horizontal_scroll(phone_page, PHONE["width"])
    assert_no_axe_violations(phone_page)


@pytest.mark.parametrize("name", PILLAR_SCREENS)
def test_pillar_pages_have_no_wcag_violations(name, page, pillar_programme, browser_errors):
    open_screen(page, PILLAR_SCREENS[name], pillar_programme)
    assert_no_axe_violations(page)
    assert not browser_errors, browser_errors


@pytest.mark.parametrize("name", PILLAR_PHONE_SCREENS)
def test_pillar_pages_fit_a_phone_and_have_no_wcag_violations_there(
    name, phone_page, pillar_programme
):
    open_screen(phone_page, PILLAR_SCREENS[name], pillar_programme)
    assert_no_horizontal_scroll(phone_page, PHONE["width"])
    assert_no_axe_violations(phone_page)
