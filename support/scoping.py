"""The one way a view under /s/<slug>/ gets its support organisation and the user's role."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from support.models import SupportMembership, SupportOrganisation


@dataclass(frozen=True)
class SupportContext:
    support_organisation: SupportOrganisation
    membership: SupportMembership

    @property
    def is_coordinator(self) -> bool:
        return self.membership.is_coordinator


def support_context_for(request: HttpRequest, slug: str) -> SupportContext:
    """The support organisation and the user's membership of it, or 404 for anyone else."""
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        SupportMembership.objects.select_related("support_organisation")
        .filter(support_organisation__slug=slug, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    return SupportContext(
        support_organisation=membership.support_organisation, membership=membership
    )


def support_view(*, coordinator_only: bool = False) -> Callable:
    """Decorate a view under /s/<slug>/: it receives the SupportContext instead of the slug.

    Non-members get 404; advisors get 403 on views for the coordinator only."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs):
            sctx = support_context_for(request, slug)
            if coordinator_only and not sctx.is_coordinator:
                raise PermissionDenied
            request.support = sctx  # read by the navigation in the layout
            return view(request, sctx, *args, **kwargs)

        wrapper.coordinator_only = coordinator_only
        return wrapper

    return decorator
