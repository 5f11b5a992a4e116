from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programme.models import Organisation


class OrganisationExport(models.Model):
    """That an HR advisor took the organisation's full export, when and who: platform staff
    delete an organisation only after one (exit.services.delete_organisation)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    made_at = models.DateTimeField(_("made at"))
    file_count = models.PositiveIntegerField(_("files"))
    size = models.PositiveBigIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("organisation export")
        verbose_name_plural = _("organisation exports")
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.made_at:%Y-%m-%d %H:%M})"
