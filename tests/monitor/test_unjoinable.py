"""A reader of the database cannot line up one respondent's answers, free text, code and moment.

The attacker here has SQL access: on PostgreSQL the transaction id of every row (`xmin`) and its
physical place (`ctid`), on SQLite the physical `rowid`, and everywhere the primary keys. They
also hold the printed code sheet. Each test joins by one of those and must find nothing smaller
than a whole batch of the inbox. The writes must be real, separately committed transactions, as in
production, hence transactional tests.
"""

import pytest
from django.db import connection

from monitor.models import AccessCode, AnswerTally, Campaign, SubmissionReceipt, TextAnswer
from monitor.sealing import code_hashes
from monitor.services import INBOX_BATCH, code_admit, codes_generate, normalise_code
from tests.monitor.conftest import close, make_campaign, submit

pytestmark = pytest.mark.django_db(transaction=True)

BATCHES = 3
SENDS = BATCHES * INBOX_BATCH


def text_of(number: int) -> str:
    return f"Antwoord nummer {number:03d}"


def number_of(text: str) -> int:
    return int(text.rsplit(" ", 1)[1])


@pytest.fixture
def story(org_a):
    """SENDS respondents, each admitted with their own code and sending a recognisable text,
    in the order of the printed sheet; then the campaign closes."""
    campaign = make_campaign(org_a, access_mode="codes")
    sheet = codes_generate(campaign=campaign, count=SENDS)
    for number, code in enumerate(sheet):
        assert code_admit(campaign=campaign, code=code)
        carer = number % 3 == 0
        answers = {1: [1 if carer else 2], 8: [1 + number % 3], 12: [1 + number % 5]}
        if carer:
            answers |= {3: [1 + number % 5], 6: [1 + number % 4]}
        texts = {11: text_of(number)} if carer else {}
        submit(campaign, answers, texts, admitted=True)
    campaign = Campaign.objects.get(pk=campaign.pk)
    close(campaign)
    return campaign, sheet


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _physical() -> str:
    """The column that exposes a row's physical place."""
    return "ctid" if connection.vendor == "postgresql" else "rowid"


def test_free_texts_are_not_in_the_order_they_were_sent(story):
    campaign, _sheet = story
    sent = sorted(TextAnswer.objects.filter(campaign=campaign).values_list("text", flat=True))
    by_key = [
        number_of(t)
        for t in TextAnswer.objects.filter(campaign=campaign)
        .order_by("id")
        .values_list("text", flat=True)
    ]
    by_place = [
        number_of(text)
        for (text,) in _rows(
            f"SELECT text FROM {TextAnswer._meta.db_table} WHERE campaign_id = %s "
            f"ORDER BY {_physical()}",
            [campaign.pk],
        )
    ]
    assert len(by_key) == len(sent) == SENDS // 3
    assert by_key != sorted(by_key)
    # Physically, batches follow each other; inside each batch the order is shuffled.
    batch_texts = INBOX_BATCH // 3
    for start in range(0, len(by_place) - batch_texts + 1, batch_texts):
        window = by_place[start : start + batch_texts]
        assert window != sorted(window)


def test_no_transaction_lines_up_fewer_than_a_batch(story):
    campaign, _sheet = story
    if connection.vendor != "postgresql":
        # SQLite keeps no transaction id per row; the physical order is covered above.
        assert connection.vendor == "sqlite"
        return
    xmin = "xmin::text::bigint"
    texts = _rows(
        f"SELECT {xmin}, text FROM {TextAnswer._meta.db_table} WHERE campaign_id = %s",
        [campaign.pk],
    )
    by_transaction: dict[int, list[str]] = {}
    for transaction_id, text in texts:
        by_transaction.setdefault(transaction_id, []).append(text)
    # Every transaction that wrote texts wrote a whole batch's worth (a third are carers).
    assert len(by_transaction) == BATCHES
    assert all(len(group) >= INBOX_BATCH // 3 for group in by_transaction.values())

    tally = {
        t
        for (t,) in _rows(
            f"SELECT {xmin} FROM {AnswerTally._meta.db_table} WHERE campaign_id = %s",
            [campaign.pk],
        )
    }
    codes = [
        t
        for (t,) in _rows(
            f"SELECT {xmin} FROM {AccessCode._meta.db_table} WHERE campaign_id = %s AND is_used",
            [campaign.pk],
        )
    ]
    receipts = {
        t
        for (t,) in _rows(
            f"SELECT {xmin} FROM {SubmissionReceipt._meta.db_table} WHERE campaign_id = %s",
            [campaign.pk],
        )
    }
    # The counts changed only in the batch moves, never in a send or an admission.
    assert tally <= set(by_transaction)
    # Each code was spent in a transaction of its own, which wrote nothing else.
    assert len(set(codes)) == SENDS
    assert not set(codes) & (tally | set(by_transaction) | receipts)
    # A receipt shares its send's transaction, but that transaction wrote no answer that stays.
    assert not receipts & (tally | set(by_transaction))


def test_the_code_table_does_not_follow_the_printed_sheet(story):
    campaign, sheet = story
    position = {
        code_hashes(normalise_code(code), campaign_key=campaign.key)[0]: index
        for index, code in enumerate(sheet)
    }
    by_key = [
        position[h]
        for h in AccessCode.objects.filter(campaign=campaign)
        .order_by("id")
        .values_list("code_hash", flat=True)
    ]
    assert sorted(by_key) == list(range(SENDS))
    assert by_key != sorted(by_key)


def test_the_counts_hold_no_row_per_respondent(story):
    campaign, _sheet = story
    rows = AnswerTally.objects.filter(campaign=campaign)
    # Each cell is one row whatever the number of respondents, and every count is a sum.
    assert rows.count() < SENDS
    sizes = rows.filter(dimension=1, question=0).values_list("count", flat=True)
    assert sum(sizes) == SENDS
