"""`manage.py seed_demo` gives the demo a carer support organisation, Steunpunt Mantelzorg
Voorbeeldregio, that follows Gemeente Voorbeeldstad and six more employers, with a pipeline, an
offer per pillar and closed monitors enough for the pooled reference figures."""

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from monitor.models import Campaign, Snapshot
from monitor.pooling import platform_reference_for, pooled_figures
from pillars.models import ItemProgress, ProgressChange
from programme.models import Action, Membership, Organisation, PillarKey
from recognition.models import Recognition, RecognitionStatus
from support import demo
from support.models import (
    Contact,
    ContactKind,
    EmployerInvitation,
    Following,
    FollowingEvent,
    FollowingEventKind,
    FollowingState,
    Offering,
    OfferingUptake,
    Prospect,
    Stage,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)
from support.pipeline_services import contact_delete
from support.services import following_accept, following_end
from tests.conftest import with_second_factor

SLUG = demo.SUPPORT_ORGANISATION["slug"]
VOORBEELDSTAD = "gemeente-voorbeeldstad"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def steunpunt(db, settings) -> SupportOrganisation:
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed()
    return SupportOrganisation.objects.get(slug=SLUG)


def _followed(steunpunt) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            followings__support_organisation=steunpunt, followings__state=FollowingState.ACTIVE
        )
    )


def test_the_steunpunt_has_its_advisor_and_coordinator_and_nothing_else(steunpunt):
    assert steunpunt.name == "Steunpunt Mantelzorg Voorbeeldregio"
    assert steunpunt.commissioned_by == "Gemeente Voorbeeldstad"
    assert {"Voorbeeldstad", "Rivierdal", "Heuvelland"} <= set(steunpunt.region_list)
    assert "werkgevers" in steunpunt.goal
    members = {
        m.user.email: (m.role, m.user.full_name)
        for m in steunpunt.memberships.select_related("user")
    }
    assert members == {
        "advisor@example.org": (SupportRole.ADVISOR, "Ingrid Mulder"),
        "coordinator@example.org": (SupportRole.COORDINATOR, "Jeroen Smit"),
    }
    for email in members:
        user = User.objects.get(email=email)
        assert user.check_password("demo")
        # She reads employers through the steunpunt's following, never as their member.
        assert not Membership.objects.filter(user=user).exists()
        assert SupportMembership.objects.filter(user=user).count() == 1


def test_it_follows_voorbeeldstad_and_six_more_employers_each_with_a_closed_2025_monitor(
    steunpunt,
):
    followed = _followed(steunpunt)

    assert VOORBEELDSTAD in {o.slug for o in followed}
    assert len(followed) >= 7
    assert len({o.kind for o in followed}) >= 4
    assert len({o.employee_count for o in followed}) == len(followed)  # sizes differ
    respondents = {}
    for organisation in followed:
        snapshot = Snapshot.objects.get(campaign__organisation=organisation)
        assert snapshot.created_on.year == 2025 and snapshot.created_on.month in (10, 11)
        respondents[organisation.slug] = snapshot.response_count
        # Its HR advisor logs in with the demo password like the others.
        hr = organisation.memberships.get(role="hr").user
        assert hr.email.startswith("hr@") and hr.check_password("demo")
    others = {slug: n for slug, n in respondents.items() if slug != VOORBEELDSTAD}
    assert all(30 <= n <= 120 for n in others.values()), others
    assert max(respondents.values()) < sum(respondents.values()) / 2


def test_every_start_is_recorded_and_one_employer_waits_for_an_answer(steunpunt):
    for following in Following.objects.filter(support_organisation=steunpunt):
        kinds = list(following.events.values_list("kind", flat=True))
        if following.state == FollowingState.ACTIVE:
            assert kinds[-1] == FollowingEventKind.ACCEPTED
            assert kinds[0] in (FollowingEventKind.INVITED, FollowingEventKind.REQUESTED)
            assert following.started_at == following.events.get(kind="accepted").at
            assert following.started_at.year in (2024, 2025)
        else:
            assert following.state == FollowingState.INVITED
            assert kinds == [FollowingEventKind.INVITED]
    waiting = Following.objects.get(support_organisation=steunpunt, state=FollowingState.INVITED)
    assert waiting.organisation.name == "Woonstichting De Rivier"
    assert waiting.events.get().by.email == "hr@derivier.example.org"


