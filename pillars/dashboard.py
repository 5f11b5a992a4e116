"""The pillars' section of the organisation's dashboard."""

from datetime import date

from pillars.selectors import progress_for
from programme.scoping import OrgContext


def pillars_panel(ctx: OrgContext, today: date) -> dict:
    return {"summaries": progress_for(organisation=ctx.organisation, today=today)}
