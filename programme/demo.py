"""The demo municipality's content: a made-up Gemeente Voorbeeldstad, told as of late November 2026.

The facts follow real programmes (Arnhem's 2025 status letter, Enschede's recognition profile, the
Werk&Mantelzorg worksheets and the Dutch leave law); every person, partner and web
address is fictional except the national organisations MantelzorgNL and Werk&Mantelzorg.
``manage.py seed_demo`` writes it; the records are keyed on their natural keys so that the command
can run again without making duplicates.
"""

import io
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw

from programme.models import (
    ActionStatus,
    OrganisationKind,
    PillarKey,
    RegulationKind,
    Role,
    SupportOfferKind,
    TwoFactorRequirement,
)

PASSWORD = "demo"

INTRANET = "https://intranet.voorbeeldstad.nl"
# The support organisation that follows the municipality (support/demo.py) and partners in its
# actions.
STEUNPUNT = "Steunpunt Mantelzorg Voorbeeldregio"
FORMER_STEUNPUNT = "Steunpunt Mantelzorg Voorbeeldstad"

# --- The organisation ---------------------------------------------------------------------------

ORGANISATION = {
    "slug": "gemeente-voorbeeldstad",
    "name": "Gemeente Voorbeeldstad",
    "kind": OrganisationKind.MUNICIPALITY,
    "employee_count": 1600,
    # Its HR advisors need a second step at login: the demo's HR login shows how to set one up.
    "two_factor_required": TwoFactorRequirement.HR,
    "locations": "\n".join(
        ["Stadhuis", "Stadskantoor", "Gemeentewerf", "Milieustraat", "Wijkteamkantoor Noord"]
    ),
    "goal": (
        "Voorbeeldstad wil een werkgever zijn waar medewerkers die voor een naaste zorgen, zich "
        "gezien en gesteund weten. Iedereen kan van de ene op de andere dag mantelzorger worden, "
        "en wat thuis op je schouders komt, neem je mee naar je werk. Daarom kijken we als "
        "werkgever niet weg, maar praten we erover: de medewerker en de leidinggevende zoeken "
        "samen naar een verdeling van werk en zorg die vol te houden is. Soms is een bestaande "
        "verlofregeling genoeg, soms is een afspraak op maat nodig. Zo blijven collega's met "
        "zorgtaken gezond en met plezier aan het werk."
    ),
}


def logo_png() -> bytes:
    """The made-up municipality's logo: two figures under one roof, in the app's accent colour.

    Drawn with shapes only (no font needed), 480 x 160 pixels.
    """
    image = Image.new("RGB", (480, 160), "white")
    draw = ImageDraw.Draw(image)
    accent, blue = (138, 28, 74), (11, 83, 148)
    draw.polygon([(20, 76), (90, 16), (160, 76)], fill=accent)  # the roof
    draw.rectangle([36, 76, 144, 146], fill=accent)
    for x, colour in (
        (66, "white"),
        (114, (244, 214, 226)),
    ):  # two people, one leaning on the other
        draw.ellipse([x - 13, 86, x + 13, 112], fill=colour)
        draw.rounded_rectangle([x - 17, 114, x + 17, 146], radius=10, fill=colour)
    for row, width in enumerate((280, 220, 250)):
        top = 42 + row * 30
        draw.rounded_rectangle([184, top, 184 + width, top + 16], radius=8, fill=blue)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# --- People who log in --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str


USERS = [
    DemoUser("hr@example.org", "Femke Jansen", Role.HR),
    DemoUser("manager@example.org", "Ruben Bakker", Role.MANAGER),
]

# --- The action plan ----------------------------------------------------------------------------

P_AND_O = "P&O"
CONTACTS = "Contactpersonen mantelzorg (P&O)"


@dataclass(frozen=True)
class DemoAction:
    year: int
    title: str
    pillar: str
    status: str
    planned_date: date | None = None
    completed_date: date | None = None
    description: str = ""
    owner: str = ""
    partner: str = ""
    evidence_url: str = ""
    recurs_yearly: bool = False


