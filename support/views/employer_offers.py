"""The employer's side of the offers: HR takes an offer up as an action in its plan."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programme.scoping import OrgContext, org_view
from support import access, offer_services
from support.services import SupportError


@org_view(hr_only=True)  # outermost, so that outsiders get 404 before anything else
@require_POST
def offer_take_up(request, ctx: OrgContext, pk: int):
    offering = access.offering_for_employer(ctx.organisation, pk)
    year = timezone.localdate().year
    try:
        take_up = offer_services.offering_take_up(
            offering=offering, organisation=ctx.organisation, year=year
        )
    except SupportError as error:
        messages.error(request, str(error))
        return redirect("programme:support_list", slug=ctx.organisation.slug)
    names = {"title": take_up.action.title, "year": year}
    if take_up.created:
        messages.success(request, _("“%(title)s” is now in your plan for %(year)s.") % names)
    else:
        messages.info(request, _("“%(title)s” was already in your plan for %(year)s.") % names)
    return redirect("programme:action_detail", slug=ctx.organisation.slug, pk=take_up.action.pk)
