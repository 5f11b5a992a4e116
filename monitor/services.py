"""Writes of the monitor: the send into the sealed inbox, the move into the counts, the access
codes and the purge of raw data after close.

The order of things is the anonymity model of docs/architecture.md: a code is spent when it
admits its holder, in its own transaction; the send writes one sealed inbox entry and nothing
that points to the code; entries are counted in shuffled batches, apart from their free texts.
"""

import logging
import random
import secrets
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.db import connection, transaction
from django.utils.translation import gettext as _

from monitor.models import (
    GROUP_SIZE,
    NO_GROUP,
    AccessCode,
    AnswerTally,
    Campaign,
    Dimension,
    InboxEntry,
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
from monitor.questionnaire import asked as questionnaire_asked
from monitor.sealing import Unreadable, code_hash, code_hashes, seal, unseal
from monitor.selectors import questionnaire_for
from programme.text import strip_xml_illegal

TEXT_MAX_LENGTH = 2000
MAX_CODES_PER_BATCH = 2000
# No 0/O, 1/I/L: codes are typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# Entries are counted once this many wait (or the campaign's minimum, if higher): the counts then
# change by a whole batch at a time, never by one person. Larger is safer and cheaper per send.
INBOX_BATCH = 200

_shuffle = random.SystemRandom().shuffle
logger = logging.getLogger(__name__)


class MonitorError(Exception):
    """A submission or request the monitor refuses; the message is shown to the user."""


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def codes_generate(*, campaign: Campaign, count: int) -> list[str]:
    """Create `count` single-use codes and return them; only their keyed hashes are kept."""
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise MonitorError(_("Choose between 1 and %(max)d codes.") % {"max": MAX_CODES_PER_BATCH})
    codes = set()
    while len(codes) < count:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        codes.add(f"{raw[:5]}-{raw[5:]}")
    # Stored in random order: the ids must not follow the printed sheet's order.
    stored = list(codes)
    _shuffle(stored)
    AccessCode.objects.bulk_create(
        AccessCode(
            campaign=campaign,
            code_hash=code_hash(normalise_code(code), campaign_key=campaign.key),
        )
        for code in stored
    )
    return sorted(codes)


def code_admit(*, campaign: Campaign, code: str) -> bool:
    """Spend the code if it belongs to this campaign and is unused; whether it admitted.

    Checking is spending: there is no way to ask whether a code was used without using it, so
    nobody holding the printed sheet can find out whose form has arrived.
    """
    hashes = code_hashes(normalise_code(code), campaign_key=campaign.key)
    with transaction.atomic():
        spent = AccessCode.objects.filter(
            campaign=campaign, code_hash__in=hashes, is_used=False
        ).update(is_used=True)
    return spent > 0


def applicable_questions(
    questionnaire: Questionnaire, answers: Mapping[int, Sequence[int]]
) -> list[Question]:
    """The questions asked given the answers so far: a question whose condition fails is skipped.

    Conditions chain: a question that depends on a skipped question is skipped too.
    """
    return questionnaire_asked(questionnaire, answers)


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
        # Answers that exclude each other, refused on every path (the form says so first).
        conflict = question.conflict(options)
        if conflict:
            raise MonitorError(conflict)
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
    admitted: bool = False,
    questionnaire: Questionnaire | None = None,
) -> bool:
    """Store one sent form as a sealed inbox entry; False when this form was stored before.

    `token` is the random token of the filled-in form: a second submit of the same form finds its
    receipt and stores nothing. With single-use codes, `admitted` says that a code was spent when
    the respondent began (see code_admit); the entry itself carries nothing of the code.
    A caller that already built the campaign's questionnaire passes it to spare the queries.
    """
    if not campaign.is_open_on(today):
        raise MonitorError(_("This monitor is not open, so your answers were not stored."))
    if not token:
        raise MonitorError(_("The form is incomplete. Please start again."))
    if campaign.uses_codes and not admitted:
        raise MonitorError(_("This code is not valid or has already been used."))
    questionnaire = questionnaire or questionnaire_for(campaign=campaign)
    chosen, written = clean_answers(questionnaire, answers, texts)
    payload = {
        "a": {str(question): options for question, options in chosen.items()},
        "x": {str(question): text for question, text in written.items()},
    }
    waiting = _store_sealed(
        campaign=campaign,
        receipt=code_hash(token, campaign_key=campaign.key),
        sealed=seal(payload, campaign_id=campaign.pk),
        today=today,
    )
    if waiting is None:
        # Nothing was stored: the campaign closed a moment ago (the campaign in hand may be a
        # few seconds old), or this very form was stored before.
        still_open = Campaign.objects.filter(
            pk=campaign.pk, closed_on__isnull=True, opens_on__lte=today, closes_on__gte=today
        ).exists()
        if not still_open:
            raise MonitorError(_("This monitor is not open, so your answers were not stored."))
        return False
    if waiting >= batch_size(campaign):
        inbox_flush(campaign=campaign)
    return True


