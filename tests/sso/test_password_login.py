"""An organisation that switched password logins off: its addresses log in through its identity
provider only."""

from django.core import mail
from django.urls import reverse

from accounts.adapters import password_setup_path
from accounts.models import User
from sso import services
from tests.conftest import PASSWORD, client_for


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def switch_passwords_off(provider):
    provider.password_login_allowed = False
    return services.provider_save(provider=provider)


def test_a_password_login_works_while_the_organisation_allows_it(oidc_provider, manager_a):
    client = client_for(None)
    assert log_in(client, manager_a.email).status_code == 302
    assert client.session["_auth_user_id"] == str(manager_a.pk)


def test_a_password_login_is_refused_when_switched_off(oidc_provider, manager_a):
    switch_passwords_off(oidc_provider)
    client = client_for(None)
    response = log_in(client, "Manager@Aland.Example")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Gemeente Aland" in errors
    assert reverse("sso:start") in response.content.decode()


def test_the_refusal_does_not_depend_on_the_password(oidc_provider, manager_a):
    switch_passwords_off(oidc_provider)
    wrong = log_in(client_for(None), manager_a.email, "fout")
    right = log_in(client_for(None), manager_a.email)
    assert wrong.context["form"].non_field_errors() == right.context["form"].non_field_errors()


def test_other_organisations_keep_their_password_login(oidc_provider, hr_b):
    switch_passwords_off(oidc_provider)
    client = client_for(None)
    assert log_in(client, hr_b.email).status_code == 302


def test_platform_staff_of_the_domain_keep_their_password(oidc_provider):
    switch_passwords_off(oidc_provider)
    staff = User.objects.create_user(email="beheer@aland.example", password=PASSWORD, is_staff=True)
    client = client_for(None)
    assert log_in(client, staff.email).status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_an_inactive_provider_gives_the_password_login_back(oidc_provider, manager_a):
    switch_passwords_off(oidc_provider)
    oidc_provider.is_active = False
    services.provider_save(provider=oidc_provider)
    assert log_in(client_for(None), manager_a.email).status_code == 302


def test_a_password_reset_is_refused_when_switched_off(oidc_provider, manager_a):
    switch_passwords_off(oidc_provider)
    mail.outbox.clear()
    response = client_for(None).post(reverse("account_reset_password"), {"email": manager_a.email})
    assert response.status_code == 200
    assert "Gemeente Aland" in " ".join(response.context["form"].errors["email"])
    assert mail.outbox == []


def test_a_password_reset_still_works_while_allowed(oidc_provider, manager_a):
    mail.outbox.clear()
    response = client_for(None).post(reverse("account_reset_password"), {"email": manager_a.email})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[manager_a.email]]


def test_no_password_can_be_set_when_switched_off(oidc_provider, manager_a):
    # The link of an invitation (or of a reset asked before the switch) leads nowhere useful.
    switch_passwords_off(oidc_provider)
    client = client_for(None)
    link = client.get(password_setup_path(manager_a), follow=True)
    assert link.status_code == 200
    response = client.post(
        link.redirect_chain[-1][0],
        {"password1": "een-nieuw-wachtwoord-2026", "password2": "een-nieuw-wachtwoord-2026"},
    )
    assert response.status_code == 200
    assert "Gemeente Aland" in " ".join(response.context["form"].errors["password1"])
    manager_a.refresh_from_db()
    assert manager_a.check_password(PASSWORD)


def test_a_password_can_be_set_while_allowed(oidc_provider, manager_a):
    client = client_for(None)
    link = client.get(password_setup_path(manager_a), follow=True)
    response = client.post(
        link.redirect_chain[-1][0],
        {"password1": "een-nieuw-wachtwoord-2026", "password2": "een-nieuw-wachtwoord-2026"},
    )
    assert response.status_code == 302
    manager_a.refresh_from_db()
    assert manager_a.check_password("een-nieuw-wachtwoord-2026")


def test_an_invitation_leads_to_the_organisation_login_when_passwords_are_off(
    oidc_provider, org_a, hr_a, django_capture_on_commit_callbacks
):
    from programme.services import membership_add

    switch_passwords_off(oidc_provider)
    with django_capture_on_commit_callbacks(execute=True):
        membership_add(
            organisation=org_a,
            email="nieuw@aland.example",
            role="manager",
            invited_by=hr_a,
            base_url="http://testserver/",
        )
    (message,) = mail.outbox
    assert f"http://testserver{reverse('sso:start')}" in message.body
    assert "werkaccount" in message.body
    assert "/accounts/password/reset/key/" not in message.body  # no password link to refuse


def test_an_invitation_offers_a_password_link_while_passwords_are_allowed(
    oidc_provider, org_a, hr_a, django_capture_on_commit_callbacks
):
    from programme.services import membership_add

    with django_capture_on_commit_callbacks(execute=True):
        membership_add(
            organisation=org_a,
            email="nieuw@aland.example",
            role="manager",
            invited_by=hr_a,
            base_url="http://testserver/",
        )
    (message,) = mail.outbox
    assert "/accounts/password/reset/key/" in message.body
