"""Delete the raw monitor data of campaigns closed longer ago than their organisation keeps it."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from monitor.services import purge_monitor_data


class Command(BaseCommand):
    help = (
        "Delete the counts, free texts, receipts and access codes of monitor campaigns that "
        "closed longer ago than the organisation's retention period; the results stay."
    )

    def handle(self, *args, **options):
        purged = purge_monitor_data(today=timezone.localdate())
        self.stdout.write(f"purged the raw data of {purged} campaign(s)")
