"""Which organisation a user lands in, and what their role lets them do."""

from django.urls import reverse

from programme.models import Role
from tests.conftest import client_for, make_member


def test_a_member_of_one_organisation_goes_straight_to_it(org_a, hr_client):
    response = hr_client.get(reverse("programme:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:dashboard", kwargs={"slug": org_a.slug})


def test_a_member_of_several_organisations_chooses(org_a, org_b, hr_a):
    from programme.models import Membership

    Membership.objects.create(user=hr_a, organisation=org_b, role=Role.MANAGER)
    response = client_for(hr_a).get(reverse("programme:home"))
    assert response.status_code == 200
    assert [o.slug for o in response.context["organisations"]] == [org_a.slug, org_b.slug]


def test_a_user_without_organisation_is_told_so(db):
    user = make_member.__globals__["make_user"]("los@example.org")
    response = client_for(user).get(reverse("programme:home"))
    assert response.status_code == 200
    assert list(response.context["organisations"]) == []


def test_an_unknown_organisation_is_404_like_a_foreign_one(hr_client):
    assert hr_client.get("/o/bestaat-niet/").status_code == 404


def test_the_dashboard_names_the_organisation_in_the_title(org_a, hr_client):
    content = hr_client.get(reverse("programme:dashboard", kwargs={"slug": org_a.slug})).content
    assert b"<title>" in content and b"Gemeente Aland" in content.split(b"</title>")[0]


def test_a_following_support_advisor_reads_but_cannot_edit(org_a, advisor_a):
    client = client_for(advisor_a)
    assert client.get(reverse("programme:actions", kwargs={"slug": org_a.slug})).status_code == 200
    assert (
        client.get(reverse("programme:action_create", kwargs={"slug": org_a.slug})).status_code
        == 403
    )
