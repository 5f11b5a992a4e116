"""The support advisor's start page: follow-ups that are due, employers waiting for an answer,
and the pipeline per stage."""

from django.shortcuts import render
from django.utils import timezone

from support import pipeline_selectors as selectors
from support.scoping import SupportContext, support_view


@support_view()
def start(request, sctx: SupportContext):
    support = sctx.support_organisation
    counts = selectors.stage_counts(support_organisation=support)
    return render(
        request,
        "support/start.html",
        {
            "sctx": sctx,
            "follow_ups": selectors.follow_ups(
                support_organisation=support, user=request.user, today=timezone.localdate()
            ),
            "awaiting": selectors.awaiting_followings(support),
            "stage_counts": counts,
            "total": sum(count.count for count in counts),
            "coming_days": selectors.COMING_DAYS,
        },
    )
