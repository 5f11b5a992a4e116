"""URL-walker samples for the support app (read by tests/test_url_walker.py).

The support organisation's pages live under /s/<slug>/, where `slug` is the support
organisation's. Its world is one support organisation that follows the walker's organisation
(the one `advisor_a` belongs to, when that fixture is in use), with a coordinator and one object of
every kind its URLs point at. Each area of the app adds its objects and samples in its section.
"""

from django.utils import timezone

from programme.models import Organisation
from support.models import (
    Following,
    FollowingState,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)
from tests.conftest import make_user


def steunpunt_following(organisation: Organisation) -> SupportOrganisation:
    """The support organisation that follows `organisation`, made (and following) if none does."""
    following = (
        Following.objects.filter(organisation=organisation, state=FollowingState.ACTIVE)
        .select_related("support_organisation")
        .first()
    )
    if following is not None:
        return following.support_organisation
    support = SupportOrganisation.objects.create(
        name=f"Steunpunt bij {organisation.name}",
        slug=f"steunpunt-{organisation.slug}"[:60],
        commissioned_by=organisation.name,
    )
    Following.objects.create(
        support_organisation=support,
        organisation=organisation,
        state=FollowingState.ACTIVE,
        started_at=timezone.now(),
    )
    return support


def world(organisation: Organisation, *, coordinator=None) -> dict:
    """The support world of the walker's organisation; `coordinator` (default: a new user) is
    the support organisation's coordinator."""
    support = steunpunt_following(organisation)
    if coordinator is None:
        coordinator = make_user(f"coordinator@{support.slug}.example")
    SupportMembership.objects.create(
        user=coordinator, support_organisation=support, role=SupportRole.COORDINATOR
    )
    following = Following.objects.get(support_organisation=support, organisation=organisation)
    return {
        "steunpunt": support,
        "coordinator": coordinator,
        "following": following,
        # --- following (add objects here) ---
        # --- pipeline (add objects here) ---
        # --- offers (add objects here) ---
    }


def _support(w) -> dict:
    return {"slug": w["steunpunt"].slug}


SAMPLES = {
    # --- start page and the support organisation itself ---
    # --- following ---
    # --- portfolio ---
    "support:portfolio_export": lambda w: {**_support(w), "file_format": "xlsx"},
    "support:employer": lambda w: {**_support(w), "employer": w["org"].slug},
    # --- pipeline ---
    # --- offers ---
    # --- report ---
}

# The employer's side under /o/<slug>/ondersteuning/: the organisation's own slug.
EMPLOYER_SAMPLES = {
    # --- following ---
    # --- offers ---
}

# Public by design: the link of an invitation carries its own secret.
PUBLIC_SAMPLES: dict = {}
PUBLIC_URLS: set[str] = set()
