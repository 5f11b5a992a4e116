"""The support organisations a user works in, for the home page (programme.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from programme.navigation import Workplace
from support.models import SupportMembership


def support_workplaces(user) -> list[Workplace]:
    memberships = SupportMembership.objects.filter(user=user).select_related("support_organisation")
    return [
        Workplace(
            name=membership.support_organisation.name,
            url=reverse("support:start", args=[membership.support_organisation.slug]),
            description=_("Support organisation · %(role)s")
            % {"role": membership.get_role_display()},
        )
        for membership in memberships
    ]
