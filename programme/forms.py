"""Input validation for the programme's pages."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.images import logo_check
from programme.models import (
    MAX_YEAR,
    MEMBER_ROLES,
    MIN_YEAR,
    Action,
    ActionStatus,
    ContactPerson,
    Organisation,
    PillarKey,
    Regulation,
    Role,
    SupportOffer,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def validate_logo(upload) -> str:
    """Accept a PNG or JPEG by its content, not its name; return the right file extension."""
    if upload.size > settings.LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; the limit is %(limit)s."),
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.LOGO_MAX_BYTES),
            },
        )
    return logo_check(upload)  # its format and pixels (programme.images)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "employee_count",
            "locations",
            "goal",
            "goal_en",
            "logo",
            "share_in_pooled_figures",
            "two_factor_required",
        ]
        help_texts = {
            "share_in_pooled_figures": _(
                "Other employers see figures of many employers added up, next to their own "
                "results. Our published monitor figures count in them too, but never on their "
                "own: a figure is only shown when at least 5 employers count in it. If you turn "
                "this off, our figures stay out from the next yearly figures on. Figures that "
                "were already made do not change."
            ),
        }
        widgets = {
            "locations": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 6}),
            "goal_en": forms.Textarea(attrs={"rows": 4}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
            "two_factor_required": forms.RadioSelect,
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            extension = validate_logo(logo)
            logo.name = f"{self.instance.slug or 'logo'}.{extension}"
        return logo


class MemberAddForm(forms.Form):
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
    role = forms.ChoiceField(label=_("Role"), choices=MEMBER_ROLES, initial=Role.MANAGER)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MEMBER_ROLES)


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "pillar",
            "year",
            "status",
            "planned_date",
            "completed_date",
            "owner",
            "partner",
            "evidence_url",
            "recurs_yearly",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "planned_date": DateInput(),
            "completed_date": DateInput(),
            "year": forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pillar"].choices = [("", _("No pillar"))] + list(PillarKey.choices)
        # The model holds the rule (today by default, never in the future); this only says so.
        completed = self.fields["completed_date"]
        completed.help_text = _("Only for a done action. Left empty, it is today.")
        completed.widget.attrs["max"] = timezone.localdate().isoformat()


class ActionFilterForm(forms.Form):
    """The action list's filters; invalid values are ignored rather than shown as errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    pillar = forms.ChoiceField(label=_("Pillar"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        self.fields["pillar"].choices = (
            [("", _("All pillars"))] + list(PillarKey.choices) + [("none", _("No pillar"))]
        )
        self.fields["status"].choices = [("", _("All statuses"))] + list(ActionStatus.choices)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "year": data.get("year"),
            "pillar": data.get("pillar") or "",
            "status": data.get("status") or "",
            "query": data.get("q") or "",
        }


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "function", "email", "phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class SupportOfferForm(forms.ModelForm):
    class Meta:
        model = SupportOffer
        fields = ["name", "kind", "description", "url", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class RegulationForm(forms.ModelForm):
    class Meta:
        model = Regulation
        fields = ["kind", "title", "description", "url", "last_checked"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "last_checked": DateInput(),
        }


IMPORT_FORMATS = [("csv", "CSV"), ("xlsx", "Excel (XLSX)")]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV or XLSX file with the columns of the export."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
                },
            )
        return upload

    def options(self) -> dict:
        """The choices made beside the file, as the import carries them to its confirmation."""
        return {name: value for name, value in self.cleaned_data.items() if name != "file"}


class ActionImportForm(ImportUploadForm):
    update_matching = forms.BooleanField(
        label=_("Update actions that already exist"),
        required=False,
        help_text=_(
            "A row without an id that has the title and year of an existing action changes "
            "that action. Without this choice such a row is skipped, so that importing a file "
            "twice adds nothing."
        ),
    )
