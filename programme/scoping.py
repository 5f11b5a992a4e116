"""The one way a view gets its organisation and the user's role in it."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from programme.models import Membership, Organisation, Role


@dataclass(frozen=True)
class OrgContext:
    organisation: Organisation
    membership: Membership

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def is_hr(self) -> bool:
        return self.membership.role == Role.HR


def org_context_for(request: HttpRequest, slug: str) -> OrgContext:
    """Return the organisation and the user's membership, or 404 for anyone who is not a member.

    404 rather than 403: an outsider must not learn that an organisation exists.
    """
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation__slug=slug, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    return OrgContext(organisation=membership.organisation, membership=membership)


def org_view(*, hr_only: bool = False) -> Callable:
    """Decorate a view under /o/<slug>/: it receives the OrgContext instead of the slug.

    Members without the HR role get 403 on HR-only views: they know the organisation already.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs):
            ctx = org_context_for(request, slug)
            if hr_only and not ctx.is_hr:
                raise PermissionDenied
            request.org = ctx  # read by the navigation in the layout
            return view(request, ctx, *args, **kwargs)

        wrapper.hr_only = hr_only
        return wrapper

    return decorator
