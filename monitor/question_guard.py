"""What a question of the organisation's own may not contain: health, illness, colleagues' names.

The Dutch data protection authority (Autoriteit Persoonsgegevens) does not allow an employer to
collect health data about employees, not even with their consent, and the monitor promises that
nobody can be recognised from what they answer. So an own question (its text, its English text
and its options) may not ask about health or illness, and may not name a member of the
organisation: "Which of these colleagues ..." followed by a list of names identifies people.

The health words are kept as data, in monitor/data/sensitive_terms.txt (its header explains the
syntax), so that they can be reviewed and extended without reading code. Every path that saves a
question obeys this module: CustomQuestion.clean (the admin, imports, full_clean), the services
in monitor.campaign_services (the shell) and the HR form.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from programme.models import Membership, Organisation

TERMS_FILE = Path(__file__).resolve().parent / "data" / "sensitive_terms.txt"

HEALTH_MESSAGE = _(
    "This is about health or illness: %(terms)s. The monitor may not ask about health or "
    "illness, and may not name colleagues."
)
NAMES_MESSAGE = _(
    "This names someone in your organisation: %(names)s. The monitor may not ask about health "
    "or illness, and may not name colleagues."
)

# A letter or digit in any script; everything else (spaces, hyphens, dots, apostrophes) ends a word.
_LETTER = r"[^\W_]"
_WORD = re.compile(rf"{_LETTER}+")
# Inside an entry, a space or hyphen stands for a space, a hyphen or nothing.
_JOINER = r"[\s\-]*"

# Dutch name particles between an initial and a surname: "J. de Vries", "A. van der Berg".
_PARTICLES = r"(?:(?:van|de|der|den|het|t|ter|ten|te|in|op|la|le|du|da|di|von|vd) )*"

# E-mail local parts of functions, not of people: "hr@", "manager@" name nobody.
_ROLE_ADDRESSES = frozenset(
    {
        "admin", "adviseur", "advisor", "beheer", "beheerder", "communicatie", "contact",
        "directie", "finance", "fg", "helpdesk", "hr", "hrm", "info", "mail", "manager",
        "noreply", "no-reply", "office", "or", "personeel", "personeelszaken", "planning",
        "po", "post", "privacy", "pz", "receptie", "salarisadministratie", "secretariaat",
        "servicedesk", "support", "team", "test", "user", "webmaster",
    }
)  # fmt: skip


# --- Folding: compare without case or accents, and point back into the original ---------------


def _fold(text: str) -> tuple[str, list[int]]:
    """The text in lower case without accents (é → e, ß → ss, every dash → "-"), and for each of
    its characters the position of the original character it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char.casefold()):
            if unicodedata.combining(part):
                continue
            if unicodedata.category(part) == "Pd":
                part = "-"
            folded.append(part)
            origin.append(position)
    return "".join(folded), origin


def fold(text: str) -> str:
    return _fold(text)[0]


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


# --- Health terms -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    terms: tuple[re.Pattern, ...]
    exceptions: tuple[re.Pattern, ...]


def _pattern(entry: str) -> re.Pattern:
    """One entry of the terms file as a pattern that matches the whole word (or words) it is in."""
    core = fold(entry).strip("*").strip()
    parts = [re.escape(part) for part in re.split(r"[\s\-]+", core) if part]
    if not parts:
        raise ValueError(f"Empty entry in {TERMS_FILE.name}: {entry!r}")
    before = f"{_LETTER}*" if entry.startswith("*") else ""
    after = f"{_LETTER}*" if entry.endswith("*") else ""
    return re.compile(rf"(?<!{_LETTER}){before}{_JOINER.join(parts)}{after}(?!{_LETTER})")


def parse_terms(lines: Iterable[str]) -> _Rules:
    """The rules of a terms file: one entry a line, "#" starts a comment, "!" an exception."""
    terms, exceptions = [], []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!"):
            exceptions.append(_pattern(line[1:].strip()))
        else:
            terms.append(_pattern(line))
    return _Rules(tuple(terms), tuple(exceptions))


@cache
def _rules() -> _Rules:
    return parse_terms(TERMS_FILE.read_text(encoding="utf-8").splitlines())


