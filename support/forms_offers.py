"""Input of the offer per pillar."""

from django import forms

from support.models import Offering


class OfferingForm(forms.ModelForm):
    class Meta:
        model = Offering
        fields = ["pillar", "format", "title", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
