"""What the monitor's store holds, and the rules for storing a sent form.

A send writes one receipt and one sealed inbox entry; entries are counted in batches into running
counts (AnswerTally), free texts apart (TextAnswer); at close every waiting entry is counted.
Nothing in the database holds one person's answers in clear text.
"""

import hashlib
import uuid
from datetime import date

import pytest
from django.db import connection, models

from monitor.models import (
    GROUP_SIZE,
    NO_GROUP,
    AccessCode,
    AnswerTally,
    Campaign,
    Dimension,
    InboxEntry,
    Snapshot,
    SubmissionReceipt,
    TextAnswer,
)
from monitor.questionnaire import Q_AGE_BAND, Q_CARER
from monitor.sealing import Unreadable, unseal
from monitor.services import (
    INBOX_BATCH,
    MonitorError,
    code_admit,
    codes_generate,
    normalise_code,
)
from tests.monitor.conftest import TODAY, close, make_campaign, submit

CARER = {Q_CARER: [1], 3: [2], 6: [1], 7: [1], 10: [1, 2], Q_AGE_BAND: [2]}
NOT_CARER = {Q_CARER: [2], Q_AGE_BAND: [3]}
SECRET_TEXT = "Mijn moeder heeft dementie"


def every_stored_value() -> list[object]:
    """Every value of every row of every table, read with raw SQL past the models."""
    values: list[object] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                values.extend(row)
    return values


def stored_anywhere(text: str) -> bool:
    """Whether `text` appears in any column of any row, as text or inside bytes."""
    needle = text.lower()
    for value in every_stored_value():
        if isinstance(value, bytes | bytearray | memoryview):
            data = bytes(value).lower()
            if needle.encode() in data or needle.encode("utf-16-le") in data:
                return True
        elif value is not None and needle in str(value).lower():
            return True
    return False


def tally(campaign: Campaign, dimension: int, group: int, question: int, option: int = 0) -> int:
    row = AnswerTally.objects.filter(
        campaign=campaign, dimension=dimension, group_value=group, question=question, option=option
    ).first()
    return row.count if row else 0


def respondents(campaign: Campaign) -> int:
    """How many respondents the counts hold (every respondent is in one carer group)."""
    return sum(
        AnswerTally.objects.filter(
            campaign=campaign, dimension=Dimension.CARER, question=GROUP_SIZE
        ).values_list("count", flat=True)
    )


# --- What a row may hold ------------------------------------------------------------------------


def test_the_inbox_entry_has_no_field_that_could_identify_a_person():
    fields = {f.name: f for f in InboxEntry._meta.get_fields()}
    assert set(fields) == {"id", "campaign", "sealed"}
    assert isinstance(fields["id"], models.UUIDField)
    assert isinstance(fields["sealed"], models.BinaryField)
    for model in (InboxEntry, AnswerTally, TextAnswer, AccessCode, SubmissionReceipt):
        for field in model._meta.get_fields():
            # No day either: DateTimeField is a DateField too.
            assert not isinstance(field, models.DateField), (model, field.name)
            assert not isinstance(field, models.GenericIPAddressField), (model, field.name)
            if field.is_relation:
                assert field.related_model.__name__ not in {"User", "Membership"}, field.name
            for word in ("user", "ip", "agent", "referrer", "referer", "cookie", "session", "time"):
                assert word not in field.name.split("_"), (model, field.name)


def test_a_send_stores_one_sealed_entry_and_its_receipt(campaign):
    assert submit(campaign, CARER, {11: SECRET_TEXT})
    entry = InboxEntry.objects.get()
    assert entry.campaign == campaign
    assert isinstance(entry.id, uuid.UUID) and entry.id.version == 4
    assert SubmissionReceipt.objects.filter(campaign=campaign).count() == 1
    # Sealed, the entry still holds the whole answer, for this campaign's key only.
    payload = unseal(bytes(entry.sealed), campaign_id=campaign.pk)
    assert payload["x"] == {"11": SECRET_TEXT}
    assert payload["a"] == {str(q): options for q, options in CARER.items()}
    with pytest.raises(Unreadable):
        unseal(bytes(entry.sealed), campaign_id=campaign.pk + 1)
    # Nothing is counted yet: one send is not a batch.
    assert not AnswerTally.objects.exists() and not TextAnswer.objects.exists()


def test_the_sealed_bytes_hold_none_of_the_answers_in_clear(campaign):
    submit(campaign, CARER, {11: SECRET_TEXT})
    submit(campaign, CARER, {11: SECRET_TEXT})
    first, second = (bytes(entry.sealed) for entry in InboxEntry.objects.all())
    for sealed in (first, second):
        assert SECRET_TEXT.encode() not in sealed
        assert b"dementie" not in sealed.lower()
        assert b'"a":{' not in sealed and b'"x":{' not in sealed and b'"10":[1,2]' not in sealed
    # The same answers seal differently every time: equal rows cannot be matched up.
    assert first != second


