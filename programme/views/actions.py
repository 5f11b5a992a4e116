"""The yearly action plan: list, Terugblik, Vooruitblik and editing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programme import selectors, services
from programme.access import action_for
from programme.forms import ActionFilterForm, ActionForm
from programme.scoping import OrgContext, org_view

ACTIONS_PER_PAGE = 50


def _year_param(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


@org_view(followers=True)
def action_list(request, ctx: OrgContext):
    years = selectors.action_years(organisation=ctx.organisation)
    filter_form = ActionFilterForm(request.GET or None, years=years)
    actions = selectors.actions_filtered(organisation=ctx.organisation, **filter_form.filters())
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programme/action_list.html",
        {
            "ctx": ctx,
            "filter_form": filter_form,
            "page": page,
            "query_string": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@org_view(followers=True)
def action_detail(request, ctx: OrgContext, pk: int):
    action = action_for(ctx, pk)
    return render(request, "programme/action_detail.html", {"ctx": ctx, "action": action})


@org_view(hr_only=True)
def action_create(request, ctx: OrgContext):
    initial = {"year": _year_param(request, timezone.localdate().year)}
    form = ActionForm(request.POST or None, initial=initial)
    form.instance.organisation = ctx.organisation
    if request.method == "POST" and form.is_valid():
        action = services.action_create(organisation=ctx.organisation, fields=form.cleaned_data)
        messages.success(
            request, _("The action “%(title)s” has been added.") % {"title": action.title}
        )
        return redirect("programme:action_detail", slug=ctx.organisation.slug, pk=action.pk)
    return render(request, "programme/action_form.html", {"ctx": ctx, "form": form})


@org_view(hr_only=True)
def action_edit(request, ctx: OrgContext, pk: int):
    action = action_for(ctx, pk)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        services.action_update(action=action, fields=form.cleaned_data)
        messages.success(request, _("The action has been saved."))
        return redirect("programme:action_detail", slug=ctx.organisation.slug, pk=action.pk)
    return render(
        request, "programme/action_form.html", {"ctx": ctx, "form": form, "action": action}
    )


@org_view(hr_only=True)
def action_delete(request, ctx: OrgContext, pk: int):
    action = action_for(ctx, pk)
    if request.method == "POST":
        services.action_delete(action=action)
        messages.success(
            request, _("The action “%(title)s” has been deleted.") % {"title": action.title}
        )
        return redirect("programme:actions", slug=ctx.organisation.slug)
    return render(request, "programme/action_delete.html", {"ctx": ctx, "action": action})


@org_view(followers=True)
def action_review(request, ctx: OrgContext):
    """Terugblik: what was done in a year, by pillar."""
    year = _year_param(request, timezone.localdate().year)
    actions = selectors.actions_for_review(organisation=ctx.organisation, year=year)
    return render(
        request,
        "programme/action_review.html",
        {
            "ctx": ctx,
            "year": year,
            "groups": selectors.group_by_pillar(actions),
            "years": selectors.action_years(organisation=ctx.organisation),
        },
    )


@org_view(followers=True)
def action_outlook(request, ctx: OrgContext):
    """Vooruitblik: what is planned for a year (by default the next one), by pillar."""
    year = _year_param(request, timezone.localdate().year + 1)
    actions = selectors.actions_for_outlook(organisation=ctx.organisation, year=year)
    carry_from = year - 1
    return render(
        request,
        "programme/action_outlook.html",
        {
            "ctx": ctx,
            "year": year,
            "groups": selectors.group_by_pillar(actions),
            "years": selectors.action_years(organisation=ctx.organisation),
            "carry_from": carry_from,
            "to_carry": selectors.recurring_actions_to_carry(
                organisation=ctx.organisation, year=carry_from
            ),
        },
    )


@org_view(hr_only=True)
def action_carry(request, ctx: OrgContext):
    """Carry the recurring actions of a year into the next year in one step."""
    year = _year_param(request, timezone.localdate().year)
    to_carry = selectors.recurring_actions_to_carry(organisation=ctx.organisation, year=year)
    if request.method == "POST":
        carried = services.actions_carry_into_next_year(organisation=ctx.organisation, year=year)
        messages.success(
            request,
            ngettext(
                "%(count)d recurring action has been planned for %(year)d.",
                "%(count)d recurring actions have been planned for %(year)d.",
                len(carried),
            )
            % {"count": len(carried), "year": year + 1},
        )
        outlook_url = reverse("programme:action_outlook", kwargs={"slug": ctx.organisation.slug})
        return redirect(f"{outlook_url}?year={year + 1}")
    return render(
        request,
        "programme/action_carry.html",
        {"ctx": ctx, "year": year, "next_year": year + 1, "to_carry": to_carry},
    )
