"""Closing a campaign: final by every path, once, with a snapshot that never changes."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from monitor.closing import campaign_close, close_due_campaigns
from monitor.models import (
    AccessCode,
    AnswerTally,
    Campaign,
    CustomQuestion,
    InboxEntry,
    Snapshot,
    SnapshotChanged,
    SubmissionReceipt,
    TextAnswer,
)
from monitor.results import summary_for
from monitor.services import MonitorError, codes_generate, purge_monitor_data
from tests.monitor.conftest import (
    TODAY,
    close,
    make_campaign,
    make_upcoming,
    move_first_day,
    submit,
)

CARER = {1: [1], 3: [2], 6: [1], 8: [1], 12: [4]}
TEXT = {11: "Een vast aanspreekpunt zou helpen."}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def respond(campaign, count, answers=CARER, texts=None, **extra):
    for _ in range(count):
        submit(campaign, answers, texts, **extra)


def test_closing_writes_one_snapshot_and_sets_the_day(campaign):
    respond(campaign, 6)
    close(campaign)
    campaign.refresh_from_db()
    assert campaign.closed_on == TODAY and campaign.closes_on == TODAY
    snapshot = Snapshot.objects.get(campaign=campaign)
    assert snapshot.response_count == 6
    assert summary_for(campaign=campaign).response_count == 6


def test_a_closed_campaign_cannot_be_closed_again(campaign):
    close(campaign)
    with pytest.raises(MonitorError):
        campaign_close(campaign=Campaign.objects.get(pk=campaign.pk), today=TODAY, early=True)
    with pytest.raises(MonitorError):
        campaign_close(campaign=Campaign.objects.get(pk=campaign.pk), today=TODAY + timedelta(9))
    assert Snapshot.objects.filter(campaign=campaign).count() == 1


def test_a_closed_campaign_accepts_no_response(campaign):
    close(campaign)
    campaign.refresh_from_db()
    with pytest.raises(MonitorError):
        submit(campaign, CARER)
    assert not InboxEntry.objects.filter(campaign=campaign).exists()


def test_the_shell_cannot_reopen_a_closed_campaign(campaign):
    close(campaign)
    campaign.refresh_from_db()
    campaign.closes_on = TODAY + timedelta(days=30)
    with pytest.raises(ValidationError):
        campaign.save()
    campaign.refresh_from_db()
    campaign.closed_on = None
    with pytest.raises(ValidationError):
        campaign.save()
    stored = Campaign.objects.get(pk=campaign.pk)
    assert (stored.closes_on, stored.closed_on) == (TODAY, TODAY)


def test_a_due_campaign_cannot_be_moved_into_the_future_before_it_is_closed(org_a):
    due = make_campaign(org_a, opens_on=date(2026, 10, 1), closes_on=date(2026, 10, 31))
    due.closes_on = TODAY + timedelta(days=5)
    with pytest.raises(ValidationError) as error:
        due.full_clean()
    assert "closes_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        due.save()


def test_an_open_campaign_can_still_move_its_last_day_later(campaign):
    campaign.closes_on += timedelta(days=7)
    campaign.save()
    assert Campaign.objects.get(pk=campaign.pk).closes_on == campaign.closes_on


def test_the_minimum_can_rise_but_never_fall_once_the_campaign_opened(campaign):
    assert not campaign.has_responses  # open since a week: fixed whether or not anyone responded
    campaign.min_group_size = 7
    campaign.save()
    campaign.min_group_size = 6
    with pytest.raises(ValidationError) as error:
        campaign.save()
    assert "min_group_size" in error.value.message_dict
    assert Campaign.objects.get(pk=campaign.pk).min_group_size == 7


def test_access_and_version_are_fixed_once_the_campaign_opened(campaign):
    assert not campaign.has_responses
    campaign.access_mode = "codes"
    with pytest.raises(ValidationError):
        campaign.save()
    campaign.access_mode = "link"
    campaign.questionnaire_version = "1999.1"
    with pytest.raises(ValidationError):
        campaign.save()
    stored = Campaign.objects.get(pk=campaign.pk)
    assert (stored.access_mode, stored.questionnaire_version) == ("link", "2026.1")


def test_questions_cannot_change_once_the_campaign_opened(org_a):
    campaign = make_upcoming(org_a)
    question = CustomQuestion.objects.create(
        campaign=campaign, code=101, kind="single", text="Werkt u thuis?", options="Ja\nNee"
    )
    # The clock moves on to the first day: move_first_day sets it back to TODAY with a queryset
    # update (the tests' day stays TODAY). Nobody has responded yet.
    move_first_day(campaign, TODAY)
    question.text = "Een andere vraag"
    with pytest.raises(ValidationError):
        question.save()
    with pytest.raises(ValidationError):
        question.delete()
    respond(campaign, 1)
    with pytest.raises(ValidationError):
        question.save()
    assert CustomQuestion.objects.get(pk=question.pk).text == "Werkt u thuis?"


def test_a_snapshot_never_changes(campaign):
    respond(campaign, 5)
    close(campaign)
    snapshot = Snapshot.objects.get(campaign=campaign)
    snapshot.data = {"summary": None}
    with pytest.raises(SnapshotChanged):
        snapshot.save()
    assert Snapshot.objects.get(campaign=campaign).data["summary"] is not None


def test_close_campaigns_closes_every_due_campaign_once(org_a, org_b):
    due_a = make_campaign(org_a, opens_on=date(2026, 10, 1), closes_on=date(2026, 10, 31))
    respond(due_a, 5, today=date(2026, 10, 15))
    due_b = make_campaign(org_b, opens_on=date(2026, 10, 1), closes_on=date(2026, 11, 22))
    still_open = make_campaign(org_a)
    output = io.StringIO()
    call_command("close_campaigns", stdout=output)
    assert output.getvalue().strip() == "closed 2 campaign(s)"
    assert Campaign.objects.get(pk=due_a.pk).closed_on == TODAY
    assert Campaign.objects.get(pk=due_b.pk).closed_on == TODAY
    assert Campaign.objects.get(pk=still_open.pk).closed_on is None
    assert Snapshot.objects.get(campaign=due_a).response_count == 5
    assert close_due_campaigns(today=TODAY) == 0


def test_the_close_counts_what_still_waits_in_the_inbox(campaign):
    respond(campaign, 7, texts=TEXT)
    assert InboxEntry.objects.filter(campaign=campaign).count() == 7
    close(campaign)
    assert not InboxEntry.objects.filter(campaign=campaign).exists()
    assert summary_for(campaign=campaign).response_count == 7


# --- Retention ---------------------------------------------------------------------------------


def _closed_with_raw_data(organisation, *, closed_on):
    campaign = make_campaign(
        organisation,
        access_mode="codes",
        opens_on=closed_on - timedelta(days=20),
        closes_on=closed_on - timedelta(days=1),
    )
    codes_generate(campaign=campaign, count=3)
    respond(campaign, 12, texts=TEXT, today=closed_on - timedelta(days=5))
    return campaign_close(campaign=campaign, today=closed_on, noise=lambda _identity: 0)


def without_tokens(html: bytes) -> bytes:
    """The page without its CSRF tokens, which differ on every request."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


