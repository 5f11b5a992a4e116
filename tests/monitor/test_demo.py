"""`manage.py seed_demo` gives Gemeente Voorbeeldstad a closed and an open monitor campaign.

The 2025 campaign is closed with its snapshot; the 2026 campaign is open, its responses sent
through the respondent flow's service, so they wait sealed in the inbox and show no figure.
"""

import json
import random
import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitor import demo
from monitor.models import (
    GROUP_SIZE,
    NO_GROUP,
    AnswerTally,
    Campaign,
    CustomQuestion,
    Department,
    Dimension,
    InboxEntry,
    Snapshot,
    SubmissionReceipt,
    TextAnswer,
)
from monitor.questionnaire import CARER_YES, Q_AGE_BAND, Q_CARER, Q_DEPARTMENT, STANDARD_2026
from monitor.results import breakdown_for, summary_for
from monitor.sealing import unseal
from monitor.selectors import questionnaire_for
from programme.models import Membership, Organisation, Role
from tests.conftest import client_for, make_member, with_second_factor
from tests.monitor.conftest import submit

TODAY = demo.STORY_DATE
SLUG = "gemeente-voorbeeldstad"
CARER_ONLY = {q.code for q in STANDARD_2026.questions if q.condition is not None}
NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The demo tells its story on STORY_DATE; the pages read timezone.localdate().
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


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


def sent_forms(campaign) -> list[dict]:
    """The open campaign's forms as they wait, sealed, in the inbox."""
    return [
        unseal(bytes(entry.sealed), campaign_id=campaign.pk)
        for entry in InboxEntry.objects.filter(campaign=campaign)
    ]


def tally(campaign, dimension: int, group: int, question: int, option: int = 0) -> int:
    row = AnswerTally.objects.filter(
        campaign=campaign, dimension=dimension, group_value=group, question=question, option=option
    ).first()
    return row.count if row else 0


def chosen(campaign, question: int) -> Counter:
    """How often each option of a question was chosen, over all respondents (carer or not)."""
    counts: Counter = Counter()
    for option, count in AnswerTally.objects.filter(
        campaign=campaign, dimension=Dimension.CARER, question=question
    ).values_list("option", "count"):
        counts[option] += count
    return counts


def _state() -> dict:
    """Everything seeded that must come out the same on every run.

    The closed campaign is made anew on every run, so its key and the random keys of the free
    texts differ; the open campaign keeps its key (its public link).
    """
    # Other demo employers (support/demo.py) hold campaigns of the same title.
    closed = Campaign.objects.get(organisation__slug=SLUG, title=demo.CLOSED.title)
    return {
        "campaigns": sorted(
            Campaign.objects.values_list(
                "title", "opens_on", "closes_on", "closed_on", "invited_count"
            )
        ),
        "open key": Campaign.objects.get(title=demo.OPEN.title).key,
        "departments": sorted(Department.objects.values_list("code", "name")),
        "custom": sorted(CustomQuestion.objects.values_list("campaign__title", "code", "text")),
        "tallies": sorted(
            AnswerTally.objects.values_list(
                "campaign__title", "dimension", "group_value", "question", "option", "count"
            )
        ),
        "inbox": Counter(
            json.dumps(form, sort_keys=True)
            for form in sent_forms(Campaign.objects.get(title=demo.OPEN.title))
        ),
        "texts": sorted(TextAnswer.objects.values_list("campaign__title", "text")),
        "closed responses": closed.snapshot.response_count,
        "receipts": SubmissionReceipt.objects.count(),
    }


def test_running_it_twice_gives_the_same_monitor_data_not_twice_as_much(voorbeeldstad):
    state = _state()

    assert "monitor: 5 departments" in seed()

    assert _state() == state
    assert Campaign.objects.filter(organisation=voorbeeldstad).count() == 2
    assert Department.objects.filter(organisation=voorbeeldstad).count() == len(demo.DEPARTMENTS)
    assert Snapshot.objects.filter(campaign__organisation=voorbeeldstad).count() == 1


def test_seeding_again_removes_what_a_demo_user_submitted(voorbeeldstad):
    _, before = _campaigns(voorbeeldstad)
    assert submit(before, {Q_CARER: [2]}, today=TODAY)
    assert InboxEntry.objects.filter(campaign=before).count() == demo.OPEN.response_count + 1

    seed()

    # The open campaign is made anew (its questions can only be set before its first day),
    # under the same key, so that its public link and printed poster keep working.
    _, current = _campaigns(voorbeeldstad)
    assert current.pk != before.pk and current.key == before.key
    assert not InboxEntry.objects.filter(campaign_id=before.pk).exists()
    assert InboxEntry.objects.filter(campaign=current).count() == demo.OPEN.response_count
    assert SubmissionReceipt.objects.filter(campaign=current).count() == demo.OPEN.response_count
    assert Campaign.objects.filter(organisation=voorbeeldstad).count() == 2


