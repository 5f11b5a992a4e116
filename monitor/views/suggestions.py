"""Turning a suggestion from a campaign's results into an action in the yearly plan."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitor import results
from monitor.access import campaign_for
from monitor.closing import close_if_due
from monitor.suggestions import suggestion_adopt, suggestions_for
from programme.scoping import OrgContext, org_view


# org_view comes first: an outsider gets 404 whatever the method, before 405 could tell them
# that the address exists.
@org_view(hr_only=True)
@require_POST
def suggestion_adopt_view(request, ctx: OrgContext, pk: int, key: str):
    campaign = close_if_due(campaign=campaign_for(ctx, pk), today=timezone.localdate())
    # The suggestion is recomputed from the published figures: a key the results do not call
    # for (or a hand-made POST) adds nothing.
    metrics = results.summary_for(campaign=campaign).metrics
    suggestion = next((s for s in suggestions_for(metrics=metrics) if s.key == key), None)
    if suggestion is None:
        raise Http404
    action, created = suggestion_adopt(
        organisation=ctx.organisation, suggestion=suggestion, today=timezone.localdate()
    )
    values = {"title": action.title, "year": action.year}
    if created:
        messages.success(
            request, _("“%(title)s” has been added to the plan for %(year)s.") % values
        )
    else:
        messages.info(request, _("“%(title)s” is already in the plan for %(year)s.") % values)
    return redirect("programme:action_detail", slug=ctx.organisation.slug, pk=action.pk)
