"""The reminders' periodic work (Django's tasks framework, scheduled by crontask; see
docs/architecture.md, "Background work"). Both are idempotent: each mail is recorded once."""

from crontask import cron
from django.tasks import task
from django.utils import timezone


# Monday morning (Europe/Amsterdam): the week's digests.
@cron("0 7 * * Mon")
@task
def weekly_digests_task() -> int:
    from notifications.reminders import send_weekly_digests

    return send_weekly_digests(timezone.localdate())


# Every morning: the Day of the Carer, renewals and monitors about to close.
@cron("15 7 * * *")
@task
def yearly_reminders_task() -> int:
    from notifications.reminders import send_yearly_reminders

    return send_yearly_reminders(timezone.localdate())
