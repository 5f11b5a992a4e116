"""Entries are kept for AUDIT_LOG_RETENTION_DAYS, then deleted."""

from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.db import transaction
from django.utils import timezone


def purge_audit_log(today: date | None = None) -> int:
    """Delete every entry made before the retention period that ends today; the number of
    entries deleted. Runs again harmlessly."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(days=settings.AUDIT_LOG_RETENTION_DAYS), time.min)
    )
    with transaction.atomic():
        # Each entry's scope row goes with it (on_delete=CASCADE).
        deleted, per_model = LogEntry.objects.filter(timestamp__lt=cutoff).delete()
    return per_model.get(LogEntry._meta.label, 0)
