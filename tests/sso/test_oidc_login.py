"""Logging in through an organisation's OpenID Connect provider (oidc-provider-mock on loopback)."""

from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts.models import User
from audit.models import Entry
from programme.models import Membership, Role
from tests.conftest import client_for
from tests.sso.conftest import oidc_login, set_oidc_claims


def test_it_links_an_existing_member_and_logs_them_in(oidc_provider, manager_a):
    client = client_for(None)
    response = oidc_login(client, "Manager@Aland.Example", sub="manager@aland.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:home")
    assert client.session["_auth_user_id"] == str(manager_a.pk)
    link = SocialAccount.objects.get(user=manager_a)
    assert link.provider == "gemeente-aland" and link.uid == "manager@aland.example"
    assert manager_a.has_usable_password()  # the password stays, as password login is on


def test_the_link_is_in_the_organisations_audit_log(oidc_provider, manager_a, org_a):
    oidc_login(client_for(None), "manager@aland.example")
    whats = [
        (entry.log.additional_data or {}).get("what")
        for entry in Entry.objects.filter(organisation_id=org_a.pk, kind="login")
    ]
    assert "account gekoppeld aan de identity provider (OpenID Connect)" in whats


def test_a_new_members_membership_is_in_the_audit_log(oidc_provider, org_a):
    oidc_login(client_for(None), "nieuw@aland.example")
    assert Entry.objects.filter(organisation_id=org_a.pk, kind="membership").exists()
    whats = [
        (entry.log.additional_data or {}).get("what")
        for entry in Entry.objects.filter(organisation_id=org_a.pk, kind="login")
    ]
    assert "account aangemaakt via de identity provider (OpenID Connect)" in whats


def test_a_linked_member_logs_in_again_by_their_link(oidc_provider, manager_a):
    oidc_login(client_for(None), "manager@aland.example")
    client = client_for(None)
    response = oidc_login(client, "manager@aland.example")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(manager_a.pk)
    assert SocialAccount.objects.filter(user=manager_a).count() == 1


def test_a_new_user_of_the_domain_becomes_a_member_with_the_least_role(
    oidc_provider, oidc_server, org_a
):
    set_oidc_claims(
        oidc_server, "nieuw-1", email="nieuw@aland.example", name="Nina Nieuw", email_verified=True
    )
    client = client_for(None)
    response = oidc_login(client, "nieuw@aland.example", sub="nieuw-1")
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@aland.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.full_name == "Nina Nieuw"
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert membership.organisation == org_a and membership.role == Role.MANAGER
    assert client.get(reverse("programme:dashboard", args=[org_a.slug])).status_code == 200


def test_an_address_of_another_domain_from_the_provider_is_refused(oidc_provider, oidc_server):
    # The member asks for the organisation's login, but the provider vouches for a guest.
    set_oidc_claims(oidc_server, "gast-1", email="gast@elders.example", email_verified=True)
    client = client_for(None)
    response = oidc_login(client, "gast@aland.example", sub="gast-1")
    assert response.status_code == 403
    assert "sso/refused.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="gast@elders.example").exists()
    assert not SocialAccount.objects.exists()


def test_an_existing_user_of_another_domain_is_not_taken_over(oidc_provider, oidc_server, hr_b):
    set_oidc_claims(oidc_server, "overname", email=hr_b.email, email_verified=True)
    client = client_for(None)
    response = oidc_login(client, "iemand@aland.example", sub="overname")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=hr_b).exists()
