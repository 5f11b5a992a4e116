from exit.models import OrganisationExport
from exit.tables import TITLES
from pillars.models import EvidenceFile
from programme.models import Organisation
from recognition.models import StatusLetter


def export_contents(organisation: Organisation) -> dict:
    """What the export page says the ZIP holds, and when it was last made."""
    return {
        "titles": list(TITLES.values()),
        "letter_count": StatusLetter.objects.filter(
            organisation=organisation, pdf__isnull=False
        ).count(),
        "evidence_count": EvidenceFile.objects.filter(progress__organisation=organisation).count(),
        "last_export": OrganisationExport.objects.filter(organisation=organisation)
        .select_related("made_by")
        .first(),
    }