def test_the_followed_employers_stand_at_different_stages(steunpunt):
    followed = _followed(steunpunt)
    done = {
        o.slug: ItemProgress.objects.filter(organisation=o, status="gereed").count()
        for o in followed
    }
    assert len(set(done.values())) >= 5  # from just started to all done
    recognitions = {r.organisation.slug: r for r in Recognition.objects.all()}
    linde = recognitions["zorggroep-de-linde"]
    assert linde.status == RecognitionStatus.RECOGNISED
    assert linde.valid_until and linde.renewal_due
    assert recognitions["gemeente-rivierdal"].status == RecognitionStatus.APPLIED
    for organisation in followed:
        actions = organisation.actions.all()
        assert actions.filter(status="gereed").exists(), organisation
        assert actions.exclude(status__in=["gereed", "vervallen"]).exists(), organisation
    stages = dict(
        Prospect.objects.filter(organisation__in=followed).values_list(
            "organisation__slug", "stage"
        )
    )
    assert len(stages) == len(followed)
    assert set(stages.values()) == {Stage.ACTIVE, Stage.RECOGNISED}
    assert stages["zorggroep-de-linde"] == stages[VOORBEELDSTAD] == Stage.RECOGNISED


def test_the_pooled_figures_over_the_followed_employers_publish(steunpunt):
    followed = _followed(steunpunt)
    figures = pooled_figures(
        organisations=followed, closed_from=date(2025, 1, 1), closed_to=date(2025, 12, 31)
    )
    published = [f for f in figures if f.is_published]

    assert len(published) >= 5
    assert all(f.organisations >= 5 and f.respondents >= 50 for f in published)
    # And the platform's reference of 2025 reaches Voorbeeldstad's results page.
    voorbeeldstad = Organisation.objects.get(slug=VOORBEELDSTAD)
    reference = platform_reference_for(
        organisation=voorbeeldstad, year=2025, today=date(2026, 11, 23)
    )
    assert "carer-share" in reference
    closed = Campaign.objects.get(organisation=voorbeeldstad, closed_on__isnull=False)
    client = Client()
    # The demo's HR advisors need a second step: this one has set up an authenticator app.
    client.force_login(with_second_factor(User.objects.get(email="hr@example.org")))
    page = client.get(
        reverse("monitor:results", kwargs={"slug": VOORBEELDSTAD, "pk": closed.pk})
    ).content.decode()
    assert 'class="pooled-reference">' in page
    assert f"{reference['carer-share'].figure.percentage:.0f}%" in page


def test_the_pipeline_has_every_stage_contacts_of_every_kind_and_due_follow_ups(steunpunt):
    today = timezone.localdate()
    prospects = list(steunpunt.prospects.all())
    off_platform = [p for p in prospects if p.organisation_id is None]

    assert {p.stage for p in prospects} == set(Stage.values)
    assert {p.stage for p in off_platform} == {
        Stage.MAPPED,
        Stage.APPROACHED,
        Stage.IN_CONVERSATION,
        Stage.STOPPED,
    }
    for prospect in off_platform:
        assert prospect.target_group and prospect.aim and prospect.benefit, prospect
    contacts = Contact.objects.filter(prospect__support_organisation=steunpunt)
    assert set(contacts.values_list("kind", flat=True)) == set(ContactKind.values)
    assert all(c.notes for c in contacts)
    assert not contacts.filter(on__gt=today).exists()
    # Due follow-ups on the start page, whatever day the demo is seeded: overdue and today.
    due = [p for p in prospects if p.next_step and p.next_step_on and p.next_step_on <= today]
    assert any(p.next_step_on < today for p in due)
    assert any(p.next_step_on == today for p in due)
    assert any(p.next_step_on > today for p in prospects if p.next_step_on)
    # Each prospect's next step is that of its latest contact.
    for prospect in prospects:
        latest = prospect.contacts.order_by("-on", "-pk").first()
        if latest is not None:
            assert (prospect.next_step, prospect.next_step_on) == (
                latest.next_step,
                latest.next_step_on,
            )
    # One employer is ready to be invited: in conversation, an address, no invitation yet.
    ready = [p for p in off_platform if p.stage == Stage.IN_CONVERSATION and p.contact_email]
    assert any(not EmployerInvitation.objects.filter(prospect=p).exists() for p in ready)


