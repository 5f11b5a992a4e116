"""The support organisation itself: its details and its members, kept by the coordinator, and
never without a coordinator."""

import pytest
from allauth.account.forms import default_token_generator
from django.core import mail
from django.urls import reverse

from accounts.models import User
from support import organisation_services
from support.models import SupportMembership, SupportOrganisation, SupportRole
from support.services import SupportError
from tests.conftest import client_for, make_support_member, make_user


def url(name, support, **kwargs) -> str:
    return reverse(f"support:{name}", kwargs={"slug": support.slug, **kwargs})


@pytest.fixture
def coordinator(steunpunt):
    user = make_support_member(
        steunpunt, "coordinator@steunpunt-aland.example", SupportRole.COORDINATOR
    )
    user.full_name = "Carla Coördinator"
    user.save()
    return user


@pytest.fixture
def advisor(steunpunt):
    return make_support_member(steunpunt, "consulent@steunpunt-aland.example")


def membership(user, support) -> SupportMembership:
    return SupportMembership.objects.get(user=user, support_organisation=support)


def add(client, support, email, role=SupportRole.ADVISOR, full_name="Sanne de Wit"):
    return client.post(
        url("member_add", support), {"full_name": full_name, "email": email, "role": role}
    )


# --- The organisation's details -------------------------------------------------------------------


def test_every_member_reads_the_organisations_details(steunpunt, coordinator, advisor):
    steunpunt.goal = "Twintig werkgevers in de regio mantelzorgvriendelijk."
    steunpunt.website = "https://steunpunt-aland.example"
    steunpunt.save()
    for user in (coordinator, advisor):
        page = client_for(user).get(url("organisation", steunpunt)).content.decode()
        assert "Steunpunt Mantelzorg Aland" in page
        assert "<li>Aland</li><li>Beekdal</li>" in page  # the municipalities served
        assert "Gemeente Aland" in page and "Twintig werkgevers" in page
        assert "https://steunpunt-aland.example" in page
    assert url("organisation_edit", steunpunt) in (
        client_for(coordinator).get(url("organisation", steunpunt)).content.decode()
    )
    assert url("organisation_edit", steunpunt) not in (
        client_for(advisor).get(url("organisation", steunpunt)).content.decode()
    )


def test_the_coordinator_edits_the_details(steunpunt, coordinator):
    response = client_for(coordinator).post(
        url("organisation_edit", steunpunt),
        {
            "name": "Steunpunt Mantelzorg Aland en Beekdal",
            "region": "Aland\nBeekdal\nCirkeldorp",
            "commissioned_by": "Gemeente Beekdal",
            "goal": "Tien nieuwe werkgevers erkend.",
            "website": "https://mantelzorg-aland.example",
        },
    )
    assert response.status_code == 302
    steunpunt.refresh_from_db()
    assert steunpunt.name == "Steunpunt Mantelzorg Aland en Beekdal"
    assert steunpunt.region_list == ["Aland", "Beekdal", "Cirkeldorp"]
    assert (steunpunt.commissioned_by, steunpunt.slug) == ("Gemeente Beekdal", "steunpunt-aland")


