"""The organisation's departments: codes assigned in order, unique names, withdrawn when used."""

from datetime import date

import pytest
from django.urls import reverse

from monitor.campaign_services import department_add
from monitor.models import AnswerTally, Department, InboxEntry
from monitor.questionnaire import Q_CARER, Q_DEPARTMENT
from monitor.selectors import questionnaire_for
from monitor.services import INBOX_BATCH, purge_monitor_data
from tests.monitor.conftest import close, submit


def url(name, org, **kwargs):
    return reverse(f"monitor:{name}", kwargs={"slug": org.slug, **kwargs})


def test_hr_advisor_adds_departments_with_codes_in_order(org_a, hr_client):
    for name in ("Burgerzaken", "Sociaal Domein"):
        response = hr_client.post(url("department_create", org_a), {"name": f" {name} "})
        assert response["Location"] == url("department_list", org_a)
    assert list(Department.objects.values_list("name", "code", "is_active")) == [
        ("Burgerzaken", 1, True),
        ("Sociaal Domein", 2, True),
    ]
    page = hr_client.get(url("department_list", org_a)).content.decode()
    assert "Burgerzaken" in page and "Sociaal Domein" in page


def test_codes_are_counted_per_organisation(org_a, org_b):
    department_add(organisation=org_b, name="Zorg")
    assert department_add(organisation=org_a, name="Zorg").code == 1


def test_a_name_that_exists_gets_a_form_error_not_a_crash(org_a, hr_client, departments):
    response = hr_client.post(url("department_create", org_a), {"name": "burgerzaken"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Er is al een afdeling met deze naam."]
    assert Department.objects.count() == 3


def test_the_same_name_may_exist_in_another_organisation(org_a, org_b, hr_client):
    Department.objects.create(organisation=org_b, name="Burgerzaken", code=1)
    hr_client.post(url("department_create", org_a), {"name": "Burgerzaken"})
    assert Department.objects.filter(organisation=org_a).count() == 1


def test_renaming_keeps_the_code(org_a, hr_client, departments):
    department = departments[0]
    data = {"name": "Publiekszaken", "is_active": "on"}
    hr_client.post(url("department_edit", org_a, pk=department.pk), data)
    department.refresh_from_db()
    assert (department.name, department.code, department.is_active) == ("Publiekszaken", 1, True)


def test_a_department_keeps_its_own_name_when_edited(org_a, hr_client, departments):
    data = {"name": "Burgerzaken", "is_active": "on"}
    response = hr_client.post(url("department_edit", org_a, pk=departments[0].pk), data)
    assert response.status_code == 302


def test_renaming_to_another_departments_name_is_refused(org_a, hr_client, departments):
    data = {"name": "Sociaal domein", "is_active": "on"}
    response = hr_client.post(url("department_edit", org_a, pk=departments[0].pk), data)
    assert "name" in response.context["form"].errors


def test_an_unused_department_is_deleted(org_a, hr_client, departments):
    assert hr_client.get(url("department_delete", org_a, pk=departments[0].pk)).status_code == 200
    hr_client.post(url("department_delete", org_a, pk=departments[0].pk))
    assert not Department.objects.filter(pk=departments[0].pk).exists()


def withdraws(org, client, department) -> bool:
    """Ask to delete the department; whether it was only withdrawn (and says so)."""
    response = client.post(url("department_delete", org, pk=department.pk), follow=True)
    levels = [m.level_tag for m in response.context["messages"]]
    if not Department.objects.filter(pk=department.pk).exists():
        assert levels == ["success"]
        return False
    assert levels == ["info"]
    department.refresh_from_db()
    assert department.is_active is False
    return True


def test_a_department_people_chose_is_only_withdrawn(org_a, hr_client, campaign, departments):
    chosen = departments[1]
    for _ in range(INBOX_BATCH):
        submit(campaign, {Q_CARER: [2], Q_DEPARTMENT: [chosen.code]})
    assert not InboxEntry.objects.exists() and AnswerTally.objects.exists()  # counted
    assert withdraws(org_a, hr_client, chosen)
    offered = questionnaire_for(campaign=campaign).question(Q_DEPARTMENT).option_codes
    assert offered == {departments[0].code, departments[2].code}


def test_a_department_that_nobody_chose_is_deleted_next_to_one_that_was(
    org_a, hr_client, campaign, departments
):
    for _ in range(INBOX_BATCH):
        submit(campaign, {Q_CARER: [2], Q_DEPARTMENT: [departments[1].code]})
    # Only the department that people chose stays (the others were never counted).
    assert not withdraws(org_a, hr_client, departments[0])


def test_a_department_in_closed_results_stays_after_the_raw_data_is_purged(
    org_a, hr_client, campaign, departments
):
    chosen = departments[1]
    for _ in range(6):
        submit(campaign, {Q_CARER: [2], Q_DEPARTMENT: [chosen.code]})
    close(campaign)
    assert purge_monitor_data(today=date(2030, 1, 1)) == 1
    assert not AnswerTally.objects.exists()
    assert withdraws(org_a, hr_client, chosen)


def test_a_department_chosen_in_a_form_not_yet_counted_is_only_withdrawn(
    org_a, hr_client, campaign, departments
):
    chosen = departments[2]
    submit(campaign, {Q_CARER: [2], Q_DEPARTMENT: [chosen.code]})
    assert InboxEntry.objects.count() == 1 and not AnswerTally.objects.exists()
    assert withdraws(org_a, hr_client, chosen)


def test_a_manager_reads_the_departments_but_cannot_change_them(org_a, manager_client, departments):
    page = manager_client.get(url("department_list", org_a)).content.decode()
    assert "Burgerzaken" in page and url("department_create", org_a) not in page
    assert manager_client.post(url("department_create", org_a), {"name": "X"}).status_code == 403
    for name in ("department_edit", "department_delete"):
        response = manager_client.post(url(name, org_a, pk=departments[0].pk), {"name": "X"})
        assert response.status_code == 403
    assert Department.objects.count() == 3


@pytest.mark.parametrize("name", ["department_edit", "department_delete"])
def test_a_department_of_another_organisation_is_not_found(name, org_a, org_b, hr_client):
    foreign = Department.objects.create(organisation=org_b, name="Zorg", code=1)
    assert hr_client.post(url(name, org_a, pk=foreign.pk), {"name": "X"}).status_code == 404
    foreign.refresh_from_db()
    assert (foreign.name, foreign.is_active) == ("Zorg", True)
