"""The results page for HR advisors, managers and advisors, and the monitor's dashboard panel.

Figures exist only after a campaign's final close: while it is open, the page, the detail page
and the dashboard show coarse progress and nothing else.
"""

import re
from datetime import date, timedelta

import pytest
import tinyhtml5
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from monitor.models import ReferenceFigure, Snapshot
from monitor.questionnaire import Q_AGE_BAND, Q_CARER, Q_DEPARTMENT
from monitor.results import TEXTS_IN_SNAPSHOT, comparison_for, summary_for
from programme import dashboard as panels
from tests.conftest import client_for
from tests.monitor.conftest import TODAY, before_first_day, close, make_campaign, submit

NS = "{http://www.w3.org/1999/xhtml}"

# 20 carers (aged 35 to 49, Burgerzaken), 10 others (under 35, Sociaal Domein) and 2 others
# (50 or older, Bedrijfsvoering): the last group is too small to show in any breakdown.
CARER = {
    Q_CARER: [1],
    3: [2],
    4: [3],
    6: [1],
    7: [1],
    8: [1],
    9: [2],
    12: [4],
    13: [4],
    14: [3],
    Q_AGE_BAND: [2],
    Q_DEPARTMENT: [1],
}
OTHER = {
    Q_CARER: [2],
    8: [2],
    9: [3],
    12: [3],
    13: [2],
    14: [4],
    Q_AGE_BAND: [1],
    Q_DEPARTMENT: [2],
}
FEW = {**OTHER, Q_AGE_BAND: [3], Q_DEPARTMENT: [3]}
# What would help: leave 14 of 20, flexibility 8, attention 6; ranked, leave comes first.
NEEDS = [[3]] * 6 + [[3, 2]] * 8 + [[1]] * 6
FREE_TEXT = "Een vaste thuiswerkdag zou helpen."


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The campaigns of conftest are open around TODAY; the views read timezone.localdate().
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def fill(
    campaign,
    *,
    carers: int = 20,
    others: int = 10,
    few: int = 2,
    texts: int = 3,
    today=TODAY,
    with_department: bool = True,
) -> None:
    """Store responses through the respondent flow's service; the defaults give 32."""

    def send(answers: dict, written: dict | None = None) -> None:
        if not with_department:
            answers = {code: options for code, options in answers.items() if code != Q_DEPARTMENT}
        assert submit(campaign, answers, written, today=today)

    for index in range(carers):
        written = {11: f"{FREE_TEXT} ({index + 1})"} if index < texts else {}
        send({**CARER, 10: NEEDS[index % len(NEEDS)]}, written)
    for _ in range(others):
        send(OTHER)
    for _ in range(few):
        send(FEW)


def results_url(campaign, query: str = "") -> str:
    kwargs = {"slug": campaign.organisation.slug, "pk": campaign.pk}
    return reverse("monitor:results", kwargs=kwargs) + query


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def parse(response):
    assert response.status_code == 200
    return tinyhtml5.parse(response.content.decode())


