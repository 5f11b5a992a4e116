from django import template

from support.models import FollowingState, SupportOrganisation

register = template.Library()


@register.simple_tag(takes_context=True)
def following_support(context) -> SupportOrganisation | None:
    """The support organisation on whose behalf the user follows the organisation of this page.

    The organisation's context knows only that the user follows (programme cannot import this
    app); the layout asks here, on a follower's pages only."""
    request = context["request"]
    org = getattr(request, "org", None)
    if org is None or not org.is_follower:
        return None
    return (
        SupportOrganisation.objects.filter(
            memberships__user=request.user,
            followings__organisation=org.organisation,
            followings__state=FollowingState.ACTIVE,
        )
        .order_by("name", "pk")
        .first()
    )
