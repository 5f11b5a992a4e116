"""The organisation's list of departments, offered as an optional background question."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from monitor import campaign_services
from monitor.access import department_for
from monitor.forms import DepartmentForm
from monitor.services import MonitorError
from programme.scoping import OrgContext, org_view


def _to_list(ctx: OrgContext):
    return redirect("monitor:department_list", slug=ctx.organisation.slug)


@org_view()
def department_list(request, ctx: OrgContext):
    return render(
        request,
        "monitor/department_list.html",
        {"ctx": ctx, "departments": ctx.organisation.departments.all()},
    )


@org_view(hr_only=True)
def department_create(request, ctx: OrgContext):
    form = DepartmentForm(request.POST or None, organisation=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            department = campaign_services.department_add(
                organisation=ctx.organisation, name=form.cleaned_data["name"]
            )
        except MonitorError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": department})
            return _to_list(ctx)
    return render(request, "monitor/department_form.html", {"ctx": ctx, "form": form})


@org_view(hr_only=True)
def department_edit(request, ctx: OrgContext, pk: int):
    department = department_for(ctx, pk)
    form = DepartmentForm(request.POST or None, instance=department, organisation=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        campaign_services.department_update(department=department, fields=form.cleaned_data)
        messages.success(request, _("“%(name)s” has been saved.") % {"name": department})
        return _to_list(ctx)
    return render(
        request,
        "monitor/department_form.html",
        {"ctx": ctx, "form": form, "department": department},
    )


@org_view(hr_only=True)
def department_delete(request, ctx: OrgContext, pk: int):
    department = department_for(ctx, pk)
    if request.method == "POST":
        if campaign_services.department_remove(department=department):
            messages.success(request, _("“%(name)s” has been deleted.") % {"name": department})
        else:
            messages.info(
                request,
                _(
                    "People chose “%(name)s” in a campaign, so it stays in those results. "
                    "It is no longer offered in the questionnaire."
                )
                % {"name": department},
            )
        return _to_list(ctx)
    return render(
        request,
        "monitor/department_delete.html",
        {
            "ctx": ctx,
            "department": department,
            "is_used": campaign_services.department_is_used(department=department),
        },
    )