def health_terms_in(text: str, *, rules: _Rules | None = None) -> list[str]:
    """The words of `text` that are about health, diagnoses or illness, as written there.

    Each word appears once (compared without case or accents), in the order of the text.
    """
    if not text:
        return []
    rules = rules or _rules()
    folded, origin = _fold(text)
    allowed = [m.span() for pattern in rules.exceptions for m in pattern.finditer(folded)]
    found: dict[int, tuple[int, int]] = {}
    for pattern in rules.terms:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in allowed):
                continue
            if start not in found or end > found[start][1]:
                found[start] = (start, end)
    words: dict[str, str] = {}
    for start, end in sorted(found.values()):
        words.setdefault(folded[start:end], text[origin[start] : origin[end - 1] + 1])
    return list(words.values())


# --- Names of members -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    names: tuple[tuple[str, ...], ...]  # each a full name as folded words
    handles: tuple[str, ...]  # folded, distinctive strings: the e-mail address, "j.jansen"


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def _names(person: _Person, line: str) -> bool:
    """Whether one option line (or question text) names this person.

    Equal to a full name; or holding the first and the last word of a name of two words or more
    ("Jan de Vries" in "Team van Jan de Vries", also "Vries, Jan"); or an initial with the
    surname ("J. de Vries"); or the e-mail address, or a local part like "j.jansen". A name of
    one word ("Jan") only counts when it is the whole option: "Jan" is also in "januari-team"
    and in other people's names.
    """
    words = _words(line)
    if not words:
        return False
    folded_line = " ".join(words)
    for name in person.names:
        if tuple(words) == name:
            return True
        if len(name) < 2:
            continue
        first, last = name[0], name[-1]
        if first in words and last in words and (first != last or words.count(first) > 1):
            return True
        initial = rf"\b{re.escape(first[0])} {_PARTICLES}{re.escape(last)}\b"
        if len(last) >= 3 and re.search(initial, folded_line):
            return True
    text = fold(line)
    return any(
        re.search(rf"(?<!{_LETTER}){re.escape(handle)}(?!{_LETTER})", text)
        for handle in person.handles
    )


def _person(full_name: str, email: str) -> _Person:
    names: list[tuple[str, ...]] = []
    handles: list[str] = []
    if words := tuple(_words(full_name)):
        names.append(words)
    address = fold(email.strip())
    local = address.split("@", 1)[0]
    if address and local not in _ROLE_ADDRESSES:
        handles.append(address)
        parts = tuple(p for p in re.split(r"[._\-+]+", local) if p)
        if len(parts) >= 2 and not _ROLE_ADDRESSES.intersection(parts):
            # "jan.de.vries@" is distinctive as it stands, and names Jan de Vries.
            handles.append(local)
            if all(len(p) >= 2 and p.isalpha() for p in parts):
                names.append(parts)
        elif len(parts) == 1 and len(local) >= 2:
            # "pieter@" is a one-word name: only the whole option counts.
            names.append(parts)
    return _Person(tuple(dict.fromkeys(names)), tuple(dict.fromkeys(handles)))


def _members(organisation: Organisation) -> list[_Person]:
    rows = Membership.objects.filter(organisation=organisation).values_list(
        "user__full_name", "user__email"
    )
    return [_person(full_name or "", email or "") for full_name, email in rows]


def _lines(options: str | Iterable[str]) -> list[str]:
    lines = options.splitlines() if isinstance(options, str) else options
    return [line.strip() for line in lines if line and line.strip()]


def member_names_in(
    options: str | Iterable[str],
    organisation: Organisation | None,
    *,
    members: list[_Person] | None = None,
) -> list[str]:
    """The option lines (one per line in a string, or a list) that name a member of the
    organisation, as written; compared without case or accents."""
    lines = _lines(options)
    if not lines or (organisation is None and members is None):
        return []
    people = members if members is not None else _members(organisation)
    return [line for line in lines if any(_names(person, line) for person in people)]


# --- A whole question -------------------------------------------------------------------------


def _quoted(items: list[str]) -> str:
    return ", ".join(f"“{item}”" for item in items)


def question_errors(
    *, text: str, text_en: str, options: str, organisation: Organisation | None
) -> dict[str, list[str]]:
    """What the guard refuses in a question, as messages by field ("text", "text_en",
    "options"); empty when the question may be asked. Without an organisation only the health
    terms are checked."""
    errors: dict[str, list[str]] = {}
    members = _members(organisation) if organisation is not None else []
    for field, value in (("text", text), ("text_en", text_en), ("options", options)):
        messages = []
        if terms := health_terms_in(value or ""):
            messages.append(str(HEALTH_MESSAGE % {"terms": _quoted(terms)}))
        if names := member_names_in(value or "", organisation, members=members):
            messages.append(str(NAMES_MESSAGE % {"names": _quoted(names)}))
        if messages:
            errors[field] = messages
    return errors
