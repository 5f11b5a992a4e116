"""Text that every file format can hold.

XML 1.0, and so XLSX, DOCX and the PDF's tagged structure, cannot hold most C0 control
characters, lone surrogates or the two non-characters U+FFFE and U+FFFF. Word and Excel put
some of them (a vertical tab for a soft line break, a form feed for a page break) into text that
is copied from them, so a pasted title would make every export of it fail. Every app cleans text
through this one function: the models before they store it, the exporters before they write it,
the imports before they read it.
"""

import re

# Allowed by XML 1.0: tab, line feed, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and the
# supplementary planes. Everything else is left out.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Characters that stand for a line or page break in the programs people copy from.
_BREAKS = re.compile("[\x0b\x0c]")


def has_xml_illegal(text: str) -> bool:
    """Whether the text holds a character that XML cannot hold."""
    return bool(XML_ILLEGAL.search(text))


def strip_xml_illegal(text):
    """The text without the characters XML cannot hold; any value that is not text is returned
    as it is, so that a caller may pass a cell or a field value of any kind.

    A vertical tab or form feed (a soft line or page break in Word) becomes a space, so that the
    words on either side stay apart, also in a one-line field; every other such character is
    removed.
    """
    if not isinstance(text, str):
        return text
    if not XML_ILLEGAL.search(text):
        return text
    return XML_ILLEGAL.sub("", _BREAKS.sub(" ", text))