RAW = (AnswerTally, TextAnswer, SubmissionReceipt, AccessCode, InboxEntry)


def test_the_purge_deletes_raw_data_after_the_retention_period_and_keeps_the_results(
    org_a, hr_client
):
    old = _closed_with_raw_data(org_a, closed_on=date(2025, 11, 1))
    recent = _closed_with_raw_data(org_a, closed_on=date(2026, 6, 1))
    before = summary_for(campaign=Campaign.objects.get(pk=old.pk))
    page = hr_client.get(f"/o/{org_a.slug}/monitor/{old.pk}/results/")
    export = hr_client.get(f"/o/{org_a.slug}/monitor/{old.pk}/results.csv")

    assert purge_monitor_data(today=TODAY) == 1

    for model in RAW:
        assert not model.objects.filter(campaign=old).exists(), model
    assert AnswerTally.objects.filter(campaign=recent).exists()
    assert TextAnswer.objects.filter(campaign=recent).exists()
    purged = Campaign.objects.get(pk=old.pk)
    assert purged.raw_data_purged_on == TODAY
    after = summary_for(campaign=purged)
    assert after.response_count == before.response_count == 12
    assert after.metrics == before.metrics and after.free_texts == before.free_texts
    page_after = hr_client.get(f"/o/{org_a.slug}/monitor/{old.pk}/results/")
    assert page_after.status_code == 200
    assert without_tokens(page_after.content) == without_tokens(page.content)
    assert hr_client.get(f"/o/{org_a.slug}/monitor/{old.pk}/results.csv").content == (
        export.content
    )


def test_the_purge_is_idempotent_and_follows_the_organisations_setting(org_a):
    org_a.monitor_retention_months = 3
    org_a.save()
    campaign = _closed_with_raw_data(org_a, closed_on=date(2026, 8, 1))
    call_command("purge_monitor_data", stdout=io.StringIO())
    assert not AnswerTally.objects.filter(campaign=campaign).exists()
    assert purge_monitor_data(today=TODAY) == 0
    assert Campaign.objects.get(pk=campaign.pk).raw_data_purged_on == TODAY


def test_the_purge_leaves_open_campaigns_alone(campaign):
    respond(campaign, 3)
    assert purge_monitor_data(today=TODAY + timedelta(days=800)) == 0
    assert InboxEntry.objects.filter(campaign=campaign).count() == 3
