"""What the other apps may read of the monitor: closed campaigns and their snapshots only.

Letters, reports, the dossier, readiness, the dashboard and the public profile all go through
here, so they agree with each other and never see a figure of an open campaign.
"""

from datetime import date

from django.db.models import OuterRef, Q, Subquery

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


# --- The same reads for many organisations at once (a support organisation's portfolio) ---------
#
# These read only: a campaign past its last day whose close has not run yet counts once it has
# (on the first request that looks at it, or the nightly close_campaigns), so that a page of
# many employers never closes campaigns on their behalf.


def _with_organisations(campaigns, organisations) -> list[Campaign]:
    by_id = {organisation.pk: organisation for organisation in organisations}
    campaigns = list(campaigns)
    for campaign in campaigns:
        campaign.organisation = by_id[campaign.organisation_id]
    return campaigns


def latest_closed_campaigns(*, organisations, today: date) -> dict[int, Campaign]:
    """Each organisation's latest closed campaign with its snapshot, by organisation id; one
    query with one row per organisation."""
    closed = Campaign.objects.filter(closed_on__isnull=False, closed_on__lte=today)
    latest = (
        closed.filter(organisation=OuterRef("organisation"))
        .order_by("-closes_on", "-opens_on", "-id")
        .values("pk")[:1]
    )
    campaigns = closed.filter(organisation__in=organisations, pk=Subquery(latest)).select_related(
        "snapshot"
    )
    return {c.organisation_id: c for c in _with_organisations(campaigns, organisations)}


def publishable_campaigns_since(*, organisations, since: date, today: date) -> dict[int, Campaign]:
    """publishable_campaign_since for each organisation that has one, by its id; one query."""
    campaigns = (
        Campaign.objects.filter(
            organisation__in=organisations,
            closed_on__isnull=False,
            closed_on__lte=today,
            closes_on__gte=since,
        )
        .select_related("snapshot")
        .order_by("-closes_on", "-id")
    )
    found: dict[int, Campaign] = {}
    for campaign in _with_organisations(campaigns, organisations):
        if campaign.organisation_id not in found and summary_for(campaign=campaign).is_publishable:
            found[campaign.organisation_id] = campaign
    return found


def next_planned_campaigns(*, organisations, today: date) -> dict[int, Campaign]:
    """next_planned_campaign for each organisation that has one, by its id: its dates only,
    never a figure; one query."""
    campaigns = Campaign.objects.filter(
        organisation__in=organisations, closed_on__isnull=True, closes_on__gte=today
    ).order_by("closes_on", "id")
    found: dict[int, Campaign] = {}
    for campaign in _with_organisations(campaigns, organisations):
        found.setdefault(campaign.organisation_id, campaign)
    return found


def closed_campaigns(*, organisation: Organisation, today: date) -> list[Campaign]:
    """The organisation's campaigns closed by today, newest first: those whose results are
    published (read only; see above)."""
    return list(
        Campaign.objects.filter(
            organisation=organisation, closed_on__isnull=False, closed_on__lte=today
        ).order_by("-closes_on", "-opens_on", "-id")
    )
