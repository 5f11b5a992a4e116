"""`manage.py seed_demo` fills in Gemeente Voorbeeldstad's details for its statements."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from monitor.models import Campaign
from statements.demo import DETAILS
from statements.models import StatementSettings
from tests.conftest import client_for


def test_the_demo_has_filled_in_statements_and_seeding_again_changes_nothing(db, settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())
    assert "statements: /o/gemeente-voorbeeldstad/privacy/" in out.getvalue()
    (row,) = StatementSettings.objects.filter(organisation__slug="gemeente-voorbeeldstad")
    assert row.dpo_name == DETAILS["dpo_name"]
    campaign = Campaign.objects.filter(organisation=row.organisation).latest("opens_on")
    html = (
        client_for(None)
        .get(reverse("statements:campaign_privacy", kwargs={"key": campaign.key}))
        .content.decode()
    )
    assert DETAILS["privacy_contact"] in html and "ondernemingsraad" in html
