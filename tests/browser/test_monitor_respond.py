"""The public monitor in the browser: a carer fills it in on a phone with the keyboard alone, and
axe finds nothing on any of its pages, in Dutch and in English."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from monitor.models import (
    GROUP_SIZE,
    AccessMode,
    AnswerTally,
    Campaign,
    Department,
    Dimension,
    InboxEntry,
    SubmissionReceipt,
    TextAnswer,
)
from monitor.services import codes_generate, inbox_flush
from programme.models import ContactPerson, SupportOffer, SupportOfferKind

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .samples import PNG

pytestmark = pytest.mark.browser

NEEDS_TEXT = "Dat mijn rooster rekening houdt met de dagen dat ik voor mijn moeder zorg."

# The carer's answers, section by section: radios by option code, checkboxes as lists, text.
CARER = {
    "caregiving": {1: 1},
    "situation": {2: [2, 5], 3: 3, 4: 4, 5: [2]},
    "manager": {6: 1},
    "conversation": {7: 2},
    "knowledge": {8: 2, 9: 3},
    "needs": {10: [1, 2], 11: NEEDS_TEXT},
    "organisation": {12: 4, 13: 3, 14: 5},
    "background": {16: 2, 17: 2},
}


# The part (onderdeel) each section belongs to.
PART = {
    "caregiving": 1,
    "situation": 2,
    "manager": 2,
    "conversation": 2,
    "knowledge": 3,
    "needs": 3,
    "organisation": 4,
    "background": 5,
}


@dataclass(frozen=True)
class Monitor:
    open_key: str
    closed_key: str
    upcoming_key: str
    code_key: str
    code: str


@pytest.fixture
def monitor(organisation) -> Monitor:
    """An open campaign with departments, one closed, one not yet open, one with codes; and the
    support offers and the contact person that the thank-you page shows."""
    today = timezone.localdate()

    def campaign(title: str, opens: int, closes: int, **extra) -> Campaign:
        return Campaign.objects.create(
            organisation=organisation,
            title=title,
            opens_on=today + timedelta(days=opens),
            closes_on=today + timedelta(days=closes),
            **extra,
        )

    for code, name in enumerate(["Burgerzaken", "Sociaal Domein", "Bedrijfsvoering"], start=1):
        Department.objects.create(organisation=organisation, name=name, code=code)
    SupportOffer.objects.create(
        organisation=organisation,
        name="Mantelzorgmakelaar",
        kind=SupportOfferKind.INTERNAL,
        description="Helpt je met regelzaken rond zorg, zodat jij tijd overhoudt.",
        contact="Via de afdeling P&O",
    )
    SupportOffer.objects.create(
        organisation=organisation,
        name="Steunpunt Mantelzorg Voorbeeld",
        kind=SupportOfferKind.EXTERNAL,
        url="https://www.example.org/steunpunt-mantelzorg-voorbeeld/informatie-en-advies",
        contact="010 765 4321",
    )
    ContactPerson.objects.create(
        organisation=organisation,
        name="Sanne Bakker",
        function="Vertrouwenspersoon",
        email="sanne.bakker@voorbeeld.nl",
        phone="020 123 4567",
    )
    with_codes = campaign("Monitor met codes", -3, 10, access_mode=AccessMode.CODES)
    return Monitor(
        open_key=campaign("Monitor mantelzorg 2026", -7, 14).key,
        closed_key=campaign("Monitor 2025", -400, -370).key,
        upcoming_key=campaign("Monitor 2027", 30, 60).key,
        code_key=with_codes.key,
        code=codes_generate(campaign=with_codes, count=2)[0],
    )


def check_page(page: Page) -> None:
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page, PHONE["width"])


# --- The keyboard alone --------------------------------------------------------------------


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on an element matching the selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def answer_with_keyboard(page: Page, answers: dict) -> None:
    """Answer the questions in page order: arrows in a radio group, Space on checkboxes."""
    for code, value in answers.items():
        name = f"q{code}"
        if isinstance(value, str):
            tab_to(page, f"textarea[name={name}]")
            page.keyboard.type(value)
        elif isinstance(value, list):
            for option in value:
                tab_to(page, f"input[name={name}][value='{option}']")
                page.keyboard.press("Space")
                expect(page.locator(f"input[name={name}][value='{option}']")).to_be_checked()
        else:
            # The options in page order (departments, say, are sorted by name, not by code).
            values = page.locator(f"input[name={name}]").evaluate_all(
                "els => els.map(e => e.value)"
            )
            tab_to(page, f"input[name={name}]")  # the group's first option
            page.keyboard.press("Space")
            for _ in range(values.index(str(value))):
                page.keyboard.press("ArrowDown")
            expect(page.locator(f"input[name={name}][value='{value}']")).to_be_checked()


def section_key(page: Page) -> str:
    return page.locator("main form").get_attribute("action").rstrip("/").rsplit("/", 1)[-1]


def test_a_carer_fills_in_the_monitor_on_a_phone_with_the_keyboard_alone(phone_page, monitor):
    page = phone_page
    page.goto(f"/m/{monitor.open_key}/")
    expect(page).to_have_title(re.compile(r"Monitor mantelzorg 2026 · Gemeente Voorbeeld"))
    assert_no_horizontal_scroll(page, PHONE["width"])
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)

    # Next without an answer: the error summary takes the focus and links to the question.
    assert section_key(page) == "caregiving"
    tab_to(page, "button[value=next]")
    press_enter_and_wait(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    tab_to(page, ".error-summary a[href='#id_q1_0']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_q1_0")).to_be_focused()

    seen = []
    while page.locator("input[name=state]").count():
        section = section_key(page)
        seen.append(section)
        # The part, out of five from the first page on: the count never grows.
        progress = page.locator("progress#respond-progress")
        assert progress.get_attribute("value") == str(PART[section])
        assert progress.get_attribute("max") == "5"
        assert_no_horizontal_scroll(page, PHONE["width"])
        answer_with_keyboard(page, CARER[section])
        tab_to(page, "button[value=next], button[value=send]")
        press_enter_and_wait(page)
    assert seen == list(CARER)

    expect(page).to_have_url(re.compile(rf"/m/{monitor.open_key}/thanks/$"))
    expect(page.locator("main")).to_contain_text("Mantelzorgmakelaar")
    expect(page.locator("main")).to_contain_text("Sanne Bakker")
    assert_no_horizontal_scroll(page, PHONE["width"])

    # One receipt and one sealed entry, waiting in the inbox: nothing is counted yet, and the
    # stored bytes do not hold the answers readably.
    campaign = Campaign.objects.get(key=monitor.open_key)
    assert SubmissionReceipt.objects.filter(campaign=campaign).count() == 1
    entry = InboxEntry.objects.get()
    assert entry.campaign_id == campaign.pk and NEEDS_TEXT.encode() not in bytes(entry.sealed)
    assert not AnswerTally.objects.exists() and not TextAnswer.objects.exists()
    # Counted (as the close does with whatever waits), the answers are the ones given.
    assert inbox_flush(campaign=campaign, everything=True) == 1
    groups = dict(
        AnswerTally.objects.filter(question=GROUP_SIZE).values_list("dimension", "group_value")
    )
    assert groups == {Dimension.CARER: 1, Dimension.AGE_BAND: 2, Dimension.DEPARTMENT: 2}
    expected = {
        (code, option)
        for answers in CARER.values()
        for code, value in answers.items()
        if not isinstance(value, str)
        for option in (value if isinstance(value, list) else [value])
    }
    counted = AnswerTally.objects.filter(dimension=Dimension.CARER).exclude(question=GROUP_SIZE)
    assert set(counted.values_list("question", "option")) == expected
    assert set(counted.values_list("count", flat=True)) == {1}
    assert TextAnswer.objects.get().text == NEEDS_TEXT
    assert not InboxEntry.objects.exists()
    # Nothing but the CSRF token was stored in the browser.
    assert {c["name"] for c in page.context.cookies()} <= {"csrftoken"}


# --- axe on every page, in both languages --------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_monitor_page_passes_axe_on_a_phone(phone_page, monitor, server_url, language):
    page = phone_page
    page.context.add_cookies([{"name": "django_language", "value": language, "url": server_url}])

    # Start, then the error state of the first section.
    page.goto(f"/m/{monitor.open_key}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    check_page(page)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    with page.expect_navigation():
        page.locator("button[value=next]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page)

    # Every section a carer sees, each checked before it is answered.
    while page.locator("input[name=state]").count():
        check_page(page)
        for code, value in CARER[section_key(page)].items():
            if isinstance(value, str):
                page.locator(f"textarea[name=q{code}]").fill(value)
                continue
            for option in value if isinstance(value, list) else [value]:
                page.locator(f"input[name=q{code}][value='{option}']").check()
        with page.expect_navigation():
            page.locator("button[value=next], button[value=send]").click()
    expect(page).to_have_url(re.compile(r"/thanks/$"))
    check_page(page)

    # Closed, not yet open, an unknown link, and the code page with a wrong code.
    for key in (monitor.closed_key, monitor.upcoming_key):
        page.goto(f"/m/{key}/")
        expect(page.locator("main form")).to_have_count(0)
        check_page(page)
    response = page.goto("/m/no-such-link/")
    assert response.status == 404
    check_page(page)
    page.goto(f"/m/{monitor.code_key}/")
    check_page(page)
    page.locator("#id_code").fill("AAAAA-BBBBB")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    check_page(page)
    page.locator("#id_code").fill(monitor.code)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    expect(page.locator("input[name=state]")).to_have_count(1)


# --- The employer's pages, in view on a phone ---------------------------------------------------


def requests_of(page: Page) -> list[str]:
    """Every address the page asks for from now on (filled in while it loads)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("which", ["open", "codes"])
