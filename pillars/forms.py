"""Input validation for the pillar pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pillars.models import ItemProgress, ProgressStatus
from pillars.services import PillarsError, check_evidence_upload
from programme.forms import DateInput
from programme.models import Organisation


class ProgressForm(forms.ModelForm):
    """Everything about an item's progress; the service applies it and records the history.

    One owner field ("Responsible") offers the members and the contact persons in two groups;
    the evidence (a description, a link and a file) is one fieldset; the linked actions are
    checkboxes (templates/pillars/item_form.html)."""

    responsible = forms.ChoiceField(label=_("Responsible"), required=False)
    evidence_file = forms.FileField(
        label=_("Add a file"),
        required=False,
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PNG or JPEG; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
    )

    class Meta:
        model = ItemProgress
        fields = [
            "status",
            "not_applicable_reason",
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
            "actions": forms.CheckboxSelectMultiple(),
        }
        labels = {
            "evidence_text": _("Description"),
            "evidence_url": _("Link"),
        }
        help_texts = {
            "completed_date": _("Filled in with today when left empty for a done item."),
            "evidence_text": _("What shows that the item is done, in a few words."),
            "evidence_url": _("A page or document on the intranet, for example."),
            "actions": _("Actions of the yearly plan that worked on this item."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {
            f"member-{m.pk}": m
            for m in organisation.memberships.select_related("user").order_by("user__email")
        }
        self.contacts = {f"contact-{c.pk}": c for c in organisation.contact_persons.all()}
        self.fields["responsible"].choices = [
            ("", _("Nobody yet")),
            (_("Members"), [(key, m.user.display_name) for key, m in self.members.items()]),
            (
                _("Contact persons"),
                [
                    (key, f"{c.name} ({c.function})" if c.function else c.name)
                    for key, c in self.contacts.items()
                ],
            ),
        ]
        if self.instance.responsible_member_id:
            self.initial["responsible"] = f"member-{self.instance.responsible_member_id}"
        elif self.instance.responsible_contact_id:
            self.initial["responsible"] = f"contact-{self.instance.responsible_contact_id}"
        self.fields["actions"].queryset = organisation.actions.order_by("-year", "title")
        self.fields["actions"].label_from_instance = lambda a: f"{a.title} ({a.year})"

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            try:
                check_evidence_upload(upload)
            except PillarsError as error:
                raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        data = super().clean()
        if data.get("status") == ProgressStatus.NOT_APPLICABLE and not data.get(
            "not_applicable_reason"
        ):
            self.add_error("not_applicable_reason", _("Give a reason why the item does not apply."))
        # The one owner field becomes the model's two (at most one of them set).
        key = data.pop("responsible", "")
        data["responsible_member"] = self.members.get(key)
        data["responsible_contact"] = self.contacts.get(key)
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
