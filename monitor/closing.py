"""Closing a campaign: final, once, and the only moment its results are computed.

A campaign closes by itself on the first day after its last day (on the first request that
looks at it, or by `manage.py close_campaigns`), or earlier when an HR advisor confirms it. The
close moves every waiting inbox entry into the counts, computes the snapshot through the one
aggregation function with a fresh random perturbation whose seed is then forgotten, and sets
`closed_on`. Nothing can open the campaign again: see Campaign.locked_fields_changed.
"""

import secrets
from collections.abc import Callable, Hashable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from monitor import respondent_cache
from monitor.aggregation import cell_key_noise
from monitor.models import Campaign, Snapshot
from monitor.results import snapshot_data
from monitor.services import MonitorError, inbox_flush
from programme.models import Organisation


def campaign_close(
    *,
    campaign: Campaign,
    today: date,
    early: bool = False,
    noise: Callable[[Hashable], int] | None = None,
) -> Campaign:
    """Close the campaign for good and write its snapshot, in one transaction.

    `early` is an HR advisor's close of a campaign that is still open: its last day becomes
    today. Otherwise the campaign must be past its last day. `noise` replaces the random
    perturbation (tests that check exact counts pass one that adds nothing).
    """
    with transaction.atomic():
        locked = (
            Campaign.objects.select_for_update().select_related("organisation").get(pk=campaign.pk)
        )
        if locked.closed_on is not None:
            raise MonitorError(_("This campaign has already closed."))
        if early and not locked.is_open_on(today):
            raise MonitorError(_("Only an open campaign can be closed."))
        if not early and not locked.is_due_for_close_on(today):
            raise MonitorError(_("This campaign is still open."))
        inbox_flush(campaign=locked, everything=True)
        fields = {"closed_on": today}
        if early:
            fields["closes_on"] = today
        # The one write that may set closed_on: a queryset update, past the model's guard.
        Campaign.objects.filter(pk=locked.pk).update(**fields)
        for name, value in fields.items():
            setattr(locked, name, value)
        if noise is None:
            noise = cell_key_noise(secrets.token_bytes(32))
        response_count, data = snapshot_data(campaign=locked, noise=noise)
        Snapshot.objects.create(
            campaign=locked, response_count=response_count, data=data, created_on=today
        )
    respondent_cache.forget(campaign_key=locked.key)
    for name, value in fields.items():
        setattr(campaign, name, value)
    for cached in ("_snapshot_read", "_read"):
        if hasattr(campaign, cached):
            delattr(campaign, cached)
    return campaign


def close_due_campaigns(*, today: date, organisation: Organisation | None = None) -> int:
    """Close every campaign whose last day has passed (of one organisation, or all); how many."""
    due = Campaign.objects.filter(closed_on__isnull=True, closes_on__lt=today)
    if organisation is not None:
        due = due.filter(organisation=organisation)
    closed = 0
    for campaign in due:
        try:
            campaign_close(campaign=campaign, today=today)
        except MonitorError:
            continue  # closed a moment ago by another request
        closed += 1
    return closed


def close_if_due(*, campaign: Campaign, today: date) -> Campaign:
    """The campaign, closed first if its last day has passed: the first request after it closes
    it."""
    if campaign.is_due_for_close_on(today):
        try:
            campaign_close(campaign=campaign, today=today)
        except MonitorError:
            campaign.refresh_from_db()
    return campaign
