"""The one way a monitor view finds a campaign, an own question or a department: the
organisation's, or 404 (another organisation's campaign does not exist here)."""

from django.http import Http404

from monitor.models import Campaign, CustomQuestion, Department
from monitor.results import snapshot_of
from monitor.selectors import campaigns_for
from programme.access import one_of
from programme.scoping import OrgContext


def campaign_for(ctx: OrgContext, pk: int) -> Campaign:
    campaign = one_of(campaigns_for(organisation=ctx.organisation), pk)
    campaign.organisation = ctx.organisation  # the pages read it; spare the query
    return campaign


def results_campaign_for(ctx: OrgContext, pk: int) -> Campaign:
    """A campaign whose results page the reader may open: any of the organisation's for its
    members; for a follower (a support advisor) only one that closed with its snapshot. An open
    or planned campaign is not published work: to a follower it does not exist (404)."""
    campaign = campaign_for(ctx, pk)
    if ctx.is_follower and snapshot_of(campaign) is None:
        raise Http404
    return campaign


def custom_question_for(campaign: Campaign, pk: int) -> CustomQuestion:
    """One of this campaign's own questions (found through campaign_for first)."""
    return one_of(campaign.custom_questions.all(), pk)


def department_for(ctx: OrgContext, pk: int) -> Department:
    return one_of(ctx.organisation.departments.all(), pk)
