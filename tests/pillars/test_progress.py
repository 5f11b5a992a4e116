"""Progress on checklist items: the rules, the yearly roll-over and the recorded history."""

from datetime import date

import pytest

from pillars import selectors, services
from pillars.models import ItemProgress, ProgressChange, ProgressStatus
from programme.models import ContactPerson

TODAY = date(2026, 11, 23)


def update(org, item, by, **fields):
    return services.progress_update(organisation=org, item=item, by=by, fields=fields, today=TODAY)


def test_an_untouched_item_counts_as_open(org_a, borgen):
    rows = selectors.checklist_for(organisation=org_a, today=TODAY, pillar=borgen)
    assert {row.status for row in rows} == {ProgressStatus.OPEN}
    assert ItemProgress.objects.count() == 0


def test_completing_an_item_records_who_changed_what(org_a, hr_a, plain_item):
    update(org_a, plain_item, hr_a, status=ProgressStatus.DONE, evidence_url="https://x.example")
    progress = ItemProgress.objects.get()
    assert progress.completed_date == TODAY
    [change] = ProgressChange.objects.all()
    assert change.changed_by == hr_a
    assert {(c["field"], c["old"], c["new"]) for c in change.changes} == {
        ("status", "open", "gereed"),
        ("completed_date", "", "2026-11-23"),
        ("evidence_url", "", "https://x.example"),
    }


def test_saving_without_changes_records_nothing(org_a, hr_a, plain_item):
    update(org_a, plain_item, hr_a, notes="Besproken in het MT")
    update(org_a, plain_item, hr_a, notes="Besproken in het MT")
    assert ProgressChange.objects.count() == 1


def test_reopening_an_item_clears_its_completion_date(org_a, hr_a, plain_item):
    update(org_a, plain_item, hr_a, status=ProgressStatus.DONE)
    progress = update(org_a, plain_item, hr_a, status=ProgressStatus.IN_PROGRESS)
    assert progress.completed_date is None


def test_not_applicable_needs_a_reason_and_changes_nothing_without_one(org_a, hr_a, plain_item):
    with pytest.raises(services.PillarsError):
        update(org_a, plain_item, hr_a, status=ProgressStatus.NOT_APPLICABLE)
    assert not ItemProgress.objects.exists()
    progress = update(
        org_a,
        plain_item,
        hr_a,
        status=ProgressStatus.NOT_APPLICABLE,
        not_applicable_reason="Geen eigen intranet; alles staat in het handboek.",
    )
    assert progress.status == ProgressStatus.NOT_APPLICABLE


def test_the_day_of_the_carer_rolls_over_to_next_years_10_november(org_a, hr_a, carers_day_item):
    update(org_a, carers_day_item, hr_a, due_date=date(2026, 11, 10))
    progress = update(
        org_a, carers_day_item, hr_a, status=ProgressStatus.DONE, completed_date=date(2026, 11, 10)
    )
    assert progress.due_date == date(2027, 11, 10)
    assert progress.status == ProgressStatus.DONE


def test_the_review_cycle_rolls_over_a_year_from_its_due_date(org_a, hr_a, review_cycle_item):
    update(org_a, review_cycle_item, hr_a, due_date=date(2026, 3, 31))
    progress = update(org_a, review_cycle_item, hr_a, status=ProgressStatus.DONE)
    assert progress.due_date == date(2027, 3, 31)


def test_a_rolled_over_moment_is_due_again_once_its_new_date_passes(org_a, hr_a, carers_day_item):
    update(
        org_a, carers_day_item, hr_a, status=ProgressStatus.DONE, completed_date=date(2026, 11, 10)
    )
    [row] = [
        r
        for r in selectors.checklist_for(organisation=org_a, today=date(2027, 11, 11))
        if r.item == carers_day_item
    ]
    assert row.is_overdue and not row.is_done
    [row_before] = [
        r
        for r in selectors.checklist_for(organisation=org_a, today=TODAY)
        if r.item == carers_day_item
    ]
    assert row_before.is_done and not row_before.is_overdue


def test_summaries_count_done_overdue_and_leave_out_not_applicable(org_a, hr_a, borgen):
    items = list(borgen.items.order_by("order"))
    update(org_a, items[0], hr_a, status=ProgressStatus.DONE)
    update(
        org_a, items[1], hr_a, status=ProgressStatus.NOT_APPLICABLE, not_applicable_reason="n.v.t."
    )
    update(org_a, items[2], hr_a, due_date=date(2026, 1, 1))
    summary = next(
        s for s in selectors.progress_for(organisation=org_a, today=TODAY) if s.pillar == borgen
    )
    assert (summary.total, summary.done, summary.share_done) == (3, 1, 33)
    assert [row.item for row in summary.overdue] == [items[2]]


def test_progress_is_kept_per_organisation(org_a, org_b, hr_a, hr_b, plain_item):
    update(org_a, plain_item, hr_a, status=ProgressStatus.DONE)
    rows_b = selectors.checklist_for(organisation=org_b, today=TODAY)
    assert all(row.status == ProgressStatus.OPEN for row in rows_b)


def test_own_items_are_visible_only_to_their_organisation(org_a, org_b, borgen):
    own = services.item_add_own(
        organisation=org_a,
        pillar=borgen,
        text="Mantelzorglunch",
        guidance="",
        counts_for_recognition=False,
    )
    assert selectors.item_visible_to(organisation=org_a, pk=own.pk) == own
    assert selectors.item_visible_to(organisation=org_b, pk=own.pk) is None
    assert own.order > max(i.order for i in borgen.items.filter(organisation__isnull=True))


def test_linking_actions_is_recorded(org_a, hr_a, plain_item, make_action):
    action = make_action(org_a, title="Intranetpagina mantelzorg")
    update(org_a, plain_item, hr_a, actions=[action])
    progress = ItemProgress.objects.get()
    assert list(progress.actions.all()) == [action]
    assert progress.changes.get().changes == [
        {"field": "actions", "old": "", "new": "Intranetpagina mantelzorg"}
    ]


def test_mine_lists_the_items_a_member_is_responsible_for(org_a, hr_a, manager_a, borgen):
    items = list(borgen.items.order_by("order"))
    membership = manager_a.memberships.get()
    update(org_a, items[0], hr_a, responsible_member=membership, due_date=date(2027, 1, 1))
    update(org_a, items[1], hr_a, responsible_member=membership)
    update(
        org_a,
        items[2],
        hr_a,
        responsible_contact=ContactPerson.objects.create(organisation=org_a, name="Anna"),
    )
    rows = selectors.items_for_member(organisation=org_a, membership=membership, today=TODAY)
    assert [row.item for row in rows] == [items[0], items[1]]
