"""`manage.py seed_demo` fills a development database with Gemeente Voorbeeldstad."""

import sys
import types
from datetime import date, timedelta
from importlib.machinery import ModuleSpec
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from programme import demo
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
from programme.selectors import overdue_actions, year_at_a_glance

TODAY = date(2026, 11, 23)  # the day the demo's story is told
SLUG = "gemeente-voorbeeldstad"
# The support advisor and coordinator belong to the demo's steunpunt (support/demo.py).
DEMO_EMAILS = [
    "hr@example.org",
    "manager@example.org",
    "advisor@example.org",
    "coordinator@example.org",
]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True
    # The production hasher is slow on purpose; these tests hash the demo password many times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def voorbeeldstad(db, debug_on) -> Organisation:
    seed()
    return Organisation.objects.get(slug=SLUG)


def test_it_creates_the_demo_municipality_with_its_users(voorbeeldstad):
    assert voorbeeldstad.name == "Gemeente Voorbeeldstad"
    assert voorbeeldstad.kind == "gemeente"
    assert voorbeeldstad.employee_count == 1600
    assert {"Stadhuis", "Stadskantoor", "Gemeentewerf"} <= set(voorbeeldstad.location_list)
    assert "mantelzorg" in voorbeeldstad.goal
    roles = {
        m.user.email: (m.role, m.user.full_name)
        for m in voorbeeldstad.memberships.select_related("user")
    }
    assert {email: role for email, (role, _) in roles.items()} == {
        "hr@example.org": Role.HR,
        "manager@example.org": Role.MANAGER,
    }
    assert all(full_name for _, full_name in roles.values())


def _snapshot() -> dict:
    return {
        "organisations": list(Organisation.objects.values()),
        "users": list(User.objects.values("pk", "email", "full_name", "is_active")),
        "memberships": list(Membership.objects.values("pk", "user", "organisation", "role")),
        "actions": list(Action.objects.order_by("pk").values()),
        "contacts": list(ContactPerson.objects.values()),
        "support": list(SupportOffer.objects.values()),
        "regulations": list(Regulation.objects.values()),
    }


def test_running_it_twice_creates_nothing_new(voorbeeldstad):
    before = _snapshot()

    seed()

    after = _snapshot()
    for rows in (before["actions"], after["actions"]):
        for row in rows:
            row.pop("updated_at")
    assert after == before
    assert Organisation.objects.filter(slug=SLUG).count() == 1
    assert Action.objects.filter(carried_from__isnull=False).count() == 1


def test_running_it_again_undoes_changes_to_the_demo_records(voorbeeldstad):
    action = voorbeeldstad.actions.get(year=2025, title="Intranetpagina over werk en mantelzorg")
    action.status = ActionStatus.CANCELLED
    action.completed_date = None
    action.save()
    voorbeeldstad.memberships.filter(user__email="manager@example.org").update(role=Role.HR)

    seed()

    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.completed_date == date(2025, 4, 24)
    assert voorbeeldstad.memberships.get(user__email="manager@example.org").role == Role.MANAGER


def test_it_refuses_to_run_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())

    assert not Organisation.objects.filter(slug=SLUG).exists()
    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_demo_users_can_log_in_with_demo(voorbeeldstad, email):
    request = RequestFactory().get("/")
    user = authenticate(request=request, username=email, password="demo")

    assert user is not None
    assert user.email == email


def test_the_hr_advisor_logs_in_through_the_login_page(voorbeeldstad):
    client = Client()

    response = client.post(
        reverse("account_login"), {"login": "hr@example.org", "password": "demo"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="hr@example.org").pk)


def test_running_it_again_sets_the_password_back_to_demo(voorbeeldstad):
    user = User.objects.get(email="hr@example.org")
    user.set_password("something-else-entirely")
    user.save()

    seed()

    user.refresh_from_db()
    assert user.check_password("demo")


def test_the_2025_review_has_a_done_action_in_every_pillar(voorbeeldstad):
    actions_2025 = voorbeeldstad.actions.filter(year=2025)

    assert actions_2025.filter(status=ActionStatus.DONE).count() == 12
    assert actions_2025.filter(status=ActionStatus.IN_PROGRESS).count() == 2
    assert actions_2025.filter(status=ActionStatus.CANCELLED).count() == 1
    assert not actions_2025.filter(status=ActionStatus.PLANNED).exists()
    for pillar in PillarKey.values:
        done = actions_2025.filter(pillar=pillar, status=ActionStatus.DONE)
        assert done.exists(), pillar
        assert all(a.completed_date and a.completed_date.year == 2025 for a in done)


