"""The follower's boundary: a support advisor reads the published programme of the employers its
support organisation follows, and nothing else.

An employer it does not follow does not exist for it (404); ending the following shuts every page
of the employer at once; drafts and unpublished work never appear on a page a follower opens.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from monitor.models import Campaign
from monitor.questionnaire import Q_DEPARTMENT
from recognition import services as letter_services
from support.models import Following, FollowingState, SupportOrganisation
from tests.conftest import client_for, follow, make_support_member
from tests.monitor.conftest import close, make_campaign, submit
from tests.monitor.test_results_page import CARER, FREE_TEXT
from tests.recognition.conftest import compose, sign
from tests.role_matrix import ADVISOR, ROLE_MATRIX
from tests.test_url_walker import ORG_ROUTES, build_world, url_for


def org_url(name: str, organisation, **kwargs) -> str:
    return reverse(name, kwargs={"slug": organisation.slug, **kwargs})


# --- Only the employers that follow it ---------------------------------------------------------


def test_a_support_advisor_reads_only_the_employers_its_organisation_follows(
    org_a, org_b, advisor_a, steunpunt
):
    client = client_for(advisor_a)
    assert client.get(org_url("pillars:overview", org_a)).status_code == 200
    # Another employer, followed by another support organisation, asked or once followed by
    # this one: it does not exist for the advisor.
    other = SupportOrganisation.objects.create(name="Steunpunt Elders", slug="elders")
    follow(other, org_b)
    for state in (FollowingState.REQUESTED, FollowingState.INVITED):
        asked = Following.objects.create(
            support_organisation=steunpunt, organisation=org_b, state=state
        )
        for name in ("programme:organisation", "pillars:overview", "programme:actions"):
            assert client.get(org_url(name, org_b)).status_code == 404, (state, name)
        asked.delete()


def test_the_advisor_of_another_support_organisation_reads_nothing_of_the_employer(
    org_a, advisor_a
):
    elsewhere = SupportOrganisation.objects.create(name="Steunpunt Elders", slug="elders")
    stranger = make_support_member(elsewhere, "adviseur@elders.example")
    client = client_for(stranger)
    for name in ("programme:organisation", "pillars:overview", "recognition:readiness"):
        assert client.get(org_url(name, org_a)).status_code == 404


# --- Ending shuts every page at once ------------------------------------------------------------


def _readable_by_followers(route) -> bool:
    row = ROLE_MATRIX[route.name]
    return ADVISOR in row.read and ADVISOR not in row.not_found


@pytest.fixture
def walker_world(org_a, hr_a, manager_a, advisor_a, make_action):
    return build_world(org_a, hr=hr_a, manager=manager_a, make_action=make_action)


def test_ending_the_following_makes_every_url_of_the_employer_404_at_once(walker_world, advisor_a):
    client = client_for(advisor_a)
    client.raise_request_exception = False
    readable = [route for route in ORG_ROUTES if _readable_by_followers(route)]
    assert {"pillars:overview", "programme:actions", "recognition:readiness"} <= {
        route.name for route in readable
    }
    for route in readable:  # the positive control: these open before the end
        url = url_for(route, walker_world)
        assert client.get(url).status_code == 200, url

    following = walker_world["following"]
    end_url = reverse(
        "support:following_end",
        kwargs={"slug": walker_world["steunpunt"].slug, "pk": following.pk},
    )
    assert client.post(end_url).status_code == 302
    following.refresh_from_db()
    assert following.state == FollowingState.ENDED

    wrong = []
    for route in ORG_ROUTES:
        url = url_for(route, walker_world)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status != 404:
                wrong.append(f"{method.upper()} {url}: {status}")
    assert wrong == []


def test_ending_by_the_employer_shuts_the_pages_too(org_a, hr_a, advisor_a, steunpunt):
    following = Following.objects.get(support_organisation=steunpunt, organisation=org_a)
    advisor = client_for(advisor_a)
    assert advisor.get(org_url("pillars:overview", org_a)).status_code == 200
    response = client_for(hr_a).post(org_url("employer_support:end", org_a, pk=following.pk))
    assert response.status_code == 302
    for name in ("pillars:overview", "programme:organisation", "recognition:letter_list"):
        assert advisor.get(org_url(name, org_a)).status_code == 404


# --- Nothing unpublished ------------------------------------------------------------------------


def _answers() -> dict:
    return {code: options for code, options in CARER.items() if code != Q_DEPARTMENT}


def _campaign_with_texts(organisation, *, closed: bool) -> Campaign:
    today = timezone.localdate()
    campaign = make_campaign(
        organisation,
        title="Monitor gesloten" if closed else "Monitor loopt",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=10),
    )
    for index in range(12):
        assert submit(campaign, _answers(), {11: f"{FREE_TEXT} ({index})"}, today=today)
    return close(campaign, today=today) if closed else campaign


def test_an_open_campaign_does_not_exist_for_a_follower(org_a, advisor_a, manager_a):
    running = _campaign_with_texts(org_a, closed=False)
    for name, extra in (
        ("monitor:results", {}),
        ("monitor:results_export", {"file_format": "csv"}),
    ):
        url = org_url(name, org_a, pk=running.pk, **extra)
        assert client_for(manager_a).get(url).status_code == 200  # members see its progress
        assert client_for(advisor_a).get(url).status_code == 404
        assert client_for(advisor_a).post(url).status_code == 404


def test_a_campaign_past_its_last_day_stays_hidden_and_open_until_a_member_closes_it(
    org_a, advisor_a
):
    """A follower's request never closes a campaign: closing is the organisation's."""
    running = _campaign_with_texts(org_a, closed=False)
    today = timezone.localdate()
    Campaign.objects.filter(pk=running.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    url = org_url("monitor:results", org_a, pk=running.pk)
    assert client_for(advisor_a).get(url).status_code == 404
    running.refresh_from_db()
    assert running.closed_on is None


def test_a_follower_reads_closed_results_but_never_the_written_answers(
    org_a, hr_a, manager_a, advisor_a
):
    closed = _campaign_with_texts(org_a, closed=True)
    sharing = org_url("monitor:free_texts_sharing", org_a, pk=closed.pk)
    assert client_for(hr_a).post(sharing, {"share": "1"}).status_code == 302
    url = org_url("monitor:results", org_a, pk=closed.pk)
    assert FREE_TEXT in client_for(manager_a).get(url).content.decode()  # shared with managers
    response = client_for(advisor_a).get(url)
    page = response.content.decode()
    assert response.status_code == 200 and response.context["summary"].is_publishable
    assert FREE_TEXT not in page and 'id="free-texts"' not in page
    assert response.context["free_texts"] == []
    # Its breadcrumbs name the campaign pages without linking to them: they are not for followers.
    assert f'href="{org_url("monitor:campaign_list", org_a)}"' not in page
    export = client_for(advisor_a).get(
        org_url("monitor:results_export", org_a, pk=closed.pk, file_format="csv")
    )
    assert export.status_code == 200 and FREE_TEXT.encode() not in export.content


def test_draft_letters_never_appear_and_issued_ones_do(org_a, hr_a, advisor_a):
    issued = letter_services.letter_issue(letter=sign(compose(org_a)), by=hr_a)
    draft = compose(org_a, year=2026)
    client = client_for(advisor_a)
    listing = client.get(org_url("recognition:letter_list", org_a))
    assert list(listing.context["letters"]) == [issued]
    page = listing.content.decode()
    assert org_url("recognition:letter_detail", org_a, pk=issued.pk) in page
    assert org_url("recognition:letter_detail", org_a, pk=draft.pk) not in page
    for name in ("recognition:letter_detail", "recognition:letter_pdf", "recognition:letter_docx"):
        assert client.get(org_url(name, org_a, pk=draft.pk)).status_code == 403
        assert client.get(org_url(name, org_a, pk=issued.pk)).status_code == 200
    # The letters page offers no progress report (live data, not published work).
    assert org_url("recognition:progress_report", org_a) not in page


def test_the_draft_public_profile_never_reaches_a_follower(org_a, advisor_a, hr_client):
    client = client_for(advisor_a)
    assert client.get(org_url("recognition:profile_preview", org_a)).status_code == 403
    for viewer in (client, hr_client):
        page = viewer.get(org_url("recognition:readiness", org_a)).content.decode()
        shown = org_url("recognition:profile_preview", org_a) in page
        assert shown is (viewer is hr_client)
        assert (org_url("recognition:dossier", org_a) in page) is (viewer is hr_client)


def test_the_follower_pages_link_to_no_page_closed_to_followers(org_a, advisor_a, hr_client):
    client = client_for(advisor_a)
    overview = client.get(org_url("pillars:overview", org_a)).content.decode()
    assert org_url("pillars:mine", org_a) not in overview
    assert (
        org_url("pillars:mine", org_a)
        in hr_client.get(org_url("pillars:overview", org_a)).content.decode()
    )
    # The menu holds only what a follower may open.
    for hidden in ("programme:dashboard", "programme:members", "programme:contact_list"):
        assert f'href="{org_url(hidden, org_a)}"' not in overview, hidden
    assert f'href="{org_url("monitor:campaign_list", org_a)}"' not in overview
    assert f'href="{org_url("employer_support:overview", org_a)}"' not in overview
    assert f'href="{org_url("programme:regulation_list", org_a)}"' in overview


# --- On whose behalf --------------------------------------------------------------------------


def test_a_followers_page_says_on_whose_behalf_and_leads_back_to_the_portfolio(
    org_a, advisor_a, steunpunt, hr_client, settings
):
    settings.LANGUAGE_CODE = "nl"
    page = client_for(advisor_a).get(org_url("pillars:overview", org_a)).content.decode()
    assert f"Je kijkt mee namens {steunpunt.name}" in page
    assert f'href="{reverse("support:portfolio", args=[steunpunt.slug])}"' in page
    assert "Terug naar portefeuille" in page
    assert (
        'id="follower-notice"'
        not in hr_client.get(org_url("pillars:overview", org_a)).content.decode()
    )
