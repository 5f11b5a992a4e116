"""The demo municipality's progress on the four pillars, told as of late November 2026.

``manage.py seed_demo`` calls `seed_demo` after the programme's own demo records exist. Progress
is keyed on (organisation, item) and evidence files on (progress, original name), so running it
again duplicates nothing. The history is written only when a progress row is first created: it
replays how the P&O adviser filled the checklist in, with the dates moved back to when it happened.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from pillars.models import (
    ChecklistItem,
    EvidenceFile,
    ItemProgress,
    Pillar,
    ProgressChange,
    ProgressStatus,
)
from pillars.selectors import progress_for
from pillars.services import evidence_add, item_add_own, next_yearly_due_date, progress_update
from programme import demo
from programme.models import Action, ContactPerson, Membership, Organisation, PillarKey

# The day the demo's story is told.
STORY_DATE = date(2026, 11, 23)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
INTRANET = demo.INTRANET

HR = "hr@example.org"  # Femke Jansen, P&O-adviseur: fills in the checklist
MANAGER = "manager@example.org"  # Ruben Bakker, leidinggevende
LOTTE = "Lotte van Dijk"  # contact person: beleidsadviseur duurzame inzetbaarheid
MEHMET = "Mehmet Yilmaz"  # contact person: P&O-adviseur

DONE = ProgressStatus.DONE
BUSY = ProgressStatus.IN_PROGRESS
OPEN = ProgressStatus.OPEN
NVT = ProgressStatus.NOT_APPLICABLE


@dataclass(frozen=True)
class DemoFile:
    name: str
    kind: str  # "pdf" or "png"
    title: str  # the text on the page or picture


@dataclass(frozen=True)
class DemoProgress:
    pillar: str
    order: int | None  # a standard item's order; None for the organisation's own item
    status: str
    started: date  # when work on the item was first recorded
    responsible: str = ""  # a member's email, or a contact person's name
    due_date: date | None = None  # the due date while the item was worked on
    completed_date: date | None = None
    evidence_text: str = ""
    evidence_url: str = ""
    notes: str = ""
    reason: str = ""  # why it does not apply
    actions: tuple[tuple[int, str], ...] = ()  # (year, title) of the actions that served it
    files: tuple[DemoFile, ...] = ()


# The organisation's own item in Borgen.
OWN_ITEM = {
    "pillar": PillarKey.EMBED,
    "text": "Elk jaar een lunch voor werkende mantelzorgers.",
    "guidance": (
        "Een informele lunch waar collega's met zorgtaken elkaar ontmoeten, met een consulent van "
        "het steunpunt die vragen beantwoordt."
    ),
    "counts_for_recognition": False,
    "recurs_yearly": True,
}

CARERS_DAY_2025 = (demo.CARERS_DAY.year, demo.CARERS_DAY.title)
CARERS_DAY_2026 = (demo.CARERS_DAY.year + 1, demo.CARERS_DAY.title)

PROGRESS = [
    # --- Bespreken: mostly done ------------------------------------------------------------------
    DemoProgress(
        pillar=PillarKey.DISCUSS,
        order=10,
        status=DONE,
        started=date(2025, 2, 20),
        responsible=HR,
        due_date=date(2025, 4, 30),
        completed_date=date(2025, 4, 24),
        evidence_text=(
            "Sinds april 2025 staat alles over werk en mantelzorg op één intranetpagina. Op alle "
            "locaties hangen posters met een QR-code naar die pagina."
        ),
        evidence_url=f"{INTRANET}/mantelzorg",
        actions=(
            (2025, "Posters over werk en mantelzorg op alle locaties"),
            (2025, "Intranetpagina over werk en mantelzorg"),
        ),
        files=(DemoFile("poster-werk-en-mantelzorg.png", "png", "Werk en mantelzorg"),),
    ),
    DemoProgress(
        pillar=PillarKey.DISCUSS,
        order=20,
        status=DONE,
        started=date(2025, 2, 11),
        responsible=MANAGER,
        due_date=date(2025, 12, 31),
        completed_date=date(2025, 11, 13),
        evidence_text=(
            "Het MT besprak werk en mantelzorg in februari 2025. De afdelingshoofden zetten het "
            "onderwerp daarna op de agenda van hun teamoverleg. In november was er een lunch voor "
            "collega's met zorgtaken."
        ),
        actions=(
            (2025, "Werk en mantelzorg besproken in het MT en het HR-overleg"),
            (2025, "Lunchbijeenkomst voor werkende mantelzorgers"),
        ),
    ),
    DemoProgress(
        pillar=PillarKey.DISCUSS,
        order=30,
        status=NVT,
        started=date(2026, 3, 5),
        reason=(
            "We houden niet per persoon bij wie mantelzorger is: dat zijn gezondheidsgegevens, en "
            "die mag een werkgever niet verzamelen. Hoe het thema leeft, weten we alleen als "
            "geheel uit de anonieme monitor; zie het punt over de eerste meting."
        ),
    ),
    DemoProgress(
        pillar=PillarKey.DISCUSS,
        order=40,
        status=BUSY,
        started=date(2026, 10, 19),
        responsible=LOTTE,
        due_date=date(2027, 1, 14),
        notes=(
            "De directie sprak in het MT af het onderwerp zelf aan te snijden. De "
            "gemeentesecretaris vertelt op de nieuwjaarsbijeenkomst van januari 2027 over zorg "
            "voor een naaste."
        ),
        actions=((2025, "Werk en mantelzorg besproken in het MT en het HR-overleg"),),
    ),
    DemoProgress(
        pillar=PillarKey.DISCUSS,
        order=50,
        status=DONE,
        started=date(2025, 9, 1),
        responsible=HR,
        due_date=date(2025, 11, 10),
        completed_date=date(2025, 11, 10),
        evidence_text=(
            "Alle medewerkers, mantelzorger of niet, konden de monitor tot de Dag van de "
            "Mantelzorg anoniem invullen. De uitkomsten staan als geheel op het intranet."
        ),
        evidence_url=f"{INTRANET}/mantelzorg/monitor-2025",
        actions=(
            (2025, "Werk&Mantelzorg-monitor uitgezet onder alle medewerkers"),
            (2026, "Uitkomsten van de monitor delen via het intranet"),
        ),
        files=(DemoFile("samenvatting-monitor-2025.pdf", "pdf", "Samenvatting monitor 2025"),),
    ),
    # --- Beschrijven: mostly done; the agreements with the occupational health service are late --
    DemoProgress(
        pillar=PillarKey.DESCRIBE,
        order=10,
        status=DONE,
        started=date(2025, 3, 3),
        responsible=LOTTE,
        due_date=date(2025, 6, 30),
        completed_date=date(2025, 6, 19),
        evidence_text=(
            "De visie staat als doel op de organisatiepagina en in het beleid voor duurzame "
            "inzetbaarheid."
        ),
        evidence_url=f"{INTRANET}/beleid/duurzame-inzetbaarheid",
        actions=((2025, "Mantelzorg ondergebracht bij het beleid voor duurzame inzetbaarheid"),),
        files=(DemoFile("visie-werk-en-mantelzorg.pdf", "pdf", "Visie werk en mantelzorg"),),
    ),
    DemoProgress(
        pillar=PillarKey.DESCRIBE,
        order=20,
        status=DONE,
        started=date(2025, 3, 3),
        responsible=HR,
        due_date=date(2025, 4, 30),
        completed_date=date(2025, 4, 24),
        evidence_text=(
            "Alle regelingen staan onder Regelingen en op het intranet, van kortdurend zorgverlof "
            "tot afspraken op maat. De jaarlijkse controle is in december."
        ),
        evidence_url=f"{INTRANET}/mantelzorg/regelingen",
        notes="Thuiswerken is langer dan een jaar niet gecontroleerd: meenemen in de controle.",
        actions=(
            (2025, "Intranetpagina over werk en mantelzorg"),
            (2026, "Regelingen op het intranet nalopen"),
        ),
    ),
    DemoProgress(
        pillar=PillarKey.DESCRIBE,
        order=30,
        status=DONE,
        started=date(2025, 3, 3),
        responsible=HR,
        due_date=date(2025, 6, 30),
        completed_date=date(2025, 6, 10),
        evidence_text=(
            "De regelingen staan op het intranet en op de posters. De HR-adviseurs kregen in juni "
            "2025 uitleg, zodat zij leidinggevenden kunnen helpen."
        ),
        evidence_url=f"{INTRANET}/mantelzorg",
        actions=(
            (2025, "Intranetpagina over werk en mantelzorg"),
            (2025, "Presentatie werk en mantelzorg voor de HR-adviseurs"),
        ),
    ),
    DemoProgress(
        pillar=PillarKey.DESCRIBE,
        order=40,
        status=BUSY,
        started=date(2026, 5, 12),
        responsible=MEHMET,
        due_date=date(2026, 10, 15),
        notes=(
            "Eerste gesprek met de bedrijfsarts is geweest. De afspraken over signalen van "
            "overbelasting moeten nog op papier."
        ),
        actions=((2026, "Afspraken met de arbodienst over signalen van overbelasting"),),
    ),
    # --- Bekwamen: about half; the training for managers is late ----------------------------------
    DemoProgress(
        pillar=PillarKey.EQUIP,
        order=10,
        status=BUSY,
        started=date(2026, 1, 19),
        responsible=LOTTE,
        due_date=date(2026, 6, 30),
        notes=(
            "Het leermiddel voor leidinggevenden is nog niet klaar. We kiezen met het "
            "opleidingsbureau tussen een e-learning en intervisie."
        ),
        actions=(
            (2025, "Leermiddel over mantelzorg voor leidinggevenden ontwikkelen"),
            (2026, "Gesprekken over een e-learning mantelzorg voor leidinggevenden voortzetten"),
        ),
    ),
    DemoProgress(
        pillar=PillarKey.EQUIP,
        order=20,
        status=DONE,
        started=date(2026, 2, 2),
        responsible=HR,
        due_date=date(2026, 6, 30),
        completed_date=date(2026, 6, 25),
        evidence_text=(
            "De contactpersonen lichtten in het overleg van elke afdeling de regelingen en het "
            "aanbod van het steunpunt toe."
        ),
        evidence_url=f"{INTRANET}/mantelzorg/voor-leidinggevenden",
        actions=(
            (2025, "Presentatie werk en mantelzorg voor de HR-adviseurs"),
            (2026, "Training voor de P&O-adviseurs als contactpersoon mantelzorg"),
        ),
    ),
    DemoProgress(
        pillar=PillarKey.EQUIP,
        order=30,
        status=OPEN,
        started=date(2026, 10, 5),
        responsible=MANAGER,
        due_date=date(2027, 2, 26),
        notes="Komt in het inwerkprogramma voor nieuwe leidinggevenden.",
        actions=((2027, "Mantelzorg in het inwerkprogramma voor nieuwe leidinggevenden"),),
    ),
    DemoProgress(
        pillar=PillarKey.EQUIP,
        order=40,
        status=DONE,
        started=date(2025, 4, 1),
        responsible=HR,
        due_date=date(2025, 5, 15),
        completed_date=date(2025, 5, 12),
        evidence_text=(
            "Twee P&O-adviseurs zijn contactpersoon mantelzorg. Ze staan onder Contactpersonen en "
            "op het intranet."
        ),
        evidence_url=f"{INTRANET}/mantelzorg/contactpersonen",
        actions=(
            (2025, "Contactpersonen mantelzorg aangewezen binnen P&O"),
            (2026, "Training voor de P&O-adviseurs als contactpersoon mantelzorg"),
        ),
    ),
    # --- Borgen: three of the four standard items, and a lunch of our own -----------------------
    DemoProgress(
        pillar=PillarKey.EMBED,
        order=10,
        status=DONE,
        started=date(2026, 1, 12),
        responsible=HR,
        due_date=date(2026, 3, 31),
        completed_date=date(2026, 4, 9),
        evidence_text=(
            "Het formulier voor de jaargesprekken vraagt naar de balans tussen werk en privé, "
            "zorg voor een naaste inbegrepen."
        ),
        evidence_url=f"{INTRANET}/p-en-o/jaargesprek",
        actions=((2026, "Maak mantelzorg een gewoon onderwerp in gesprekken"),),
    ),
    DemoProgress(
        pillar=PillarKey.EMBED,
        order=20,
        status=DONE,
        started=date(2025, 3, 3),
        responsible=HR,
        due_date=date(2025, 4, 30),
        completed_date=date(2025, 4, 24),
        evidence_text="Op het intranet staat een eigen pagina over werk en mantelzorg.",
        evidence_url=f"{INTRANET}/mantelzorg",
        actions=((2025, "Intranetpagina over werk en mantelzorg"),),
    ),
    DemoProgress(
        pillar=PillarKey.EMBED,
        order=30,
        status=BUSY,
        started=date(2026, 9, 21),
        responsible=HR,
        due_date=date(2027, 1, 31),
        notes=(
            "Nieuwe collega's horen er al over op de introductiedag. Het welkomstpakket wordt nog "
            "aangepast."
        ),
        actions=((2025, "Mantelzorg in het introductieprogramma voor nieuwe medewerkers"),),
    ),
    DemoProgress(
        pillar=PillarKey.EMBED,
        order=40,
        status=DONE,
        started=date(2026, 9, 15),
        responsible=MEHMET,
        due_date=date(2026, 11, 10),
        completed_date=date(2026, 11, 10),
        evidence_text=(
            "Op 10 november stonden P&O en het steunpunt met een informatiekraam in de hal van het "
            "stadskantoor. Collega's die voor iemand zorgen kregen een kleine attentie."
        ),
        actions=(
            (2025, "Dag van de Mantelzorg in de kalender diversiteit & inclusie"),
            CARERS_DAY_2025,
            CARERS_DAY_2026,
        ),
        files=(
            DemoFile("informatiekraam-dag-van-de-mantelzorg.png", "png", "Dag van de Mantelzorg"),
        ),
    ),
    DemoProgress(
        pillar=PillarKey.EMBED,
        order=None,
        status=BUSY,
        started=date(2026, 6, 11),
        responsible=HR,
        due_date=date(2027, 6, 10),
        notes=(
            "De lunch van 2026 is vervangen door persoonlijke gesprekken met het steunpunt. In "
            "juni 2027 is er weer een lunch."
        ),
        actions=(
            (2025, "Lunchbijeenkomst voor werkende mantelzorgers"),
            (2026, "Tweede lunchbijeenkomst voor werkende mantelzorgers"),
        ),
    ),
]


# --- Small evidence files, built here so that the demo needs nothing on disk ------------------


def pdf_bytes(title: str) -> bytes:
    """A valid one-page PDF with a title line."""
    text = title.encode("latin-1", "replace").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 18 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_bytes(title: str) -> bytes:
    """A small PNG: a poster-like card in the programme's colours."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 160), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 239, 40), fill=(0, 94, 133))
    draw.text((10, 14), title, fill=(255, 255, 255))
    draw.ellipse((90, 60, 150, 120), fill=(230, 126, 34))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def file_bytes(demo_file: DemoFile) -> bytes:
    return pdf_bytes(demo_file.title) if demo_file.kind == "pdf" else png_bytes(demo_file.title)


