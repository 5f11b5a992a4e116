"""The offer per pillar: the support organisation keeps it, and a followed employer's HR advisor
takes an offer up as a planned action in one click, once per year."""

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programme.models import Action, ActionStatus, PillarKey, SupportOffer, SupportOfferKind
from support import offer_services
from support.models import (
    FollowingState,
    Offering,
    OfferingFormat,
    OfferingUptake,
    SupportOrganisation,
)
from support.services import SupportError
from tests.conftest import client_for, follow, make_support_member

THIS_YEAR = timezone.localdate().year


def make_offering(support, **fields) -> Offering:
    values = {
        "pillar": PillarKey.DISCUSS,
        "format": OfferingFormat.LUNCH,
        "title": "Lunch voor werkende mantelzorgers",
        "description": "Een uur samen eten en ervaringen delen, met een mantelzorgconsulent.",
        **fields,
    }
    return Offering.objects.create(support_organisation=support, **values)


def take_up_url(org, offering) -> str:
    return reverse("employer_support:offer_take_up", kwargs={"slug": org.slug, "pk": offering.pk})


def support_url(name, support, **kwargs) -> str:
    return reverse(f"support:{name}", kwargs={"slug": support.slug, **kwargs})


@pytest.fixture
def offering(steunpunt, advisor_a):
    """An offer of `steunpunt`, which follows organisation A (through `advisor_a`)."""
    return make_offering(steunpunt)


# --- Taking an offer up ---------------------------------------------------------------------------


def test_taking_up_an_offer_puts_one_planned_action_in_this_years_plan(org_a, hr_a, offering):
    response = client_for(hr_a).post(take_up_url(org_a, offering), follow=True)

    [action] = Action.objects.filter(organisation=org_a)
    assert (action.title, action.description, action.pillar) == (
        offering.title,
        offering.description,
        PillarKey.DISCUSS,
    )
    assert (action.year, action.status) == (THIS_YEAR, ActionStatus.PLANNED)
    assert action.partner == "Steunpunt Mantelzorg Aland"
    [uptake] = OfferingUptake.objects.all()
    assert (uptake.offering, uptake.organisation, uptake.action, uptake.year) == (
        offering,
        org_a,
        action,
        THIS_YEAR,
    )
    assert response.redirect_chain[-1][0] == reverse(
        "programme:action_detail", kwargs={"slug": org_a.slug, "pk": action.pk}
    )
    assert f"“{offering.title}” staat nu in het actieplan voor {THIS_YEAR}." in (
        response.content.decode()
    )


def test_a_second_take_up_in_the_same_year_adds_nothing_and_points_to_the_action(
    org_a, hr_a, offering
):
    client = client_for(hr_a)
    client.post(take_up_url(org_a, offering))
    response = client.post(take_up_url(org_a, offering), follow=True)

    [action] = Action.objects.filter(organisation=org_a)
    assert OfferingUptake.objects.count() == 1
    assert response.redirect_chain[-1][0].endswith(f"/actions/{action.pk}/")
    assert f"stond al in het actieplan voor {THIS_YEAR}." in response.content.decode()


def test_the_database_refuses_a_second_uptake_in_the_same_year(org_a, offering):
    OfferingUptake.objects.create(offering=offering, organisation=org_a, year=THIS_YEAR)
    with pytest.raises(IntegrityError):
        OfferingUptake.objects.create(offering=offering, organisation=org_a, year=THIS_YEAR)


def test_an_offer_can_be_taken_up_again_next_year(org_a, offering):
    offer_services.offering_take_up(offering=offering, organisation=org_a, year=THIS_YEAR)
    again = offer_services.offering_take_up(
        offering=offering, organisation=org_a, year=THIS_YEAR + 1
    )
    assert again.created and again.action.year == THIS_YEAR + 1
    assert Action.objects.filter(organisation=org_a).count() == 2


def test_after_the_action_was_deleted_a_take_up_puts_it_back_on_the_same_record(org_a, offering):
    first = offer_services.offering_take_up(offering=offering, organisation=org_a, year=THIS_YEAR)
    first.action.delete()
    again = offer_services.offering_take_up(offering=offering, organisation=org_a, year=THIS_YEAR)
    assert again.created and again.uptake.pk == first.uptake.pk
    assert list(Action.objects.filter(organisation=org_a)) == [again.action]
    assert OfferingUptake.objects.get().action == again.action


def test_an_offer_of_a_support_organisation_that_does_not_follow_the_employer_is_404(
    org_a, hr_a, advisor_a
):
    stranger = SupportOrganisation.objects.create(name="Steunpunt Elders", slug="elders")
    offering = make_offering(stranger)
    assert client_for(hr_a).post(take_up_url(org_a, offering)).status_code == 404
    assert not Action.objects.exists() and not OfferingUptake.objects.exists()


def test_an_offer_of_a_support_organisation_that_no_longer_follows_is_404(
    org_a, hr_a, steunpunt, offering
):
    following = steunpunt.followings.get(organisation=org_a)
    following.state, following.ended_at = FollowingState.ENDED, timezone.now()
    following.save()
    assert client_for(hr_a).post(take_up_url(org_a, offering)).status_code == 404
    assert not Action.objects.exists()