def _store_sealed(*, campaign: Campaign, receipt: str, sealed: bytes, today: date) -> int | None:
    """Write the receipt and the sealed entry at once, if the campaign is open in the database;
    how many entries wait now, or None when nothing was stored (closed, or the receipt was there
    already: a second submit of the same form).

    On PostgreSQL one statement does it all (a send is the monitor's hottest path: one round
    trip instead of five); SQLite, which has no INSERT inside WITH, takes two in a transaction.
    """
    receipts, inbox = SubmissionReceipt._meta.db_table, InboxEntry._meta.db_table
    entry_id = InboxEntry._meta.pk.get_db_prep_value(uuid.uuid4(), connection)
    campaigns = Campaign._meta.db_table
    is_open = (
        f"EXISTS (SELECT 1 FROM {campaigns} WHERE id = %s AND closed_on IS NULL "
        "AND opens_on <= %s AND closes_on >= %s)"
    )
    opened = [campaign.pk, today, today]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH receipt AS (INSERT INTO {receipts} (token_hash, campaign_id) "
                f"SELECT %s, %s WHERE {is_open} ON CONFLICT DO NOTHING RETURNING campaign_id) "
                f"INSERT INTO {inbox} (id, campaign_id, sealed) "
                "SELECT %s, campaign_id, %s FROM receipt "
                # The subquery sees the table as it was before this statement: hence + 1.
                f"RETURNING (SELECT count(*) FROM {inbox} WHERE campaign_id = %s) + 1",
                [receipt, campaign.pk, *opened, entry_id, sealed, campaign.pk],
            )
            row = cursor.fetchone()
            return None if row is None else row[0]
        with transaction.atomic():
            cursor.execute(
                f"INSERT INTO {receipts} (token_hash, campaign_id) SELECT %s, %s "
                f"WHERE {is_open} ON CONFLICT DO NOTHING RETURNING token_hash",
                [receipt, campaign.pk, *opened],
            )
            if cursor.fetchone() is None:
                return None
            # SQLite's subquery sees the new row already.
            cursor.execute(
                f"INSERT INTO {inbox} (id, campaign_id, sealed) VALUES (%s, %s, %s) "
                f"RETURNING (SELECT count(*) FROM {inbox} WHERE campaign_id = %s)",
                [entry_id, campaign.pk, sealed, campaign.pk],
            )
            return cursor.fetchone()[0]


def batch_size(campaign: Campaign) -> int:
    return max(INBOX_BATCH, campaign.min_group_size)


