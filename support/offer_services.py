"""Writes of the offer per pillar: the support organisation keeps its offer, an employer takes one
up as an action in its plan. Domain rules raise SupportError with a message for the user."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from programme import services as programme_services
from programme.models import Action, ActionStatus, Organisation
from support.models import Following, FollowingState, Offering, OfferingUptake, SupportOrganisation
from support.services import SupportError


def offering_save(*, support_organisation: SupportOrganisation, offering: Offering, fields: dict):
    """Add or change an offer of the support organisation (validated in full)."""
    if offering.support_organisation_id != support_organisation.pk:
        raise SupportError(_("This offer belongs to another support organisation."))
    return programme_services.record_save(offering, fields)


@transaction.atomic
def offering_delete(*, offering: Offering) -> bool:
    """Delete an offer, or, once an employer has taken it up, only take it off offer: the uptakes
    are the record of what the support organisation achieved. True when it was deleted."""
    # Locked, so that a take-up at the same moment waits and then finds the offer gone or off.
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    if offering.uptakes.exists():
        if offering.is_active:
            offering.is_active = False
            offering.save(update_fields=["is_active"])
        return False
    offering.delete()
    return True


@dataclass(frozen=True)
class TakeUp:
    uptake: OfferingUptake
    action: Action
    created: bool  # False: the offer was already in this year's plan


def _action_fields(offering: Offering, year: int) -> dict:
    return {
        "title": offering.title,
        "description": offering.description,
        "pillar": offering.pillar,
        "year": year,
        "status": ActionStatus.PLANNED,
        "partner": offering.support_organisation.name,
    }


@transaction.atomic
def offering_take_up(*, offering: Offering, organisation: Organisation, year: int) -> TakeUp:
    """Put an offer in the employer's plan for `year` as a planned action, once per year.

    Only an offer on offer of a support organisation that follows the employer right now can be
    taken up. A second take-up in the same year adds nothing and returns the action already in
    the plan; when the employer has deleted that action since, a new one takes its place."""
    offering = (
        Offering.objects.select_for_update()
        .select_related("support_organisation")
        .filter(pk=offering.pk, is_active=True)
        .first()
    )
    if offering is None:
        raise SupportError(_("This offer is no longer on offer."))
    follows = Following.objects.filter(
        support_organisation=offering.support_organisation_id,
        organisation=organisation,
        state=FollowingState.ACTIVE,
    ).exists()
    if not follows:
        raise SupportError(_("Only the offer of a support organisation that follows you counts."))
    # The offer's row lock above makes simultaneous take-ups of this offer wait for each other;
    # the unique constraint on (offer, employer, year) holds whoever writes.
    uptake = (
        OfferingUptake.objects.select_related("action")
        .filter(offering=offering, organisation=organisation, year=year)
        .first()
    )
    if uptake is not None and uptake.action is not None:
        return TakeUp(uptake=uptake, action=uptake.action, created=False)
    action = programme_services.action_create(
        organisation=organisation, fields=_action_fields(offering, year)
    )
    if uptake is None:
        try:
            with transaction.atomic():
                uptake = OfferingUptake.objects.create(
                    offering=offering, organisation=organisation, year=year, action=action
                )
        except IntegrityError as error:  # a simultaneous take-up where rows cannot be locked
            raise SupportError(_("This offer is already in your plan.")) from error
    else:
        uptake.action = action
        uptake.save(update_fields=["action"])
    return TakeUp(uptake=uptake, action=action, created=True)
