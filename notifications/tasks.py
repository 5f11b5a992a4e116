"""The reminders' background work (Django's tasks framework; see docs/architecture.md).

With the default immediate backend a task runs at once where it is enqueued; with the database
backend the worker (`manage.py db_worker`) sends the mail."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone


@task
def send_reminder_mail(*, to: str, subject: str, body: str, html: str = "") -> None:
    """One reminder mail, rendered when it was queued (in the member's language)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@task
def weekly_digests() -> int:
    """Periodic: this week's digests (once per member and week, however often it runs)."""
    from notifications.reminders import send_weekly_digests

    return send_weekly_digests(timezone.localdate())


@task
def yearly_reminders() -> int:
    """Periodic: the reminders due today (each once)."""
    from notifications.reminders import send_yearly_reminders

    return send_yearly_reminders(timezone.localdate())
