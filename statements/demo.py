"""The demo municipality's details for its statements (seed_demo's step for this app)."""

from django.urls import reverse

from programme.models import Organisation
from statements.models import StatementSettings

DETAILS = {
    "privacy_contact": "privacy@example.org",
    "dpo_name": "Sanne de Groot",
    "dpo_email": "fg@example.org",
    "accessibility_contact": "toegankelijkheid@example.org",
    "respondent_text": (
        "Wij houden deze monitor om te weten wat medewerkers die voor iemand zorgen nodig hebben. "
        "De uitkomsten bespreken we met de ondernemingsraad en gebruiken we voor ons actieplan."
    ),
    "respondent_text_en": (
        "We hold this monitor to learn what employees who care for someone need. We discuss the "
        "results with the works council and use them for our action plan."
    ),
}


def seed_demo(*, organisation: Organisation) -> str:
    """Fill in the statement details of the demo municipality (the same on every run)."""
    StatementSettings.objects.update_or_create(organisation=organisation, defaults=DETAILS)
    page = reverse("org_statements:settings", args=[organisation.slug])
    return f"statements: {page}, the privacy contact {DETAILS['privacy_contact']}"
