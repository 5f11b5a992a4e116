"""The demo's carer support organisation: Steunpunt Mantelzorg Voorbeeldregio.

Commissioned by Gemeente Voorbeeldstad, it follows Voorbeeldstad and six more employers of the
region (a second municipality, two care providers, a school board, a builder and a water board),
each at its own stage, with a closed 2025 monitor made through the monitor demo's own pipeline, so
that the pooled reference figures have enough employers behind them. One more employer has
invited it and waits for its answer. Its pipeline holds employers that are not on the platform
yet, with the workbook's three questions, a contact log and next steps; and it keeps an offer per
pillar, of which two followed employers took one up as an action.

``manage.py seed_demo`` calls `seed_demo` after the other apps' steps. Everything is keyed on a
natural key (slugs, e-mail addresses, names, titles) and written only when it differs, through the
services where they exist, so that a second run changes nothing. The contacts and next steps are
dated relative to the real day the demo is seeded (not the story's day), so that the start page
always has follow-ups that are due; the rest of the story has fixed dates.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from axes.utils import reset as reset_failed_logins
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from monitor.demo import DemoCampaign, seed_closed_campaign
from pillars.models import ChecklistItem, ItemProgress, ProgressChange, ProgressStatus
from pillars.services import progress_update
from programme import demo as programme_demo
from programme.demo import DemoAction
from programme.models import (
    Action,
    ActionStatus,
    ContactPerson,
    Membership,
    Organisation,
    OrganisationKind,
    PillarKey,
    Regulation,
    RegulationKind,
    Role,
)
from programme.services import action_update, record_save
from recognition.models import Recognition, RecognitionStatus
from support import services as following_services
from support.models import (
    Contact,
    ContactKind,
    Following,
    FollowingEvent,
    FollowingEventKind,
    FollowingState,
    Offering,
    OfferingFormat,
    Prospect,
    Stage,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)
from support.offer_services import offering_save, offering_take_up
from support.pipeline_services import contact_log, prospect_save

User = get_user_model()

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STEUNPUNT = programme_demo.STEUNPUNT  # the partner named in Voorbeeldstad's own actions

SUPPORT_ORGANISATION = {
    "slug": "steunpunt-mantelzorg-voorbeeldregio",
    "name": STEUNPUNT,
    "region": "\n".join(["Voorbeeldstad", "Rivierdal", "Heuvelland", "Beekveld"]),
    "commissioned_by": programme_demo.ORGANISATION["name"],
    "goal": (
        "Werkende mantelzorgers in de regio bereiken we het best via hun werkgever. In 2026 "
        "benaderen we minstens tien werkgevers, begeleiden we er vijf bij een plan per pijler en "
        "helpen we er twee op weg naar de Erkenning 'Wij werken mantelzorgvriendelijk'. Zo weten "
        "medewerkers die voor een naaste zorgen de weg naar onze ondersteuning, en weten "
        "leidinggevenden hoe ze het gesprek over zorg thuis voeren."
    ),
    "website": "https://www.steunpuntmantelzorg-voorbeeldregio.nl",
}


@dataclass(frozen=True)
class DemoSupportUser:
    email: str
    full_name: str
    role: str


ADVISOR = DemoSupportUser("advisor@example.org", "Ingrid Mulder", SupportRole.ADVISOR)
COORDINATOR = DemoSupportUser("coordinator@example.org", "Jeroen Smit", SupportRole.COORDINATOR)
SUPPORT_USERS = [ADVISOR, COORDINATOR]

# --- The employers it follows -------------------------------------------------------------------

DONE = ProgressStatus.DONE
BUSY = ProgressStatus.IN_PROGRESS
A_DONE = ActionStatus.DONE
A_BUSY = ActionStatus.IN_PROGRESS
A_PLANNED = ActionStatus.PLANNED


@dataclass(frozen=True)
class DemoContact:
    days_ago: int  # before the day the demo is seeded
    kind: str
    notes: str
    next_step: str = ""
    next_step_in: int | None = None  # days after the day the demo is seeded (negative: overdue)


@dataclass(frozen=True)
class DemoProspect:
    """An employer in the pipeline; `organisation` is the slug of one on the platform."""

    name: str
    kind: str
    stage: str
    target_group: str
    aim: str
    benefit: str
    employee_count: int | None = None
    place: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    owner: str = ADVISOR.email
    organisation: str | None = None
    contacts: tuple[DemoContact, ...] = ()


@dataclass(frozen=True)
class DemoFollowing:
    # Who asked: "employer" (its HR advisor invited the steunpunt) or "support" (it asked).
    asked_by: str
    asked_on: date
    accepted_on: date | None  # None: still waiting for the other side


@dataclass(frozen=True)
class DemoEmployer:
    slug: str
    name: str
    kind: str
    employee_count: int
    place: str
    goal: str
    hr_email: str
    hr_name: str
    following: DemoFollowing
    locations: tuple[str, ...] = ()
    # (pillar, order of a standard checklist item, status, completed on)
    progress: tuple[tuple[str, int, str, date | None], ...] = ()
    actions: tuple[DemoAction, ...] = ()
    regulations: tuple[tuple[str, str, date], ...] = ()  # (kind, title, last checked)
    recognition: dict | None = None
    campaign: DemoCampaign | None = None


def _all_done(pillar: str, orders: tuple[int, ...], on: date) -> tuple:
    return tuple((pillar, order, DONE, on) for order in orders)


RIVIERDAL = DemoEmployer(
    slug="gemeente-rivierdal",
    name="Gemeente Rivierdal",
    kind=OrganisationKind.MUNICIPALITY,
    employee_count=640,
    place="Rivierdal",
    locations=("Gemeentehuis", "Buitendienst"),
    goal=(
        "Rivierdal wil dat medewerkers met zorg voor een naaste dat kunnen combineren met hun "
        "werk, zonder dat ze er alleen voor staan."
    ),
    hr_email="hr@rivierdal.example.org",
    hr_name="Anouk Peters",
    following=DemoFollowing("support", date(2025, 3, 4), date(2025, 3, 11)),
    progress=(
        *_all_done(PillarKey.DISCUSS, (10, 20, 40, 50), date(2025, 11, 14)),
        ("bespreken", 30, DONE, date(2025, 12, 1)),
        *_all_done(PillarKey.DESCRIBE, (10, 20, 30, 40), date(2026, 3, 2)),
        *_all_done(PillarKey.EQUIP, (10, 20, 40), date(2026, 6, 18)),
        (PillarKey.EQUIP, 30, BUSY, None),
        *_all_done(PillarKey.EMBED, (10, 20, 30, 40), date(2026, 11, 10)),
    ),
    actions=(
        DemoAction(
            year=2025,
            title="Mantelzorg op de agenda van het managementoverleg",
            pillar=PillarKey.DISCUSS,
            status=A_DONE,
            planned_date=date(2025, 4, 15),
            completed_date=date(2025, 4, 15),
            owner="P&O",
        ),
        DemoAction(
            year=2026,
            title="Regelingen voor mantelzorgers op het intranet",
            pillar=PillarKey.DESCRIBE,
            status=A_DONE,
            planned_date=date(2026, 3, 1),
            completed_date=date(2026, 3, 2),
            owner="P&O",
        ),
        DemoAction(
            year=2026,
            title="Maatwerkafspraken vastleggen in het personeelsdossier",
            pillar=PillarKey.EQUIP,
            status=A_BUSY,
            planned_date=date(2026, 12, 15),
            owner="P&O",
        ),
        DemoAction(
            year=2027,
            title="Werk en mantelzorg in de jaargesprekken evalueren",
            pillar=PillarKey.EMBED,
            status=A_PLANNED,
            planned_date=date(2027, 3, 31),
            owner="P&O",
        ),
    ),
    regulations=(
        (RegulationKind.SHORT_TERM_CARE_LEAVE, "Kortdurend zorgverlof", date(2026, 3, 2)),
        (RegulationKind.LONG_TERM_CARE_LEAVE, "Langdurend zorgverlof", date(2026, 3, 2)),
        (RegulationKind.FLEXIBLE_HOURS, "Flexibele werktijden", date(2026, 3, 2)),
    ),
    recognition={"status": RecognitionStatus.APPLIED, "applied_on": date(2026, 10, 14)},
    campaign=DemoCampaign(
        title="Mantelzorgmonitor Rivierdal 2025",
        opens_on=date(2025, 10, 13),
        closes_on=date(2025, 11, 7),
        invited_count=640,
        departments={},
        skipped_department=118,
        seed=3101,
        reminder_on=date(2025, 10, 27),
        texts=(
            "Dat ik mijn uren over de week mag verdelen als mijn moeder een slechte week heeft.",
            "Een leidinggevende die vraagt hoe het thuis gaat, zonder dat ik het hoef aan te "
            "kaarten.",
            "Meer thuiswerken op de dagen dat ik mantelzorg heb.",
        ),
    ),
)

DE_LINDE = DemoEmployer(
    slug="zorggroep-de-linde",
    name="Zorggroep De Linde",
    kind=OrganisationKind.CARE,
    employee_count=1400,
    place="Voorbeeldstad",
    locations=("Woonzorgcentrum De Linde", "Wijkverpleging Noord", "Dagbesteding Lindehof"),
    goal=(
        "Wie bij De Linde zorgt voor cliënten, zorgt vaak thuis ook voor iemand. Daar houden we "
        "rekening mee in roosters en gesprekken."
    ),
    hr_email="hr@delinde.example.org",
    hr_name="Marco de Groot",
    following=DemoFollowing("employer", date(2024, 9, 2), date(2024, 9, 3)),
    progress=(
        *_all_done(PillarKey.DISCUSS, (10, 20, 30, 40, 50), date(2024, 6, 28)),
        *_all_done(PillarKey.DESCRIBE, (10, 20, 30, 40), date(2024, 8, 30)),
        *_all_done(PillarKey.EQUIP, (10, 20, 30, 40), date(2024, 10, 4)),
        *_all_done(PillarKey.EMBED, (10, 20, 30), date(2025, 3, 20)),
        (PillarKey.EMBED, 40, DONE, date(2025, 11, 10)),
    ),
    actions=(
        DemoAction(
            year=2025,
            title="Roosterafspraken voor mantelzorgers in de wijkteams",
            pillar=PillarKey.DESCRIBE,
            status=A_DONE,
            planned_date=date(2025, 5, 1),
            completed_date=date(2025, 4, 28),
            owner="HR",
        ),
        DemoAction(
            year=2025,
            title="Attentie voor mantelzorgers op de Dag van de Mantelzorg",
            pillar=PillarKey.EMBED,
            status=A_DONE,
            planned_date=date(2025, 11, 10),
            completed_date=date(2025, 11, 10),
            owner="HR",
            partner=STEUNPUNT,
        ),
        DemoAction(
            year=2027,
            title="Verlenging van de Erkenning voorbereiden",
            pillar="",
            status=A_PLANNED,
            planned_date=date(2027, 5, 8),
            owner="HR",
            partner="Werk&Mantelzorg",
        ),
    ),
    regulations=(
        (RegulationKind.SHORT_TERM_CARE_LEAVE, "Kortdurend zorgverlof", date(2026, 1, 12)),
        (RegulationKind.TAILORED, "Roosterafspraken op maat", date(2026, 1, 12)),
    ),
    recognition={
        "status": RecognitionStatus.RECOGNISED,
        "applied_on": date(2024, 9, 16),
        "granted_on": date(2024, 11, 8),
        "presented_by": "Werk&Mantelzorg",
        "valid_until": date(2027, 11, 8),
        "renewal_due": date(2027, 5, 8),
    },
    campaign=DemoCampaign(
        title="Monitor werk en mantelzorg 2025",
        opens_on=date(2025, 10, 1),
        closes_on=date(2025, 10, 24),
        invited_count=1400,
        departments={},
        skipped_department=104,
        seed=3102,
        reminder_on=date(2025, 10, 14),
        texts=(
            "Dat ik niet op de dag dat mijn vader naar het ziekenhuis moet, ingeroosterd word.",
            "Een vaste collega bij wie ik terecht kan als het thuis even niet gaat.",
        ),
    ),
)

SOOV = DemoEmployer(
    slug="stichting-openbaar-onderwijs-voorbeeldregio",
    name="Stichting Openbaar Onderwijs Voorbeeldregio",
    kind=OrganisationKind.EDUCATION,
    employee_count=850,
    place="Voorbeeldstad",
    locations=("Bestuursbureau", "Veertien basisscholen"),
    goal="Leraren met zorgtaken thuis houden we voor de klas, met afspraken die bij school passen.",
    hr_email="hr@soov.example.org",
    hr_name="Yvonne Hendriks",
    following=DemoFollowing("support", date(2025, 9, 15), date(2025, 9, 22)),
    progress=(
        (PillarKey.DISCUSS, 10, DONE, date(2025, 10, 3)),
        (PillarKey.DISCUSS, 50, DONE, date(2025, 11, 22)),
        (PillarKey.DISCUSS, 20, BUSY, None),
        (PillarKey.DESCRIBE, 20, DONE, date(2026, 2, 10)),
        (PillarKey.DESCRIBE, 30, BUSY, None),
        (PillarKey.EQUIP, 40, DONE, date(2026, 1, 15)),
    ),
    actions=(
        DemoAction(
            year=2025,
            title="Monitor werk en mantelzorg onder alle medewerkers",
            pillar=PillarKey.DISCUSS,
            status=A_DONE,
            planned_date=date(2025, 11, 21),
            completed_date=date(2025, 11, 21),
            owner="HR",
            partner=STEUNPUNT,
        ),
        DemoAction(
            year=2026,
            title="Mantelzorg bespreken in de directeurenoverleggen",
            pillar=PillarKey.DISCUSS,
            status=A_BUSY,
            planned_date=date(2026, 12, 17),
            owner="College van bestuur",
        ),
        DemoAction(
            year=2027,
            title="Regelingen voor verlof bij zorg bekendmaken op alle scholen",
            pillar=PillarKey.DESCRIBE,
            status=A_PLANNED,
            planned_date=date(2027, 2, 1),
            owner="HR",
        ),
    ),
    regulations=(
        (RegulationKind.SHORT_TERM_CARE_LEAVE, "Kortdurend zorgverlof", date(2026, 2, 10)),
    ),
    campaign=DemoCampaign(
        title="Monitor werk en mantelzorg 2025",
        opens_on=date(2025, 10, 27),
        closes_on=date(2025, 11, 21),
        invited_count=850,
        departments={},
        skipped_department=84,
        seed=3103,
        reminder_on=date(2025, 11, 10),
        texts=("Ruil van lesuren met een collega als ik met mijn kind naar de specialist moet.",),
    ),
)

VAN_DIJK = DemoEmployer(
    slug="bouwbedrijf-van-dijk",
    name="Bouwbedrijf Van Dijk",
    kind=OrganisationKind.BUSINESS,
    employee_count=140,
    place="Heuvelland",
    locations=("Kantoor en werkplaats Heuvelland", "Bouwplaatsen in de regio"),
    goal="Ook op de bouwplaats moet er ruimte zijn om te zeggen dat het thuis zwaar is.",
    hr_email="hr@vandijkbouw.example.org",
    hr_name="Hans van Dijk",
    following=DemoFollowing("support", date(2025, 6, 5), date(2025, 6, 10)),
    progress=(
        (PillarKey.DISCUSS, 50, DONE, date(2025, 11, 1)),
        (PillarKey.DISCUSS, 40, DONE, date(2025, 12, 8)),
        (PillarKey.DISCUSS, 10, BUSY, None),
    ),
    actions=(
        DemoAction(
            year=2025,
            title="Toolboxmeeting over werk en zorg thuis",
            pillar=PillarKey.DISCUSS,
            status=A_DONE,
            planned_date=date(2025, 12, 8),
            completed_date=date(2025, 12, 8),
            owner="Directie",
            partner=STEUNPUNT,
        ),
        DemoAction(
            year=2026,
            title="Folder over mantelzorg in de bouwketen",
            pillar=PillarKey.DISCUSS,
            status=A_BUSY,
            planned_date=date(2026, 12, 11),
            owner="Kantoor",
        ),
    ),
    campaign=DemoCampaign(
        title="Monitor werk en mantelzorg 2025",
        opens_on=date(2025, 10, 6),
        closes_on=date(2025, 10, 31),
        invited_count=140,
        departments={},
        skipped_department=41,
        seed=3104,
    ),
)

HET_ANKER = DemoEmployer(
    slug="thuiszorg-het-anker",
    name="Thuiszorg Het Anker",
    kind=OrganisationKind.CARE,
    employee_count=420,
    place="Rivierdal",
    locations=("Kantoor Rivierdal", "Team Heuvelland", "Team Beekveld"),
    goal="Onze wijkverpleegkundigen zorgen voor anderen; wij zorgen dat zij het volhouden.",
    hr_email="hr@hetanker.example.org",
    hr_name="Fatima el Amrani",
    following=DemoFollowing("employer", date(2025, 5, 20), date(2025, 5, 21)),
    progress=(
        *_all_done(PillarKey.DISCUSS, (10, 20, 40, 50), date(2025, 11, 28)),
        (PillarKey.DESCRIBE, 10, DONE, date(2026, 2, 2)),
        (PillarKey.DESCRIBE, 20, DONE, date(2026, 4, 14)),
        (PillarKey.DESCRIBE, 30, BUSY, None),
        (PillarKey.EQUIP, 40, DONE, date(2025, 9, 1)),
        (PillarKey.EQUIP, 10, BUSY, None),
    ),
    actions=(
        DemoAction(
            year=2025,
            title="Teamoverleggen over werk en mantelzorg",
            pillar=PillarKey.DISCUSS,
            status=A_DONE,
            planned_date=date(2025, 11, 28),
            completed_date=date(2025, 11, 28),
            owner="Teamleiders",
        ),
        DemoAction(
            year=2026,
            title="Visie op werk en mantelzorg vastgesteld door de directie",
            pillar=PillarKey.DESCRIBE,
            status=A_DONE,
            planned_date=date(2026, 2, 2),
            completed_date=date(2026, 2, 2),
            owner="Directie",
        ),
        DemoAction(
            year=2027,
            title="Erkenning 'Wij werken mantelzorgvriendelijk' aanvragen",
            pillar="",
            status=A_PLANNED,
            planned_date=date(2027, 9, 30),
            owner="HR",
            partner="Werk&Mantelzorg",
        ),
    ),
    regulations=(
        (RegulationKind.SHORT_TERM_CARE_LEAVE, "Kortdurend zorgverlof", date(2026, 4, 14)),
        (RegulationKind.EMERGENCY_LEAVE, "Calamiteitenverlof", date(2026, 4, 14)),
    ),
    recognition={"status": RecognitionStatus.PREPARING},
    campaign=DemoCampaign(
        title="Mantelzorgmonitor 2025",
        opens_on=date(2025, 10, 20),
        closes_on=date(2025, 11, 14),
        invited_count=420,
        departments={},
        skipped_department=72,
        seed=3105,
        reminder_on=date(2025, 11, 3),
        texts=("Minder vroege diensten in de weken dat ik voor mijn schoonmoeder zorg.",),
    ),
)

WATERSCHAP = DemoEmployer(
    slug="waterschap-vier-rivieren",
    name="Waterschap Vier Rivieren",
    kind=OrganisationKind.OTHER,
    employee_count=380,
    place="Beekveld",
    locations=("Waterschapshuis", "Zuiveringen"),
    goal="Een waterschap waar je kunt zeggen dat je thuis voor iemand zorgt.",
    hr_email="hr@vierrivieren.example.org",
    hr_name="Pieter Bos",
    following=DemoFollowing("support", date(2025, 8, 25), date(2025, 9, 1)),
    progress=(
        (PillarKey.DISCUSS, 10, DONE, date(2025, 10, 1)),
        (PillarKey.DISCUSS, 50, DONE, date(2025, 11, 18)),
        (PillarKey.DESCRIBE, 20, DONE, date(2025, 6, 30)),
        (PillarKey.EQUIP, 20, BUSY, None),
    ),
    actions=(
        DemoAction(
            year=2025,
            title="Eerste meting met de monitor werk en mantelzorg",
            pillar=PillarKey.DISCUSS,
            status=A_DONE,
            planned_date=date(2025, 11, 17),
            completed_date=date(2025, 11, 17),
            owner="HR",
            partner="Werk&Mantelzorg",
        ),
        DemoAction(
            year=2026,
            title="Informatiebijeenkomst voor leidinggevenden",
            pillar=PillarKey.EQUIP,
            status=A_PLANNED,
            planned_date=date(2026, 12, 14),
            owner="HR",
            partner=STEUNPUNT,
        ),
    ),
    regulations=((RegulationKind.REMOTE_WORK, "Thuiswerken", date(2025, 6, 30)),),
    campaign=DemoCampaign(
        title="Monitor werk en mantelzorg 2025",
        opens_on=date(2025, 10, 20),
        closes_on=date(2025, 11, 17),
        invited_count=380,
        departments={},
        skipped_department=58,
        seed=3106,
    ),
)

# An employer that invited the steunpunt a few days before the demo is seeded: on the start page.
WOONSTICHTING = DemoEmployer(
    slug="woonstichting-de-rivier",
    name="Woonstichting De Rivier",
    kind=OrganisationKind.OTHER,
    employee_count=210,
    place="Rivierdal",
    goal="",
    hr_email="hr@derivier.example.org",
    hr_name="Linda Vermeulen",
    following=DemoFollowing("employer", date(2026, 11, 1), None),  # asked_on: see _asked_on
)
INVITED_DAYS_AGO = 3

FOLLOWED = [RIVIERDAL, DE_LINDE, SOOV, VAN_DIJK, HET_ANKER, WATERSCHAP]
EMPLOYERS = [*FOLLOWED, WOONSTICHTING]

# When the steunpunt began following Voorbeeldstad itself, at the municipality's invitation.
VOORBEELDSTAD_FOLLOWING = DemoFollowing("employer", date(2025, 1, 13), date(2025, 1, 14))

# --- The pipeline -------------------------------------------------------------------------------

CALL, VISIT, EMAIL, EVENT = (
    ContactKind.CALL,
    ContactKind.VISIT,
    ContactKind.EMAIL,
    ContactKind.EVENT,
)

PIPELINE = [
    # Employers on the platform that it follows.
    DemoProspect(
        name=programme_demo.ORGANISATION["name"],
        organisation=programme_demo.ORGANISATION["slug"],
        kind=OrganisationKind.MUNICIPALITY,
        employee_count=1600,
        place="Voorbeeldstad",
        contact_name="Femke Jansen",
        contact_email="hr@example.org",
        stage=Stage.RECOGNISED,
        target_group="P&O en de contactpersonen mantelzorg; via hen de afdelingshoofden.",
        aim="De Erkenning in 2027 verlengen en de monitor van 2026 goed opvolgen.",
        benefit=(
            "Als opdrachtgever laat de gemeente zien dat ze zelf doet wat ze van werkgevers vraagt."
        ),
        contacts=(
            DemoContact(
                700,
                VISIT,
                "Kennismaking met P&O. Als opdrachtgever wil de gemeente de werkgevers in de "
                "regio voorgaan en ons laten meekijken.",
                "Afspraak over het jaarplan",
                -400,
            ),
            DemoContact(
                300,
                VISIT,
                "Jaarplan besproken met Femke Jansen. De gemeente wil persoonlijke gesprekken "
                "met een sparringpartner voor medewerkers.",
                "Sparringpartners inplannen",
                -270,
            ),
            DemoContact(
                40,
                EVENT,
                "Samen met P&O een informatiekraam gehouden op de Dag van de Mantelzorg.",
                "Datum voor de evaluatie van de sparringgesprekken afspreken",
                -20,
            ),
            DemoContact(
                9,
                CALL,
                "Gesprekken lopen goed; 14 medewerkers hebben zich gemeld. De monitor van 2026 "
                "loopt nog.",
                "Verlenging van de Erkenning voorbereiden met P&O",
                12,
            ),
        ),
    ),
    DemoProspect(
        name=RIVIERDAL.name,
        organisation=RIVIERDAL.slug,
        kind=RIVIERDAL.kind,
        employee_count=RIVIERDAL.employee_count,
        place=RIVIERDAL.place,
        contact_name=RIVIERDAL.hr_name,
        contact_email=RIVIERDAL.hr_email,
        stage=Stage.ACTIVE,
        target_group="De P&O-adviseur en de gemeentesecretaris.",
        aim="Alle vier de pijlers op orde en de Erkenning aangevraagd in 2026.",
        benefit="Een gemeente die als werkgever het goede voorbeeld geeft aan het bedrijfsleven.",
        contacts=(
            DemoContact(640, EVENT, "Kennismaking op de regiobijeenkomst van gemeenten."),
            DemoContact(
                630,
                EMAIL,
                "Informatie over de vier pijlers gestuurd.",
                "Afspraak maken met de P&O-adviseur",
                -620,
            ),
            DemoContact(
                610,
                VISIT,
                "Kennismaking met Anouk Peters. Ze wil beginnen met de monitor.",
                "Meekijken aanvragen op het platform",
                -605,
            ),
            DemoContact(
                75,
                VISIT,
                "Lunchbijeenkomst voorbereid; de gemeente neemt ons aanbod af.",
                "Lunch in het gemeentehuis begeleiden",
                -20,
            ),
            DemoContact(
                18,
                CALL,
                "De Erkenning is aangevraagd. Nog één punt van Bekwamen staat open: "
                "maatwerkafspraken vastleggen.",
                "Nabellen over de maatwerkafspraken",
                21,
            ),
        ),
    ),
    DemoProspect(
        name=DE_LINDE.name,
        organisation=DE_LINDE.slug,
        kind=DE_LINDE.kind,
        employee_count=DE_LINDE.employee_count,
        place=DE_LINDE.place,
        contact_name=DE_LINDE.hr_name,
        contact_email=DE_LINDE.hr_email,
        owner=COORDINATOR.email,
        stage=Stage.RECOGNISED,
        target_group="De HR-manager en de teamleiders van de wijkverpleging.",
        aim="Mantelzorg ook in de roosters van de wijkteams een plek geven.",
        benefit="Minder uitval van zorgmedewerkers, die zelf vaak ook mantelzorger zijn.",
        contacts=(
            DemoContact(850, EVENT, "Kennisgemaakt op het zorgnetwerk van de regio."),
            DemoContact(
                830,
                VISIT,
                "De Linde wil de Erkenning halen en vraagt ons om mee te kijken.",
                "Checklist van de vier pijlers samen doorlopen",
                -800,
            ),
            DemoContact(
                500,
                CALL,
                "De Erkenning is binnen; de teamleiders willen het thema levend houden.",
                "Roosterafspraken van de wijkteams bekijken",
                -130,
            ),
            DemoContact(
                120,
                VISIT,
                "Roosterafspraken van de wijkteams doorgenomen; die werken goed.",
                "Workshop Dag van de Mantelzorg aanbieden",
                -90,
            ),
            DemoContact(
                30,
                EMAIL,
                "Bedankt voor de attentie op de Dag van de Mantelzorg; foto's ontvangen.",
                "Verlenging van de Erkenning bespreken",
                90,
            ),
        ),
    ),
    DemoProspect(
        name=SOOV.name,
        organisation=SOOV.slug,
        kind=SOOV.kind,
        employee_count=SOOV.employee_count,
        place=SOOV.place,
        contact_name=SOOV.hr_name,
        contact_email=SOOV.hr_email,
        stage=Stage.ACTIVE,
        target_group="De P&O-adviseur en het college van bestuur.",
        aim="Schooldirecteuren leren het gesprek over zorg thuis te voeren.",
        benefit="Leraren met zorgtaken blijven, in een tijd van een groot lerarentekort.",
        contacts=(
            DemoContact(470, CALL, "Eerste telefoontje met Yvonne Hendriks.", "Bezoek", -460),
            DemoContact(
                455,
                VISIT,
                "Presentatie van de vier pijlers op het bestuursbureau.",
                "Voorstel voor de monitor sturen",
                -440,
            ),
            DemoContact(440, EMAIL, "Voorstel voor de monitor gestuurd."),
            DemoContact(
                50,
                VISIT,
                "Uitkomsten van de monitor besproken: veel leraren weten de regelingen niet.",
                "Training voor schooldirecteuren voorstellen",
                -10,
            ),
            DemoContact(
                6,
                CALL,
                "Directeurenoverleg van december wil de training bespreken.",
                "Trainingsvoorstel sturen voor het directeurenoverleg",
                14,
            ),
        ),
    ),
    DemoProspect(
        name=VAN_DIJK.name,
        organisation=VAN_DIJK.slug,
        kind=VAN_DIJK.kind,
        employee_count=VAN_DIJK.employee_count,
        place=VAN_DIJK.place,
        contact_name=VAN_DIJK.hr_name,
        contact_email=VAN_DIJK.hr_email,
        stage=Stage.ACTIVE,
        target_group="De eigenaar, Hans van Dijk, en de uitvoerders op de bouwplaats.",
        aim="Een eerste toolboxmeeting en de training voor leidinggevenden.",
        benefit="Vakmensen houden: een goede timmerman vind je niet zomaar terug.",
        contacts=(
            DemoContact(560, EVENT, "Gesproken op het ondernemersontbijt van Heuvelland."),
            DemoContact(545, CALL, "Afspraak gemaakt.", "Bezoek op de werkplaats", -540),
            DemoContact(
                540,
                VISIT,
                "Op de werkplaats: de eigenaar zorgt zelf voor zijn vader.",
                "Meekijken aanvragen",
                -535,
            ),
            DemoContact(
                360,
                EVENT,
                "Toolboxmeeting gehouden; veel vragen over zorgverlof.",
                "Folder maken voor de bouwplaats",
                -300,
            ),
            DemoContact(
                12,
                EMAIL,
                "De uitvoerders willen de training voor leidinggevenden volgen.",
                "Data voor de training voorstellen",
                -2,
            ),
        ),
    ),
    DemoProspect(
        name=HET_ANKER.name,
        organisation=HET_ANKER.slug,
        kind=HET_ANKER.kind,
        employee_count=HET_ANKER.employee_count,
        place=HET_ANKER.place,
        contact_name=HET_ANKER.hr_name,
        contact_email=HET_ANKER.hr_email,
        stage=Stage.ACTIVE,
        target_group="De P&O-adviseur en de teamleiders.",
        aim="De regelingen beschrijven en in 2027 de Erkenning aanvragen.",
        benefit="Wijkverpleegkundigen die niet uitvallen door zorg thuis.",
        contacts=(
            DemoContact(590, EMAIL, "Het Anker vroeg om informatie na onze nieuwsbrief."),
            DemoContact(
                580, VISIT, "Kennismaking met Fatima el Amrani.", "Monitor voorstellen", -560
            ),
            DemoContact(
                400,
                EVENT,
                "Teamoverleg in Heuvelland bijgewoond.",
                "Visie op papier helpen zetten",
                -330,
            ),
            DemoContact(
                200,
                CALL,
                "Visie is vastgesteld.",
                "Regelingen doorlopen met HR",
                -150,
            ),
            DemoContact(
                20,
                VISIT,
                "Regelingen doorgenomen; de bekendmaking aan de teams loopt nog.",
                "Spreekuur mantelzorgbeleid inplannen",
                5,
            ),
        ),
    ),
    DemoProspect(
        name=WATERSCHAP.name,
        organisation=WATERSCHAP.slug,
        kind=WATERSCHAP.kind,
        employee_count=WATERSCHAP.employee_count,
        place=WATERSCHAP.place,
        contact_name=WATERSCHAP.hr_name,
        contact_email=WATERSCHAP.hr_email,
        stage=Stage.ACTIVE,
        target_group="De P&O-adviseur en het managementteam.",
        aim="Leidinggevenden kennen de regelingen en de hulp in de regio.",
        benefit="Een aantrekkelijke werkgever voor technici, die schaars zijn.",
        contacts=(
            DemoContact(480, EVENT, "Kennisgemaakt op de MVO-bijeenkomst in Beekveld."),
            DemoContact(470, CALL, "Afspraak gemaakt.", "Bezoek", -465),
            DemoContact(
                465,
                VISIT,
                "Het waterschap wil eerst de monitor houden.",
                "Meekijken aanvragen",
                -460,
            ),
            DemoContact(
                15,
                EMAIL,
                "Informatiebijeenkomst voor leidinggevenden afgesproken.",
                "Bijeenkomst voorbereiden",
                8,
            ),
        ),
    ),
    # Employers not on the platform (yet).
    DemoProspect(
        name="Supermarkt De Korenschoof",
        kind=OrganisationKind.BUSINESS,
        employee_count=95,
        place="Rivierdal",
        contact_name="Bedrijfsleider",
        stage=Stage.MAPPED,
        target_group="De bedrijfsleider, die de roosters maakt.",
        aim="Een eerste kennismaking en posters in de kantine.",
        benefit="Veel parttimers met zorgtaken; beter roosteren voorkomt verzuim.",
    ),
    DemoProspect(
        name="Heuvelland Logistiek",
        kind=OrganisationKind.BUSINESS,
        employee_count=310,
        place="Heuvelland",
        contact_name="Sandra Kramer",
        contact_phone="0570 123 456",
        stage=Stage.APPROACHED,
        target_group="De HR-manager, Sandra Kramer.",
        aim="Een afspraak voor een presentatie van de vier pijlers.",
        benefit="Minder verzuim onder chauffeurs en magazijnmedewerkers in ploegendienst.",
        contacts=(
            DemoContact(
                35,
                EVENT,
                "Visitekaartje gekregen op de bedrijvenkring van het industrieterrein.",
            ),
            DemoContact(
                26,
                EMAIL,
                "Factsheet over werk en mantelzorg in de logistiek gestuurd.",
                "Nabellen voor een afspraak met de HR-manager",
                -6,
            ),
        ),
    ),
    DemoProspect(
        name="Ziekenhuis Voorbeeldregio",
        kind=OrganisationKind.CARE,
        employee_count=2100,
        place="Voorbeeldstad",
        contact_name="Ruud Janssen",
        contact_email="r.janssen@ziekenhuisvoorbeeldregio.example.org",
        owner=COORDINATOR.email,
        stage=Stage.IN_CONVERSATION,
        target_group="Het hoofd HR en de ondernemingsraad.",
        aim="Een lunchbijeenkomst voor werkende mantelzorgers en daarna de monitor.",
        benefit=(
            "Verpleegkundigen met zorgtaken thuis behouden; het ziekenhuis kampt met tekorten."
        ),
        contacts=(
            DemoContact(75, CALL, "Warm contact via de wethouder.", "Kennismaking", -60),
            DemoContact(
                60,
                VISIT,
                "Kennismaking met Ruud Janssen; de OR vraagt om aandacht voor mantelzorg.",
                "Presentatie voor de OR",
                -30,
            ),
            DemoContact(
                30,
                EVENT,
                "Presentatie in de OR-vergadering; positief ontvangen.",
                "Voorstel voor een lunchbijeenkomst sturen",
                0,
            ),
        ),
    ),
    DemoProspect(
        name="Bibliotheek Voorbeeldregio",
        kind=OrganisationKind.OTHER,
        employee_count=70,
        place="Voorbeeldstad",
        contact_name="Marloes Kok",
        contact_email="m.kok@bibliotheekvoorbeeldregio.example.org",
        contact_phone="010 765 43 21",
        stage=Stage.IN_CONVERSATION,
        target_group="De directeur, Marloes Kok.",
        aim="Op het platform starten met de monitor en de pijler Bespreken.",
        benefit="Een kleine organisatie: elke medewerker die uitvalt, merkt iedereen.",
        contacts=(
            DemoContact(55, EVENT, "Gesproken op de Dag van de Mantelzorg in de bibliotheek."),
            DemoContact(
                25,
                VISIT,
                "De bibliotheek wil aan de slag en de monitor houden.",
                "Uitnodiging voor het platform sturen",
                2,
            ),
        ),
    ),
    DemoProspect(
        name="Kinderopvang Het Kwetternest",
        kind=OrganisationKind.OTHER,
        employee_count=120,
        place="Beekveld",
        contact_name="Esra Yildiz",
        contact_email="e.yildiz@kwetternest.example.org",
        stage=Stage.APPROACHED,
        target_group="De P&O-adviseur, Esra Yildiz.",
        aim="De lunchbijeenkomst voor werkende mantelzorgers aanbieden.",
        benefit="Pedagogisch medewerkers zijn moeilijk te vinden; behoud telt.",
        contacts=(
            DemoContact(
                10,
                EMAIL,
                "Ons aanbod per pijler gestuurd.",
                "Bellen of het aanbod is aangekomen",
                9,
            ),
        ),
    ),
    DemoProspect(
        name="Machinefabriek Heuvelland",
        kind=OrganisationKind.BUSINESS,
        employee_count=180,
        place="Heuvelland",
        contact_name="Gert Wolters",
        stage=Stage.STOPPED,
        target_group="De directeur-eigenaar.",
        aim="Een toolboxmeeting over werk en zorg.",
        benefit="Ervaren vakmensen behouden.",
        contacts=(
            DemoContact(150, CALL, "Eerste gesprek met de directeur.", "Bezoek", -130),
            DemoContact(
                130,
                VISIT,
                "Na de reorganisatie is er nu geen ruimte voor het thema.",
                "Over een half jaar opnieuw contact opnemen",
                60,
            ),
        ),
    ),
]

MAPPED_DAYS_AGO = 20  # when the employers without a contact yet were put in the pipeline

# --- The offer per pillar -----------------------------------------------------------------------

OFFERINGS = [
    {
        "pillar": PillarKey.DISCUSS,
        "format": OfferingFormat.LUNCH,
        "title": "Lunchbijeenkomst voor werkende mantelzorgers",
        "description": (
            "Een informele lunch op de werkplek waar collega's met zorgtaken elkaar ontmoeten. Een "
            "mantelzorgconsulent vertelt wat er in de gemeente te regelen is en beantwoordt vragen."
        ),
    },
    {
        "pillar": PillarKey.DISCUSS,
        "format": OfferingFormat.WORKSHOP,
        "title": "Voorlichting in het teamoverleg",
        "description": (
            "In een half uur vertellen we in een teamoverleg wat mantelzorg is, wie mantelzorger "
            "is en waar je met vragen terechtkunt."
        ),
    },
    {
        "pillar": PillarKey.DESCRIBE,
        "format": OfferingFormat.CONSULTATION,
        "title": "Spreekuur mantelzorgbeleid",
        "description": (
            "P&O-adviseurs kunnen bij ons terecht met vragen over regelingen, maatwerkafspraken en "
            "hoe je die beschrijft en bekendmaakt."
        ),
    },
    {
        "pillar": PillarKey.EQUIP,
        "format": OfferingFormat.TRAINING,
        "title": "Training voor leidinggevenden: het gesprek over mantelzorg",
        "description": (
            "Een dagdeel waarin leidinggevenden oefenen met het gesprek over zorg thuis: het "
            "signaleren, het eerste gesprek en het vastleggen van afspraken."
        ),
    },
    {
        "pillar": PillarKey.EMBED,
        "format": OfferingFormat.WORKSHOP,
        "title": "Workshop Dag van de Mantelzorg organiseren",
        "description": (
            "We helpen een attentie of activiteit op 10 november voor te bereiden, zodat het thema "
            "elk jaar terugkomt."
        ),
    },
    {
        "pillar": PillarKey.EMBED,
        "format": OfferingFormat.OTHER,
        "title": "Mantelzorgcafé op locatie",
        "description": "Tijdelijk niet: we zoeken een nieuwe gespreksleider.",
        "is_active": False,
    },
]

# Offers followed employers took up as an action: (offer title, employer slug, year, how it went).
UPTAKES = [
    (
        "Lunchbijeenkomst voor werkende mantelzorgers",
        RIVIERDAL.slug,
        2026,
        {
            "status": A_DONE,
            "planned_date": date(2026, 11, 12),
            "completed_date": date(2026, 11, 12),
            "owner": "P&O",
        },
    ),
    (
        "Training voor leidinggevenden: het gesprek over mantelzorg",
        VAN_DIJK.slug,
        2027,
        {"planned_date": date(2027, 2, 11), "owner": "Directie"},
    ),
]


# --- Writing it ---------------------------------------------------------------------------------


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=AMSTERDAM)


def _differs(instance, fields: dict) -> bool:
    return any(getattr(instance, name) != value for name, value in fields.items())


def _upsert(model, lookup: dict, fields: dict):
    """The record with `lookup`, created or brought to `fields` (validated in full), and saved
    only when something differs: a second run changes nothing."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return record_save(model(**lookup), fields)
    if _differs(instance, fields):
        record_save(instance, fields)
    return instance