# --- Writing it -----------------------------------------------------------------------------


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def _own_item(organisation: Organisation) -> ChecklistItem:
    fields = dict(OWN_ITEM)
    pillar = Pillar.objects.get(key=fields.pop("pillar"))
    item = ChecklistItem.objects.filter(
        organisation=organisation, pillar=pillar, text=fields["text"]
    ).first()
    if item is None:
        return item_add_own(organisation=organisation, pillar=pillar, **fields)
    ChecklistItem.objects.filter(pk=item.pk).update(
        guidance=fields["guidance"],
        counts_for_recognition=fields["counts_for_recognition"],
        recurs_yearly=fields["recurs_yearly"],
    )
    return item


def _item(organisation: Organisation, spec: DemoProgress) -> ChecklistItem:
    if spec.order is None:
        return _own_item(organisation)
    return ChecklistItem.objects.get(
        pillar__key=spec.pillar, organisation__isnull=True, order=spec.order
    )


class _People:
    def __init__(self, organisation: Organisation):
        self.members = {
            m.user.email: m
            for m in Membership.objects.filter(organisation=organisation).select_related("user")
        }
        self.contacts = {c.name: c for c in ContactPerson.objects.filter(organisation=organisation)}
        self.actions = {
            (a.year, a.title): a for a in Action.objects.filter(organisation=organisation)
        }

    def responsible(self, who: str) -> dict:
        if not who:
            return {"responsible_member": None, "responsible_contact": None}
        if "@" in who:
            return {"responsible_member": self.members[who], "responsible_contact": None}
        return {"responsible_member": None, "responsible_contact": self.contacts[who]}

    def actions_of(self, spec: DemoProgress) -> list[Action]:
        missing = [key for key in spec.actions if key not in self.actions]
        if missing:
            raise LookupError(f"The demo has no action {missing[0]!r}")
        return [self.actions[key] for key in spec.actions]