def test_bad_details_change_nothing(steunpunt, coordinator):
    response = client_for(coordinator).post(
        url("organisation_edit", steunpunt),
        {"name": "", "region": "Aland", "website": "geen adres"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "website"}
    steunpunt.refresh_from_db()
    assert (steunpunt.name, steunpunt.region) == ("Steunpunt Mantelzorg Aland", "Aland\nBeekdal")


COORDINATOR_PAGES = ["organisation_edit", "member_add", "member_role", "member_remove"]


@pytest.mark.parametrize("name", COORDINATOR_PAGES)
def test_a_support_advisor_gets_403_on_the_coordinators_pages(
    name, steunpunt, coordinator, advisor
):
    kwargs = {"pk": membership(coordinator, steunpunt).pk} if name.startswith("member_r") else {}
    client = client_for(advisor)
    assert client.get(url(name, steunpunt, **kwargs)).status_code == 403
    data = {"name": "Overgenomen", "email": "x@example.org", "role": "coordinator"}
    data[f"m{membership(coordinator, steunpunt).pk}-role"] = "advisor"
    assert client.post(url(name, steunpunt, **kwargs), data).status_code == 403
    steunpunt.refresh_from_db()
    assert steunpunt.name == "Steunpunt Mantelzorg Aland"
    assert membership(coordinator, steunpunt).role == SupportRole.COORDINATOR
    assert membership(advisor, steunpunt).role == SupportRole.ADVISOR
    assert steunpunt.memberships.count() == 2


# --- Members --------------------------------------------------------------------------------------


def test_every_member_reads_the_members_coordinators_first(steunpunt, coordinator, advisor):
    page = client_for(advisor).get(url("members", steunpunt)).content.decode()
    table = page[page.index("<tbody>") :]
    assert table.index("Carla Coördinator") < table.index("consulent@steunpunt-aland.example")
    assert url("member_add", steunpunt) not in page
    assert "Rol wijzigen" not in page
    page = client_for(coordinator).get(url("members", steunpunt)).content.decode()
    assert url("member_add", steunpunt) in page
    assert url("member_remove", steunpunt, pk=membership(advisor, steunpunt).pk) in page


def test_the_coordinator_adds_a_new_user_who_is_mailed_a_link_to_choose_a_password(
    steunpunt, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = add(client_for(coordinator), steunpunt, "Nieuw@Steunpunt-Aland.example")
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@steunpunt-aland.example")
    assert user.full_name == "Sanne de Wit" and not user.has_usable_password()
    assert membership(user, steunpunt).role == SupportRole.ADVISOR
    [message] = mail.outbox
    assert message.to == ["nieuw@steunpunt-aland.example"]
    assert message.subject == "Je bent toegevoegd aan Steunpunt Mantelzorg Aland"
    assert "Carla Coördinator heeft je toegevoegd aan Steunpunt Mantelzorg Aland op" in message.body
    assert "Hallo Sanne de Wit," in message.body  # the shared parts of the invitation
    assert "nieuw@steunpunt-aland.example" in message.body.splitlines()[-1]
    link = next(line for line in message.body.splitlines() if line.startswith("http"))
    token = link.rstrip("/").split("/")[-1].split("-", 1)[1]  # allauth: <uid in base 36>-<token>
    assert default_token_generator.check_token(user, token)


def test_an_existing_account_is_added_without_a_mail(steunpunt, coordinator, hr_a):
    response = add(client_for(coordinator), steunpunt, "HR@aland.example", SupportRole.COORDINATOR)
    assert response.status_code == 302
    assert membership(hr_a, steunpunt).role == SupportRole.COORDINATOR
    assert mail.outbox == []


def test_adding_someone_twice_or_with_an_unknown_role_changes_nothing(
    steunpunt, coordinator, advisor
):
    client = client_for(coordinator)
    response = add(client, steunpunt, "consulent@steunpunt-aland.example", SupportRole.COORDINATOR)
    assert response.status_code == 200
    assert "is al lid." in response.content.decode()
    assert membership(advisor, steunpunt).role == SupportRole.ADVISOR
    response = add(client, steunpunt, "nieuw@steunpunt-aland.example", "manager")
    assert response.status_code == 200 and "role" in response.context["form"].errors
    response = add(client, steunpunt, "geen-adres")
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert steunpunt.memberships.count() == 2
    assert not User.objects.filter(email="nieuw@steunpunt-aland.example").exists()


def test_the_coordinator_changes_a_role(steunpunt, coordinator, advisor):
    advisor_membership = membership(advisor, steunpunt)
    response = client_for(coordinator).post(
        url("member_role", steunpunt, pk=advisor_membership.pk),
        {f"m{advisor_membership.pk}-role": SupportRole.COORDINATOR},
    )
    assert response.status_code == 302
    advisor_membership.refresh_from_db()
    assert advisor_membership.role == SupportRole.COORDINATOR


def test_an_unknown_role_changes_nothing(steunpunt, coordinator, advisor):
    advisor_membership = membership(advisor, steunpunt)
    response = client_for(coordinator).post(
        url("member_role", steunpunt, pk=advisor_membership.pk),
        {f"m{advisor_membership.pk}-role": "hr"},
        follow=True,
    )
    assert "Kies een van de rollen." in response.content.decode()
    advisor_membership.refresh_from_db()
    assert advisor_membership.role == SupportRole.ADVISOR


def test_the_last_coordinator_cannot_step_down(steunpunt, coordinator, advisor):
    own = membership(coordinator, steunpunt)
    response = client_for(coordinator).post(
        url("member_role", steunpunt, pk=own.pk), {f"m{own.pk}-role": "advisor"}, follow=True
    )
    assert "minstens één coördinator nodig" in response.content.decode()
    own.refresh_from_db()
    assert own.role == SupportRole.COORDINATOR


def test_the_last_coordinator_cannot_be_removed(steunpunt, coordinator, advisor):
    own = membership(coordinator, steunpunt)
    response = client_for(coordinator).post(url("member_remove", steunpunt, pk=own.pk), follow=True)
    assert "De laatste coördinator kan niet worden verwijderd" in response.content.decode()
    assert SupportMembership.objects.filter(pk=own.pk).exists()


def test_with_two_coordinators_one_may_step_down_and_one_may_leave(steunpunt, coordinator):
    second = make_support_member(steunpunt, "tweede@steunpunt-aland.example", "coordinator")
    own = membership(coordinator, steunpunt)
    client = client_for(coordinator)
    client.post(url("member_role", steunpunt, pk=own.pk), {f"m{own.pk}-role": "advisor"})
    own.refresh_from_db()
    assert own.role == SupportRole.ADVISOR
    # Now `second` is the last coordinator: leaving is refused for them, allowed for the other.
    client = client_for(second)
    response = client.post(url("member_remove", steunpunt, pk=own.pk))
    assert response.status_code == 302 and not SupportMembership.objects.filter(pk=own.pk).exists()
    last = membership(second, steunpunt)
    client.post(url("member_remove", steunpunt, pk=last.pk))
    assert SupportMembership.objects.filter(pk=last.pk).exists()


def test_a_coordinator_who_leaves_is_sent_home(steunpunt, coordinator):
    make_support_member(steunpunt, "tweede@steunpunt-aland.example", "coordinator")
    own = membership(coordinator, steunpunt)
    client = client_for(coordinator)
    page = client.get(url("member_remove", steunpunt, pk=own.pk)).content.decode()
    assert "Wil je coordinator@steunpunt-aland.example verwijderen" in page
    response = client.post(url("member_remove", steunpunt, pk=own.pk))
    assert response["Location"] == reverse("programme:home")
    assert User.objects.filter(pk=coordinator.pk).exists()
    assert client.get(url("members", steunpunt)).status_code == 404  # no member any more


def test_the_services_refuse_to_leave_the_organisation_without_a_coordinator(
    steunpunt, coordinator
):
    own = membership(coordinator, steunpunt)
    with pytest.raises(SupportError):
        organisation_services.support_membership_change_role(membership=own, role="advisor")
    with pytest.raises(SupportError):
        organisation_services.support_membership_remove(membership=own)
    with pytest.raises(SupportError):
        organisation_services.support_membership_change_role(membership=own, role="hr")
    own.refresh_from_db()
    assert own.role == SupportRole.COORDINATOR


def test_a_member_of_another_support_organisation_cannot_be_changed_through_this_one(
    steunpunt, coordinator
):
    other = SupportOrganisation.objects.create(name="Steunpunt Elders", slug="elders")
    stranger = make_user("ander@elders.example")
    foreign = SupportMembership.objects.create(
        user=stranger, support_organisation=other, role=SupportRole.COORDINATOR
    )
    client = client_for(coordinator)
    response = client.post(
        url("member_role", steunpunt, pk=foreign.pk), {f"m{foreign.pk}-role": "advisor"}
    )
    assert response.status_code == 404
    assert client.post(url("member_remove", steunpunt, pk=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == SupportRole.COORDINATOR