def _demo_password_hash() -> str:
    # The programme's step has just given its users the demo password. Reuse that hash: hashing
    # is slow on purpose, and the password is public anyway.
    hr = User.objects.filter(email__iexact=programme_demo.USERS[0].email).first()
    return hr.password if hr is not None else make_password(programme_demo.PASSWORD)


def _user(email: str, full_name: str, password_hash: str):
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.full_name = full_name
    user.is_active = True
    user.password = password_hash
    user.save()
    reset_failed_logins(username=email)  # a locked-out demo login works again
    return user


def seed_support_organisation(password_hash: str) -> tuple[SupportOrganisation, dict]:
    """The steunpunt and its two members; the advisor and coordinator belong to it alone."""
    fields = dict(SUPPORT_ORGANISATION)
    support = _upsert(SupportOrganisation, {"slug": fields.pop("slug")}, fields)
    members = {}
    for item in SUPPORT_USERS:
        user = _user(item.email, item.full_name, password_hash)
        # Logged in, each lands on the steunpunt's start page: no other place of work.
        Membership.objects.filter(user=user).delete()
        SupportMembership.objects.filter(user=user).exclude(support_organisation=support).delete()
        _upsert(
            SupportMembership, {"user": user, "support_organisation": support}, {"role": item.role}
        )
        members[item.email] = user
    return support, members


