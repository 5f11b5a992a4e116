"""The support organisation's offer per pillar: every member keeps it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from programme.models import PillarKey
from support import access, offer_selectors, offer_services
from support.forms_offers import OfferingForm
from support.models import Offering
from support.scoping import SupportContext, support_view


@support_view()
def offer_list(request, sctx: SupportContext):
    return render(
        request,
        "support/offers/list.html",
        {
            "sctx": sctx,
            "pillars": offer_selectors.offerings_by_pillar(sctx.support_organisation),
        },
    )


def _offer_form(request, sctx: SupportContext, offering: Offering):
    initial = {}
    if offering.pk is None and request.GET.get("pillar") in PillarKey.values:
        initial["pillar"] = request.GET["pillar"]  # from the pillar's own "add" link
    form = OfferingForm(request.POST or None, instance=offering, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = offer_services.offering_save(
            support_organisation=sctx.support_organisation,
            offering=form.instance,
            fields=form.cleaned_data,
        )
        messages.success(request, _("“%(title)s” has been saved.") % {"title": saved.title})
        return redirect("support:offers", slug=sctx.support_organisation.slug)
    return render(
        request,
        "support/offers/form.html",
        {"sctx": sctx, "form": form, "offering": offering if offering.pk else None},
    )


@support_view()
def offer_create(request, sctx: SupportContext):
    return _offer_form(request, sctx, Offering(support_organisation=sctx.support_organisation))


@support_view()
def offer_edit(request, sctx: SupportContext, pk: int):
    return _offer_form(request, sctx, access.offering_for(sctx, pk))


@support_view()
def offer_delete(request, sctx: SupportContext, pk: int):
    offering = access.offering_for(sctx, pk)
    if request.method == "POST":
        if offer_services.offering_delete(offering=offering):
            messages.success(request, _("“%(title)s” has been deleted.") % {"title": offering})
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” has been taken up by employers, so it was kept: it is no longer "
                    "on offer."
                )
                % {"title": offering},
            )
        return redirect("support:offers", slug=sctx.support_organisation.slug)
    return render(
        request,
        "support/offers/delete.html",
        {
            "sctx": sctx,
            "offering": offering,
            "uptake_count": offer_selectors.uptake_count(offering),
        },
    )
