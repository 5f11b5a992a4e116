"""Close every campaign whose last day has passed and write its snapshot (for a scheduler)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from monitor.closing import close_due_campaigns


class Command(BaseCommand):
    help = "Close every monitor campaign whose last day has passed, and compute its results."

    def handle(self, *args, **options):
        closed = close_due_campaigns(today=timezone.localdate())
        self.stdout.write(f"closed {closed} campaign(s)")
