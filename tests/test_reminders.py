"""The reminders (notifications.reminders): the weekly digest and the yearly moments, each sent
once, in the member's language, not when turned off or empty; read from mail.outbox."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from monitor.models import Campaign
from notifications.models import ReminderKind, SentReminder
from notifications.reminders import send_weekly_digests, send_yearly_reminders
from pillars.models import ChecklistItem, ItemProgress, ProgressStatus
from programme.models import ActionStatus, Role
from recognition.models import Recognition, RecognitionStatus
from tests.conftest import client_for, make_member

MONDAY = date(2026, 11, 30)  # ISO week 2026-W49


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run a sending function as the scheduler would: its mails go out after the commit."""

    def run(function, today):
        with django_capture_on_commit_callbacks(execute=True):
            return function(today)

    return run


def _item(n: int = 0) -> ChecklistItem:
    return ChecklistItem.objects.filter(organisation__isnull=True).order_by("pk")[n]


def _responsible(org, user, *, due, n=0, status=ProgressStatus.OPEN) -> ItemProgress:
    return ItemProgress.objects.create(
        organisation=org,
        item=_item(n),
        responsible_member=user.memberships.get(organisation=org),
        due_date=due,
        status=status,
    )


def _mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


# --- The weekly digest ------------------------------------------------------------------------


def test_digest_lists_what_the_member_owns_and_goes_once_a_week(org_a, hr_a, send):
    progress = _responsible(org_a, hr_a, due=date(2026, 11, 20))  # overdue
    assert send(send_weekly_digests, MONDAY) == 1
    assert send(send_weekly_digests, date(2026, 12, 3)) == 0  # same week: nothing twice
    (message,) = mail.outbox
    assert message.to == [hr_a.email]
    assert "Gemeente Aland" in message.subject
    assert progress.item.text in message.body  # Dutch: the item's Dutch text
    assert "te laat sinds 20 november 2026" in message.body
    html = dict((t, c) for c, t in message.alternatives)["text/html"]
    assert progress.item.text in html
    assert SentReminder.objects.filter(kind=ReminderKind.WEEKLY_DIGEST, key="2026-W49").count() == 1
    # The next week it comes again, while the item is still open.
    assert send(send_weekly_digests, date(2026, 12, 7)) == 1


def test_digest_in_english_for_a_member_who_chose_english(org_a, hr_a, send):
    hr_a.language = "en"
    hr_a.save()
    progress = _responsible(org_a, hr_a, due=date(2026, 12, 2))  # due this week
    send(send_weekly_digests, MONDAY)
    (message,) = mail.outbox
    assert message.subject.startswith("Your week")
    assert "due 2 December 2026" in message.body
    assert (progress.item.text_en or progress.item.text) in message.body


def test_no_digest_when_turned_off(org_a, hr_a, send):
    hr_a.weekly_digest = False
    hr_a.save()
    _responsible(org_a, hr_a, due=date(2026, 11, 20))
    assert send(send_weekly_digests, MONDAY) == 0
    assert mail.outbox == []


def test_no_digest_when_nothing_is_due(org_a, hr_a, manager_a, make_action, send):
    _responsible(org_a, hr_a, due=date(2026, 12, 20), n=0)  # more than a week ahead
    _responsible(org_a, hr_a, due=date(2026, 11, 1), n=1, status=ProgressStatus.DONE)
    make_action(org_a, year=2026, planned_date=date(2026, 11, 1), owner=hr_a.email)
    make_action(  # done: not due any more
        org_a,
        year=2026,
        planned_date=date(2026, 11, 2),
        owner=hr_a.email,
        status=ActionStatus.DONE,
        completed_date=date(2026, 11, 2),
    )
    # Only the open action is due: the digest holds it alone.
    assert send(send_weekly_digests, MONDAY) == 1
    (message,) = mail.outbox
    assert "Intranetpagina over mantelzorg" in message.body
    assert _item(0).text not in message.body and _item(1).text not in message.body
    mail.outbox.clear()
    # The manager owns nothing at all: no mail to them.
    assert _mails_to(manager_a.email) == []


def test_an_action_is_the_members_by_its_linked_item_or_their_name(
    org_a, hr_a, manager_a, make_action, send
):
    manager_a.full_name = "Mila Manager"
    manager_a.save()
    progress = _responsible(org_a, hr_a, due=date(2027, 3, 1))  # not due itself
    linked = make_action(org_a, year=2026, title="Lunch voor mantelzorgers", planned_date=MONDAY)
    progress.actions.add(linked)
    make_action(org_a, year=2026, title="Folder drukken", owner="mila manager", planned_date=MONDAY)
    make_action(org_a, year=2026, title="Van een ander", owner="Piet", planned_date=MONDAY)
    send(send_weekly_digests, MONDAY)
    (to_hr,) = _mails_to(hr_a.email)
    (to_manager,) = _mails_to(manager_a.email)
    assert "Lunch voor mantelzorgers" in to_hr.body and "Folder drukken" not in to_hr.body
    assert "Folder drukken" in to_manager.body and "Lunch voor mantelzorgers" not in to_manager.body
    assert all("Van een ander" not in m.body for m in mail.outbox)


def test_a_digest_holds_only_its_own_organisation(org_a, org_b, hr_a, make_action, send):
    org_b.memberships.create(user=hr_a, role=Role.MANAGER)
    _responsible(org_a, hr_a, due=date(2026, 11, 20))
    make_action(org_b, year=2026, title="Actie van Beekdal", owner=hr_a.email, planned_date=MONDAY)
    send(send_weekly_digests, MONDAY)
    by_org = {m.subject: m.body for m in mail.outbox}
    assert len(by_org) == 2
    aland = next(body for subject, body in by_org.items() if "Aland" in subject)
    beekdal = next(body for subject, body in by_org.items() if "Beekdal" in subject)
    assert "Actie van Beekdal" not in aland and "Actie van Beekdal" in beekdal
    assert _item(0).text in aland and _item(0).text not in beekdal


