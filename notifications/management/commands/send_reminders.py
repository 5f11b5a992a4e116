"""Send the reminders due today: the weekly digests and the yearly moments, each once."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.reminders import send_weekly_digests, send_yearly_reminders


class Command(BaseCommand):
    help = "Send this week's digests and today's yearly reminders (nothing is sent twice)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        digests = send_weekly_digests(today)
        yearly = send_yearly_reminders(today)
        self.stdout.write(f"sent {digests} digests and {yearly} reminders")
