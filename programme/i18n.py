"""Texts that data holds in two languages: the one rule for picking the one to show."""

from django.utils.translation import get_language


def in_language(dutch: str, english: str) -> str:
    """The English text when the interface speaks English and one exists, else the Dutch one."""
    if english and (get_language() or "").startswith("en"):
        return english
    return dutch
