"""The support organisation itself: its details and its members. Every member reads them; the
coordinator keeps them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from support import access, organisation_selectors, organisation_services
from support.forms_organisation import (
    SupportMemberAddForm,
    SupportMemberRoleForm,
    SupportOrganisationForm,
)
from support.scoping import SupportContext, support_view
from support.services import SupportError


@support_view()
def organisation_detail(request, sctx: SupportContext):
    return render(request, "support/organisation/detail.html", {"sctx": sctx})


@support_view(coordinator_only=True)
def organisation_edit(request, sctx: SupportContext):
    form = SupportOrganisationForm(request.POST or None, instance=sctx.support_organisation)
    if request.method == "POST" and form.is_valid():
        organisation_services.support_organisation_update(
            support_organisation=form.instance, fields=form.cleaned_data
        )
        messages.success(request, _("The details have been saved."))
        return redirect("support:organisation", slug=sctx.support_organisation.slug)
    return render(request, "support/organisation/form.html", {"sctx": sctx, "form": form})


@support_view()
def member_list(request, sctx: SupportContext):
    members = organisation_selectors.support_members_of(sctx.support_organisation)
    rows = [
        (
            membership,
            SupportMemberRoleForm(initial={"role": membership.role}, prefix=f"m{membership.pk}"),
        )
        for membership in members
    ]
    return render(request, "support/organisation/members.html", {"sctx": sctx, "rows": rows})


@support_view(coordinator_only=True)
def member_add(request, sctx: SupportContext):
    form = SupportMemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = organisation_services.support_membership_add(
                support_organisation=sctx.support_organisation,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except SupportError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("%(email)s has been added.") % {"email": membership.user.email}
            )
            return redirect("support:members", slug=sctx.support_organisation.slug)
    return render(request, "support/organisation/member_add.html", {"sctx": sctx, "form": form})


@support_view(coordinator_only=True)  # outermost, so that outsiders get 404 before anything else
@require_POST
def member_role(request, sctx: SupportContext, pk: int):
    membership = access.support_membership_for(sctx, pk)
    form = SupportMemberRoleForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            organisation_services.support_membership_change_role(
                membership=membership, role=form.cleaned_data["role"]
            )
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(email)s is now %(role)s.")
                % {"email": membership.user.email, "role": membership.get_role_display()},
            )
    else:
        messages.error(request, _("Choose one of the roles."))
    return redirect("support:members", slug=sctx.support_organisation.slug)


@support_view(coordinator_only=True)
def member_remove(request, sctx: SupportContext, pk: int):
    membership = access.support_membership_for(sctx, pk)
    if request.method == "POST":
        try:
            organisation_services.support_membership_remove(membership=membership)
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(email)s has been removed.") % {"email": membership.user.email}
            )
            if membership.user == request.user:
                return redirect("programme:home")
        return redirect("support:members", slug=sctx.support_organisation.slug)
    return render(
        request,
        "support/organisation/member_remove.html",
        {"sctx": sctx, "membership": membership},
    )
