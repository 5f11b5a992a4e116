"""The plain-text markup of a letter's sections: paragraphs and bullet lists, never HTML.

A blank line ends a paragraph; a line that starts with "- ", "* " or "• " is a bullet, and
consecutive bullets make one list. Everything else is text: the templates escape it, so a
"<script>" typed into a section is printed as those characters.
"""

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*[-*•]\s+")


@dataclass(frozen=True)
class Block:
    kind: str  # "p" or "ul"
    lines: tuple[str, ...]  # a paragraph's text as one line, or a list's items

    @property
    def text(self) -> str:
        return self.lines[0] if self.kind == "p" else ""


def blocks_of(text: str) -> list[Block]:
    """Cut a section's text into paragraphs and bullet lists."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def close_paragraph():
        if paragraph:
            blocks.append(Block("p", (" ".join(paragraph),)))
            paragraph.clear()

    def close_list():
        if items:
            blocks.append(Block("ul", tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close_paragraph()
            close_list()
        elif _BULLET.match(raw):
            close_paragraph()
            items.append(_BULLET.sub("", raw).strip())
        elif items and raw[:1].isspace():
            # An indented line continues the bullet above it.
            items[-1] = f"{items[-1]} {line}"
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return blocks


def bullets(lines: list[str]) -> str:
    """Lines as a bullet list in the markup."""
    return "\n".join(f"- {line}" for line in lines)


def paragraphs(*parts: str) -> str:
    """Join blocks of markup, leaving out empty ones."""
    return "\n\n".join(part for part in parts if part)


# --- Sentences the composer writes ----------------------------------------------------------

_SENTENCE_END = (".", "!", "?", "…", ":", ";")


def sentence(text: str) -> str:
    """One line of text as a sentence: trimmed, its whitespace collapsed, ending with a stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    # A closing quote or bracket may follow the stop: 'zei ze “ja.”'.
    return text if text.rstrip('”’")').endswith(_SENTENCE_END) else f"{text}."


def as_sentences(text: str) -> str:
    """A text typed in a form (lines, bullets, blank lines) as running sentences of one paragraph:
    each line or bullet becomes a sentence."""
    lines = [_BULLET.sub("", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return " ".join(upper_first(sentence(line)) for line in lines if line)


def joined(items: list[str], conjunction: str) -> str:
    """'a', 'a and b', 'a, b and c', with the conjunction of the letter's language."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def lower_first(text: str) -> str:
    """'Kortdurend zorgverlof' inside a sentence: the first letter lowered, unless the word is an
    abbreviation or a name written in capitals (WAZO, AOW)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def starts_with_numeral(text: str) -> bool:
    """Whether a sentence opens with a figure ("24% ..."), which a letter avoids."""
    stripped = text.lstrip(" “‘\"'(-•*")
    return stripped[:1].isdigit()
