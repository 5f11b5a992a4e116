"""A new letter is pre-filled from the programme: goal, review, monitor, outlook, pillars."""

import re
from datetime import date

from django.utils import translation

from monitor.models import Snapshot
from monitor.results import summary_for
from recognition.compose import place_name
from recognition.models import SectionKind
from tests.monitor.conftest import close, make_campaign
from tests.recognition.conftest import (
    CANCELLED_TITLE,
    CARER,
    COMPOSED_ON,
    DONE_TITLE,
    DONE_WITH_PARTNER,
    GOAL,
    NOT_CARER,
    OPEN_THIS_YEAR,
    PLANNED_TITLE,
    campaign_2025,
    close_after_last_day,
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
    letter = compose(org_a)  # the first look after its last day closes it, perturbed
    campaign.refresh_from_db()
    assert campaign.closed_on == COMPOSED_ON and Snapshot.objects.filter(campaign=campaign).exists()
    body = section(letter, SectionKind.MONITOR).body
    assert letter.campaign == campaign and letter.monitor_figures == []
    assert "Minder dan 5 medewerkers" in body
    assert not re.search(r"\b4\b", body), body


def test_a_group_below_the_minimum_inside_a_campaign_is_left_out(org_a):
    # 3 carers among 13: their share, and its complement, are suppressed.
    campaign = make_campaign(
        org_a, title="Kleine monitor", opens_on=date(2025, 5, 1), closes_on=date(2025, 5, 31)
    )
    respond(campaign, 3, CARER, date(2025, 5, 2))
    respond(campaign, 10, NOT_CARER, date(2025, 5, 3))
    # Exactly: the close's perturbation could lift 3 carers to the minimum of 5.
    close_after_last_day(campaign)
    letter = compose(org_a)
    body = section(letter, SectionKind.MONITOR).body
    figures = {f["key"]: f["percentage"] for f in letter.monitor_figures}
    assert figures["carer-share"] is None
    assert figures["discussed-with-manager"] is None
    assert "13 medewerkers" in body
    assert "23%" not in body and "77%" not in body  # 3 and 10 of 13
    assert "leidinggevende" not in body.split("\n\n")[1]  # no carer-only sentence


# --- Only a closed campaign reaches a letter -------------------------------------------------

TITLE_2026 = "Monitor werk en mantelzorg 2026"
LAST_DAY_2026 = date(2026, 12, 11)


def campaign_2026(organisation):
    """A campaign of 2026, open from 1 October to 11 December, with 20 responses (10 carers)."""
    campaign = make_campaign(
        organisation,
        title=TITLE_2026,
        opens_on=date(2026, 10, 1),
        closes_on=LAST_DAY_2026,
        invited_count=40,
    )
    respond(campaign, 10, CARER, date(2026, 10, 2))
    respond(campaign, 10, NOT_CARER, date(2026, 10, 5))
    return campaign


def figures_of(letter) -> dict:
    return {f["key"]: f["percentage"] for f in letter.monitor_figures}


def test_a_letter_never_reports_an_open_campaign_and_reports_its_snapshot_once_closed(org_a):
    campaign = campaign_2026(org_a)
    while_open = compose(org_a, year=2026, language="en", today=date(2026, 11, 20))
    body = section(while_open, SectionKind.MONITOR).body
    assert body == (
        f"No monitor closed in 2026 yet. The monitor “{TITLE_2026}” runs until 11 December 2026; "
        "its results follow after it closes."
    )
    assert while_open.campaign is None and while_open.monitor_figures == []
    campaign.refresh_from_db()
    assert campaign.closed_on is None and not Snapshot.objects.exists()  # composing left it open

    close(campaign, today=date(2026, 11, 25))  # HR closes it early, exactly
    closed = compose(org_a, year=2026, language="en", today=date(2026, 11, 26))
    body = section(closed, SectionKind.MONITOR).body
    summary = summary_for(campaign=campaign)
    assert closed.campaign == campaign and summary.is_publishable
    assert f"“{TITLE_2026}”" in body
    assert "20 employees responded (50% of those invited)." in body
    assert "50% of them care for someone close to them." in body
    assert figures_of(closed) == {
        key: summary.metrics[key] for key in figures_of(closed)
    }  # the snapshot's figures, no other
    assert figures_of(closed)["carer-share"] == 50.0
    # A letter composed earlier keeps what it said then.
    assert section(while_open, SectionKind.MONITOR).body.startswith("No monitor closed in 2026")


def test_a_dutch_letter_names_the_planned_campaign_and_no_figure_while_it_is_open(org_a):
    campaign_2026(org_a)
    letter = compose(org_a, year=2026, today=date(2026, 11, 20))
    body = section(letter, SectionKind.MONITOR).body
    assert f"“{TITLE_2026}”" in body and "11 december 2026" in body
    assert letter.monitor_figures == [] and "%" not in body
    assert not re.search(r"\b(10|20)\b", body), body  # no count of responses or carers
    assert "No monitor" not in body and "runs until" not in body, body  # in Dutch too


def test_on_its_last_day_a_campaign_is_still_open_and_the_day_after_it_is_reported(org_a):
    campaign = campaign_2026(org_a)
    on_last_day = compose(org_a, year=2026, language="en", today=LAST_DAY_2026)
    assert on_last_day.campaign is None and on_last_day.monitor_figures == []
    assert "runs until 11 December 2026" in section(on_last_day, SectionKind.MONITOR).body
    # The day after, composing closes it (with its random perturbation) and reports the
    # snapshot: the letter's figures are the snapshot's, whatever the perturbation made them.
    day_after = compose(org_a, year=2026, language="en", today=date(2026, 12, 12))
    campaign.refresh_from_db()
    assert campaign.closed_on == date(2026, 12, 12) and day_after.campaign == campaign
    metrics = summary_for(campaign=campaign).metrics
    assert figures_of(day_after) == {key: metrics[key] for key in figures_of(day_after)}
    assert "20 employees responded" in section(day_after, SectionKind.MONITOR).body


def test_a_letter_reports_only_a_campaign_that_closed_in_its_own_year(year_of_work):
    campaign_2026(year_of_work)  # open, while the 2025 campaign has closed
    letter_2026 = compose(year_of_work, year=2026, language="en", today=date(2026, 11, 20))
    assert letter_2026.campaign is None and letter_2026.monitor_figures == []
    body = section(letter_2026, SectionKind.MONITOR).body
    assert TITLE_2026 in body and "Monitor werk en mantelzorg 2025" not in body
    letter_2025 = compose(year_of_work, year=2025, language="en", today=date(2026, 11, 20))
    assert letter_2025.campaign.title == "Monitor werk en mantelzorg 2025"
    assert figures_of(letter_2025)["carer-share"] == 50.0


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


def test_a_letter_dated_before_the_close_does_not_report_it(org_a):
    campaign = campaign_2026(org_a)
    close(campaign, today=date(2026, 11, 25))
    earlier = compose(org_a, year=2026, language="en", today=date(2026, 11, 20))
    assert earlier.campaign is None and earlier.monitor_figures == []
    later = compose(org_a, year=2026, language="en", today=date(2026, 11, 26))
    assert later.campaign == Snapshot.objects.get().campaign


def test_a_letter_about_a_past_year_does_not_say_its_monitor_is_still_to_come(org_a):
    campaign_2026(org_a)  # open while the 2025 letter is written
    letter = compose(org_a, year=2025, language="en", today=date(2026, 11, 20))
    body = section(letter, SectionKind.MONITOR).body
    assert body.startswith("No monitor was held in 2025.")
    assert TITLE_2026 not in body
