"""An organisation's own identity provider stands in for our second step: it decides how its staff
log in (Entra ID's conditional access asks for one itself). A password login does not."""

from django.urls import reverse

from programme.models import TwoFactorRequirement
from tests.conftest import client_for
from tests.sso.conftest import oidc_login


def require_second_step_of_everyone(organisation):
    organisation.two_factor_required = TwoFactorRequirement.MEMBERS
    organisation.save(update_fields=["two_factor_required"])


def test_a_login_through_the_organisations_provider_counts_as_its_second_step(
    oidc_provider, org_a, manager_a
):
    require_second_step_of_everyone(org_a)
    client = client_for(None)
    oidc_login(client, "manager@aland.example")
    assert client.session["_auth_user_id"] == str(manager_a.pk)
    dashboard = client.get(reverse("programme:dashboard", args=[org_a.slug]))
    assert dashboard.status_code == 200


def test_a_password_login_of_the_same_member_still_needs_our_second_step(
    oidc_provider, org_a, manager_a
):
    require_second_step_of_everyone(org_a)
    client = client_for(manager_a)  # logged in, but not through the identity provider
    dashboard = client.get(reverse("programme:dashboard", args=[org_a.slug]))
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith(reverse("mfa_index"))


def test_another_organisations_provider_does_not_count(oidc_provider, org_a, org_b, manager_a):
    # Signed in through Aland's provider, a member of Beekdal too is asked by Beekdal.
    org_b.memberships.create(user=manager_a, role="manager")
    require_second_step_of_everyone(org_b)
    client = client_for(None)
    oidc_login(client, "manager@aland.example")
    assert client.get(reverse("programme:dashboard", args=[org_a.slug])).status_code == 200
    other = client.get(reverse("programme:dashboard", args=[org_b.slug]))
    assert other.status_code == 302
    assert other["Location"].startswith(reverse("mfa_index"))
