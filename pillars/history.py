"""The item's history as people read it: field names and values in the current language."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pillars.models import ItemProgress, ProgressStatus


@dataclass(frozen=True)
class ChangeLine:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: datetime
    changed_by: str
    lines: list[ChangeLine]


def _label(field: str) -> str:
    if field == "files":
        return _("Evidence file")
    if field == "actions":
        return _("Actions of the plan")
    return str(ItemProgress._meta.get_field(field).verbose_name).capitalize()


def _value(field: str, value: str) -> str:
    if not value:
        return "–"
    if field == "status" and value in ProgressStatus.values:
        return str(ProgressStatus(value).label)
    if field in ("due_date", "completed_date"):
        return date_format(date.fromisoformat(value), "j F Y")
    return value


def timeline(progress: ItemProgress) -> list[HistoryEntry]:
    """The changes of an item's progress, newest first."""
    return [
        HistoryEntry(
            changed_at=change.changed_at,
            changed_by=change.changed_by.display_name if change.changed_by else _("(removed user)"),
            lines=[
                ChangeLine(
                    label=_label(line["field"]),
                    old=_value(line["field"], line["old"]),
                    new=_value(line["field"], line["new"]),
                )
                for line in change.changes
            ],
        )
        for change in progress.changes.all()
    ]
