"""The demo municipality's status letters: the issued letter about 2025 and a draft about 2026.

Both are composed from the demo's data by the same service an HR advisor uses. The issued letter
is made once and then left alone (issued letters never change); the draft is composed afresh on
every run, so that it shows what the data says now.
"""

from datetime import date, datetime, time

from django.utils import timezone

from monitor.demo import STORY_DATE
from programme.models import Membership, Organisation, Role
from recognition import services
from recognition.models import LetterState, StatusLetter

ISSUED_YEAR = 2025
ISSUED_ON = date(2025, 12, 9)
ISSUED_REFERENCE = "P&O/2025/1209-MZ"
DRAFT_YEAR = 2026
DRAFT_REFERENCE = "P&O/2026/MZ (concept)"
SIGNATORIES = [("P. de Wit", "de secretaris"), ("M. van den Berg", "de burgemeester")]


def _signed(letter: StatusLetter, reference: str) -> StatusLetter:
    """The composed letter with its reference and the demo's two signatories."""
    return services.letter_update(
        letter=letter,
        fields={"reference": reference},
        sections={},
        signatories=SIGNATORIES,
    )


def seed_demo(*, organisation: Organisation) -> str:
    """Give the demo organisation an issued 2025 letter and a fresh 2026 draft; a summary line."""
    hr = Membership.objects.filter(organisation=organisation, role=Role.HR).first().user
    letters = StatusLetter.objects.filter(organisation=organisation)
    issued = letters.filter(year=ISSUED_YEAR, reference=ISSUED_REFERENCE).first()
    if issued is None:
        composed = services.letter_compose(
            organisation=organisation, year=ISSUED_YEAR, language="nl", today=ISSUED_ON
        )
        issued = services.letter_issue(
            letter=_signed(composed, ISSUED_REFERENCE),
            by=hr,
            at=timezone.make_aware(datetime.combine(ISSUED_ON, time(10, 0))),
        )
    letters.filter(year=DRAFT_YEAR, reference=DRAFT_REFERENCE, state=LetterState.DRAFT).delete()
    draft = services.letter_compose(
        organisation=organisation, year=DRAFT_YEAR, language="nl", today=STORY_DATE
    )
    _signed(draft, DRAFT_REFERENCE)
    return f"letters: {ISSUED_YEAR} issued (sha256 {issued.pdf_sha256[:12]}…), {DRAFT_YEAR} draft"
