"""A new letter is pre-filled from the programme: goal, review, monitor, outlook, pillars."""

import re
from datetime import date

from django.utils import translation

from recognition.compose import place_name
from recognition.models import SectionKind
from tests.monitor.conftest import make_campaign
from tests.recognition.conftest import (
    CANCELLED_TITLE,
    DONE_TITLE,
    DONE_WITH_PARTNER,
    GOAL,
    NOT_CARER,
    OPEN_THIS_YEAR,
    PLANNED_TITLE,
    campaign_2025,
    compose,
    respond,
    section,
)


def test_a_new_letter_has_the_sections_of_a_council_letter_in_order(year_of_work):
    letter = compose(year_of_work)
    assert [s.kind for s in letter.sections.all()] == [
        SectionKind.INTRO,
        SectionKind.GOAL,
        SectionKind.REVIEW,
        SectionKind.MONITOR,
        SectionKind.OUTLOOK,
        SectionKind.CLOSING,
    ]
    assert letter.state == "concept" and letter.pdf is None and letter.pdf_sha256 == ""


def test_a_dutch_letter_speaks_dutch_whatever_the_interface_speaks(year_of_work):
    with translation.override("en"):
        letter = compose(year_of_work, language="nl")
    titles = [s.title for s in letter.sections.all() if s.title]
    assert titles == ["Het doel", "Terugblik 2025", "Resultaten van de monitor", "Vooruitblik 2026"]
    assert letter.salutation == "Geachte voorzitter en leden,"
    assert letter.complimentary_close == "Hoogachtend,"
    assert letter.subject == "Stand van zaken mantelzorgvriendelijke organisatie 2025"
    assert letter.addressee == "Aan de leden van de gemeenteraad van Aland"


def test_an_english_letter_speaks_english(year_of_work):
    letter = compose(year_of_work, language="en")
    assert section(letter, SectionKind.REVIEW).title == "Review 2025"
    assert section(letter, SectionKind.OUTLOOK).title == "Outlook 2026"


def test_the_goal_is_the_organisations_own(year_of_work):
    assert section(compose(year_of_work), SectionKind.GOAL).body == GOAL


def test_without_a_goal_the_section_asks_for_one(org_a):
    body = section(compose(org_a), SectionKind.GOAL).body
    assert body.startswith("[") and body.endswith("]")


def test_the_review_lists_the_years_done_actions_under_their_pillar(year_of_work):
    body = section(compose(year_of_work), SectionKind.REVIEW).body
    assert f"Beschrijven:\n- {DONE_TITLE}" in body
    assert f"Bespreken:\n- {DONE_WITH_PARTNER} (met Steunpunt Mantelzorg)" in body
    assert OPEN_THIS_YEAR not in body
    assert body.index("Bespreken:") < body.index("Beschrijven:")  # the pillars' order


def test_the_review_ends_with_where_each_pillar_stands(year_of_work):
    body = section(compose(year_of_work), SectionKind.REVIEW).body
    for pillar, total in (("Bespreken", 5), ("Beschrijven", 4), ("Bekwamen", 4), ("Borgen", 4)):
        assert f"- {pillar}: 0 van de {total} checklistpunten afgerond" in body


def test_the_outlook_lists_next_years_plan_without_cancelled_actions(year_of_work):
    body = section(compose(year_of_work), SectionKind.OUTLOOK).body
    assert f"Bekwamen:\n- {PLANNED_TITLE}" in body
    assert CANCELLED_TITLE not in body and DONE_TITLE not in body


def test_an_empty_year_says_so(org_a):
    letter = compose(org_a)
    assert "In 2025 zijn geen acties afgerond." in section(letter, SectionKind.REVIEW).body
    assert "Voor 2026 zijn nog geen acties gepland." in section(letter, SectionKind.OUTLOOK).body
    assert "In 2025 is geen monitor gehouden." in section(letter, SectionKind.MONITOR).body


def test_the_monitor_section_reports_the_years_campaign_in_sentences(year_of_work):
    letter = compose(year_of_work)
    body = section(letter, SectionKind.MONITOR).body
    assert "“Monitor werk en mantelzorg 2025”" in body
    assert "20 medewerkers" in body and "50%" in body  # 20 of 40 invited; 10 of 20 carers
    assert letter.campaign.title == "Monitor werk en mantelzorg 2025"
    figures = {f["key"]: f["percentage"] for f in letter.monitor_figures}
    assert figures["carer-share"] == 50.0 and figures["discussed-with-manager"] == 100.0


def test_a_campaign_of_another_year_is_not_reported(year_of_work):
    letter = compose(year_of_work, year=2024)
    assert letter.campaign is None and letter.monitor_figures == []


def test_a_campaign_below_the_minimum_never_reaches_the_letter(org_a):
    campaign = campaign_2025(org_a)
    respond(campaign, 4, NOT_CARER, date(2025, 10, 2))
    letter = compose(org_a)
    body = section(letter, SectionKind.MONITOR).body
    assert letter.monitor_figures == []
    assert "Minder dan 5 medewerkers" in body
    assert not re.search(r"\b4\b", body), body


def test_a_group_below_the_minimum_inside_a_campaign_is_left_out(org_a):
    # 3 carers among 13: their share, and its complement, are suppressed.
    campaign = make_campaign(
        org_a, title="Kleine monitor", opens_on=date(2025, 5, 1), closes_on=date(2025, 5, 31)
    )
    from tests.recognition.conftest import CARER

    respond(campaign, 3, CARER, date(2025, 5, 2))
    respond(campaign, 10, NOT_CARER, date(2025, 5, 3))
    letter = compose(org_a)
    body = section(letter, SectionKind.MONITOR).body
    figures = {f["key"]: f["percentage"] for f in letter.monitor_figures}
    assert figures["carer-share"] is None
    assert figures["discussed-with-manager"] is None
    assert "13 medewerkers" in body
    assert "23%" not in body and "77%" not in body  # 3 and 10 of 13
    assert "leidinggevende" not in body.split("\n\n")[1]  # no carer-only sentence


def test_a_municipality_is_named_by_its_place(org_a):
    assert place_name(org_a) == "Aland"
    org_a.name = "Zorggroep Beekdal"
    assert place_name(org_a) == "Zorggroep Beekdal"


def test_another_employer_writes_to_its_board(org_b):
    org_b.kind = "zorg"
    org_b.save()
    letter = compose(org_b)
    assert letter.salutation == "Geachte leden van het bestuur,"
    assert [s.role for s in letter.signatories.all()] == ["de directeur", "de P&O-adviseur"]


def test_signatories_come_from_the_latest_letter(draft):
    letter = compose(draft.organisation, year=2026)
    assert [(s.name, s.role) for s in letter.signatories.all()] == [
        ("A. Secretaris", "de secretaris"),
        ("B. Burgemeester", "de burgemeester"),
    ]
