"""Input rules that hold for every model of the project, whatever writes it (programme.validation):
no character XML cannot hold is ever stored, and an id too large for the database is no choice."""

from datetime import date
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import signals
from django.urls import reverse

from accounts.models import User
from monitor.models import Department, TextAnswer
from monitor.respond_forms import SectionForm
from monitor.services import texts_add
from pillars import services as pillar_services
from pillars.models import ChecklistItem, Pillar
from programme.models import Action
from programme.text import has_xml_illegal
from programme.validation import PROJECT_APPS, text_field_names
from recognition.forms import ProfileForm
from recognition.models import PublicProfile
from tests.conftest import make_user
from tests.monitor.conftest import make_campaign
from tests.programme.test_actions import VALID, url

VT = "\x0b"  # Word's soft line break, pasted into a form
TOO_LARGE = "99999999999999999999"  # more than any integer column holds


# --- Text XML cannot hold ------------------------------------------------------------------------


def test_a_vertical_tab_typed_into_a_form_is_stored_without_it(org_a, hr_client):
    data = {**VALID, "title": f"Dag van de{VT}Mantelzorg", "description": f"Regel 1{VT}Regel 2\x01"}
    assert hr_client.post(url("action_create", org_a), data).status_code == 302
    action = Action.objects.get()
    assert action.title == "Dag van de Mantelzorg"
    assert action.description == "Regel 1 Regel 2"
    page = hr_client.get(url("action_detail", org_a, pk=action.pk)).content.decode()
    assert "Dag van de Mantelzorg" in page and VT not in page  # the user sees what is stored


def test_the_orm_and_the_shell_store_text_without_it(org_a, make_action):
    action = make_action(org_a, title=f"Mantelzorg{VT}lunch\ufffe", owner="P&O\x00")
    action.refresh_from_db()
    assert (action.title, action.owner) == ("Mantelzorg lunch", "P&O")
    action.description = "\ud800kapot"  # a lone surrogate, as a broken encoding leaves it
    action.save(update_fields=["description"])
    action.refresh_from_db()
    assert action.description == "kapot"


def test_every_app_obeys_it(org_a, hr_a):
    user = make_user("nieuw@aland.example", full_name=f"Anna{VT}de Vries")
    item = pillar_services.item_add_own(
        organisation=org_a,
        pillar=Pillar.objects.get(key="borgen"),
        text="Lunch\x07",
        guidance=f"Elk{VT}jaar",
        counts_for_recognition=False,
    )
    department = Department.objects.create(organisation=org_a, name=f"Burger{VT}zaken", code=3)
    profile = PublicProfile.objects.create(organisation=org_a, introduction="Welkom\x1b")
    user.refresh_from_db()
    item = ChecklistItem.objects.get(pk=item.pk)
    department.refresh_from_db()
    profile.refresh_from_db()
    assert user.full_name == "Anna de Vries"
    assert (item.text, item.guidance) == ("Lunch", "Elk jaar")
    assert department.name == "Burger zaken"
    assert profile.introduction == "Welkom"


def test_free_texts_moved_in_bulk_are_cleaned_too(org_a):
    campaign = make_campaign(org_a)
    texts_add(campaign=campaign, texts=[(10, f"Meer{VT}begrip\x02 graag")])
    assert TextAnswer.objects.get().text == "Meer begrip graag"


def test_signatories_written_in_bulk_are_cleaned_too(org_a):
    from recognition import services
    from recognition.models import Signatory

    letter = services.letter_compose(
        organisation=org_a, year=2025, language="nl", today=date(2026, 1, 10)
    )
    services.letter_update(
        letter=letter, fields={}, sections={}, signatories=[(f"Anna{VT}de Vries", "Wethouder\x0c")]
    )
    assert list(Signatory.objects.values_list("name", "role")) == [("Anna de Vries", "Wethouder")]


def test_the_cleaning_covers_every_text_column_of_every_model_of_the_project():
    # Every app of the project's own is covered: a new app left out of PROJECT_APPS fails here.
    base = Path(settings.BASE_DIR).resolve()
    own = {c.label for c in apps.get_app_configs() if Path(c.path).resolve().parent == base}
    assert own == PROJECT_APPS
    checked = 0
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            instance = model()
            for name in text_field_names(model):
                setattr(instance, name, f"a{VT}b\x00")
            signals.pre_save.send(sender=model, instance=instance, raw=False, using="default")
            for name in text_field_names(model):
                assert not has_xml_illegal(getattr(instance, name)), (model, name)
                checked += 1
    assert checked > 50


# --- Ids too large for the database --------------------------------------------------------------


def test_an_id_too_large_in_a_multiple_choice_is_a_form_error(org_a, make_action):
    action = make_action(org_a)
    form = ProfileForm(
        {"actions": [str(action.pk), TOO_LARGE], "partners": [f"-{TOO_LARGE}"]},
        organisation=org_a,
        instance=PublicProfile(organisation=org_a),
    )
    assert not form.is_valid()
    assert TOO_LARGE in form.errors["actions"][0]
    assert "partners" in form.errors


def test_an_id_too_large_posted_to_the_profile_page_is_a_form_error(org_a, hr_client):
    edit = reverse("recognition:profile_edit", kwargs={"slug": org_a.slug})
    response = hr_client.post(edit, {"introduction": "Welkom", "actions": [TOO_LARGE]})
    assert response.status_code == 200
    assert "actions" in response.context["form"].errors


def test_an_id_too_large_in_a_single_choice_is_a_form_error(org_a, hr_client):
    item = ChecklistItem.objects.filter(organisation__isnull=True).first()
    edit = reverse("pillars:item_edit", kwargs={"slug": org_a.slug, "pk": item.pk})
    response = hr_client.post(edit, {"status": "bezig", "responsible": f"member-{TOO_LARGE}"})
    assert response.status_code == 200
    assert "responsible" in response.context["form"].errors


def test_an_in_look_up_leaves_out_values_the_column_cannot_hold(org_a, make_action):
    action = make_action(org_a)
    huge = int(TOO_LARGE)
    assert list(Action.objects.filter(pk__in=[huge, -huge])) == []
    assert list(Action.objects.filter(pk__in=[huge, action.pk])) == [action]
    assert list(Action.objects.exclude(pk__in=[huge])) == [action]
    assert list(User.objects.filter(pk__in=[huge])) == []


def test_an_id_too_large_among_an_items_actions_is_a_form_error(org_a, hr_client):
    item = ChecklistItem.objects.filter(organisation__isnull=True).first()
    edit = reverse("pillars:item_edit", kwargs={"slug": org_a.slug, "pk": item.pk})
    response = hr_client.post(edit, {"status": "bezig", "actions": [TOO_LARGE]})
    assert response.status_code == 200
    assert "actions" in response.context["form"].errors


def test_an_answer_code_too_large_in_the_monitor_is_a_form_error():
    from monitor.questionnaire import STANDARD_2026, QuestionKind

    question = next(q for q in STANDARD_2026.questions if q.kind == QuestionKind.MULTI)
    form = SectionForm({f"q{question.code}": [TOO_LARGE]}, questions=[question])
    assert not form.is_valid()
    assert f"q{question.code}" in form.errors
