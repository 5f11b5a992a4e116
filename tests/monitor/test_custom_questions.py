"""Questions of the organisation's own: their codes, their options, the limit and the lock; the
guard against health questions and colleagues' names; optional answers for the respondent.

The questions can change until the campaign's first day (Campaign.is_fixed), so the campaign of
these tests has not opened yet on TODAY; the tests of the lock let it open.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from monitor.campaign_services import (
    custom_question_add,
    custom_question_delete,
    custom_question_update,
)
from monitor.forms import CustomQuestionForm
from monitor.models import MAX_CUSTOM_QUESTIONS, CustomQuestion
from monitor.question_guard import health_terms_in, member_names_in, parse_terms
from monitor.questionnaire import Q_CARER, VERSIONS
from monitor.respond_forms import PREFER_NOT_TO_SAY, SectionForm, field_name, is_required
from monitor.results import BREAKDOWNS, breakdown_for, breakdowns_for
from monitor.selectors import questionnaire_for
from monitor.services import MonitorError, clean_answers
from programme.models import Membership, Role
from tests.conftest import make_member, make_user
from tests.monitor.conftest import TODAY, make_upcoming, move_first_day, submit


def url(name, campaign, **kwargs):
    return reverse(
        f"monitor:{name}",
        kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk, **kwargs},
    )


SINGLE = {"kind": "single", "text": "Werk je op locatie?", "text_en": "", "options": "Ja\nNee"}
# What the HR form posts: the question, and the ticked confirmation.
POSTED = {**SINGLE, "confirm": "on"}

HEALTH = "Dit gaat over gezondheid of ziekte"
NAMES = "Hier staat de naam van iemand uit je organisatie"
NOT_ALLOWED = "De monitor mag niet vragen naar gezondheid of ziekte, en mag geen collega's noemen."


LOCKED = "The campaign has opened, so the questions can no longer change."


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # Whether the questions can still change depends on timezone.localdate(): the tests' day.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def campaign(org_a):
    """A campaign before its first day, when HR sets up its questions."""
    return make_upcoming(org_a)


def add(campaign, **fields):
    return custom_question_add(campaign=campaign, fields={**SINGLE, **fields})


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def colleague(org_a):
    """A member of organisation A, whose name an own question may not carry."""
    user = make_member(org_a, "jan.de.vries@aland.example", Role.MANAGER)
    user.full_name = "Jan de Vries"
    user.save()
    return user


def test_hr_advisor_adds_a_question_with_code_101(campaign, hr_client):
    data = {**POSTED, "options": "  Ja \n\n Nee\n", "text_en": "Do you work on site?"}
    response = hr_client.post(url("question_create", campaign), data)
    assert response["Location"] == reverse(
        "monitor:campaign_detail", kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk}
    )
    question = CustomQuestion.objects.get()
    assert (question.campaign, question.code, question.option_labels) == (
        campaign,
        101,
        ["Ja", "Nee"],
    )
    assert question.options == "Ja\nNee"


def test_the_next_question_takes_the_next_free_code(campaign):
    first, second = add(campaign), add(campaign)
    first.delete()
    third = add(campaign)
    assert (second.code, third.code) == (102, 103)


def test_the_question_is_asked_in_the_campaigns_questionnaire(campaign):
    add(campaign, kind="multi", options="Thuis\nOp kantoor\nOnderweg")
    question = questionnaire_for(campaign=campaign).question(101)
    assert [str(o.label) for o in question.options] == ["Thuis", "Op kantoor", "Onderweg"]


@pytest.mark.parametrize("options", ["Ja", "\n".join(f"Optie {i}" for i in range(9)), "Ja\nja"])
def test_a_choice_needs_2_to_8_different_options(campaign, hr_client, options):
    response = hr_client.post(url("question_create", campaign), {**POSTED, "options": options})
    assert response.status_code == 200
    assert "options" in response.context["form"].errors
    assert not CustomQuestion.objects.exists()


def test_8_options_are_accepted(campaign, hr_client):
    options = "\n".join(f"Optie {i}" for i in range(8))
    hr_client.post(url("question_create", campaign), {**POSTED, "options": options})
    assert len(CustomQuestion.objects.get().option_labels) == 8


def test_a_scale_question_keeps_no_options(campaign, hr_client):
    data = {**POSTED, "kind": "scale", "text": "Ik voel me gesteund.", "options": "a\nb"}
    hr_client.post(url("question_create", campaign), data)
    question = CustomQuestion.objects.get()
    assert (question.kind, question.options) == ("scale", "")
    assert len(questionnaire_for(campaign=campaign).question(101).options) == 5


def test_a_free_text_question_cannot_be_added(campaign, hr_client):
    response = hr_client.post(url("question_create", campaign), {**POSTED, "kind": "text"})
    assert "kind" in response.context["form"].errors


def test_a_campaign_has_at_most_5_questions_of_its_own(campaign, hr_client):
    for _ in range(MAX_CUSTOM_QUESTIONS):
        add(campaign)
    with pytest.raises(MonitorError):
        add(campaign)
    response = hr_client.post(url("question_create", campaign), POSTED, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert CustomQuestion.objects.count() == MAX_CUSTOM_QUESTIONS
    detail = hr_client.get(response.redirect_chain[-1][0]).content.decode()
    assert url("question_create", campaign) not in detail


def test_hr_advisor_edits_and_deletes_a_question(campaign, hr_client):
    question = add(campaign)
    data = {**POSTED, "text": "Werk je vaak op locatie?"}
    assert (
        hr_client.post(url("question_edit", campaign, question_pk=question.pk), data).status_code
        == 302
    )
    question.refresh_from_db()
    assert (question.text, question.code) == ("Werk je vaak op locatie?", 101)
    assert (
        hr_client.get(url("question_delete", campaign, question_pk=question.pk)).status_code == 200
    )
    hr_client.post(url("question_delete", campaign, question_pk=question.pk))
    assert not CustomQuestion.objects.exists()


def test_questions_are_fixed_once_the_campaign_opened(campaign, hr_client):
    question = add(campaign)
    # The clock moves past the campaign's first day (see move_first_day), and someone responds.
    move_first_day(campaign)
    assert submit(campaign, {Q_CARER: [1], 101: [1]})
    english(hr_client)
    for name, kwargs in [
        ("question_create", {}),
        ("question_edit", {"question_pk": question.pk}),
        ("question_delete", {"question_pk": question.pk}),
    ]:
        data = {**POSTED, "text": "Gewijzigd"}
        response = hr_client.post(url(name, campaign, **kwargs), data, follow=True)
        assert [(m.level_tag, m.message) for m in response.context["messages"]] == [
            ("error", LOCKED)
        ], name
        assert response.redirect_chain[-1][0] == url("campaign_detail", campaign)
    question.refresh_from_db()
    assert (CustomQuestion.objects.count(), question.text) == (1, SINGLE["text"])
    detail = hr_client.get(url("campaign_detail", campaign)).content.decode()
    assert "answers to different questions cannot be counted together" in detail
    assert "You can change the questions until the campaign opens." not in detail
    assert url("question_edit", campaign, question_pk=question.pk) not in detail
    assert url("question_create", campaign) not in detail


def test_an_open_campaign_refuses_a_question_change_before_anyone_responded(campaign, hr_client):
    """Fixed from the first day, not from the first response: that a change is refused tells
    nobody whether a colleague's form has arrived."""
    question = add(campaign)
    # The clock moves on to the campaign's first day (see move_first_day); nobody responds.
    move_first_day(campaign, TODAY)
    assert campaign.is_open_on(TODAY) and not campaign.has_responses
    assert campaign.is_fixed

    # The HR pages: every question page, shown or sent, goes back to the campaign.
    english(hr_client)
    pages = [
        ("question_create", {}),
        ("question_edit", {"question_pk": question.pk}),
        ("question_delete", {"question_pk": question.pk}),
    ]
    for name, kwargs in pages:
        for method in (hr_client.get, hr_client.post):
            response = method(url(name, campaign, **kwargs), {**POSTED, "text": "Gewijzigd"})
            assert response.status_code == 302, (name, method)
            assert response["Location"] == url("campaign_detail", campaign)
    detail = hr_client.get(url("campaign_detail", campaign))
    assert [m.message for m in detail.context["messages"]] == [LOCKED] * 6
    assert "answers to different questions cannot be counted together" in detail.content.decode()

    # The services (the shell).
    with pytest.raises(MonitorError):
        add(campaign, text="Een tweede vraag")
    with pytest.raises(MonitorError):
        custom_question_update(question=question, fields={"text": "Gewijzigd"})
    assert question.text == SINGLE["text"]
    with pytest.raises(MonitorError):
        custom_question_delete(question=question)

    # The model (the admin, an import).
    with pytest.raises(ValidationError):
        CustomQuestion.objects.create(campaign=campaign, code=102, **SINGLE)
    question.text = "Gewijzigd"
    with pytest.raises(ValidationError):
        question.save()
    with pytest.raises(ValidationError):
        question.delete()

    assert list(CustomQuestion.objects.values_list("code", "text")) == [(101, SINGLE["text"])]
    assert not campaign.has_responses


