"""The pooled reference on the results page (employers of the same kind, else all employers,
next to the national figures) and the employer's choice to stay out of it."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from monitor.models import PooledReference, ReferenceFigure
from monitor.pooling import yearly_reference
from programme.models import Organisation, OrganisationKind, Role
from tests.conftest import client_for, make_member
from tests.monitor.conftest import TODAY, close, make_campaign, submit
from tests.monitor.test_pooling import YEAR, employer, monitor
from tests.monitor.test_results_page import (
    NS,
    cells_of_row,
    english,
    parse,
    results_url,
    table_for,
    text_of,
)

CARERS = "Employees who care for someone"
CAPTION = "This campaign next to the previous campaign"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # TODAY is in 2026: the latest complete year is 2025 (YEAR).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def pooled_cell(client, campaign) -> str:
    table = table_for(parse(english(client).get(results_url(campaign))), CAPTION)
    headers = [text_of(th) for th in table.find(f"{NS}thead").iter(f"{NS}th")]
    assert headers[3] == "Employers on this platform"
    assert headers[4] == "National figure"
    return cells_of_row(table, CARERS)[2]


def test_the_page_shows_employers_of_the_same_kind_and_still_the_national_figure(
    org_a, manager_client
):
    own = monitor(org_a, carers=7, others=5)  # a municipality, like the five others
    for _ in range(5):
        monitor(employer(), carers=6, others=6)
    employers_of_other_kinds = [employer(OrganisationKind.CARE) for _ in range(5)]
    for organisation in employers_of_other_kinds:
        monitor(organisation, carers=2, others=10)
    table = table_for(parse(english(manager_client).get(results_url(own))), CAPTION)
    cells = cells_of_row(table, CARERS)
    # 37 carers of 72 respondents in six municipalities (this one included): 51%.
    assert cells[2] == "51% Municipalities 2025 · 6 organisations, 70 respondents"
    national = ReferenceFigure.objects.get(key="carer-share")
    assert f"Source: {national.source}" in cells[3]
    note = text_of(
        parse(english(manager_client).get(results_url(own))).find(f".//{NS}p[@id='pooled-note']")
    )
    assert "closed in 2025" in note
    assert "Your own organisation counts in it too" in note


def test_without_a_figure_of_its_kind_the_page_shows_all_employers(db):
    business = employer(OrganisationKind.BUSINESS)
    client = client_for(make_member(business, "hr@bedrijf.example", Role.HR))
    own = monitor(business, carers=6, others=6)
    for kind in [OrganisationKind.MUNICIPALITY] * 3 + [OrganisationKind.CARE] * 2:
        monitor(employer(kind), carers=6, others=6)
    assert pooled_cell(client, own) == "50% All employers 2025 · 6 organisations, 70 respondents"


def test_without_any_published_pool_the_page_shows_a_dash(org_a, manager_client):
    own = monitor(org_a, carers=6, others=6)
    for _ in range(3):
        monitor(employer(), carers=6, others=6)
    assert pooled_cell(manager_client, own) == "— no figure from enough employers"


def test_a_campaign_of_this_year_is_shown_next_to_the_latest_complete_year(org_a, manager_client):
    for _ in range(5):
        monitor(employer(), carers=6, others=6)
    this_year = make_campaign(org_a, title="Monitor 2026")
    for n in range(12):
        assert submit(this_year, {1: [1 if n < 6 else 2], 16: [1]})
    close(this_year)
    assert pooled_cell(manager_client, this_year).startswith("50% Municipalities 2025 · 5 ")


def test_the_reference_on_the_page_is_frozen_when_an_employer_opts_out(org_a, manager_client):
    own = monitor(org_a, carers=7, others=5)
    others = [employer() for _ in range(5)]
    for organisation in others:
        monitor(organisation, carers=6, others=6)
    before = pooled_cell(manager_client, own)
    Organisation.objects.filter(pk=others[0].pk).update(share_in_pooled_figures=False)
    assert pooled_cell(manager_client, own) == before
    assert PooledReference.objects.filter(year=YEAR).count() == len(OrganisationKind) + 1


# --- The choice to stay out ----------------------------------------------------------------------


DETAILS = {
    "name": "Gemeente Aland",
    "kind": "gemeente",
    "employee_count": "1740",
    "two_factor_required": "nobody",
}


def edit_url(organisation) -> str:
    return reverse("programme:organisation_edit", kwargs={"slug": organisation.slug})


def test_hr_turns_off_counting_in_the_pooled_figures_and_back_on(org_a, hr_client):
    form = parse(english(hr_client).get(edit_url(org_a)))
    checkbox = form.find(f".//{NS}input[@name='share_in_pooled_figures']")
    assert checkbox is not None and checkbox.get("checked") is not None
    assert "from the next yearly figures on" in text_of(form.find(f".//{NS}main"))
    response = hr_client.post(edit_url(org_a), DETAILS)
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.share_in_pooled_figures is False
    detail = parse(english(hr_client).get(reverse("programme:organisation", args=[org_a.slug])))
    assert text_of(detail.find(f".//{NS}dd[@id='pooled-choice']")) == (
        "Our monitor figures do not count."
    )
    hr_client.post(edit_url(org_a), {**DETAILS, "share_in_pooled_figures": "on"})
    org_a.refresh_from_db()
    assert org_a.share_in_pooled_figures is True


def test_the_choice_is_explained_in_dutch(org_a, hr_client):
    page = hr_client.get(edit_url(org_a)).content.decode()
    assert "vanaf de volgende jaarcijfers" in page


def test_a_pool_of_closed_snapshots_ignores_a_campaign_of_the_year_still_open_elsewhere(db):
    """A campaign that is still open (its last day after the year) never counts in that year."""
    for _ in range(5):
        monitor(employer(), carers=6, others=6)
    late = employer()
    still_open = make_campaign(late, opens_on=date(YEAR, 12, 1), closes_on=date(YEAR + 1, 12, 1))
    assert submit(still_open, {1: [1], 16: [1]}, today=date(YEAR, 12, 2))
    reference = yearly_reference(year=YEAR, today=TODAY)
    assert reference[""]["carer-share"].organisations == 5
    still_open.refresh_from_db()
    assert still_open.closed_on is None
