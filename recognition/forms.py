"""Input validation: a new letter, the one form that edits a draft, the recognition record and
the public profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitor.results import METRICS
from programme.forms import DateInput
from programme.models import MAX_YEAR, MIN_YEAR, ActionStatus, Organisation
from recognition import selectors
from recognition.models import (
    MAX_SIGNATORIES,
    LetterLanguage,
    PublicProfile,
    Recognition,
    StatusLetter,
)

# The date is not among them: a draft is dated the day it was composed, an issued letter the day
# it was issued (recognition.services).
LETTER_FIELDS = [
    "subject",
    "addressee",
    "salutation",
    "reference",
    "your_reference",
    "department",
    "handled_by",
    "phone",
    "email",
    "attachments",
    "occasion",
    "complimentary_close",
    "sender",
    "show_monitor_chart",
]
BODY_MAX_LENGTH = 20_000


class LetterNewForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year the letter looks back on"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_(
            "The review covers the actions done in this year, the outlook those of the next."
        ),
        widget=forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR}),
    )
    language = forms.ChoiceField(label=_("Language of the letter"), choices=LetterLanguage.choices)
    another_draft = forms.BooleanField(
        label=_("Compose another draft, even though there is one for this year"),
        required=False,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.existing_drafts = []
        # The box matters only when there is a draft at all.
        if not selectors.drafts_of(organisation=organisation):
            del self.fields["another_draft"]

    def clean(self):
        data = super().clean()
        year = data.get("year")
        if year is not None:
            self.existing_drafts = selectors.other_drafts(organisation=self.organisation, year=year)
            if self.existing_drafts and not data.get("another_draft"):
                self.add_error(
                    "another_draft" if "another_draft" in self.fields else "year",
                    _(
                        "There is already a draft about %(year)s. Open it and compose it again "
                        "there, or tick this box to start another one."
                    )
                    % {"year": year},
                )
        return data


class LetterRecomposeForm(forms.Form):
    """One box per edited section that would change: tick it to take the new text instead."""

    def __init__(self, *args, plans: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = plans
        for plan in plans:
            if plan.asks:
                self.fields[f"replace_{plan.kind}"] = forms.BooleanField(
                    label=_("Replace my text of “%(section)s” by the new one")
                    % {"section": plan.label},
                    required=False,
                )

    def plan_fields(self) -> list[tuple]:
        """Each section's plan with its box (None where nothing is asked)."""
        return [(plan, self[f"replace_{plan.kind}"] if plan.asks else None) for plan in self.plans]

    def kinds_to_replace(self) -> list[str]:
        return [
            plan.kind
            for plan in self.plans
            if plan.asks and self.cleaned_data.get(f"replace_{plan.kind}")
        ]


