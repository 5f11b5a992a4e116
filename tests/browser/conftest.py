"""Fixtures for the browser tests: one Chromium per session, a fresh context and page per test,
the live server set up to behave like production over plain HTTP, and the data of one
organisation built with the ORM."""

import os
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, sync_playwright

from accounts.models import User
from pillars import services as pillar_services
from pillars.models import ChecklistItem, Pillar, ProgressStatus
from programme.models import (
    Action,
    ActionStatus,
    ContactPerson,
    Membership,
    Organisation,
    PillarKey,
    Regulation,
    RegulationKind,
    Role,
    SupportOffer,
    SupportOfferKind,
)

from .checks import PHONE
from .samples import PDF, PNG
from .steps import PASSWORD, log_in

STANDARD_CHECKLIST = import_module("pillars.migrations.0002_standard_checklist")

# Playwright's sync API keeps an event loop running in the test thread; Django would otherwise
# refuse every database query the fixtures make from that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The tests run with DEBUG off, as in production, but the live server speaks plain HTTP and has
# no collected static files: no redirect to HTTPS, and {% static %} without the manifest. The
# live server serves static files straight from the finders, so WhiteNoise needs no STATIC_ROOT.
# Secure cookies stay on: Chromium accepts them from http://localhost. The live server starts once
# per session with these settings in force, so no test outside tests/browser may start it first.
BROWSER_SETTINGS = {
    "SECURE_SSL_REDIRECT": False,
    "STATIC_ROOT": None,
    # Every test logs in through the form; a slow hash there only costs time.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
}


@pytest.fixture(scope="session", autouse=True)
def _browser_settings():
    """Apply BROWSER_SETTINGS before the live server loads its middleware."""
    override = override_settings(**BROWSER_SETTINGS)
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session")
def server_url(_browser_settings, live_server) -> str:
    return live_server.url


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, server_url):
    # A Dutch browser, like the people who use the product.
    context = browser.new_context(base_url=server_url, locale="nl-NL")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()


