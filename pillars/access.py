"""The one way a pillar view finds an item or an evidence file: the organisation's, or 404."""

from django.http import Http404

from pillars import selectors
from pillars.models import ChecklistItem, EvidenceFile
from programme.access import one_of
from programme.scoping import OrgContext


def item_for(ctx: OrgContext, pk: int) -> ChecklistItem:
    """A standard item (every organisation works on those) or one of the organisation's own."""
    item = selectors.item_visible_to(organisation=ctx.organisation, pk=pk)
    if item is None:
        raise Http404
    return item


def evidence_for(ctx: OrgContext, pk: int) -> EvidenceFile:
    return one_of(
        EvidenceFile.objects.select_related("progress__item").filter(
            progress__organisation=ctx.organisation
        ),
        pk,
    )
