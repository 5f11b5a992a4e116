"""The public invitation page: accepting brings the employer onto the platform, followed, in one
transaction; a link works once and for 14 days; bad input changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from programme.models import Membership, Organisation, Role
from support import pipeline_services as services
from support.invitations import new_token, token_hash
from support.models import (
    EmployerInvitation,
    Following,
    FollowingEvent,
    FollowingEventKind,
    FollowingState,
    Prospect,
    Stage,
)
from support.services import SupportError, following_request
from tests.conftest import PASSWORD, client_for, make_member, make_support_member

INVITED = "hr@bakkerij.example"


@pytest.fixture
def advisor(steunpunt):
    user = make_support_member(steunpunt, "consulent@steunpunt-aland.example")
    user.full_name = "Mira Consulent"
    user.save()
    return user


@pytest.fixture
def prospect(steunpunt, advisor):
    return Prospect.objects.create(
        support_organisation=steunpunt,
        name="Bakkerij Van Dam",
        kind="bedrijf",
        employee_count=35,
        owner=advisor,
        stage=Stage.IN_CONVERSATION,
    )


def invite(prospect, *, email=INVITED, expires_in=timedelta(days=14), by=None):
    token = new_token()
    invitation = EmployerInvitation.objects.create(
        prospect=prospect,
        email=email,
        full_name="Els van Dam",
        token_hash=token_hash(token),
        sent_at=timezone.now(),
        expires_at=timezone.now() + expires_in,
        invited_by=by or prospect.owner,
    )
    return invitation, token


def link(token: str) -> str:
    return reverse("support_public:invitation", kwargs={"token": token})


def new_employer(**overrides):
    data = {
        "full_name": "Els van Dam",
        "password1": "Mantelzorg-werkt-2026!",
        "password2": "Mantelzorg-werkt-2026!",
        "organisation_name": "Bakkerij Van Dam",
        "kind": "bedrijf",
        "employee_count": "35",
    }
    return {**data, **overrides}


def counts():
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        Following.objects.count(),
        FollowingEvent.objects.count(),
    )


def test_the_page_says_who_invites_what_they_will_read_and_that_hr_ends_it(prospect):
    _invitation, token = invite(prospect)
    response = client_for(None).get(link(token))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mira Consulent van Steunpunt Mantelzorg Aland nodigt Bakkerij Van Dam uit" in page
    assert "nooit concepten" in page and "wat één medewerker in de monitor heeft geantwoord" in page
    assert "Als P&O-adviseur kun je het meekijken altijd stoppen." in page
    assert 'value="Bakkerij Van Dam"' in page  # the organisation's name, from the pipeline
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_accepting_as_a_new_visitor_creates_exactly_one_of_each(prospect, steunpunt):
    invitation, token = invite(prospect)
    before = counts()
    client = client_for(None)
    response = client.post(link(token), new_employer())
    organisation = Organisation.objects.get(name="Bakkerij Van Dam")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programme:dashboard", kwargs={"slug": organisation.slug}
    )
    assert counts() == tuple(n + 1 for n in before)
    user = User.objects.get(email=INVITED)
    assert user.full_name == "Els van Dam" and user.check_password("Mantelzorg-werkt-2026!")
    assert Membership.objects.get(organisation=organisation).user == user
    assert Membership.objects.get(organisation=organisation).role == Role.HR
    assert (organisation.kind, organisation.employee_count) == ("bedrijf", 35)
    following = Following.objects.get()
    assert (following.support_organisation, following.organisation) == (steunpunt, organisation)
    assert following.state == FollowingState.ACTIVE and following.started_at is not None
    event = following.events.get()
    assert event.kind == FollowingEventKind.ACCEPTED and event.by == user
    prospect.refresh_from_db()
    assert prospect.organisation == organisation and prospect.stage == Stage.ACTIVE
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.organisation == organisation
    # Logged in, on the new organisation's dashboard, with a word of welcome.
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    assert "kijkt nu mee met Bakkerij Van Dam" in dashboard.content.decode()


def test_a_used_link_never_works_twice(prospect):
    _invitation, token = invite(prospect)
    client_for(None).post(link(token), new_employer())
    before = counts()
    again = client_for(None)
    response = again.get(link(token))
    assert response.status_code == 404
    assert "Deze uitnodigingslink werkt niet" in response.content.decode()
    second = again.post(link(token), new_employer(full_name="Iemand Anders"))
    assert second.status_code == 404
    assert counts() == before


def test_the_service_rereads_the_invitation_so_a_stale_copy_cannot_accept_twice(prospect):
    invitation, _token = invite(prospect)
    stale = EmployerInvitation.objects.get(pk=invitation.pk)  # read before the first accept
    services.invitation_accept(
        invitation=invitation,
        account={"full_name": "Els", "password": "Mantelzorg-werkt-2026!"},
        new_organisation={"name": "Bakkerij", "kind": "bedrijf", "employee_count": 3},
    )
    before = counts()
    with pytest.raises(SupportError):
        services.invitation_accept(
            invitation=stale,
            by=User.objects.get(email=INVITED),
            new_organisation={"name": "Bakkerij twee", "kind": "bedrijf", "employee_count": 3},
        )
    assert counts() == before


def test_an_expired_link_is_refused(prospect):
    _invitation, token = invite(prospect, expires_in=timedelta(seconds=-1))
    client = client_for(None)
    assert client.get(link(token)).status_code == 404
    before = counts()
    assert client.post(link(token), new_employer()).status_code == 404
    assert counts() == before


@pytest.mark.parametrize("token", ["onbekend", "x" * 300, "%C3%A9%00", "niet%20geldig%3F..%27"])
def test_an_unknown_link_gets_a_clear_dutch_page_never_a_500(db, token):
    client = client_for(None)
    client.raise_request_exception = False
    response = client.get(f"/uitnodiging/{token}/")
    assert response.status_code == 404
    assert "Deze uitnodigingslink werkt niet" in response.content.decode()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"password2": "iets-anders-2026!"}, "De twee wachtwoorden zijn niet gelijk."),
        ({"password1": "12345678", "password2": "12345678"}, "Wachtwoord"),
        ({"organisation_name": ""}, "Naam van je organisatie"),
        ({"employee_count": "0"}, "Aantal medewerkers"),
        ({"kind": "ruimtevaart"}, "Soort organisatie"),
        ({"full_name": ""}, "Je naam"),
    ],
)
def test_bad_input_re_renders_with_errors_and_changes_nothing(prospect, overrides, message):
    invitation, token = invite(prospect)
    before = counts()
    response = client_for(None).post(link(token), new_employer(**overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page and message in page
    assert counts() == before
    invitation.refresh_from_db()
    prospect.refresh_from_db()
    assert invitation.accepted_at is None and prospect.organisation is None
    assert prospect.stage == Stage.IN_CONVERSATION


def test_an_invited_address_with_an_account_is_asked_to_log_in_first(prospect):
    make_member(Organisation.objects.create(name="Oud", slug="oud"), INVITED, Role.MANAGER)
    _invitation, token = invite(prospect)
    client = client_for(None)
    page = client.get(link(token)).content.decode()
    assert f"Er is al een account voor {INVITED}" in page
    assert reverse("account_login") + "?next=" in page
    before = counts()
    response = client.post(link(token), new_employer())
    assert response.status_code == 200 and counts() == before


def test_logged_in_with_the_invited_address_registers_a_new_organisation(prospect):
    user = make_member(Organisation.objects.create(name="Oud", slug="oud"), INVITED, Role.MANAGER)
    _invitation, token = invite(prospect)
    client = client_for(user)
    page = client.get(link(token)).content.decode()
    assert "password1" not in page and "organisation_name" in page
    response = client.post(
        link(token),
        {"organisation_name": "Bakkerij Van Dam", "kind": "bedrijf", "employee_count": 35},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Bakkerij Van Dam")
    assert Membership.objects.get(organisation=organisation, user=user).role == Role.HR


def test_an_hr_advisor_chooses_which_of_their_organisations_to_link(prospect, steunpunt, org_a):
    hr = make_member(org_a, "hr@aland.example", Role.HR)
    second = Organisation.objects.create(name="Aland Werkt", slug="aland-werkt")
    Membership.objects.create(user=hr, organisation=second, role=Role.HR)
    managed = Organisation.objects.create(name="Alleen Manager", slug="alleen-manager")
    Membership.objects.create(user=hr, organisation=managed, role=Role.MANAGER)
    foreign = Organisation.objects.create(name="Van Een Ander", slug="van-een-ander")
    invitation, token = invite(prospect)
    client = client_for(hr)
    page = client.get(link(token)).content.decode()
    assert "Gemeente Aland" in page and "Aland Werkt" in page
    assert "Alleen Manager" not in page and "Van Een Ander" not in page
    before = counts()
    for not_theirs in (managed, foreign):  # only their own, where they are HR
        response = client.post(link(token), {"organisation": not_theirs.pk})
        assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert counts() == before
    for not_theirs in (managed, foreign):  # the service holds the rule too
        with pytest.raises(SupportError):
            services.invitation_accept(invitation=invitation, by=hr, organisation=not_theirs)
    assert counts() == before
    response = client.post(link(token), {"organisation": second.pk})
    assert response["Location"] == reverse("programme:dashboard", kwargs={"slug": second.slug})
    following = Following.objects.get()
    assert following.organisation == second and following.state == FollowingState.ACTIVE
    assert Organisation.objects.count() == before[1] and User.objects.count() == before[0]
    prospect.refresh_from_db()
    assert prospect.organisation == second


def test_linking_accepts_an_open_request_instead_of_a_second_following(prospect, steunpunt, org_a):
    hr = make_member(org_a, "hr@aland.example", Role.HR)
    request = following_request(
        support_organisation=steunpunt, organisation=org_a, by=prospect.owner
    )
    _invitation, token = invite(prospect)
    client_for(hr).post(link(token), {"organisation": org_a.pk})
    request.refresh_from_db()
    assert Following.objects.count() == 1 and request.state == FollowingState.ACTIVE
    assert list(request.events.values_list("kind", flat=True)) == ["requested", "accepted"]


def test_someone_else_logged_in_is_told_to_log_out(prospect, steunpunt):
    stranger = make_support_member(steunpunt, "ander@steunpunt-aland.example")
    _invitation, token = invite(prospect)
    client = client_for(stranger)
    page = client.get(link(token)).content.decode()
    assert "log uit en open de link opnieuw" in page
    before = counts()
    client.post(link(token), {"organisation_name": "X", "kind": "bedrijf", "employee_count": 3})
    assert counts() == before
    with pytest.raises(SupportError):  # the service holds the rule, whatever the page shows
        services.invitation_accept(
            invitation=EmployerInvitation.objects.get(),
            by=stranger,
            new_organisation={"name": "X", "kind": "bedrijf", "employee_count": 3},
        )
    assert counts() == before


def test_a_recognised_employer_stays_recognised(prospect):
    Prospect.objects.filter(pk=prospect.pk).update(stage=Stage.RECOGNISED)
    _invitation, token = invite(prospect)
    client_for(None).post(link(token), new_employer())
    prospect.refresh_from_db()
    assert prospect.stage == Stage.RECOGNISED and prospect.organisation is not None


def test_a_new_organisation_gets_a_free_address(prospect):
    Organisation.objects.create(name="Bakkerij Van Dam", slug="bakkerij-van-dam")
    _invitation, token = invite(prospect)
    client_for(None).post(link(token), new_employer())
    created = Organisation.objects.exclude(slug="bakkerij-van-dam").get(name="Bakkerij Van Dam")
    assert created.slug == "bakkerij-van-dam-2"


def test_the_new_account_logs_in_with_its_password(prospect):
    _invitation, token = invite(prospect)
    client_for(None).post(link(token), new_employer())
    login = reverse("account_login")
    wrong = client_for(None).post(login, {"login": INVITED, "password": PASSWORD})
    assert wrong.status_code == 200  # the form again, with its error
    right = client_for(None).post(
        login, {"login": INVITED, "password": "Mantelzorg-werkt-2026!"}
    )
    assert right.status_code == 302
