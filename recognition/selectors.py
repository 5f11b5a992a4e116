"""Reads of status letters; each starts from the organisation."""

from django.db.models import QuerySet
from django.http import Http404

from programme.models import Organisation
from recognition.models import LetterState, StatusLetter


def letters_for(*, organisation: Organisation, include_drafts: bool) -> QuerySet[StatusLetter]:
    """The organisation's letters, newest year first, without their PDF bytes."""
    letters = organisation.status_letters.defer("pdf").select_related("issued_by")
    if not include_drafts:
        letters = letters.filter(state=LetterState.ISSUED)
    return letters.order_by("-year", "-created_at", "-pk")


def letter_of(*, organisation: Organisation, pk: int) -> StatusLetter:
    """One of the organisation's letters with its sections and signatories; 404 otherwise."""
    letter = (
        organisation.status_letters.defer("pdf")
        .select_related("organisation", "campaign", "issued_by", "copied_from")
        .prefetch_related("sections", "signatories")
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise Http404
    return letter


def issued_pdf_of(*, letter: StatusLetter) -> bytes:
    """The stored bytes of an issued letter's PDF."""
    return bytes(StatusLetter.objects.values_list("pdf", flat=True).get(pk=letter.pk))
