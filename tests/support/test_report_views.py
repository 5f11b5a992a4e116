"""The report's page and downloads: the year from ?year=, a clear message for one that is not,
only the support organisation's own members, and a fixed number of queries."""

import io
from datetime import date

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from support.models import Prospect, Stage, SupportOrganisation
from support.report import support_report
from tests.conftest import client_for, make_support_member
from tests.support.test_report import (  # noqa: F401 (fixtures)
    TODAY,
    YEAR,
    done,
    elders,
    employer,
    following,
    prospect,
    world,
)


@pytest.fixture
def member(steunpunt):
    return make_support_member(steunpunt, "consulent@steunpunt-aland.example")


def url(steunpunt, name="support:report", **query) -> str:
    address = reverse(name, kwargs={"slug": steunpunt.slug})
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_page_reads_as_a_report_to_the_municipality(world, steunpunt, member):  # noqa: F811
    response = client_for(member).get(url(steunpunt, year=YEAR))
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    for expected in (
        "Rapportage 2025",
        "In opdracht van Gemeente Aland helpt Steunpunt Mantelzorg Aland werkgevers",
        "Onze regio: Aland, Beekdal.",
        "Deze rapportage gaat over heel 2025.",
        "Wij hebben 7 werkgevers in beeld; daarvan hebben wij er 6 benaderd.",
        "Wij hadden 3 contacten met werkgevers, met 2 werkgevers in totaal.",
        "De werkgevers die wij volgen, rondden 5 acties uit hun plan af.",
        "1 werkgever die wij volgen, kreeg de erkenning (verlengingen: 1).",
        "1 werkgever kwam via onze uitnodiging op het platform.",
        "minstens 5 werkgevers",
    ):
        assert expected in page, expected
    assert '<option value="2025" selected>2025</option>' in page
    assert url(steunpunt, "support:report_pdf", year=YEAR) in page
    assert url(steunpunt, "support:report_xlsx", year=YEAR) in page
    assert "Elders Bv" not in page  # the foreign support organisation's pipeline


def test_without_a_year_it_is_this_years_report(steunpunt, member):
    response = client_for(member).get(url(steunpunt))
    year = timezone.localdate().year
    assert response.status_code == 200
    assert f"Rapportage {year}" in response.content.decode()
    assert "alert-warning" not in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "20x5", "1999", "3000", "-5", "9" * 300, "<b>x</b>"])
def test_a_bad_year_gives_this_years_report_with_a_clear_message(steunpunt, member, value):
    response = client_for(member).get(url(steunpunt), {"year": value})
    year = timezone.localdate().year
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Rapportage {year}" in page
    assert "alert-warning" in page
    assert f"U ziet de rapportage over {year}." in page
    assert "<b>x</b>" not in page  # what was typed is shown escaped


@pytest.mark.parametrize("value", ["abc", "1999", ""])
def test_the_downloads_take_this_year_for_a_bad_one(steunpunt, member, value):
    year = timezone.localdate().year
    client = client_for(member)
    pdf = client.get(url(steunpunt, "support:report_pdf"), {"year": value})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert f'filename="rapportage-steunpunt-aland-{year}.pdf"' in pdf["Content-Disposition"]
    assert "no-store" in pdf["Cache-Control"]
    xlsx = client.get(url(steunpunt, "support:report_xlsx"), {"year": value})
    assert xlsx.status_code == 200
    assert f'filename="rapportage-steunpunt-aland-{year}.xlsx"' in xlsx["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[0] == f"Samenvatting {year}"


def test_the_workbook_download_holds_the_years_numbers(world, steunpunt, member):  # noqa: F811
    response = client_for(member).get(url(steunpunt, "support:report_xlsx", year=YEAR))
    summary = dict(
        openpyxl.load_workbook(io.BytesIO(response.content))["Samenvatting 2025"].iter_rows(
            min_row=2, values_only=True
        )
    )
    assert summary["Werkgevers in beeld"] == 7 and summary["Contacten"] == 3


def test_nobody_else_reaches_the_report(world, steunpunt, elders, hr_a):  # noqa: F811
    theirs = make_support_member(elders, "consulent@elders.example")
    for name in ("support:report", "support:report_pdf", "support:report_xlsx"):
        # A member of another support organisation, and the HR advisor of an employer that
        # steunpunt follows: neither learns that the report exists.
        assert client_for(theirs).get(url(steunpunt, name)).status_code == 404
        assert client_for(hr_a).get(url(steunpunt, name)).status_code == 404


def test_the_report_costs_the_same_queries_for_a_larger_world(world, steunpunt):  # noqa: F811
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            support_report(support_organisation=steunpunt, year=YEAR, today=TODAY)
        return len(captured)

    before = queries()
    for number in range(12):
        organisation = employer(f"Extra werkgever {number}")
        following(steunpunt, organisation, date(2024, 1, 1))
        done(organisation, date(YEAR, 5, 1))
        prospect(steunpunt, f"Extra {number}", stage=Stage.APPROACHED, organisation=organisation)
    assert (
        support_report(support_organisation=steunpunt, year=YEAR, today=TODAY).actions_total == 17
    )
    assert queries() == before


def test_an_empty_support_organisation_has_a_report_too(db):
    empty = SupportOrganisation.objects.create(name="Steunpunt Leeg", slug="steunpunt-leeg")
    member = make_support_member(empty, "leeg@example.org")
    response = client_for(member).get(url(empty))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er zijn nog geen werkgevers in beeld." in page
    assert "Wij kijken nog met geen enkele werkgever mee." in page
    assert not Prospect.objects.exists()
