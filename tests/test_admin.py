"""Django's admin is for platform staff only."""

from django.urls import reverse

from accounts.models import User
from tests.conftest import client_for


def test_an_organisation_member_cannot_use_the_admin(hr_client, org_a):
    for url in [reverse("admin:index"), reverse("admin:programme_action_changelist")]:
        response = hr_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_platform_staff_see_every_model_in_the_admin(db, org_a):
    staff = User.objects.create_superuser(email="beheer@example.org", password="x")
    client = client_for(staff)
    for name in [
        "accounts_user",
        "programme_organisation",
        "programme_membership",
        "programme_action",
        "programme_contactperson",
        "programme_supportoffer",
        "programme_regulation",
    ]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    assert (
        client.get(reverse("admin:programme_organisation_change", args=[org_a.pk])).status_code
        == 200
    )
