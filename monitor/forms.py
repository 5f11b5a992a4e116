"""Input validation for the HR pages that run monitor campaigns."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitor.models import MIN_GROUP_SIZE, Campaign, CampaignState, CustomQuestion, Department
from monitor.question_guard import question_errors
from monitor.questionnaire import QuestionKind
from monitor.services import MAX_CODES_PER_BATCH
from programme.forms import DateInput
from programme.models import Organisation


class CampaignForm(forms.ModelForm):
    """A campaign's settings; once people have responded, what they answered is fixed.

    The questionnaire version and the access mode cannot change then, and the minimum group
    size can only go up: a figure that was hidden must never appear later.
    """

    class Meta:
        model = Campaign
        fields = [
            "title",
            "questionnaire_version",
            "opens_on",
            "closes_on",
            "invited_count",
            "min_group_size",
            "access_mode",
        ]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "access_mode": forms.RadioSelect,
        }

    def __init__(self, *args, is_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_fixed = is_fixed
        self.fields["min_group_size"].min_value = MIN_GROUP_SIZE
        self.fields["invited_count"].min_value = 1
        today = timezone.localdate()
        if self.instance.pk and self.instance.state_on(today) == CampaignState.CLOSED:
            # Closing is final: only the title can still be corrected.
            for name in self.fields:
                if name != "title":
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "The campaign has closed, so this can no longer change."
                    )
            return
        if is_fixed:
            for name in ("questionnaire_version", "access_mode"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Can no longer be changed: the campaign has opened."
                )
            self.fields["min_group_size"].help_text = _(
                "The campaign has opened: the minimum can be raised, not lowered."
            )

    def clean_min_group_size(self):
        size = self.cleaned_data["min_group_size"]
        current = self.instance.min_group_size if self.instance.pk else MIN_GROUP_SIZE
        if self.is_fixed and size < current:
            raise forms.ValidationError(
                _(
                    "The campaign has opened, so the minimum cannot be lowered below "
                    "%(current)d: a figure that was hidden must not appear later."
                ),
                params={"current": current},
            )
        return size


class CustomQuestionForm(forms.ModelForm):
    """A question of the organisation's own; see monitor.question_guard for what it may not ask.

    `organisation` is the one whose members a question may not name. The advisor confirms each
    time that the question asks nothing about health and names nobody; that is not stored.
    """

    confirm = forms.BooleanField(
        label=_(
            "I confirm that this question asks nothing about health or illness and names no "
            "colleagues"
        ),
        error_messages={
            "required": _(
                "Confirm that the question asks nothing about health or illness and names no "
                "colleagues."
            )
        },
    )

    class Meta:
        model = CustomQuestion
        fields = ["kind", "text", "text_en", "options"]
        widgets = {
            "kind": forms.RadioSelect,
            "options": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "text_en": _("Shown to people who use the monitor in English. Optional."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("confirm", None)  # a promise made on saving, not part of the question
        kind = cleaned.get("kind")
        lines = [line.strip() for line in cleaned.get("options", "").splitlines() if line.strip()]
        if kind == QuestionKind.SCALE:
            # A 5-point scale has the standard labels; options typed in would be ignored.
            cleaned["options"] = ""
        elif kind:
            # How many, how long and whether repeated: CustomQuestion.clean, which runs next.
            cleaned["options"] = "\n".join(lines)
        if self.instance.campaign_id is None:
            # A new question has no campaign yet, so CustomQuestion.clean (which runs next, on
            # the fields that passed) can check health terms but not names: check both here.
            # A stored question is checked there in full, with what was typed.
            errors = question_errors(
                text=cleaned.get("text", ""),
                text_en=cleaned.get("text_en", ""),
                options=cleaned.get("options", ""),
                organisation=self.organisation,
            )
            for name, messages in errors.items():
                for message in messages:
                    self.add_error(name, message)
        return cleaned


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=MAX_CODES_PER_BATCH,
        initial=50,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].help_text = _(
            "Between 1 and %(max)d. You can generate more later."
        ) % {"max": MAX_CODES_PER_BATCH}


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "is_active"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        # Department.clean (which the form runs) refuses a name the organisation already has.
        self.instance.organisation = organisation
        if not self.instance.pk:
            del self.fields["is_active"]  # a new department is always offered


class CampaignCloseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that closing is final: nobody can respond any more and the campaign "
            "cannot be opened again."
        ),
        error_messages={"required": _("Tick the box to confirm that you want to close for good.")},
    )
