"""`manage.py seed_demo` gives Gemeente Voorbeeldstad realistic progress on the four pillars."""

from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from pillars.demo import PROGRESS
from pillars.models import (
    ChecklistItem,
    EvidenceFile,
    ItemProgress,
    ProgressChange,
    ProgressStatus,
)
from pillars.selectors import overdue_items, progress_for
from programme.models import Organisation, PillarKey

TODAY = date(2026, 11, 23)  # the day the demo's story is told
SLUG = "gemeente-voorbeeldstad"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def voorbeeldstad(db, settings) -> Organisation:
    settings.DEBUG = True
    seed()
    return Organisation.objects.get(slug=SLUG)


def _summaries(organisation: Organisation) -> dict:
    return {s.pillar.key: s for s in progress_for(organisation=organisation, today=TODAY)}


def _counts() -> dict:
    return {
        "items": ChecklistItem.objects.count(),
        "progress": ItemProgress.objects.count(),
        "files": EvidenceFile.objects.count(),
        "changes": ProgressChange.objects.count(),
        "links": ItemProgress.actions.through.objects.count(),
    }


def _state() -> list:
    return list(ItemProgress.objects.order_by("pk").values()) + list(
        EvidenceFile.objects.order_by("pk").values()
    )


def test_every_pillar_has_progress_and_a_done_item(voorbeeldstad):
    summaries = _summaries(voorbeeldstad)

    assert set(summaries) == set(PillarKey.values)
    for key, summary in summaries.items():
        assert summary.done >= 1, key
    done = {key: (s.done, s.total) for key, s in summaries.items()}
    assert done == {
        PillarKey.DISCUSS: (3, 4),  # one item does not apply
        PillarKey.DESCRIBE: (3, 4),
        PillarKey.EQUIP: (2, 4),
        PillarKey.EMBED: (3, 5),  # four standard items and the lunch of our own
    }
    assert summaries[PillarKey.EQUIP].in_progress == 1


def test_running_it_twice_changes_and_duplicates_nothing(voorbeeldstad):
    counts, state = _counts(), _state()

    seed()

    assert _counts() == counts
    assert _state() == state
    # The other demo employers (support/demo.py) have progress of their own.
    assert ItemProgress.objects.filter(organisation=voorbeeldstad).count() == len(PROGRESS)


def test_running_it_again_puts_back_a_changed_item_without_history(voorbeeldstad):
    progress = voorbeeldstad.checklist_progress.get(item__pillar__key="bekwamen", item__order=10)
    progress.status = ProgressStatus.DONE
    progress.notes = ""
    progress.save()
    progress.actions.clear()
    changes = ProgressChange.objects.count()

    seed()

    progress.refresh_from_db()
    assert progress.status == ProgressStatus.IN_PROGRESS
    assert progress.notes
    assert progress.actions.count() == 2
    assert ProgressChange.objects.count() == changes


def test_one_standard_item_does_not_apply_and_says_why(voorbeeldstad):
    not_applicable = voorbeeldstad.checklist_progress.filter(status=ProgressStatus.NOT_APPLICABLE)

    assert not_applicable.count() == 1
    progress = not_applicable.get()
    assert progress.item.is_standard
    assert "monitor" in progress.not_applicable_reason


def test_the_day_of_the_carer_was_done_and_rolled_over_to_next_year(voorbeeldstad):
    progress = voorbeeldstad.checklist_progress.get(
        item__recurs_yearly=True, item__recurrence_month=11, item__recurrence_day=10
    )

    assert progress.status == ProgressStatus.DONE
    assert progress.completed_date == date(2026, 11, 10)
    assert progress.due_date == date(2027, 11, 10)
    assert {(a.year, a.status) for a in progress.actions.all()} >= {
        (2025, "gereed"),
        (2026, "gereed"),
    }