def seed_employer(spec: DemoEmployer, password_hash: str) -> tuple[Organisation, object]:
    """The employer with its HR advisor, contact person, regulations, actions, checklist
    progress and recognition."""
    organisation = _upsert(
        Organisation,
        {"slug": spec.slug},
        {
            "name": spec.name,
            "kind": spec.kind,
            "employee_count": spec.employee_count,
            "locations": "\n".join(spec.locations),
            "goal": spec.goal,
        },
    )
    hr = _user(spec.hr_email, spec.hr_name, password_hash)
    _upsert(Membership, {"user": hr, "organisation": organisation}, {"role": Role.HR})
    _upsert(
        ContactPerson,
        {"organisation": organisation, "name": spec.hr_name},
        {"function": "P&O-adviseur, contactpersoon mantelzorg", "email": spec.hr_email},
    )
    for kind, title, checked in spec.regulations:
        _upsert(
            Regulation,
            {"organisation": organisation, "title": title},
            {"kind": kind, "last_checked": checked},
        )
    for action in spec.actions:
        fields = asdict(action)
        _upsert(
            Action,
            {
                "organisation": organisation,
                "year": fields.pop("year"),
                "title": fields.pop("title"),
            },
            fields,
        )
    _seed_progress(organisation, spec, hr)
    _seed_recognition(organisation, spec.recognition)
    return organisation, hr


