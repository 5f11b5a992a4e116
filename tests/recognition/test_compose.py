"""A new letter is pre-filled from the programme: goal, review, monitor, outlook, pillars."""

import re
from datetime import date

from django.utils import translation

from monitor.models import ReferenceFigure, Snapshot
from monitor.results import summary_for
from monitor.suggestions import suggestion_adopt, suggestions_for
from programme.models import ActionStatus, PillarKey
from recognition.compose import place_name
from recognition.letter_text import starts_with_numeral
from recognition.models import Recognition, RecognitionStatus, SectionKind
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


def paragraph_with(body: str, text: str) -> str:
    """The one paragraph of a section's body that holds `text`."""
    found = [p for p in body.split("\n\n") if text in p]
    assert len(found) == 1, (text, body)
    return found[0]


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
    assert titles == [
        "Het doel",
        "Terugblik 2025",
        "Resultaten van de monitor",
        "Vooruitblik 2026 e.v.",
    ]
    assert letter.salutation == "Geachte voorzitter en leden,"
    assert letter.complimentary_close == "Hoogachtend,"
    assert letter.subject == "Stand van zaken mantelzorgvriendelijke organisatie 2025"
    assert letter.addressee == "Aan de leden van de gemeenteraad van Aland"


def test_an_english_letter_speaks_english(year_of_work):
    letter = compose(year_of_work, language="en")
    assert section(letter, SectionKind.REVIEW).title == "Review 2025"
    assert section(letter, SectionKind.OUTLOOK).title == "Outlook 2026 and beyond"


def test_the_goal_is_the_organisations_own(year_of_work):
    assert section(compose(year_of_work), SectionKind.GOAL).body == GOAL


def test_without_a_goal_the_section_asks_for_one(org_a):
    body = section(compose(org_a), SectionKind.GOAL).body
    assert body.startswith("[") and body.endswith("]")


def test_the_review_tells_each_pillar_in_a_paragraph_of_its_own(year_of_work):
    body = section(compose(year_of_work), SectionKind.REVIEW).body
    discuss = paragraph_with(body, "Bij Bespreken gaat het om het gesprek")
    describe = paragraph_with(body, "Bij Beschrijven gaat het om de regelingen")
    # Without a description the title says what was done; the partner says with whom.
    assert f"Afgerond: {DONE_TITLE}." in describe
    assert f"Afgerond: {DONE_WITH_PARTNER}. Dit deden wij samen met Steunpunt Mantelzorg." in (
        discuss
    )
    assert body.index(discuss) < body.index(describe)  # the pillars' order
    assert "\n- " not in body  # prose, no list of titles


def test_the_review_uses_the_actions_own_descriptions(org_a, make_action):
    make_action(
        org_a,
        title="Intranetpagina",
        pillar=PillarKey.DESCRIBE,
        status=ActionStatus.DONE,
        completed_date=date(2025, 4, 24),
        description="Op het intranet staat nu één pagina over werk en zorg.\n- met de regelingen",
        partner="Steunpunt Mantelzorg",
    )
    make_action(
        org_a,
        title="Gesprek met de OR",
        pillar=PillarKey.DISCUSS,
        status=ActionStatus.DONE,
        completed_date=date(2025, 5, 1),
        description="Samen met het Steunpunt Mantelzorg spraken wij de OR.",
        partner="Steunpunt Mantelzorg",
    )
    body = section(compose(org_a), SectionKind.REVIEW).body
    assert (
        "Op het intranet staat nu één pagina over werk en zorg. Met de regelingen. "
        "Dit deden wij samen met Steunpunt Mantelzorg."
    ) in body
    assert "Intranetpagina" not in body  # the description says it
    # A description that names the partner is not followed by the partner again.
    assert "spraken wij de OR. Dit deden" not in body


