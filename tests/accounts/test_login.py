"""Logging in with an e-mail address, logging out, and the throttle on failed logins."""

from django.urls import reverse

from tests.conftest import PASSWORD, client_for


def log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_member_logs_in_with_email_in_any_case(hr_a):
    client = client_for(None)
    response = log_in(client, "HR@Aland.Example", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:home")
    assert client.session["_auth_user_id"] == str(hr_a.pk)


def test_a_wrong_password_rerenders_the_form_with_an_error(hr_a):
    response = log_in(client_for(None), hr_a.email, "fout")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in response.client.session


def test_failed_logins_are_throttled(hr_a, settings):
    client = client_for(None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, hr_a.email, "fout")
    locked = log_in(client, hr_a.email, PASSWORD)  # even the right password is refused now
    assert locked.status_code == 429
    assert "account/locked_out.html" in [t.name for t in locked.templates]
    assert "_auth_user_id" not in client.session


def test_the_throttle_is_per_address(hr_a, manager_a, settings):
    client = client_for(None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, hr_a.email, "fout")
    assert log_in(client, manager_a.email, PASSWORD).status_code == 302


def test_logging_out_needs_a_post(hr_client):
    asked = hr_client.get(reverse("account_logout"))  # a page that asks, with a POST form
    assert asked.status_code == 200
    assert "_auth_user_id" in hr_client.session
    response = hr_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in hr_client.session


def test_a_member_changes_their_password(hr_a, hr_client):
    response = hr_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "mantelzorg-wachtwoord-2026",
            "password2": "mantelzorg-wachtwoord-2026",
        },
    )
    assert response.status_code == 302
    hr_a.refresh_from_db()
    assert hr_a.check_password("mantelzorg-wachtwoord-2026")


def test_password_reset_sends_a_link_only_to_a_known_address(hr_a, mailoutbox):
    client = client_for(None)
    client.post(reverse("account_reset_password"), {"email": hr_a.email})
    client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"})
    assert [m.to for m in mailoutbox] == [[hr_a.email]]
    assert "/accounts/password/reset/" in mailoutbox[0].body


def test_the_login_page_is_public_and_dutch_by_default(db):
    response = client_for(None).get(reverse("account_login"))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


def test_the_throttle_ignores_the_case_of_the_address(hr_a, settings):
    client = client_for(None)
    for i in range(settings.AXES_FAILURE_LIMIT):
        variant = hr_a.email.upper() if i % 2 else hr_a.email
        log_in(client, variant, "fout")
    assert log_in(client, hr_a.email, PASSWORD).status_code == 429


def test_a_successful_login_resets_the_count(hr_a, settings):
    client = client_for(None)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, hr_a.email, "fout")
    assert log_in(client, hr_a.email, PASSWORD).status_code == 302
    client.post(reverse("account_logout"))
    log_in(client, hr_a.email, "fout")
    assert log_in(client, hr_a.email, PASSWORD).status_code == 302


def spellings_of(email: str) -> list[str]:
    """Spellings that the look-up folds onto one address (accounts.keys.login_key): case, the
    long s "ſ", which PostgreSQL's UPPER() folds to "S" as well."""
    long_s = email.replace("s", "ſ", 1)
    assert long_s != email
    return [email, email.upper(), long_s, long_s.title(), email.replace("ad", "AD")]


def test_a_look_alike_spelling_logs_in_as_the_account_it_folds_onto(advisor_a):
    for spelling in spellings_of(advisor_a.email):
        client = client_for(None)
        assert log_in(client, spelling, PASSWORD).status_code == 302, spelling
        assert client.session["_auth_user_id"] == str(advisor_a.pk)


def test_five_failures_under_varied_spellings_lock_every_spelling(advisor_a, settings):
    spellings = spellings_of(advisor_a.email)
    assert len(spellings) == settings.AXES_FAILURE_LIMIT
    client = client_for(None)
    for spelling in spellings[:-1]:
        assert log_in(client, spelling, "fout").status_code == 200, spelling
    # The fifth failure, under yet another spelling, is the one that locks the account.
    assert log_in(client, spellings[-1], "fout").status_code == 429
    for spelling in spellings:
        assert log_in(client, spelling, PASSWORD).status_code == 429, spelling
    assert "_auth_user_id" not in client.session


def test_the_throttle_key_is_the_look_up_key(advisor_a):
    from accounts.throttle import login_name

    for spelling in [*spellings_of(advisor_a.email), "\uff41dvisor@steunpunt-aland.example"]:
        assert login_name(None, {"email": f"  {spelling} "}) == advisor_a.email_key
        assert advisor_a.email_key == "advisor@steunpunt-aland.example"
