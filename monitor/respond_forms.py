"""Forms of the public respondent flow: the access code, and one section of questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitor.models import Campaign
from monitor.questionnaire import CUSTOM_QUESTION_BASE, Question, QuestionKind
from monitor.services import TEXT_MAX_LENGTH, code_admit


def field_name(code: int) -> str:
    return f"q{code}"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your access code"),
        max_length=40,
        help_text=_("The code you received, for example ABCDE-23456."),
        error_messages={"required": _("Enter your access code.")},
        widget=forms.TextInput(
            attrs={
                "class": "form-control respond-code",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign

    def clean_code(self) -> str:
        # Checking a code spends it: nobody can ask whether a code was used without using it.
        code = self.cleaned_data["code"].strip()
        if not code_admit(campaign=self.campaign, code=code):
            raise forms.ValidationError(_("This code is not valid or has already been used."))
        return code


# The extra answer of every question of the organisation's own. It is never stored: the form's
# answers leave the question unanswered, as if it had been skipped. Options count from 1.
PREFER_NOT_TO_SAY = 0


def is_own_question(question: Question) -> bool:
    """A question the organisation added to its campaign (numbered above the standard ones)."""
    return question.code > CUSTOM_QUESTION_BASE


def is_required(question: Question) -> bool:
    """Background questions, written answers and the organisation's own questions are optional;
    every other question is asked."""
    return not (
        question.is_background or question.kind == QuestionKind.TEXT or is_own_question(question)
    )


class _AnswersField(forms.MultipleChoiceField):
    """Several answers, except those the question says exclude each other."""

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question

    def validate(self, value):
        super().validate(value)
        # The same rule the send checks again (services.clean_answers), said here first.
        conflict = self.question.conflict(int(v) for v in value if str(v).isdigit())
        if conflict:
            raise forms.ValidationError(conflict, code="exclusive_answer")


class _OwnMultipleChoiceField(_AnswersField):
    """Several answers, or "I'd rather not say" on its own."""

    def validate(self, value):
        super().validate(value)
        if str(PREFER_NOT_TO_SAY) in value and len(value) > 1:
            raise forms.ValidationError(
                _("Choose “I'd rather not say” or other answers, not both."),
                code="prefer_not_to_say_alone",
            )


def _field_for(question: Question) -> forms.Field:
    required = is_required(question)
    choices = [(str(option.code), option.label) for option in question.options]
    help_text = question.help_text
    own = is_own_question(question)
    if own:
        choices.append((str(PREFER_NOT_TO_SAY), _("I'd rather not say")))
        help_text = help_text or _("You can skip this question.")
    common = {"label": question.text, "help_text": help_text, "required": required}
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
            **common,
        )
    if question.kind == QuestionKind.MULTI:
        field_class = _OwnMultipleChoiceField if own else _AnswersField
        exclusive = {"data-exclusive": " ".join(str(code) for code in sorted(question.exclusive))}
        return field_class(
            question=question,
            choices=choices,
            widget=forms.CheckboxSelectMultiple(
                attrs={"class": "form-check-input"} | (exclusive if question.exclusive else {})
            ),
            error_messages={"required": _("Choose at least one answer.")},
            **common,
        )
    return forms.ChoiceField(
        choices=choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose an answer.")},
        **common,
    )


class SectionForm(forms.Form):
    """The questions of one section that apply to this respondent, one field per question."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question.code)] = _field_for(question)

    @staticmethod
    def initial_from(
        questions: list[Question], answers: dict[int, list[int]], texts: dict[int, str]
    ) -> dict:
        """The fields' initial values from the answers given so far."""
        initial = {}
        for question in questions:
            name = field_name(question.code)
            if question.kind == QuestionKind.TEXT:
                initial[name] = texts.get(question.code, "")
            elif question.kind == QuestionKind.MULTI:
                initial[name] = [str(code) for code in answers.get(question.code, [])]
            elif answers.get(question.code):
                initial[name] = str(answers[question.code][0])
        return initial

    def answers(self) -> tuple[dict[int, list[int]], dict[int, str]]:
        """This section's answers from valid data; an unanswered question has an empty answer."""
        return self._collect(lambda name: self.cleaned_data.get(name))

    def answers_as_posted(self) -> tuple[dict[int, list[int]], dict[int, str]]:
        """This section's answers without validation (for Back): unknown options are dropped."""

        def raw(name: str):
            values = self.data.getlist(self.add_prefix(name))
            field = self.fields[name]
            if isinstance(field, forms.MultipleChoiceField):
                return values
            return values[0] if values else ""

        return self._collect(raw)

    def _collect(self, value_of) -> tuple[dict[int, list[int]], dict[int, str]]:
        answers: dict[int, list[int]] = {}
        texts: dict[int, str] = {}
        for question in self.questions:
            value = value_of(field_name(question.code))
            if question.kind == QuestionKind.TEXT:
                texts[question.code] = (value or "").strip()[:TEXT_MAX_LENGTH]
                continue
            values = value if isinstance(value, list) else [value] if value else []
            # "I'd rather not say" is no answer: it is dropped here and never stored.
            valid = question.option_codes - {PREFER_NOT_TO_SAY}
            answers[question.code] = sorted(
                {int(v) for v in values if str(v).isdigit() and int(v) in valid}
            )
        return answers, texts