def _seed_progress(organisation: Organisation, spec: DemoEmployer, hr) -> None:
    """Checklist progress through the pillars' service, where it differs; the history it writes
    is dated back to when the work was done."""
    if not spec.progress:
        return
    items = {
        (item.pillar.key, item.order): item
        for item in ChecklistItem.objects.filter(organisation__isnull=True).select_related("pillar")
    }
    current = {p.item_id: p for p in ItemProgress.objects.filter(organisation=organisation)}
    for pillar, order, status, completed in spec.progress:
        item = items[(pillar, order)]
        existing = current.get(item.pk)
        if existing is not None and (existing.status, existing.completed_date) == (
            status,
            completed,
        ):
            continue
        on = completed or date(2026, 9, 1)
        after = ProgressChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        progress = progress_update(
            organisation=organisation,
            item=item,
            by=hr,
            fields={"status": status, "completed_date": completed},
            today=on,
        )
        ProgressChange.objects.filter(progress=progress, pk__gt=after).update(
            changed_at=_at(on, 15)
        )


def _seed_recognition(organisation: Organisation, fields: dict | None) -> None:
    records = list(organisation.recognitions.all())
    if fields is None:
        for record in records:
            record.delete()
        return
    if len(records) == 1 and not _differs(records[0], fields):
        return
    organisation.recognitions.all().delete()
    record_save(Recognition(organisation=organisation), fields)