def test_the_start_button_is_in_view_at_360_by_740(
    phone_page, monitor, organisation, server_url, language, which
):
    organisation.logo.save("voorbeeld.png", ContentFile(PNG), save=True)
    page = phone_page
    page.context.add_cookies([{"name": "django_language", "value": language, "url": server_url}])
    requested = requests_of(page)
    page.goto(f"/m/{monitor.open_key if which == 'open' else monitor.code_key}/")
    page.wait_for_load_state("networkidle")
    assert page.viewport_size == PHONE
    button = page.locator("#respond-start")
    box = button.bounding_box()
    assert box is not None and box["y"] >= 0
    assert box["y"] + box["height"] <= PHONE["height"], box
    if which == "codes":
        field = page.locator("#id_code").bounding_box()
        assert field["y"] + field["height"] <= PHONE["height"]
    # The employer's logo and name, no way into the tool, and nothing fetched from elsewhere.
    header = page.locator("header")
    expect(header).to_contain_text("Gemeente Voorbeeld")
    logo = header.locator("img.respond-logo")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("a[href*='/accounts/']").count() == 0
    assert page.locator("a[href='/']").count() == 0
    assert requested and all(url.startswith(server_url) for url in requested), requested
    assert_no_horizontal_scroll(page, PHONE["width"])


