"""The dashboard's sections of the recognition app: readiness and the record; the letters."""

from datetime import date

from programme.scoping import OrgContext
from recognition.readiness import readiness_for
from recognition.selectors import current_recognition, letters_for


def letters_panel(ctx: OrgContext, today: date) -> dict:
    """The latest issued letter and, for HR, the latest draft; one query."""
    letters = list(letters_for(organisation=ctx.organisation, include_drafts=ctx.is_hr)[:10])
    issued = next((letter for letter in letters if letter.is_issued), None)
    draft = next((letter for letter in letters if not letter.is_issued), None)
    return {"issued": issued, "draft": draft}


def recognition_panel(ctx: OrgContext, today: date) -> dict:
    """Readiness for the recognition and the current recognition record."""
    recognition = current_recognition(organisation=ctx.organisation)
    return {
        "readiness": readiness_for(organisation=ctx.organisation, today=today),
        "recognition": recognition,
        "is_lapsed": bool(recognition and recognition.is_lapsed_on(today)),
    }
