"""The HR advisor's work on the pillars in the browser: completing an item with evidence, and
changing a status on the worksheet with the keyboard alone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from pillars import services
from pillars.models import EvidenceFile, ItemProgress, Pillar, ProgressChange, ProgressStatus

from .samples import PDF
from .steps import log_in

pytestmark = pytest.mark.browser

EVIDENCE_URL = "https://intranet.example.org/personeelshandboek/mantelzorg"


def standard_items(key: str) -> list:
    return list(Pillar.objects.get(key=key).items.filter(organisation=None).order_by("order"))


def progress_value(bar: Locator) -> int:
    expect(bar).to_be_visible()
    return int(bar.get_attribute("value"))


def expect_progress(page: Page, bar_id: str, *, done: int, total: int) -> int:
    """The bar and its visible label agree on the share done; returns the bar's value."""
    share = round(100 * done / total)
    bar = page.locator(f"progress#{bar_id}")
    expect(bar).to_have_attribute("value", str(share))
    expect(bar).to_have_attribute("max", "100")
    # "2 of 4 items done (50%)", or the same in Dutch.
    expect(page.locator(f"label[for={bar_id}]")).to_have_text(
        re.compile(rf"^\D*\b{done}\b\D+\b{total}\b\D+\({share}%\)$")
    )
    return progress_value(bar)


