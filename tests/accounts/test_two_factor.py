"""Two-step verification (allauth.mfa): required by an organisation for its HR advisors or all its
members, always for platform staff in the admin; logging in with a code from an app or a
recovery code."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from audit.models import Entry
from programme.models import Organisation, TwoFactorRequirement
from tests.conftest import PASSWORD, client_for


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def give_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def require(organisation: Organisation, requirement: str) -> None:
    organisation.two_factor_required = requirement
    organisation.save(update_fields=["two_factor_required"])


def is_sent_to_set_up(response, url: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("mfa_index") + "?next="
    )


def hr_pages(org):
    return [
        reverse("programme:dashboard", kwargs={"slug": org.slug}),
        reverse("programme:organisation_edit", kwargs={"slug": org.slug}),
        reverse("programme:members", kwargs={"slug": org.slug}),
    ]


def test_an_hr_advisor_cannot_reach_the_pages_before_setting_up_a_second_step(org_a, hr_a):
    require(org_a, TwoFactorRequirement.HR)
    client = client_for(hr_a)
    for url in hr_pages(org_a):
        for method in ("get", "post"):
            data = {"name": "Gemeente Veranderd", "kind": org_a.kind} if method == "post" else {}
            response = getattr(client, method)(url, data)
            assert is_sent_to_set_up(response, url), f"{method.upper()} {url}"
    assert Organisation.objects.get(pk=org_a.pk).name == "Gemeente Aland"  # nothing saved
    followed = client.get(hr_pages(org_a)[1], follow=True)
    assert "vraagt je om in te loggen met tweestapsverificatie" in followed.content.decode()


def test_an_hr_advisor_reaches_the_pages_once_an_authenticator_app_is_set_up(org_a, hr_a):
    require(org_a, TwoFactorRequirement.HR)
    give_totp(hr_a)
    client = client_for(hr_a)
    for url in hr_pages(org_a):
        assert client.get(url).status_code == 200, url


def test_recovery_codes_alone_are_no_second_step(org_a, hr_a):
    require(org_a, TwoFactorRequirement.HR)
    RecoveryCodes.activate(hr_a)
    response = client_for(hr_a).get(hr_pages(org_a)[0])
    assert is_sent_to_set_up(response, hr_pages(org_a)[0])


def test_a_passkey_counts_as_a_second_step(org_a, hr_a):
    require(org_a, TwoFactorRequirement.HR)
    Authenticator.objects.create(user=hr_a, type=Authenticator.Type.WEBAUTHN, data={})
    assert client_for(hr_a).get(hr_pages(org_a)[0]).status_code == 200


def test_a_manager_is_not_asked_when_only_hr_advisors_must(org_a, manager_a):
    require(org_a, TwoFactorRequirement.HR)
    url = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    assert client_for(manager_a).get(url).status_code == 200


def test_a_manager_is_asked_when_every_member_must(org_a, manager_a):
    require(org_a, TwoFactorRequirement.MEMBERS)
    url = reverse("programme:actions", kwargs={"slug": org_a.slug})
    client = client_for(manager_a)
    assert is_sent_to_set_up(client.get(url), url)
    give_totp(manager_a)
    assert client.get(url).status_code == 200


def test_a_following_support_advisor_is_not_asked(org_a, advisor_a):
    require(org_a, TwoFactorRequirement.MEMBERS)
    url = reverse("programme:organisation", kwargs={"slug": org_a.slug})
    assert client_for(advisor_a).get(url).status_code == 200


def test_after_setting_up_the_page_offers_the_way_back(org_a, hr_a):
    require(org_a, TwoFactorRequirement.HR)
    client = client_for(hr_a)
    url = reverse("programme:members", kwargs={"slug": org_a.slug})
    client.get(url)
    give_totp(hr_a)
    page = client.get(reverse("mfa_index")).content.decode()
    assert f'href="{url}"' in page
    # Given once: the link does not stay on the page for ever.
    assert f'href="{url}"' not in client.get(reverse("mfa_index")).content.decode()


def test_an_hr_advisor_sets_the_requirement_and_it_is_audited(org_a, hr_a):
    give_totp(hr_a)  # else the next page would ask for it at once
    client = client_for(hr_a)
    url = reverse("programme:organisation_edit", kwargs={"slug": org_a.slug})
    form = client.get(url).content.decode()
    assert "Tweestapsverificatie verplicht voor" in form
    response = client.post(
        url, {"name": org_a.name, "kind": org_a.kind, "two_factor_required": "members"}
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.two_factor_required == TwoFactorRequirement.MEMBERS
    entry = Entry.objects.filter(organisation_id=org_a.pk).latest("pk")
    assert entry.log.changes_dict["two_factor_required"] == ["nobody", "members"]


def test_bad_input_for_the_requirement_gets_a_clear_error(org_a, hr_a):
    client = client_for(hr_a)
    url = reverse("programme:organisation_edit", kwargs={"slug": org_a.slug})
    response = client.post(
        url, {"name": org_a.name, "kind": org_a.kind, "two_factor_required": "iedereen"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["two_factor_required"]
    assert "geldige keuze" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.two_factor_required == TwoFactorRequirement.NOBODY


def test_a_manager_cannot_set_the_requirement(org_a, manager_a):
    url = reverse("programme:organisation_edit", kwargs={"slug": org_a.slug})
    response = client_for(manager_a).post(
        url, {"name": org_a.name, "kind": org_a.kind, "two_factor_required": "nobody"}
    )
    assert response.status_code == 403


def log_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_logging_in_takes_the_password_and_then_a_code_from_the_app(hr_a):
    secret = give_totp(hr_a)
    client = client_for(None)
    response = log_in(client, hr_a.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone logs nobody in
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(hr_a.pk)


def test_a_recovery_code_logs_in_once_and_not_twice(hr_a):
    give_totp(hr_a)
    code = RecoveryCodes.activate(hr_a).get_unused_codes()[0]
    first = client_for(None)
    log_in(first, hr_a.email)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert first.session["_auth_user_id"] == str(hr_a.pk)
    second = client_for(None)
    log_in(second, hr_a.email)
    again = second.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200
    assert again.context["form"].errors
    assert "_auth_user_id" not in second.session


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_superuser(email="beheer@example.org", password=PASSWORD)


def test_platform_staff_without_a_second_step_cannot_use_the_admin(staff):
    client = client_for(staff)
    for url in [reverse("admin:index"), reverse("admin:programme_organisation_changelist")]:
        assert is_sent_to_set_up(client.get(url), url), url
        assert is_sent_to_set_up(client.post(url), url), url


def test_platform_staff_with_a_second_step_use_the_admin(staff):
    give_totp(staff)
    assert client_for(staff).get(reverse("admin:index")).status_code == 200


def test_the_admin_login_is_allauths_with_its_second_step(staff):
    response = client_for(None).get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    secret = give_totp(staff)
    client = client_for(None)
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": staff.email, "password": PASSWORD},
    )
    assert "_auth_user_id" not in client.session  # the admin's own form does not log in
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_another_members_passkey_cannot_be_renamed_or_removed(hr_a, manager_a):
    key = Authenticator.objects.create(
        user=hr_a, type=Authenticator.Type.WEBAUTHN, data={"name": "Sleutel van P&O"}
    )
    client = client_for(manager_a)
    # Signed in again just now, so allauth looks the key up instead of asking for the password.
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        url = reverse(name, kwargs={"pk": key.pk})
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Van mij"}).status_code == 404, url
    assert Authenticator.objects.get(pk=key.pk).data["name"] == "Sleutel van P&O"


def test_my_settings_lead_to_two_step_verification_and_say_whether_it_is_on(hr_a):
    client = client_for(hr_a)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Inloggen en beveiliging" in page
    assert f'href="{reverse("mfa_index")}"' in page
    assert f'href="{reverse("account_change_password")}"' in page
    assert f'href="{reverse("usersessions_list")}"' in page
    assert "Tweestapsverificatie staat uit" in page
    give_totp(hr_a)
    assert (
        "Tweestapsverificatie staat aan"
        in client.get(reverse("notifications:settings")).content.decode()
    )


@pytest.fixture
def walker_world(org_a, hr_a, manager_a, advisor_a, make_action):
    from tests.test_url_walker import build_world

    return build_world(org_a, hr=hr_a, manager=manager_a, make_action=make_action)


def _org_routes():
    from tests.test_url_walker import ORG_ROUTES

    return ORG_ROUTES


@pytest.mark.parametrize("route", _org_routes(), ids=lambda r: r.name)
def test_every_organisation_page_asks_a_covered_member_to_set_up_a_second_step_first(
    route, walker_world, org_a, hr_a
):
    from tests.test_url_walker import url_for

    require(org_a, TwoFactorRequirement.HR)
    url = url_for(route, walker_world)
    client = client_for(hr_a)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert is_sent_to_set_up(response, url), f"{method.upper()} {url}: {response.status_code}"


def test_the_organisation_page_says_who_must_use_two_step_verification(org_a, manager_a):
    require(org_a, TwoFactorRequirement.HR)
    page = client_for(manager_a).get(reverse("programme:organisation", args=[org_a.slug]))
    assert 'id="two-factor-required">P&amp;O-adviseurs<' in page.content.decode()


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_requirement_costs_one_query_and_only_for_the_roles_it_covers(org_a, hr_a, manager_a):
    give_totp(hr_a)
    url = reverse("programme:actions", kwargs={"slug": org_a.slug})
    hr, manager = client_for(hr_a), client_for(manager_a)
    for client in (hr, manager):  # the sessions' first writes out of the way
        queries_for(client, url)
    before = {"hr": queries_for(hr, url), "manager": queries_for(manager, url)}
    require(org_a, TwoFactorRequirement.HR)
    assert queries_for(hr, url) == before["hr"] + 1
    assert queries_for(manager, url) == before["manager"]