def test_the_2026_plan_is_partly_done_partly_open_and_partly_overdue(voorbeeldstad):
    glance = year_at_a_glance(organisation=voorbeeldstad, year=2026, today=TODAY)

    assert (glance.total, glance.done, glance.in_progress, glance.planned, glance.cancelled) == (
        11,
        4,
        3,
        3,
        1,
    )
    assert glance.planned_next_year == 3  # the 2027 plans
    overdue = overdue_actions(organisation=voorbeeldstad, today=TODAY)
    assert {a.year for a in overdue} == {2025, 2026}
    assert overdue.filter(year=2026, status=ActionStatus.PLANNED).exists()
    assert overdue.filter(year=2026, status=ActionStatus.IN_PROGRESS).exists()
    assert voorbeeldstad.actions.filter(
        year=2026,
        status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS],
        planned_date__gt=TODAY,
    ).exists()


def test_the_day_of_the_carer_recurs_and_was_carried_into_2026(voorbeeldstad):
    original = voorbeeldstad.actions.get(year=2025, recurs_yearly=True)
    carried = original.carried_to.get()

    assert original.planned_date == date(2025, 11, 10)
    assert original.status == ActionStatus.DONE
    assert carried.year == 2026
    assert carried.title == original.title
    assert carried.recurs_yearly
    assert carried.planned_date == date(2026, 11, 10)
    assert carried.status == ActionStatus.DONE
    assert carried.completed_date == date(2026, 11, 10)
    assert carried.partner == demo.STEUNPUNT


def test_every_demo_action_passes_the_models_validation(voorbeeldstad):
    for action in voorbeeldstad.actions.all():
        action.full_clean()


def test_it_registers_contact_persons_and_support_inside_and_outside(voorbeeldstad):
    assert voorbeeldstad.contact_persons.count() == 3
    offers = {offer.name: offer for offer in voorbeeldstad.support_offers.all()}
    assert offers["MantelzorgNL"].url == "https://www.mantelzorg.nl"
    assert offers["Werk&Mantelzorg"].url == "https://www.werkenmantelzorg.nl"
    assert offers["Steunpunt Mantelzorg Voorbeeldregio"].kind == SupportOfferKind.EXTERNAL
    assert offers["Bedrijfsmaatschappelijk werk"].kind == SupportOfferKind.INTERNAL
    assert {o.kind for o in offers.values()} == set(SupportOfferKind.values)


def test_it_describes_a_regulation_of_every_kind_and_one_needs_checking_again(voorbeeldstad):
    regulations = list(voorbeeldstad.regulations.all())
    year_ago = TODAY - timedelta(days=365)

    assert {r.kind for r in regulations} == set(RegulationKind.values)
    assert all(r.url.startswith("https://intranet.voorbeeldstad.nl/") for r in regulations)
    stale = [r for r in regulations if r.last_checked < year_ago]
    assert len(stale) == 1
    short_leave = voorbeeldstad.regulations.get(kind=RegulationKind.SHORT_TERM_CARE_LEAVE)
    assert "70%" in short_leave.description


def test_it_prints_the_organisation_and_the_logins(db, debug_on):
    output = seed()

    assert "Gemeente Voorbeeldstad" in output
    assert f"/o/{SLUG}/" in output
    for email in DEMO_EMAILS:
        assert email in output
    assert "'demo'" in output


def test_other_apps_can_add_their_own_demo_step(db, debug_on, monkeypatch):
    seen = []

    def seed_demo(*, organisation):
        seen.append(organisation.slug)
        return "pillars: progress recorded"

    module = types.ModuleType("pillars.demo")
    module.__spec__ = ModuleSpec("pillars.demo", loader=None)
    module.seed_demo = seed_demo
    monkeypatch.setitem(sys.modules, "pillars.demo", module)

    output = seed()

    assert seen == [SLUG]
    assert "pillars: progress recorded" in output
