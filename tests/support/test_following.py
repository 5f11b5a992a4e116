"""Following is the employer's choice: HR invites or accepts a request, either side ends it, and
every start and end is recorded with who did it and from which side."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from programme.models import Role
from support import services
from support.models import (
    Following,
    FollowingEventKind,
    FollowingSide,
    FollowingState,
    SupportOrganisation,
)
from support.services import SupportError
from tests.conftest import client_for, make_member, make_support_member


def org_url(name: str, organisation, **kwargs) -> str:
    return reverse(name, kwargs={"slug": organisation.slug, **kwargs})


def support_url(name: str, support: SupportOrganisation, **kwargs) -> str:
    return reverse(name, kwargs={"slug": support.slug, **kwargs})


def record(following: Following) -> list[tuple[str, str, str]]:
    return [(e.kind, e.side, e.by_name) for e in following.events.order_by("at", "pk")]


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def elders(db) -> SupportOrganisation:
    return SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Elders",
        slug="steunpunt-elders",
        region="Elders\nOverkant",
        commissioned_by="Gemeente Elders",
    )


@pytest.fixture
def elders_advisor(elders):
    return make_support_member(elders, "consulent@elders.example")


# --- The employer invites -----------------------------------------------------------------------


def test_the_invitation_page_shows_every_support_organisation_and_what_they_will_read(
    org_a, hr_client, elders, steunpunt
):
    page = english(hr_client).get(org_url("employer_support:invite", org_a)).content.decode()
    for support in (elders, steunpunt):
        assert support.name in page
    assert "serves Elders, Overkant" in page and "commissioned by Gemeente Elders" in page
    assert "They never see drafts" in page and "can end it at any time" in page


def test_invite_then_accept_starts_the_following_and_records_both(
    org_a, hr_a, hr_client, elders, elders_advisor
):
    response = hr_client.post(
        org_url("employer_support:invite", org_a), {"support_organisation": elders.pk}
    )
    assert response.status_code == 302
    following = Following.objects.get(support_organisation=elders, organisation=org_a)
    assert following.state == FollowingState.INVITED
    advisor = client_for(elders_advisor)
    assert advisor.get(org_url("pillars:overview", org_a)).status_code == 404  # not yet

    # The support organisation sees the invitation and accepts it.
    listing = advisor.get(support_url("support:followings", elders)).content.decode()
    assert support_url("support:following_accept", elders, pk=following.pk) in listing
    advisor.post(support_url("support:following_accept", elders, pk=following.pk))
    following.refresh_from_db()
    assert following.state == FollowingState.ACTIVE and following.started_at is not None
    assert record(following) == [
        (FollowingEventKind.INVITED, FollowingSide.EMPLOYER, hr_a.display_name),
        (FollowingEventKind.ACCEPTED, FollowingSide.SUPPORT, elders_advisor.display_name),
    ]
    assert advisor.get(org_url("pillars:overview", org_a)).status_code == 200

    # The employer's overview lists it as reading along, with its record.
    overview = hr_client.get(org_url("employer_support:overview", org_a))
    assert overview.context["followings"].active == [following]
    assert org_url("employer_support:end", org_a, pk=following.pk) in overview.content.decode()


def test_inviting_a_support_organisation_that_already_follows_is_a_clear_error(
    org_a, hr_client, advisor_a, steunpunt
):
    response = english(hr_client).post(
        org_url("employer_support:invite", org_a), {"support_organisation": steunpunt.pk}
    )
    assert response.status_code == 200
    assert "already follows" in response.content.decode()
    assert Following.objects.filter(organisation=org_a).count() == 1


@pytest.mark.parametrize("value", ["", "abc", "2000000000", "99999999999999999999999"])
def test_a_bad_choice_on_the_invitation_form_is_an_error_not_a_500(org_a, hr_client, value):
    response = hr_client.post(
        org_url("employer_support:invite", org_a), {"support_organisation": value}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Following.objects.exists()


def test_the_support_organisation_declines_an_invitation(org_a, hr_a, elders, elders_advisor):
    following = services.following_invite(organisation=org_a, support_organisation=elders, by=hr_a)
    client_for(elders_advisor).post(
        support_url("support:following_decline", elders, pk=following.pk)
    )
    following.refresh_from_db()
    assert following.state == FollowingState.ENDED and following.started_at is None
    assert record(following)[-1] == (
        FollowingEventKind.DECLINED,
        FollowingSide.SUPPORT,
        elders_advisor.display_name,
    )


def test_an_employer_cannot_accept_its_own_invitation(org_a, hr_a, hr_client, elders):
    following = services.following_invite(organisation=org_a, support_organisation=elders, by=hr_a)
    for name in ("employer_support:accept", "employer_support:decline"):
        response = hr_client.post(org_url(name, org_a, pk=following.pk))
        assert response.status_code == 302
        following.refresh_from_db()
        assert following.state == FollowingState.INVITED
        assert messages_of(response)  # said, not a 500


def test_a_support_organisation_cannot_accept_its_own_request(org_a, elders, elders_advisor):
    following = services.following_request(
        support_organisation=elders, organisation=org_a, by=elders_advisor
    )
    client = client_for(elders_advisor)
    for name in ("support:following_accept", "support:following_decline"):
        client.post(support_url(name, elders, pk=following.pk))
        following.refresh_from_db()
        assert following.state == FollowingState.REQUESTED
    with pytest.raises(SupportError):
        services.following_accept(
            following=following, by=elders_advisor, side=FollowingSide.SUPPORT
        )


# --- The employer answers a request -------------------------------------------------------------


def test_hr_accepts_a_request(org_a, hr_a, hr_client, elders, elders_advisor):
    following = services.following_request(
        support_organisation=elders, organisation=org_a, by=elders_advisor
    )
    overview = hr_client.get(org_url("employer_support:overview", org_a))
    assert overview.context["followings"].requested == [following]
    assert org_url("employer_support:accept", org_a, pk=following.pk) in overview.content.decode()
    hr_client.post(org_url("employer_support:accept", org_a, pk=following.pk))
    following.refresh_from_db()
    assert following.state == FollowingState.ACTIVE
    assert record(following) == [
        (FollowingEventKind.REQUESTED, FollowingSide.SUPPORT, elders_advisor.display_name),
        (FollowingEventKind.ACCEPTED, FollowingSide.EMPLOYER, hr_a.display_name),
    ]


def test_hr_declines_a_request(org_a, hr_a, hr_client, elders, elders_advisor):
    following = services.following_request(
        support_organisation=elders, organisation=org_a, by=elders_advisor
    )
    hr_client.post(org_url("employer_support:decline", org_a, pk=following.pk))
    following.refresh_from_db()
    assert following.state == FollowingState.ENDED
    assert record(following)[-1] == (
        FollowingEventKind.DECLINED,
        FollowingSide.EMPLOYER,
        hr_a.display_name,
    )
    assert client_for(elders_advisor).get(org_url("pillars:overview", org_a)).status_code == 404


def test_managers_read_the_overview_and_change_nothing_and_followers_not_at_all(
    org_a, manager_a, advisor_a, steunpunt
):
    following = Following.objects.get(organisation=org_a)
    manager = client_for(manager_a)
    page = manager.get(org_url("employer_support:overview", org_a))
    assert page.status_code == 200 and steunpunt.name in page.content.decode()
    assert org_url("employer_support:end", org_a, pk=following.pk) not in page.content.decode()
    assert manager.get(org_url("employer_support:invite", org_a)).status_code == 403
    assert manager.post(org_url("employer_support:end", org_a, pk=following.pk)).status_code == 403
    assert client_for(advisor_a).get(org_url("employer_support:overview", org_a)).status_code == 403


# --- Either side ends it ----------------------------------------------------------------------


def test_hr_ends_after_a_confirmation_that_says_what_ends(
    org_a, hr_a, hr_client, advisor_a, steunpunt
):
    following = Following.objects.get(organisation=org_a)
    url = org_url("employer_support:end", org_a, pk=following.pk)
    page = english(hr_client).get(url).content.decode()
    assert steunpunt.name in page and "reach none of your pages" in page
    following.refresh_from_db()
    assert following.state == FollowingState.ACTIVE  # the GET only asks
    hr_client.post(url)
    following.refresh_from_db()
    assert following.state == FollowingState.ENDED and following.ended_at is not None
    assert record(following)[-1] == (
        FollowingEventKind.ENDED,
        FollowingSide.EMPLOYER,
        hr_a.display_name,
    )
    # The record stays on the overview; ending again is said, not a 500.
    overview = hr_client.get(org_url("employer_support:overview", org_a))
    assert overview.context["followings"].record == [following]
    assert hr_client.post(url).status_code == 302


def test_the_support_organisation_ends_and_it_is_recorded_with_who(org_a, advisor_a, steunpunt):
    following = Following.objects.get(organisation=org_a)
    client = client_for(advisor_a)
    url = support_url("support:following_end", steunpunt, pk=following.pk)
    assert client.get(url).status_code == 200
    client.post(url)
    following.refresh_from_db()
    assert following.state == FollowingState.ENDED
    assert record(following)[-1] == (
        FollowingEventKind.ENDED,
        FollowingSide.SUPPORT,
        advisor_a.display_name,
    )
    listing = client.get(support_url("support:followings", steunpunt))
    assert listing.context["followings"] == [following]  # kept as the record


def test_a_new_period_after_the_end_is_a_new_following(org_a, hr_a, advisor_a, steunpunt):
    first = Following.objects.get(organisation=org_a)
    services.following_end(following=first, by=hr_a, side=FollowingSide.EMPLOYER)
    again = services.following_invite(organisation=org_a, support_organisation=steunpunt, by=hr_a)
    assert again.pk != first.pk and again.state == FollowingState.INVITED
    first.refresh_from_db()
    assert first.state == FollowingState.ENDED


def test_a_following_of_another_employer_or_support_organisation_is_404(
    org_a, org_b, hr_b, hr_client, elders, elders_advisor, advisor_a, steunpunt
):
    theirs = services.following_request(
        support_organisation=elders, organisation=org_b, by=elders_advisor
    )
    for name in ("employer_support:accept", "employer_support:decline", "employer_support:end"):
        assert hr_client.post(org_url(name, org_a, pk=theirs.pk)).status_code == 404
    ours = Following.objects.get(organisation=org_a, support_organisation=steunpunt)
    for name in ("support:following_accept", "support:following_decline", "support:following_end"):
        url = support_url(name, elders, pk=ours.pk)
        assert client_for(elders_advisor).post(url).status_code == 404
    ours.refresh_from_db()
    assert ours.state == FollowingState.ACTIVE


# --- Asking by an HR advisor's address ----------------------------------------------------------


def _ask(user, support, email: str):
    """One request, from a fresh session so that its answer stands alone."""
    return client_for(user).post(
        support_url("support:following_request", support), {"email": email}
    )


def _answer(response, email: str) -> tuple:
    """What the support advisor learns: where it goes and what it says (the address they typed
    itself taken out)."""
    said = [text.replace(email, "<address>") for text in messages_of(response)]
    return response.status_code, response["Location"], said


def test_asking_gives_the_same_answer_for_a_known_and_an_unknown_address(
    org_a, org_b, hr_b, elders, elders_advisor, manager_a
):
    client = client_for(elders_advisor)
    unknown = _answer(
        _ask(elders_advisor, elders, "niemand@nergens.example"), "niemand@nergens.example"
    )
    manager = _answer(_ask(elders_advisor, elders, manager_a.email), manager_a.email)
    known = _answer(_ask(elders_advisor, elders, hr_b.email), hr_b.email)
    again = _answer(_ask(elders_advisor, elders, hr_b.email), hr_b.email)  # already asked
    assert unknown == manager == known == again
    # Only the HR advisor's address asked its employer, and once.
    asked = Following.objects.get(support_organisation=elders)
    assert asked.organisation == org_b and asked.state == FollowingState.REQUESTED
    # The support organisation's own list does not tell either: an unanswered request is not on it.
    listing = client.get(support_url("support:followings", elders))
    assert listing.context["followings"] == [] and org_b.name not in listing.content.decode()
    # The employer's HR advisors see it on their overview.
    overview = client_for(hr_b).get(org_url("employer_support:overview", org_b))
    assert overview.context["followings"].requested == [asked]


def test_a_declined_request_stays_unknown_to_the_support_organisation(
    org_b, hr_b, elders, elders_advisor
):
    client = client_for(elders_advisor)
    _ask(elders_advisor, elders, hr_b.email)
    asked = Following.objects.get(support_organisation=elders)
    client_for(hr_b).post(org_url("employer_support:decline", org_b, pk=asked.pk))
    listing = client.get(support_url("support:followings", elders))
    assert listing.context["followings"] == [] and org_b.name not in listing.content.decode()


def test_asking_finds_the_address_in_any_spelling(org_b, hr_b, elders, elders_advisor):
    _ask(elders_advisor, elders, "  HR@Beekdal.EXAMPLE ")
    assert Following.objects.get(support_organisation=elders).organisation == org_b


def test_an_address_of_hr_in_two_organisations_asks_nobody(
    org_a, org_b, hr_b, elders, elders_advisor
):
    from programme.models import Membership

    Membership.objects.create(user=hr_b, organisation=org_a, role=Role.HR)
    _ask(elders_advisor, elders, hr_b.email)
    assert not Following.objects.filter(support_organisation=elders).exists()
    assert (
        services.following_request_by_email(
            support_organisation=elders, email=hr_b.email, by=elders_advisor
        )
        is None
    )


def test_a_malformed_address_is_an_error_on_the_form(elders, elders_advisor):
    response = _ask(elders_advisor, elders, "geen adres")
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not Following.objects.exists()


def test_a_manager_of_an_employer_is_never_asked(org_a, elders, elders_advisor):
    manager = make_member(org_a, "leidinggevende@aland.example", Role.MANAGER)
    _ask(elders_advisor, elders, manager.email)
    assert not Following.objects.exists()
