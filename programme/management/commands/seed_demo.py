"""Fill a development database with the demo municipality Gemeente Voorbeeldstad."""

from dataclasses import asdict
from importlib import import_module
from pathlib import Path

from allauth.mfa.models import Authenticator
from axes.utils import reset as reset_failed_logins
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import module_has_submodule

from programme import demo
from programme.models import (
    Action,
    ContactPerson,
    Membership,
    Organisation,
    Regulation,
    SupportOffer,
    TwoFactorRequirement,
)
from programme.services import actions_carry_into_next_year

User = get_user_model()

# Other apps add their part of the demo (pillar progress, monitor campaigns, recognition, letters)
# with a function of this name in their own `demo` module: programme must not import them.
APP_STEP = "seed_demo"


class Command(BaseCommand):
    help = (
        "Create or refresh the demo municipality Gemeente Voorbeeldstad with its users "
        f"(password '{demo.PASSWORD}'), actions, contact persons, support and regulations. "
        "Runs only with DEBUG on; running it again gives the same data."
    )

    def handle(self, *args, **options):
        # The demo and its summary speak the site's default language, whatever was active before.
        with translation.override(settings.LANGUAGE_CODE):
            self._seed()

    def _seed(self):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo runs only with DEBUG on (DJANGO_DEBUG=1): its users have the password "
                f"'{demo.PASSWORD}' and must never reach a production database."
            )
        with transaction.atomic():
            organisation = seed_organisation()
            users = seed_users(organisation)
            seed_actions(organisation)
            seed_recurring_actions(organisation)
            seed_contact_persons(organisation)
            seed_support_offers(organisation)
            seed_regulations(organisation)
            seed_logo(organisation)
            app_lines = seed_other_apps(organisation)
        self.print_summary(organisation, users, app_lines)

    def print_summary(self, organisation: Organisation, users, app_lines: list[str]) -> None:
        years = ", ".join(
            f"{year}: {organisation.actions.filter(year=year).count()}"
            for year in sorted({item.year for item in demo.ACTIONS})
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo organisation: {organisation.name} (/o/{organisation.slug}/)")
        )
        self.stdout.write(f"  actions per year: {years}")
        self.stdout.write(
            f"  contact persons: {organisation.contact_persons.count()}, "
            f"support offers: {organisation.support_offers.count()}, "
            f"regulations: {organisation.regulations.count()}"
        )
        for line in app_lines:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Log in with password '{demo.PASSWORD}':")
        for user, membership in users:
            self.stdout.write(
                f"  {user.email:<22} {membership.get_role_display()} ({user.full_name})"
            )
        if organisation.two_factor_required != TwoFactorRequirement.NOBODY:
            self.stdout.write(
                f"{organisation.name} requires two-step verification for "
                f"{organisation.get_two_factor_required_display()}: after the password, the first "
                "login asks to set up an authenticator app (scan the QR code, or type the key it "
                "shows); seeding again removes it."
            )


def seed_organisation() -> Organisation:
    """The demo municipality, found by its slug."""
    fields = dict(demo.ORGANISATION)
    slug = fields.pop("slug")
    organisation, _ = Organisation.objects.update_or_create(slug=slug, defaults=fields)
    return organisation


def seed_users(organisation: Organisation) -> list[tuple]:
    """The demo users with the demo password (set again on every run) and their roles."""
    # One hash for all of them: hashing is slow on purpose, and the password is public anyway.
    password_hash = make_password(demo.PASSWORD)
    seeded = []
    for item in demo.USERS:
        user = User.objects.filter(email__iexact=item.email).first() or User(email=item.email)
        user.full_name = item.full_name
        user.is_active = True
        user.password = password_hash
        user.save()
        reset_failed_logins(username=item.email)  # a locked-out demo login works again
        # Two-step verification set up in an earlier run goes: each run shows its set-up anew.
        Authenticator.objects.filter(user=user).delete()
        membership, _ = Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": item.role}
        )
        seeded.append((user, membership))
    return seeded


def _upsert_action(organisation: Organisation, item: demo.DemoAction) -> Action:
    fields = asdict(item)
    year, title = fields.pop("year"), fields.pop("title")
    action, _ = Action.objects.update_or_create(
        organisation=organisation, year=year, title=title, defaults=fields
    )
    return action


def seed_actions(organisation: Organisation) -> None:
    """The Terugblik of 2025, the plan of 2026 as it stands in November and a few 2027 plans."""
    for item in demo.ACTIONS:
        _upsert_action(organisation, item)


def seed_recurring_actions(organisation: Organisation) -> None:
    """Carry 2025's Day of the Carer into 2026 (once), where it has been done by now."""
    carers_day = demo.CARERS_DAY
    actions_carry_into_next_year(organisation=organisation, year=carers_day.year)
    Action.objects.filter(
        carried_from__organisation=organisation,
        carried_from__year=carers_day.year,
        carried_from__title=carers_day.title,
    ).update(**demo.CARERS_DAY_NEXT_YEAR)


def seed_contact_persons(organisation: Organisation) -> None:
    for fields in demo.CONTACT_PERSONS:
        fields = dict(fields)
        ContactPerson.objects.update_or_create(
            organisation=organisation, name=fields.pop("name"), defaults=fields
        )


def seed_support_offers(organisation: Organisation) -> None:
    # The steunpunt's former name, from before it served the whole region (older demo databases).
    SupportOffer.objects.filter(organisation=organisation, name=demo.FORMER_STEUNPUNT).delete()
    for fields in demo.SUPPORT_OFFERS:
        fields = dict(fields)
        SupportOffer.objects.update_or_create(
            organisation=organisation, name=fields.pop("name"), defaults=fields
        )


def seed_regulations(organisation: Organisation) -> None:
    for fields in demo.REGULATIONS:
        fields = dict(fields)
        Regulation.objects.update_or_create(
            organisation=organisation, title=fields.pop("title"), defaults=fields
        )


def seed_logo(organisation: Organisation) -> None:
    """A drawn logo for the letterhead of letters and posters, unless the demo already has one."""
    if organisation.logo and organisation.logo.storage.exists(organisation.logo.name):
        return
    organisation.logo.save(f"{organisation.slug}.png", ContentFile(demo.logo_png()), save=True)


def seed_other_apps(organisation: Organisation) -> list[str]:
    """Run `seed_demo(organisation=...)` of each other project app's `demo` module, if any.

    Apps run in the order of INSTALLED_APPS (pillars and monitor before recognition). A step may
    return a line for the summary.
    """
    lines = []
    for app_config in apps.get_app_configs():
        is_project_app = Path(app_config.path).parent == Path(settings.BASE_DIR)
        if app_config.name == "programme" or not is_project_app:
            continue
        if not module_has_submodule(app_config.module, "demo"):
            continue
        step = getattr(import_module(f"{app_config.name}.demo"), APP_STEP, None)
        if step is not None and (line := step(organisation=organisation)):
            lines.append(line)
    return lines
