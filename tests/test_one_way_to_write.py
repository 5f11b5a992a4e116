"""Views never write themselves: every change goes through a service (one transaction, the
model's rules checked), and rules live in the models, so the admin and the shell obey them too."""

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from monitor import campaign_services
from monitor.models import Campaign, Department
from monitor.services import MonitorError
from programme import services
from programme.models import Action, ContactPerson
from tests.conftest import client_for, with_second_factor
from tests.monitor.conftest import make_upcoming

ROOT = Path(__file__).resolve().parent.parent
TAKEN = "Er is al een afdeling met deze naam."  # the product speaks Dutch first
APPS = ("accounts", "programme", "pillars", "monitor", "recognition", "support")
# Writes a model or a form makes itself; a view calls a service instead.
WRITES = {"save", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
QUERYSET_WRITES = {"create", "update"}  # on .objects or a related manager


def view_modules() -> list[Path]:
    """Every module of views: views.py, views/*.py, and any other module that holds a view of an
    organisation (pillars/transfer.py); not programme/scoping.py, which defines org_view."""
    paths = set()
    for app in APPS:
        paths |= set((ROOT / app / "views").glob("*.py"))
        for path in (ROOT / app).glob("*.py"):
            if path.name == "views.py" or "@org_view(" in path.read_text():
                paths.add(path)
    return sorted(paths)


def direct_writes(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        target = ast.unparse(node.func.value)
        is_queryset = target.endswith("objects") or target.startswith("ctx.organisation.")
        if name in WRITES or (name in QUERYSET_WRITES and is_queryset):
            found.append(f"{path.relative_to(root)}:{node.lineno} {target}.{name}()")
    return found


def test_the_check_sees_the_views_of_every_app():
    names = {str(path.relative_to(ROOT)) for path in view_modules()}
    assert {
        "programme/views/actions.py",
        "programme/views/registers.py",
        "pillars/views.py",
        "pillars/transfer.py",
        "monitor/views/campaigns.py",
        "recognition/views/letters.py",
        "support/views/pipeline.py",
        "support/views/employer_following.py",
    } <= names


def test_the_check_finds_a_direct_write(tmp_path):
    """The guard's own control: the two shapes the views used to have are found."""
    sample = tmp_path / "views.py"
    sample.write_text(
        "def edit(request, form, obj):\n"
        "    form.save()\n"
        "    obj.delete()\n"
        "    Action.objects.create(title='x')\n"
        "    messages.success(request, 'ok')\n"
    )
    found = [line.split(" ", 1)[1] for line in direct_writes(sample, root=tmp_path)]
    assert found == ["form.save()", "obj.delete()", "Action.objects.create()"]


def test_no_view_saves_or_deletes_a_model_or_form_itself():
    found = [write for path in view_modules() for write in direct_writes(path)]
    assert found == [], "route these writes through the app's services: " + ", ".join(found)


# --- The rules hold outside the forms ---------------------------------------------------------


def test_a_department_name_is_taken_whatever_its_capitals(org_a, org_b):
    campaign_services.department_add(organisation=org_a, name="Burgerzaken")
    with pytest.raises(MonitorError, match=TAKEN):
        campaign_services.department_add(organisation=org_a, name="burgerzaken")
    other = campaign_services.department_add(organisation=org_a, name="Zorg")
    with pytest.raises(ValidationError, match=TAKEN):
        campaign_services.department_update(department=other, fields={"name": "BURGERZAKEN "})
    with pytest.raises(ValidationError) as error:
        Department(organisation=org_a, name="BurgerZaken", code=9).full_clean()
    assert "name" in error.value.message_dict
    # Another organisation may have its own "Burgerzaken".
    assert campaign_services.department_add(organisation=org_b, name="burgerzaken").code == 1


@pytest.fixture
def staff_client(db):
    return client_for(
        with_second_factor(User.objects.create_superuser(email="beheer@example.org", password="x"))
    )


def test_the_admin_obeys_the_department_rule(staff_client, org_a):
    campaign_services.department_add(organisation=org_a, name="Burgerzaken")
    other = campaign_services.department_add(organisation=org_a, name="Zorg")
    response = staff_client.post(
        reverse("admin:monitor_department_change", args=[other.pk]),
        {"organisation": org_a.pk, "name": "BURGERZAKEN", "is_active": "on"},
    )
    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    other.refresh_from_db()
    assert other.name == "Zorg"


def test_a_campaign_cannot_close_before_it_opens_whoever_saves_it(org_a):
    fields = {"title": "Monitor", "opens_on": date(2027, 3, 31), "closes_on": date(2027, 3, 1)}
    with pytest.raises(ValidationError) as error:
        campaign_services.campaign_create(organisation=org_a, fields=fields)
    assert error.value.message_dict["closes_on"] == [
        "De sluitdatum kan niet vóór de openingsdatum liggen."
    ]
    assert not Campaign.objects.exists()
    today = timezone.localdate()
    campaign = make_upcoming(
        org_a, opens_on=today + timedelta(days=7), closes_on=today + timedelta(days=28)
    )
    with pytest.raises(ValidationError) as error:
        campaign_services.campaign_update(
            campaign=campaign, fields={"closes_on": today + timedelta(days=6)}
        )
    assert list(error.value.message_dict) == ["closes_on"]


def test_the_action_services_check_the_models_rules(org_a, make_action):
    with pytest.raises(ValidationError) as error:
        services.action_create(
            organisation=org_a,
            fields={"title": "Lunch", "year": 2026, "planned_date": date(2025, 11, 10)},
        )
    assert "planned_date" in error.value.message_dict
    assert not Action.objects.exists()
    action = services.action_create(organisation=org_a, fields={"title": "Lunch", "year": 2026})
    services.action_update(action=action, fields={"title": "Mantelzorglunch"})
    action.refresh_from_db()
    assert action.title == "Mantelzorglunch"
    services.action_delete(action=action)
    assert not Action.objects.exists()


def test_a_register_entry_is_saved_only_for_its_own_organisation(org_a, org_b):
    entry = services.register_entry_save(
        organisation=org_a, entry=ContactPerson(organisation=org_a), fields={"name": "Anna"}
    )
    assert entry.pk and entry.organisation == org_a
    with pytest.raises(services.ProgrammeError):
        services.register_entry_save(organisation=org_b, entry=entry, fields={"name": "Bert"})
    with pytest.raises(ValidationError):
        services.register_entry_save(organisation=org_a, entry=entry, fields={"email": "nee"})
    services.register_entry_delete(entry=entry)
    assert not ContactPerson.objects.exists()


def test_the_department_form_still_shows_the_rule_on_its_field(hr_client, org_a):
    campaign_services.department_add(organisation=org_a, name="Burgerzaken")
    url = reverse("monitor:department_create", kwargs={"slug": org_a.slug})
    response = hr_client.post(url, {"name": "burgerzaken"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [TAKEN]}


def test_an_own_questions_options_are_checked_outside_the_form(org_a):
    """Too few, repeated or too long options: refused by the model, so by the service (the
    shell) and the admin as well, not only by the HR form."""
    today = timezone.localdate()  # before its first day, whatever day the tests run
    campaign = make_upcoming(
        org_a, opens_on=today + timedelta(days=7), closes_on=today + timedelta(days=28)
    )
    base = {"kind": "single", "text": "Werk je op locatie?"}
    for options in ["Ja", "Ja\nja", "Ja\n" + "x" * 121]:
        with pytest.raises(MonitorError):
            campaign_services.custom_question_add(
                campaign=campaign, fields={**base, "options": options}
            )
    assert not campaign.custom_questions.exists()
    question = campaign_services.custom_question_add(
        campaign=campaign, fields={**base, "options": "Ja\nNee"}
    )
    assert question.option_labels == ["Ja", "Nee"]
