"""Input validation for the pillar pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pillars.models import ItemProgress, ProgressStatus
from programme.forms import DateInput
from programme.models import Organisation


class ProgressForm(forms.ModelForm):
    """Everything about an item's progress; the service applies it and records the history."""

    class Meta:
        model = ItemProgress
        fields = [
            "status",
            "not_applicable_reason",
            "responsible_member",
            "responsible_contact",
            "due_date",
            "completed_date",
            "evidence_text",
            "evidence_url",
            "notes",
            "actions",
        ]
        widgets = {
            "due_date": DateInput(),
            "completed_date": DateInput(),
            "not_applicable_reason": forms.Textarea(attrs={"rows": 2}),
            "evidence_text": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "completed_date": _("Filled in with today when left empty for a done item."),
            "actions": _("Actions of the yearly plan that worked on this item."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_member"].queryset = organisation.memberships.select_related(
            "user"
        ).order_by("user__email")
        self.fields["responsible_member"].label_from_instance = lambda m: m.user.display_name
        self.fields["responsible_contact"].queryset = organisation.contact_persons.all()
        self.fields["actions"].queryset = organisation.actions.order_by("-year", "title")
        self.fields["actions"].label_from_instance = lambda a: f"{a.title} ({a.year})"

    def clean(self):
        data = super().clean()
        if data.get("status") == ProgressStatus.NOT_APPLICABLE and not data.get(
            "not_applicable_reason"
        ):
            self.add_error("not_applicable_reason", _("Give a reason why the item does not apply."))
        if data.get("responsible_member") and data.get("responsible_contact"):
            self.add_error(
                "responsible_contact",
                _("Choose either a member or a contact person as responsible, not both."),
            )
        return data


class StatusForm(forms.Form):
    """The status changed in place on the checklist."""

    status = forms.ChoiceField(label=_("Status"), choices=ProgressStatus.choices)
    reason = forms.CharField(label=_("Why it does not apply"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("status") == ProgressStatus.NOT_APPLICABLE and not data.get("reason"):
            self.add_error("reason", _("Give a reason why the item does not apply."))
        return data


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PNG or JPEG; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
    )


class OwnItemForm(forms.Form):
    text = forms.CharField(label=_("Item"), max_length=300)
    guidance = forms.CharField(
        label=_("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    counts_for_recognition = forms.BooleanField(
        label=_("Counts for the recognition"), required=False, initial=True
    )
    recurs_yearly = forms.BooleanField(
        label=_("Recurs every year"),
        required=False,
        help_text=_("Its due date moves a year on each time it is completed."),
    )
