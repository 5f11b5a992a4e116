"""The portfolio's export: the rows the page shows, by the project's export rules, read back."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programme.models import Organisation, OrganisationKind
from tests.conftest import client_for, follow, make_support_member
from tests.support.portfolio_world import employer


@pytest.fixture
def advisor(steunpunt):
    return make_support_member(steunpunt, "consulent@steunpunt-aland.example")


@pytest.fixture
def employers(steunpunt):
    first = employer(steunpunt, 1)  # care, 57 employees
    second = employer(steunpunt, 2, kind=OrganisationKind.BUSINESS, employee_count=1200)
    # A name a spreadsheet would run as a formula, and nothing else to show.
    risky = Organisation.objects.create(
        name='=HYPERLINK("https://example.org")', slug="formule", kind=OrganisationKind.BUSINESS
    )
    follow(steunpunt, risky)
    return first, second, risky


def export(client, support, file_format: str, **params):
    url = reverse(
        "support:portfolio_export", kwargs={"slug": support.slug, "file_format": file_format}
    )
    return client.get(url, params)


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_the_csv_holds_every_row_in_dutch_for_dutch_excel(steunpunt, employers, advisor):
    response = export(client_for(advisor), steunpunt, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="portefeuille-steunpunt-aland-' in response["Content-Disposition"]
    rows = read_csv(response)
    by_name = {row["Werkgever"]: row for row in rows}
    assert set(by_name) == {"Werkgever 001", "Werkgever 002", '\'=HYPERLINK("https://example.org")'}
    first = by_name["Werkgever 001"]
    today = timezone.localdate()
    assert first["Soort"] == "Zorg"
    assert first["Aantal medewerkers"] == "57"
    assert first["Omvang"] == "50–249"
    assert first["Erkenning"] == "Erkend"
    assert first["Verlengen vóór"] == (today + timedelta(days=500)).strftime("%d-%m-%Y")
    assert first["Reacties"] == "5"
    assert first["Eerstvolgende moment"] == (today + timedelta(days=10)).strftime("%d-%m-%Y")
    assert first["Soort contact"] == "Telefoongesprek"
    assert first["Volgende stap"] == "Terugbellen"
    assert by_name['\'=HYPERLINK("https://example.org")']["Reacties"] == ""


def test_the_export_follows_the_pages_filters_and_order(steunpunt, employers, advisor):
    client = client_for(advisor)
    rows = read_csv(export(client, steunpunt, "csv", kind="bedrijf", sort="-size"))
    assert [row["Werkgever"] for row in rows] == [
        "Werkgever 002",
        '\'=HYPERLINK("https://example.org")',
    ]
    rows = read_csv(export(client, steunpunt, "csv", size="1000-plus"))
    assert [row["Werkgever"] for row in rows] == ["Werkgever 002"]


def test_the_workbook_has_a_named_sheet_with_a_filter_and_real_values(
    steunpunt, employers, advisor
):
    client = client_for(advisor)
    response = export(client, steunpunt, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Portefeuille"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Werkgever", "Soort", "Aantal medewerkers", "Omvang"]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}4"
    values = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    first = values["Werkgever 001"]
    assert first["Aantal medewerkers"] == 57
    assert first["Reacties"] == 5
    assert first["Volgende stap op"].date() == timezone.localdate() + timedelta(days=5)
    assert '\'=HYPERLINK("https://example.org")' in values
    # The same rows give the same file.
    assert export(client, steunpunt, "xlsx").content == response.content


def test_an_unknown_format_is_404(steunpunt, advisor):
    assert export(client_for(advisor), steunpunt, "pdf").status_code == 404


def test_the_export_is_404_for_another_support_organisations_member(steunpunt, employers, db):
    from support.models import SupportOrganisation

    other = SupportOrganisation.objects.create(name="Elders", slug="elders")
    outsider = make_support_member(other, "consulent@elders.example")
    assert export(client_for(outsider), steunpunt, "csv").status_code == 404