DONE = ActionStatus.DONE
BUSY = ActionStatus.IN_PROGRESS
PLANNED = ActionStatus.PLANNED
CANCELLED = ActionStatus.CANCELLED

# The national Day of the Carer; it recurs every year and is carried into the next one.
CARERS_DAY = DemoAction(
    year=2025,
    title="Bewustwordingsactie op de Dag van de Mantelzorg",
    pillar=PillarKey.EMBED,
    status=DONE,
    planned_date=date(2025, 11, 10),
    completed_date=date(2025, 11, 10),
    description=(
        "Op 10 november staat het steunpunt samen met P&O met een informatiekraam in de hal van "
        "het stadskantoor. Collega's die voor iemand zorgen krijgen een kleine attentie, en "
        "iedereen kan er terecht met vragen over hulp in de thuissituatie en over het voorkomen "
        "van overbelasting."
    ),
    owner=CONTACTS,
    partner=STEUNPUNT,
    recurs_yearly=True,
)

# How the carried copy of the Day of the Carer went in 2026.
CARERS_DAY_NEXT_YEAR = {"status": DONE, "completed_date": date(2026, 11, 10)}

ACTIONS_2025 = [
    DemoAction(
        year=2025,
        title="Dag van de Mantelzorg in de kalender diversiteit & inclusie",
        pillar=PillarKey.EMBED,
        status=DONE,
        planned_date=date(2025, 1, 31),
        completed_date=date(2025, 1, 28),
        description=(
            "De landelijke Dag van de Mantelzorg staat voortaan in de jaarkalender van diversiteit "
            "en inclusie, zodat er elk jaar vanzelf aandacht voor komt."
        ),
        owner=P_AND_O,
    ),
    DemoAction(
        year=2025,
        title="Werk en mantelzorg besproken in het MT en het HR-overleg",
        pillar=PillarKey.DISCUSS,
        status=DONE,
        planned_date=date(2025, 2, 11),
        completed_date=date(2025, 2, 11),
        description=(
            "Directie en afdelingshoofden stonden stil bij wat zorgtaken thuis betekenen voor "
            "collega's en teams, en spraken af het onderwerp zelf aan te snijden in hun "
            "teamoverleg."
        ),
        owner="Directie",
    ),
    DemoAction(
        year=2025,
        title="Posters over werk en mantelzorg op alle locaties",
        pillar=PillarKey.DISCUSS,
        status=DONE,
        planned_date=date(2025, 3, 14),
        completed_date=date(2025, 3, 12),
        description=(
            "In het stadhuis, het stadskantoor, op de gemeentewerf en op de andere locaties hangen "
            "posters die uitnodigen om over zorg thuis te praten, met een QR-code naar de "
            "intranetpagina."
        ),
        owner="Communicatie",
    ),
    DemoAction(
        year=2025,
        title="Intranetpagina over werk en mantelzorg",
        pillar=PillarKey.DESCRIBE,
        status=DONE,
        planned_date=date(2025, 4, 30),
        completed_date=date(2025, 4, 24),
        description=(
            "Op het intranet staat nu één pagina met alles over werk en zorg: de verlofregelingen, "
            "tips om het gesprek met je leidinggevende voor te bereiden en wie je kunt bellen met "
            "vragen."
        ),
        owner=P_AND_O,
        evidence_url=f"{INTRANET}/mantelzorg",
    ),
    DemoAction(
        year=2025,
        title="Contactpersonen mantelzorg aangewezen binnen P&O",
        pillar=PillarKey.EMBED,
        status=DONE,
        planned_date=date(2025, 5, 15),
        completed_date=date(2025, 5, 12),
        description=(
            "Twee P&O-adviseurs zijn het vaste aanspreekpunt voor medewerkers en leidinggevenden "
            "met vragen over de combinatie van werk en zorg."
        ),
        owner="Hoofd P&O",
        evidence_url=f"{INTRANET}/mantelzorg/contactpersonen",
    ),
    DemoAction(
        year=2025,
        title="Presentatie werk en mantelzorg voor de HR-adviseurs",
        pillar=PillarKey.EQUIP,
        status=DONE,
        planned_date=date(2025, 6, 10),
        completed_date=date(2025, 6, 10),
        description=(
            "Alle HR-adviseurs kregen uitleg over de regelingen en de hulp in de stad, en over hoe "
            "zij een leidinggevende kunnen helpen het gesprek met een mantelzorger te voeren."
        ),
        owner=CONTACTS,
        partner=STEUNPUNT,
    ),
    DemoAction(
        year=2025,
        title="Mantelzorg ondergebracht bij het beleid voor duurzame inzetbaarheid",
        pillar=PillarKey.DESCRIBE,
        status=DONE,
        planned_date=date(2025, 6, 30),
        completed_date=date(2025, 6, 19),
        description=(
            "Het thema heeft een vaste plek gekregen bij beleidsadvies P&O, als onderdeel van "
            "duurzame inzetbaarheid. Zo hangt het niet langer af van losse initiatieven."
        ),
        owner="Beleidsadvies P&O",
    ),
    DemoAction(
        year=2025,
        title="Contactpersonen sluiten aan bij het lerend netwerk mantelzorg",
        pillar=PillarKey.EQUIP,
        status=DONE,
        planned_date=date(2025, 9, 30),
        completed_date=date(2025, 9, 18),
        description=(
            "De contactpersonen doen mee aan het lerend netwerk van werkgevers in Voorbeeldstad en "
            "wisselen daar ervaringen uit met andere organisaties."
        ),
        owner=CONTACTS,
        partner="Lerend netwerk werk en mantelzorg Voorbeeldstad",
    ),
    DemoAction(
        year=2025,
        title="Cursus 'Zorgen en loslaten' in het aanbod van de Voorbeeldstad Academie",
        pillar=PillarKey.EQUIP,
        status=DONE,
        planned_date=date(2025, 9, 30),
        completed_date=date(2025, 10, 2),
        description=(
            "In een korte cursus leren collega's die voor een naaste zorgen hun eigen grenzen te "
            "bewaken. De cursus staat nu vast in het aanbod van de interne opleidingen."
        ),
        owner="Voorbeeldstad Academie",
        partner=STEUNPUNT,
        evidence_url=f"{INTRANET}/academie/zorgen-en-loslaten",
    ),
    DemoAction(
        year=2025,
        title="Werk&Mantelzorg-monitor uitgezet onder alle medewerkers",
        pillar=PillarKey.DISCUSS,
        status=DONE,
        planned_date=date(2025, 10, 20),
        completed_date=date(2025, 10, 20),
        description=(
            "Alle medewerkers, mantelzorger of niet, konden tot de Dag van de Mantelzorg anoniem "
            "de online monitor invullen. De vragen zetten collega's aan het denken en de "
            "antwoorden laten zien wat mantelzorgers nodig hebben."
        ),
        owner=P_AND_O,
        partner="Werk&Mantelzorg",
    ),
    CARERS_DAY,
    DemoAction(
        year=2025,
        title="Lunchbijeenkomst voor werkende mantelzorgers",
        pillar=PillarKey.DISCUSS,
        status=DONE,
        planned_date=date(2025, 11, 13),
        completed_date=date(2025, 11, 13),
        description=(
            "In het stadhuis was een informele lunch waar collega's met zorgtaken elkaar "
            "ontmoetten en een consulent van het steunpunt vragen beantwoordde."
        ),
        owner=CONTACTS,
        partner=STEUNPUNT,
    ),
    DemoAction(
        year=2025,
        title="Film met portretten van collega-mantelzorgers",
        pillar=PillarKey.DISCUSS,
        status=CANCELLED,
        planned_date=date(2025, 10, 31),
        description=(
            "Vervallen: te weinig collega's wilden voor de camera. Hun verhalen verschijnen in "
            "plaats daarvan zonder naam op het intranet."
        ),
        owner="Communicatie",
    ),
    DemoAction(
        year=2025,
        title="Leermiddel over mantelzorg voor leidinggevenden ontwikkelen",
        pillar=PillarKey.EQUIP,
        status=BUSY,
        planned_date=date(2025, 12, 15),
        description=(
            "Samen met een extern opleidingsbureau werken we aan lesmateriaal waarmee "
            "leidinggevenden leren het gesprek over zorgtaken te openen en vol te houden."
        ),
        owner="Beleidsadvies P&O",
        partner="Extern opleidingsbureau",
    ),
    DemoAction(
        year=2025,
        title="Mantelzorg in het introductieprogramma voor nieuwe medewerkers",
        pillar=PillarKey.EMBED,
        status=BUSY,
        planned_date=date(2025, 11, 28),
        description=(
            "Nieuwe collega's horen op hun introductiedag wat de gemeente mantelzorgers biedt en "
            "waar ze de informatie vinden. Het welkomstpakket wordt nog aangepast."
        ),
        owner=P_AND_O,
    ),
]