def test_the_offer_covers_every_pillar_and_two_employers_took_one_up(steunpunt):
    offered = Offering.objects.filter(support_organisation=steunpunt, is_active=True)

    assert set(offered.values_list("pillar", flat=True)) == set(PillarKey.values)
    assert {
        "Lunchbijeenkomst voor werkende mantelzorgers",
        "Spreekuur mantelzorgbeleid",
        "Training voor leidinggevenden: het gesprek over mantelzorg",
        "Workshop Dag van de Mantelzorg organiseren",
    } <= set(offered.values_list("title", flat=True))
    uptakes = OfferingUptake.objects.filter(offering__support_organisation=steunpunt)
    assert uptakes.count() == 2
    for uptake in uptakes.select_related("action", "offering"):
        assert uptake.action.title == uptake.offering.title
        assert uptake.action.partner == steunpunt.name
        assert uptake.action.organisation_id == uptake.organisation_id
    lunch = uptakes.get(organisation__slug="gemeente-rivierdal").action
    assert (lunch.year, lunch.status) == (2026, "gereed")


def _state() -> dict:
    """Everything the support step writes, as it must come out of every run."""
    return {
        "support": list(SupportOrganisation.objects.values()),
        "members": list(SupportMembership.objects.values()),
        "users": list(User.objects.order_by("pk").values("pk", "email", "full_name")),
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "followings": list(Following.objects.order_by("pk").values()),
        "events": list(FollowingEvent.objects.order_by("pk").values()),
        "prospects": list(Prospect.objects.order_by("pk").values()),
        "contacts": list(Contact.objects.order_by("pk").values()),
        "offerings": list(Offering.objects.order_by("pk").values()),
        "uptakes": list(OfferingUptake.objects.order_by("pk").values()),
        "actions": list(
            Action.objects.exclude(organisation__slug=VOORBEELDSTAD)
            .order_by("pk")
            .values("pk", "title", "year", "status", "planned_date", "completed_date")
        ),
        "progress": list(ItemProgress.objects.order_by("pk").values()),
        "changes": ProgressChange.objects.count(),
        "recognitions": list(
            Recognition.objects.exclude(organisation__slug=VOORBEELDSTAD).order_by("pk").values()
        ),
        # Voorbeeldstad's own closed campaign is made anew each run by the monitor's demo.
        "campaigns": list(
            Campaign.objects.exclude(organisation__slug=VOORBEELDSTAD)
            .order_by("pk")
            .values("pk", "key", "title", "closed_on", "snapshot__response_count")
        ),
    }


def test_running_it_twice_changes_nothing(steunpunt):
    before = _state()

    output = seed()

    assert _state() == before
    assert "support: Steunpunt Mantelzorg Voorbeeldregio" in output
    assert "advisor@example.org" in output and "coordinator@example.org" in output


def test_running_it_again_undoes_what_a_demo_user_did(steunpunt):
    advisor = User.objects.get(email="advisor@example.org")
    rivierdal = Following.objects.get(
        support_organisation=steunpunt, organisation__slug="gemeente-rivierdal"
    )
    following_end(following=rivierdal, by=advisor)
    waiting = Following.objects.get(support_organisation=steunpunt, state=FollowingState.INVITED)
    following_accept(following=waiting, by=advisor)
    prospect = steunpunt.prospects.get(name="Heuvelland Logistiek")
    contact_delete(contact=prospect.contacts.order_by("-on").first())

    seed()

    states = Counter(
        Following.objects.filter(support_organisation=steunpunt).values_list("state", flat=True)
    )
    assert states == {FollowingState.ACTIVE: 7, FollowingState.INVITED: 1}
    assert Following.objects.get(
        support_organisation=steunpunt, organisation__slug="gemeente-rivierdal"
    ).is_active
    prospect.refresh_from_db()
    assert prospect.contacts.count() == 2
    assert prospect.next_step_on < timezone.localdate()


def test_seeded_on_a_later_day_the_follow_ups_move_along(steunpunt, monkeypatch):
    contacts = Contact.objects.count()
    later = timezone.localdate() + timedelta(days=40)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)

    seed()

    assert Contact.objects.count() == contacts
    overdue = steunpunt.prospects.get(name="Heuvelland Logistiek")
    assert overdue.next_step_on == later - timedelta(days=6)
    assert steunpunt.prospects.filter(next_step_on=later).exists()
    assert Following.objects.get(state=FollowingState.INVITED).created_at.date() == later - (
        timedelta(days=demo.INVITED_DAYS_AGO)
    )


def test_the_advisor_logs_in_and_lands_on_the_steunpunts_start_page(steunpunt):
    client = Client()

    response = client.post(
        reverse("account_login"),
        {"login": "advisor@example.org", "password": "demo"},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("support:start", args=[SLUG])