def test_an_offer_taken_off_offer_is_404(org_a, hr_a, offering):
    offering.is_active = False
    offering.save()
    assert client_for(hr_a).post(take_up_url(org_a, offering)).status_code == 404
    assert not Action.objects.exists()


def test_the_service_itself_refuses_an_offer_off_offer_or_of_a_stranger(org_a, org_b, offering):
    # org_b is not followed by the offer's support organisation.
    with pytest.raises(SupportError):
        offer_services.offering_take_up(offering=offering, organisation=org_b, year=THIS_YEAR)
    offering.is_active = False
    offering.save()
    with pytest.raises(SupportError):
        offer_services.offering_take_up(offering=offering, organisation=org_a, year=THIS_YEAR)
    assert not Action.objects.exists() and not OfferingUptake.objects.exists()


def test_managers_and_followers_cannot_take_an_offer_up(org_a, manager_a, advisor_a, offering):
    for user in (manager_a, advisor_a):
        assert client_for(user).post(take_up_url(org_a, offering)).status_code == 403
    assert not Action.objects.exists() and not OfferingUptake.objects.exists()


def test_taking_up_takes_post_only(org_a, hr_a, offering):
    assert client_for(hr_a).get(take_up_url(org_a, offering)).status_code == 405
    assert not Action.objects.exists()


# --- The offers on the employer's support page ---------------------------------------------------


def support_list(user, org):
    return client_for(user).get(reverse("programme:support_list", kwargs={"slug": org.slug}))


def test_the_offers_show_beside_the_employers_own_support_offers(org_a, hr_a, steunpunt, offering):
    SupportOffer.objects.create(
        organisation=org_a, name="Bedrijfsmaatschappelijk werk", kind=SupportOfferKind.INTERNAL
    )
    make_offering(steunpunt, title="Oude workshop", is_active=False)
    page = support_list(hr_a, org_a).content.decode()

    assert "Bedrijfsmaatschappelijk werk" in page
    assert "Aanbod van Steunpunt Mantelzorg Aland" in page
    assert "Opnemen in ons plan" in page
    assert offering.title in page and offering.description in page
    assert "Oude workshop" not in page  # not on offer
    assert take_up_url(org_a, offering) in page


def test_an_employer_that_nobody_follows_sees_only_its_own_offers(org_b, hr_b, steunpunt):
    make_offering(steunpunt)  # steunpunt follows nobody here
    page = support_list(hr_b, org_b).content.decode()
    assert "Lunch voor werkende mantelzorgers" not in page
    assert "col-lg-5" not in page  # no second column for nothing


def test_an_offer_in_the_plan_links_to_its_action_instead_of_the_button(org_a, hr_a, offering):
    take_up = offer_services.offering_take_up(offering=offering, organisation=org_a, year=THIS_YEAR)
    page = support_list(hr_a, org_a).content.decode()
    assert take_up_url(org_a, offering) not in page
    assert f"Staat al in het actieplan voor {THIS_YEAR}:" in page
    assert reverse("programme:action_detail", args=[org_a.slug, take_up.action.pk]) in page


def test_managers_see_the_offers_without_the_button(org_a, manager_a, offering):
    page = support_list(manager_a, org_a).content.decode()
    assert offering.title in page
    assert take_up_url(org_a, offering) not in page


def test_followers_never_see_the_button(org_a, advisor_a, offering):
    page = support_list(advisor_a, org_a).content.decode()
    assert take_up_url(org_a, offering) not in page


def test_followers_do_not_learn_which_other_support_organisations_follow(org_a, advisor_a):
    other = SupportOrganisation.objects.create(name="Welzijn Beekdal", slug="welzijn-beekdal")
    follow(other, org_a)
    make_offering(other, title="Spreekuur van Welzijn Beekdal")
    page = support_list(advisor_a, org_a).content.decode()
    assert "Welzijn Beekdal" not in page
    assert "Spreekuur van Welzijn Beekdal" not in page


def test_the_offers_of_every_following_support_organisation_cost_the_same_queries(
    org_a, hr_a, steunpunt, offering
):
    def queries() -> int:
        client = client_for(hr_a)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("programme:support_list", args=[org_a.slug]))
        assert response.status_code == 200
        return len(captured)

    few = queries()
    for number in range(3):
        other = SupportOrganisation.objects.create(name=f"Steunpunt {number}", slug=f"sp-{number}")
        follow(other, org_a)
        for pillar in PillarKey.values:
            offer = make_offering(other, pillar=pillar, title=f"Aanbod {pillar}")
            offer_services.offering_take_up(offering=offer, organisation=org_a, year=THIS_YEAR)
    assert queries() == few


# --- The support organisation keeps its offer ----------------------------------------------------