def test_the_partners_of_a_paragraphs_done_work_are_named_once_at_its_end(org_a, make_action):
    for title, partner in [
        ("Cursus grenzen bewaken", "Steunpunt Mantelzorg"),
        ("Uitleg voor HR-adviseurs", "Steunpunt Mantelzorg"),
        ("Lerend netwerk", "Lerend netwerk Oost"),
    ]:
        make_action(
            org_a,
            title=title,
            pillar=PillarKey.EQUIP,
            status=ActionStatus.DONE,
            completed_date=date(2025, 6, 1),
            description=f"{title} is gedaan.",
            partner=partner,
        )
    body = section(compose(org_a), SectionKind.REVIEW).body
    equip = paragraph_with(body, "Bij Bekwamen")
    assert equip.count("Dit deden wij samen met") == 1
    assert equip.endswith("Dit deden wij samen met Steunpunt Mantelzorg en Lerend netwerk Oost.")


def test_work_still_going_or_late_is_said_as_such(year_of_work, make_action):
    make_action(
        year_of_work,
        title="Leermiddel voor leidinggevenden",
        pillar=PillarKey.EQUIP,
        status=ActionStatus.IN_PROGRESS,
        planned_date=date(2025, 12, 15),
        description="Samen met een opleidingsbureau maken wij lesmateriaal.",
        partner="Opleidingsbureau Oost",
    )
    make_action(
        year_of_work,
        title="Welkomstpakket",
        pillar=PillarKey.EMBED,
        status=ActionStatus.IN_PROGRESS,
        planned_date=date(2025, 11, 28),
        description="Nieuwe collega's horen op hun eerste dag wat wij mantelzorgers bieden.",
    )
    make_action(
        year_of_work,
        title="Nieuwsbrief over mantelzorg",
        pillar=PillarKey.EMBED,
        planned_date=date(2025, 9, 1),
    )
    body = section(compose(year_of_work), SectionKind.REVIEW).body
    assert (
        "Samen met een opleidingsbureau maken wij lesmateriaal. Dit doen wij samen met "
        "Opleidingsbureau Oost. Dit werk loopt nog en moet op 15 december 2025 klaar zijn."
    ) in body
    assert (
        "wat wij mantelzorgers bieden. Dit werk is vertraagd: het stond gepland voor "
        "28 november 2025 en loopt nog."
    ) in body
    assert (
        "“Nieuwsbrief over mantelzorg” is vertraagd: het stond gepland voor 1 september 2025 "
        "en is nog niet begonnen."
    ) in body
    assert f"“{OPEN_THIS_YEAR}” is nog niet begonnen." in body
    assert CANCELLED_TITLE not in body


def test_the_day_of_the_carer_has_a_paragraph_of_its_own(org_a, make_action):
    make_action(
        org_a,
        title="Informatiekraam op de Dag van de Mantelzorg",
        pillar=PillarKey.EMBED,
        status=ActionStatus.DONE,
        planned_date=date(2025, 11, 10),
        completed_date=date(2025, 11, 10),
        description="In de hal stond een informatiekraam van het steunpunt.",
    )
    make_action(
        org_a,
        title="Contactpersoon aangewezen",
        pillar=PillarKey.EMBED,
        status=ActionStatus.DONE,
        planned_date=date(2025, 5, 10),
        completed_date=date(2025, 5, 10),
        description="Er is een vaste contactpersoon bij P&O.",
    )
    body = section(compose(org_a), SectionKind.REVIEW).body
    carers_day = paragraph_with(body, "Rond de Dag van de Mantelzorg op 10 november 2025")
    assert "In de hal stond een informatiekraam van het steunpunt." in carers_day
    embed = paragraph_with(body, "Bij Borgen")
    assert "Er is een vaste contactpersoon bij P&O." in embed
    assert "informatiekraam" not in embed


def test_the_review_says_where_the_pillars_stand_in_words(year_of_work):
    body = section(compose(year_of_work), SectionKind.REVIEW).body
    assert body.endswith(
        "Zo staan de vier pijlers er op 9 december 2025 voor: bij Bespreken, Beschrijven, "
        "Bekwamen en Borgen moet het meeste nog gebeuren."
    )


def test_no_text_of_the_letter_speaks_of_checklist_items(year_of_work):
    for language in ("nl", "en"):
        letter = compose(year_of_work, language=language)
        text = " ".join(s.body for s in letter.sections.all()).lower()
        assert "checklist" not in text, language