def test_no_table_holds_a_free_text_before_it_is_counted(campaign):
    submit(campaign, CARER, {11: SECRET_TEXT})
    tables = connection.introspection.table_names()
    assert InboxEntry._meta.db_table in tables and TextAnswer._meta.db_table in tables
    assert not stored_anywhere(SECRET_TEXT)
    assert not stored_anywhere("dementie")
    # The search does find it once it is counted, apart from the counts: it can fail.
    close(campaign)
    assert stored_anywhere(SECRET_TEXT)
    assert list(TextAnswer.objects.values_list("text", flat=True)) == [SECRET_TEXT]


def test_the_form_token_is_stored_only_as_a_keyed_hash(campaign):
    token = "de-token-van-dit-formulier"
    submit(campaign, CARER, token=token)
    receipt = SubmissionReceipt.objects.get()
    assert receipt.token_hash != hashlib.sha256(token.encode()).hexdigest()
    assert not stored_anywhere(token)


# --- From the inbox into the counts --------------------------------------------------------------


def test_entries_wait_in_the_inbox_until_a_batch_is_full(campaign):
    carers = 30
    for number in range(INBOX_BATCH - 1):
        submit(campaign, CARER if number < carers else NOT_CARER, {11: f"tekst {number}"})
    assert InboxEntry.objects.filter(campaign=campaign).count() == INBOX_BATCH - 1
    assert not AnswerTally.objects.exists() and not TextAnswer.objects.exists()

    submit(campaign, NOT_CARER)
    assert not InboxEntry.objects.exists()
    assert respondents(campaign) == INBOX_BATCH
    assert tally(campaign, Dimension.CARER, 1, GROUP_SIZE) == carers
    assert tally(campaign, Dimension.CARER, 0, GROUP_SIZE) == INBOX_BATCH - carers
    assert tally(campaign, Dimension.CARER, 1, 10, 2) == carers
    assert tally(campaign, Dimension.CARER, 0, 10, 2) == 0
    assert tally(campaign, Dimension.AGE_BAND, 2, GROUP_SIZE) == carers
    assert tally(campaign, Dimension.AGE_BAND, 3, Q_CARER, 2) == INBOX_BATCH - carers
    assert tally(campaign, Dimension.DEPARTMENT, NO_GROUP, GROUP_SIZE) == INBOX_BATCH
    # Free texts of carers only (the text question is for carers), apart from the counts.
    assert TextAnswer.objects.filter(campaign=campaign).count() == carers


def test_a_raised_minimum_makes_the_batch_larger(org_a):
    campaign = make_campaign(org_a, min_group_size=INBOX_BATCH + 10)
    for _ in range(INBOX_BATCH + 9):
        submit(campaign, CARER)
    assert InboxEntry.objects.count() == INBOX_BATCH + 9
    assert not AnswerTally.objects.exists()
    submit(campaign, CARER)
    assert not InboxEntry.objects.exists()
    assert respondents(campaign) == INBOX_BATCH + 10


def test_fewer_than_a_batch_wait_until_the_close_counts_them_all(campaign):
    for _ in range(4):
        submit(campaign, CARER, {11: SECRET_TEXT})
    for _ in range(3):
        submit(campaign, NOT_CARER)
    assert InboxEntry.objects.count() == 7 and not AnswerTally.objects.exists()

    close(campaign)
    assert not InboxEntry.objects.exists()
    assert respondents(campaign) == 7
    assert tally(campaign, Dimension.CARER, 1, GROUP_SIZE) == 4
    assert tally(campaign, Dimension.CARER, 1, 6, 1) == 4
    assert TextAnswer.objects.count() == 4
    snapshot = Snapshot.objects.get(campaign=campaign)
    assert snapshot.response_count == 7


def test_a_batch_and_its_rest_are_all_counted_at_close(campaign):
    for _ in range(INBOX_BATCH + 3):
        submit(campaign, CARER)
    assert InboxEntry.objects.count() == 3
    assert respondents(campaign) == INBOX_BATCH
    close(campaign)
    assert not InboxEntry.objects.exists()
    assert respondents(campaign) == INBOX_BATCH + 3
    assert Snapshot.objects.get(campaign=campaign).response_count == INBOX_BATCH + 3