def _final_fields(item: ChecklistItem, spec: DemoProgress, people: _People) -> dict:
    due_date = spec.due_date
    if spec.status == DONE and item.recurs_yearly:
        due_date = next_yearly_due_date(
            item=item, completed=spec.completed_date, previous_due=spec.due_date
        )
    return {
        "status": spec.status,
        "not_applicable_reason": spec.reason,
        **people.responsible(spec.responsible),
        "due_date": due_date,
        "completed_date": spec.completed_date if spec.status == DONE else None,
        "evidence_text": spec.evidence_text,
        "evidence_url": spec.evidence_url,
        "notes": spec.notes,
    }


def _steps(spec: DemoProgress, final: dict, actions: list[Action]) -> list[tuple[datetime, dict]]:
    """How the item was filled in: started (responsible, due date, actions), then finished."""
    if spec.status == NVT:
        return [
            (
                _at(spec.started, 10, 5),
                {"status": NVT, "not_applicable_reason": spec.reason},
            )
        ]
    start = {
        "status": OPEN if spec.status == OPEN else BUSY,
        "responsible_member": final["responsible_member"],
        "responsible_contact": final["responsible_contact"],
        "due_date": spec.due_date,
        "actions": actions,
    }
    if spec.status != DONE:
        start["notes"] = spec.notes
        return [(_at(spec.started, 9, 30), start)]
    finish = {
        "status": DONE,
        "completed_date": spec.completed_date,
        "evidence_text": spec.evidence_text,
        "evidence_url": spec.evidence_url,
        "notes": spec.notes,
    }
    return [(_at(spec.started, 9, 30), start), (_at(spec.completed_date, 15, 45), finish)]