@pytest.fixture
def phone_page(browser, server_url) -> Page:
    context = browser.new_context(
        base_url=server_url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


# --- Data --------------------------------------------------------------------------------------


@pytest.fixture
def organisation(transactional_db) -> Organisation:
    # A transactional test empties every table when it ends, the pillars and the standard
    # checklist of the data migration too: seed them again as the migration does. (Django's
    # serialized rollback cannot do it here: once Playwright's event loop runs in this thread,
    # Django hands out another connection object, without the serialized contents.)
    STANDARD_CHECKLIST.seed(django_apps, None)
    return Organisation.objects.create(name="Gemeente Voorbeeld", slug="gemeente-voorbeeld")


@pytest.fixture
def hr_user(organisation) -> User:
    user = User.objects.create_user("hr@voorbeeld.nl", PASSWORD, full_name="Hanna de Vries")
    Membership.objects.create(user=user, organisation=organisation, role=Role.HR)
    return user


@dataclass(frozen=True)
class Programme:
    """The primary keys and slug that the pages under test need."""

    slug: str
    hr_email: str
    action_pk: int
    manager_membership_pk: int
    regulation_pk: int


@pytest.fixture
def programme(organisation, hr_user) -> Programme:
    """A second organisation for the chooser, a few members and actions of every kind, and one
    entry in each register."""
    other = Organisation.objects.create(name="Zorggroep Oost", slug="zorggroep-oost", kind="zorg")
    Membership.objects.create(user=hr_user, organisation=other, role=Role.HR)
    manager = User.objects.create_user("leidinggevende@voorbeeld.nl", PASSWORD)
    manager_membership = Membership.objects.create(
        user=manager, organisation=organisation, role=Role.MANAGER
    )

    today = timezone.localdate()
    year = today.year
    done = Action.objects.create(
        organisation=organisation,
        title="Voorlichting voor leidinggevenden",
        description="Een bijeenkomst over het gesprek met een mantelzorger.",
        pillar=PillarKey.EQUIP,
        year=year,
        status=ActionStatus.DONE,
        completed_date=date(year, 1, 1),
        owner="P&O",
        partner="Steunpunt Mantelzorg",
    )
    Action.objects.create(
        organisation=organisation,
        title="Dag van de Mantelzorg",
        pillar=PillarKey.DISCUSS,
        year=year,
        status=ActionStatus.PLANNED,
        planned_date=date(year, 11, 10),
        recurs_yearly=True,  # not carried yet, so the outlook shows its alert
    )
    Action.objects.create(
        organisation=organisation,
        title="Regelingen op intranet",
        pillar=PillarKey.DESCRIBE,
        year=year - 1,
        status=ActionStatus.IN_PROGRESS,
        planned_date=date(year - 1, 6, 1),  # overdue, whatever today is
    )
    Action.objects.create(
        organisation=organisation,
        title="Mantelzorgcafé",
        pillar=PillarKey.DISCUSS,
        year=year,
        status=ActionStatus.PLANNED,
        planned_date=date(year, 12, 31),  # coming up, whatever today is
        owner="Steunpunt Mantelzorg",
    )
    Action.objects.create(
        organisation=organisation,
        title="Mantelzorg in het jaargesprek",
        year=year + 1,
        status=ActionStatus.PLANNED,
        planned_date=date(year + 1, 3, 1),
    )
    Action.objects.create(
        organisation=organisation,
        title="Oude nieuwsbrief",
        pillar=PillarKey.EMBED,
        year=year - 1,
        status=ActionStatus.CANCELLED,
    )

    ContactPerson.objects.create(
        organisation=organisation,
        name="Sanne Bakker",
        function="Vertrouwenspersoon",
        email="sanne@voorbeeld.nl",
        phone="020 123 4567",
    )
    SupportOffer.objects.create(
        organisation=organisation,
        name="Steunpunt Mantelzorg",
        kind=SupportOfferKind.EXTERNAL,
        url="https://www.example.org/steunpunt",
        contact="010 765 4321",
    )
    regulation = Regulation.objects.create(
        organisation=organisation,
        kind=RegulationKind.SHORT_TERM_CARE_LEAVE,
        title="Kortdurend zorgverlof",
        description="Twee keer de wekelijkse arbeidsduur per jaar, met 70% van het loon.",
        url="https://www.example.org/zorgverlof",
    )
    Regulation.objects.create(
        organisation=organisation,
        kind=RegulationKind.FLEXIBLE_HOURS,
        title="Flexibele werktijden",
        last_checked=date(year - 3, 5, 1),
    )
    return Programme(
        slug=organisation.slug,
        hr_email=hr_user.email,
        action_pk=done.pk,
        manager_membership_pk=manager_membership.pk,
        regulation_pk=regulation.pk,
    )


@dataclass(frozen=True)
class PillarProgramme:
    """The primary keys and slugs that the pillar pages under test need."""

    slug: str
    hr_email: str
    other_slug: str  # an organisation where the HR user is responsible for nothing
    item_pk: int  # an item with evidence files, linked actions and a history
    evidence_pk: int
    own_item_pk: int


NOT_APPLICABLE_REASON = "Wij meten niets per persoon; de landelijke monitor volstaat."
EVIDENCE_URL = (
    "https://voorbeeld.sharepoint.example.org/sites/PersoneelEnOrganisatie/Gedeelde%20documenten/"
    "Mantelzorg/Verslag_bijeenkomst_leidinggevenden_2025.pdf"
)
EVIDENCE_FILE_NAME = "Verslag_bijeenkomst_mantelzorgvriendelijk_werkgeverschap_2025.pdf"


@pytest.fixture
def pillar_programme(programme, organisation, hr_user) -> PillarProgramme:
    """Progress on every pillar, built with the services as the pages would: every status,
    a reason for each item that does not apply, overdue items (one a yearly moment that is due
    again), people responsible, an item of the organisation's own, and one item with evidence
    files, linked actions and several changes in its history."""
    today = timezone.localdate()
    items = {
        pillar.key: list(pillar.items.filter(organisation=None).order_by("order"))
        for pillar in Pillar.objects.all()
    }
    assert [len(items[key]) for key in PillarKey.values] == [5, 4, 4, 4], "standard items missing"
    hr_membership = Membership.objects.get(user=hr_user, organisation=organisation)
    contact = organisation.contact_persons.get()
    long_ago, soon = today - timedelta(days=40), today + timedelta(days=60)

    def update(item: ChecklistItem, **fields) -> None:
        pillar_services.progress_update(
            organisation=organisation, item=item, by=hr_user, fields=fields, today=today
        )

    def add_file(item: ChecklistItem, name: str, content: bytes, content_type: str):
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        return pillar_services.evidence_add(
            organisation=organisation, item=item, upload=upload, by=hr_user
        )

    discuss = items["bespreken"]
    showcase = discuss[0]
    update(
        showcase,
        status=ProgressStatus.IN_PROGRESS,
        responsible_member=hr_membership,
        due_date=soon,
        actions=list(organisation.actions.filter(pillar=PillarKey.DISCUSS)),
    )
    update(
        showcase,
        status=ProgressStatus.DONE,
        evidence_text="Artikel op intranet en posters op alle locaties.",
        # As long as the addresses of document sites are, without a place to break.
        evidence_url=EVIDENCE_URL,
        notes="Volgend jaar opnieuw onder de aandacht brengen.",
        actions=list(organisation.actions.filter(pillar__in=[PillarKey.DISCUSS, PillarKey.EQUIP])),
    )
    evidence = add_file(showcase, EVIDENCE_FILE_NAME, PDF, "application/pdf")
    add_file(showcase, "poster.png", PNG, "image/png")
    update(
        discuss[1],
        status=ProgressStatus.IN_PROGRESS,
        responsible_member=hr_membership,
        due_date=long_ago,
    )
    update(
        discuss[2],
        status=ProgressStatus.NOT_APPLICABLE,
        not_applicable_reason=NOT_APPLICABLE_REASON,
    )
    update(discuss[3], responsible_contact=contact, due_date=soon)

    describe = items["beschrijven"]
    update(describe[0], status=ProgressStatus.DONE, responsible_member=hr_membership)
    update(describe[1], due_date=long_ago)
    update(
        describe[2],
        status=ProgressStatus.NOT_APPLICABLE,
        not_applicable_reason="De regelingen staan al in de cao.",
    )
    update(describe[3], status=ProgressStatus.IN_PROGRESS, responsible_contact=contact)

    equip = items["bekwamen"]
    update(
        equip[0], status=ProgressStatus.IN_PROGRESS, responsible_contact=contact, due_date=long_ago
    )
    update(equip[1], status=ProgressStatus.DONE)
    own = pillar_services.item_add_own(
        organisation=organisation,
        pillar=equip[0].pillar,
        text="Een intervisiegroep voor leidinggevenden komt elk kwartaal bijeen.",
        guidance="Met een externe begeleider.",
        counts_for_recognition=False,
    )
    update(own, responsible_member=hr_membership, due_date=soon)

    embed = items["borgen"]
    yearly = embed[0]
    assert yearly.recurs_yearly
    update(yearly, status=ProgressStatus.DONE)  # its due date moves a year on...
    update(yearly, due_date=long_ago)  # ...and here it has passed: the moment is due again
    update(
        embed[1],
        status=ProgressStatus.NOT_APPLICABLE,
        not_applicable_reason="Er is geen intranet; het personeelshandboek volstaat.",
    )
    update(embed[2], status=ProgressStatus.DONE)
    update(embed[3], due_date=long_ago)

    return PillarProgramme(
        slug=organisation.slug,
        hr_email=hr_user.email,
        other_slug=Organisation.objects.exclude(pk=organisation.pk).get().slug,
        item_pk=showcase.pk,
        evidence_pk=evidence.pk,
        own_item_pk=own.pk,
    )


# --- Logging in --------------------------------------------------------------------------------


@pytest.fixture
def hr_page(page, hr_user) -> Page:
    log_in(page, hr_user.email)
    return page
