"""The HR page where an organisation fills in what its statements need, and its register entry."""

import io

from django.urls import reverse
from docx import Document

from audit.models import Entry, Kind
from statements.models import StatementSettings
from tests.monitor.conftest import make_campaign
from tests.statements.conftest import in_english

VALID = {
    "privacy_contact": "privacy@aland.example",
    "dpo_name": "Fatima El Amrani",
    "dpo_email": "fg@aland.example",
    "accessibility_contact": "",
    "respondent_text": "Wij houden de monitor om ons beleid te verbeteren.",
    "respondent_text_en": "",
}


def page(org):
    return reverse("org_statements:settings", kwargs={"slug": org.slug})


def test_an_hr_advisor_saves_the_details(org_a, hr_client):
    response = hr_client.post(page(org_a), VALID)
    assert response.status_code == 302
    row = StatementSettings.objects.get(organisation=org_a)
    assert row.dpo_name == "Fatima El Amrani" and row.privacy_contact == "privacy@aland.example"


def test_the_change_is_in_the_audit_log(org_a, hr_client):
    hr_client.post(page(org_a), VALID)
    assert Entry.objects.filter(organisation_id=org_a.pk, kind=Kind.CHANGE).exists()


def test_a_bad_address_gives_a_clear_error_and_changes_nothing(org_a, hr_client):
    response = hr_client.post(page(org_a), {**VALID, "privacy_contact": "geen-adres"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is een probleem" in html and "geldig e-mailadres" in html
    assert not StatementSettings.objects.filter(organisation=org_a).exists()


def test_an_officers_address_without_a_name_is_refused(org_a, hr_client):
    hr_client.post(page(org_a), VALID)
    response = hr_client.post(page(org_a), {**VALID, "dpo_name": " "})
    assert response.status_code == 200
    assert "naam van de functionaris" in response.content.decode()
    assert StatementSettings.objects.get(organisation=org_a).dpo_name == "Fatima El Amrani"


def test_an_english_error_for_an_english_user(org_a, hr_client):
    in_english(hr_client, page(org_a))
    response = hr_client.post(page(org_a), {**VALID, "dpo_email": "x"})
    assert "There is a problem" in response.content.decode()


def test_a_manager_reads_the_details_but_cannot_change_them(org_a, hr_client, manager_client):
    hr_client.post(page(org_a), VALID)
    html = manager_client.get(page(org_a)).content.decode()
    assert "Fatima El Amrani" in html and 'id="id_dpo_name"' not in html
    assert manager_client.post(page(org_a), {**VALID, "dpo_name": "Iemand"}).status_code == 405
    assert StatementSettings.objects.get(organisation=org_a).dpo_name == "Fatima El Amrani"


def test_an_hr_advisor_of_another_organisation_gets_404(org_a, other_org_client):
    assert other_org_client.get(page(org_a)).status_code == 404
    assert other_org_client.post(page(org_a), VALID).status_code == 404
    url = reverse("org_statements:register_docx", kwargs={"slug": org_a.slug})
    assert other_org_client.get(url).status_code == 404


def test_the_register_entry_downloads_as_a_word_document_with_the_organisation(
    org_a, hr_a, hr_client
):
    org_a.monitor_retention_months = 18
    org_a.save()
    hr_client.post(page(org_a), VALID)
    url = reverse("org_statements:register_docx", kwargs={"slug": org_a.slug})
    response = hr_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Gemeente Aland" in text
    assert "18 maanden" in text  # the monitor's retention
    assert "730 dagen" in text  # the audit log's
    assert "Fatima El Amrani" in text
    assert "geen gezondheidsgegevens" in text
    assert document.core_properties.author == "Gemeente Aland"
    assert Entry.objects.filter(
        organisation_id=org_a.pk, kind=Kind.DOWNLOAD, log__actor=hr_a
    ).exists()


def test_the_register_entry_is_english_for_an_english_user(org_a, manager_client):
    in_english(manager_client, page(org_a))
    url = reverse("org_statements:register_docx", kwargs={"slug": org_a.slug})
    document = Document(io.BytesIO(manager_client.get(url).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Retention periods" in text and "12 months" in text


def test_the_page_is_in_the_organisation_menu(org_a, hr_client):
    html = hr_client.get(reverse("programme:dashboard", kwargs={"slug": org_a.slug})).content
    assert page(org_a).encode() in html


def test_a_paragraph_longer_than_the_limit_is_refused(org_a, hr_client):
    response = hr_client.post(page(org_a), {**VALID, "respondent_text": "x" * 4001})
    assert response.status_code == 200
    assert "Er is een probleem" in response.content.decode()
    assert not StatementSettings.objects.filter(organisation=org_a).exists()


def test_text_pasted_from_word_is_cleaned_and_the_document_still_opens(org_a, hr_client):
    pasted = "Regel een\x0bregel twee =SUM(A1) <script>"
    hr_client.post(page(org_a), {**VALID, "dpo_name": pasted, "respondent_text": pasted})
    row = StatementSettings.objects.get(organisation=org_a)
    assert "\x0b" not in row.dpo_name
    url = reverse("org_statements:register_docx", kwargs={"slug": org_a.slug})
    text = "\n".join(p.text for p in Document(io.BytesIO(hr_client.get(url).content)).paragraphs)
    assert "regel twee =SUM(A1) <script>" in text
    campaign = make_campaign(org_a)
    public = reverse("statements:campaign_privacy", kwargs={"key": campaign.key})
    html = hr_client.get(public).content.decode()
    assert "&lt;script&gt;" in html and "<script>" not in html.split("<main")[1]
