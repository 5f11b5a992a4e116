"""The portfolio's filters; invalid values are ignored rather than shown as errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programme.models import OrganisationKind
from support.portfolio import RECOGNITION_STATES, PortfolioFilters, size_band_choices


class PortfolioFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    size = forms.ChoiceField(label=_("Size"), required=False)
    recognition = forms.ChoiceField(label=_("Recognition"), required=False)
    attention = forms.BooleanField(label=_("Only those that need attention"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + list(OrganisationKind.choices)
        self.fields["size"].choices = [("", _("All sizes"))] + size_band_choices()
        self.fields["recognition"].choices = [("", _("Any status"))] + list(
            RECOGNITION_STATES.items()
        )

    def filters(self) -> PortfolioFilters:
        if not self.is_valid():
            return PortfolioFilters()
        data = self.cleaned_data
        return PortfolioFilters(
            kind=data.get("kind") or "",
            size=data.get("size") or "",
            recognition=data.get("recognition") or "",
            attention=bool(data.get("attention")),
        )
