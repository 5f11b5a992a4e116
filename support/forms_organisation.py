"""Input of the support organisation's own details and members."""

from django import forms
from django.utils.translation import gettext_lazy as _

from support.models import SupportOrganisation, SupportRole


class SupportOrganisationForm(forms.ModelForm):
    class Meta:
        model = SupportOrganisation
        fields = ["name", "region", "commissioned_by", "goal", "website"]
        widgets = {
            "region": forms.Textarea(attrs={"rows": 4}),
            "goal": forms.Textarea(attrs={"rows": 6}),
        }


class SupportMemberAddForm(forms.Form):
    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        help_text=_(
            "As colleagues will see it in the app. Someone who already has an account keeps the "
            "name they have."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Someone without an account receives an e-mail to choose a password."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=SupportRole, initial=SupportRole.ADVISOR)


class SupportMemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=SupportRole)