def test_hr_advisor_completes_a_borgen_item_with_a_link_and_a_file(page, organisation, hr_user):
    slug = organisation.slug
    today = timezone.localdate()
    items = standard_items("borgen")
    total = len(items)
    # The introduction of new colleagues is already done, so the bar starts part way.
    services.progress_set_status(
        organisation=organisation,
        item=items[2],
        status=ProgressStatus.DONE,
        by=hr_user,
        today=today,
    )
    item = items[1]  # the regulations on the intranet: a link and a document prove it
    assert not item.recurs_yearly

    log_in(page, hr_user.email)
    expect(page).to_have_url(re.compile(rf"/o/{slug}/$"))
    before = expect_progress(page, "progress-borgen-dashboard", done=1, total=total)

    # Through the organisation's navigation to the pillars, then to the Borgen worksheet.
    org_nav = page.locator("nav.org-nav")
    org_nav.get_by_role("button", name="Programma", exact=True).click()
    org_nav.get_by_role("link", name="Pijlers", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/o/{slug}/pillars/$"))
    expect(org_nav.locator("a[aria-current=page]")).to_have_attribute("href", f"/o/{slug}/pillars/")
    page.locator("main").get_by_role("link", name="Borgen", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/o/{slug}/pillars/borgen/$"))
    assert expect_progress(page, "progress-borgen", done=1, total=total) == before

    page.locator(f"#item-{item.pk}").get_by_role("link", name=item.text, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/o/{slug}/pillars/items/{item.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(item.text)
    expect(page.locator("main .badge.progress-open")).to_be_visible()

    # "Update progress": done, with a link to the page that proves it.
    page.locator(f"main a.btn[href='/o/{slug}/pillars/items/{item.pk}/edit/']").click()
    expect(page).to_have_url(re.compile(rf"/items/{item.pk}/edit/$"))
    page.locator("#id_status").select_option(ProgressStatus.DONE.value)
    page.locator("#id_evidence_url").fill(EVIDENCE_URL)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/o/{slug}/pillars/items/{item.pk}/$"))
    expect(page.locator(".messages .alert-success")).to_be_visible()
    expect(page.locator("main .badge.progress-gereed")).to_be_visible()
    evidence = page.locator("#evidence")
    expect(evidence.get_by_role("link", name=EVIDENCE_URL)).to_have_attribute("href", EVIDENCE_URL)

    # A real PDF as evidence, added on the item page.
    page.locator("#id_file").set_input_files(
        {"name": "verslag.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    with page.expect_navigation():
        evidence.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/items/{item.pk}/#evidence$"))
    expect(page.locator(".messages .alert-success")).to_contain_text("verslag.pdf")
    file_link = evidence.locator(".list-group-item").get_by_role(
        "link", name="verslag.pdf", exact=True
    )
    expect(file_link).to_be_visible()
    download = page.request.get(file_link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body() == PDF

    # The history, newest first: the file, then the status with the link.
    entries = page.locator("ol.timeline > li")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text(hr_user.full_name)
    expect(entries.nth(0).locator("li")).to_have_text(re.compile(r"–\s*→\s*verslag\.pdf$"))
    expect(entries.nth(1)).to_contain_text(hr_user.full_name)
    expect(entries.nth(1).locator("li", has_text="Status")).to_have_text(
        re.compile(r"^Status: Open\s*→\s*Gereed$")
    )
    expect(entries.nth(1).locator("li", has_text=EVIDENCE_URL)).to_be_visible()

    # Back to the worksheet through the breadcrumb: the bar has moved up; and on the dashboard.
    page.locator("main .breadcrumb").get_by_role("link", name="Borgen", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/o/{slug}/pillars/borgen/$"))
    expect(page.locator(f"#item-{item.pk} .badge.progress-gereed")).to_be_visible()
    after = expect_progress(page, "progress-borgen", done=2, total=total)
    assert after > before
    assert after == round(100 * 2 / total)
    org_nav.get_by_role("link", name="Overzicht", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/o/{slug}/$"))
    assert expect_progress(page, "progress-borgen-dashboard", done=2, total=total) == after

    progress = ItemProgress.objects.get(organisation=organisation, item=item)
    assert (progress.status, progress.completed_date, progress.evidence_url) == (
        ProgressStatus.DONE,
        today,
        EVIDENCE_URL,
    )
    stored = EvidenceFile.objects.get(progress=progress)
    assert (stored.original_name, stored.content_type, stored.size, stored.uploaded_by) == (
        "verslag.pdf",
        "application/pdf",
        len(PDF),
        hr_user,
    )
    with stored.file.open("rb") as handle:
        assert handle.read() == PDF
    changes = list(ProgressChange.objects.filter(progress=progress).order_by("changed_at", "pk"))
    assert [change.changed_by for change in changes] == [hr_user, hr_user]
    assert changes[0].changes == [
        {"field": "status", "old": "open", "new": "gereed"},
        {"field": "completed_date", "old": "", "new": today.isoformat()},
        {"field": "evidence_url", "old": "", "new": EVIDENCE_URL},
    ]
    assert changes[1].changes == [{"field": "files", "old": "", "new": "verslag.pdf"}]


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def test_keyboard_user_changes_a_status_on_the_worksheet(hr_page, organisation, hr_user):
    page = hr_page
    slug = organisation.slug
    item = standard_items("bekwamen")[1]
    page.goto(f"/o/{slug}/pillars/bekwamen/")
    item_link = page.locator(f"#item-{item.pk}").get_by_role("link", name=item.text, exact=True)
    select = page.locator(f"#status-{item.pk}")
    expect(select).to_have_value(ProgressStatus.OPEN.value)

    # Tab from the top of the page to the item's status; the item's own link comes just before.
    previous = None
    for _ in range(80):
        page.keyboard.press("Tab")
        if focused_id(page) == f"status-{item.pk}":
            break
        previous = page.evaluate("document.activeElement.getAttribute('href')")
    expect(select).to_be_focused()
    assert previous == item_link.get_attribute("href")

    page.keyboard.press("ArrowDown")
    expect(select).to_have_value(ProgressStatus.IN_PROGRESS.value)
    page.keyboard.press("Tab")
    expect(page.locator(f"#reason-{item.pk}")).to_be_focused()
    page.keyboard.press("Tab")
    save = page.locator(f"#item-{item.pk} button[type=submit]")
    expect(save).to_be_focused()
    expect(save).to_have_accessible_name(re.compile(rf"{re.escape(item.text)}$"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/o/{slug}/pillars/bekwamen/#item-{item.pk}$"))
    expect(page.locator(".messages .alert-success")).to_contain_text(item.text)
    row = page.locator(f"#item-{item.pk}")
    expect(row).to_be_in_viewport()
    expect(row.locator(".badge.progress-bezig")).to_be_visible()
    expect(page.locator(f"#status-{item.pk}")).to_have_value(ProgressStatus.IN_PROGRESS.value)
    progress = ItemProgress.objects.get(organisation=organisation, item=item)
    assert progress.status == ProgressStatus.IN_PROGRESS
    change = ProgressChange.objects.get(progress=progress)
    assert change.changed_by == hr_user
    assert change.changes == [{"field": "status", "old": "open", "new": "bezig"}]
