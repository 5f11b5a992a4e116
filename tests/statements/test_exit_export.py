"""The organisation's full export carries its statement details, like every kind of its data."""

import csv
import io
import zipfile

from django.urls import reverse


def test_the_full_export_holds_the_statement_details(org_a, hr_client, statements_a):
    response = hr_client.post(reverse("exit:export", args=[org_a.slug]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    raw = archive.read("data/statement-details.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert len(rows) == 2
    assert "Fatima El Amrani" in rows[1] and "privacy@aland.example" in rows[1]


def test_deleting_the_organisation_deletes_its_statement_details(org_a, hr_client, statements_a):
    from exit.services import delete_organisation
    from statements.models import StatementSettings

    hr_client.post(reverse("exit:export", args=[org_a.slug]))  # deletion needs a recent export
    delete_organisation(organisation=org_a)
    assert not StatementSettings.objects.exists()
