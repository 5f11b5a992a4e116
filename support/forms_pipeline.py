"""Input of the pipeline pages and of the public invitation page."""

from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from programme.forms import DateInput
from programme.models import Organisation, OrganisationKind
from support import pipeline_selectors as selectors
from support.models import Contact, Prospect, Stage, SupportOrganisation


class ProspectForm(forms.ModelForm):
    class Meta:
        model = Prospect
        fields = [
            "name",
            "kind",
            "employee_count",
            "place",
            "contact_name",
            "contact_email",
            "contact_phone",
            "target_group",
            "aim",
            "benefit",
            "stage",
            "owner",
            "organisation",
        ]
        widgets = {
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "aim": forms.Textarea(attrs={"rows": 2}),
            "benefit": forms.Textarea(attrs={"rows": 2}),
            "employee_count": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args, support_organisation: SupportOrganisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.support_organisation = support_organisation  # the model's clean() reads it
        self.fields["owner"].queryset = selectors.members_of(support_organisation)
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        # Only employers followed right now can be linked; a link made earlier stays choosable.
        linkable = selectors.followed_organisations(support_organisation)
        if self.instance.organisation_id:
            linkable = (
                linkable | Organisation.objects.filter(pk=self.instance.organisation_id)
            ).distinct()
        self.fields["organisation"].queryset = linkable
        self.fields["organisation"].help_text = _(
            "Only an employer you follow on the platform. An employer that accepts your "
            "invitation is linked by itself."
        )


class PipelineFilterForm(forms.Form):
    """The pipeline's filters; an invalid value is ignored rather than shown as an error."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    owner = forms.ChoiceField(label=_("Support advisor"), required=False)
    kind = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, support_organisation: SupportOrganisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All stages")), *Stage.choices]
        self.fields["owner"].choices = [
            ("", _("Everyone")),
            *[
                (str(user.pk), user.display_name)
                for user in selectors.members_of(support_organisation).order_by(
                    "full_name", "email"
                )
            ],
            (selectors.NO_OWNER, _("Nobody")),
        ]
        self.fields["kind"].choices = [("", _("All sectors")), *OrganisationKind.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: self.cleaned_data.get(name) or "" for name in ("stage", "owner", "kind")}


class ContactForm(forms.ModelForm):
    """A contact with an employer; when logging one, the employer's stage can move with it."""

    stage = forms.ChoiceField(
        label=_("Stage after this contact"), choices=Stage.choices, required=False
    )

    class Meta:
        model = Contact
        fields = ["on", "kind", "notes", "next_step", "next_step_on"]
        widgets = {
            "on": DateInput(),
            "next_step_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, prospect: Prospect, with_stage: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # The model holds the rules (Contact.clean); the browser only hints at them.
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["next_step"].help_text = _("What was agreed, for example: send the factsheet.")
        if with_stage:
            self.fields["stage"].initial = prospect.stage
        else:
            del self.fields["stage"]


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Name of the HR contact"), max_length=150)
    email = forms.EmailField(label=_("E-mail address of the HR contact"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[("nl", _("Dutch")), ("en", _("English"))],
        initial="nl",
        widget=forms.RadioSelect,
    )


# --- The public invitation page ------------------------------------------------------------------


class NewOrganisationForm(forms.Form):
    organisation_name = forms.CharField(label=_("Name of your organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    employee_count = forms.IntegerField(
        label=_("Number of employees"), min_value=1, max_value=10_000_000
    )

    def organisation_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["organisation_name"],
            "kind": data["kind"],
            "employee_count": data["employee_count"],
        }


class NewAccountForm(NewOrganisationForm):
    """A new account for the invited address, and the organisation it registers."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    field_order = [
        "full_name",
        "password1",
        "password2",
        "organisation_name",
        "kind",
        "employee_count",
    ]

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            try:
                validate_password(
                    password1, User(email=self.email, full_name=data.get("full_name", ""))
                )
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    def account_fields(self) -> dict:
        return {
            "full_name": self.cleaned_data["full_name"],
            "password": self.cleaned_data["password1"],
        }


class LinkOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Which organisation do you want to link?"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