def test_the_outlook_frames_the_plan_and_explains_each_action(year_of_work, make_action):
    make_action(
        year_of_work,
        title="Mantelzorg in het levensfasebewuste beleid",
        year=2026,
        pillar=PillarKey.EMBED,
        planned_date=date(2026, 9, 30),
        description="Mantelzorg krijgt een plaats in het beleid voor duurzame inzetbaarheid.",
        owner="Beleidsadvies P&O",
        partner="Werk&Mantelzorg",
    )
    body = section(compose(year_of_work), SectionKind.OUTLOOK).body
    assert body.startswith("Mantelzorg hoort bij ons beleid voor duurzame inzetbaarheid")
    assert "levensfasebewuste beleid" in body.split("\n\n")[0]
    assert "De volgende acties staan op de planning voor 2026:" in body
    assert (
        "- Mantelzorg in het levensfasebewuste beleid (september 2026). Mantelzorg krijgt een "
        "plaats in het beleid voor duurzame inzetbaarheid. Uitvoering: Beleidsadvies P&O, samen "
        "met Werk&Mantelzorg."
    ) in body
    assert f"- {PLANNED_TITLE}." in body
    assert CANCELLED_TITLE not in body and DONE_TITLE not in body
    # This year's unfinished work carries over.
    carried = body[body.index("Dit werk uit 2025 is nog niet af en loopt door:") :]
    assert f"- “{OPEN_THIS_YEAR}” is nog niet begonnen." in carried


def test_without_policy_words_the_outlook_asks_the_advisor_to_frame_it(year_of_work):
    body = section(compose(year_of_work), SectionKind.OUTLOOK).body
    assert body.startswith("[Beschrijf hier hoe mantelzorg is verankerd in het beleid")
    assert "duurzame inzetbaarheid:" not in body  # no claim the data does not make


def test_an_empty_year_says_so(org_a):
    letter = compose(org_a)
    assert "In 2025 zijn geen acties afgerond." in section(letter, SectionKind.REVIEW).body
    assert "Voor 2026 zijn nog geen acties gepland." in section(letter, SectionKind.OUTLOOK).body
    assert "In 2025 is geen monitor gehouden." in section(letter, SectionKind.MONITOR).body


def test_the_monitor_section_reports_the_years_campaign_in_sentences(year_of_work):
    letter = compose(year_of_work)
    body = section(letter, SectionKind.MONITOR).body
    assert body.startswith(
        "Van 1 oktober tot en met 31 oktober 2025 hielden wij de monitor "
        "“Monitor werk en mantelzorg 2025”. Dat deden wij in aanloop naar de Dag van de "
        "Mantelzorg op 10 november. Alle medewerkers konden meedoen, ook wie (nog) geen "
        "mantelzorger is, en de antwoorden zijn anoniem."
    )
    assert "Van de 40 uitgenodigde medewerkers deden er 20 mee: een respons van 50%." in body
    assert "- Van de medewerkers die meededen, zorgt 50% voor een naaste." in body
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
    assert "deden er 13 mee" in body
    assert "23%" not in body and "77%" not in body  # 3 and 10 of 13
    findings = [line for line in body.split("\n") if line.startswith("- ")]
    assert findings and not any("mantelzorgers heeft" in f for f in findings)  # carers only


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
    assert "Of the 40 employees invited, 20 took part: a response of 50%." in body
    assert "Of the employees who took part, 50% care for someone close to them." in body
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
    assert "20 took part" in section(day_after, SectionKind.MONITOR).body


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


# --- The recognition, written as "wij" -------------------------------------------------------


def intro_of(organisation, **kwargs) -> str:
    return section(compose(organisation, **kwargs), SectionKind.INTRO).body


def test_a_recognised_organisation_says_since_when_until_when_and_the_renewal(org_a):
    Recognition.objects.create(
        organisation=org_a,
        status=RecognitionStatus.RECOGNISED,
        applied_on=date(2023, 9, 15),
        granted_on=date(2023, 11, 10),
        valid_until=date(2027, 11, 10),
        renewal_due=date(2027, 4, 30),
    )
    intro = intro_of(org_a)
    assert intro.startswith("Graag informeren wij u in deze brief over wat wij in 2025 ")
    assert (
        "Sinds 10 november 2023 zijn wij erkend als mantelzorgvriendelijke werkgever; de "
        "erkenning loopt tot 10 november 2027 en wij vragen de verlenging aan in april 2027."
    ) in intro
    assert org_a.name not in intro and "worden" not in intro  # "wij", not "the organisation"
    english = intro_of(org_a, language="en")
    assert (
        "Since 10 November 2023 we have been recognised as a caregiver-friendly employer; the "
        "recognition runs until 10 November 2027 and we will apply for its renewal in April 2027."
    ) in english


