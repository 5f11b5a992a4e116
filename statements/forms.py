"""Input of the HR page for the statements."""

from django import forms
from django.utils.translation import gettext_lazy as _

from statements.models import StatementSettings


class StatementSettingsForm(forms.ModelForm):
    class Meta:
        model = StatementSettings
        fields = [
            "privacy_contact",
            "dpo_name",
            "dpo_email",
            "accessibility_contact",
            "respondent_text",
            "respondent_text_en",
        ]
        widgets = {
            "respondent_text": forms.Textarea(attrs={"rows": 5}),
            "respondent_text_en": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        # An address without a name tells a reader nothing about whom they write to.
        if data.get("dpo_email") and not data.get("dpo_name", "").strip():
            self.add_error(
                "dpo_name", _("Give the name of the data protection officer with the address.")
            )
        return data
