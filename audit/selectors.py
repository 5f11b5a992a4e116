"""The organisation's timeline as people read it, filtered; never another organisation's."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import Entry, Kind

ACTION_LABELS = {
    LogEntry.Action.CREATE: gettext_lazy("added"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("opened"),
}


@dataclass(frozen=True)
class Line:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class TimelineRow:
    timestamp: datetime
    kind: str
    kind_label: str
    actor: str
    action: str
    object_type: str
    object_repr: str
    what: str
    lines: list[Line]


def entries_for(
    organisation_id: int,
    *,
    kind: str = "",
    actor_id: int | None = None,
    object_type_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
):
    """The organisation's entries, newest first, narrowed by the filters given."""
    entries = Entry.objects.filter(organisation_id=organisation_id).select_related(
        "log", "log__actor", "log__content_type"
    )
    if kind:
        entries = entries.filter(kind=kind)
    if actor_id:
        entries = entries.filter(log__actor_id=actor_id)
    if object_type_id:
        entries = entries.filter(log__content_type_id=object_type_id)
    if date_from:
        entries = entries.filter(timestamp__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(timestamp__lt=_start_of(date_to + timedelta(days=1)))
    return entries


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def actors_of(organisation_id: int) -> list[tuple[int, str]]:
    """Everyone who appears as the actor of one of the organisation's entries."""
    seen = {}
    for entry in entries_for(organisation_id).exclude(log__actor=None).order_by():
        actor = entry.log.actor
        seen[actor.pk] = getattr(actor, "display_name", "") or str(actor)
    return sorted(seen.items(), key=lambda item: item[1].lower())


def object_types_of(organisation_id: int) -> list[tuple[int, str]]:
    ids = (
        Entry.objects.filter(organisation_id=organisation_id)
        .order_by()
        .values_list("log__content_type_id", flat=True)
        .distinct()
    )
    types = ContentType.objects.filter(pk__in=set(ids))
    return sorted(((t.pk, _type_label(t)) for t in types), key=lambda item: item[1].lower())


def _type_label(content_type) -> str:
    model = content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else content_type.model


def _field_label(model, name: str) -> str:
    if name == "files":
        return _("Evidence file")
    if name == "actions":
        return _("Actions of the plan")
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except (FieldDoesNotExist, AttributeError):
        return name


def _shown(model, name: str, value) -> str:
    """A stored value as people read it: a choice by its label, a date as in running text."""
    if value in (None, "", "None"):
        return "–"
    try:
        field = model._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "DateField":
        try:
            return date_format(date.fromisoformat(str(value)), "j F Y")
        except ValueError:
            return str(value)
    if field.get_internal_type() == "BooleanField":
        return _("yes") if str(value) == "True" else _("no")
    return str(value)


def rows(entries) -> list[TimelineRow]:
    result = []
    for entry in entries:
        log = entry.log
        model = log.content_type.model_class()
        lines = []
        for name, values in (log.changes_dict or {}).items():
            old, new = (list(values) + [None, None])[:2]
            lines.append(
                Line(_field_label(model, name), _shown(model, name, old), _shown(model, name, new))
            )
        actor = log.actor
        result.append(
            TimelineRow(
                timestamp=entry.timestamp,
                kind=entry.kind,
                kind_label=str(Kind(entry.kind).label),
                actor=(getattr(actor, "display_name", "") or str(actor)) if actor else "–",
                action=str(ACTION_LABELS.get(log.action, "")),
                object_type=_type_label(log.content_type),
                object_repr=log.object_repr,
                what=(log.additional_data or {}).get("what", ""),
                lines=lines,
            )
        )
    return result