def test_the_questions_can_change_until_the_day_before_the_campaign_opens(campaign, hr_client):
    assert campaign.opens_on == TODAY + timedelta(days=1)
    assert not campaign.is_fixed
    page = english(hr_client).get(url("campaign_detail", campaign)).content.decode()
    assert "You can change the questions until the campaign opens." in page
    assert "answers to different questions cannot be counted together" not in page
    assert url("question_create", campaign) in page

    hr_client.post(url("question_create", campaign), POSTED)
    question = CustomQuestion.objects.get(campaign=campaign)
    page = hr_client.get(url("campaign_detail", campaign)).content.decode()
    edit = url("question_edit", campaign, question_pk=question.pk)
    assert edit in page and url("question_delete", campaign, question_pk=question.pk) in page
    assert hr_client.post(edit, {**POSTED, "text": "Werk je vaak op locatie?"}).status_code == 302
    question.refresh_from_db()
    assert question.text == "Werk je vaak op locatie?"
    hr_client.post(url("question_delete", campaign, question_pk=question.pk))
    assert not CustomQuestion.objects.exists()


def test_a_manager_cannot_add_edit_or_delete_questions(campaign, manager_client):
    question = add(campaign)
    for name, kwargs in [
        ("question_create", {}),
        ("question_edit", {"question_pk": question.pk}),
        ("question_delete", {"question_pk": question.pk}),
    ]:
        assert manager_client.post(url(name, campaign, **kwargs), POSTED).status_code == 403
    assert CustomQuestion.objects.count() == 1


