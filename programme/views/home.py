"""The organisation chooser and the organisation's dashboard."""

from django.shortcuts import redirect, render
from django.utils import timezone

from programme import selectors
from programme.dashboard import panels_for
from programme.navigation import workplaces_for
from programme.scoping import OrgContext, org_view


def home(request):
    """Send a user with one place to work straight to it; let a user with several choose.

    The places are the user's organisations and what other apps register (a support
    organisation's start page)."""
    organisations = list(selectors.organisations_for_user(user=request.user))
    workplaces = workplaces_for(request.user)
    if len(organisations) == 1 and not workplaces:
        return redirect("programme:dashboard", slug=organisations[0].slug)
    if len(workplaces) == 1 and not organisations:
        return redirect(workplaces[0].url)
    return render(
        request,
        "programme/home.html",
        {"organisations": organisations, "workplaces": workplaces},
    )


@org_view()
def dashboard(request, ctx: OrgContext):
    today = timezone.localdate()
    year = today.year
    return render(
        request,
        "programme/dashboard.html",
        {
            "ctx": ctx,
            "today": today,
            "glance": selectors.year_at_a_glance(
                organisation=ctx.organisation, year=year, today=today
            ),
            "overdue": selectors.overdue_actions(organisation=ctx.organisation, today=today)[:10],
            "upcoming": selectors.actions_for_outlook(
                organisation=ctx.organisation, year=year
            ).filter(planned_date__gte=today)[:5],
            "panels": panels_for(ctx, today),
        },
    )