# --- The yearly moments, to HR advisors -------------------------------------------------------


def test_day_of_the_carer_reminder_four_weeks_ahead_once_to_hr_only(org_a, hr_a, manager_a, send):
    assert send(send_yearly_reminders, date(2026, 10, 12)) == 0  # 29 days ahead: not yet
    assert send(send_yearly_reminders, date(2026, 10, 13)) == 1
    assert send(send_yearly_reminders, date(2026, 10, 20)) == 0  # sent this year already
    (message,) = mail.outbox
    assert message.to == [hr_a.email]
    assert message.subject == "De Dag van de Mantelzorg is op 10 november"
    assert "10 november 2026" in message.body
    assert send(send_yearly_reminders, date(2026, 11, 11)) == 0  # the day has passed
    assert send(send_yearly_reminders, date(2027, 10, 14)) == 1  # next year again


def test_day_of_the_carer_in_english(org_a, hr_a, send):
    hr_a.language = "en"
    hr_a.save()
    send(send_yearly_reminders, date(2026, 11, 1))
    (message,) = mail.outbox
    assert message.subject == "The Day of the Carer is on 10 November"
    assert "On 10 November 2026 it is the Day of the Carer" in message.body


def _recognition(org, due):
    return Recognition.objects.create(
        organisation=org,
        status=RecognitionStatus.RECOGNISED,
        granted_on=date(2024, 3, 1),
        valid_until=date(2027, 3, 1),
        renewal_due=due,
    )


def test_renewal_reminder_before_the_date_once(org_a, hr_a, manager_a, send):
    _recognition(org_a, date(2027, 2, 1))
    assert send(send_yearly_reminders, date(2026, 12, 31)) == 0  # 32 days ahead
    assert send(send_yearly_reminders, date(2027, 1, 5)) == 1
    assert send(send_yearly_reminders, date(2027, 1, 6)) == 0
    (message,) = mail.outbox
    assert message.to == [hr_a.email]
    assert "1 februari 2027" in message.subject
    assert "/o/gemeente-aland/recognition/" in message.body


def test_campaign_closing_in_three_days_once(org_a, hr_a, send):
    Campaign.objects.create(
        organisation=org_a,
        title="Monitor 2027",
        opens_on=date(2027, 1, 4),
        closes_on=date(2027, 1, 20),
    )
    assert send(send_yearly_reminders, date(2027, 1, 16)) == 0  # four days ahead
    assert send(send_yearly_reminders, date(2027, 1, 17)) == 1
    assert send(send_yearly_reminders, date(2027, 1, 18)) == 0
    (message,) = mail.outbox
    assert "Monitor 2027" in message.subject and "20 januari 2027" in message.body


def test_yearly_reminders_go_to_each_organisations_own_hr(org_a, org_b, hr_a, hr_b, send):
    _recognition(org_b, date(2027, 2, 1))
    send(send_yearly_reminders, date(2027, 1, 20))
    (message,) = mail.outbox
    assert message.to == [hr_b.email] and "Beekdal" in message.body


def test_an_inactive_hr_advisor_gets_no_reminder(org_a, hr_a, send):
    hr_a.is_active = False
    hr_a.save()
    assert send(send_yearly_reminders, date(2026, 11, 1)) == 0


# --- The command, the periodic tasks and the settings page ------------------------------------


def test_the_command_sends_what_is_due_on_the_day(org_a, hr_a, django_capture_on_commit_callbacks):
    _responsible(org_a, hr_a, due=date(2026, 10, 20))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "2026-11-02")
    assert len(mail.outbox) == 2  # the digest and the Day of the Carer
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "30-11-2026")


def test_the_periodic_tasks_are_the_same_functions(org_a, hr_a, django_capture_on_commit_callbacks):
    from notifications.tasks import weekly_digests_task, yearly_reminders_task

    with django_capture_on_commit_callbacks(execute=True):
        weekly_digests_task.enqueue()
        yearly_reminders_task.enqueue()
    assert SentReminder.objects.count() == len(mail.outbox)


def test_a_member_chooses_the_language_and_turns_digests_off(hr_a):
    client = client_for(hr_a)
    page = client.get("/mijn-instellingen/")
    assert page.status_code == 200 and "Wekelijks overzicht" in page.text
    response = client.post("/mijn-instellingen/", {"language": "en"})
    assert response.status_code == 302
    hr_a.refresh_from_db()
    assert hr_a.language == "en" and hr_a.weekly_digest is False
    response = client.post("/mijn-instellingen/", {"language": "xx", "weekly_digest": "on"})
    assert response.status_code == 200 and "Selecteer een geldige keuze" in response.text
    hr_a.refresh_from_db()
    assert hr_a.language == "en"


def test_a_new_member_gets_dutch_mail_and_digests(org_a):
    user = make_member(org_a, "nieuw@aland.example", Role.MANAGER)
    assert user.language == "nl" and user.weekly_digest is True


def test_a_mail_that_cannot_be_queued_leaves_no_record_and_goes_next_time(
    org_a, hr_a, send, monkeypatch
):
    from notifications import reminders

    _responsible(org_a, hr_a, due=date(2026, 11, 20))

    def broken(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(reminders, "enqueue_mail", broken)
    with pytest.raises(ConnectionError):
        send(send_weekly_digests, MONDAY)
    assert not SentReminder.objects.exists()
    monkeypatch.undo()
    assert send(send_weekly_digests, MONDAY) == 1
    assert len(mail.outbox) == 1