def seed_campaign(organisation: Organisation, spec: DemoCampaign | None) -> None:
    """The employer's closed 2025 monitor, made once through the monitor demo's pipeline
    (responses counted as the inbox counts them, then the real close writes the snapshot)."""
    if spec is None:
        return
    closed = (
        organisation.campaigns.filter(title=spec.title, closed_on__isnull=False)
        .select_related("snapshot")
        .first()
    )
    if closed is not None and closed.snapshot.response_count == spec.response_count:
        return  # a closed campaign never changes: keep it
    seed_closed_campaign(organisation, spec)


def _asked_on(spec: DemoFollowing, today: date) -> date:
    # An invitation still waiting was sent a few days before the demo is seeded.
    return today - timedelta(days=INVITED_DAYS_AGO) if spec.accepted_on is None else spec.asked_on


def seed_following(
    support: SupportOrganisation, organisation: Organisation, spec: DemoFollowing, hr, advisor
) -> Following:
    """The pair's following as the story has it, through the following services (which record
    every start), dated back. Whatever a demo user did to it since is undone."""
    target = FollowingState.ACTIVE if spec.accepted_on else FollowingState.INVITED
    pair = Following.objects.filter(support_organisation=support, organisation=organisation)
    states = list(pair.values_list("state", flat=True))
    asked_kind = (
        FollowingEventKind.INVITED if spec.asked_by == "employer" else FollowingEventKind.REQUESTED
    )
    if states == [target]:
        following = pair.get()
    else:
        pair.delete()
        if spec.asked_by == "employer":
            following = following_services.following_invite(
                organisation=organisation, support_organisation=support, by=hr
            )
        else:
            following = following_services.following_request(
                support_organisation=support, organisation=organisation, by=advisor
            )
        if spec.accepted_on:
            accepted_by = advisor if spec.asked_by == "employer" else hr
            following = following_services.following_accept(following=following, by=accepted_by)
    _date_following(following, spec, asked_kind)
    return following


