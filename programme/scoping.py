"""The one way a view gets its organisation and the user's role in it."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from accounts import two_factor
from programme.models import Membership, Organisation, Role, TwoFactorRequirement

# (user, organisation slug) -> the organisation when the user follows it, else None. The support
# app registers one (programme imports no app above it; docs/architecture.md).
FollowerAccess = Callable[[object, str], Organisation | None]
_follower_access: list[FollowerAccess] = []


def register_follower_access(resolver: FollowerAccess) -> None:
    """Let users who follow an employer from outside (support advisors) read its pages."""
    if resolver not in _follower_access:
        _follower_access.append(resolver)


@dataclass(frozen=True)
class OrgContext:
    organisation: Organisation
    # None for a follower: a support advisor reads the employer without being its member.
    membership: Membership | None
    role: str

    @property
    def is_hr(self) -> bool:
        return self.role == Role.HR

    @property
    def is_follower(self) -> bool:
        return self.role == Role.ADVISOR

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def needs_second_factor(self) -> bool:
        """Whether the organisation requires two-step verification of this member's role.
        Followers are no members: their own organisation decides for them."""
        if self.membership is None:
            return False
        return TwoFactorRequirement(self.organisation.two_factor_required).covers(self.role)


def org_context_for(request: HttpRequest, slug: str) -> OrgContext:
    """Return the organisation and the user's role in it, or 404 for anyone who neither is a
    member nor follows it.

    404 rather than 403: an outsider must not learn that an organisation exists.
    """
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation__slug=slug, user=request.user)
        .first()
    )
    if membership is not None:
        return OrgContext(
            organisation=membership.organisation, membership=membership, role=membership.role
        )
    for resolver in _follower_access:
        organisation = resolver(request.user, slug)
        if organisation is not None:
            return OrgContext(organisation=organisation, membership=None, role=Role.ADVISOR)
    raise Http404


def org_view(*, hr_only: bool = False, followers: bool = False) -> Callable:
    """Decorate a view under /o/<slug>/: it receives the OrgContext instead of the slug.

    Members without the HR role get 403 on HR-only views: they know the organisation already.
    Followers (support advisors) read only the views that say `followers=True`, which show
    published work only; elsewhere they get 403.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs):
            ctx = org_context_for(request, slug)
            # Before any page, read or write: one query, only for the roles the setting covers.
            if (
                ctx.needs_second_factor
                and not two_factor.signed_in_through(request, ctx.organisation.slug)
                and not two_factor.has_second_factor(request.user)
            ):
                return two_factor.setup_redirect(
                    request,
                    _(
                        "%(organisation)s asks you to log in with two-step verification. Set "
                        "up an authenticator app or a passkey first; then you can continue."
                    )
                    % {"organisation": ctx.organisation.name},
                )
            if hr_only and not ctx.is_hr:
                raise PermissionDenied
            if ctx.is_follower and not followers:
                raise PermissionDenied
            request.org = ctx  # read by the navigation in the layout
            return view(request, ctx, *args, **kwargs)

        wrapper.hr_only = hr_only
        wrapper.followers = followers
        return wrapper

    return decorator