def test_a_renewal_applied_for_is_said_beside_the_recognition_in_force(org_a):
    Recognition.objects.create(
        organisation=org_a,
        status=RecognitionStatus.RECOGNISED,
        granted_on=date(2023, 11, 10),
        valid_until=date(2026, 1, 31),
    )
    Recognition.objects.create(
        organisation=org_a, status=RecognitionStatus.APPLIED, applied_on=date(2025, 11, 3)
    )
    assert (
        "Sinds 10 november 2023 zijn wij erkend als mantelzorgvriendelijke werkgever; de "
        "erkenning loopt tot 31 januari 2026 en op 3 november 2025 hebben wij de verlenging "
        "aangevraagd."
    ) in intro_of(org_a)


def test_a_lapsed_recognition_is_not_said_to_hold(org_a):
    Recognition.objects.create(
        organisation=org_a,
        status=RecognitionStatus.RECOGNISED,
        granted_on=date(2021, 11, 10),
        valid_until=date(2024, 11, 10),
    )
    intro = intro_of(org_a)
    assert "Onze erkenning als mantelzorgvriendelijke werkgever liep tot 10 november 2024." in intro
    assert "zijn wij erkend" not in intro


def test_without_a_recognition_the_letter_says_where_we_stand_toward_applying(org_a):
    intro = intro_of(org_a)
    assert (
        "Wij zijn nog niet erkend als mantelzorgvriendelijke werkgever. Het meeste van wat de "
        "erkenning vraagt, moet nog gebeuren."
    ) in intro
    Recognition.objects.create(
        organisation=org_a, status=RecognitionStatus.APPLIED, applied_on=date(2025, 9, 15)
    )
    assert (
        "Op 15 september 2025 hebben wij de erkenning als mantelzorgvriendelijke werkgever "
        "aangevraagd."
    ) in intro_of(org_a)


def test_another_organisations_recognition_never_reaches_the_letter(org_a, org_b):
    Recognition.objects.create(
        organisation=org_b,
        status=RecognitionStatus.RECOGNISED,
        granted_on=date(2023, 11, 10),
        valid_until=date(2027, 11, 10),
    )
    assert "Wij zijn nog niet erkend" in intro_of(org_a)


# --- The monitor part ------------------------------------------------------------------------

SENTENCE_BREAK = re.compile(r"(?<=[.:;])\s+|\n+")


def sentences_in(text: str) -> list[str]:
    return [s.removeprefix("- ") for s in SENTENCE_BREAK.split(text) if s.strip()]


def test_findings_are_three_or_four_sentences_that_never_start_with_a_numeral(year_of_work):
    for language in ("nl", "en"):
        letter = compose(year_of_work, language=language)
        body = section(letter, SectionKind.MONITOR).body
        findings = [line for line in body.split("\n") if line.startswith("- ")]
        assert 3 <= len(findings) <= 4, body
        for kind in (SectionKind.MONITOR, SectionKind.REVIEW, SectionKind.INTRO):
            for text in sentences_in(section(letter, kind).body):
                assert not starts_with_numeral(text), (language, text)


def test_a_finding_stands_beside_the_national_figure_with_its_source(year_of_work):
    body = section(compose(year_of_work), SectionKind.MONITOR).body
    carers = ReferenceFigure.objects.get(key="carer-share")
    assert carers.is_verified
    assert (
        "- Van de medewerkers die meededen, zorgt 50% voor een naaste. Landelijk is dat 25% "
        f"(bron: {carers.source})."
    ) in body
    # An unverified national figure says so.
    assert "Landelijk is dat ongeveer 60% (bron: " in body
    assert "niet nagegaan in de oorspronkelijke bron)." in body
    assert "Er is nog geen eerdere monitor om deze uitkomsten mee te vergelijken." in body