def _last_change_pk() -> int:
    return ProgressChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _replay(organisation, item, spec, final, actions, hr) -> ItemProgress:
    """Fill the item in as the HR user did, then date each history entry back."""
    progress = None
    for moment, fields in _steps(spec, final, actions):
        after = _last_change_pk()
        progress = progress_update(
            organisation=organisation, item=item, by=hr, fields=dict(fields), today=moment.date()
        )
        ProgressChange.objects.filter(progress=progress, pk__gt=after).update(changed_at=moment)
    return progress


def _ensure_files(organisation, item, progress, spec, hr) -> None:
    for number, demo_file in enumerate(spec.files):
        content = file_bytes(demo_file)
        existing = EvidenceFile.objects.filter(
            progress=progress, original_name=demo_file.name
        ).first()
        if existing is not None:
            if not existing.file.storage.exists(existing.file.name):
                # The row survived a cleared media folder: put the file back.
                existing.file.save(demo_file.name, ContentFile(content), save=False)
                EvidenceFile.objects.filter(pk=existing.pk).update(
                    file=existing.file.name, size=len(content)
                )
            continue
        moment = _at(spec.completed_date or spec.started, 16, 10 + number)
        after = _last_change_pk()
        content_type = "application/pdf" if demo_file.kind == "pdf" else "image/png"
        evidence = evidence_add(
            organisation=organisation,
            item=item,
            upload=SimpleUploadedFile(demo_file.name, content, content_type=content_type),
            by=hr,
        )
        EvidenceFile.objects.filter(pk=evidence.pk).update(uploaded_at=moment)
        ProgressChange.objects.filter(progress=progress, pk__gt=after).update(changed_at=moment)


