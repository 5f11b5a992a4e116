"""The application dossier, read back: every pillar, the regulations, the monitor, and what is
missing."""

import io
from datetime import UTC, date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from pillars.models import ChecklistItem, EvidenceFile
from programme.models import Regulation
from recognition.rendering import dossier_pdf
from tests.browser.samples import PDF, PNG
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


LONG_TEXT = (
    "Je krijgt per jaar twee keer de wekelijkse arbeidsduur kortdurend zorgverlof. "
    + " ".join(f"Zin {number} van de regeling zegt wat er geldt." for number in range(60))
    + " Het laatste woord van de regeling."
)


def dossier_text(organisation, today=TODAY) -> str:
    return " ".join(
        " ".join(pdf_pages(dossier_pdf(organisation=organisation, today=today))).split()
    )


def add_evidence(organisation, user, name: str, content: bytes, item=None):
    from pillars import services as pillar_services

    item = item or ChecklistItem.objects.filter(organisation=None).order_by("pk")[0]
    return pillar_services.evidence_add(
        organisation=organisation, item=item, upload=SimpleUploadedFile(name, content), by=user
    )


def embedded_files(pdf: bytes) -> dict[str, bytes]:
    return {
        name: b"".join(contents)
        for name, contents in PdfReader(io.BytesIO(pdf)).attachments.items()
    }


def test_the_dossier_holds_the_full_text_of_every_regulation(year_of_work):
    Regulation.objects.create(
        organisation=year_of_work,
        kind="kortdurend_zorgverlof",
        title="Kortdurend zorgverlof volgens de cao",
        description=LONG_TEXT,
        url="https://intranet.aland.example/zorgverlof",
        last_checked=date(2025, 6, 1),
    )
    text = dossier_text(year_of_work)
    assert "Zin 59 van de regeling zegt wat er geldt. Het laatste woord van de regeling." in text
    assert "…" not in text.split("Regelingen", 1)[1]
    assert "laatst gecontroleerd op 1 juni 2025" in text
    assert "https://intranet.aland.example/zorgverlof" in text


def test_every_evidence_file_is_listed_by_name_and_date_and_the_pdfs_are_attached(
    year_of_work, hr_a
):
    add_evidence(year_of_work, hr_a, "verslag-dag-van-de-mantelzorg.pdf", PDF)
    add_evidence(year_of_work, hr_a, "foto-lunch.png", PNG)
    EvidenceFile.objects.update(uploaded_at=datetime(2025, 11, 3, 10, 0, tzinfo=UTC))
    pdf = dossier_pdf(organisation=year_of_work, today=TODAY)
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    listing = text.split("Bewijsstukken", 1)[1]
    assert "verslag-dag-van-de-mantelzorg.pdf" in listing and "foto-lunch.png" in listing
    assert "3 november 2025" in listing
    assert "bijgevoegd" in listing and "alleen vermeld (geen pdf)" in listing
    assert embedded_files(pdf) == {"verslag-dag-van-de-mantelzorg.pdf": PDF}


def test_the_attachments_stop_at_the_dossiers_limit(year_of_work, hr_a, monkeypatch):
    from recognition import rendering

    monkeypatch.setattr(rendering, "DOSSIER_ATTACHMENTS_MAX_BYTES", len(PDF) + 10)
    add_evidence(year_of_work, hr_a, "eerste.pdf", PDF)
    add_evidence(year_of_work, hr_a, "tweede.pdf", PDF)
    pdf = dossier_pdf(organisation=year_of_work, today=TODAY)
    assert set(embedded_files(pdf)) == {"eerste.pdf"}
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "tweede.pdf" in text and "niet bijgevoegd" in text


def test_a_pdf_gone_from_storage_is_listed_but_not_attached(year_of_work, hr_a):
    evidence = add_evidence(year_of_work, hr_a, "weg.pdf", PDF)
    evidence.file.storage.delete(evidence.file.name)
    pdf = dossier_pdf(organisation=year_of_work, today=TODAY)
    assert embedded_files(pdf) == {}
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "weg.pdf" in text and "niet bijgevoegd:" in text


def test_each_criterion_says_whether_it_is_met(org_a, hr_a, make_action):
    from tests.recognition.test_readiness import RECOGNITION_ITEMS, meet_every_condition, set_status

    meet_every_condition(org_a, make_action)
    for item in RECOGNITION_ITEMS:
        if item.pillar.key != "bekwamen":
            set_status(org_a, item, "gereed", hr_a)
    text = dossier_text(org_a, today=date(2026, 10, 1))
    criteria = text.split("De drie criteria", 1)[1].split("Regelingen", 1)[0]
    assert criteria.count(": op orde") == 2, criteria
    assert criteria.count(": nog niet op orde") == 1, criteria
    third = criteria.split("3. ", 1)[1]
    assert ": nog niet op orde" in third and "Nog niet op orde:" in third