def test_the_annual_review_is_done_and_due_again_next_spring(voorbeeldstad):
    progress = voorbeeldstad.checklist_progress.get(
        item__pillar__key="borgen",
        item__organisation__isnull=True,
        item__recurs_yearly=True,
        item__recurrence_month__isnull=True,
    )

    assert progress.status == ProgressStatus.DONE
    assert progress.due_date == date(2027, 3, 31)


def test_it_adds_an_item_of_its_own_to_borgen(voorbeeldstad):
    own = ChecklistItem.objects.get(organisation=voorbeeldstad)

    assert own.pillar.key == "borgen"
    assert "lunch" in own.text
    assert not own.counts_for_recognition
    assert own.progress.get().status == ProgressStatus.IN_PROGRESS


def test_items_have_people_dates_evidence_and_actions(voorbeeldstad):
    progress = list(voorbeeldstad.checklist_progress.select_related("responsible_member__user"))
    members = {p.responsible_member.user.email for p in progress if p.responsible_member}
    contacts = {p.responsible_contact.name for p in progress if p.responsible_contact}

    assert members == {"hr@example.org", "manager@example.org"}
    assert contacts
    assert all(p.actions.exists() for p in progress if p.status != ProgressStatus.NOT_APPLICABLE)
    for p in progress:
        if p.status == ProgressStatus.DONE:
            assert p.completed_date and p.completed_date <= TODAY
            assert p.evidence_text
        if p.evidence_url:
            assert p.evidence_url.startswith("https://intranet.voorbeeldstad.nl/")
    open_dates = [p.due_date for p in progress if p.status != ProgressStatus.DONE and p.due_date]
    assert any(d < TODAY for d in open_dates)
    assert any(d > TODAY for d in open_dates)


def test_the_manager_training_is_overdue(voorbeeldstad):
    overdue = overdue_items(organisation=voorbeeldstad, today=TODAY)

    assert ("bekwamen", 10) in {(row.item.pillar.key, row.item.order) for row in overdue}


def test_evidence_files_exist_and_are_readable(voorbeeldstad):
    files = list(EvidenceFile.objects.filter(progress__organisation=voorbeeldstad))

    assert {f.content_type for f in files} == {"application/pdf", "image/png"}
    for evidence in files:
        with evidence.file.open("rb") as handle:
            content = handle.read()
        assert len(content) == evidence.size > 0
        assert content.startswith(
            b"%PDF-" if evidence.content_type == "application/pdf" else b"\x89PNG"
        )
        assert evidence.uploaded_by.email == "hr@example.org"
        assert evidence.uploaded_at.date() < TODAY


def test_history_is_dated_in_the_past_and_by_the_hr_adviser(voorbeeldstad):
    changes = list(ProgressChange.objects.filter(progress__organisation=voorbeeldstad))

    assert len(changes) >= len(PROGRESS)
    assert {c.changed_by.email for c in changes} == {"hr@example.org"}
    assert all(c.changed_at.date() < TODAY for c in changes)
    assert min(c.changed_at for c in changes) < datetime.fromisoformat("2025-06-01T00:00+00:00")


def test_the_history_ends_where_the_progress_stands(voorbeeldstad):
    for progress in voorbeeldstad.checklist_progress.prefetch_related("changes"):
        latest = {}
        for change in sorted(progress.changes.all(), key=lambda c: (c.changed_at, c.pk)):
            for line in change.changes:
                latest[line["field"]] = line["new"]
        assert latest.get("status", ProgressStatus.OPEN) == progress.status
        if progress.due_date:
            assert latest["due_date"] == progress.due_date.isoformat()


def test_a_second_run_adds_no_history_or_files(voorbeeldstad):
    changes = set(ProgressChange.objects.values_list("pk", "changed_at"))
    files = set(EvidenceFile.objects.values_list("pk", "file"))

    output = seed()

    assert set(ProgressChange.objects.values_list("pk", "changed_at")) == changes
    assert set(EvidenceFile.objects.values_list("pk", "file")) == files
    assert "pillars: Bespreken 3/4" in output
