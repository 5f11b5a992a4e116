"""URL-walker samples for the support app (read by tests/test_url_walker.py).

The support organisation's pages live under /s/<slug>/, where `slug` is the support
organisation's. Its world is one support organisation that follows the walker's organisation
(the one `advisor_a` belongs to, when that fixture is in use), with a coordinator and one object of
every kind its URLs point at. Each area of the app adds its objects and samples in its section.
"""

from datetime import timedelta

from django.utils import timezone

from programme.models import Organisation, OrganisationKind, PillarKey
from support.invitations import new_token, token_hash
from support.models import (
    Contact,
    ContactKind,
    EmployerInvitation,
    Following,
    FollowingState,
    Offering,
    OfferingFormat,
    Prospect,
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


def following_objects(support: SupportOrganisation, organisation: Organisation) -> dict:
    """An open invitation to the support organisation (from another employer: one open
    following per pair) and an open request to the walker's organisation (from another support
    organisation), for the accept and decline buttons of either side."""
    inviter = Organisation.objects.create(
        name=f"Werkgever die {support.name} uitnodigt", slug=f"uitnodiger-{organisation.slug}"[:60]
    )
    asker = SupportOrganisation.objects.create(
        name=f"Steunpunt dat {organisation.name} vraagt", slug=f"vrager-{organisation.slug}"[:60]
    )
    return {
        "following_invited": Following.objects.create(
            support_organisation=support, organisation=inviter, state=FollowingState.INVITED
        ),
        "following_requested": Following.objects.create(
            support_organisation=asker, organisation=organisation, state=FollowingState.REQUESTED
        ),
    }


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
        **following_objects(support, organisation),
        # --- pipeline (add objects here) ---
        **_pipeline_world(support, coordinator),
        # --- the organisation itself (add objects here) ---
        # A support advisor besides the coordinator: the members' pages change and remove them.
        "support_membership": SupportMembership.objects.create(
            user=make_user(f"adviseur@{support.slug}.example"),
            support_organisation=support,
            role=SupportRole.ADVISOR,
        ),
        # --- offers (add objects here) ---
        "offering": Offering.objects.create(
            support_organisation=support,
            pillar=PillarKey.DISCUSS,
            format=OfferingFormat.LUNCH,
            title="Lunch voor werkende mantelzorgers",
        ),
    }


def _pipeline_world(support: SupportOrganisation, owner) -> dict:
    """An employer in the pipeline with one contact and an open invitation whose plain token the
    world keeps (only its hash is stored), for the public invitation page."""
    today = timezone.localdate()
    prospect = Prospect.objects.create(
        support_organisation=support,
        name="Bouwbedrijf De Steiger",
        kind=OrganisationKind.BUSINESS,
        employee_count=80,
        owner=owner,
        next_step="Factsheet sturen",
        next_step_on=today + timedelta(days=3),
    )
    contact = Contact.objects.create(
        prospect=prospect,
        on=today - timedelta(days=3),
        kind=ContactKind.CALL,
        next_step="Factsheet sturen",
        next_step_on=today + timedelta(days=3),
        by=owner,
    )
    token = new_token()
    invitation = EmployerInvitation.objects.create(
        prospect=prospect,
        email=f"hr@steiger.{support.slug}.example",
        full_name="Sanne Bakker",
        token_hash=token_hash(token),
        sent_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=14),
        invited_by=owner,
    )
    return {
        "prospect": prospect,
        "pipeline_contact": contact,
        "invitation": invitation,
        "invitation_token": token,
    }


def _support(w) -> dict:
    return {"slug": w["steunpunt"].slug}


SAMPLES = {
    # --- start page and the support organisation itself ---
    "support:organisation": _support,
    "support:organisation_edit": _support,
    "support:members": _support,
    "support:member_add": _support,
    "support:member_role": lambda w: {**_support(w), "pk": w["support_membership"].pk},
    "support:member_remove": lambda w: {**_support(w), "pk": w["support_membership"].pk},
    # --- following ---
    "support:followings": _support,
    "support:following_request": _support,
    "support:following_accept": lambda w: {**_support(w), "pk": w["following_invited"].pk},
    "support:following_decline": lambda w: {**_support(w), "pk": w["following_invited"].pk},
    "support:following_end": lambda w: {**_support(w), "pk": w["following"].pk},
    # --- portfolio ---
    "support:portfolio": _support,
    "support:portfolio_export": lambda w: {**_support(w), "file_format": "xlsx"},
    "support:employer": lambda w: {**_support(w), "employer": w["org"].slug},
    # --- pipeline ---
    "support:start": _support,
    "support:pipeline": _support,
    "support:prospect_create": _support,
    "support:prospect_detail": lambda w: {**_support(w), "pk": w["prospect"].pk},
    "support:prospect_edit": lambda w: {**_support(w), "pk": w["prospect"].pk},
    "support:prospect_delete": lambda w: {**_support(w), "pk": w["prospect"].pk},
    "support:prospect_invite": lambda w: {**_support(w), "pk": w["prospect"].pk},
    "support:contact_add": lambda w: {**_support(w), "pk": w["prospect"].pk},
    "support:contact_edit": lambda w: {**_support(w), "pk": w["pipeline_contact"].pk},
    "support:contact_delete": lambda w: {**_support(w), "pk": w["pipeline_contact"].pk},
    # --- offers ---
    "support:offers": _support,
    "support:offer_create": _support,
    "support:offer_edit": lambda w: {**_support(w), "pk": w["offering"].pk},
    "support:offer_delete": lambda w: {**_support(w), "pk": w["offering"].pk},
    # --- report ---
    "support:report": _support,
    "support:report_pdf": _support,
    "support:report_xlsx": _support,
}

# The employer's side under /o/<slug>/ondersteuning/: the organisation's own slug.
EMPLOYER_SAMPLES = {
    # --- following ---
    "employer_support:overview": lambda w: {"slug": w["org"].slug},
    "employer_support:invite": lambda w: {"slug": w["org"].slug},
    "employer_support:accept": lambda w: {"slug": w["org"].slug, "pk": w["following_requested"].pk},
    "employer_support:decline": lambda w: {
        "slug": w["org"].slug,
        "pk": w["following_requested"].pk,
    },
    "employer_support:end": lambda w: {"slug": w["org"].slug, "pk": w["following"].pk},
    # --- offers ---
    "employer_support:offer_take_up": lambda w: {"slug": w["org"].slug, "pk": w["offering"].pk},
}

# Public by design: the link of an invitation carries its own secret.
PUBLIC_SAMPLES: dict = {
    "support_public:invitation": lambda w: {"token": w["invitation_token"]},
}
PUBLIC_URLS: set[str] = {"support_public:invitation"}