def _date_following(following: Following, spec: DemoFollowing, asked_kind: str) -> None:
    """Date the following and its events as the story has it (a waiting invitation a few days
    before the real day); written only when they differ."""
    dates = {"created_at": _at(_asked_on(spec, timezone.localdate()), 9)}
    events = {asked_kind: dates["created_at"]}
    if spec.accepted_on:
        dates["started_at"] = events[FollowingEventKind.ACCEPTED] = _at(spec.accepted_on, 11)
    if _differs(following, dates):
        Following.objects.filter(pk=following.pk).update(**dates)
    for kind, at in events.items():
        FollowingEvent.objects.filter(following=following, kind=kind).exclude(at=at).update(at=at)


def _wanted_contacts(spec: DemoProspect, today: date) -> list[dict]:
    return [
        {
            "on": today - timedelta(days=contact.days_ago),
            "kind": contact.kind,
            "notes": contact.notes,
            "next_step": contact.next_step,
            "next_step_on": (
                today + timedelta(days=contact.next_step_in)
                if contact.next_step_in is not None
                else None
            ),
        }
        for contact in sorted(spec.contacts, key=lambda c: -c.days_ago)
    ]


def seed_prospect(
    support: SupportOrganisation, spec: DemoProspect, members: dict, today: date
) -> Prospect:
    """An employer in the pipeline with its contact log (made again when it differs: its dates
    move along with the real day)."""
    owner = members[spec.owner]
    fields = {
        "name": spec.name,
        "kind": spec.kind,
        "employee_count": spec.employee_count,
        "place": spec.place,
        "contact_name": spec.contact_name,
        "contact_email": spec.contact_email,
        "contact_phone": spec.contact_phone,
        "target_group": spec.target_group,
        "aim": spec.aim,
        "benefit": spec.benefit,
        "stage": spec.stage,
        "owner": owner,
        "organisation": (
            Organisation.objects.get(slug=spec.organisation) if spec.organisation else None
        ),
    }
    prospect = Prospect.objects.filter(support_organisation=support, name=spec.name).first()
    if prospect is None or _differs(prospect, fields):
        prospect = prospect_save(
            support_organisation=support, prospect=prospect or Prospect(), fields=fields
        )
    wanted = _wanted_contacts(spec, today)
    logged = list(
        prospect.contacts.order_by("on", "pk").values(
            "on", "kind", "notes", "next_step", "next_step_on"
        )
    )
    if logged != wanted:
        prospect.contacts.all().delete()
        for contact in wanted:
            contact_log(prospect=prospect, fields=contact, by=owner)
        prospect.refresh_from_db()
    if not wanted:
        # Mapped, not yet approached: the first step is planned without a contact.
        first_step = {"next_step": "Eerste telefoontje naar de bedrijfsleider"}
        first_step["next_step_on"] = today + timedelta(days=5)
        if _differs(prospect, first_step):
            record_save(prospect, first_step)
    # Entered in the pipeline the day before its first contact (the report counts it from then).
    first_day = wanted[0]["on"] if wanted else today - timedelta(days=MAPPED_DAYS_AGO)
    entered = _at(first_day - timedelta(days=1), 9)
    if prospect.created_at != entered:
        Prospect.objects.filter(pk=prospect.pk).update(created_at=entered)
    return prospect


