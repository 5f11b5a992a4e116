"""Deactivate members who have not logged in for INACTIVE_MEMBER_DAYS days (run daily)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from exit.services import deactivate_inactive_members


class Command(BaseCommand):
    help = "Deactivate members who have not logged in for INACTIVE_MEMBER_DAYS days."

    def handle(self, *args, **options):
        result = deactivate_inactive_members(timezone.localdate())
        for email in result.deactivated:
            self.stdout.write(f"deactivated {email}")
        for email in result.kept_last_hr:
            self.stdout.write(f"kept {email}: the last active HR advisor of an organisation")
        self.stdout.write(f"{len(result.deactivated)} deactivated, {len(result.kept_last_hr)} kept")
