"""The demo municipality's monitor: the 2025 campaign, closed with its snapshot, and the open
one of 2026, which shows only its progress in steps.

``manage.py seed_demo`` calls `seed_demo` after the programme's own demo records exist. Departments
are keyed on their code, the open campaign on its title (so its public link stays the same), and
the responses of both campaigns are generated again from a fixed random seed on every run:
running it twice gives the same data, and whatever a demo user submitted is gone. The closed
campaign is made again from scratch, since a closed campaign can never change.

The answers are made up, with proportions in the range of Dutch employee surveys: about one in four
employees cares for someone, about half of them talked with their manager, and flexibility is the
most wanted help. `generate_responses` is also what the results benchmark (bench/) stores.
"""

import itertools
import random
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from monitor.aggregation import cell_key_noise
from monitor.closing import campaign_close
from monitor.models import (
    Campaign,
    CustomQuestion,
    Department,
    new_campaign_key,
)
from monitor.questionnaire import (
    CARER_YES,
    Q_AGE_BAND,
    Q_CARER,
    Q_DEPARTMENT,
    QuestionKind,
    Questionnaire,
)
from monitor.selectors import questionnaire_for
from monitor.services import INBOX_BATCH, clean_answers, response_submit, tally_add, texts_add
from programme.models import Organisation

# The day the demo's story is told (as in the pillars' demo).
STORY_DATE = date(2026, 11, 23)

# (code, name). Griffie is small on purpose: in the 2025 results its three respondents are
# suppressed in the breakdown by department, so the demo shows what suppression looks like.
DEPARTMENTS = [
    (1, "Publiekszaken"),
    (2, "Sociaal Domein"),
    (3, "Ruimte"),
    (4, "Bedrijfsvoering"),
    (5, "Griffie"),
]
SMALL_DEPARTMENT = 5


# What carers wrote under "Is there anything else that would help you?", in our own words.
FREE_TEXTS = [
    "Dat ik een keer per week thuis kan werken op de dag dat ik met mijn moeder naar het "
    "ziekenhuis ga.",
    "Meer begrip van collega's als ik onverwacht weg moet. Het voelt nu alsof ik mijn team laat "
    "zitten.",
    "Een vast aanspreekpunt binnen de organisatie dat weet welke regelingen er zijn.",
    "Ik zou graag weten of ik mijn uren tijdelijk kan verminderen zonder dat het gevolgen heeft "
    "voor mijn pensioen.",
    "Mijn leidinggevende is heel begripvol, maar het rooster laat weinig ruimte.",
    "Een lotgenotengroep van collega's die hetzelfde meemaken.",
    "Duidelijke informatie op het intranet over kortdurend en langdurend zorgverlof.",
    "Dat het normaal wordt om erover te praten in het teamoverleg.",
    "Flexibele begintijden, zodat ik 's ochtends eerst bij mijn vader langs kan.",
    "Soms een dag onbetaald verlof opnemen zonder dat ik er lang over hoef uit te leggen.",
    "Hulp bij het regelen van dagopvang, dat kost me nu veel uren onder werktijd.",
    "Ik merk dat ik moe ben. Een gesprek met de bedrijfsmaatschappelijk werker zou helpen.",
    "Dat nieuwe leidinggevenden leren hoe ze dit gesprek kunnen voeren.",
    "Minder vergaderingen aan het eind van de middag.",
    "Weten dat ik niet de enige ben. Dat zou al veel schelen.",
]
# The open campaign's carers write their own: no sentence appears in both years.
FREE_TEXTS_2026 = [
    "Een collega die ook mantelzorger is, zodat ik mijn ervaringen kan delen.",
    "Dat mijn leidinggevende af en toe vraagt hoe het thuis gaat.",
    "Eén plek op het intranet met alles wat de gemeente voor mantelzorgers doet.",
    "Ruimte om werk in de avond in te halen als ik overdag naar het ziekenhuis moet.",
]
TEXT_CHANCE = 0.19  # the share of carers who write something


