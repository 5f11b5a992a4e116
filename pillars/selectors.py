"""Reads of the pillars: a fixed number of queries whatever the number of items.

Other apps (recognition, the dashboard) read the pillars through `progress_for` and
`checklist_for`, never through the models.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from pillars.models import ChecklistItem, EvidenceFile, ItemProgress, Pillar, ProgressStatus
from programme.models import Action, ActionStatus, Membership, Organisation

NEXT_DUE_COUNT = 3


@dataclass
class ItemRow:
    """One checklist item as the organisation sees it; progress is None until first touched."""

    item: ChecklistItem
    progress: ItemProgress | None
    today: date

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else ProgressStatus.OPEN

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label

    @property
    def due_date(self) -> date | None:
        return self.progress.due_date if self.progress else None

    @property
    def is_applicable(self) -> bool:
        return self.status != ProgressStatus.NOT_APPLICABLE

    @property
    def is_due_again(self) -> bool:
        """A completed yearly moment whose next date has passed counts as open again."""
        return bool(
            self.item.recurs_yearly
            and self.status == ProgressStatus.DONE
            and self.due_date
            and self.due_date < self.today
        )

    @property
    def is_done(self) -> bool:
        return self.status == ProgressStatus.DONE and not self.is_due_again

    @property
    def is_overdue(self) -> bool:
        if not self.due_date or self.due_date >= self.today:
            return False
        return self.status in (ProgressStatus.OPEN, ProgressStatus.IN_PROGRESS) or (
            self.is_due_again
        )


def _items_visible_to(organisation: Organisation) -> QuerySet[ChecklistItem]:
    return ChecklistItem.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    ).select_related("pillar")


def checklist_for(
    *, organisation: Organisation, today: date, pillar: Pillar | None = None
) -> list[ItemRow]:
    """Every item of the organisation's checklists (standard and own) with progress; 2 queries."""
    progress = ItemProgress.objects.filter(organisation=organisation).select_related(
        "responsible_member__user", "responsible_contact"
    )
    items = _items_visible_to(organisation).prefetch_related(
        Prefetch("progress", queryset=progress, to_attr="progress_here")
    )
    if pillar is not None:
        items = items.filter(pillar=pillar)
    return [
        ItemRow(
            item=item,
            progress=item.progress_here[0] if item.progress_here else None,
            today=today,
        )
        for item in items.order_by("pillar__order", "order", "pk")
    ]


@dataclass
class PillarSummary:
    pillar: Pillar
    rows: list[ItemRow] = field(default_factory=list)
    today: date | None = None

    @property
    def applicable(self) -> list[ItemRow]:
        return [row for row in self.rows if row.is_applicable]

    @property
    def total(self) -> int:
        return len(self.applicable)

    @property
    def done(self) -> int:
        return sum(1 for row in self.applicable if row.is_done)

    @property
    def in_progress(self) -> int:
        return sum(1 for row in self.applicable if row.status == ProgressStatus.IN_PROGRESS)

    @property
    def share_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def overdue(self) -> list[ItemRow]:
        return [row for row in self.rows if row.is_overdue]

    @property
    def next_due(self) -> list[ItemRow]:
        # A completed yearly moment stays on this list: its due date is the next year's moment.
        upcoming = [
            row
            for row in self.applicable
            if row.due_date
            and row.due_date >= self.today
            and (row.status != ProgressStatus.DONE or row.item.recurs_yearly)
        ]
        return sorted(upcoming, key=lambda row: row.due_date)[:NEXT_DUE_COUNT]

    @property
    def recognition_rows(self) -> list[ItemRow]:
        return [row for row in self.applicable if row.item.counts_for_recognition]


def pillars() -> QuerySet[Pillar]:
    """The four pillars in their order."""
    return Pillar.objects.order_by("order")


def progress_for(*, organisation: Organisation, today: date) -> list[PillarSummary]:
    """The four pillars' progress for an organisation: 3 queries, whatever the number of items."""
    summaries = {pillar.pk: PillarSummary(pillar=pillar, today=today) for pillar in pillars()}
    for row in checklist_for(organisation=organisation, today=today):
        summaries[row.item.pillar_id].rows.append(row)
    return list(summaries.values())


def progress_for_many(
    *, organisations: list[Organisation], today: date
) -> dict[int, list[PillarSummary]]:
    """progress_for of each organisation, by its id: 3 queries, whatever the number of
    organisations and items (a support organisation's portfolio)."""
    ids = [organisation.pk for organisation in organisations]
    pillar_list = list(pillars())
    items = list(
        ChecklistItem.objects.filter(Q(organisation__isnull=True) | Q(organisation_id__in=ids))
        .select_related("pillar")
        .order_by("pillar__order", "order", "pk")
    )
    progress = {
        (p.organisation_id, p.item_id): p
        for p in ItemProgress.objects.filter(organisation_id__in=ids)
    }
    result = {}
    for organisation_id in ids:
        summaries = {pillar.pk: PillarSummary(pillar=pillar, today=today) for pillar in pillar_list}
        for item in items:
            if item.organisation_id not in (None, organisation_id):
                continue
            row = ItemRow(item=item, progress=progress.get((organisation_id, item.pk)), today=today)
            summaries[item.pillar_id].rows.append(row)
        result[organisation_id] = list(summaries.values())
    return result


def overdue_items(*, organisation: Organisation, today: date) -> list[ItemRow]:
    """Items whose due date has passed without them being done, soonest first."""
    rows = [row for row in checklist_for(organisation=organisation, today=today) if row.is_overdue]
    return sorted(rows, key=lambda row: row.due_date)


def items_for_member(
    *, organisation: Organisation, membership: Membership, today: date
) -> list[ItemRow]:
    """Items the member is responsible for, by due date (undated last)."""
    rows = [
        row
        for row in checklist_for(organisation=organisation, today=today)
        if row.progress and row.progress.responsible_member_id == membership.pk
    ]
    return sorted(rows, key=lambda row: (row.due_date is None, row.due_date or date.max))


def progress_of_item(*, organisation: Organisation, item: ChecklistItem) -> ItemProgress | None:
    """The organisation's progress on one item, with its files, actions and history."""
    return (
        ItemProgress.objects.filter(organisation=organisation, item=item)
        .select_related("responsible_member__user", "responsible_contact")
        .prefetch_related("files", "actions", "changes__changed_by")
        .first()
    )


def evidence_files_of(*, organisation: Organisation) -> QuerySet[EvidenceFile]:
    """Every evidence file of the organisation, by pillar and item, the oldest first."""
    return (
        EvidenceFile.objects.filter(progress__organisation=organisation)
        .select_related("progress__item__pillar")
        .order_by("progress__item__pillar__order", "progress__item__order", "uploaded_at", "pk")
    )


@dataclass(frozen=True)
class LinkedActions:
    done: list[Action]  # what was done for the item
    open: list[Action]  # planned or in progress: not (yet) done, so listed apart


def linked_actions(progress: ItemProgress | None) -> LinkedActions:
    """The item's linked actions split by whether they were done; cancelled ones left out.
    Reads the prefetched actions of progress_of_item."""
    actions = sorted(
        progress.actions.all() if progress else [], key=lambda a: (-a.year, a.title, a.pk)
    )
    return LinkedActions(
        done=[a for a in actions if a.status == ActionStatus.DONE],
        open=[a for a in actions if a.is_open],
    )


def item_visible_to(*, organisation: Organisation, pk: int) -> ChecklistItem | None:
    """A standard item or one of the organisation's own; None for another organisation's item."""
    return _items_visible_to(organisation).filter(pk=pk).first()