def test_the_parts_are_announced_and_a_non_carer_is_told_the_carers_part_is_skipped(
    phone_page, monitor
):
    page = phone_page
    page.goto(f"/m/{monitor.open_key}/")
    parts = page.locator("#respond-parts li")
    expect(parts).to_have_count(5)
    expect(parts.nth(1)).to_contain_text("alleen als je voor iemand zorgt")
    expect(page.locator("#respond-duration")).to_contain_text("Zorg je voor iemand? Dan duurt het")
    with page.expect_navigation():
        page.locator("#respond-start").click()
    expect(page.locator("label[for=respond-progress]")).to_have_text(
        "Onderdeel 1 van 5: Mantelzorg"
    )
    page.locator("input[name=q1][value='2']").check()
    with page.expect_navigation():
        page.locator("button[value=next]").click()
    expect(page.locator("label[for=respond-progress]")).to_contain_text("Onderdeel 3 van 5")
    expect(page.locator("#respond-skipped")).to_contain_text("Onderdeel 2")
    check_page(page)


def test_nothing_in_particular_clears_the_other_answers_and_the_other_way_round(
    phone_page, monitor
):
    page = phone_page
    page.goto(f"/m/{monitor.open_key}/")
    with page.expect_navigation():
        page.locator("#respond-start").click()
    page.locator("input[name=q1][value='1']").check()
    with page.expect_navigation():
        page.locator("button[value=next]").click()
    nothing = page.locator("input[name=q5][value='1']")
    fewer_hours = page.locator("input[name=q5][value='4']")
    leave = page.locator("input[name=q5][value='2']")
    fewer_hours.check()
    leave.check()
    nothing.check()
    expect(nothing).to_be_checked()
    expect(fewer_hours).not_to_be_checked()
    expect(leave).not_to_be_checked()
    fewer_hours.check()
    expect(nothing).not_to_be_checked()
    expect(fewer_hours).to_be_checked()
    # Without the script the server says why: both sent anyway.
    page.evaluate("document.querySelectorAll('input[name=q5]').forEach(b => b.checked = true)")
    for code, value in {2: 2, 3: 3, 4: 4}.items():
        page.locator(f"input[name=q{code}][value='{value}']").check()
    with page.expect_navigation():
        page.locator("button[value=next]").click()
    expect(page.locator(".error-summary")).to_contain_text("past niet bij een ander antwoord")
    check_page(page)
