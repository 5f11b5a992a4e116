"""Render the plain-text markup of letters and profiles (recognition.letter_text) as HTML."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from recognition.letter_text import Block, blocks_of

register = template.Library()


@register.filter
def blocks_html(blocks: list[Block]) -> SafeString:
    """Paragraphs and bullet lists, every piece of text escaped."""
    parts = []
    for block in blocks:
        if block.kind == "ul":
            items = format_html_join("", "<li>{}</li>", ((line,) for line in block.lines))
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            parts.append(format_html("<p>{}</p>", block.text))
    return mark_safe("".join(parts))


@register.filter
def letter_blocks(text: str) -> SafeString:
    """A text in the markup, as paragraphs and bullet lists."""
    return blocks_html(blocks_of(text or ""))
