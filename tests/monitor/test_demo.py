"""`manage.py seed_demo` gives Gemeente Voorbeeldstad a closed and an open monitor campaign."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from monitor import demo
from monitor.models import Answer, Campaign, CustomQuestion, Department, Response, TextAnswer
from monitor.questionnaire import CARER_YES, Q_AGE_BAND, Q_CARER, Q_DEPARTMENT, STANDARD_2026
from programme.models import Organisation
from tests.monitor.conftest import submit

TODAY = demo.STORY_DATE
SLUG = "gemeente-voorbeeldstad"
CARER_ONLY = {q.code for q in STANDARD_2026.questions if q.condition is not None}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def voorbeeldstad(db, settings) -> Organisation:
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed()
    return Organisation.objects.get(slug=SLUG)


def _campaigns(organisation) -> tuple[Campaign, Campaign]:
    return (
        Campaign.objects.get(organisation=organisation, title=demo.CLOSED.title),
        Campaign.objects.get(organisation=organisation, title=demo.OPEN.title),
    )


def _state() -> dict:
    """Everything seeded, without the generated primary keys of responses and answers."""
    return {
        "campaigns": sorted(
            Campaign.objects.values_list("title", "key", "opens_on", "closes_on", "invited_count")
        ),
        "departments": sorted(Department.objects.values_list("code", "name")),
        "custom": sorted(CustomQuestion.objects.values_list("campaign__title", "code", "text")),
        "responses": Counter(
            Response.objects.values_list(
                "campaign__title", "submitted_on", "is_carer", "age_band", "department"
            )
        ),
        "answers": Counter(
            Answer.objects.values_list(
                "campaign__title", "question", "option", "is_carer", "age_band", "department"
            )
        ),
        "texts": sorted(TextAnswer.objects.values_list("id", "campaign__title", "text")),
    }


def test_running_it_twice_gives_the_same_monitor_data_not_twice_as_much(voorbeeldstad):
    state = _state()

    assert "monitor: 5 departments" in seed()

    assert _state() == state
    assert Campaign.objects.filter(organisation=voorbeeldstad).count() == 2
    assert Department.objects.filter(organisation=voorbeeldstad).count() == len(demo.DEPARTMENTS)


def test_seeding_again_removes_what_a_demo_user_submitted(voorbeeldstad):
    _, current = _campaigns(voorbeeldstad)
    assert submit(current, {Q_CARER: [2]}, today=TODAY)
    assert current.responses.count() == demo.OPEN.response_count + 1

    seed()

    assert current.responses.count() == demo.OPEN.response_count


def test_the_2025_campaign_is_closed_with_a_few_hundred_responses(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)

    assert closed.state_on(TODAY) == "closed"
    assert closed.invited_count == 600
    assert closed.responses.count() == 320
    assert not closed.responses.filter(
        Q(submitted_on__lt=closed.opens_on) | Q(submitted_on__gt=closed.closes_on)
    ).exists()
    # Spread over the weeks it was open, not all on one day.
    assert closed.responses.values("submitted_on").distinct().count() >= 15


def test_the_2026_campaign_is_open_on_the_demo_day_with_its_own_question(voorbeeldstad):
    _, current = _campaigns(voorbeeldstad)

    assert current.is_open_on(TODAY)
    assert current.opens_on < TODAY < current.closes_on
    assert current.responses.count() == 40
    assert not current.responses.filter(submitted_on__gt=TODAY).exists()
    question = current.custom_questions.get()
    assert question.kind == "scale"
    assert Answer.objects.filter(campaign=current, question=question.code).count() >= 30


def test_no_carer_only_answer_comes_from_someone_who_is_no_carer(voorbeeldstad):
    assert Answer.objects.filter(question__in=CARER_ONLY, is_carer=False).count() == 0
    assert Answer.objects.filter(question__in=CARER_ONLY, is_carer=True).count() > 100
    # What came of the conversation only where there was one.
    talked = set(Answer.objects.filter(question=6, option=1).values_list("response", flat=True))
    outcome = set(Answer.objects.filter(question=7).values_list("response", flat=True))
    assert outcome and outcome <= talked
    # One option per single-choice question and response.
    single = [q.code for q in STANDARD_2026.questions if q.kind in ("single", "scale")]
    assert (
        not Answer.objects.filter(question__in=single)
        .values("response", "question")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )


def test_the_group_copies_on_answers_match_their_response(voorbeeldstad):
    fields = ["campaign", "is_carer", "age_band", "department"]
    rows = Answer.objects.values_list(*fields, *(f"response__{name}" for name in fields))
    assert len(rows) > 3000
    assert all(row[:4] == row[4:] for row in rows)
    carers = Response.objects.filter(is_carer=True)
    assert carers.count() == Answer.objects.filter(question=Q_CARER, option=CARER_YES).count()
    for response in Response.objects.all()[:50]:
        stored = {a.question: a.option for a in response.answers.all()}
        assert stored.get(Q_AGE_BAND) == response.age_band
        assert stored.get(Q_DEPARTMENT) == response.department


def test_one_department_is_too_small_to_be_shown(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)
    per_department = Counter(closed.responses.values_list("department", flat=True))

    small = per_department[demo.SMALL_DEPARTMENT]
    assert 0 < small < closed.min_group_size
    others = [n for code, n in per_department.items() if code not in (demo.SMALL_DEPARTMENT, None)]
    assert len(others) == 4
    assert min(others) >= 40


def test_the_figures_have_realistic_proportions(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)
    responses = closed.responses.count()
    carers = closed.responses.filter(is_carer=True).count()

    def chosen(question: int) -> Counter:
        return Counter(
            Answer.objects.filter(campaign=closed, question=question).values_list(
                "option", flat=True
            )
        )

    assert 0.2 <= carers / responses <= 0.32
    discussed = chosen(6)
    assert 0.35 <= discussed[1] / carers <= 0.55
    outcome = chosen(7)
    assert outcome[1] + outcome[2] > outcome[3] + outcome[4]  # most found a (partial) solution
    regulations = chosen(8)
    assert regulations[2] > regulations[1] and regulations[3] > regulations[1]
    needs = chosen(10)
    assert needs[2] > needs[1] > needs[4] > needs[3]  # flexibility, understanding, info, leave
    assert all(chosen(12)[option] > 0 for option in range(1, 6))
    assert all(chosen(Q_AGE_BAND)[band] >= 50 for band in (1, 2, 3))


def test_carers_wrote_about_a_dozen_free_texts_in_dutch(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)
    texts = list(TextAnswer.objects.filter(campaign=closed).values_list("text", flat=True))

    assert 10 <= len(texts) <= 20
    assert set(texts) <= set(demo.FREE_TEXTS)
