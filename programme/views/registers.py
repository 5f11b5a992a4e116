"""Contact persons, support offers and regulations: three small registers with one set of views."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import models
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme import access, selectors, services
from programme.forms import ContactPersonForm, RegulationForm, SupportOfferForm
from programme.models import ContactPerson, Regulation, SupportOffer
from programme.scoping import OrgContext, org_view
from programme.sections import sections_for


@dataclass(frozen=True)
class Register:
    key: str  # also the prefix of its URL names
    model: type[models.Model]
    form: type[forms.ModelForm]
    related_name: str  # the organisation's reverse accessor
    find: Callable  # its access helper: (ctx, pk) -> the organisation's entry, or 404
    title: Promise
    add_label: Promise
    list_template: str


REGISTERS = {
    register.key: register
    for register in [
        Register(
            key="contact",
            model=ContactPerson,
            form=ContactPersonForm,
            related_name="contact_persons",
            find=access.contact_for,
            title=gettext_lazy("Contact persons"),
            add_label=gettext_lazy("Add a contact person"),
            list_template="programme/contact_list.html",
        ),
        Register(
            key="support",
            model=SupportOffer,
            form=SupportOfferForm,
            related_name="support_offers",
            find=access.support_offer_for,
            title=gettext_lazy("Support offers"),
            add_label=gettext_lazy("Add a support offer"),
            list_template="programme/support_list.html",
        ),
        Register(
            key="regulation",
            model=Regulation,
            form=RegulationForm,
            related_name="regulations",
            find=access.regulation_for,
            title=gettext_lazy("Regulations"),
            add_label=gettext_lazy("Add a regulation"),
            list_template="programme/regulation_list.html",
        ),
    ]
}


def _objects(ctx: OrgContext, register: Register):
    return getattr(ctx.organisation, register.related_name).all()


def _register_list(request, ctx: OrgContext, register: str):
    reg = REGISTERS[register]
    return render(
        request,
        reg.list_template,
        {
            "ctx": ctx,
            "register": reg,
            "objects": _objects(ctx, reg),
            "check_before": selectors.regulation_check_cutoff(today=timezone.localdate()),
            # What other apps show on this page (programme.sections), e.g. followers' offers.
            "sections": sections_for(f"programme:{reg.key}_list", ctx, timezone.localdate()),
        },
    )


# Support offers and regulations belong to the published programme that followers (support
# advisors) read; the contact persons are colleagues' names and numbers, for members only.
FOLLOWER_REGISTERS = {"support", "regulation"}
register_list = org_view()(_register_list)
shared_register_list = org_view(followers=True)(_register_list)


def list_view_for(key: str):
    """The list view of register `key`: open to followers or to members only."""
    return shared_register_list if key in FOLLOWER_REGISTERS else register_list


@org_view(hr_only=True)
def register_edit(request, ctx: OrgContext, register: str, pk: int | None = None):
    reg = REGISTERS[register]
    instance = reg.find(ctx, pk) if pk else None
    form = reg.form(request.POST or None, instance=instance)
    form.instance.organisation = ctx.organisation
    if request.method == "POST" and form.is_valid():
        obj = services.register_entry_save(
            organisation=ctx.organisation, entry=form.instance, fields=form.cleaned_data
        )
        messages.success(request, _("“%(name)s” has been saved.") % {"name": obj})
        return redirect(f"programme:{reg.key}_list", slug=ctx.organisation.slug)
    return render(
        request,
        "programme/register_form.html",
        {"ctx": ctx, "register": reg, "form": form, "object": instance},
    )


@org_view(hr_only=True)
def register_delete(request, ctx: OrgContext, register: str, pk: int):
    reg = REGISTERS[register]
    obj = reg.find(ctx, pk)
    if request.method == "POST":
        services.register_entry_delete(entry=obj)
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": obj})
        return redirect(f"programme:{reg.key}_list", slug=ctx.organisation.slug)
    return render(
        request,
        "programme/register_delete.html",
        {"ctx": ctx, "register": reg, "object": obj},
    )