def seed_offer(support: SupportOrganisation) -> dict[str, Offering]:
    offerings = {}
    for item in OFFERINGS:
        fields = {"is_active": True, **item}
        offering = Offering.objects.filter(
            support_organisation=support, title=fields["title"]
        ).first()
        if offering is None or _differs(offering, fields):
            offering = offering_save(
                support_organisation=support,
                offering=offering or Offering(support_organisation=support),
                fields=fields,
            )
        offerings[offering.title] = offering
    return offerings


def seed_uptakes(offerings: dict[str, Offering]) -> None:
    """Offers taken up as actions through the offer service, then carried out as the story has
    it."""
    for title, slug, year, outcome in UPTAKES:
        taken = offering_take_up(
            offering=offerings[title], organisation=Organisation.objects.get(slug=slug), year=year
        )
        if _differs(taken.action, outcome):
            action_update(action=taken.action, fields=outcome)


@dataclass
class _Summary:
    followed: list[str] = field(default_factory=list)
    respondents: int = 0


def seed_demo(*, organisation: Organisation) -> str:
    """Seed the steunpunt that follows the demo municipality; a summary line."""
    today = timezone.localdate()
    with transaction.atomic():
        password_hash = _demo_password_hash()
        support, members = seed_support_organisation(password_hash)
        advisor = members[ADVISOR.email]
        voorbeeldstad_hr = (
            Membership.objects.filter(organisation=organisation, role=Role.HR).first().user
        )
        seed_following(support, organisation, VOORBEELDSTAD_FOLLOWING, voorbeeldstad_hr, advisor)
        summary = _Summary(followed=[organisation.name])
        for spec in EMPLOYERS:
            employer, hr = seed_employer(spec, password_hash)
            seed_campaign(employer, spec.campaign)
            seed_following(support, employer, spec.following, hr, advisor)
            if spec.following.accepted_on:
                summary.followed.append(employer.name)
                summary.respondents += spec.campaign.response_count if spec.campaign else 0
        for spec in PIPELINE:
            seed_prospect(support, spec, members, today)
        offerings = seed_offer(support)
        seed_uptakes(offerings)
    prospects = support.prospects.all()
    due = prospects.filter(next_step_on__lte=today).exclude(next_step="").count()
    contacts = Contact.objects.filter(prospect__support_organisation=support).count()
    return (
        f"support: {support.name} (/s/{support.slug}/) follows {len(summary.followed)} "
        f"employers, the {len(FOLLOWED)} beside Voorbeeldstad with a closed 2025 monitor "
        f"({summary.respondents} responses); {WOONSTICHTING.name} invited it; pipeline: "
        f"{prospects.count()} employers, {contacts} contacts, {due} follow-ups due; offer: "
        f"{support.offerings.filter(is_active=True).count()} items. Logins: {ADVISOR.email} "
        f"({ADVISOR.full_name}, support advisor), {COORDINATOR.email} ({COORDINATOR.full_name}, "
        f"coordinator), the employers' HR advisors as e.g. {RIVIERDAL.hr_email}"
    )