class LetterEditForm(forms.ModelForm):
    """The letter's own fields, a title and text per section, and up to four signatories."""

    class Meta:
        model = StatusLetter
        fields = LETTER_FIELDS
        widgets = {
            "occasion": forms.Textarea(attrs={"rows": 3}),
            "attachments": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(self.instance.sections.all())
        for section in self.sections:
            self.fields[f"section_{section.pk}_title"] = forms.CharField(
                label=_("Heading of “%(kind)s”") % {"kind": section.get_kind_display()},
                required=False,
                max_length=200,
                initial=section.title,
                help_text=_("Leave it empty for text without a heading."),
            )
            self.fields[f"section_{section.pk}_body"] = forms.CharField(
                label=_("Text of “%(kind)s”") % {"kind": section.get_kind_display()},
                required=False,
                max_length=BODY_MAX_LENGTH,
                initial=section.body,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_(
                    "A blank line starts a new paragraph; a line starting with “- ” is a bullet."
                ),
            )
        signatories = list(self.instance.signatories.all())
        for i in range(MAX_SIGNATORIES):
            current = signatories[i] if i < len(signatories) else None
            self.fields[f"signatory_{i}_name"] = forms.CharField(
                label=_("Signatory %(number)s: name") % {"number": i + 1},
                required=False,
                max_length=200,
                initial=current.name if current else "",
            )
            self.fields[f"signatory_{i}_role"] = forms.CharField(
                label=_("Signatory %(number)s: role") % {"number": i + 1},
                required=False,
                max_length=200,
                initial=current.role if current else "",
            )

    def clean(self):
        data = super().clean()
        for i in range(MAX_SIGNATORIES):
            name = (data.get(f"signatory_{i}_name") or "").strip()
            role = (data.get(f"signatory_{i}_role") or "").strip()
            if name and not role:
                self.add_error(f"signatory_{i}_role", _("Give the role of this signatory."))
            elif role and not name:
                self.add_error(f"signatory_{i}_name", _("Give the name of this signatory."))
        return data

    def section_fields(self) -> list[tuple]:
        """Each section with its bound title and text fields, for the template."""
        return [
            (s, self[f"section_{s.pk}_title"], self[f"section_{s.pk}_body"]) for s in self.sections
        ]

    def signatory_fields(self) -> list[tuple]:
        """Each signatory row's bound name and role fields."""
        return [
            (self[f"signatory_{i}_name"], self[f"signatory_{i}_role"])
            for i in range(MAX_SIGNATORIES)
        ]

    def section_texts(self) -> dict[int, dict]:
        return {
            s.pk: {
                "title": self.cleaned_data[f"section_{s.pk}_title"].strip(),
                "body": self.cleaned_data[f"section_{s.pk}_body"].strip(),
            }
            for s in self.sections
        }

    def signatory_rows(self) -> list[tuple[str, str]]:
        rows = []
        for i in range(MAX_SIGNATORIES):
            name = self.cleaned_data[f"signatory_{i}_name"].strip()
            role = self.cleaned_data[f"signatory_{i}_role"].strip()
            if name or role:
                rows.append((name, role))
        return rows

    def letter_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in LETTER_FIELDS}


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = Recognition
        fields = [
            "status",
            "applied_on",
            "granted_on",
            "presented_by",
            "valid_until",
            "renewal_due",
            "notes",
        ]
        widgets = {
            "applied_on": DateInput(),
            "granted_on": DateInput(),
            "valid_until": DateInput(),
            "renewal_due": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class ProfileForm(forms.ModelForm):
    """The public profile's texts and choices, offered from the organisation's own data."""

    class Meta:
        model = PublicProfile
        fields = [
            "place",
            "introduction",
            "awareness",
            "achievements",
            "actions",
            "next_steps",
            "partners",
            "guided_by",
            "guided_by_url",
            "website",
            "news_url",
            "video_url",
            "monitor_campaign",
            "monitor_metric",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "awareness": forms.Textarea(attrs={"rows": 5}),
            "achievements": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 5}),
            "actions": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
        }

    monitor_metric = forms.ChoiceField(
        label=_("Monitor figure shown"),
        required=False,
        help_text=_(
            "Shown only when the chosen monitor publishes it: never a figure about fewer "
            "people than its minimum group size."
        ),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        actions = self.fields["actions"]
        actions.queryset = organisation.actions.exclude(status=ActionStatus.CANCELLED).order_by(
            "-year", "title"
        )
        actions.label_from_instance = lambda a: f"{a.title} ({a.year}, {a.get_status_display()})"
        actions.help_text = _(
            "Done actions appear under what was achieved, planned ones under what comes next."
        )
        partners = self.fields["partners"]
        partners.queryset = organisation.support_offers.order_by("name")
        partners.help_text = ""
        campaign = self.fields["monitor_campaign"]
        campaign.queryset = organisation.campaigns.filter(closed_on__isnull=False).order_by(
            "-closes_on"
        )
        campaign.empty_label = _("No monitor")
        campaign.help_text = _("Only a monitor that has closed: its results never change.")
        self.fields["monitor_metric"].choices = [("", _("No monitor figure"))] + [
            (key, label) for key, label in METRICS.items() if key != "response-rate"
        ]

    # The fields the service saves as they are (the actions and partners go separately).
    TEXT_FIELDS = (*selectors.PROFILE_TEXT_FIELDS, "monitor_campaign", "monitor_metric")

    def profile_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.TEXT_FIELDS}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("monitor_metric") and not cleaned.get("monitor_campaign"):
            self.add_error("monitor_campaign", _("Choose the monitor whose figure is shown."))
        return cleaned
