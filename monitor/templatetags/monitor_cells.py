"""The results tables' cells: a percentage or a count, or a dash for a suppressed figure.

Tags rather than included templates: a breakdown by department has over a thousand cells, and
an include per cell cost more than the rest of the page together.
"""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


def _suppressed() -> SafeString:
    return format_html(
        '<span aria-hidden="true">—</span><span class="visually-hidden">{}</span>',
        gettext("too few answers"),
    )


@register.simple_tag
def percentage_cell(value: float | None) -> SafeString:
    """A whole percentage, or the dash that a screen reader reads as "too few answers"."""
    if value is None:
        return _suppressed()
    return mark_safe(f"{floatformat(value, 0)}%")  # a number: nothing to escape


@register.simple_tag
def count_cell(count: int | None) -> SafeString:
    if count is None:
        return _suppressed()
    return mark_safe(str(int(count)))