@dataclass(frozen=True)
class DemoCampaign:
    title: str
    opens_on: date
    closes_on: date
    invited_count: int
    # How many respondents named each department (code: count); the rest skipped the question.
    departments: dict[int, int]
    skipped_department: int
    seed: int  # of the random generator that makes the responses
    # The day of the reminder mail, when responses pick up again.
    reminder_on: date | None = None
    last_day: date | None = None  # the last day with responses (default: the closing day)
    # What its carers wrote, each text once (see FREE_TEXTS).
    texts: tuple[str, ...] = ()

    @property
    def response_count(self) -> int:
        return sum(self.departments.values()) + self.skipped_department


CLOSED = DemoCampaign(
    title="Monitor werk en mantelzorg 2025",
    opens_on=date(2025, 10, 6),
    closes_on=date(2025, 10, 31),
    invited_count=600,
    departments={1: 78, 2: 96, 3: 66, 4: 52, SMALL_DEPARTMENT: 3},
    skipped_department=25,
    seed=2037,  # a seed whose figures fall close to the intended proportions
    reminder_on=date(2025, 10, 20),
    texts=tuple(FREE_TEXTS),
)
OPEN = DemoCampaign(
    title="Monitor werk en mantelzorg 2026",
    opens_on=STORY_DATE - timedelta(days=7),
    closes_on=date(2026, 12, 11),
    invited_count=620,
    departments={1: 9, 2: 12, 3: 8, 4: 6, SMALL_DEPARTMENT: 1},
    skipped_department=4,
    seed=2026,
    last_day=STORY_DATE,
    texts=tuple(FREE_TEXTS_2026),
)
CUSTOM_QUESTION = {
    "code": 101,
    "kind": QuestionKind.SCALE,
    "text": "Ik weet bij wie ik terecht kan met vragen over mantelzorg.",
    "text_en": "I know who to turn to with questions about caregiving.",
}


# --- The answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedResponse:
    """One response as the respondent flow would store it, skip logic applied."""

    submitted_on: date
    is_carer: bool
    age_band: int | None
    department: int | None
    answers: dict[int, list[int]]
    texts: dict[int, str]


def _pick(rng: random.Random, weights: dict[int, float]) -> int:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _pick_some(rng: random.Random, chances: dict[int, float]) -> list[int]:
    return [option for option, chance in chances.items() if rng.random() < chance]


def _scale(rng: random.Random, weights: tuple[float, ...]) -> list[int]:
    return [rng.choices((1, 2, 3, 4, 5), weights=weights)[0]]


def raw_answers(
    rng: random.Random,
    questionnaire: Questionnaire,
    *,
    department: int | None,
    texts: Iterator[str],
) -> tuple[dict[int, list[int]], dict[int, str]]:
    """Answers to every question as one made-up employee might give them, before skip logic.

    Like the form, it answers every question that is asked, except the optional background ones.
    """
    answers: dict[int, list[int]] = {}
    written: dict[int, str] = {}
    age = _pick(rng, {1: 28, 2: 35, 3: 30, 0: 7})  # 0: skipped the question
    if age:
        answers[Q_AGE_BAND] = [age]
    if department is not None:
        answers[Q_DEPARTMENT] = [department]
    # Older employees care for someone more often.
    carer_share = {0: 0.25, 1: 0.15, 2: 0.25, 3: 0.33}[age]
    roll = rng.random()
    is_carer = roll < carer_share
    answers[Q_CARER] = [CARER_YES if is_carer else (3 if roll > 0.87 else 2)]

    # The carer-only questions are answered by everyone here: clean_answers drops them for those
    # who are no carer, exactly as the form skips them.
    cares_for = _pick_some(rng, {1: 0.13, 2: 0.62, 3: 0.14, 4: 0.10, 5: 0.08, 6: 0.03})
    answers[2] = cares_for or [2]
    answers[3] = [_pick(rng, {1: 30, 2: 31, 3: 21, 4: 10, 5: 8})]
    answers[4] = [_pick(rng, {1: 7, 2: 21, 3: 35, 4: 37})]
    effects = _pick_some(rng, {2: 0.42, 3: 0.24, 4: 0.12, 5: 0.30, 6: 0.07})
    answers[5] = effects if effects and rng.random() > 0.2 else [1]
    answers[6] = [_pick(rng, {1: 45, 2: 20, 3: 14, 4: 21})]
    answers[7] = [_pick(rng, {1: 41, 2: 34, 3: 17, 4: 8})]
    answers[10] = _pick_some(rng, {1: 0.50, 2: 0.66, 3: 0.24, 4: 0.40, 5: 0.05}) or [2]
    # Each text once, and only for carers (the question is theirs): a results page that shows
    # one sentence twice looks made up. Once they are all used, nobody writes any more.
    if rng.random() < TEXT_CHANCE and is_carer:
        text = next(texts, None)
        if text is not None:
            written[11] = text

    answers[8] = [_pick(rng, {1: 22, 2: 44, 3: 34})]
    if is_carer:
        answers[9] = [_pick(rng, {1: 19, 2: 36, 3: 45})]
    else:
        answers[9] = [_pick(rng, {2: 28, 3: 72})]
    answers[12] = _scale(rng, (8, 20, 32, 30, 10))
    answers[13] = _scale(rng, (5, 14, 26, 40, 15))
    answers[14] = _scale(rng, (5, 15, 35, 33, 12))
    for question in questionnaire.questions:
        if question.section != "custom":
            continue
        if question.kind == QuestionKind.SCALE:
            answers[question.code] = _scale(rng, (6, 18, 24, 38, 14))
        elif question.kind == QuestionKind.MULTI:
            chosen = _pick_some(rng, {o.code: 0.4 for o in question.options})
            answers[question.code] = chosen or [question.options[0].code]
        else:
            answers[question.code] = [rng.choice(question.options).code]
    return {code: options for code, options in answers.items() if options}, written


