from django import forms
from django.utils.translation import gettext_lazy as _

from sso.selectors import provider_for_email


class OrganisationLoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        help_text=_(
            "The address of your organisation, for example j.jansen@gemeente-voorbeeld.nl."
        ),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        """The address, and in `provider` the active identity provider of its domain."""
        email = self.cleaned_data["email"].strip().lower()
        self.provider = provider_for_email(email)
        if self.provider is None:
            # Nothing about which organisations do have a login of their own.
            raise forms.ValidationError(
                _(
                    "There is no organisation login for this address. Log in with your "
                    "e-mail address and password instead."
                )
            )
        return email
