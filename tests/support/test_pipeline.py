"""The pipeline's rules, in the models and services, so that the pages, the admin and the shell
all obey them: contacts, the next step the employer carries, linking, counts and follow-ups."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.models import Organisation, OrganisationKind
from support import pipeline_selectors as selectors
from support import pipeline_services as services
from support.models import Contact, ContactKind, FollowingState, Prospect, Stage
from support.services import following_end
from tests.conftest import follow, make_support_member

TODAY = timezone.localdate


@pytest.fixture
def advisor(steunpunt):
    return make_support_member(steunpunt, "consulent@steunpunt-aland.example")


@pytest.fixture
def prospect(steunpunt, advisor):
    return Prospect.objects.create(
        support_organisation=steunpunt, name="Bakkerij Van Dam", owner=advisor
    )


def log(prospect, by, *, days_ago=0, step="", step_in=None, **extra):
    fields = {
        "on": TODAY() - timedelta(days=days_ago),
        "kind": ContactKind.CALL,
        "notes": "",
        "next_step": step,
        "next_step_on": TODAY() + timedelta(days=step_in) if step_in is not None else None,
    }
    return services.contact_log(prospect=prospect, fields=fields, by=by, **extra)


# --- Contacts -----------------------------------------------------------------------------------


def test_a_contact_in_the_future_is_refused_by_the_model_and_the_service(prospect, advisor):
    contact = Contact(prospect=prospect, on=TODAY() + timedelta(days=1), kind=ContactKind.VISIT)
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "on" in error.value.error_dict
    with pytest.raises(ValidationError):
        log(prospect, advisor, days_ago=-1)
    assert not Contact.objects.exists()


def test_a_contact_today_is_accepted(prospect, advisor):
    log(prospect, advisor, days_ago=0)
    assert prospect.contacts.count() == 1


def test_a_next_step_before_the_contact_is_refused(prospect, advisor):
    with pytest.raises(ValidationError) as error:
        log(prospect, advisor, days_ago=2, step="Bellen", step_in=-3)
    assert "next_step_on" in error.value.error_dict
    prospect.refresh_from_db()
    assert not prospect.contacts.exists() and prospect.next_step_on is None


def test_a_next_step_on_the_day_of_the_contact_is_accepted(prospect, advisor):
    log(prospect, advisor, days_ago=2, step="Mail sturen", step_in=-2)
    prospect.refresh_from_db()
    assert prospect.next_step_on == TODAY() - timedelta(days=2)


def test_a_next_step_date_needs_a_step(prospect, advisor):
    with pytest.raises(ValidationError) as error:
        log(prospect, advisor, step="  ", step_in=3)
    assert "next_step" in error.value.error_dict


def test_logging_a_contact_copies_its_next_step_onto_the_employer(prospect, advisor):
    contact = log(prospect, advisor, days_ago=1, step="Factsheet sturen", step_in=7)
    prospect.refresh_from_db()
    assert (prospect.next_step, prospect.next_step_on) == (
        "Factsheet sturen",
        TODAY() + timedelta(days=7),
    )
    assert contact.by == advisor and prospect.stage == Stage.MAPPED  # no stage given: unchanged


def test_logging_a_contact_can_move_the_stage(prospect, advisor):
    log(prospect, advisor, stage=Stage.IN_CONVERSATION)
    prospect.refresh_from_db()
    assert prospect.stage == Stage.IN_CONVERSATION


def test_an_unknown_stage_is_refused_and_nothing_is_logged(prospect, advisor):
    with pytest.raises(ValidationError):
        log(prospect, advisor, stage="bijna")
    assert not prospect.contacts.exists()


def test_a_contact_logged_for_an_earlier_day_leaves_the_latest_next_step(prospect, advisor):
    log(prospect, advisor, days_ago=1, step="Offerte sturen", step_in=5)
    log(prospect, advisor, days_ago=10, step="Oude afspraak", step_in=-8)
    prospect.refresh_from_db()
    assert prospect.next_step == "Offerte sturen"


def test_editing_the_latest_contact_moves_the_employers_next_step(prospect, advisor):
    contact = log(prospect, advisor, days_ago=1, step="Bellen", step_in=2)
    services.contact_update(
        contact=contact,
        fields={"next_step": "Langsgaan", "next_step_on": TODAY() + timedelta(days=9)},
    )
    prospect.refresh_from_db()
    assert (prospect.next_step, prospect.next_step_on) == (
        "Langsgaan",
        TODAY() + timedelta(days=9),
    )


def test_editing_a_contact_obeys_the_same_rules(prospect, advisor):
    contact = log(prospect, advisor, days_ago=1)
    with pytest.raises(ValidationError):
        services.contact_update(contact=contact, fields={"on": TODAY() + timedelta(days=2)})
    contact.refresh_from_db()
    assert contact.on == TODAY() - timedelta(days=1)


def test_deleting_the_latest_contact_falls_back_to_the_one_before(prospect, advisor):
    log(prospect, advisor, days_ago=5, step="Eerste stap", step_in=1)
    latest = log(prospect, advisor, days_ago=1, step="Tweede stap", step_in=4)
    services.contact_delete(contact=latest)
    prospect.refresh_from_db()
    assert prospect.next_step == "Eerste stap"
    services.contact_delete(contact=prospect.contacts.get())
    prospect.refresh_from_db()
    assert (prospect.next_step, prospect.next_step_on) == ("", None)


# --- Prospects ----------------------------------------------------------------------------------


def test_the_owner_must_be_a_member_of_the_support_organisation(steunpunt, hr_a):
    prospect = Prospect(support_organisation=steunpunt, name="Garage Jansen", owner=hr_a)
    with pytest.raises(ValidationError) as error:
        prospect.full_clean()
    assert "owner" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.prospect_save(
            support_organisation=steunpunt, prospect=Prospect(), fields={"name": "X", "owner": hr_a}
        )
    assert not Prospect.objects.exists()


def test_only_an_employer_followed_now_can_be_linked(steunpunt, org_a, org_b, advisor):
    follow(steunpunt, org_a)
    with pytest.raises(ValidationError) as error:
        services.prospect_save(
            support_organisation=steunpunt,
            prospect=Prospect(),
            fields={"name": "Zorggroep", "organisation": org_b},
        )
    assert "organisation" in error.value.error_dict
    linked = services.prospect_save(
        support_organisation=steunpunt,
        prospect=Prospect(),
        fields={"name": "Gemeente", "organisation": org_a},
    )
    assert linked.organisation == org_a and linked.support_organisation == steunpunt


def test_a_link_made_earlier_stays_editable_after_the_following_ends(steunpunt, org_a, hr_a):
    following = follow(steunpunt, org_a)
    prospect = services.prospect_save(
        support_organisation=steunpunt,
        prospect=Prospect(),
        fields={"name": "Gemeente Aland", "organisation": org_a},
    )
    following_end(following=following, by=hr_a)
    services.prospect_save(
        support_organisation=steunpunt, prospect=prospect, fields={"stage": Stage.STOPPED}
    )
    prospect.refresh_from_db()
    assert prospect.organisation == org_a and prospect.stage == Stage.STOPPED


def test_an_employer_is_linked_to_one_entry_of_the_pipeline(steunpunt, org_a):
    follow(steunpunt, org_a)
    fields = {"name": "Gemeente Aland", "organisation": org_a}
    services.prospect_save(support_organisation=steunpunt, prospect=Prospect(), fields=fields)
    with pytest.raises(ValidationError) as error:
        services.prospect_save(support_organisation=steunpunt, prospect=Prospect(), fields=fields)
    assert "organisation" in error.value.error_dict
    assert Prospect.objects.count() == 1


def test_another_support_organisations_prospect_cannot_be_saved_here(steunpunt, prospect):
    from support.models import SupportOrganisation
    from support.services import SupportError

    other = SupportOrganisation.objects.create(name="Steunpunt Beekdal", slug="steunpunt-beekdal")
    with pytest.raises(SupportError):
        services.prospect_save(support_organisation=other, prospect=prospect, fields={"name": "X"})


def test_deleting_an_employer_deletes_its_contacts(prospect, advisor):
    log(prospect, advisor)
    services.prospect_delete(prospect=prospect)
    assert not Prospect.objects.exists() and not Contact.objects.exists()


# --- Reads --------------------------------------------------------------------------------------


def make(steunpunt, name, *, stage=Stage.MAPPED, owner=None, step_in=None, kind="bedrijf"):
    return Prospect.objects.create(
        support_organisation=steunpunt,
        name=name,
        stage=stage,
        owner=owner,
        kind=kind,
        next_step="Opvolgen" if step_in is not None else "",
        next_step_on=TODAY() + timedelta(days=step_in) if step_in is not None else None,
    )


def test_counts_per_stage_name_every_stage_in_order(steunpunt):
    make(steunpunt, "A", stage=Stage.APPROACHED)
    make(steunpunt, "B", stage=Stage.APPROACHED)
    make(steunpunt, "C", stage=Stage.RECOGNISED, kind=OrganisationKind.CARE)
    counts = selectors.stage_counts(support_organisation=steunpunt)
    assert [c.stage for c in counts] == list(Stage.values)
    assert {c.stage: c.count for c in counts} == {
        Stage.MAPPED: 0,
        Stage.APPROACHED: 2,
        Stage.IN_CONVERSATION: 0,
        Stage.ACTIVE: 0,
        Stage.RECOGNISED: 1,
        Stage.STOPPED: 0,
    }
    by_sector = selectors.stage_counts(support_organisation=steunpunt, kind=OrganisationKind.CARE)
    assert sum(c.count for c in by_sector) == 1


def test_the_pipeline_is_sorted_by_next_step_with_the_undated_last(steunpunt, advisor):
    make(steunpunt, "Zonder stap")
    make(steunpunt, "Later", step_in=10)
    make(steunpunt, "Eerst", step_in=-2)
    names = [p.name for p in selectors.prospects_filtered(support_organisation=steunpunt)]
    assert names == ["Eerst", "Later", "Zonder stap"]


def test_the_pipeline_filters_by_stage_owner_and_sector(steunpunt, advisor):
    make(steunpunt, "Mijn zorg", owner=advisor, kind=OrganisationKind.CARE)
    make(steunpunt, "Niemands bedrijf", stage=Stage.APPROACHED)

    def names(**filters):
        prospects = selectors.prospects_filtered(support_organisation=steunpunt, **filters)
        return [p.name for p in prospects]

    assert names(owner=str(advisor.pk)) == ["Mijn zorg"]
    assert names(owner=selectors.NO_OWNER) == ["Niemands bedrijf"]
    assert names(stage=Stage.APPROACHED) == ["Niemands bedrijf"]
    assert names(kind=OrganisationKind.CARE) == ["Mijn zorg"]


def test_follow_ups_are_due_overdue_or_coming_within_14_days(steunpunt, advisor):
    colleague = make_support_member(steunpunt, "collega@steunpunt-aland.example")
    make(steunpunt, "Mijn achterstand", owner=advisor, step_in=-3)
    make(steunpunt, "Mijn vandaag", owner=advisor, step_in=0)
    make(steunpunt, "Collega vandaag", owner=colleague, step_in=0)
    make(steunpunt, "Niemand", step_in=-1)
    make(steunpunt, "Collega over 14", owner=colleague, step_in=14)
    make(steunpunt, "Mijn over 10", owner=advisor, step_in=10)
    make(steunpunt, "Over 15", owner=advisor, step_in=15)
    make(steunpunt, "Gestopt", owner=advisor, stage=Stage.STOPPED, step_in=-1)
    ups = selectors.follow_ups(support_organisation=steunpunt, user=advisor, today=TODAY())
    assert [p.name for p in ups.mine] == ["Mijn achterstand", "Mijn vandaag"]
    assert [p.name for p in ups.colleagues] == ["Niemand", "Collega vandaag"]
    assert [p.name for p in ups.coming] == ["Mijn over 10", "Collega over 14"]
    assert ups.due_count == 4


def test_follow_ups_of_another_support_organisation_never_show(steunpunt, advisor):
    from support.models import SupportOrganisation

    other = SupportOrganisation.objects.create(name="Steunpunt Beekdal", slug="steunpunt-beekdal")
    make(other, "Van de buren", owner=advisor, step_in=0)
    ups = selectors.follow_ups(support_organisation=steunpunt, user=advisor, today=TODAY())
    assert ups.due_count == 0 and ups.coming == []


def test_waiting_invitations_are_the_employers_own(steunpunt, org_a, org_b, hr_a):
    from support.services import following_invite

    following_invite(organisation=org_a, support_organisation=steunpunt, by=hr_a)
    follow(steunpunt, org_b)
    awaiting = list(selectors.awaiting_followings(steunpunt))
    assert [(f.organisation, f.state) for f in awaiting] == [(org_a, FollowingState.INVITED)]
    assert Organisation.objects.count() == 2