def submission_days(
    rng: random.Random, first: date, last: date, reminder_on: date | None, count: int
) -> list[date]:
    """`count` days from first to last: many at the start, fewer later, a bump after a reminder."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    weights = []
    for n, day in enumerate(days):
        weight = 10 / (1 + n / 2)
        if reminder_on is not None and 0 <= (day - reminder_on).days < 3:
            weight += 4
        if day.weekday() >= 5:
            weight /= 4
        weights.append(weight)
    return sorted(rng.choices(days, weights=weights, k=count))


def generate_responses(
    rng: random.Random,
    questionnaire: Questionnaire,
    *,
    days: Sequence[date],
    departments: Sequence[int | None],
    texts: Iterable[str] = FREE_TEXTS,
) -> Iterator[GeneratedResponse]:
    """One response per entry of `days` and `departments` (None: the question was skipped).

    Each of `texts` is written at most once, in order (a benchmark that wants more passes an
    endless itertools.cycle).

    The answers go through services.clean_answers, so what comes out is what the respondent flow
    would store: no carer-only answers from employees who are not carers.
    """
    unwritten = iter(texts)
    for day, department in zip(days, departments, strict=True):
        answers, written = raw_answers(rng, questionnaire, department=department, texts=unwritten)
        chosen, written = clean_answers(questionnaire, answers, written)
        yield GeneratedResponse(
            submitted_on=day,
            is_carer=CARER_YES in chosen.get(Q_CARER, ()),
            age_band=chosen.get(Q_AGE_BAND, [None])[0],
            department=chosen.get(Q_DEPARTMENT, [None])[0],
            answers=chosen,
            texts=written,
        )


def responses_insert(
    campaign: Campaign,
    generated: Iterable[GeneratedResponse],
    *,
    rng: random.Random | None = None,
    batch_size: int = INBOX_BATCH,
) -> int:
    """Count generated responses straight into the campaign's store, in batches as the inbox
    moves them (the counts, and the free texts apart); how many. For the demo's history and the
    benchmarks, where sealing each one first would only cost time."""
    stored = 0
    for batch in itertools.batched(generated, batch_size):
        tally_add(campaign=campaign, submissions=[item.answers for item in batch])
        texts_add(
            campaign=campaign,
            texts=[(question, text) for item in batch for question, text in item.texts.items()],
        )
        stored += len(batch)
    return stored


def responses_send(campaign: Campaign, generated: Iterable[GeneratedResponse]) -> int:
    """Send generated responses one by one, as the respondent flow sends them; how many."""
    questionnaire = questionnaire_for(campaign=campaign)
    sent = 0
    for item in generated:
        response_submit(
            campaign=campaign,
            answers=item.answers,
            texts=item.texts,
            token=secrets.token_urlsafe(16),
            today=item.submitted_on,
            questionnaire=questionnaire,
        )
        sent += 1
    return sent


# --- Seeding ---------------------------------------------------------------------------------


def _generated(campaign: Campaign, spec: DemoCampaign) -> Iterator[GeneratedResponse]:
    rng = random.Random(spec.seed)
    departments: list[int | None] = [
        code for code, count in spec.departments.items() for _ in range(count)
    ]
    departments += [None] * spec.skipped_department
    rng.shuffle(departments)
    days = submission_days(
        rng,
        spec.opens_on,
        spec.last_day or spec.closes_on,
        spec.reminder_on,
        spec.response_count,
    )
    return generate_responses(
        rng,
        questionnaire_for(campaign=campaign),
        days=days,
        departments=departments,
        texts=spec.texts,
    )


def seed_closed_campaign(organisation: Organisation, spec: DemoCampaign) -> Campaign:
    """The campaign made anew, counted, and closed on the day after its last day.

    Also what the support demo (support/demo.py) closes its followed employers' monitors with."""
    Campaign.objects.filter(organisation=organisation, title=spec.title).delete()
    campaign = Campaign.objects.create(
        organisation=organisation,
        title=spec.title,
        opens_on=spec.opens_on,
        closes_on=spec.closes_on,
        invited_count=spec.invited_count,
    )
    responses_insert(campaign, _generated(campaign, spec))
    # A fixed seed for the demo's perturbation, so that every run publishes the same figures
    # (a real close draws a fresh seed and forgets it).
    return campaign_close(
        campaign=campaign,
        today=spec.closes_on + timedelta(days=1),
        noise=cell_key_noise(f"demo {spec.title} {spec.seed}".encode()),
    )


