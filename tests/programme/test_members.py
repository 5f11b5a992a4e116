"""The members page: adding, re-roling and removing members, and the last HR advisor rule."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from programme import services
from programme.models import Membership, Role
from tests.conftest import client_for, make_member


def url(name, org, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug, **kwargs})


def test_hr_advisor_adds_an_existing_user(org_a, hr_client, hr_b):
    response = hr_client.post(
        url("member_add", org_a), {"email": "HR@Beekdal.example", "role": "manager"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=hr_b, organisation=org_a).role == Role.MANAGER
    assert mail.outbox == []  # an existing account needs no invitation


def test_hr_advisor_adds_a_new_user_who_is_invited_by_email(
    org_a, hr_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(url("member_add", org_a), {"email": "nieuw@aland.example", "role": "hr"})
    user = User.objects.get(email="nieuw@aland.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.HR
    [message] = mail.outbox
    assert message.to == ["nieuw@aland.example"]
    assert "Gemeente Aland" in message.subject
    assert "/accounts/password/reset/" in message.body


def test_adding_someone_twice_shows_an_error_and_changes_nothing(org_a, hr_client, manager_a):
    response = hr_client.post(url("member_add", org_a), {"email": manager_a.email, "role": "hr"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert Membership.objects.get(user=manager_a).role == Role.MANAGER


def test_an_invalid_email_rerenders_the_form(org_a, hr_client):
    response = hr_client.post(url("member_add", org_a), {"email": "geen-adres", "role": "hr"})
    assert "email" in response.context["form"].errors
    assert Membership.objects.filter(organisation=org_a).count() == 1


def test_hr_advisor_changes_a_role(org_a, hr_client, manager_a):
    membership = manager_a.memberships.get()
    hr_client.post(
        url("member_role", org_a, pk=membership.pk), {f"m{membership.pk}-role": "advisor"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.ADVISOR


def test_the_last_hr_advisor_cannot_step_down(org_a, hr_a, hr_client):
    membership = hr_a.memberships.get()
    response = hr_client.post(
        url("member_role", org_a, pk=membership.pk),
        {f"m{membership.pk}-role": "manager"},
        follow=True,
    )
    membership.refresh_from_db()
    assert membership.role == Role.HR
    assert "P&O-adviseur" in response.content.decode()


def test_the_last_hr_advisor_cannot_be_removed(org_a, hr_a, hr_client):
    membership = hr_a.memberships.get()
    hr_client.post(url("member_remove", org_a, pk=membership.pk))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_with_two_hr_advisors_one_may_leave(org_a, hr_a, hr_client):
    make_member(org_a, "tweede@aland.example", Role.HR)
    membership = hr_a.memberships.get()
    response = hr_client.post(url("member_remove", org_a, pk=membership.pk))
    assert response["Location"] == reverse("programme:home")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_services_refuse_to_leave_the_organisation_without_hr(org_a, hr_a):
    with pytest.raises(services.ProgrammeError):
        services.membership_change_role(membership=hr_a.memberships.get(), role=Role.MANAGER)
    with pytest.raises(services.ProgrammeError):
        services.membership_remove(membership=hr_a.memberships.get())


def test_removing_a_member_keeps_their_account(org_a, hr_client, manager_a):
    hr_client.post(url("member_remove", org_a, pk=manager_a.memberships.get().pk))
    assert User.objects.filter(pk=manager_a.pk).exists()
    assert not manager_a.memberships.exists()


def test_manager_sees_members_but_cannot_manage_them(org_a, manager_client, hr_a, manager_a):
    page = manager_client.get(url("members", org_a))
    assert hr_a.email in page.content.decode()
    assert (
        manager_client.post(
            url("member_add", org_a), {"email": "x@y.example", "role": "hr"}
        ).status_code
        == 403
    )
    removal = manager_client.post(url("member_remove", org_a, pk=hr_a.memberships.get().pk))
    assert removal.status_code == 403
    assert Membership.objects.filter(organisation=org_a).count() == 2


def test_a_member_of_another_organisation_cannot_be_changed_through_this_one(
    org_a, hr_client, hr_b
):
    foreign = hr_b.memberships.get()
    response = hr_client.post(url("member_remove", org_a, pk=foreign.pk))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_invited_user_sets_a_password_through_the_link(
    org_a, hr_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_add(
            organisation=org_a,
            email="nieuw@aland.example",
            role=Role.MANAGER,
            invited_by=hr_a,
            base_url="http://testserver/",
        )
    link = next(line for line in mail.outbox[0].body.splitlines() if line.startswith("http"))
    client = client_for(None)
    form_page = client.get(link.removeprefix("http://testserver"), follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "een-nieuw-wachtwoord-77", "new_password2": "een-nieuw-wachtwoord-77"},
    )
    assert User.objects.get(email="nieuw@aland.example").check_password("een-nieuw-wachtwoord-77")
    login = client.post(
        reverse("accounts:login"),
        {"username": "nieuw@aland.example", "password": "een-nieuw-wachtwoord-77"},
    )
    assert login.status_code == 302