def test_a_question_of_another_campaign_is_not_found(campaign, org_a, hr_client):
    other = add(make_upcoming(org_a, title="Andere monitor"))
    for name in ("question_edit", "question_delete"):
        response = hr_client.post(url(name, campaign, question_pk=other.pk), POSTED)
        assert response.status_code == 404
    assert CustomQuestion.objects.filter(pk=other.pk).exists()


# --- The guard: the health terms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Welke diagnose heeft uw naaste?", ["diagnose"]),
        ("Heeft je naaste een longziekte?", ["longziekte"]),
        ("Hoe hoog is het ziekteverzuim in je team?", ["ziekteverzuim"]),
        ("Zorg je voor iemand met dementie of alzheimer?", ["dementie", "alzheimer"]),
        ("Kanker\nSuikerziekte\nBurn-out", ["Kanker", "Suikerziekte", "Burn-out"]),
        ("Heeft je naaste MS?", ["MS"]),
        ("Gebruikt je naaste medicatie of medicijnen?", ["medicatie", "medicijnen"]),
        ("Gaat het over je gezondheid?", ["gezondheid"]),
        ("Ben je zwanger?", ["zwanger"]),
        ("Bezoek aan de huisarts of bedrijfsarts", ["huisarts", "bedrijfsarts"]),
        ("Volgt je naaste een therapie of behandeling?", ["therapie", "behandeling"]),
        ("Een naaste met een beperking of handicap", ["beperking", "handicap"]),
        ("Hoe gaat het met de patiënt?", ["patiënt"]),
        ("PATIËNT", ["PATIËNT"]),
        ("Does your relative have a chronic illness?", ["chronic", "illness"]),
        ("Which diagnosis, disease or disability?", ["diagnosis", "disease", "disability"]),
        ("Are you pregnant? Is it about your health?", ["pregnant", "health"]),
        ("Cancer, dementia or depression", ["Cancer", "dementia", "depression"]),
        ("Does anyone take medication?", ["medication"]),
    ],
)
def test_health_terms_are_found_also_in_compounds(text, found):
    assert health_terms_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Hoe vaak werkt u thuis?",
        "Ken je de regeling voor kortdurend zorgverlof en calamiteitenverlof?",
        "Ik weet bij wie ik terecht kan met vragen over mantelzorg.",
        "Woont je naaste in een verpleeghuis of thuis?",
        "Gebruik je MS Teams of MS Office om thuis te werken?",
        "Which terms and parts of the policy help you?",
        "Werk je bij een coöperatie?",
        "Het amendement van de ondernemingsraad",
        "Schuif je rooster zijwaarts?",
        "Is there hospitality for carers?",
        "Een HR-specialist helpt je verder.",
        "Arts and crafts on Friday",
        "",
    ],
)
def test_ordinary_words_are_not_flagged(text):
    assert health_terms_in(text) == []


