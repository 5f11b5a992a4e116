"""The one way a recognition view finds a status letter: the organisation's, or 404."""

from programme.scoping import OrgContext
from recognition import selectors
from recognition.models import StatusLetter


def letter_for(ctx: OrgContext, pk: int) -> StatusLetter:
    return selectors.letter_of(organisation=ctx.organisation, pk=pk)