def _groups_of(chosen: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """The respondent's group in each breakdown, as the tally stores it."""
    return {
        Dimension.CARER: 1 if CARER_YES in chosen.get(Q_CARER, ()) else 0,
        Dimension.AGE_BAND: chosen.get(Q_AGE_BAND, [NO_GROUP])[0],
        Dimension.DEPARTMENT: chosen.get(Q_DEPARTMENT, [NO_GROUP])[0],
    }


def tally_add(*, campaign: Campaign, submissions: Iterable[Mapping[int, Sequence[int]]]) -> int:
    """Add the answers of a batch of submissions to the campaign's running counts; how many."""
    counts: Counter = Counter()
    added = 0
    for chosen in submissions:
        added += 1
        for dimension, group in _groups_of(chosen).items():
            counts[(dimension, group, GROUP_SIZE, 0)] += 1
            for question, options in chosen.items():
                for option in options:
                    counts[(dimension, group, question, option)] += 1
    if not counts:
        return 0
    table = AnswerTally._meta.db_table
    rows = [(campaign.pk, *key, n) for key, n in counts.items()]
    _shuffle(rows)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (campaign_id, dimension, group_value, question, option, count) "
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (campaign_id, dimension, group_value, question, option) "
            f"DO UPDATE SET count = {table}.count + excluded.count",
            rows,
        )
    return added


def texts_add(*, campaign: Campaign, texts: Iterable[tuple[int, str]]) -> None:
    """Store free texts in random order with random keys, apart from the counts."""
    rows = [
        # bulk_create skips the models' cleaning on save (programme.validation): clean here.
        TextAnswer(
            id=uuid.uuid4(), campaign=campaign, question=question, text=strip_xml_illegal(text)
        )
        for question, text in texts
    ]
    _shuffle(rows)
    TextAnswer.objects.bulk_create(rows)


def inbox_flush(*, campaign: Campaign, everything: bool = False) -> int:
    """Count a batch of waiting entries (at close: all of them), shuffled; how many were moved.

    The entries are claimed with one DELETE ... RETURNING, so two app servers flushing at once
    never count an entry twice; a claim smaller than a batch is rolled back and waits.
    """
    table = InboxEntry._meta.db_table
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE campaign_id = %s RETURNING sealed", [campaign.pk]
            )
            claimed = [row[0] for row in cursor.fetchall()]
        if not claimed or (not everything and len(claimed) < batch_size(campaign)):
            transaction.set_rollback(True)
            return 0
        payloads = []
        for sealed in claimed:
            try:
                payloads.append(unseal(sealed, campaign_id=campaign.pk))
            except Unreadable:
                # Sealed under a secret key the site no longer has (rotated without keeping it
                # in SECRET_KEY_FALLBACKS): it can never be counted, and must not block the rest.
                logger.error("A sealed monitor entry could not be opened and was dropped.")
        _shuffle(payloads)
        submissions = [
            {int(question): list(options) for question, options in payload["a"].items()}
            for payload in payloads
        ]
        tally_add(campaign=campaign, submissions=submissions)
        texts_add(
            campaign=campaign,
            texts=[
                (int(question), text)
                for payload in payloads
                for question, text in payload["x"].items()
            ],
        )
    return len(claimed)


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def purge_monitor_data(*, today: date) -> int:
    """Delete the raw data of campaigns closed longer ago than their organisation keeps it.

    Raw data is whatever still holds answers per batch or per person: the counts, the free
    texts, the receipts, the access codes and any stray inbox entry. The snapshot stays, so every
    page keeps working. Idempotent: a purged campaign is skipped. Returns how many were purged.
    """
    purged = 0
    candidates = Campaign.objects.filter(
        closed_on__isnull=False, raw_data_purged_on__isnull=True
    ).select_related("organisation")
    for campaign in candidates:
        months = campaign.organisation.monitor_retention_months
        if _months_later(campaign.closed_on, months) > today:
            continue
        with transaction.atomic():
            for model in (AnswerTally, TextAnswer, SubmissionReceipt, AccessCode, InboxEntry):
                model.objects.filter(campaign=campaign).delete()
            Campaign.objects.filter(pk=campaign.pk).update(raw_data_purged_on=today)
        purged += 1
    return purged
