"""What the statements need from an organisation: its contacts and its own paragraph."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programme.models import Organisation

OWN_TEXT_MAX_LENGTH = 4000


class StatementSettings(models.Model):
    """One row per organisation, made on its first save; until then every field is empty and the
    statements say what is missing rather than invent a contact."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="statement_settings",
    )
    privacy_contact = models.EmailField(
        _("privacy contact (e-mail address)"),
        blank=True,
        help_text=_("Where employees send questions about their personal data."),
    )
    dpo_name = models.CharField(
        _("name of the data protection officer"),
        max_length=200,
        blank=True,
        help_text=_("Your functionaris gegevensbescherming (FG), if you have one."),
    )
    dpo_email = models.EmailField(_("e-mail address of the data protection officer"), blank=True)
    accessibility_contact = models.EmailField(
        _("accessibility contact (e-mail address)"),
        blank=True,
        help_text=_("Where employees report a barrier in the monitor pages."),
    )
    respondent_text = models.TextField(
        _("your own paragraph for respondents"),
        max_length=OWN_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Shown in the privacy statement for respondents of your monitor, for example why you "
            "hold it and what you do with the results."
        ),
    )
    # The English page takes this one when written, else the Dutch paragraph (as the goal does).
    respondent_text_en = models.TextField(
        _("your own paragraph in English"),
        max_length=OWN_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Only for the English page; leave it empty to show the Dutch paragraph."),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("statement settings")
        verbose_name_plural = _("statement settings")

    def __str__(self) -> str:
        return str(self.organisation)

    def respondent_text_in(self, language: str) -> str:
        if language == "en" and self.respondent_text_en.strip():
            return self.respondent_text_en.strip()
        return self.respondent_text.strip()