# The Dutch title of the monitor's suggestion "discuss-in-team", as adopting it names the action.
ADOPTED_SUGGESTION = "Maak mantelzorg een gewoon onderwerp in gesprekken"

ACTIONS_2026 = [
    DemoAction(
        year=2026,
        title="Uitkomsten van de monitor delen via het intranet",
        pillar=PillarKey.DISCUSS,
        status=DONE,
        planned_date=date(2026, 2, 27),
        completed_date=date(2026, 3, 5),
        description=(
            "Een samenvatting van de monitor staat op het intranet, met wat we ermee gaan doen."
        ),
        owner=P_AND_O,
        evidence_url=f"{INTRANET}/mantelzorg/monitor-2025",
    ),
    DemoAction(
        year=2026,
        # A suggestion of the 2025 monitor, taken up under its own title (monitor.suggestions).
        title=ADOPTED_SUGGESTION,
        pillar=PillarKey.EMBED,
        status=DONE,
        planned_date=date(2026, 3, 31),
        completed_date=date(2026, 4, 9),
        description=(
            "Werk en mantelzorg is een vast onderwerp in het teamoverleg en in de jaargesprekken: "
            "het gespreksformulier vraagt naar de balans tussen werk en privé, zorg voor een "
            "naaste inbegrepen."
        ),
        owner=P_AND_O,
    ),
    DemoAction(
        year=2026,
        title="Training voor de P&O-adviseurs als contactpersoon mantelzorg",
        pillar=PillarKey.EQUIP,
        status=DONE,
        planned_date=date(2026, 5, 31),
        completed_date=date(2026, 5, 21),
        description=(
            "De P&O-adviseurs volgen een training, zodat zij het thema kunnen uitdragen en vragen "
            "van leidinggevenden en medewerkers goed kunnen beantwoorden."
        ),
        owner=CONTACTS,
        partner="Werk&Mantelzorg",
    ),
    DemoAction(
        year=2026,
        title="Gesprekken over een e-learning mantelzorg voor leidinggevenden voortzetten",
        pillar=PillarKey.EQUIP,
        status=BUSY,
        planned_date=date(2026, 6, 30),
        description=(
            "We zoeken met het opleidingsbureau naar een vorm die past bij hoe leidinggevenden "
            "hier leren; een e-learning is een van de opties."
        ),
        owner="Beleidsadvies P&O",
        partner="Extern opleidingsbureau",
    ),
    DemoAction(
        year=2026,
        title="Mantelzorg verankeren in het levensfasebewuste beleid",
        pillar=PillarKey.EMBED,
        status=PLANNED,
        planned_date=date(2026, 9, 30),
        description=(
            "Mantelzorg krijgt een vaste plaats in het beleid voor duurzame inzetbaarheid, bij de "
            "levensfasen en gebeurtenissen die invloed hebben op werk en vitaliteit. Nieuwe acties "
            "sluiten voortaan bij dat beleid aan."
        ),
        owner="Beleidsadvies P&O",
    ),
    DemoAction(
        year=2026,
        title="Afspraken met de arbodienst over signalen van overbelasting",
        pillar=PillarKey.DESCRIBE,
        status=PLANNED,
        planned_date=date(2026, 10, 15),
        description=(
            "De bedrijfsarts en de preventiemedewerker letten op zorgtaken als oorzaak van "
            "klachten en verwijzen door naar de contactpersonen en het steunpunt."
        ),
        owner=P_AND_O,
        partner="Arbodienst",
    ),
    DemoAction(
        year=2026,
        title="Tweede lunchbijeenkomst voor werkende mantelzorgers",
        pillar=PillarKey.DISCUSS,
        status=CANCELLED,
        planned_date=date(2026, 6, 11),
        description="Vervallen: vervangen door de persoonlijke gesprekken met het steunpunt.",
        owner=CONTACTS,
        partner=STEUNPUNT,
    ),
    DemoAction(
        year=2026,
        title="Persoonlijke gesprekken met een sparringpartner van het steunpunt",
        pillar=PillarKey.DISCUSS,
        status=BUSY,
        planned_date=date(2026, 12, 18),
        description=(
            "Als vervolg op de monitor kunnen medewerkers één op één met een sparringpartner van "
            "het steunpunt praten over hun huidige of komende zorgsituatie. De gesprekken lopen "
            "tot eind december."
        ),
        owner=CONTACTS,
        partner=STEUNPUNT,
    ),
    DemoAction(
        year=2026,
        title="P&O-adviseurs blijven deelnemen aan het lerend netwerk mantelzorg",
        pillar=PillarKey.EQUIP,
        status=BUSY,
        planned_date=date(2026, 12, 10),
        description="Vier bijeenkomsten per jaar; de laatste van dit jaar is in december.",
        owner=CONTACTS,
        partner="Lerend netwerk werk en mantelzorg Voorbeeldstad",
    ),
    DemoAction(
        year=2026,
        title="Regelingen op het intranet nalopen",
        pillar=PillarKey.DESCRIBE,
        status=PLANNED,
        planned_date=date(2026, 12, 1),
        description=(
            "Jaarlijks controleren of de beschreven regelingen nog kloppen met de wet en de cao."
        ),
        owner=CONTACTS,
        evidence_url=f"{INTRANET}/mantelzorg/regelingen",
    ),
]