@transaction.atomic
def seed_demo(*, organisation: Organisation) -> str:
    """Give the demo organisation its progress on all four pillars; return a summary line."""
    people = _People(organisation)
    hr = people.members[HR].user
    for spec in PROGRESS:
        item = _item(organisation, spec)
        final = _final_fields(item, spec, people)
        actions = people.actions_of(spec)
        progress = ItemProgress.objects.filter(organisation=organisation, item=item).first()
        if progress is None:
            progress = _replay(organisation, item, spec, final, actions, hr)
            ItemProgress.objects.filter(pk=progress.pk).update(
                updated_at=max(change.changed_at for change in progress.changes.all())
            )
        # Put back what a demo user may have changed, without writing history for it.
        changed = {name: value for name, value in final.items() if getattr(progress, name) != value}
        if changed:
            ItemProgress.objects.filter(pk=progress.pk).update(**changed)
        if {a.pk for a in progress.actions.all()} != {a.pk for a in actions}:
            progress.actions.set(actions)
        _ensure_files(organisation, item, progress, spec, hr)

    summaries = progress_for(organisation=organisation, today=STORY_DATE)
    per_pillar = ", ".join(f"{s.pillar.name} {s.done}/{s.total}" for s in summaries)
    files = EvidenceFile.objects.filter(progress__organisation=organisation).count()
    return f"pillars: {per_pillar} done; {files} evidence files"
