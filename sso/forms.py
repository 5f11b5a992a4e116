from django import forms
from django.utils.translation import gettext_lazy as _


class OrganisationLoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        help_text=_(
            "The address of your organisation, for example j.jansen@gemeente-voorbeeld.nl."
        ),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
