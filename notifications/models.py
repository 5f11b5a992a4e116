"""What the reminders sent (so that a second run sends nothing twice) and the calendar links."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.models import Organisation


class ReminderKind(models.TextChoices):
    WEEKLY_DIGEST = "digest", _("Weekly overview")
    CARER_DAY = "carer_day", _("Day of the Carer")
    RENEWAL = "renewal", _("Renewal of the recognition")
    CAMPAIGN_CLOSING = "campaign_closing", _("Monitor closing")


class SentReminder(models.Model):
    """One mail sent to one user: the unique key makes each reminder go out once.

    The key names the occasion: the ISO week of a digest ("2026-W49"), the year of the Day of
    the Carer, the recognition and its renewal date, the campaign and its closing day (a date
    moved later is a new occasion)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind)
    key = models.CharField(_("occasion"), max_length=100)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "kind", "key"],
                name="sent_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} → {self.user}"


class CalendarFeed(models.Model):
    """The secret link of one calendar: an organisation's (read by its HR advisors) or a user's.

    The link's token is an HMAC of `nonce` under a key derived from the site's secret key, so the
    page can show it again, while the database alone (or a backup) holds no working link; look-up
    is by the token's SHA-256. A new nonce revokes the old link."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    nonce = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, user__isnull=False)
                | Q(organisation__isnull=False, user__isnull=True),
                name="calendar_feed_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"calendar of {self.organisation or self.user}"
