"""The results page for HR advisors, managers and advisors, and the monitor's dashboard panel."""

from datetime import date

import pytest
import tinyhtml5
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitor.models import ReferenceFigure
from monitor.questionnaire import Q_AGE_BAND, Q_CARER, Q_DEPARTMENT
from monitor.results import comparison_for, summary_for
from programme import dashboard as panels
from tests.conftest import client_for
from tests.monitor.conftest import TODAY, make_campaign, submit

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
        send({**CARER, 10: NEEDS[index % len(NEEDS)]}, {11: FREE_TEXT} if index < texts else {})
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


@pytest.fixture
def published(campaign, departments):
    fill(campaign)
    return campaign


# --- Who may see it ---------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["hr_a", "manager_a", "advisor_a"])
def test_every_member_of_the_organisation_sees_the_results(member, published, request):
    response = client_for(request.getfixturevalue(member)).get(results_url(published))
    assert response.status_code == 200


def test_campaign_of_another_organisation_gets_404(hr_client, campaign_b):
    assert hr_client.get(results_url(campaign_b)).status_code == 404


def test_member_of_another_organisation_gets_404(other_org_client, published):
    assert other_org_client.get(results_url(published)).status_code == 404


# --- Before the minimum -----------------------------------------------------------------------


def test_below_the_minimum_only_the_threshold_is_shown(manager_client, campaign, departments):
    fill(campaign, carers=3, others=1, few=0)
    document = parse(english(manager_client).get(results_url(campaign)))
    main = document.find(f".//{NS}main")
    assert "Results are shown once there are 5 responses." in text_of(main)
    assert list(main.iter(f"{NS}table")) == []
    assert list(main.iter("{http://www.w3.org/2000/svg}svg")) == []
    assert main.find(".//*[@id='response-count']") is None
    # Not even the number of responses: 4 appears nowhere as a figure.
    assert " 4 " not in f" {text_of(main)} "
    assert "export" not in response_links(main)


def response_links(element) -> str:
    return " ".join(a.get("href", "") for a in element.iter(f"{NS}a"))


def test_a_raised_minimum_holds_back_the_results_longer(manager_client, org_a, departments):
    campaign = make_campaign(org_a, min_group_size=40)
    fill(campaign)
    document = parse(english(manager_client).get(results_url(campaign)))
    assert "Results are shown once there are 40 responses." in text_of(
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


def test_custom_questions_have_their_own_section(manager_client, published):
    published.custom_questions.create(
        code=101, kind="single", text="=Werk je op locatie?", options="Ja\nNee"
    )
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


def test_without_a_breakdown_no_group_table_is_shown(manager_client, published):
    document = parse(english(manager_client).get(results_url(published)))
    assert not [caption for caption in tables(document) if " · by " in caption]


def test_an_unknown_breakdown_gets_404(manager_client, published):
    assert manager_client.get(results_url(published, "?by=salary")).status_code == 404


# --- Comparison, free texts and suggestions ---------------------------------------------------


def test_comparison_names_the_previous_campaign_and_the_source_of_each_national_figure(
    manager_client, published, org_a
):
    previous = make_campaign(
        org_a, title="Monitor 2025", opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 31)
    )
    fill(previous, texts=0, today=previous.closes_on)
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


def test_free_texts_are_listed_with_the_note_that_they_are_shuffled(manager_client, published):
    summary = summary_for(campaign=published)
    assert summary.free_texts, "the fixture has enough responses for free texts"
    document = parse(english(manager_client).get(results_url(published)))
    section = document.find(f".//{NS}section[@id='free-texts']")
    items = [text_of(li) for li in section.iter(f"{NS}li")]
    assert sorted(items) == sorted(summary.free_texts)
    assert "random order and without dates" in text_of(section)
    assert "open the page again for others" not in text_of(section)


def test_many_free_texts_show_a_random_handful_and_say_how_many_there_are(
    manager_client, campaign, departments
):
    fill(campaign, carers=60, texts=60)
    document = parse(english(manager_client).get(results_url(campaign)))
    section = document.find(f".//{NS}section[@id='free-texts']")
    assert len(list(section.iter(f"{NS}li"))) == 50
    assert "A random 50 of 60 answers; open the page again for others." in text_of(section)


# --- Query count ------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?by=carer", "?by=age_band", "?by=department"])
def test_the_page_makes_the_same_number_of_queries_for_10_and_60_responses(
    query, manager_client, campaign, departments, django_assert_max_num_queries
):
    # Ten responses, five of them carers: enough for the carers' free texts to be read too.
    fill(campaign, carers=5, others=3, few=2)
    with_ten = count_queries(manager_client, results_url(campaign, query))
    fill(campaign, carers=35, others=12, few=3)
    with_sixty = count_queries(manager_client, results_url(campaign, query))
    assert with_ten == with_sixty
    with django_assert_max_num_queries(QUERY_BUDGET):
        manager_client.get(results_url(campaign, query))


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


def test_dashboard_shows_no_figure_before_the_minimum(manager_client, campaign, departments, org_a):
    fill(campaign, carers=2, others=1, few=0)
    panel = monitor_panel(dashboard(manager_client, org_a))
    assert "Results are shown once there are 5 responses." in text_of(panel)
    assert panel.find(f".//{NS}p[@class='stat mb-0']") is None


def dashboard_queries_without_the_monitor_panel(client, url) -> int:
    monitor = [p for p in panels._panels if p.template == "monitor/dashboard_panel.html"]
    assert len(monitor) == 1
    panels._panels.remove(monitor[0])
    try:
        return count_queries(client, url)
    finally:
        panels._panels.append(monitor[0])
        panels._panels.sort(key=lambda panel: panel.order)


def test_without_a_campaign_the_monitor_panel_adds_one_query_to_the_dashboard(hr_client, org_a):
    url = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    with_panel = count_queries(hr_client, url)
    assert with_panel - dashboard_queries_without_the_monitor_panel(hr_client, url) == 1


def test_with_a_campaign_the_monitor_panel_adds_a_constant_number_of_queries(
    hr_client, org_a, campaign, departments
):
    url = reverse("programme:dashboard", kwargs={"slug": org_a.slug})
    without_panel = dashboard_queries_without_the_monitor_panel(hr_client, url)
    fill(campaign, carers=5, others=3, few=2)
    with_ten = count_queries(hr_client, url)
    fill(campaign, carers=35, others=12, few=3)
    with_sixty = count_queries(hr_client, url)
    assert with_ten == with_sixty
    # One to find the campaign, then the summary's own: questions, departments, two counts and
    # the free texts (the headline uses the one aggregation function, whatever it costs).
    assert with_sixty - without_panel <= PANEL_QUERY_BUDGET


PANEL_QUERY_BUDGET = 7
