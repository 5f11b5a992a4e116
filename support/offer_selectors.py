"""Reads of the offer per pillar: the support organisation's own page and the employer's side."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from programme.models import Action, Organisation, PillarKey
from programme.scoping import OrgContext
from support.models import FollowingState, Offering, OfferingUptake, SupportOrganisation


@dataclass(frozen=True)
class PillarOffers:
    key: str
    label: str
    offerings: list[Offering]


def offerings_by_pillar(support_organisation: SupportOrganisation) -> list[PillarOffers]:
    """Every offer of the support organisation under its pillar, the four pillars in their order
    (also those without an offer yet), each offer with `uptake_count`: how often employers took
    it up (once per employer and year)."""
    offerings = (
        Offering.objects.filter(support_organisation=support_organisation)
        .annotate(uptake_count=Count("uptakes"))
        .order_by("-is_active", "title", "pk")
    )
    by_pillar: dict[str, list[Offering]] = {key: [] for key in PillarKey.values}
    for offering in offerings:
        by_pillar[offering.pillar].append(offering)
    return [PillarOffers(key, PillarKey(key).label, by_pillar[key]) for key in PillarKey.values]


def uptake_count(offering: Offering) -> int:
    return offering.uptakes.count()


@dataclass(frozen=True)
class EmployerOffer:
    offering: Offering
    # The action this year's take-up put in the plan, when the offer is already taken up.
    action: Action | None


@dataclass(frozen=True)
class SupportOffers:
    support_organisation: SupportOrganisation
    pillars: list[tuple[str, list[EmployerOffer]]]  # (pillar label, offers), pillars in order


def offers_for_employer(organisation: Organisation, year: int) -> list[SupportOffers]:
    """The offers on offer of every support organisation that follows the employer right now,
    grouped by support organisation and pillar, each with this year's action when it is already
    in the plan. Two queries, however many support organisations and offers."""
    offerings = (
        Offering.objects.filter(
            is_active=True,
            support_organisation__followings__organisation=organisation,
            support_organisation__followings__state=FollowingState.ACTIVE,
        )
        .select_related("support_organisation")
        .order_by("support_organisation__name", "support_organisation__pk", "title", "pk")
    )
    offerings = list(offerings)
    actions = {
        uptake.offering_id: uptake.action
        for uptake in OfferingUptake.objects.filter(
            organisation=organisation,
            year=year,
            action__isnull=False,
            offering__in=[offering.pk for offering in offerings],
        ).select_related("action")
    }
    grouped: dict[int, tuple[SupportOrganisation, dict[str, list[EmployerOffer]]]] = {}
    for offering in offerings:
        support, pillars = grouped.setdefault(
            offering.support_organisation_id,
            (offering.support_organisation, {key: [] for key in PillarKey.values}),
        )
        pillars[offering.pillar].append(EmployerOffer(offering, actions.get(offering.pk)))
    return [
        SupportOffers(
            support_organisation=support,
            pillars=[(PillarKey(key).label, offers) for key, offers in pillars.items() if offers],
        )
        for support, pillars in grouped.values()
    ]


def employer_offer_section(ctx: OrgContext, today: date) -> dict | None:
    """The section beside the employer's own support offers (programme.sections), or None when
    no support organisation that follows it has anything on offer. Never for a follower: a support
    advisor knows its own offer, and must not learn which other support organisations follow."""
    if ctx.is_follower:
        return None
    offers = offers_for_employer(ctx.organisation, today.year)
    if not offers:
        return None
    return {"ctx": ctx, "support_offers": offers, "year": today.year}