def text_of(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def tables(document) -> dict[str, object]:
    """The page's tables by the text of their caption."""
    return {text_of(table.find(f"{NS}caption")): table for table in document.iter(f"{NS}table")}


def table_for(document, caption_start: str):
    found = [
        table for caption, table in tables(document).items() if caption.startswith(caption_start)
    ]
    assert len(found) == 1, f"{caption_start!r} in {list(tables(document))}"
    return found[0]


def row_labels(table) -> list[str]:
    return [text_of(row.find(f"{NS}th")) for row in table.find(f"{NS}tbody").iter(f"{NS}tr")]


def cells_of_row(table, label: str) -> list[str]:
    for row in table.find(f"{NS}tbody").iter(f"{NS}tr"):
        if text_of(row.find(f"{NS}th")) == label:
            return [text_of(cell) for cell in row.iter(f"{NS}td")]
    raise AssertionError(f"no row {label!r} in {row_labels(table)}")


def shows_number(text: str, number: int) -> bool:
    """Whether `number` appears in `text` as a number of its own (not part of a date or id)."""
    return re.search(rf"(?<![\w.,:/-]){number}(?![\w,:/-]|\.\d)", text) is not None


@pytest.fixture
def published(campaign, departments):
    """32 responses, closed without the perturbation so that the figures are exact."""
    fill(campaign)
    return close(campaign)


# --- Who may see it ---------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["hr_a", "manager_a", "advisor_a"])
def test_every_member_and_follower_of_the_organisation_sees_the_results(member, published, request):
    response = client_for(request.getfixturevalue(member)).get(results_url(published))
    assert response.status_code == 200


def test_campaign_of_another_organisation_gets_404(org_a, hr_client, campaign_b):
    # Under the requester's own slug: only the campaign look-up can refuse it (under the other
    # organisation's slug, not being a member there would answer 404 already).
    url = reverse("monitor:results", kwargs={"slug": org_a.slug, "pk": campaign_b.pk})
    assert hr_client.get(url).status_code == 404


def test_member_of_another_organisation_gets_404(other_org_client, published):
    assert other_org_client.get(results_url(published)).status_code == 404


# --- While the campaign is open -------------------------------------------------------------


def test_an_open_campaign_shows_only_coarse_progress_and_no_figure(
    manager_client, campaign, departments
):
    fill(campaign, carers=13, others=8, few=2)  # 23 responses
    response = english(manager_client).get(results_url(campaign))
    assert response.context["summary"].is_closed is False
    assert response.context["summary"].is_publishable is False
    document = parse(response)
    main = document.find(f".//{NS}main")
    content = text_of(main)
    assert "The results appear when the campaign has closed, from 8 December 2026." in content
    assert "So far: at least 20 responses" in content
    assert list(main.iter(f"{NS}table")) == []
    assert list(main.iter("{http://www.w3.org/2000/svg}svg")) == []
    assert main.find(".//*[@id='response-count']") is None
    assert main.find(".//*[@id='free-texts']") is None
    # Not the exact count, nor any share of it: 13 carers, 23 responses, 57% carers.
    for number in (13, 23, 57):
        assert not shows_number(content, number), number
    assert "export" not in response_links(main)


def test_the_open_page_says_the_same_for_20_and_29_responses(manager_client, campaign):
    fill(campaign, carers=15, others=5, few=0, with_department=False)
    at_20 = english(manager_client).get(results_url(campaign)).content.decode()
    fill(campaign, carers=4, others=5, few=0, with_department=False)
    at_29 = english(manager_client).get(results_url(campaign)).content.decode()
    assert "at least 20 responses" in at_29

    def without_tokens(html: str) -> str:
        return re.sub(r'value="[^"]{20,}"', "", html)

    assert without_tokens(at_20) == without_tokens(at_29)


def test_the_open_page_in_dutch_shows_no_figure_either(manager_client, campaign, departments):
    fill(campaign, carers=13, others=8, few=2)
    document = parse(manager_client.get(results_url(campaign)))
    assert document.get("lang") == "nl"
    main = document.find(f".//{NS}main")
    assert main.find(".//*[@id='not-closed']") is not None
    assert list(main.iter(f"{NS}table")) == []
    assert not shows_number(text_of(main), 23)


def test_the_export_of_an_open_campaign_holds_no_figure(manager_client, campaign, departments):
    fill(campaign, carers=13, others=8, few=2)
    kwargs = {"slug": campaign.organisation.slug, "pk": campaign.pk, "file_format": "csv"}
    export = english(manager_client).get(reverse("monitor:results_export", kwargs=kwargs))
    assert export.status_code == 200
    content = export.content.decode("utf-8-sig")
    assert "No results yet" in content
    assert not shows_number(content, 23) and not shows_number(content, 13)


def test_after_the_close_the_results_appear(manager_client, campaign, departments):
    fill(campaign, carers=13, others=8, few=2)
    close(campaign)
    document = parse(english(manager_client).get(results_url(campaign)))
    assert text_of(document.find(".//*[@id='response-count']")) == "23"
    assert document.find(".//*[@id='not-closed']") is None
    carers = table_for(document, "Do you currently care for someone")
    assert cells_of_row(carers, "Yes") == ["13", "57%"]


def test_a_due_campaign_is_closed_by_the_first_look_at_its_results(
    manager_client, org_a, departments
):
    campaign = make_campaign(
        org_a, opens_on=TODAY - timedelta(days=30), closes_on=TODAY - timedelta(days=1)
    )
    fill(campaign, today=campaign.closes_on)
    assert not Snapshot.objects.exists()
    document = parse(english(manager_client).get(results_url(campaign)))
    campaign.refresh_from_db()
    assert campaign.closed_on == TODAY
    assert Snapshot.objects.get(campaign=campaign).response_count == 32
    assert text_of(document.find(".//*[@id='response-count']")) == "32"


# --- Closed below the minimum -----------------------------------------------------------------


def test_below_the_minimum_only_the_threshold_is_shown(manager_client, campaign, departments):
    fill(campaign, carers=3, others=1, few=0)
    close(campaign)
    document = parse(english(manager_client).get(results_url(campaign)))
    main = document.find(f".//{NS}main")
    assert "Fewer than 5 people responded, so no results are shown." in text_of(main)
    assert list(main.iter(f"{NS}table")) == []
    assert list(main.iter("{http://www.w3.org/2000/svg}svg")) == []
    assert main.find(".//*[@id='response-count']") is None
    # Not even the number of responses: 4 appears nowhere as a figure.
    assert not shows_number(text_of(main), 4)
    assert "export" not in response_links(main)


def response_links(element) -> str:
    return " ".join(a.get("href", "") for a in element.iter(f"{NS}a"))


def test_a_raised_minimum_holds_back_the_results(manager_client, org_a, departments):
    campaign = make_campaign(org_a, min_group_size=40)
    fill(campaign)
    close(campaign)
    document = parse(english(manager_client).get(results_url(campaign)))
    assert "Fewer than 40 people responded, so no results are shown." in text_of(
        document.find(f".//{NS}main")
    )
    assert list(document.iter(f"{NS}table")) == []


# --- The figures ------------------------------------------------------------------------------


def test_results_show_responses_response_rate_and_every_section(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    assert text_of(document.find(".//*[@id='response-count']")) == "32"
    assert text_of(document.find(".//*[@id='response-rate']")) == "8%"  # 32 of 400 invited
    headings = [text_of(h) for h in document.iter(f"{NS}h2")]
    for title in (
        "Carers",
        "Hours and duration of care",
        "Talking with the manager",
        "Knowledge of regulations and support",
        "What would help carers",
        "Awareness and culture",
        "Background",
        "Breakdown",
    ):
        assert title in headings


def test_each_chart_has_a_table_with_the_same_figures_right_below(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    figures = list(document.iter(f"{NS}figure"))
    assert len(figures) >= 10
    for figure in figures:
        children = [child.tag for child in figure.iter()]
        svg = children.index("{http://www.w3.org/2000/svg}svg")
        table = children.index(f"{NS}table")
        assert svg < table
        caption = figure.find(f".//{NS}caption")
        assert text_of(caption)
        region = figure.find(f".//{NS}div[@role='region']")
        assert region.get("aria-labelledby") == caption.get("id")
        assert all(th.get("scope") in ("col", "row") for th in figure.iter(f"{NS}th"))


def test_percentages_are_whole_numbers(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    carers = table_for(document, "Do you currently care for someone")
    # 20 of 32 is 62.5%, 10 + 2 of 32 is 37.5%: shown rounded half up, as the chart does.
    assert cells_of_row(carers, "Yes") == ["20", "63%"]
    assert cells_of_row(carers, "No") == ["12", "38%"]
    assert "62.5" not in text_of(document.find(f".//{NS}main"))


def test_needs_are_ranked_most_chosen_first(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    needs = table_for(document, "What would help you to combine work and care?")
    assert row_labels(needs)[:3] == [
        "Leave",
        "Flexibility in working hours or place",
        "Attention and understanding",
    ]
    assert cells_of_row(needs, "Leave") == ["14", "70%"]


def test_a_suppressed_figure_shows_a_dash_and_says_too_few_answers(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    ages = table_for(document, "What is your age?")
    # Two respondents are 50 or older: neither their number nor their share is shown.
    assert cells_of_row(ages, "50 or older") == ["— too few answers", "— too few answers"]
    summary = summary_for(campaign=published)
    age = next(r for r in summary.questions if r.question.code == Q_AGE_BAND)
    assert {f.label: f.count for f in age.figures}["50 or older"] is None


def test_the_scale_questions_share_one_chart_and_one_table(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    table = table_for(document, "Awareness and culture")
    assert row_labels(table) == [
        "In our organisation you can talk openly about caregiving.",
        "I know that our organisation pays attention to combining work and caregiving.",
        "Managers here show understanding for employees who care for someone.",
    ]
    # Everyone answered the first statement: 20 agree, 12 neither agree nor disagree.
    cells = cells_of_row(table, row_labels(table)[0])
    assert (cells[2], cells[3], cells[-1]) == ("38%", "63%", "32")


def test_custom_questions_have_their_own_section(manager_client, campaign, departments):
    with before_first_day(campaign):  # HR adds its own questions before the first day
        campaign.custom_questions.create(
            code=101, kind="single", text="=Werk je op locatie?", options="Ja\nNee"
        )
    fill(campaign)
    published = close(campaign)
    document = parse(english(manager_client).get(results_url(published)))
    headings = [text_of(h) for h in document.iter(f"{NS}h2")]
    assert "The organisation's own questions" in headings
    assert table_for(document, "=Werk je op locatie?") is not None


# --- Breakdown --------------------------------------------------------------------------------


def test_breakdown_shows_the_groups_as_columns(manager_client, published):
    document = parse(english(manager_client).get(results_url(published, "?by=department")))
    table = table_for(document, "What would help you to combine work and care? · by")
    headers = [text_of(th) for th in table.find(f"{NS}thead").iter(f"{NS}th")]
    assert headers[0] == "Answer"
    assert "Burgerzaken" in headers
    # The department of two is never shown as a column of its own figures.
    if "Bedrijfsvoering" in headers:
        column = headers.index("Bedrijfsvoering") - 1
        for row in table.find(f"{NS}tbody").iter(f"{NS}tr"):
            assert text_of(list(row.iter(f"{NS}td"))[column]) == "— too few answers"
    current = document.find(f".//{NS}a[@aria-current='page'][@href='?by=department#breakdown']")
    assert current is not None


def test_by_carer_the_carers_questions_have_the_carers_column_only(manager_client, published):
    document = parse(english(manager_client).get(results_url(published, "?by=carer")))

    def by_carer(question: str):
        [table] = [
            table
            for caption, table in tables(document).items()
            if caption.startswith(question) and caption.endswith("· by carer or not")
        ]
        return table

    def columns(question: str) -> list[str]:
        return [text_of(th) for th in by_carer(question).find(f"{NS}thead").iter(f"{NS}th")][1:]

    both = ["Carers", "Not a carer, or no answer"]
    assert columns("Do you know which leave and other regulations") == both
    for question in (
        "How many hours a week do you spend on this care",
        "Have you talked with your manager about your care situation?",
        "What came out of that conversation?",
        "What would help you to combine work and care?",
    ):
        assert columns(question) == ["Carers"], question
        rows = by_carer(question).find(f"{NS}tbody").iter(f"{NS}tr")
        assert all(len(list(row.iter(f"{NS}td"))) == 1 for row in rows), question


def test_without_a_breakdown_no_group_table_is_shown(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    assert not [caption for caption in tables(document) if " · by " in caption]


def test_an_unknown_breakdown_gets_404(manager_client, published):
    assert manager_client.get(results_url(published, "?by=salary")).status_code == 404


# --- Comparison, free texts and suggestions ---------------------------------------------------


def test_comparison_names_the_previous_campaign_and_the_source_of_each_national_figure(
    manager_client, campaign, departments, org_a
):
    # The previous campaign closed (when it was due) before this one closed, so this one's
    # snapshot holds its figures.
    previous = make_campaign(
        org_a, title="Monitor 2025", opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 31)
    )
    fill(previous, texts=0, today=previous.closes_on)
    close(previous)
    fill(campaign)
    published = close(campaign)
    ReferenceFigure.objects.update(is_verified=False)
    document = parse(english(manager_client).get(results_url(published)))
    table = table_for(document, "This campaign next to the previous campaign")
    content = text_of(table)
    assert "Monitor 2025" in content
    rows = comparison_for(campaign=published, summary=summary_for(campaign=published))
    referenced = [row.reference for row in rows if row.reference is not None]
    assert referenced, "the standard figures have national references"
    for figure in referenced:
        assert f"Source: {figure.source}" in content
    assert content.count("(unverified)") == len(referenced)


def test_free_texts_are_listed_with_the_note_that_they_are_shuffled(
    hr_client, campaign, departments
):
    fill(campaign, texts=10)
    close(campaign)
    summary = summary_for(campaign=campaign)
    assert len(summary.free_texts) == 10
    document = parse(english(hr_client).get(results_url(campaign)))
    section = document.find(f".//{NS}section[@id='free-texts']")
    items = [text_of(li) for li in section.iter(f"{NS}li")]
    assert sorted(items) == sorted(f"{FREE_TEXT} ({n})" for n in range(1, 11))
    assert sorted(items) == sorted(summary.free_texts)
    assert "random order and without dates" in text_of(section)


def test_fewer_than_10_free_texts_are_not_shown(manager_client, published):
    assert summary_for(campaign=published).free_texts == []  # 3 texts among 32 responses
    document = parse(english(manager_client).get(results_url(published)))
    assert document.find(f".//{NS}section[@id='free-texts']") is None
    assert FREE_TEXT not in document.find(f".//{NS}main").itertext()


def test_the_free_texts_are_chosen_once_at_close_at_most_100(hr_client, campaign, departments):
    fill(campaign, carers=TEXTS_IN_SNAPSHOT + 10, texts=TEXTS_IN_SNAPSHOT + 10)
    close(campaign)

    def shown() -> list[str]:
        document = parse(english(hr_client).get(results_url(campaign)))
        section = document.find(f".//{NS}section[@id='free-texts']")
        return [text_of(li) for li in section.iter(f"{NS}li")]

    first = shown()
    assert len(first) == TEXTS_IN_SNAPSHOT == len(set(first))
    assert set(first) <= {f"{FREE_TEXT} ({n})" for n in range(1, TEXTS_IN_SNAPSHOT + 11)}
    # Fixed in the snapshot: the same selection in the same order on every visit.
    assert shown() == first == summary_for(campaign=campaign).free_texts


# --- Who reads the free texts -----------------------------------------------------------------


def sharing_url(campaign) -> str:
    kwargs = {"slug": campaign.organisation.slug, "pk": campaign.pk}
    return reverse("monitor:free_texts_sharing", kwargs=kwargs)


def shown_texts(client, campaign) -> list[str]:
    document = parse(english(client).get(results_url(campaign)))
    section = document.find(f".//{NS}section[@id='free-texts']")
    return [] if section is None else [text_of(li) for li in section.iter(f"{NS}li")]


@pytest.fixture
def with_texts(campaign, departments):
    fill(campaign, texts=10)
    return close(campaign)


def test_managers_see_no_free_texts_until_hr_shares_them_and_followers_never(
    hr_client, manager_client, advisor_a, with_texts
):
    advisor_client = client_for(advisor_a)
    written = {f"{FREE_TEXT} ({n})" for n in range(1, 11)}
    assert with_texts.share_free_texts is False  # the default
    assert set(shown_texts(hr_client, with_texts)) == written
    for client in (manager_client, advisor_client):
        page = english(client).get(results_url(with_texts)).content.decode()
        assert shown_texts(client, with_texts) == [] and FREE_TEXT not in page
        assert "free-texts-sharing" not in page
    assert "shown to HR advisors only, unless they share them" in (
        english(manager_client).get(results_url(with_texts)).content.decode()
    )

    response = hr_client.post(sharing_url(with_texts), {"share": "1"})
    assert response.status_code == 302 and response["Location"].endswith("#free-texts")
    with_texts.refresh_from_db()
    assert with_texts.share_free_texts is True
    assert set(shown_texts(manager_client, with_texts)) == written
    assert "free-texts-sharing" not in (
        english(manager_client).get(results_url(with_texts)).content.decode()
    )
    # A support advisor of another organisation never reads them, shared or not.
    page = english(advisor_client).get(results_url(with_texts)).content.decode()
    assert shown_texts(advisor_client, with_texts) == [] and FREE_TEXT not in page

    hr_client.post(sharing_url(with_texts), {"share": "0"})
    assert shown_texts(manager_client, with_texts) == []
    assert set(shown_texts(hr_client, with_texts)) == written


def test_hr_sees_whether_the_texts_are_shared_and_the_button_to_change_it(hr_client, with_texts):
    page = english(hr_client).get(results_url(with_texts)).content.decode()
    assert "Only HR advisors can read these written answers." in page
    assert 'name="share" value="1"' in page
    hr_client.post(sharing_url(with_texts), {"share": "1"})
    page = english(hr_client).get(results_url(with_texts)).content.decode()
    assert "Managers can read these written answers." in page
    assert 'name="share" value="0"' in page


def test_only_hr_may_share_the_free_texts_and_only_by_post(
    hr_client, manager_client, advisor_a, with_texts
):
    assert manager_client.post(sharing_url(with_texts), {"share": "1"}).status_code == 403
    assert client_for(advisor_a).post(sharing_url(with_texts), {"share": "1"}).status_code == 403
    assert hr_client.get(sharing_url(with_texts)).status_code == 405
    with_texts.refresh_from_db()
    assert with_texts.share_free_texts is False


def test_hr_cannot_share_another_organisations_free_texts(org_a, hr_client, campaign_b):
    url = reverse("monitor:free_texts_sharing", kwargs={"slug": org_a.slug, "pk": campaign_b.pk})
    assert hr_client.post(url, {"share": "1"}).status_code == 404
    campaign_b.refresh_from_db()
    assert campaign_b.share_free_texts is False


def test_sharing_changes_nothing_in_the_snapshot(hr_client, with_texts):
    before = Snapshot.objects.get(campaign=with_texts).data
    hr_client.post(sharing_url(with_texts), {"share": "1"})
    assert Snapshot.objects.get(campaign=with_texts).data == before


def test_the_export_never_carries_the_free_texts(hr_client, manager_client, with_texts):
    hr_client.post(sharing_url(with_texts), {"share": "1"})
    kwargs = {"slug": with_texts.organisation.slug, "pk": with_texts.pk, "file_format": "csv"}
    for client in (hr_client, manager_client):
        export = client.get(reverse("monitor:results_export", kwargs=kwargs))
        assert export.status_code == 200
        assert FREE_TEXT not in export.content.decode("utf-8-sig")


# --- Query count ------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?by=carer", "?by=age_band", "?by=department"])
def test_the_page_makes_the_same_number_of_queries_for_10_and_60_responses(
    query, manager_client, org_a, campaign, departments, django_assert_max_num_queries
):
    # Ten responses, five of them carers, ten texts: enough for the free texts to be shown too.
    fill(campaign, carers=5, others=3, few=2, texts=5)
    close(campaign)
    # The first results page after a year ended makes that year's pooled reference, once
    # (monitor.pooling); every page after it reads it in one query.
    made_reference = count_queries(manager_client, results_url(campaign, query))
    with_ten = count_queries(manager_client, results_url(campaign, query))
    assert made_reference > with_ten
    # A campaign over the same weeks, so that neither is the other's previous campaign.
    larger = make_campaign(org_a, title="Monitor 2026 groot")
    fill(larger, carers=40, others=15, few=5, texts=40)
    close(larger)
    with_sixty = count_queries(manager_client, results_url(larger, query))
    assert with_ten == with_sixty
    with django_assert_max_num_queries(QUERY_BUDGET):
        manager_client.get(results_url(larger, query))


def test_the_open_page_makes_the_same_number_of_queries_for_10_and_60_responses(
    manager_client, campaign, departments
):
    fill(campaign, carers=5, others=3, few=2)
    with_ten = count_queries(manager_client, results_url(campaign))
    fill(campaign, carers=35, others=12, few=3)
    assert count_queries(manager_client, results_url(campaign)) == with_ten


QUERY_BUDGET = 25


# --- The dashboard panel ----------------------------------------------------------------------


def dashboard(client, org) -> object:
    return parse(english(client).get(reverse("programme:dashboard", kwargs={"slug": org.slug})))


def monitor_panel(document):
    return document.find(f".//{NS}section[@aria-labelledby='monitor-panel-title']")


def test_dashboard_invites_hr_to_start_a_monitor(hr_client, org_a):
    panel = monitor_panel(dashboard(hr_client, org_a))
    create = reverse("monitor:campaign_create", kwargs={"slug": org_a.slug})
    assert create in response_links(panel)


def test_dashboard_does_not_offer_a_manager_to_start_a_monitor(manager_client, org_a):
    panel = monitor_panel(dashboard(manager_client, org_a))
    assert panel is not None
    assert "monitor/" not in response_links(panel)


def test_dashboard_shows_the_latest_campaigns_headline(manager_client, published, org_a):
    panel = monitor_panel(dashboard(manager_client, org_a))
    content = text_of(panel)
    assert published.title in content
    assert "32 responses" in content
    assert "63% care for someone" in content
    assert results_url(published) in response_links(panel)


def test_dashboard_shows_no_figure_below_the_minimum(manager_client, campaign, departments, org_a):
    fill(campaign, carers=2, others=1, few=0)
    close(campaign)
    panel = monitor_panel(dashboard(manager_client, org_a))
    assert "Fewer than 5 people responded, so no results are shown." in text_of(panel)
    assert panel.find(f".//{NS}p[@class='stat mb-0']") is None


def test_dashboard_shows_an_open_campaign_only_as_coarse_progress(
    manager_client, campaign, departments, org_a
):
    fill(campaign, carers=13, others=8, few=2)
    panel = monitor_panel(dashboard(manager_client, org_a))
    content = text_of(panel)
    assert campaign.title in content
    assert "Open now: at least 20 responses" in content
    assert "Results appear after it closes on 7 December 2026." in content
    assert panel.find(f".//{NS}p[@class='stat mb-0']") is None
    for number in (13, 23, 57):
        assert not shows_number(content, number), number


def test_dashboard_shows_the_closed_campaigns_figures_next_to_the_open_ones_progress(
    manager_client, org_a, departments
):
    previous = make_campaign(
        org_a, title="Monitor 2025", opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 31)
    )
    fill(previous, today=previous.closes_on)
    current = make_campaign(org_a)
    fill(current, carers=13, others=8, few=2)
    content = text_of(monitor_panel(dashboard(manager_client, org_a)))
    # The first look closed the 2025 campaign; the open one still shows no figure.
    assert "Monitor 2025" in content and "32 responses" in content
    assert "Open now: at least 20 responses" in content
    assert not shows_number(content, 23)


def dashboard_queries_without_the_monitor_panel(client, url) -> int:
    monitor = [p for p in panels._panels if p.template == "monitor/dashboard_panel.html"]
    assert len(monitor) == 1
    panels._panels.remove(monitor[0])
    try:
        return count_queries(client, url)
    finally:
        panels._panels.append(monitor[0])
        panels._panels.sort(key=lambda panel: panel.order)


def test_without_a_campaign_the_monitor_panel_adds_two_queries_to_the_dashboard(hr_client, org_a):
    url = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    with_panel = count_queries(hr_client, url)
    # One for the latest closed campaign, one for an open one.
    assert with_panel - dashboard_queries_without_the_monitor_panel(hr_client, url) <= 2


def test_with_a_campaign_the_monitor_panel_adds_a_constant_number_of_queries(
    hr_client, org_a, campaign, departments
):
    url = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    without_panel = dashboard_queries_without_the_monitor_panel(hr_client, url)
    fill(campaign, carers=5, others=3, few=2)
    close(campaign)
    with_ten = count_queries(hr_client, url)
    # A later campaign over the same weeks becomes the latest closed one.
    larger = make_campaign(org_a, title="Monitor 2026 groot")
    fill(larger, carers=35, others=12, few=3)
    close(larger)
    with_sixty = count_queries(hr_client, url)
    assert with_ten == with_sixty
    # Two to find the closed and the open campaign, then the summary's own reads: the snapshot,
    # the departments and the questions (and those of the readiness panel, which reads the same
    # snapshot but was measured above before any campaign existed).
    assert with_sixty - without_panel <= PANEL_QUERY_BUDGET


def test_an_open_campaign_adds_a_constant_number_of_queries_to_the_dashboard(
    hr_client, org_a, campaign, departments
):
    url = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    fill(campaign, carers=5, others=3, few=2)
    with_ten = count_queries(hr_client, url)
    fill(campaign, carers=35, others=12, few=3)
    assert count_queries(hr_client, url) == with_ten


PANEL_QUERY_BUDGET = 8