def test_the_monitor_part_says_what_changed_since_the_previous_campaign(org_a):
    earlier = make_campaign(
        org_a,
        title="Monitor 2024",
        opens_on=date(2024, 10, 1),
        closes_on=date(2024, 10, 31),
        invited_count=40,
    )
    respond(earlier, 5, CARER, date(2024, 10, 2))
    respond(earlier, 15, NOT_CARER, date(2024, 10, 3))
    close_after_last_day(earlier)
    later = campaign_2025(org_a)
    respond(later, 10, CARER, date(2025, 10, 2))
    respond(later, 10, NOT_CARER, date(2025, 10, 3))
    close_after_last_day(later)
    body = section(compose(org_a), SectionKind.MONITOR).body
    assert "Vergeleken met de vorige monitor, “Monitor 2024”:" in body
    assert "Het aandeel medewerkers dat voor een naaste zorgt steeg van 25% naar 50%." in body
    assert "geen eerdere monitor" not in body


def test_the_monitor_part_names_the_suggestions_taken_up_as_actions(year_of_work):
    summary = summary_for(campaign=compose(year_of_work).campaign)
    with translation.override("nl"):
        suggestion = suggestions_for(metrics=summary.metrics)[0]
    body = section(compose(year_of_work), SectionKind.MONITOR).body
    assert "Naar aanleiding van de monitor" not in body  # nothing taken up yet
    action, _created = suggestion_adopt(
        organisation=year_of_work, suggestion=suggestion, today=date(2025, 11, 20)
    )
    body = section(compose(year_of_work), SectionKind.MONITOR).body
    assert (
        f"Naar aanleiding van de monitor hebben wij deze actie opgepakt: “{action.title}”."
    ) in body


def test_a_2026_letter_composed_on_1_december_never_reports_the_open_2026_campaign(org_a):
    campaign = campaign_2026(org_a)  # open from 1 October to 11 December, 20 responses
    letter = compose(org_a, year=2026, today=date(2026, 12, 1))
    body = section(letter, SectionKind.MONITOR).body
    assert letter.campaign is None and letter.monitor_figures == []
    assert "hielden wij" not in body and "%" not in body and "uitkomsten:" not in body
    assert body == (
        f"In 2026 is nog geen monitor afgesloten. De monitor “{TITLE_2026}” loopt tot en met "
        "11 december 2026; de resultaten volgen na de sluiting."
    )
    campaign.refresh_from_db()
    assert campaign.closed_on is None  # composing left it open


def test_without_a_campaign_the_letter_says_when_the_next_one_is_planned(org_a):
    make_campaign(
        org_a, title="Monitor 2026", opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)
    )
    body = section(compose(org_a), SectionKind.MONITOR).body
    assert body == (
        "In 2025 is geen monitor gehouden. De volgende monitor staat gepland van 1 maart 2026 "
        "tot en met 31 maart 2026."
    )


def test_without_any_campaign_the_letter_says_none_is_planned(org_a):
    body = section(compose(org_a), SectionKind.MONITOR).body
    assert body == "In 2025 is geen monitor gehouden. Een volgende monitor is nog niet gepland."


def test_an_english_letter_composes_every_section_in_english(year_of_work):
    letter = compose(year_of_work, language="en")
    bodies = {s.kind: s.body for s in letter.sections.all()}
    assert all(bodies[kind] for kind in bodies if kind != SectionKind.GOAL)
    assert bodies[SectionKind.REVIEW].startswith(
        "In 2025 we worked along the four pillars of the Werk&Mantelzorg method: Discuss, "
        "Describe, Equip and Embed."
    )
    assert "Discuss is about talking about work and caregiving." in bodies[SectionKind.REVIEW]
    assert "From 1 October to 31 October 2025 we held the monitor" in bodies[SectionKind.MONITOR]
    assert "These actions are planned for 2026:" in bodies[SectionKind.OUTLOOK]
    assert "We are not yet recognised as a caregiver-friendly employer." in bodies["intro"]
    dutch = ("Bij ", " wij ", "Uitvoering", "Landelijk", "gepland")
    for kind, body in bodies.items():
        if kind != SectionKind.GOAL:  # the organisation's own (Dutch) goal
            assert not any(word in body for word in dutch), (kind, body)
