"""Questions of the organisation's own: their codes, their options, the limit and the lock."""

import pytest
from django.urls import reverse

from monitor.campaign_services import custom_question_add
from monitor.models import MAX_CUSTOM_QUESTIONS, CustomQuestion
from monitor.questionnaire import Q_CARER
from monitor.selectors import questionnaire_for
from monitor.services import MonitorError
from tests.monitor.conftest import make_campaign, submit


def url(name, campaign, **kwargs):
    return reverse(
        f"monitor:{name}",
        kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk, **kwargs},
    )


SINGLE = {"kind": "single", "text": "Werk je op locatie?", "text_en": "", "options": "Ja\nNee"}


def add(campaign, **fields):
    return custom_question_add(campaign=campaign, fields={**SINGLE, **fields})


def test_hr_advisor_adds_a_question_with_code_101(campaign, hr_client):
    data = {**SINGLE, "options": "  Ja \n\n Nee\n", "text_en": "Do you work on site?"}
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
    response = hr_client.post(url("question_create", campaign), {**SINGLE, "options": options})
    assert response.status_code == 200
    assert "options" in response.context["form"].errors
    assert not CustomQuestion.objects.exists()


def test_8_options_are_accepted(campaign, hr_client):
    options = "\n".join(f"Optie {i}" for i in range(8))
    hr_client.post(url("question_create", campaign), {**SINGLE, "options": options})
    assert len(CustomQuestion.objects.get().option_labels) == 8


def test_a_scale_question_keeps_no_options(campaign, hr_client):
    data = {**SINGLE, "kind": "scale", "text": "Ik voel me gesteund.", "options": "a\nb"}
    hr_client.post(url("question_create", campaign), data)
    question = CustomQuestion.objects.get()
    assert (question.kind, question.options) == ("scale", "")
    assert len(questionnaire_for(campaign=campaign).question(101).options) == 5


def test_a_free_text_question_cannot_be_added(campaign, hr_client):
    response = hr_client.post(url("question_create", campaign), {**SINGLE, "kind": "text"})
    assert "kind" in response.context["form"].errors


def test_a_campaign_has_at_most_5_questions_of_its_own(campaign, hr_client):
    for _ in range(MAX_CUSTOM_QUESTIONS):
        add(campaign)
    with pytest.raises(MonitorError):
        add(campaign)
    response = hr_client.post(url("question_create", campaign), SINGLE, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert CustomQuestion.objects.count() == MAX_CUSTOM_QUESTIONS
    detail = hr_client.get(response.redirect_chain[-1][0]).content.decode()
    assert url("question_create", campaign) not in detail


def test_hr_advisor_edits_and_deletes_a_question(campaign, hr_client):
    question = add(campaign)
    data = {**SINGLE, "text": "Werk je vaak op locatie?"}
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


def test_questions_are_fixed_once_people_responded(campaign, hr_client):
    question = add(campaign)
    submit(campaign, {Q_CARER: [1], 101: [1]})
    for name, kwargs in [
        ("question_create", {}),
        ("question_edit", {"question_pk": question.pk}),
        ("question_delete", {"question_pk": question.pk}),
    ]:
        data = {**SINGLE, "text": "Gewijzigd"}
        response = hr_client.post(url(name, campaign, **kwargs), data, follow=True)
        assert [m.level_tag for m in response.context["messages"]] == ["error"], name
    question.refresh_from_db()
    assert (CustomQuestion.objects.count(), question.text) == (1, SINGLE["text"])
    detail = hr_client.get(url("campaign_detail", campaign)).content.decode()
    assert "antwoorden op verschillende vragen kun je niet bij elkaar optellen" in detail
    assert url("question_edit", campaign, question_pk=question.pk) not in detail


def test_a_manager_cannot_add_edit_or_delete_questions(campaign, manager_client):
    question = add(campaign)
    for name, kwargs in [
        ("question_create", {}),
        ("question_edit", {"question_pk": question.pk}),
        ("question_delete", {"question_pk": question.pk}),
    ]:
        assert manager_client.post(url(name, campaign, **kwargs), SINGLE).status_code == 403
    assert CustomQuestion.objects.count() == 1


def test_a_question_of_another_campaign_is_not_found(campaign, org_a, hr_client):
    other = add(make_campaign(org_a, title="Andere monitor"))
    for name in ("question_edit", "question_delete"):
        response = hr_client.post(url(name, campaign, question_pk=other.pk), SINGLE)
        assert response.status_code == 404
    assert CustomQuestion.objects.filter(pk=other.pk).exists()
