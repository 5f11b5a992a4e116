"""The export of a campaign's aggregated results, as CSV and XLSX, suppressed like the page.

The export reads the snapshot written at close: before the close it holds no figure at all.
"""

import csv
import io

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from monitor.models import AnswerTally, Campaign, Department, TextAnswer
from monitor.questionnaire import Q_CARER
from monitor.results import summary_for
from monitor.services import INBOX_BATCH, MonitorError
from tests.monitor.conftest import TODAY, before_first_day, close, submit
from tests.monitor.test_results_page import CARER, fill
from tests.transfer_samples import PAYLOADS


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The views look at today's date (and close a campaign past its last day): the tests' day."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


HEADERS = [
    "table",
    "group",
    "group size",
    "section",
    "question",
    "asked",
    "number asked",
    "answer",
    "count",
    "percentage",
    "suppressed",
]
COUNT_COLUMNS = ("group size", "number asked", "count")


def export_url(campaign, file_format: str) -> str:
    kwargs = {"slug": campaign.organisation.slug, "pk": campaign.pk, "file_format": file_format}
    return reverse("monitor:results_export", kwargs=kwargs)


def download_bytes(client, campaign, file_format: str) -> bytes:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(export_url(campaign, file_format))
    assert response.status_code == 200
    assert f'.{file_format}"' in response["Content-Disposition"]
    return response.content


def download(client, campaign, file_format: str) -> list[list]:
    """The exported file read back as rows of cells (empty cells as None)."""
    content = download_bytes(client, campaign, file_format)
    if file_format == "csv":
        text = content.decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
        return [[cell if cell != "" else None for cell in row] for row in rows]
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def as_records(rows: list[list]) -> list[dict]:
    assert rows[0] == HEADERS
    return [dict(zip(HEADERS, row, strict=True)) for row in rows[1:]]


