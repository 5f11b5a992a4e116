"""The one way a view finds an object of the programme: inside the member's organisation, or 404.

Another organisation's object answers exactly like one that does not exist (see
programme.scoping); tests/test_object_walk.py asks for every object of another organisation.
"""

from django.db.models import QuerySet
from django.http import Http404

from programme.models import Action, ContactPerson, Membership, Regulation, SupportOffer
from programme.scoping import OrgContext


def one_of(queryset: QuerySet, pk) -> object:
    """The row `pk` of an already scoped queryset, or 404."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def action_for(ctx: OrgContext, pk: int) -> Action:
    return one_of(ctx.organisation.actions.select_related("carried_from"), pk)


def membership_for(ctx: OrgContext, pk: int) -> Membership:
    return one_of(ctx.organisation.memberships.select_related("user"), pk)


def contact_for(ctx: OrgContext, pk: int) -> ContactPerson:
    return one_of(ctx.organisation.contact_persons.all(), pk)


def support_offer_for(ctx: OrgContext, pk: int) -> SupportOffer:
    return one_of(ctx.organisation.support_offers.all(), pk)


def regulation_for(ctx: OrgContext, pk: int) -> Regulation:
    return one_of(ctx.organisation.regulations.all(), pk)
