from django import forms

from accounts.models import User


class MailSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language", "weekly_digest"]
        widgets = {"language": forms.RadioSelect}
