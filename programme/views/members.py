"""The members page: HR advisors add, re-role and remove members."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.reauth import recent_sign_in_required
from programme import selectors, services
from programme.access import membership_for
from programme.forms import MemberAddForm, MemberRoleForm
from programme.models import Role
from programme.scoping import OrgContext, org_view


@org_view()
def member_list(request, ctx: OrgContext):
    members = selectors.members_of(organisation=ctx.organisation)
    rows = [
        (membership, MemberRoleForm(initial={"role": membership.role}, prefix=f"m{membership.pk}"))
        for membership in members
    ]
    return render(
        request,
        "programme/member_list.html",
        {"ctx": ctx, "rows": rows, "add_form": MemberAddForm()},
    )


def _adds_hr_advisor(request) -> bool:
    return request.method == "POST" and request.POST.get("role") == Role.HR


# Who holds which role is confirmed with a fresh sign-in: adding an HR advisor, a role change and
# a removal (accounts/reauth.py). Adding a manager or a coordinator is not.
@org_view(hr_only=True)
@recent_sign_in_required(when=_adds_hr_advisor)
def member_add(request, ctx: OrgContext):
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                organisation=ctx.organisation,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except services.ProgrammeError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("%(email)s has been added.") % {"email": membership.user.email}
            )
            return redirect("programme:members", slug=ctx.organisation.slug)
    return render(request, "programme/member_add.html", {"ctx": ctx, "form": form})


@org_view(hr_only=True)  # outermost, so that outsiders get 404 before anything else
@require_POST
@recent_sign_in_required
def member_role(request, ctx: OrgContext, pk: int):
    membership = membership_for(ctx, pk)
    form = MemberRoleForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
        except services.ProgrammeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(email)s is now %(role)s.")
                % {"email": membership.user.email, "role": membership.get_role_display()},
            )
    else:
        messages.error(request, _("Choose one of the roles."))
    return redirect("programme:members", slug=ctx.organisation.slug)


@org_view(hr_only=True)
@recent_sign_in_required
def member_remove(request, ctx: OrgContext, pk: int):
    membership = membership_for(ctx, pk)
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership)
        except services.ProgrammeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(email)s has been removed.") % {"email": membership.user.email}
            )
            if membership.user == request.user:
                return redirect("programme:home")
        return redirect("programme:members", slug=ctx.organisation.slug)
    return render(request, "programme/member_remove.html", {"ctx": ctx, "membership": membership})
