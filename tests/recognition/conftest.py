"""Fixtures for the status letters: a year of programme data, a monitor campaign, letters.

Monitor figures exist only once a campaign has closed, so the year of work closes its 2025
campaign, exactly (without the random perturbation), on the day after its last day, as the first
request after that day would. Tests that need the perturbation close a campaign themselves.
"""

import subprocess
from datetime import date, timedelta

import pytest

from programme.models import ActionStatus, PillarKey
from recognition import services
from recognition.models import StatusLetter
from tests.monitor.conftest import close, make_campaign, submit

YEAR = 2025
COMPOSED_ON = date(2025, 12, 9)
GOAL = "Aland wil dat medewerkers die voor een naaste zorgen, zich gesteund weten."
DONE_TITLE = "Intranetpagina over werk en mantelzorg"
DONE_WITH_PARTNER = "Lunch voor werkende mantelzorgers"
OPEN_THIS_YEAR = "Nog niet afgeronde voorlichting"
PLANNED_TITLE = "Training voor leidinggevenden"
CANCELLED_TITLE = "Geschrapte nieuwsbrief"
SIGNATORIES = [("A. Secretaris", "de secretaris"), ("B. Burgemeester", "de burgemeester")]
# What a letter needs besides its signatories before it can be issued.
REFERENCE = "P&O/2025/MZ-1"
SENDER_BLOCK = {
    "department": "Personeel & Organisatie",
    "handled_by": "C. de Adviseur",
    "phone": "14 0999",
    "email": "mantelzorg@aland.example",
}

# Answers by question code, as the respondent flow stores them (see tests/monitor).
CARER = {1: [1], 3: [2], 6: [1], 7: [1], 8: [1], 9: [1], 10: [1, 2], 12: [4]}
NOT_CARER = {1: [2], 8: [3], 9: [3], 12: [2]}


def respond(campaign, count: int, answers: dict, day: date) -> None:
    for _ in range(count):
        submit(campaign, answers, today=day)


def close_after_last_day(campaign, *, exact: bool = True):
    """Close the campaign on the day after its last day and write its snapshot; `exact` leaves
    out the perturbation, so that a test can assert exact figures."""
    return close(campaign, exact=exact, today=campaign.closes_on + timedelta(days=1))


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as pdftotext reads it (pages end with a form feed)."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _page_of(pages: list[str], text: str) -> int:
    found = [number for number, page in enumerate(pages) if text in page]
    assert len(found) == 1, f"{text!r} on pages {found}"
    return found[0]


def closing_pages(letter, pdf: bytes) -> set[int]:
    """The pages on which the closing words, the complimentary close, the sender and each
    signatory's name stand: one page when the closing is kept together."""
    pages = [" ".join(page.split()) for page in pdf_pages(pdf)]
    closing = " ".join(section(letter, "closing").body.split()[:6])
    parts = [closing, letter.complimentary_close, letter.sender.rstrip(",")]
    parts += [s.name for s in letter.signatories.all()]
    return {_page_of(pages, part) for part in parts}


def campaign_2025(organisation, **extra):
    fields = {
        "title": "Monitor werk en mantelzorg 2025",
        "opens_on": date(2025, 10, 1),
        "closes_on": date(2025, 10, 31),
        "invited_count": 40,
    }
    return make_campaign(organisation, **{**fields, **extra})


@pytest.fixture
def year_of_work(org_a, make_action):
    """Organisation A's goal, its actions of 2025 and 2026 and a 2025 monitor of 20 responses,
    closed with exact figures."""
    org_a.goal = GOAL
    org_a.save()
    make_action(
        org_a,
        title=DONE_TITLE,
        pillar=PillarKey.DESCRIBE,
        status=ActionStatus.DONE,
        completed_date=date(2025, 3, 1),
    )
    make_action(
        org_a,
        title=DONE_WITH_PARTNER,
        pillar=PillarKey.DISCUSS,
        status=ActionStatus.DONE,
        completed_date=date(2025, 11, 10),
        partner="Steunpunt Mantelzorg",
    )
    make_action(org_a, title=OPEN_THIS_YEAR, pillar=PillarKey.EQUIP)
    make_action(org_a, title=PLANNED_TITLE, pillar=PillarKey.EQUIP, year=2026)
    make_action(org_a, title=CANCELLED_TITLE, year=2026, status=ActionStatus.CANCELLED)
    campaign = campaign_2025(org_a)
    respond(campaign, 10, CARER, date(2025, 10, 2))
    respond(campaign, 10, NOT_CARER, date(2025, 10, 3))
    close_after_last_day(campaign)
    return org_a


def compose(
    organisation, *, year: int = YEAR, language: str = "nl", today: date = COMPOSED_ON
) -> StatusLetter:
    return services.letter_compose(
        organisation=organisation, year=year, language=language, today=today
    )


def sign(letter: StatusLetter, signatories=SIGNATORIES) -> StatusLetter:
    """The letter signed, with its reference and sender block: ready to be issued."""
    return services.letter_update(
        letter=letter,
        fields={"reference": REFERENCE, **SENDER_BLOCK},
        sections={},
        signatories=list(signatories),
    )


@pytest.fixture
def draft(year_of_work) -> StatusLetter:
    return sign(compose(year_of_work))


@pytest.fixture
def issued(year_of_work, hr_a) -> StatusLetter:
    letter = sign(compose(year_of_work))
    return services.letter_issue(letter=letter, by=hr_a)


def section(letter: StatusLetter, kind: str):
    return letter.sections.get(kind=kind)