def test_seeding_works_on_the_open_campaigns_last_day(voorbeeldstad, monkeypatch):
    # Seeding runs on the real day, whatever the day of the demo's story.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: demo.OPEN.closes_on)
    seed()
    _, current = _campaigns(voorbeeldstad)
    # Its first day stays the story's; its last day moves along so that it is open today.
    assert current.opens_on == demo.OPEN.opens_on
    assert current.closes_on >= demo.OPEN.closes_on
    assert current.is_open_on(demo.OPEN.closes_on)


def test_the_open_campaigns_question_is_fixed_from_its_first_day(voorbeeldstad):
    _, current = _campaigns(voorbeeldstad)
    assert current.is_fixed
    question = current.custom_questions.get()
    question.text = "Een andere vraag"
    with pytest.raises(ValidationError):
        question.save()
    assert current.custom_questions.get().text == demo.CUSTOM_QUESTION["text"]


def test_the_2025_campaign_is_closed_with_its_snapshot_of_a_few_hundred_responses(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)

    assert closed.state_on(TODAY) == "closed"
    assert closed.closed_on == closed.closes_on + timedelta(days=1)
    assert closed.invited_count == 600
    snapshot = Snapshot.objects.get(campaign=closed)
    assert snapshot.response_count == 320 == demo.CLOSED.response_count
    assert snapshot.created_on == closed.closed_on
    # Every response was counted: none waits in the inbox.
    assert not InboxEntry.objects.filter(campaign=closed).exists()
    assert (
        tally(closed, Dimension.CARER, 0, GROUP_SIZE)
        + tally(closed, Dimension.CARER, 1, GROUP_SIZE)
        == 320
    )
    summary = summary_for(campaign=closed)
    assert summary.is_publishable and summary.response_count == 320


def test_the_responses_are_spread_over_the_weeks_the_campaign_was_open():
    spec = demo.CLOSED
    days = demo.submission_days(
        random.Random(spec.seed), spec.opens_on, spec.closes_on, spec.reminder_on, 320
    )
    assert len(days) == 320
    assert all(spec.opens_on <= day <= spec.closes_on for day in days)
    assert len(set(days)) >= 15


def test_the_2026_campaign_is_open_on_the_demo_day_with_its_own_question(voorbeeldstad):
    _, current = _campaigns(voorbeeldstad)

    assert current.is_open_on(TODAY) and current.closed_on is None
    assert current.opens_on < TODAY < current.closes_on
    assert not Snapshot.objects.filter(campaign=current).exists()
    # 40 sent forms, fewer than a batch: all still sealed in the inbox, nothing counted.
    forms = sent_forms(current)
    assert len(forms) == 40
    assert not AnswerTally.objects.filter(campaign=current).exists()
    question = current.custom_questions.get()
    assert question.kind == "scale"
    assert sum(str(question.code) in form["a"] for form in forms) >= 30


def test_the_2026_results_page_shows_no_figure(voorbeeldstad):
    _, current = _campaigns(voorbeeldstad)
    # The demo's HR advisors need a second step: this one has set up an authenticator app.
    hr = with_second_factor(make_member(voorbeeldstad, "hr-test@voorbeeldstad.example", Role.HR))
    client = client_for(hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("monitor:results", kwargs={"slug": SLUG, "pk": current.pk}))
    assert response.status_code == 200
    assert response.context["summary"].is_closed is False
    html = response.content.decode()
    assert 'id="not-closed"' in html
    assert "at least 40 responses" in html
    assert 'id="response-count"' not in html and "<table" not in html and "<svg" not in html
    current.refresh_from_db()
    assert current.closed_on is None  # looking did not close it
    # The 2025 results are there.
    closed, _ = _campaigns(voorbeeldstad)
    past = client.get(reverse("monitor:results", kwargs={"slug": SLUG, "pk": closed.pk}))
    assert '<p class="stat mb-0" id="response-count">320</p>' in past.content.decode()


def test_no_carer_only_answer_comes_from_someone_who_is_no_carer(voorbeeldstad):
    closed, current = _campaigns(voorbeeldstad)
    assert not AnswerTally.objects.filter(
        campaign=closed, dimension=Dimension.CARER, group_value=0, question__in=CARER_ONLY
    ).exists()
    carer_answers = AnswerTally.objects.filter(
        campaign=closed, dimension=Dimension.CARER, group_value=1, question__in=CARER_ONLY
    ).values_list("count", flat=True)
    assert sum(carer_answers) > 100
    for form in sent_forms(current):
        if form["a"][str(Q_CARER)] != [CARER_YES]:
            assert not {int(q) for q in form["a"]} & CARER_ONLY
            assert not form["x"]
    # What came of the conversation only where there was one: one outcome per carer who talked.
    outcome = sum(chosen(closed, 7).values())
    assert 0 < outcome == tally(closed, Dimension.CARER, 1, 6, 1)


def test_one_option_per_single_choice_question(voorbeeldstad):
    closed, current = _campaigns(voorbeeldstad)
    respondents = 320
    carers = tally(closed, Dimension.CARER, 1, GROUP_SIZE)
    for question in STANDARD_2026.questions:
        if question.kind not in ("single", "scale"):
            continue
        base = carers if question.condition is not None else respondents
        assert sum(chosen(closed, question.code).values()) <= base, question.code
    assert sum(chosen(closed, 8).values()) == respondents  # asked of all, always answered
    asked = {q.code: q for q in questionnaire_for(campaign=current).questions}
    for form in sent_forms(current):
        for code, options in form["a"].items():
            if asked[int(code)].kind in ("single", "scale"):
                assert len(options) == 1, code


