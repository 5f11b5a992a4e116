"""Logging in through an organisation's SAML identity provider (pysaml2 on loopback)."""

from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts.models import User
from programme.models import Membership, Role
from tests.conftest import client_for
from tests.sso.conftest import saml_client, saml_login


def test_a_member_logs_in_through_saml(saml_provider, saml_idp, hr_a):
    client = saml_client()
    response = saml_login(client, saml_idp, "hr@aland.example")
    assert response.status_code == 302, response.content
    assert response["Location"] == reverse("programme:home")
    assert client.session["_auth_user_id"] == str(hr_a.pk)
    assert SocialAccount.objects.get(user=hr_a).provider == "gemeente-aland"
    assert saml_idp.requests  # the AuthnRequest did reach the identity provider


def test_a_new_user_through_saml_becomes_a_member_with_the_least_role(
    saml_provider, saml_idp, org_a
):
    client = saml_client()
    response = saml_login(client, saml_idp, "sam@aland.example", name="Sam de Vries")
    assert response.status_code == 302, response.content
    user = User.objects.get(email="sam@aland.example")
    assert user.full_name == "Sam de Vries"
    assert Membership.objects.get(user=user, organisation=org_a).role == Role.MANAGER


def test_saml_refuses_an_address_of_another_domain(saml_provider, saml_idp):
    client = saml_client()
    response = saml_login(client, saml_idp, "sam@aland.example", as_email="sam@elders.example")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="sam@elders.example").exists()


def test_a_saml_page_asked_without_a_host_header_answers(saml_provider, org_a):
    # allauth reads the Host header itself; the test client sends none (sso/middleware.py).
    response = client_for(None).get(reverse("saml_metadata", args=[org_a.slug]))
    assert response.status_code == 200
    assert b"http://testserver/accounts/saml/gemeente-aland/acs/" in response.content
