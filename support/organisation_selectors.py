"""Reads of the support organisation itself."""

from django.db.models import Case, IntegerField, Value, When

from support.models import SupportMembership, SupportOrganisation, SupportRole


def support_members_of(support_organisation: SupportOrganisation):
    """The members, coordinators first, then by name and address."""
    return (
        SupportMembership.objects.filter(support_organisation=support_organisation)
        .select_related("user")
        .annotate(
            coordinator_first=Case(
                When(role=SupportRole.COORDINATOR, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("coordinator_first", "user__full_name", "user__email")
    )
