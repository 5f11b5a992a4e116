"""The recognition record: status and dates as data, with the earlier records as history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recognition import selectors, services
from recognition.models import Recognition, RecognitionStatus
from tests.conftest import client_for


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


# --- The renewal: ask first, and keep the recognition in force ----------------------------


def test_starting_the_renewal_asks_first_and_says_what_happens(org_a, hr_client):
    hr_client.post(url("recognition_edit", org_a), record_data())
    readiness = hr_client.get(url("readiness", org_a)).content.decode()
    # The readiness page links to the question; it no longer starts anything with one click.
    assert f'href="{url("recognition_next", org_a)}"' in readiness
    assert f'action="{url("recognition_next", org_a)}"' not in readiness
    page = hr_client.get(url("recognition_next", org_a)).content.decode()
    assert "blijft geldig tot de verlenging is toegekend, en uiterlijk tot 10 november 2028" in page
    assert "Ja, verlenging starten" in page
    assert Recognition.objects.filter(organisation=org_a).count() == 1  # asking changed nothing
    response = hr_client.post(url("recognition_next", org_a))
    assert response.status_code == 302
    assert Recognition.objects.filter(organisation=org_a).count() == 2


def published_profile(organisation):
    services.profile_save(
        organisation=organisation, fields={"introduction": "Wij zorgen."}, actions=[], partners=[]
    )
    services.profile_publish(organisation=organisation, publish=True, today=date(2026, 1, 5))
    return reverse("public:profile", kwargs={"slug": organisation.slug})


def test_the_renewal_keeps_recognised_since_on_the_dashboard_and_the_public_profile(
    org_a, hr_client
):
    hr_client.post(url("recognition_edit", org_a), record_data())
    public = published_profile(org_a)
    dashboard = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    since = "Erkend sinds 10 november 2025"
    public_since = "Erkend mantelzorgvriendelijk sinds 10 november 2025"
    hr_client.post(url("recognition_next", org_a))
    assert Recognition.objects.filter(organisation=org_a).latest("pk").status == "voorbereiding"
    assert since in hr_client.get(dashboard).content.decode()
    assert public_since in client_for(None).get(public).content.decode()
    # Applied for: still in force.
    hr_client.post(
        url("recognition_edit", org_a),
        {"status": RecognitionStatus.APPLIED, "applied_on": "2026-09-01"},
    )
    assert public_since in client_for(None).get(public).content.decode()
    readiness = hr_client.get(url("readiness", org_a)).content.decode()
    assert since in readiness and "verlenging: aangevraagd" in readiness
    # Granted before the first one ran out: the run is unbroken, the date stays the first one.
    hr_client.post(
        url("recognition_edit", org_a),
        record_data(applied_on="2026-09-01", granted_on="2026-11-01", valid_until="2029-11-01"),
    )
    assert public_since in client_for(None).get(public).content.decode()
    assert "geldig tot 1 november 2029" in hr_client.get(dashboard).content.decode()


def test_the_recognition_stays_in_force_until_it_expires(org_a):
    services.recognition_save(
        organisation=org_a,
        fields={
            "status": RecognitionStatus.RECOGNISED,
            "granted_on": date(2024, 11, 10),
            "valid_until": date(2027, 11, 10),
        },
    )
    services.recognition_start_next(organisation=org_a)

    def standing(today):
        return selectors.recognition_standing(organisation=org_a, today=today)

    assert standing(date(2027, 11, 10)).recognised_since == date(2024, 11, 10)
    after = standing(date(2027, 11, 11))
    assert after.in_force is None and after.recognised_since is None
    assert after.lapsed.valid_until == date(2027, 11, 10)
    assert after.in_progress.status == RecognitionStatus.PREPARING


def test_a_renewal_after_a_gap_starts_a_new_recognised_since(org_a):
    services.recognition_save(
        organisation=org_a,
        fields={
            "status": RecognitionStatus.RECOGNISED,
            "granted_on": date(2013, 11, 28),
            "valid_until": date(2016, 11, 28),
        },
    )
    services.recognition_start_next(organisation=org_a)
    services.recognition_save(
        organisation=org_a,
        fields={"status": RecognitionStatus.RECOGNISED, "granted_on": date(2023, 11, 10)},
    )
    today = date(2026, 1, 1)
    assert selectors.recognition_standing(organisation=org_a, today=today).recognised_since == date(
        2023, 11, 10
    )


def test_one_renewal_at_a_time(org_a, hr_client):
    hr_client.post(url("recognition_edit", org_a), record_data())
    hr_client.post(url("recognition_next", org_a))
    page = hr_client.get(url("recognition_next", org_a)).content.decode()
    assert "De volgende erkenning loopt al" in page and "Ja, verlenging starten" not in page
    hr_client.post(url("recognition_next", org_a))
    assert Recognition.objects.filter(organisation=org_a).count() == 2
    with pytest.raises(services.RecognitionError):
        services.recognition_start_next(organisation=org_a)
    assert Recognition.objects.filter(organisation=org_a).count() == 2


def test_nothing_to_renew_without_a_record(org_a, hr_client):
    assert "Er is nog geen erkenning om te verlengen" in (
        hr_client.get(url("recognition_next", org_a)).content.decode()
    )
    hr_client.post(url("recognition_next", org_a))
    assert not Recognition.objects.exists()


def test_a_renewal_is_not_granted_before_the_recognition_it_renews(org_a, hr_client):
    hr_client.post(url("recognition_edit", org_a), record_data())
    hr_client.post(url("recognition_next", org_a))
    response = hr_client.post(
        url("recognition_edit", org_a),
        record_data(applied_on="2025-01-01", granted_on="2025-02-01"),
    )
    assert response.status_code == 200
    assert "Een verlenging wordt later toegekend" in response.content.decode()
    assert Recognition.objects.filter(organisation=org_a).latest("pk").status == "voorbereiding"


def test_a_manager_cannot_start_the_renewal(org_a, hr_client, manager_client):
    hr_client.post(url("recognition_edit", org_a), record_data())
    assert manager_client.get(url("recognition_next", org_a)).status_code == 403
    assert manager_client.post(url("recognition_next", org_a)).status_code == 403
    assert Recognition.objects.filter(organisation=org_a).count() == 1
