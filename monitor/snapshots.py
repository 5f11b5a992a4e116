"""What the other apps may read of the monitor: closed campaigns and their snapshots only.

Letters, reports, the dossier, readiness, the dashboard and the public profile all go through
here, so they agree with each other and never see a figure of an open campaign.
"""

from datetime import date

from django.db.models import Q

from monitor.closing import close_if_due
from monitor.models import Campaign
from monitor.results import Summary, summary_for
from programme.models import Organisation


def _closed_or_due(organisation: Organisation, today: date):
    """Campaigns closed by `today`, or due to close: a document dated before a close never
    reports it."""
    return Campaign.objects.filter(organisation=organisation).filter(
        Q(closed_on__lte=today) | Q(closed_on__isnull=True, closes_on__lt=today)
    )


def latest_closed_campaign(
    *, organisation: Organisation, today: date, closed_by: date | None = None
) -> Campaign | None:
    """The latest campaign that closed by `closed_by` (default: today), closed now if due."""
    campaigns = _closed_or_due(organisation, today)
    if closed_by is not None:
        campaigns = campaigns.filter(closes_on__lt=closed_by)
    campaign = campaigns.order_by("-closes_on", "-opens_on", "-id").first()
    if campaign is None:
        return None
    campaign.organisation = organisation
    return close_if_due(campaign=campaign, today=today)


def latest_summary_for(*, organisation: Organisation, today: date) -> Summary | None:
    """The summary of the latest closed campaign, or None when none has closed yet."""
    campaign = latest_closed_campaign(organisation=organisation, today=today)
    return summary_for(campaign=campaign) if campaign else None


def campaign_closed_in(*, organisation: Organisation, year: int, today: date) -> Campaign | None:
    """The latest campaign whose last day fell in `year` and that has closed by today."""
    campaign = (
        _closed_or_due(organisation, today)
        .filter(closes_on__year=year)
        .order_by("-closes_on", "-opens_on", "-id")
        .first()
    )
    if campaign is None:
        return None
    campaign.organisation = organisation
    return close_if_due(campaign=campaign, today=today)


def next_planned_campaign(
    *, organisation: Organisation, today: date, year: int | None = None
) -> Campaign | None:
    """The first campaign that has not closed yet (whose last day falls in `year`, if given):
    what a letter can say is planned."""
    campaigns = Campaign.objects.filter(
        organisation=organisation, closed_on__isnull=True, closes_on__gte=today
    )
    if year is not None:
        campaigns = campaigns.filter(closes_on__year=year)
    return campaigns.order_by("closes_on", "id").first()


def publishable_campaign_since(
    *, organisation: Organisation, since: date, today: date
) -> Campaign | None:
    """The latest campaign that closed between `since` and `today` with at least its minimum
    number of responses: a monitor whose results are published."""
    for campaign in (
        _closed_or_due(organisation, today)
        .filter(closes_on__gte=since)
        .order_by("-closes_on", "-id")
    ):
        campaign.organisation = organisation
        close_if_due(campaign=campaign, today=today)
        if summary_for(campaign=campaign).is_publishable:
            return campaign
    return None