def test_no_standard_question_trips_the_guard():
    """The standard questionnaire asks nothing about health: the guard agrees, in both
    languages, which keeps its word list honest about false alarms."""
    for language in ("nl", "en"):
        with translation.override(language):
            for questionnaire in VERSIONS.values():
                for question in questionnaire.questions:
                    texts = [question.text, question.help_text]
                    texts += [option.label for option in question.options]
                    for text in texts:
                        assert health_terms_in(str(text)) == [], (language, question.code, text)


def test_the_terms_file_syntax():
    rules = parse_terms(["# a comment", "", "ms", "*ziek*", "arts*", "burn out*", "!ms teams"])
    assert health_terms_in("MS, terms, msn", rules=rules) == ["MS"]
    assert health_terms_in("verzuim door ziekte", rules=rules) == ["ziekte"]
    assert health_terms_in("artsen, huisarts", rules=rules) == ["artsen"]
    assert health_terms_in("burnout, burn out, burn-outklachten", rules=rules) == [
        "burnout",
        "burn out",
        "burn-outklachten",
    ]
    assert health_terms_in("MS-Teams", rules=rules) == []


# --- The guard: names of members ---------------------------------------------------------------


def test_options_naming_a_member_are_found(org_a, colleague):
    options = [
        "Jan de Vries",
        "JAN DE VRIES",
        "Het team van Jan de Vries",
        "Vries, Jan de",
        "J. de Vries",
        "jan.de.vries@aland.example",
        "Mail jan.de.vries even",
    ]
    assert member_names_in(options, org_a) == options


def test_ordinary_options_and_one_word_names_are_not_a_member(org_a, hr_a, colleague):
    # hr@aland.example is a function's address, not a person's.
    options = ["Jan", "Januari", "De Vries", "Thuis", "Op kantoor", "HR", "Mijn manager"]
    assert member_names_in(options, org_a) == []


def test_a_one_word_name_only_counts_as_the_whole_option(org_a):
    make_member(org_a, "pieter@aland.example", Role.MANAGER)
    user = make_member(org_a, "zoe@aland.example", Role.MANAGER)
    user.full_name = "Zoë"
    user.save()
    assert member_names_in("Pieter\nPieter en ik\nZOE\nZoë en Jan", org_a) == ["Pieter", "ZOE"]


def test_names_are_compared_without_accents(org_a):
    user = make_member(org_a, "z.celik@aland.example", Role.MANAGER)
    user.full_name = "Zoë Çelik"
    user.save()
    assert member_names_in("zoe celik\nZ. Celik\nCelik", org_a) == ["zoe celik", "Z. Celik"]


def test_only_members_of_the_organisation_count(org_a, org_b, colleague):
    Membership.objects.filter(user=colleague).update(organisation=org_b)
    make_user("piet.jansen@elders.example", full_name="Piet Jansen")  # a member of nothing
    assert member_names_in("Jan de Vries\nPiet Jansen", org_a) == []
    assert member_names_in("Jan de Vries\nPiet Jansen", org_b) == ["Jan de Vries"]


# --- The guard in the HR form ------------------------------------------------------------------