ACTIONS_2027 = [
    DemoAction(
        year=2027,
        title="Mantelzorg in het inwerkprogramma voor nieuwe leidinggevenden",
        pillar=PillarKey.EQUIP,
        status=PLANNED,
        planned_date=date(2027, 2, 26),
        description=(
            "Wie leiding gaat geven, leert in de eerste maanden welke regelingen er zijn en hoe je "
            "afspraken op maat vastlegt en evalueert."
        ),
        owner="Voorbeeldstad Academie",
    ),
    DemoAction(
        year=2027,
        title="Erkenning 'Wij werken mantelzorgvriendelijk' aanvragen",
        pillar="",
        status=PLANNED,
        planned_date=date(2027, 4, 30),
        description="Als alle vier de pijlers op orde zijn, vragen we de Erkenning aan.",
        owner="Hoofd P&O",
        partner="Werk&Mantelzorg",
    ),
    DemoAction(
        year=2027,
        title="Nieuwe meting met de Werk&Mantelzorg-monitor",
        pillar=PillarKey.DISCUSS,
        status=PLANNED,
        planned_date=date(2027, 10, 18),
        description="Twee jaar na de eerste meting kijken we opnieuw hoe het thema leeft.",
        owner=P_AND_O,
        partner="Werk&Mantelzorg",
    ),
]

