"""Employers with everything a portfolio row shows, for the portfolio's tests.

Each employer gets actions, progress on the checklist (a standard item and one of its own), a
campaign closed through the monitor's own close (so its figures are a real snapshot), a
recognition, and an entry in the support organisation's pipeline with contacts."""

from datetime import date, timedelta

from django.utils import timezone

from monitor.models import Campaign
from pillars.models import ChecklistItem, ItemProgress, Pillar, ProgressStatus
from programme.models import Action, ActionStatus, Organisation, OrganisationKind
from recognition.models import Recognition, RecognitionStatus
from support.models import Contact, ContactKind, Prospect, Stage, SupportOrganisation
from tests.conftest import follow
from tests.monitor.conftest import close, make_campaign, submit

CARER = {1: [1], 3: [2], 6: [1], 7: [1], 8: [1], 9: [1], 10: [1, 2], 12: [4]}
NOT_CARER = {1: [2], 8: [3], 9: [3], 12: [2]}
KINDS = [kind for kind, _label in OrganisationKind.choices]


def open_campaign(
    organisation: Organisation, *, carers: int, others: int, today: date, **extra
) -> Campaign:
    """A campaign open on `today`, answered by carers and others."""
    campaign = make_campaign(
        organisation,
        **{
            "title": f"Monitor {organisation.name}",
            "opens_on": today - timedelta(days=7),
            "closes_on": today + timedelta(days=14),
            **extra,
        },
    )
    for _ in range(carers):
        submit(campaign, CARER, today=today)
    for _ in range(others):
        submit(campaign, NOT_CARER, today=today)
    return campaign


def closed_campaign(
    organisation: Organisation, *, carers: int, others: int, today: date, **extra
) -> Campaign:
    """A campaign answered, then closed by HR on `today`: its snapshot is written."""
    campaign = open_campaign(organisation, carers=carers, others=others, today=today, **extra)
    return close(campaign, today=today)


def employer(support: SupportOrganisation, number: int, **fields) -> Organisation:
    """Employer `number`, followed by `support`, with data of every kind the portfolio reads."""
    today = timezone.localdate()
    organisation = Organisation.objects.create(
        **{
            "name": f"Werkgever {number:03d}",
            "slug": f"werkgever-{number:03d}",
            "kind": KINDS[number % len(KINDS)],
            "employee_count": 20 + 37 * number,
            **fields,
        }
    )
    follow(support, organisation)
    for offset in (10, 40):
        Action.objects.create(
            organisation=organisation,
            title=f"Lunch {offset}",
            year=(today + timedelta(days=offset)).year,
            planned_date=today + timedelta(days=offset),
        )
    Action.objects.create(
        organisation=organisation,
        title="Gedaan",
        year=today.year,
        status=ActionStatus.DONE,
        completed_date=today - timedelta(days=3),
    )
    standard = ChecklistItem.objects.filter(organisation__isnull=True).first()
    ItemProgress.objects.create(
        organisation=organisation,
        item=standard,
        status=ProgressStatus.DONE,
        completed_date=today - timedelta(days=30),
    )
    own = ChecklistItem.objects.create(
        pillar=Pillar.objects.get(key="borgen"), organisation=organisation, text="Eigen stap"
    )
    ItemProgress.objects.create(
        organisation=organisation, item=own, due_date=today + timedelta(days=20)
    )
    closed_campaign(organisation, carers=3, others=2, today=today)
    Recognition.objects.create(
        organisation=organisation,
        status=RecognitionStatus.RECOGNISED,
        applied_on=today - timedelta(days=400),
        granted_on=today - timedelta(days=365),
        valid_until=today + timedelta(days=700),
        renewal_due=today + timedelta(days=500),
    )
    prospect = Prospect.objects.create(
        support_organisation=support,
        name=organisation.name,
        organisation=organisation,
        stage=Stage.ACTIVE,
        next_step="Terugbellen",
        next_step_on=today + timedelta(days=5),
    )
    for days, kind in ((30, ContactKind.VISIT), (7, ContactKind.CALL)):
        Contact.objects.create(
            prospect=prospect, on=today - timedelta(days=days), kind=kind, notes="Gesprek"
        )
    return organisation