def test_the_form_refuses_a_question_about_a_diagnosis(campaign, hr_client):
    data = {**POSTED, "text": "Welke diagnose heeft uw naaste?"}
    response = hr_client.post(url("question_create", campaign), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["text"]
    assert errors["text"] == [f"{HEALTH}: “diagnose”. {NOT_ALLOWED}"]
    assert "“diagnose”" in response.content.decode()
    assert not CustomQuestion.objects.exists()


def test_the_form_refuses_options_that_list_diagnoses(campaign, hr_client):
    data = {**POSTED, "text": "Waar heeft je naaste last van?", "options": "Kanker\nDementie"}
    response = hr_client.post(url("question_create", campaign), data)
    assert response.context["form"].errors["options"] == [
        f"{HEALTH}: “Kanker”, “Dementie”. {NOT_ALLOWED}"
    ]
    assert not CustomQuestion.objects.exists()


def test_the_form_refuses_an_english_text_about_illness(campaign, hr_client):
    data = {**POSTED, "text_en": "Is your relative ill?"}
    response = hr_client.post(url("question_create", campaign), data)
    assert list(response.context["form"].errors) == ["text_en"]
    assert not CustomQuestion.objects.exists()


def test_the_form_refuses_options_that_name_a_member(campaign, hr_client, colleague):
    data = {**POSTED, "text": "Met wie werk je samen?", "options": "Jan de Vries\nIemand anders"}
    response = hr_client.post(url("question_create", campaign), data)
    assert response.context["form"].errors["options"] == [f"{NAMES}: “Jan de Vries”. {NOT_ALLOWED}"]
    assert not CustomQuestion.objects.exists()


def test_the_form_accepts_an_ordinary_question(campaign, hr_client, colleague):
    data = {
        **POSTED,
        "text": "Hoe vaak werkt u thuis?",
        "text_en": "How often do you work from home?",
        "options": "Nooit\nSoms\nVaak",
    }
    response = hr_client.post(url("question_create", campaign), data)
    assert response.status_code == 302
    assert CustomQuestion.objects.get().text == "Hoe vaak werkt u thuis?"


def test_the_confirmation_is_required(campaign, hr_client):
    page = hr_client.get(url("question_create", campaign)).content.decode()
    assert (
        "Ik bevestig dat deze vraag niets vraagt over gezondheid of ziekte en geen collega&#x27;s "
        "noemt" in page
    )
    assert "De Autoriteit Persoonsgegevens staat niet toe dat werkgevers" in page
    response = hr_client.post(url("question_create", campaign), SINGLE)
    assert list(response.context["form"].errors) == ["confirm"]
    assert not CustomQuestion.objects.exists()


def test_editing_is_refused_for_health_terms_and_names(campaign, hr_client, colleague):
    question = add(campaign)
    edit = url("question_edit", campaign, question_pk=question.pk)
    response = hr_client.post(edit, {**POSTED, "text": "Heb je een chronische aandoening?"})
    assert response.context["form"].errors["text"] == [
        f"{HEALTH}: “chronische”, “aandoening”. {NOT_ALLOWED}"
    ]
    response = hr_client.post(edit, {**POSTED, "options": "Ja\nNee\nJ. de Vries"})
    assert response.context["form"].errors["options"] == [f"{NAMES}: “J. de Vries”. {NOT_ALLOWED}"]
    assert hr_client.post(edit, {**SINGLE, "text": "Anders"}).status_code == 200  # not ticked
    question.refresh_from_db()
    assert (question.text, question.options) == (SINGLE["text"], SINGLE["options"])


def test_the_form_needs_the_organisation(campaign, org_a):
    form = CustomQuestionForm({**POSTED}, organisation=org_a)
    assert form.is_valid(), form.errors
    assert "confirm" not in form.cleaned_data  # not part of the question
    with pytest.raises(TypeError):
        CustomQuestionForm({**POSTED})


# --- The guard in the services (the shell) and the model (the admin) ----------------------------


def test_the_service_refuses_a_health_question(campaign):
    with pytest.raises(MonitorError) as refused:
        add(campaign, text="Welke diagnose heeft uw naaste?")
    assert str(refused.value) == f"{HEALTH}: “diagnose”. {NOT_ALLOWED}"
    with pytest.raises(MonitorError):
        add(campaign, kind="multi", options="Kanker\nDementie\nDiabetes")
    assert not CustomQuestion.objects.exists()


def test_the_service_refuses_a_members_name(campaign, colleague):
    with pytest.raises(MonitorError) as refused:
        add(campaign, options="Jan de Vries\nIemand anders")
    assert str(refused.value) == f"{NAMES}: “Jan de Vries”. {NOT_ALLOWED}"
    assert not CustomQuestion.objects.exists()


def test_the_service_refuses_a_change_and_leaves_the_question_as_it_was(campaign, colleague):
    question = add(campaign)
    for fields in ({"text": "Is je naaste ziek?"}, {"options": "Ja\nNee\njan.de.vries"}):
        with pytest.raises(MonitorError):
            custom_question_update(question=question, fields=fields)
        assert (question.text, question.options) == (SINGLE["text"], SINGLE["options"])
        question.refresh_from_db()
        assert (question.text, question.options) == (SINGLE["text"], SINGLE["options"])
    custom_question_update(question=question, fields={"text": "Werk je vaak op locatie?"})
    question.refresh_from_db()
    assert question.text == "Werk je vaak op locatie?"


def test_the_model_refuses_health_terms_and_names_on_full_clean(campaign, colleague):
    """The admin (and an import) validates with full_clean: the model refuses as the form does."""
    question = CustomQuestion(
        campaign=campaign,
        code=101,
        kind="single",
        text="Werk je op locatie?",
        text_en="Does your relative have dementia?",
        options="Jan de Vries\nIemand anders",
    )
    with pytest.raises(ValidationError) as refused:
        question.full_clean()
    assert refused.value.message_dict == {
        "text_en": [f"{HEALTH}: “dementia”. {NOT_ALLOWED}"],
        "options": [f"{NAMES}: “Jan de Vries”. {NOT_ALLOWED}"],
    }
    question.text_en, question.options = "Do you work on site?", "Ja\nNee"
    question.full_clean()


# --- The respondent: own questions are optional, with "I'd rather not say" ----------------------


def own_questions(campaign):
    add(campaign, text="Werk je op locatie?", options="Ja\nNee")
    add(campaign, kind="multi", text="Waar werk je?", options="Thuis\nOp kantoor\nOnderweg")
    add(campaign, kind="scale", text="Ik voel me gesteund.", options="")
    questionnaire = questionnaire_for(campaign=campaign)
    return questionnaire, questionnaire.in_section("custom")


def test_own_questions_are_optional_and_offer_i_would_rather_not_say(campaign):
    questionnaire, questions = own_questions(campaign)
    assert [q.code for q in questions] == [101, 102, 103]
    assert not any(is_required(q) for q in questions)
    assert is_required(questionnaire.question(Q_CARER))  # a standard question is still asked
    form = SectionForm(questions=questions)
    for question in questions:
        field = form.fields[field_name(question.code)]
        assert not field.required
        assert field.choices[-1] == ("0", "Zeg ik liever niet")
        assert [code for code, _label in field.choices[:-1]] == [
            str(option.code) for option in question.options
        ]
    assert len(form.fields["q103"].choices) == 6  # the 5-point scale and the extra answer


def test_an_own_question_can_be_skipped(campaign):
    _questionnaire, questions = own_questions(campaign)
    form = SectionForm({}, questions=questions)
    assert form.is_valid(), form.errors
    assert form.answers() == ({101: [], 102: [], 103: []}, {})


def test_i_would_rather_not_say_is_stored_as_no_answer(campaign):
    questionnaire, questions = own_questions(campaign)
    data = {"q101": str(PREFER_NOT_TO_SAY), "q102": [str(PREFER_NOT_TO_SAY)], "q103": "0"}
    form = SectionForm(data, questions=questions)
    assert form.is_valid(), form.errors
    answers, texts = form.answers()
    assert answers == {101: [], 102: [], 103: []}
    # What would be stored: the carer question's answer, and nothing for the own questions.
    chosen, _written = clean_answers(questionnaire, {Q_CARER: [1], **answers}, texts)
    assert chosen == {Q_CARER: [1]}


def test_a_real_answer_to_an_own_question_is_kept(campaign):
    _questionnaire, questions = own_questions(campaign)
    form = SectionForm({"q101": "2", "q102": ["1", "3"], "q103": "4"}, questions=questions)
    assert form.is_valid(), form.errors
    assert form.answers()[0] == {101: [2], 102: [1, 3], 103: [4]}


def test_i_would_rather_not_say_cannot_be_combined_with_other_answers(campaign):
    _questionnaire, questions = own_questions(campaign)
    form = SectionForm({"q102": ["0", "1"]}, questions=questions)
    assert not form.is_valid()
    assert form.errors["q102"] == [
        "Kies “Zeg ik liever niet” of kies andere antwoorden. Allebei tegelijk kan niet."
    ]


def test_own_questions_never_form_a_breakdown(campaign, departments):
    own_questions(campaign)
    assert list(BREAKDOWNS) == ["carer", "age_band", "department"]
    assert list(breakdowns_for(campaign=campaign)) == ["carer", "age_band", "department"]
    for by in ("custom_101", "101", "q101"):
        with pytest.raises(ValueError):
            breakdown_for(campaign=campaign, by=by)