def _seed_open(organisation: Organisation, spec: DemoCampaign) -> Campaign:
    """The open campaign, each response sent the way the respondent flow sends it."""
    # Made anew each run, under the same key, so that its printed poster keeps working.
    existing = Campaign.objects.filter(organisation=organisation, title=spec.title).first()
    key = existing.key if existing is not None and not existing.is_closed else new_campaign_key()
    if existing is not None:
        existing.delete()
    # Open whenever the demo is seeded: on a later real day, its last day moves along.
    tomorrow = timezone.localdate() + timedelta(days=1)
    closes_on = max(spec.closes_on, tomorrow + timedelta(days=14))
    # As HR does it: the campaign and its own question are made before the first day ...
    campaign = Campaign.objects.create(
        organisation=organisation,
        title=spec.title,
        key=key,
        opens_on=tomorrow,
        closes_on=closes_on,
        invited_count=spec.invited_count,
    )
    CustomQuestion.objects.create(campaign=campaign, **CUSTOM_QUESTION)
    # ... and the story began a week before the demo's day: the first day is set back with a
    # queryset update, standing for the days that passed since.
    Campaign.objects.filter(pk=campaign.pk).update(opens_on=spec.opens_on)
    campaign.opens_on = spec.opens_on
    responses_send(campaign, _generated(campaign, spec))
    return campaign


def seed_demo(*, organisation: Organisation) -> str:
    """Give the demo organisation its departments and two monitor campaigns; a summary line."""
    with transaction.atomic():
        for code, name in DEPARTMENTS:
            Department.objects.update_or_create(
                organisation=organisation, code=code, defaults={"name": name, "is_active": True}
            )
        closed = seed_closed_campaign(organisation, CLOSED)
        current = _seed_open(organisation, OPEN)
    return (
        f"monitor: {len(DEPARTMENTS)} departments; {closed.title}: closed, "
        f"{closed.snapshot.response_count} responses; {current.title}: open, "
        f"{OPEN.response_count} responses sent; the employees' link: "
        f"{reverse('respond:start', args=[current.key])}"
    )
