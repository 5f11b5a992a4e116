"""The recognition record: status and dates as data, with the earlier records as history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recognition import services
from recognition.models import Recognition, RecognitionStatus


def url(name, organisation):
    return reverse(f"recognition:{name}", kwargs={"slug": organisation.slug})


def record_data(**changes):
    data = {
        "status": RecognitionStatus.RECOGNISED,
        "applied_on": "2025-09-15",
        "granted_on": "2025-11-10",
        "presented_by": "Werk&Mantelzorg",
        "valid_until": "2028-11-10",
        "renewal_due": "2028-05-01",
        "notes": "Bord hangt in de hal.",
    }
    return {**data, **changes}


def test_hr_records_the_recognition_and_the_page_shows_it(org_a, hr_client):
    response = hr_client.post(url("recognition_edit", org_a), record_data())
    assert response.status_code == 302 and response["Location"] == url("readiness", org_a)
    record = Recognition.objects.get(organisation=org_a)
    assert (record.status, record.granted_on, record.valid_until) == (
        RecognitionStatus.RECOGNISED,
        date(2025, 11, 10),
        date(2028, 11, 10),
    )
    html = hr_client.get(url("readiness", org_a)).content.decode()
    assert "10 november 2025" in html and "Werk&amp;Mantelzorg" in html


def test_saving_again_changes_the_current_record_rather_than_adding_one(org_a, hr_client):
    hr_client.post(url("recognition_edit", org_a), record_data())
    hr_client.post(url("recognition_edit", org_a), record_data(presented_by="De wethouder"))
    assert Recognition.objects.filter(organisation=org_a).count() == 1
    assert Recognition.objects.get().presented_by == "De wethouder"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"granted_on": ""}, "granted_on"),  # recognised, but since when?
        ({"valid_until": "2025-01-01"}, "valid_until"),  # valid until before it was granted
        ({"applied_on": "2026-01-01"}, "granted_on"),  # granted before it was applied for
        ({"status": "aangevraagd", "applied_on": "", "granted_on": ""}, "applied_on"),
    ],
)
def test_inconsistent_dates_are_refused_and_nothing_is_saved(org_a, hr_client, changes, field):
    response = hr_client.post(url("recognition_edit", org_a), record_data(**changes))
    assert response.status_code == 200
    assert f'href="#id_{field}"' in response.content.decode()
    assert not Recognition.objects.exists()


def test_the_next_recognition_keeps_the_earlier_one_as_history(org_a, hr_client):
    hr_client.post(url("recognition_edit", org_a), record_data())
    hr_client.post(url("recognition_next", org_a))
    records = list(Recognition.objects.filter(organisation=org_a).order_by("created_at", "pk"))
    assert [r.status for r in records] == [
        RecognitionStatus.RECOGNISED,
        RecognitionStatus.PREPARING,
    ]
    html = hr_client.get(url("readiness", org_a)).content.decode()
    assert "In voorbereiding" in html and "10 november 2025" in html  # current, then history


def test_a_lapsed_recognition_is_flagged(org_a):
    record = services.recognition_save(
        organisation=org_a,
        fields={
            "status": RecognitionStatus.RECOGNISED,
            "granted_on": date(2020, 11, 10),
            "valid_until": date(2023, 11, 10),
        },
    )
    assert record.is_lapsed_on(date(2024, 1, 1)) and not record.is_lapsed_on(date(2023, 1, 1))


def test_the_service_refuses_a_recognised_record_without_its_date(org_a):
    with pytest.raises(ValidationError):
        services.recognition_save(
            organisation=org_a, fields={"status": RecognitionStatus.RECOGNISED}
        )
    assert not Recognition.objects.exists()


def test_a_manager_reads_the_record_but_cannot_change_it(org_a, manager_client):
    assert manager_client.get(url("readiness", org_a)).status_code == 200
    assert manager_client.post(url("recognition_edit", org_a), record_data()).status_code == 403
    assert not Recognition.objects.exists()