ACTIONS = ACTIONS_2025 + ACTIONS_2026 + ACTIONS_2027

# --- Contact persons, support and regulations ---------------------------------------------------

CONTACT_PERSONS = [
    {
        "name": "Femke Jansen",
        "function": "P&O-adviseur, contactpersoon mantelzorg",
        "email": "hr@example.org",
        "phone": "toestel 4312",
        "notes": "Aanspreekpunt voor het stadhuis en het stadskantoor.",
    },
    {
        "name": "Mehmet Yilmaz",
        "function": "P&O-adviseur, contactpersoon mantelzorg",
        "email": "m.yilmaz@example.org",
        "phone": "toestel 4318",
        "notes": "Aanspreekpunt voor de gemeentewerf, de milieustraat en de wijkteams.",
    },
    {
        "name": "Lotte van Dijk",
        "function": "Beleidsadviseur duurzame inzetbaarheid",
        "email": "l.vandijk@example.org",
        "phone": "",
        "notes": "Eigenaar van het thema in het beleid; vertegenwoordigt ons in het netwerk.",
    },
]

SUPPORT_OFFERS = [
    {
        "name": "Bedrijfsmaatschappelijk werk",
        "kind": SupportOfferKind.INTERNAL,
        "description": (
            "Vertrouwelijke gesprekken over wat de zorg thuis met je doet, en hulp bij het "
            "regelen van zaken rond je naaste."
        ),
        "url": f"{INTRANET}/bedrijfsmaatschappelijk-werk",
        "contact": "Aanmelden via het intranet of je P&O-adviseur",
    },
    {
        "name": "Vertrouwenspersoon",
        "kind": SupportOfferKind.INTERNAL,
        "description": (
            "Een onafhankelijk aanspreekpunt als je er met je leidinggevende niet uitkomt, of "
            "als je eerst in vertrouwen wilt overleggen."
        ),
        "url": f"{INTRANET}/vertrouwenspersoon",
        "contact": "vertrouwenspersoon@example.org",
    },
    {
        "name": "Contactpersonen mantelzorg bij P&O",
        "kind": SupportOfferKind.INTERNAL,
        "description": (
            "Voor vragen over regelingen en afspraken op maat, voor medewerkers én leidinggevenden."
        ),
        "url": f"{INTRANET}/mantelzorg/contactpersonen",
        "contact": "hr@example.org",
    },
    {
        "name": STEUNPUNT,
        "kind": SupportOfferKind.EXTERNAL,
        "description": (
            "Mantelzorgconsulenten voor advies, een luisterend oor en respijtzorg, zodat je de "
            "zorg af en toe kunt overdragen. Ook persoonlijke gesprekken met een sparringpartner."
        ),
        "url": "https://www.steunpuntmantelzorg-voorbeeldregio.nl",
        "contact": "Inloopspreekuur op dinsdag en donderdag",
    },
    {
        "name": "MantelzorgNL",
        "kind": SupportOfferKind.EXTERNAL,
        "description": (
            "De landelijke vereniging voor mantelzorgers: informatie, advies en contact met "
            "andere mantelzorgers."
        ),
        "url": "https://www.mantelzorg.nl",
        "contact": "",
    },
    {
        "name": "Werk&Mantelzorg",
        "kind": SupportOfferKind.EXTERNAL,
        "description": (
            "Kennis en hulpmiddelen voor werkgevers en werkende mantelzorgers, waaronder de "
            "monitor en de Erkenning 'Wij werken mantelzorgvriendelijk'."
        ),
        "url": "https://www.werkenmantelzorg.nl",
        "contact": "",
    },
    {
        "name": "Wmo-loket gemeente Voorbeeldstad",
        "kind": SupportOfferKind.EXTERNAL,
        "description": (
            "Voor ondersteuning van degene voor wie je zorgt, zoals huishoudelijke hulp, "
            "dagbesteding of vervangende zorg."
        ),
        "url": "https://www.voorbeeldstad.nl/wmo",
        "contact": "Via het algemene telefoonnummer of de website van de gemeente",
    },
]