@pytest.fixture
def published(campaign, departments):
    fill(campaign)
    return close(campaign)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_holds_the_same_figures_as_the_summary(file_format, manager_client, published):
    records = as_records(download(manager_client, published, file_format))
    overall = [r for r in records if r["table"] == "All respondents"]
    assert int(overall[0]["count"]) == 32  # the responses
    carers = {
        r["answer"]: r
        for r in overall
        if r["question"] == "Do you currently care for someone close to you, next to your work?"
    }
    summary = summary_for(campaign=published)
    result = next(q for q in summary.questions if q.question.code == Q_CARER)
    for figure in result.figures:
        assert int(carers[figure.label]["count"]) == figure.count
        percentage = carers[figure.label]["percentage"]
        if file_format == "csv":
            # Dutch Excel reads a decimal comma as a number, a decimal point not.
            assert "." not in percentage
            percentage = float(percentage.replace(",", "."))
        else:
            assert isinstance(percentage, float | int)
        assert percentage == round(figure.percentage, 1)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_has_a_table_for_every_breakdown(file_format, manager_client, published):
    tables = {r["table"] for r in as_records(download(manager_client, published, file_format))}
    assert tables == {
        "All respondents",
        "Breakdown: Carer or not",
        "Breakdown: Age",
        "Breakdown: Department",
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_small_department_has_no_count_in_the_export(file_format, manager_client, published):
    records = as_records(download(manager_client, published, file_format))
    small = [r for r in records if r["group"] == "Bedrijfsvoering"]  # two respondents
    assert small, "the department's rows are there, marked"
    for record in small:
        assert record["group size"] is None
        assert record["count"] is None
        assert record["percentage"] is None
        assert record["suppressed"] == "suppressed"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_no_count_in_the_export_is_below_the_minimum(file_format, manager_client, published):
    records = as_records(download(manager_client, published, file_format))
    counts = [int(r[c]) for r in records for c in COUNT_COLUMNS if r[c] is not None]
    assert counts, "the export holds counts"
    # A zero describes nobody; any other count must cover at least the minimum group.
    assert [c for c in counts if 0 < c < published.min_group_size] == []


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_suppressed_rows_are_marked_and_have_no_figure(file_format, manager_client, published):
    records = as_records(download(manager_client, published, file_format))
    marked = [r for r in records if r["suppressed"]]
    assert marked
    assert all(r["count"] is None or r["percentage"] is None for r in marked)
    assert all(
        r["count"] is not None and r["percentage"] is not None
        for r in records
        if not r["suppressed"]
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_texts_typed_by_users_cannot_run_as_a_formula(
    file_format, manager_client, campaign, departments
):
    Department.objects.filter(pk=departments[0].pk).update(name=PAYLOADS[0])
    with before_first_day(campaign):  # HR adds its own questions before the first day
        campaign.custom_questions.create(
            code=101, kind="single", text=PAYLOADS[1], options=f"{PAYLOADS[3]}\nNee"
        )
    fill(campaign)
    close(campaign)
    rows = download(manager_client, campaign, file_format)
    cells = [cell for row in rows for cell in row if isinstance(cell, str)]
    for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]):
        assert "'" + payload in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_open_campaign_exports_only_the_line_that_results_come_after_the_close(
    file_format, manager_client, campaign, departments
):
    # More than a batch, so running counts exist already; none is exported.
    fill(campaign, carers=INBOX_BATCH, others=10, few=2)
    assert AnswerTally.objects.filter(campaign=campaign).exists()
    rows = download(manager_client, campaign, file_format)
    assert rows == [
        [
            "No results yet: they are computed once, when the campaign has closed "
            "(after 7 December 2026)."
        ]
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_campaign_closed_below_the_minimum_exports_only_the_not_enough_responses_line(
    file_format, manager_client, campaign, departments
):
    fill(campaign, carers=3, others=1, few=0)
    close(campaign)
    rows = download(manager_client, campaign, file_format)
    assert rows == [["Fewer than 5 people responded, so no results are shown."]]


def test_the_export_of_a_closed_campaign_reads_its_snapshot(manager_client, published):
    first = download_bytes(manager_client, published, "csv")
    workbook = download(manager_client, published, "xlsx")
    assert download_bytes(manager_client, published, "csv") == first
    # Responding after the close is refused, so nothing can be added to what was published.
    with pytest.raises(MonitorError):
        submit(published, CARER)
    assert download_bytes(manager_client, published, "csv") == first
    # Without its raw counts (as after the purge) the export is still the same, to the byte.
    AnswerTally.objects.filter(campaign=published).delete()
    TextAnswer.objects.filter(campaign=published).delete()
    assert download_bytes(manager_client, published, "csv") == first
    # An XLSX file carries the moment it was written, so its cells are compared instead.
    assert download(manager_client, published, "xlsx") == workbook
    assert int(as_records(workbook)[0]["count"]) == 32
    summary = summary_for(campaign=Campaign.objects.get(pk=published.pk))
    assert summary.response_count == 32


def test_an_unknown_format_gets_404(manager_client, published):
    assert manager_client.get(export_url(published, "pdf")).status_code == 404


def test_the_export_of_another_organisations_campaign_gets_404(org_a, hr_client, campaign_b):
    # Under the requester's own slug: only the campaign look-up can refuse it (under the other
    # organisation's slug, not being a member there would answer 404 already).
    kwargs = {"slug": org_a.slug, "pk": campaign_b.pk, "file_format": "csv"}
    assert hr_client.get(reverse("monitor:results_export", kwargs=kwargs)).status_code == 404


def test_the_xlsx_has_a_named_sheet_with_a_filter_and_numbers_as_numbers(manager_client, published):
    content = download_bytes(manager_client, published, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Results"  # the English download asks for English
    assert sheet.auto_filter.ref == f"A1:K{sheet.max_row}"
    assert sheet.freeze_panes == "A2"
    records = as_records([list(row) for row in sheet.iter_rows(values_only=True)])
    counted = [r for r in records if r["count"] is not None]
    assert counted and all(isinstance(r["count"], int) for r in counted)
    assert all(isinstance(r["percentage"], float | int) for r in counted if r["percentage"])


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_vertical_tab_in_a_department_or_question_exports_without_it(
    file_format, manager_client, campaign, departments
):
    # Pasted from Word; openpyxl refused it and the XLSX export answered 500.
    Department.objects.filter(pk=departments[0].pk).update(name="Zorg\x0ben welzijn")
    with before_first_day(campaign):
        campaign.custom_questions.create(
            code=101, kind="single", text="Werk\x0bthuis?", options="Ja\nNee"
        )
    fill(campaign)
    close(campaign)
    cells = [c for row in download(manager_client, campaign, file_format) for c in row if c]
    texts = [c for c in cells if isinstance(c, str)]
    assert not [c for c in texts if "\x0b" in c]
    assert "Werk thuis?" in texts
