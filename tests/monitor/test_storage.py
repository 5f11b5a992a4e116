"""What a stored response holds, and the rules for storing one."""

from datetime import date

import pytest
from django.db import models

from monitor.models import AccessCode, Answer, Response, SubmissionReceipt, TextAnswer
from monitor.questionnaire import Q_AGE_BAND, Q_CARER
from monitor.services import MonitorError, code_is_valid, codes_generate
from tests.monitor.conftest import TODAY, submit

CARER = {Q_CARER: [1], 3: [2], 6: [1], 7: [1], 10: [1, 2], Q_AGE_BAND: [2]}


def test_response_model_has_no_field_that_could_identify_a_person():
    fields = {f.name: f for f in Response._meta.get_fields()}
    assert set(fields) == {
        "id",
        "campaign",
        "submitted_on",
        "is_carer",
        "age_band",
        "department",
        "answers",
    }
    # The day only: a DateField, never a DateTimeField (a subclass of DateField).
    assert type(fields["submitted_on"]) is models.DateField
    for model in (Response, Answer, TextAnswer, AccessCode, SubmissionReceipt):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.DateTimeField), (model, field.name)
            assert not isinstance(field, models.GenericIPAddressField), (model, field.name)
            assert (
                getattr(field, "related_model", None).__name__ not in {"User", "Membership"}
                if field.is_relation
                else True
            )
            for word in ("user", "ip", "agent", "referrer", "referer", "cookie", "session", "time"):
                assert word not in field.name.split("_"), (model, field.name)


def test_response_stores_the_answers_and_the_day(campaign):
    assert submit(campaign, CARER, {11: "Een vaste thuiswerkdag"})
    response = Response.objects.get()
    assert (response.submitted_on, response.is_carer, response.age_band) == (TODAY, True, 2)
    stored = sorted(Answer.objects.values_list("question", "option"))
    assert stored == sorted([(1, 1), (3, 2), (6, 1), (7, 1), (10, 1), (10, 2), (16, 2)])
    assert set(Answer.objects.values_list("is_carer", "age_band").distinct()) == {(True, 2)}
    assert list(TextAnswer.objects.values_list("text", flat=True)) == ["Een vaste thuiswerkdag"]


def test_carer_questions_are_dropped_for_someone_who_is_not_a_carer(campaign):
    submit(campaign, {**CARER, Q_CARER: [2]}, {11: "tekst"})
    assert sorted(Answer.objects.values_list("question", flat=True)) == [Q_CARER, Q_AGE_BAND]
    assert not TextAnswer.objects.exists()
    assert Response.objects.get().is_carer is False


def test_a_double_submit_stores_one_response(campaign):
    assert submit(campaign, CARER, token="same-form") is True
    assert submit(campaign, CARER, token="same-form") is False
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 7


def test_a_closed_campaign_accepts_nothing(closed_campaign):
    with pytest.raises(MonitorError):
        submit(closed_campaign, CARER)
    assert not Response.objects.exists() and not SubmissionReceipt.objects.exists()


def test_a_campaign_that_has_not_opened_accepts_nothing(campaign):
    with pytest.raises(MonitorError):
        submit(campaign, CARER, today=date(2026, 11, 1))
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    "answers",
    [{99: [1]}, {Q_CARER: [7]}, {Q_CARER: [1, 2]}, {}],
    ids=["unknown question", "unknown option", "two answers to one question", "nothing"],
)
def test_bad_answers_store_nothing(campaign, answers):
    with pytest.raises(MonitorError):
        submit(campaign, answers)
    assert not Response.objects.exists() and not SubmissionReceipt.objects.exists()


def test_codes_are_stored_hashed_and_work_once(code_campaign):
    codes = codes_generate(campaign=code_campaign, count=3)
    assert len(set(codes)) == 3
    stored = set(AccessCode.objects.values_list("code_hash", flat=True))
    assert not stored & set(codes) and all(len(h) == 64 for h in stored)
    code = codes[0].lower().replace("-", " ")  # typed from paper, however it is typed
    assert code_is_valid(campaign=code_campaign, code=code)
    assert submit(code_campaign, CARER, code=code)
    assert not code_is_valid(campaign=code_campaign, code=codes[0])
    with pytest.raises(MonitorError):
        submit(code_campaign, CARER, code=codes[0])
    assert Response.objects.count() == 1
    assert AccessCode.objects.filter(is_used=True).count() == 1


def test_a_code_of_another_campaign_is_refused(code_campaign, org_b):
    from tests.monitor.conftest import make_campaign

    other = make_campaign(org_b, access_mode="codes")
    [code] = codes_generate(campaign=other, count=1)
    with pytest.raises(MonitorError):
        submit(code_campaign, CARER, code=code)
    assert not Response.objects.exists()


def test_a_code_campaign_refuses_a_response_without_a_code(code_campaign):
    codes_generate(campaign=code_campaign, count=1)
    with pytest.raises(MonitorError):
        submit(code_campaign, CARER)
    assert not Response.objects.exists() and not SubmissionReceipt.objects.exists()
