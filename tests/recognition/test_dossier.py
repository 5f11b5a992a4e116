"""The application dossier, read back: every pillar, the regulations, the monitor, and what is
missing."""

from datetime import date

from django.urls import reverse

from pillars.models import ChecklistItem
from programme.models import Regulation
from recognition.rendering import dossier_pdf
from tests.recognition.conftest import pdf_pages

TODAY = date(2026, 1, 15)


def test_the_dossier_holds_every_pillar_the_regulations_the_monitor_and_the_missing(year_of_work):
    Regulation.objects.create(
        organisation=year_of_work,
        kind="kortdurend_zorgverlof",
        title="Kortdurend zorgverlof volgens de cao",
        last_checked=date(2025, 6, 1),
    )
    pages = pdf_pages(dossier_pdf(organisation=year_of_work, today=TODAY))
    text = " ".join(" ".join(pages).split())
    for pillar in ("Bespreken", "Beschrijven", "Bekwamen", "Borgen"):
        assert pillar in text
    first_item = ChecklistItem.objects.filter(organisation=None).order_by("pillar__order", "order")[
        0
    ]
    assert first_item.text in text
    assert "Kortdurend zorgverlof volgens de cao" in text
    assert "Monitor werk en mantelzorg 2025" in text and "20 reacties" in text
    missing = text.split("nog niet klaar om de Erkenning aan te vragen. Nog niet op orde:", 1)[1]
    assert missing.lstrip().startswith(f"• {first_item.text}")  # the first missing item
    assert "pagina 1 van" in pages[0]


def test_every_member_may_download_the_dossier(org_a, manager_client):
    response = manager_client.get(reverse("recognition:dossier", kwargs={"slug": org_a.slug}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_a_ready_organisation_says_so(org_a, hr_a, make_action):
    from tests.recognition.test_readiness import RECOGNITION_ITEMS, meet_every_condition, set_status

    meet_every_condition(org_a, make_action)
    for item in RECOGNITION_ITEMS:
        set_status(org_a, item, "gereed", hr_a)
    text = " ".join(
        " ".join(pdf_pages(dossier_pdf(organisation=org_a, today=date(2026, 10, 1)))).split()
    )
    assert "De organisatie is klaar om de Erkenning aan te vragen." in text
    assert "ontbreekt" not in text


def test_a_recognised_organisation_gets_a_dossier_for_the_renewal(year_of_work):
    from recognition import services
    from recognition.models import RecognitionStatus

    first = " ".join(
        " ".join(pdf_pages(dossier_pdf(organisation=year_of_work, today=TODAY))).split()
    )
    assert "Aanvraagdossier" in first and "verlenging" not in first
    services.recognition_save(
        organisation=year_of_work,
        fields={"status": RecognitionStatus.RECOGNISED, "granted_on": date(2023, 11, 10)},
    )
    text = " ".join(
        " ".join(pdf_pages(dossier_pdf(organisation=year_of_work, today=TODAY))).split()
    )
    assert "Verlengingsdossier" in text and "Aanvraagdossier" not in text
    assert "nog niet klaar om verlenging van de Erkenning aan te vragen. Nog niet op orde:" in text
