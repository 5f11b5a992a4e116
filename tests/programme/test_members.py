"""The members page: adding, re-roling and removing members, and the last HR advisor rule."""

from datetime import timedelta

import pytest
from allauth.account.forms import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from programme import services
from programme.models import Membership, Role
from tests.conftest import client_for, make_member


def url(name, org, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug, **kwargs})


def add(client, org, email, role="manager", full_name="Fatma Yıldız-de Boer"):
    return client.post(
        url("member_add", org), {"full_name": full_name, "email": email, "role": role}
    )


def test_hr_advisor_adds_an_existing_user(org_a, hr_client, hr_b):
    hr_b.full_name = "Bram Beekdal"
    hr_b.save()
    response = add(hr_client, org_a, "HR@Beekdal.example")
    assert response.status_code == 302
    assert Membership.objects.get(user=hr_b, organisation=org_a).role == Role.MANAGER
    assert mail.outbox == []  # an existing account needs no invitation
    hr_b.refresh_from_db()
    assert hr_b.full_name == "Bram Beekdal"  # their own name, not the one HR typed


def test_an_existing_user_without_a_name_gets_the_one_given(org_a, hr_client, hr_b):
    assert hr_b.full_name == ""
    add(hr_client, org_a, hr_b.email)
    hr_b.refresh_from_db()
    assert hr_b.full_name == "Fatma Yıldız-de Boer"


def test_hr_advisor_adds_a_new_user_by_name_who_is_invited_by_email(
    org_a, hr_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add(hr_client, org_a, "nieuw@aland.example", role="hr", full_name="  Anouk & Co  ")
    user = User.objects.get(email="nieuw@aland.example")
    assert user.full_name == "Anouk & Co"
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.HR
    [message] = mail.outbox
    assert message.to == ["nieuw@aland.example"]
    assert "Gemeente Aland" in message.subject
    assert "/accounts/password/reset/" in message.body
    # Addressed by name, in plain text (no HTML escapes in a text mail).
    assert message.body.startswith("Hallo Anouk & Co,")
    # The members page shows the name, with the address beneath it.
    page = hr_client.get(url("members", org_a)).content.decode()
    assert "Anouk &amp; Co" in page


def test_the_form_asks_for_the_name_and_refuses_to_add_without_it(org_a, hr_client):
    form = hr_client.get(url("member_add", org_a)).content.decode()
    assert 'name="full_name"' in form and "Naam" in form
    response = add(hr_client, org_a, "nieuw@aland.example", full_name="   ")
    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert not User.objects.filter(email="nieuw@aland.example").exists()


def invitation(client, org, callbacks, email="nieuw@aland.example") -> str:
    with callbacks(execute=True):
        assert add(client, org, email).status_code == 302
    return mail.outbox[-1].body


@pytest.mark.parametrize(
    "timeout, dutch, english",
    [
        (60 * 60 * 24 * 3, "3 dagen", "3 days"),  # Django's default
        (60 * 60 * 24, "1 dag", "1 day"),
        (60 * 60 * 36, "36 uur", "36 hours"),
        (60 * 90, "1 uur", "1 hour"),  # rounded down: never promise more than is true
        (60 * 20, "20 minuten", "20 minutes"),
    ],
)
def test_the_invitation_says_how_long_its_link_works(
    timeout, dutch, english, org_a, hr_client, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_TIMEOUT = timeout
    before = timezone.localtime()
    body = invitation(hr_client, org_a, django_capture_on_commit_callbacks)
    until = {
        date_format(moment + timedelta(seconds=timeout), "j F Y, H:i")
        for moment in (before, timezone.localtime())
    }
    assert any(
        f"De link werkt één keer en is {dutch} geldig, tot {day}." in body for day in until
    ), body
    assert "Je logt in met je e-mailadres, nieuw@aland.example." in body

    hr_client.cookies["django_language"] = "en"
    with translation.override("en"):
        english_until = {
            date_format(moment + timedelta(seconds=timeout), "j F Y, H:i")
            for moment in (before, timezone.localtime())
        }
    body = invitation(hr_client, org_a, django_capture_on_commit_callbacks, "new@aland.example")
    assert any(
        f"The link works once and for {english}, until {day}." in body for day in english_until
    ), body


def test_the_link_stops_working_when_the_invitation_says(
    org_a, hr_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The lifetime in the mail is the link's own: PASSWORD_RESET_TIMEOUT, which its token obeys."""
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
    body = invitation(hr_client, org_a, django_capture_on_commit_callbacks)
    assert "2 uur geldig" in body
    link = next(line for line in body.splitlines() if line.startswith("http"))
    token = link.split("/")[-2].split("-", 1)[1]  # allauth's link: <uid in base 36>-<token>
    user = User.objects.get(email="nieuw@aland.example")
    generator = default_token_generator
    now = generator._now()
    monkeypatch.setattr(generator, "_now", lambda: now + timedelta(hours=2, seconds=-5))
    assert generator.check_token(user, token)
    monkeypatch.setattr(generator, "_now", lambda: now + timedelta(hours=2, seconds=5))
    assert not generator.check_token(user, token)


def test_adding_someone_twice_shows_an_error_and_changes_nothing(org_a, hr_client, manager_a):
    response = add(hr_client, org_a, manager_a.email, role="hr")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert Membership.objects.get(user=manager_a).role == Role.MANAGER


def test_an_invalid_email_rerenders_the_form(org_a, hr_client):
    response = add(hr_client, org_a, "geen-adres", role="hr")
    assert "email" in response.context["form"].errors
    assert Membership.objects.filter(organisation=org_a).count() == 1


def test_hr_advisor_changes_a_role(org_a, hr_client, manager_a):
    membership = manager_a.memberships.get()
    hr_client.post(url("member_role", org_a, pk=membership.pk), {f"m{membership.pk}-role": "hr"})
    membership.refresh_from_db()
    assert membership.role == Role.HR


def test_a_support_advisor_is_no_role_a_member_can_get(org_a, hr_client, manager_a):
    # Support advisors follow the employer through their support organisation instead.
    membership = manager_a.memberships.get()
    hr_client.post(
        url("member_role", org_a, pk=membership.pk), {f"m{membership.pk}-role": "advisor"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


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
    assert b'name="password1"' in form_page.content  # a valid link shows the form
    client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "een-nieuw-wachtwoord-77", "password2": "een-nieuw-wachtwoord-77"},
    )
    assert User.objects.get(email="nieuw@aland.example").check_password("een-nieuw-wachtwoord-77")
    login = client.post(
        reverse("account_login"),
        {"login": "nieuw@aland.example", "password": "een-nieuw-wachtwoord-77"},
    )
    assert login.status_code == 302
