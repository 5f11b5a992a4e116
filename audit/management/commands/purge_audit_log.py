from django.core.management.base import BaseCommand

from audit.purge import purge_audit_log


class Command(BaseCommand):
    help = "Delete audit log entries older than AUDIT_LOG_RETENTION_DAYS."

    def handle(self, *args, **options):
        count = purge_audit_log()
        self.stdout.write(f"{count} audit log entries deleted.")
