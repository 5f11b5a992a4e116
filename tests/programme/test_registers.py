"""Contact persons, support offers and regulations of the organisation."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.models import ContactPerson, Regulation, RegulationKind, SupportOffer

CASES = {
    "contact": (
        ContactPerson,
        {"name": "Anna de Vries", "function": "P&O-adviseur", "email": "anna@aland.example"},
    ),
    "support": (
        SupportOffer,
        {"name": "Steunpunt Mantelzorg", "kind": "extern", "url": "https://steunpunt.example"},
    ),
    "regulation": (
        Regulation,
        {
            "kind": RegulationKind.SHORT_TERM_CARE_LEAVE,
            "title": "Kortdurend zorgverlof",
            "last_checked": "2026-01-15",
        },
    ),
}


def url(name, org, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug, **kwargs})


@pytest.mark.parametrize("key", CASES)
def test_hr_advisor_adds_edits_and_deletes(key, org_a, hr_client):
    model, data = CASES[key]
    response = hr_client.post(url(f"{key}_create", org_a), data)
    assert response.status_code == 302
    obj = model.objects.get()
    assert obj.organisation == org_a
    listing = hr_client.get(url(f"{key}_list", org_a)).content.decode()
    assert str(obj) in listing
    changed = {**data, "name" if "name" in data else "title": "Gewijzigd"}
    hr_client.post(url(f"{key}_edit", org_a, pk=obj.pk), changed)
    obj.refresh_from_db()
    assert str(obj) == "Gewijzigd"
    hr_client.post(url(f"{key}_delete", org_a, pk=obj.pk))
    assert not model.objects.exists()


@pytest.mark.parametrize("key", CASES)
def test_an_invalid_entry_rerenders_and_saves_nothing(key, org_a, hr_client):
    model, _ = CASES[key]
    response = hr_client.post(url(f"{key}_create", org_a), {"email": "geen", "url": "geen-url"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not model.objects.exists()


@pytest.mark.parametrize("key", CASES)
def test_manager_reads_but_cannot_change(key, org_a, manager_client):
    model, data = CASES[key]
    assert manager_client.get(url(f"{key}_list", org_a)).status_code == 200
    assert manager_client.post(url(f"{key}_create", org_a), data).status_code == 403
    assert not model.objects.exists()


def test_regulations_checked_more_than_a_year_ago_are_flagged(org_a, hr_client):
    today = timezone.localdate()
    Regulation.objects.create(
        organisation=org_a,
        kind=RegulationKind.REMOTE_WORK,
        title="Thuiswerken",
        last_checked=date(today.year - 2, 1, 1),
    )
    Regulation.objects.create(
        organisation=org_a,
        kind=RegulationKind.TAILORED,
        title="Maatwerk",
        last_checked=today,
    )
    response = hr_client.get(url("regulation_list", org_a))
    assert response.content.decode().count("badge text-bg-warning") == 1


def test_registers_show_only_the_organisations_own_entries(org_a, org_b, hr_client):
    ContactPerson.objects.create(organisation=org_b, name="Iemand Anders")
    assert "Iemand Anders" not in hr_client.get(url("contact_list", org_a)).content.decode()
