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