def test_the_offer_page_groups_the_offers_by_the_four_pillars_with_their_uptakes(
    org_a, org_b, steunpunt, advisor_a, offering
):
    follow(steunpunt, org_b)
    make_offering(steunpunt, pillar=PillarKey.EQUIP, title="Training voor leidinggevenden")
    offer_services.offering_take_up(offering=offering, organisation=org_a, year=THIS_YEAR)
    offer_services.offering_take_up(offering=offering, organisation=org_b, year=THIS_YEAR)

    response = client_for(advisor_a).get(support_url("offers", steunpunt))
    page = response.content.decode()
    labels = ["Bespreken", "Beschrijven", "Bekwamen", "Borgen"]
    positions = [page.index(f'id="pillar-{label.lower()}">{label}</h2>') for label in labels]
    assert positions == sorted(positions)
    assert page.index(offering.title) < positions[1] < page.index("Training voor leidinggevenden")
    assert "2 keer opgenomen" in page
    assert "Nog geen aanbod voor Beschrijven." in page


def test_a_support_advisor_adds_an_offer(steunpunt, advisor_a):
    response = client_for(advisor_a).post(
        support_url("offer_create", steunpunt),
        {
            "pillar": PillarKey.EMBED,
            "format": OfferingFormat.CONSULTATION,
            "title": "Spreekuur op de werkvloer",
            "description": "Elke eerste dinsdag van de maand.",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    offering = Offering.objects.get(support_organisation=steunpunt)
    assert (offering.pillar, offering.format, offering.is_active) == (
        PillarKey.EMBED,
        OfferingFormat.CONSULTATION,
        True,
    )


def test_the_pillars_add_link_chooses_the_pillar(steunpunt, advisor_a):
    response = client_for(advisor_a).get(support_url("offer_create", steunpunt) + "?pillar=borgen")
    assert response.context["form"]["pillar"].value() == "borgen"


def test_an_offer_without_a_title_or_with_an_unknown_pillar_changes_nothing(
    steunpunt, advisor_a, offering
):
    client = client_for(advisor_a)
    bad = {"pillar": "zingen", "format": "lunch", "title": "", "is_active": "on"}
    response = client.post(support_url("offer_edit", steunpunt, pk=offering.pk), bad)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"pillar", "title"}
    offering.refresh_from_db()
    assert (offering.title, offering.pillar) == ("Lunch voor werkende mantelzorgers", "bespreken")
    assert client.post(support_url("offer_create", steunpunt), bad).status_code == 200
    assert Offering.objects.count() == 1


def test_an_offer_not_taken_up_is_deleted(steunpunt, advisor_a, offering):
    client = client_for(advisor_a)
    page = client.get(support_url("offer_delete", steunpunt, pk=offering.pk)).content.decode()
    assert "Dit kan niet ongedaan worden gemaakt." in page
    client.post(support_url("offer_delete", steunpunt, pk=offering.pk))
    assert not Offering.objects.exists()


def test_an_offer_taken_up_is_kept_and_only_taken_off_offer(org_a, steunpunt, advisor_a, offering):
    take_up = offer_services.offering_take_up(offering=offering, organisation=org_a, year=THIS_YEAR)
    client = client_for(advisor_a)
    page = client.get(support_url("offer_delete", steunpunt, pk=offering.pk)).content.decode()
    assert "Het wordt daarom niet verwijderd, maar op “niet aangeboden” gezet" in page
    response = client.post(support_url("offer_delete", steunpunt, pk=offering.pk), follow=True)
    assert "blijft daarom bewaard. Het wordt niet meer aangeboden." in (response.content.decode())
    offering.refresh_from_db()
    assert offering.is_active is False
    assert OfferingUptake.objects.get().action == take_up.action
    assert Action.objects.filter(pk=take_up.action.pk).exists()


def test_the_coordinator_keeps_the_offer_too(steunpunt, advisor_a, offering):
    coordinator = make_support_member(
        steunpunt, "coordinator@steunpunt-aland.example", "coordinator"
    )
    response = client_for(coordinator).post(
        support_url("offer_edit", steunpunt, pk=offering.pk),
        {"pillar": "bekwamen", "format": "training", "title": "Training", "description": ""},
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert (offering.title, offering.is_active) == ("Training", False)  # unticked: off offer


def test_another_support_organisations_offer_is_404(steunpunt, advisor_a):
    other = SupportOrganisation.objects.create(name="Steunpunt Elders", slug="elders")
    foreign = make_offering(other)
    client = client_for(advisor_a)
    for name in ("offer_edit", "offer_delete"):
        assert client.get(support_url(name, steunpunt, pk=foreign.pk)).status_code == 404
        assert client.post(support_url(name, steunpunt, pk=foreign.pk)).status_code == 404
    assert Offering.objects.filter(pk=foreign.pk).exists()


def test_the_service_refuses_an_offer_of_another_support_organisation(steunpunt):
    other = SupportOrganisation.objects.create(name="Steunpunt Elders", slug="elders")
    with pytest.raises(SupportError):
        offer_services.offering_save(
            support_organisation=steunpunt,
            offering=Offering(support_organisation=other),
            fields={"pillar": "bespreken", "format": "lunch", "title": "Lunch"},
        )
    assert not Offering.objects.exists()
