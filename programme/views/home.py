"""The organisation chooser and the organisation's dashboard."""

from django.shortcuts import redirect, render
from django.utils import timezone

from programme import selectors
from programme.dashboard import panels_for
from programme.scoping import OrgContext, org_view


def home(request):
    """Send a member of one organisation straight to it; let a member of several choose."""
    organisations = list(selectors.organisations_for_user(user=request.user))
    if len(organisations) == 1:
        return redirect("programme:dashboard", slug=organisations[0].slug)
    return render(request, "programme/home.html", {"organisations": organisations})


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
