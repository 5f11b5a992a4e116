"""The dashboard's sections of the recognition app: readiness and the record; the letters."""

from datetime import date

from programme.scoping import OrgContext
from recognition.readiness import readiness_for
from recognition.selectors import letters_for, recognition_standing


def letters_panel(ctx: OrgContext, today: date) -> dict:
    """The latest issued letter and, for HR, the latest draft; one query."""
    letters = list(letters_for(organisation=ctx.organisation, include_drafts=ctx.is_hr)[:10])
    issued = next((letter for letter in letters if letter.is_issued), None)
    draft = next((letter for letter in letters if not letter.is_issued), None)
    return {"issued": issued, "draft": draft}


def recognition_panel(ctx: OrgContext, today: date) -> dict:
    """Readiness for the recognition and the recognition in force (kept during a renewal)."""
    return {
        "readiness": readiness_for(organisation=ctx.organisation, today=today),
        "standing": recognition_standing(organisation=ctx.organisation, today=today),
    }