def test_the_counts_of_each_breakdown_add_up_to_the_same_respondents(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)
    for dimension in Dimension:
        sizes = AnswerTally.objects.filter(
            campaign=closed, dimension=dimension, question=GROUP_SIZE
        ).values_list("count", flat=True)
        assert sum(sizes) == 320, dimension
    # Each group of a background breakdown is exactly those who gave that answer.
    for band in (1, 2, 3):
        size = tally(closed, Dimension.AGE_BAND, band, GROUP_SIZE)
        assert size == tally(closed, Dimension.AGE_BAND, band, Q_AGE_BAND, band) > 0
    for code, _name in demo.DEPARTMENTS:
        size = tally(closed, Dimension.DEPARTMENT, code, GROUP_SIZE)
        assert size == tally(closed, Dimension.DEPARTMENT, code, Q_DEPARTMENT, code) > 0
    assert tally(closed, Dimension.CARER, 1, GROUP_SIZE) == chosen(closed, Q_CARER)[CARER_YES]


def test_one_department_is_too_small_to_be_shown(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)
    sizes = {
        code: tally(closed, Dimension.DEPARTMENT, code, GROUP_SIZE)
        for code, _name in demo.DEPARTMENTS
    }
    assert 0 < sizes[demo.SMALL_DEPARTMENT] < closed.min_group_size
    others = [n for code, n in sizes.items() if code != demo.SMALL_DEPARTMENT]
    assert len(others) == 4 and min(others) >= 40
    assert tally(closed, Dimension.DEPARTMENT, NO_GROUP, GROUP_SIZE) == 25
    # And its results hide it.
    groups = {
        group.label: group for group in breakdown_for(campaign=closed, by="department").groups
    }
    assert groups["Griffie"].count is None
    assert groups["Sociaal Domein"].count is not None


def test_the_figures_have_realistic_proportions(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)
    responses = 320
    carers = tally(closed, Dimension.CARER, 1, GROUP_SIZE)

    assert 0.2 <= carers / responses <= 0.32
    discussed = chosen(closed, 6)
    assert 0.35 <= discussed[1] / carers <= 0.55
    outcome = chosen(closed, 7)
    assert outcome[1] + outcome[2] > outcome[3] + outcome[4]  # most found a (partial) solution
    regulations = chosen(closed, 8)
    assert regulations[2] > regulations[1] and regulations[3] > regulations[1]
    needs = chosen(closed, 10)
    assert needs[2] > needs[1] > needs[4] > needs[3]  # flexibility, understanding, info, leave
    assert all(chosen(closed, 12)[option] > 0 for option in range(1, 6))
    assert all(chosen(closed, Q_AGE_BAND)[band] >= 50 for band in (1, 2, 3))


def test_carers_wrote_about_a_dozen_free_texts_in_dutch(voorbeeldstad):
    closed, _ = _campaigns(voorbeeldstad)
    texts = list(TextAnswer.objects.filter(campaign=closed).values_list("text", flat=True))

    assert 10 <= len(texts) <= 20
    assert set(texts) <= set(demo.FREE_TEXTS)
    # Enough of them for the snapshot to show them.
    assert sorted(summary_for(campaign=closed).free_texts) == sorted(texts)


def test_no_free_text_of_the_demo_is_written_twice(voorbeeldstad):
    closed, current = _campaigns(voorbeeldstad)
    stored = list(TextAnswer.objects.filter(campaign=closed).values_list("text", flat=True))
    shown = summary_for(campaign=closed).free_texts
    assert len(shown) == len(set(shown)) == len(stored) == len(set(stored))
    # The open campaign's texts wait sealed in the inbox: none of them is one of 2025's.
    waiting = [text for form in sent_forms(current) for text in form["x"].values()]
    assert waiting and len(waiting) == len(set(waiting))
    assert not set(waiting) & set(stored)
    # And the results page lists each once.
    hr = Membership.objects.filter(organisation=voorbeeldstad, role=Role.HR).first().user
    with_second_factor(hr)  # the demo asks its HR advisors for one
    page = (
        client_for(hr)
        .get(reverse("monitor:results", kwargs={"slug": SLUG, "pk": closed.pk}))
        .content.decode()
    )
    listed = re.findall(r'<li class="list-group-item">(.*?)</li>', page.split('id="free-texts"')[1])
    assert len(listed) == len(stored) == len(set(listed))


def test_the_summary_prints_the_employees_link_and_it_opens_the_open_campaign(db, settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    output = seed()

    current = Campaign.objects.get(organisation__slug=SLUG, closed_on__isnull=True)
    link = reverse("respond:start", args=[current.key])
    assert f"the employees' link: {link}" in output
    assert Client().get(link).status_code == 200
