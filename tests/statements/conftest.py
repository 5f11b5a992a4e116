import pytest

from statements.models import StatementSettings
from tests.monitor.conftest import make_campaign


@pytest.fixture
def campaign_a(org_a):
    return make_campaign(org_a, min_group_size=7)


@pytest.fixture
def statements_a(org_a):
    org_a.monitor_retention_months = 18
    org_a.save()
    return StatementSettings.objects.create(
        organisation=org_a,
        privacy_contact="privacy@aland.example",
        dpo_name="Fatima El Amrani",
        dpo_email="fg@aland.example",
        accessibility_contact="toegankelijkheid@aland.example",
        respondent_text="Wij houden de monitor om ons beleid te verbeteren.",
        respondent_text_en="We hold the monitor to improve our policy.",
    )


def in_english(client, page: str) -> None:
    """Switch the client to English the way the language switch on every page does."""
    client.post("/i18n/setlang/", {"language": "en", "next": page})