def test_the_free_texts_are_not_stored_in_the_order_they_were_sent(campaign):
    sent = [f"Antwoord nummer {number:03d}" for number in range(INBOX_BATCH)]
    for text in sent:
        submit(campaign, CARER, {11: text})
    assert not InboxEntry.objects.exists()
    stored = list(TextAnswer.objects.all())
    assert sorted(t.text for t in stored) == sorted(sent)
    assert all(t.id.version == 4 for t in stored)
    # Neither the keys nor the table's own order follow the sends. Both shuffles are random;
    # either matching the order of a batch of sends by chance has a probability of 1 in (batch)!.
    assert [t.text for t in TextAnswer.objects.order_by("id")] != sent
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {TextAnswer._meta.db_table}")
        assert [row[0] for row in cursor.fetchall()] != sent


# --- What is refused -----------------------------------------------------------------------------


def test_a_double_submit_stores_once(campaign):
    assert submit(campaign, CARER, {11: SECRET_TEXT}, token="same-form") is True
    assert submit(campaign, CARER, {11: SECRET_TEXT}, token="same-form") is False
    assert InboxEntry.objects.count() == 1
    assert SubmissionReceipt.objects.count() == 1
    close(campaign)
    assert respondents(campaign) == 1
    assert TextAnswer.objects.count() == 1


def test_a_campaign_past_its_last_day_accepts_nothing(closed_campaign):
    with pytest.raises(MonitorError):
        submit(closed_campaign, CARER)
    assert not InboxEntry.objects.exists() and not SubmissionReceipt.objects.exists()


def test_a_campaign_closed_early_accepts_nothing(campaign):
    submit(campaign, CARER)
    close(campaign)
    campaign.refresh_from_db()
    assert campaign.closed_on == TODAY and campaign.closes_on == TODAY
    with pytest.raises(MonitorError):
        submit(campaign, CARER)
    assert not InboxEntry.objects.exists()
    assert SubmissionReceipt.objects.count() == 1
    assert respondents(campaign) == 1


def test_a_campaign_that_has_not_opened_accepts_nothing(campaign):
    with pytest.raises(MonitorError):
        submit(campaign, CARER, today=date(2026, 11, 1))
    assert not InboxEntry.objects.exists()


@pytest.mark.parametrize(
    "answers",
    [{99: [1]}, {Q_CARER: [7]}, {Q_CARER: [1, 2]}, {}],
    ids=["unknown question", "unknown option", "two answers to one question", "nothing"],
)
def test_bad_answers_store_nothing(campaign, answers):
    with pytest.raises(MonitorError):
        submit(campaign, answers)
    assert not InboxEntry.objects.exists() and not SubmissionReceipt.objects.exists()


def test_carer_questions_are_dropped_for_someone_who_is_not_a_carer(campaign):
    submit(campaign, {**CARER, Q_CARER: [2]}, {11: "tekst"})
    payload = unseal(bytes(InboxEntry.objects.get().sealed), campaign_id=campaign.pk)
    assert payload == {"a": {str(Q_CARER): [2], str(Q_AGE_BAND): [2]}, "x": {}}
    close(campaign)
    assert not TextAnswer.objects.exists()
    assert tally(campaign, Dimension.CARER, 0, GROUP_SIZE) == 1
    assert tally(campaign, Dimension.CARER, 0, 6, 1) == 0


# --- Codes ---------------------------------------------------------------------------------------


def test_codes_are_stored_as_keyed_hashes_and_admit_once(code_campaign):
    codes = codes_generate(campaign=code_campaign, count=3)
    assert len(set(codes)) == 3
    stored = set(AccessCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 3 and all(len(h) == 64 for h in stored)
    plain = {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
    assert not stored & (set(codes) | plain)
    code = codes[0].lower().replace("-", " ")  # typed from paper, however it is typed
    assert code_admit(campaign=code_campaign, code=code) is True
    assert code_admit(campaign=code_campaign, code=codes[0]) is False  # checking spent it
    assert AccessCode.objects.filter(is_used=True).count() == 1
    assert submit(code_campaign, CARER, admitted=True)
    # Neither the code nor anything sent with it is stored in clear.
    assert not stored_anywhere(codes[0]) and not stored_anywhere(normalise_code(codes[0]))


def test_a_code_of_another_campaign_admits_nobody(code_campaign, org_b):
    other = make_campaign(org_b, access_mode="codes")
    [code] = codes_generate(campaign=other, count=1)
    assert code_admit(campaign=code_campaign, code=code) is False
    assert not AccessCode.objects.filter(is_used=True).exists()


def test_a_code_campaign_refuses_a_response_without_admission(code_campaign):
    codes_generate(campaign=code_campaign, count=1)
    with pytest.raises(MonitorError):
        submit(code_campaign, CARER, admitted=False)
    assert not InboxEntry.objects.exists() and not SubmissionReceipt.objects.exists()