REGULATIONS = [
    {
        "kind": RegulationKind.SHORT_TERM_CARE_LEAVE,
        "title": "Kortdurend zorgverlof",
        "description": (
            "Voor noodzakelijke zorg aan een zieke naaste. Per periode van twaalf maanden kun je "
            "tot twee keer je wekelijkse arbeidsduur opnemen; je krijgt dan 70% van je loon "
            "doorbetaald. Meld het verlof vooraf aan je leidinggevende, of zo snel mogelijk als "
            "dat niet kan."
        ),
        "url": f"{INTRANET}/regelingen/kortdurend-zorgverlof",
        "last_checked": date(2026, 9, 14),
    },
    {
        "kind": RegulationKind.LONG_TERM_CARE_LEAVE,
        "title": "Langdurend zorgverlof",
        "description": (
            "Voor langere zorg aan een naaste die ernstig ziek of hulpbehoevend is. Per periode "
            "van twaalf maanden kun je tot zes keer je wekelijkse arbeidsduur opnemen, onbetaald. "
            "Je kunt het verlof spreiden, bijvoorbeeld een paar uur per week. Het geldt ook voor "
            "huisgenoten en anderen met wie je een nauwe band hebt."
        ),
        "url": f"{INTRANET}/regelingen/langdurend-zorgverlof",
        "last_checked": date(2026, 9, 14),
    },
    {
        "kind": RegulationKind.EMERGENCY_LEAVE,
        "title": "Calamiteitenverlof en ander kort verzuimverlof",
        "description": (
            "Bij een plotselinge, onvoorziene situatie, bijvoorbeeld als je naaste onverwacht "
            "naar het ziekenhuis moet, mag je meteen weg om het eerste te regelen. Het gaat om "
            "enkele uren tot een paar dagen, met behoud van loon."
        ),
        "url": f"{INTRANET}/regelingen/calamiteitenverlof",
        "last_checked": date(2026, 9, 14),
    },
    {
        "kind": RegulationKind.FLEXIBLE_HOURS,
        "title": "Aanpassen van uren, werktijden of werkplek (Wet flexibel werken)",
        "description": (
            "Ben je minstens 26 weken in dienst, dan kun je een verzoek doen om je arbeidsduur, "
            "je werktijden of je werkplek aan te passen. Bespreek het eerst met je "
            "leidinggevende; je P&O-adviseur helpt met het formele verzoek."
        ),
        "url": f"{INTRANET}/regelingen/flexibel-werken",
        "last_checked": date(2026, 2, 3),
    },
    {
        "kind": RegulationKind.REMOTE_WORK,
        "title": "Thuiswerken",
        "description": (
            "In overleg met je leidinggevende doe je een deel van je werk thuis, zodat je dichter "
            "bij je naaste bent of reistijd bespaart. Maak afspraken over je bereikbaarheid."
        ),
        "url": f"{INTRANET}/regelingen/thuiswerken",
        # Deliberately more than a year ago: the register asks to check it again.
        "last_checked": date(2025, 6, 2),
    },
    {
        "kind": RegulationKind.TAILORED,
        "title": "Afspraken op maat",
        "description": (
            "Past geen van de regelingen, dan zoek je samen met je leidinggevende een oplossing, "
            "zoals tijdelijk andere taken, een aangepast rooster of tijdelijk minder uren. Leg de "
            "afspraken vast en kijk na een paar maanden samen of ze nog werken."
        ),
        "url": f"{INTRANET}/mantelzorg/maatwerk",
        "last_checked": date(2026, 4, 9),
    },
    {
        "kind": RegulationKind.OTHER,
        "title": "Extra verlof kopen met het keuzebudget",
        "description": (
            "Met je individueel keuzebudget kun je extra verlofuren kopen voor een periode waarin "
            "de zorg veel van je vraagt. De voorwaarden staan in de cao en op het "
            "personeelsportaal."
        ),
        "url": f"{INTRANET}/regelingen/keuzebudget",
        "last_checked": date(2025, 12, 8),
    },
]
