"""Writes of the monitor: storing a response, and the single-use access codes."""

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from monitor.models import (
    AccessCode,
    Answer,
    Campaign,
    Response,
    SubmissionReceipt,
    TextAnswer,
)
from monitor.questionnaire import (
    CARER_YES,
    Q_AGE_BAND,
    Q_CARER,
    Q_DEPARTMENT,
    Question,
    QuestionKind,
    Questionnaire,
)
from monitor.selectors import questionnaire_for

TEXT_MAX_LENGTH = 2000
MAX_CODES_PER_BATCH = 2000
# No 0/O, 1/I/L: codes are typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


class MonitorError(Exception):
    """A submission or request the monitor refuses; the message is shown to the user."""


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def codes_generate(*, campaign: Campaign, count: int) -> list[str]:
    """Create `count` single-use codes and return them; only their hashes are kept."""
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise MonitorError(_("Choose between 1 and %(max)d codes.") % {"max": MAX_CODES_PER_BATCH})
    codes = set()
    while len(codes) < count:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        codes.add(f"{raw[:5]}-{raw[5:]}")
    AccessCode.objects.bulk_create(
        AccessCode(campaign=campaign, code_hash=hash_secret(normalise_code(code))) for code in codes
    )
    return sorted(codes)


def code_is_valid(*, campaign: Campaign, code: str) -> bool:
    """Whether the code belongs to this campaign and has not been used."""
    return AccessCode.objects.filter(
        campaign=campaign, code_hash=hash_secret(normalise_code(code)), is_used=False
    ).exists()


def applicable_questions(
    questionnaire: Questionnaire, answers: Mapping[int, Sequence[int]]
) -> list[Question]:
    """The questions asked given the answers so far: a question whose condition fails is skipped.

    Conditions chain: a question that depends on a skipped question is skipped too.
    """
    asked: list[Question] = []
    asked_codes: set[int] = set()
    for question in questionnaire.questions:
        condition = question.condition
        if condition is None or (
            condition.question in asked_codes
            and condition.option in answers.get(condition.question, ())
        ):
            asked.append(question)
            asked_codes.add(question.code)
    return asked


def clean_answers(
    questionnaire: Questionnaire,
    answers: Mapping[int, Sequence[int]],
    texts: Mapping[int, str],
) -> tuple[dict[int, list[int]], dict[int, str]]:
    """Check answers against the questionnaire; drop those to questions that were skipped."""
    known = {q.code for q in questionnaire.questions}
    if not set(answers) <= known or not set(texts) <= known:
        raise MonitorError(_("The form contains an unknown question. Please start again."))
    chosen: dict[int, list[int]] = {}
    written: dict[int, str] = {}
    for question in applicable_questions(questionnaire, answers):
        if question.kind == QuestionKind.TEXT:
            text = (texts.get(question.code) or "").strip()
            if len(text) > TEXT_MAX_LENGTH:
                raise MonitorError(_("An answer is longer than 2000 characters."))
            if text:
                written[question.code] = text
            continue
        options = sorted(set(answers.get(question.code, ())))
        if not options:
            continue
        if not set(options) <= question.option_codes:
            raise MonitorError(_("The form contains an unknown answer. Please start again."))
        if question.kind != QuestionKind.MULTI and len(options) > 1:
            raise MonitorError(_("Choose one answer per question."))
        chosen[question.code] = options
    if not chosen and not written:
        raise MonitorError(_("Answer at least one question before you send the form."))
    return chosen, written


def response_submit(
    *,
    campaign: Campaign,
    answers: Mapping[int, Sequence[int]],
    texts: Mapping[int, str],
    token: str,
    today: date,
    code: str = "",
    questionnaire: Questionnaire | None = None,
) -> bool:
    """Store one response in one transaction; False when this form was stored before.

    `token` is the random token of the filled-in form: a second submit of the same form finds its
    receipt and stores nothing. With single-use codes, the code is spent in the same transaction.
    A caller that already built the campaign's questionnaire passes it to spare the queries.
    """
    if not campaign.is_open_on(today):
        raise MonitorError(_("This monitor is not open, so your answers were not stored."))
    if not token:
        raise MonitorError(_("The form is incomplete. Please start again."))
    questionnaire = questionnaire or questionnaire_for(campaign=campaign)
    chosen, written = clean_answers(questionnaire, answers, texts)
    groups = {
        "is_carer": CARER_YES in chosen.get(Q_CARER, ()),
        "age_band": chosen.get(Q_AGE_BAND, [None])[0],
        "department": chosen.get(Q_DEPARTMENT, [None])[0],
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                SubmissionReceipt.objects.create(token_hash=hash_secret(token), campaign=campaign)
        except IntegrityError:
            return False
        if campaign.uses_codes:
            spent = AccessCode.objects.filter(
                campaign=campaign, code_hash=hash_secret(normalise_code(code)), is_used=False
            ).update(is_used=True)
            if not spent:
                raise MonitorError(_("This code is not valid or has already been used."))
        response = Response.objects.create(campaign=campaign, submitted_on=today, **groups)
        Answer.objects.bulk_create(
            Answer(campaign=campaign, response=response, question=question, option=option, **groups)
            for question, options in chosen.items()
            for option in options
        )
        TextAnswer.objects.bulk_create(
            TextAnswer(campaign=campaign, question=question, text=text)
            for question, text in written.items()
        )
    return True
