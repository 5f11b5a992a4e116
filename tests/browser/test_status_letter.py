"""An HR advisor of the demo municipality composes, previews and issues the status letter; a
manager downloads it. axe-core checks every letter page on the way."""

import hashlib
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from monitor.demo import OPEN
from recognition.models import StatusLetter
from tests.conftest import with_second_factor

from .checks import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll
from .conftest import STANDARD_CHECKLIST
from .steps import log_in

pytestmark = pytest.mark.browser

SLUG = "gemeente-voorbeeldstad"
NEW_GOAL = "Wij willen dat iedere collega met zorgtaken weet waar hij of zij terecht kan."


@pytest.fixture
def voorbeeldstad(transactional_db):
    """The demo municipality, seeded as `make demo` does."""
    from django.apps import apps

    STANDARD_CHECKLIST.seed(apps, None)  # a transactional test empties the migration's data
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())
    # The demo asks its HR advisors for a second step: this one has set up an authenticator app.
    with_second_factor(User.objects.get(email="hr@example.org"))
    return SLUG


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_hr_composes_previews_and_issues_a_letter_and_a_manager_downloads_it(
    voorbeeldstad, page, browser, server_url
):
    log_in(page, "hr@example.org", "demo")
    page.goto(f"/o/{SLUG}/")
    org_nav = page.get_by_role("navigation", name="Gemeente Voorbeeldstad")
    org_nav.get_by_role("button", name="Erkenning en brieven").click()
    org_nav.get_by_role("link", name="Brieven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stand-van-zakenbrieven")
    expect(page.locator("main tbody tr")).to_have_count(2)  # the demo's issued letter and draft
    assert_no_axe_violations(page)

    # The demo has a draft about 2026 already: a second one is made only when HR says so.
    page.get_by_role("link", name="Nieuwe brief").click()
    expect(page.get_by_role("heading", name="Concepten die er al zijn")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Jaar waarop de brief terugkijkt").fill("2026")
    submit(page, "Brief samenstellen")
    expect(page.locator(".error-summary")).to_contain_text("Er is al een concept over 2026")
    assert_no_axe_violations(page)
    page.get_by_label("Toch nog een concept maken, ook al is er al een voor dit jaar").check()
    submit(page, "Brief samenstellen")

    # The edit page, pre-filled from the data.
    expect(page.get_by_role("heading", level=1)).to_have_text("Brief wijzigen")
    expect(page.get_by_label("Kop van “Terugblik”")).to_have_value("Terugblik 2026")
    assert_no_axe_violations(page)
    expect(page.get_by_label("Behandeld door")).not_to_have_value("")  # from the latest letter
    page.get_by_label("Tekst van “Doel”").fill(NEW_GOAL)
    page.get_by_label("Ons kenmerk").fill("P&O/2026/1201-MZ")
    submit(page, "Opslaan")

    # The preview shows the edit and the signatories of the latest letter. The demo's 2026
    # campaign is open until its last day: until then the letter names it and shows no figure
    # and no chart; from the day after, composing closes it and the letter reports its snapshot.
    preview = page.locator("article.letter-preview")
    expect(preview).to_contain_text(NEW_GOAL)
    expect(preview.get_by_role("heading", name="Vooruitblik 2027")).to_be_visible()
    if timezone.localdate() <= OPEN.closes_on:
        expect(preview).to_contain_text(f"“{OPEN.title}”")
        expect(preview.locator("svg[role=img]")).to_have_count(0)
    else:
        expect(preview.locator("svg[role=img]")).to_have_count(1)
    expect(preview).to_contain_text("P. de Wit")
    expect(page.get_by_role("heading", name="Er is nog een concept over 2026")).to_be_visible()
    assert_no_axe_violations(page)

    # Composed again from today's data: the edited goal stays unless HR ticks it.
    page.get_by_role("link", name="Opnieuw samenstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De brief opnieuw samenstellen")
    goal = page.get_by_role("region", name="Doel")
    expect(goal).to_contain_text("Door jou aangepast")
    expect(goal.get_by_role("checkbox")).not_to_be_checked()
    assert_no_axe_violations(page)
    submit(page, "Opnieuw samenstellen")
    expect(preview).to_contain_text(NEW_GOAL)

    page.get_by_role("link", name="Brief vaststellen").click()
    assert_no_axe_violations(page)
    submit(page, "Brief vaststellen")
    expect(page.locator(".messages")).to_contain_text("De brief is vastgesteld")
    shown_hash = page.locator("main code.hash").inner_text()
    assert_no_axe_violations(page)

    letter = StatusLetter.objects.get(organisation__slug=SLUG, year=2026, state="vastgesteld")
    assert shown_hash == letter.pdf_sha256
    assert letter.sections.get(kind="goal").body == NEW_GOAL

    # The demo's letter about 2025 reports the 2025 campaign's snapshot, with its chart.
    issued_2025 = StatusLetter.objects.get(organisation__slug=SLUG, year=2025)
    page.goto(f"/o/{SLUG}/letters/{issued_2025.pk}/")
    expect(page.locator("article.letter-preview svg[role=img]")).to_have_count(1)
    assert_no_axe_violations(page)

    # A manager, on a phone, finds the issued letter and downloads the stored PDF.
    context = browser.new_context(
        base_url=server_url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    manager = context.new_page()
    try:
        log_in(manager, "manager@example.org", "demo")
        manager.goto(f"/o/{SLUG}/letters/")
        expect(manager.locator("main tbody tr")).to_have_count(2)  # issued letters only
        assert "Nieuwe brief" not in manager.locator("main").inner_text()
        manager.locator(f"a[href='/o/{SLUG}/letters/{letter.pk}/']").click()
        expect(manager.get_by_role("heading", level=1)).to_have_text(letter.subject)
        assert manager.get_by_role("link", name="Wijzigen").count() == 0
        assert_no_horizontal_scroll(manager, PHONE["width"])
        assert_no_axe_violations(manager)
        with manager.expect_download() as download:
            manager.get_by_role("link", name="PDF downloaden").click()
        content = download.value.path().read_bytes()
        assert hashlib.sha256(content).hexdigest() == shown_hash
        assert download.value.suggested_filename.endswith(".pdf")
    finally:
        context.close()


@pytest.fixture
def draft_letter(programme, organisation):
    from recognition import services

    letter = services.letter_compose(
        organisation=organisation, year=2025, language="nl", today=date(2025, 12, 9)
    )
    return letter


def test_the_letter_forms_show_their_errors_accessibly_in_both_languages(
    hr_page, draft_letter, programme
):
    page = hr_page
    base = f"/o/{programme.slug}/letters/{draft_letter.pk}"

    # Issuing without named signatories is refused, and the page says why.
    page.goto(f"{base}/issue/")
    expect(page.locator(".error-summary")).to_contain_text("minstens 2 ondertekenaars")
    assert_no_axe_violations(page)

    # A signatory with a name but no role: the form comes back with a linked error summary.
    page.goto(f"{base}/edit/")
    page.get_by_label("Ondertekenaar 1: naam").fill("A. Secretaris")
    page.get_by_label("Ondertekenaar 1: functie").fill("")
    submit(page, "Opslaan")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Ondertekenaar 1: functie")).to_be_focused()
    assert_no_axe_violations(page)

    page.goto(f"{base}/delete/")
    assert_no_axe_violations(page)

    # In English, the pages and the letter's preview (which stays Dutch) are clean too.
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.locator("form.language-switch").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("article.letter-preview")).to_have_attribute("lang", "nl")
    expect(page.locator("article.letter-preview")).to_contain_text("Terugblik 2025")
    assert_no_axe_violations(page)
    page.goto(f"{base}/recompose/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compose the letter again")
    assert_no_axe_violations(page)
    page.goto(f"/o/{programme.slug}/letters/")
    assert_no_axe_violations(page)
