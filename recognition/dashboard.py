"""The dashboard's section on status letters and the progress report."""

from datetime import date

from programme.scoping import OrgContext
from recognition.selectors import letters_for


def letters_panel(ctx: OrgContext, today: date) -> dict:
    """The latest issued letter and, for HR, the latest draft; one query."""
    letters = list(letters_for(organisation=ctx.organisation, include_drafts=ctx.is_hr)[:10])
    issued = next((letter for letter in letters if letter.is_issued), None)
    draft = next((letter for letter in letters if not letter.is_issued), None)
    return {"issued": issued, "draft": draft}
