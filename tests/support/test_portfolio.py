"""The portfolio: which employers it holds, what it shows of them, and how it sorts and filters."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from monitor.models import Campaign
from pillars.selectors import progress_for, progress_for_many
from programme.models import Organisation, OrganisationKind
from recognition.models import Recognition, RecognitionStatus
from recognition.readiness import readiness_for, readiness_for_many
from support import services
from support.models import (
    Contact,
    ContactKind,
    Following,
    FollowingState,
    Prospect,
    SupportOrganisation,
)
from support.portfolio import (
    IN_PROGRESS,
    LAPSED,
    NOT_YET,
    RECOGNISED,
    PortfolioFilters,
    filter_rows,
    parse_sort,
    portfolio_rows,
    size_band,
    sort_rows,
)
from tests.conftest import client_for, follow, make_support_member
from tests.support.portfolio_world import closed_campaign, employer, open_campaign


def bare(name: str, **fields) -> Organisation:
    slug = name.lower().replace(" ", "-")
    return Organisation.objects.create(name=name, slug=slug, **fields)


def rows_of(support, **filters):
    rows = portfolio_rows(support_organisation=support, today=timezone.localdate())
    return filter_rows(rows, PortfolioFilters(**filters))


def names(rows) -> list[str]:
    return [row.organisation.name for row in rows]


@pytest.fixture
def advisor(steunpunt):
    return make_support_member(steunpunt, "consulent@steunpunt-aland.example")


@pytest.fixture
def other_support(db):
    return SupportOrganisation.objects.create(name="Steunpunt Elders", slug="steunpunt-elders")


def page(client, support, **params):
    return client.get(reverse("support:portfolio", kwargs={"slug": support.slug}), params)


# --- Which employers ---------------------------------------------------------------------------


def test_only_employers_followed_now_by_this_support_organisation_appear(
    steunpunt, other_support, advisor
):
    followed = bare("Gevolgd")
    follow(steunpunt, followed)
    follow(other_support, bare("Van een ander"))
    ended = bare("Beeindigd")
    services.following_end(following=follow(steunpunt, ended), by=None)
    Following.objects.create(
        support_organisation=steunpunt,
        organisation=bare("Uitgenodigd"),
        state=FollowingState.INVITED,
    )
    Following.objects.create(
        support_organisation=steunpunt,
        organisation=bare("Gevraagd"),
        state=FollowingState.REQUESTED,
    )

    assert names(rows_of(steunpunt)) == ["Gevolgd"]
    response = page(client_for(advisor), steunpunt)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gevolgd" in body
    for absent in ("Van een ander", "Beeindigd", "Uitgenodigd", "Gevraagd"):
        assert absent not in body


def test_an_employer_followed_again_after_an_end_appears_once(steunpunt):
    organisation = bare("Terug")
    services.following_end(following=follow(steunpunt, organisation), by=None)
    follow(steunpunt, organisation)
    assert names(rows_of(steunpunt)) == ["Terug"]


def test_a_non_member_of_the_support_organisation_gets_404(steunpunt, other_support, hr_a):
    outsider = make_support_member(other_support, "consulent@elders.example")
    for user in (outsider, hr_a):
        assert page(client_for(user), steunpunt).status_code == 404


# --- What it shows: published figures only -----------------------------------------------------


def test_the_monitor_headline_is_the_last_closed_snapshot_never_an_open_campaign(steunpunt):
    today = timezone.localdate()
    organisation = bare("Monitorwerkgever")
    follow(steunpunt, organisation)
    closed = closed_campaign(organisation, carers=10, others=10, today=today, title="Gesloten")
    # Newer, with more responses: one still open, one past its last day whose close has not run.
    open_campaign(
        organisation,
        carers=12,
        others=0,
        today=today,
        title="Nog open",
        opens_on=today - timedelta(days=2),
    )
    due = open_campaign(organisation, carers=6, others=0, today=today, title="Wacht op sluiten")
    Campaign.objects.filter(pk=due.pk).update(
        opens_on=today - timedelta(days=3), closes_on=today - timedelta(days=1)
    )

    (row,) = rows_of(steunpunt)
    assert row.headline.campaign == closed
    assert row.headline.response_count == 20
    assert row.headline.metric("carer-share") == 50.0
    # The open campaign appears only with its closing date, as something coming up.
    assert [(m.on, m.detail) for m in row.due if m.detail == "Nog open"] == [
        (today + timedelta(days=14), "Nog open")
    ]
    # Reading the portfolio closes nothing on the employer's behalf.
    assert Campaign.objects.get(pk=due.pk).closed_on is None


def test_the_page_shows_the_closed_figures_and_not_the_open_ones(steunpunt, advisor):
    today = timezone.localdate()
    organisation = bare("Monitorwerkgever")
    follow(steunpunt, organisation)
    closed_campaign(organisation, carers=10, others=10, today=today, title="Gesloten")
    open_campaign(organisation, carers=17, others=0, today=today, title="Nog open")
    body = page(client_for(advisor), steunpunt).content.decode()
    assert "20 reacties" in body
    assert "17 reacties" not in body


def test_a_closed_monitor_below_its_minimum_shows_no_figures(steunpunt):
    organisation = bare("Klein")
    follow(steunpunt, organisation)
    closed_campaign(organisation, carers=2, others=1, today=timezone.localdate())
    (row,) = rows_of(steunpunt)
    assert row.headline.is_publishable is False
    assert row.headline.response_count is None
    assert all(value is None for _key, _label, value in row.headline.metrics)


def test_a_row_shows_the_pipelines_last_contact_and_next_step(steunpunt, other_support):
    today = timezone.localdate()
    organisation = bare("Contactwerkgever")
    follow(steunpunt, organisation)
    follow(other_support, organisation)
    mine = Prospect.objects.create(
        support_organisation=steunpunt,
        name="Contactwerkgever",
        organisation=organisation,
        next_step="Offerte sturen",
        next_step_on=today + timedelta(days=3),
    )
    Contact.objects.create(prospect=mine, on=today - timedelta(days=9), kind=ContactKind.VISIT)
    Contact.objects.create(prospect=mine, on=today - timedelta(days=2), kind=ContactKind.EMAIL)
    theirs = Prospect.objects.create(
        support_organisation=other_support,
        name="Contactwerkgever",
        organisation=organisation,
        next_step="Van een ander",
    )
    Contact.objects.create(prospect=theirs, on=today, kind=ContactKind.CALL)

    (row,) = rows_of(steunpunt)
    assert (row.last_contact.on, row.last_contact.kind) == (today - timedelta(days=2), "email")
    assert row.next_step == "Offerte sturen"


def test_the_due_moments_are_the_earliest_three(steunpunt):
    organisation = employer(steunpunt, 1)
    (row,) = rows_of(steunpunt)
    today = timezone.localdate()
    assert [m.on for m in row.due] == [
        today + timedelta(days=10),  # the next action (of two)
        today + timedelta(days=20),  # the checklist item's due date
        today + timedelta(days=500),  # the renewal
    ]
    assert row.organisation == organisation


def test_the_batched_readiness_and_progress_agree_with_the_single_reads(steunpunt):
    today = timezone.localdate()
    organisations = [employer(steunpunt, n) for n in range(3)] + [bare("Leeg")]
    many = readiness_for_many(organisations=organisations, today=today)
    progress = progress_for_many(organisations=organisations, today=today)
    for organisation in organisations:
        one = readiness_for(organisation=organisation, today=today)
        assert [(r.label, r.is_met) for r in many[organisation.pk].missing] == [
            (r.label, r.is_met) for r in one.missing
        ]
        assert (many[organisation.pk].met, many[organisation.pk].total) == (one.met, one.total)
        assert [(s.done, s.total) for s in progress[organisation.pk]] == [
            (s.done, s.total) for s in progress_for(organisation=organisation, today=today)
        ]
    # Each employer's own item counts for it alone.
    assert [s.total for s in progress[organisations[0].pk]] != [
        s.total for s in progress[organisations[3].pk]
    ]


# --- Sorting and filtering ---------------------------------------------------------------------


@pytest.fixture
def three(steunpunt):
    today = timezone.localdate()
    small = bare("Bakkerij Aarts", kind=OrganisationKind.BUSINESS, employee_count=12)
    large = bare("Ziekenhuis Zuid", kind=OrganisationKind.CARE, employee_count=2400)
    unknown = bare("Gemeente Midden", kind=OrganisationKind.MUNICIPALITY)
    for organisation in (small, large, unknown):
        follow(steunpunt, organisation)
    Recognition.objects.create(
        organisation=large,
        status=RecognitionStatus.RECOGNISED,
        granted_on=today - timedelta(days=1000),
        valid_until=today + timedelta(days=30),
    )
    Recognition.objects.create(organisation=unknown, status=RecognitionStatus.PREPARING)
    Prospect.objects.create(
        support_organisation=steunpunt,
        name="Bakkerij Aarts",
        organisation=small,
        next_step="Bellen",
        next_step_on=today - timedelta(days=1),
    )
    return small, large, unknown


def test_sizes_fall_in_their_bands():
    assert [size_band(n)[0] for n in (None, 0, 49, 50, 249, 250, 999, 1000, 50000)] == [
        "onbekend",
        "tot-50",
        "tot-50",
        "50-249",
        "50-249",
        "250-999",
        "250-999",
        "1000-plus",
        "1000-plus",
    ]


def test_rows_sort_by_a_column_either_way_with_the_unknown_last(steunpunt, three):
    rows = rows_of(steunpunt)
    assert names(sort_rows(rows, *parse_sort("size"))) == [
        "Bakkerij Aarts",
        "Ziekenhuis Zuid",
        "Gemeente Midden",
    ]
    assert names(sort_rows(rows, *parse_sort("-size"))) == [
        "Ziekenhuis Zuid",
        "Bakkerij Aarts",
        "Gemeente Midden",
    ]
    assert names(sort_rows(rows, *parse_sort("-name"))) == [
        "Ziekenhuis Zuid",
        "Gemeente Midden",
        "Bakkerij Aarts",
    ]
    assert parse_sort("nonsense") == ("name", False)
    assert parse_sort("-__class__") == ("name", False)


def test_the_page_sorts_by_its_headers_and_each_header_offers_the_other_direction(
    steunpunt, three, advisor
):
    client = client_for(advisor)
    response = page(client, steunpunt, sort="-size", kind="")
    assert names(response.context["rows"]) == [
        "Ziekenhuis Zuid",
        "Bakkerij Aarts",
        "Gemeente Midden",
    ]
    body = response.content.decode()
    assert 'aria-sort="descending"' in body
    headers = response.context["headers"]
    assert "sort=size" in headers["size"]["query"] and "kind=" in headers["size"]["query"]
    assert "sort=-name" not in headers["name"]["query"]  # not sorted by name now: ascending
    # A header of the column sorted ascending offers descending.
    ascending = page(client, steunpunt, sort="name").context["headers"]["name"]
    assert ascending["aria_sort"] == "ascending" and "sort=-name" in ascending["query"]
    # Nonsense sorts by name and never fails.
    assert page(client, steunpunt, sort="<script>").status_code == 200


def test_the_filters_narrow_the_rows(steunpunt, three):
    assert names(rows_of(steunpunt, kind=OrganisationKind.CARE)) == ["Ziekenhuis Zuid"]
    assert names(rows_of(steunpunt, size="tot-50")) == ["Bakkerij Aarts"]
    assert names(rows_of(steunpunt, size="onbekend")) == ["Gemeente Midden"]
    assert names(rows_of(steunpunt, recognition=RECOGNISED)) == ["Ziekenhuis Zuid"]
    assert names(rows_of(steunpunt, recognition=IN_PROGRESS)) == ["Gemeente Midden"]
    assert names(rows_of(steunpunt, recognition=NOT_YET)) == ["Bakkerij Aarts"]
    # An overdue next step and a recognition that expires within three months need attention.
    assert names(rows_of(steunpunt, attention=True)) == ["Bakkerij Aarts", "Ziekenhuis Zuid"]


def test_a_lapsed_recognition_needs_attention(steunpunt):
    today = timezone.localdate()
    organisation = bare("Verlopen")
    follow(steunpunt, organisation)
    Recognition.objects.create(
        organisation=organisation,
        status=RecognitionStatus.RECOGNISED,
        granted_on=today - timedelta(days=1200),
        valid_until=today - timedelta(days=10),
    )
    (row,) = rows_of(steunpunt, recognition=LAPSED, attention=True)
    assert row.organisation == organisation


def test_the_page_filters_and_ignores_unknown_values(steunpunt, three, advisor):
    client = client_for(advisor)
    response = page(client, steunpunt, kind="zorg", attention="1")
    assert names(response.context["rows"]) == ["Ziekenhuis Zuid"]
    assert "1 van 3 werkgevers" in response.content.decode()
    response = page(client, steunpunt, kind="nonsense", size="x" * 500, recognition="?")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3


def test_a_filter_that_matches_nothing_says_so(steunpunt, three, advisor):
    response = page(client_for(advisor), steunpunt, kind="onderwijs")
    assert response.context["rows"] == []
    assert "Geen werkgever past bij deze filters." in response.content.decode()


# --- The employer at a glance ------------------------------------------------------------------


def employer_url(support, organisation) -> str:
    return reverse("support:employer", kwargs={"slug": support.slug, "employer": organisation.slug})


def test_the_employer_page_shows_its_published_data_and_the_contact_history(steunpunt, advisor):
    organisation = employer(steunpunt, 7)
    response = client_for(advisor).get(employer_url(steunpunt, organisation))
    assert response.status_code == 200
    body = response.content.decode()
    campaign = Campaign.objects.get(organisation=organisation)
    for url in (
        reverse("pillars:overview", args=[organisation.slug]),
        reverse("programme:actions", args=[organisation.slug]),
        reverse("recognition:readiness", args=[organisation.slug]),
        reverse("recognition:letter_list", args=[organisation.slug]),
        reverse("monitor:results", args=[organisation.slug, campaign.pk]),
    ):
        assert f'href="{url}"' in body
    assert body.count("Gesprek") == 2  # both contacts' notes
    prospect = Prospect.objects.get(organisation=organisation)
    assert reverse("support:prospect_detail", args=[steunpunt.slug, prospect.pk]) in body
    assert "Terugbellen" in body


def test_the_employer_page_links_only_to_closed_campaigns_results(steunpunt, advisor):
    today = timezone.localdate()
    organisation = bare("Met open monitor")
    follow(steunpunt, organisation)
    still_open = open_campaign(organisation, carers=6, others=0, today=today)
    body = client_for(advisor).get(employer_url(steunpunt, organisation)).content.decode()
    assert reverse("monitor:results", args=[organisation.slug, still_open.pk]) not in body


def test_the_employer_page_answers_404_once_the_following_ends(steunpunt, advisor):
    organisation = bare("Stopt")
    following = follow(steunpunt, organisation)
    client = client_for(advisor)
    assert client.get(employer_url(steunpunt, organisation)).status_code == 200
    services.following_end(following=following, by=None)
    assert client.get(employer_url(steunpunt, organisation)).status_code == 404
    assert "Stopt" not in page(client, steunpunt).content.decode()


def test_the_employer_page_answers_404_for_employers_not_followed_by_this_organisation(
    steunpunt, other_support, advisor
):
    theirs = bare("Van een ander")
    follow(other_support, theirs)
    asked = bare("Gevraagd")
    Following.objects.create(
        support_organisation=steunpunt, organisation=asked, state=FollowingState.REQUESTED
    )
    client = client_for(advisor)
    for organisation in (theirs, asked):
        assert client.get(employer_url(steunpunt, organisation)).status_code == 404
    unknown = reverse("support:employer", kwargs={"slug": steunpunt.slug, "employer": "niemand"})
    assert client.get(unknown).status_code == 404
