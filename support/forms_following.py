"""The forms of following: an employer invites a support organisation, a support organisation
asks an employer by the e-mail address of one of its HR advisors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from support.models import SupportOrganisation


class SupportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SupportOrganisation) -> str:
        details = [obj.name]
        if obj.region_list:
            details.append(_("serves %(region)s") % {"region": ", ".join(obj.region_list)})
        if obj.commissioned_by:
            details.append(
                _("commissioned by %(municipality)s") % {"municipality": obj.commissioned_by}
            )
        return " · ".join(str(detail) for detail in details)


class FollowingInviteForm(forms.Form):
    support_organisation = SupportChoiceField(
        label=_("Support organisation"),
        queryset=SupportOrganisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the support organisation you want to invite."),
            "invalid_choice": _("Choose one of the support organisations in the list."),
        },
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_organisation"].queryset = queryset


class FollowingRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of an HR advisor of the employer"),
        max_length=254,
        help_text=_(
            "The employer is found by the address of one of its HR advisors on the platform."
        ),
        error_messages={
            "required": _("Enter the e-mail address of an HR advisor of the employer."),
            "invalid": _("Enter an e-mail address such as name@employer.nl."),
        },
    )
