from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from audit.models import Kind

# A day the log can hold: 31 December 9999 plus the one day of "up to and including" overflows.
DATE_RANGE = [MinValueValidator(date(2000, 1, 1)), MaxValueValidator(date(2100, 12, 31))]


class TimelineFilterForm(forms.Form):
    """The timeline's filters. An unknown choice is ignored; a wrong date is said."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    actor = forms.TypedChoiceField(label=_("Who"), required=False, coerce=int, empty_value=None)
    object_type = forms.TypedChoiceField(
        label=_("Kind of object"), required=False, coerce=int, empty_value=None
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DATE_RANGE,
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DATE_RANGE,
    )

    def __init__(self, *args, actors, object_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + list(Kind.choices)
        self.fields["actor"].choices = [("", _("Everyone"))] + list(actors)
        self.fields["object_type"].choices = [("", _("All objects"))] + list(object_types)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("This date lies before the first date."))
        return data

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            # Ignore the choices that are wrong, keep those that are right.
            data = getattr(self, "cleaned_data", {})
            return {
                key: data.get(key)
                for key in ("kind", "actor", "object_type", "date_from", "date_to")
                if key not in self.errors and data.get(key)
            }
        data = self.cleaned_data
        return {key: value for key, value in data.items() if value}
