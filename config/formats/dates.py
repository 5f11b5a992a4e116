"""The short date style as a template filter, built into every template (settings.TEMPLATES):
{{ day|short_date }} gives "14 jan. 2027" in Dutch and "14 Jan 2027" in English. The long style
needs no filter of its own: {{ day|date }} or date_format(day) use DATE_FORMAT."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import get_format_modules
from django.utils.translation import get_language

register = template.Library()


def _short_month_names() -> tuple[str, ...]:
    for module in get_format_modules(get_language()):
        names = getattr(module, "SHORT_MONTH_NAMES", None)
        if names:
            return names
    from config.formats.en.formats import SHORT_MONTH_NAMES

    return SHORT_MONTH_NAMES


def short_date(value: date | datetime | None) -> str:
    """The day in the short style of the active language; "" for no day."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{value.day} {_short_month_names()[value.month - 1]} {value.year}"


register.filter("short_date", short_date, expects_localtime=False)
