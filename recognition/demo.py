"""The demo municipality's recognition, public profile and status letters.

Voorbeeldstad held the recognition once before (2013-2016, not renewed after a reorganisation)
and holds it again since the Day of the Carer 2023, until November 2027: renewing it is in the
2027 plan. Its public profile is published.

Both letters are composed from the demo's data by the same service an HR advisor uses. The issued
letter about 2025 is made once and then left alone (issued letters never change); the draft about
2026 is composed afresh on every run, so that it shows what the data says now.
"""

from datetime import date, datetime, time

from django.utils import timezone

from monitor.demo import STORY_DATE
from programme.models import Action, Membership, Organisation, Role, SupportOffer
from recognition import services
from recognition.models import LetterState, Recognition, RecognitionStatus, StatusLetter

ISSUED_YEAR = 2025
ISSUED_ON = date(2025, 12, 9)
ISSUED_REFERENCE = "P&O/2025/1209-MZ"
DRAFT_YEAR = 2026
DRAFT_REFERENCE = "P&O/2026/MZ (concept)"
SIGNATORIES = [("P. de Wit", "de secretaris"), ("M. van den Berg", "de burgemeester")]
SENDER_BLOCK = {
    "department": "Personeel & Organisatie",
    "handled_by": "S. Jansen, HR-adviseur",
    "phone": "14 0123",
    "email": "mantelzorg@voorbeeldstad.nl",
}


RECOGNITIONS = [  # oldest first: the last one is the current record
    {
        "status": RecognitionStatus.EXPIRED,
        "applied_on": date(2013, 9, 2),
        "granted_on": date(2013, 11, 28),
        "presented_by": "Werk&Mantelzorg",
        "valid_until": date(2016, 11, 28),
        "notes": "Niet verlengd: na de reorganisatie van 2015 lag het thema stil.",
    },
    {
        "status": RecognitionStatus.RECOGNISED,
        "applied_on": date(2023, 9, 15),
        "granted_on": date(2023, 11, 10),
        "presented_by": "Werk&Mantelzorg; het bord is uitgereikt door de wethouder Personeel",
        "valid_until": date(2027, 11, 10),
        "renewal_due": date(2027, 4, 30),
        "notes": "De verlenging staat in het actieplan van 2027.",
    },
]
PROFILE = {
    "introduction": (
        "Bij Gemeente Voorbeeldstad werken ruim 1600 mensen. Ongeveer een op de vier van hen zorgt "
        "naast het werk voor een naaste. Wij willen dat zij dat kunnen blijven doen, met werk dat "
        "erbij past."
    ),
    "place": "Voorbeeldstad",
    "awareness": (
        "Op het intranet staat een pagina over werk en mantelzorg, samen met het Steunpunt "
        "Mantelzorg gemaakt. Daar lezen medewerkers, leidinggevenden en P&O-adviseurs welke "
        "regelingen er zijn en waar ze terecht kunnen.\n\n"
        "- Posters op alle locaties, met de namen van de contactpersonen.\n"
        "- Het thema komt elk jaar terug in het werkoverleg rond de Dag van de Mantelzorg.\n"
        "- Nieuwe leidinggevenden oefenen het gesprek over zorg thuis in hun inwerkprogramma."
    ),
    "achievements": "Sinds de nieuwe start in 2023 hebben we onder meer:",
    "next_steps": "Dit staat de komende tijd op de planning:",
    "monitor_metric": "carer-share",
    "guided_by": "Adviesbureau Zorg & Werk Oost",
    "guided_by_url": "https://www.zorgenwerkoost.nl",
    "website": "https://www.voorbeeldstad.nl",
    "news_url": "https://www.voorbeeldstad.nl/nieuws/voorbeeldstad-opnieuw-mantelzorgvriendelijk",
    "video_url": "https://www.voorbeeldstad.nl/video/werk-en-mantelzorg",
}
PUBLISHED_ON = date(2023, 11, 20)
PROFILE_ACTIONS = [
    "Intranetpagina over werk en mantelzorg",
    "Contactpersonen mantelzorg aangewezen binnen P&O",
    "Werk&Mantelzorg-monitor uitgezet onder alle medewerkers",
    "Bewustwordingsactie op de Dag van de Mantelzorg",
    "Mantelzorg in het inwerkprogramma voor nieuwe leidinggevenden",
    "Nieuwe meting met de Werk&Mantelzorg-monitor",
]
PROFILE_PARTNERS = ["Steunpunt Mantelzorg Voorbeeldregio", "MantelzorgNL", "Werk&Mantelzorg"]


def seed_recognition(organisation: Organisation) -> Recognition:
    """The two recognition records, made again on every run; the current one returned."""
    organisation.recognitions.all().delete()
    records = [Recognition.objects.create(organisation=organisation, **r) for r in RECOGNITIONS]
    return records[-1]


def seed_profile(organisation: Organisation) -> None:
    """The published profile with its chosen actions (done ones of 2025-2026 and plans for 2027)
    and partners."""
    actions = Action.objects.filter(
        organisation=organisation, title__in=PROFILE_ACTIONS, year__gte=2025
    ).exclude(title="Bewustwordingsactie op de Dag van de Mantelzorg", year=2025)
    # The figure of the demo's closed 2025 monitor; the open 2026 one cannot be chosen.
    closed = organisation.campaigns.filter(closed_on__isnull=False).order_by("-closes_on").first()
    services.profile_save(
        organisation=organisation,
        fields={**PROFILE, "monitor_campaign": closed},
        actions=list(actions),
        partners=list(
            SupportOffer.objects.filter(organisation=organisation, name__in=PROFILE_PARTNERS)
        ),
    )
    services.profile_publish(organisation=organisation, publish=True, today=PUBLISHED_ON)


def _signed(letter: StatusLetter, reference: str) -> StatusLetter:
    """The composed letter with its reference, its sender block and the demo's two
    signatories."""
    return services.letter_update(
        letter=letter,
        fields={"reference": reference, **SENDER_BLOCK},
        sections={},
        signatories=SIGNATORIES,
    )


def seed_demo(*, organisation: Organisation) -> str:
    """Give the demo organisation its recognition records, its published profile, an issued
    2025 letter and a fresh 2026 draft; a summary line."""
    current = seed_recognition(organisation)
    seed_profile(organisation)
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
    return (
        f"recognition: {current.get_status_display()} since {current.granted_on}, public profile "
        f"at /erkend/{organisation.slug}/; letters: {ISSUED_YEAR} issued "
        f"(sha256 {issued.pdf_sha256[:12]}…), {DRAFT_YEAR} draft"
    )
