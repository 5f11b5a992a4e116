"""Where each audit log entry belongs: django-auditlog's LogEntry holds who, when, which object
and which fields from → to; this row adds the organisation it is part of and its kind, so that
an organisation's timeline is one indexed read and never shows another organisation's entries."""

from auditlog.models import LogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CHANGE = "change", _("Change")
    MEMBERSHIP = "membership", _("Role or membership")
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    DOWNLOAD = "download", _("Export or download")


class Entry(models.Model):
    log = models.OneToOneField(LogEntry, on_delete=models.CASCADE, related_name="audit_scope")
    # Plain ids, not foreign keys: an entry outlives a deleted organisation until the
    # retention period ends, and writing it during the organisation's own cascade delete
    # must not trip a constraint. Both empty: a platform-level entry (a failed login for an
    # unknown address).
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    support_organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    timestamp = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["organisation_id", "-timestamp"]),
            models.Index(fields=["support_organisation_id", "-timestamp"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.timestamp:%Y-%m-%d %H:%M}"
