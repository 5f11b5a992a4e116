"""The results tables' cells: a percentage or a count, or a dash for a suppressed figure.

Tags rather than included templates: a breakdown by department has over a thousand cells, and
an include per cell cost more than the rest of the page together.
"""

from functools import cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from monitor.charts import whole_percent

register = template.Library()


@cache
def _suppressed_in(language: str | None) -> SafeString:
    return format_html(
        '<span aria-hidden="true">—</span><span class="visually-hidden">{}</span>',
        gettext("too few answers"),
    )


def _suppressed() -> SafeString:
    return _suppressed_in(get_language())


@register.simple_tag
def percentage_cell(value: float | None) -> SafeString:
    """A whole percentage, or the dash that a screen reader reads as "too few answers"."""
    if value is None:
        return _suppressed()
    # Rounded as the charts round it; a number, so nothing to escape.
    return mark_safe(f"{whole_percent(value)}%")


@register.simple_tag
def count_cell(count: int | None) -> SafeString:
    if count is None:
        return _suppressed()
    return mark_safe(str(int(count)))
