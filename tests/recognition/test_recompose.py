"""A draft composed again from new data: per section, edited texts stay unless HR ticks them;
a second draft of one year is warned of; the issue page says what is still missing; a new letter
follows up on the last issued one and takes over its sender block."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from programme.models import ActionStatus, PillarKey
from recognition import selectors, services
from recognition.models import LetterIsIssued, LetterState, StatusLetter
from tests.recognition.conftest import (
    COMPOSED_ON,
    REFERENCE,
    SENDER_BLOCK,
    compose,
    section,
    sign,
)

LATER = date(2025, 12, 20)
NEW_ACTION = "Koffiemoment voor mantelzorgers"
MY_GOAL = "Ons eigen doel, door de HR-adviseur geschreven."


def url(name, letter):
    return reverse(
        f"recognition:{name}", kwargs={"slug": letter.organisation.slug, "pk": letter.pk}
    )


def edit_section(letter, kind, body):
    target = section(letter, kind)
    return services.letter_update(
        letter=letter,
        fields={},
        sections={target.pk: {"title": target.title, "body": body}},
        signatories=[(s.name, s.role) for s in letter.signatories.all()],
    )


@pytest.fixture
def changed_draft(draft, make_action):
    """The draft with its goal edited by HR, and a new done action after it was composed."""
    edit_section(draft, "goal", MY_GOAL)
    make_action(
        draft.organisation,
        title=NEW_ACTION,
        pillar=PillarKey.DISCUSS,
        status=ActionStatus.DONE,
        completed_date=date(2025, 12, 15),
    )
    draft.organisation.goal = "Een nieuw doel op de pagina van de organisatie."
    draft.organisation.save()
    return draft


def test_a_composed_section_is_unedited_until_hr_changes_it(draft):
    assert not any(s.is_edited for s in draft.sections.all())
    edit_section(draft, "goal", MY_GOAL)
    assert [s.kind for s in draft.sections.all() if s.is_edited] == ["goal"]


def test_composing_again_keeps_an_edited_section_and_replaces_an_unedited_one(changed_draft):
    review_before = section(changed_draft, "review").body
    assert NEW_ACTION not in review_before
    renewed = services.letter_recompose(letter=changed_draft, today=LATER)
    assert "review" in renewed and "goal" not in renewed
    assert section(changed_draft, "goal").body == MY_GOAL
    review = section(changed_draft, "review")
    assert NEW_ACTION in review.body and not review.is_edited
    changed_draft.refresh_from_db()
    assert changed_draft.letter_date == LATER  # a draft is dated the day it was composed
    # The letter's own fields and signatories stay as they were.
    assert changed_draft.reference == REFERENCE
    assert [s.name for s in changed_draft.signatories.all()] == ["A. Secretaris", "B. Burgemeester"]


def test_ticking_an_edited_section_takes_the_new_text(changed_draft):
    services.letter_recompose(letter=changed_draft, today=LATER, replace=["goal"])
    goal = section(changed_draft, "goal")
    assert goal.body == "Een nieuw doel op de pagina van de organisatie." and not goal.is_edited


def test_the_plan_shows_each_section_now_beside_new_and_what_changes(changed_draft):
    plans = {p.kind: p for p in services.recompose_plan(letter=changed_draft, today=LATER)}
    assert plans["goal"].outcome == "ask" and plans["goal"].body == MY_GOAL
    assert plans["review"].outcome == "replaced"
    assert any(sign == "+" and NEW_ACTION in line for sign, line in plans["review"].diff)
    assert plans["intro"].outcome == "unchanged" and plans["intro"].diff == []
    assert ("-", MY_GOAL) in plans["goal"].diff


def test_the_page_asks_only_about_edited_sections_and_applies_the_choice(changed_draft, hr_client):
    response = hr_client.get(url("letter_recompose", changed_draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Door jou aangepast" in html and "Krijgt de nieuwe tekst" in html
    assert 'name="replace_goal"' in html and 'name="replace_review"' not in html
    assert NEW_ACTION in html and MY_GOAL in html
    assert section(changed_draft, "goal").body == MY_GOAL  # a look changes nothing
    response = hr_client.post(url("letter_recompose", changed_draft), {})
    assert response.status_code == 302 and response["Location"] == url(
        "letter_detail", changed_draft
    )
    assert section(changed_draft, "goal").body == MY_GOAL
    assert NEW_ACTION in section(changed_draft, "review").body
    hr_client.post(url("letter_recompose", changed_draft), {"replace_goal": "on"})
    assert section(changed_draft, "goal").body == "Een nieuw doel op de pagina van de organisatie."


def test_the_monitor_chart_changes_only_with_the_monitor_text(draft):
    edit_section(draft, "monitor", "Onze eigen woorden over de monitor.")
    StatusLetter.objects.filter(pk=draft.pk).update(monitor_figures=[])
    services.letter_recompose(letter=draft, today=LATER)
    draft.refresh_from_db()
    assert draft.monitor_figures == []  # kept with its kept text
    services.letter_recompose(letter=draft, today=LATER, replace=["monitor"])
    draft.refresh_from_db()
    assert draft.monitor_figures and draft.campaign is not None


def test_an_issued_letter_is_never_composed_again(issued, hr_client):
    with pytest.raises(LetterIsIssued):
        services.letter_recompose(letter=issued, today=LATER)
    before = bytes(StatusLetter.objects.get(pk=issued.pk).pdf)
    response = hr_client.post(url("letter_recompose", issued), {}, follow=True)
    assert "Je kunt hem niet meer wijzigen" in response.content.decode()
    assert bytes(StatusLetter.objects.get(pk=issued.pk).pdf) == before


def test_a_copy_keeps_which_sections_were_edited(draft):
    letter = edit_section(draft, "goal", MY_GOAL)
    copy = services.letter_copy(letter=letter, today=LATER)
    assert [s.kind for s in copy.sections.all() if s.is_edited] == ["goal"]


# --- A second draft of the same year -------------------------------------------------------


def test_a_second_draft_for_a_year_needs_a_tick_and_both_say_so(draft, hr_client):
    create = reverse("recognition:letter_create", kwargs={"slug": draft.organisation.slug})
    page = hr_client.get(create).content.decode()
    assert "Concepten die er al zijn" in page and url("letter_detail", draft) in page
    response = hr_client.post(create, {"year": 2025, "language": "nl"})
    assert response.status_code == 200
    assert "Er is al een concept over 2025" in response.content.decode()
    assert StatusLetter.objects.count() == 1
    response = hr_client.post(create, {"year": 2025, "language": "nl", "another_draft": "on"})
    assert response.status_code == 302
    second = StatusLetter.objects.exclude(pk=draft.pk).get()
    for letter, other in ((draft, second), (second, draft)):
        html = hr_client.get(url("letter_detail", letter)).content.decode()
        assert "Er is nog een concept over 2025" in html and url("letter_detail", other) in html


def test_a_draft_of_another_year_or_an_issued_letter_is_no_duplicate(issued, hr_client):
    create = reverse("recognition:letter_create", kwargs={"slug": issued.organisation.slug})
    assert 'name="another_draft"' not in hr_client.get(create).content.decode()
    response = hr_client.post(create, {"year": 2025, "language": "nl"})
    assert response.status_code == 302
    letter = StatusLetter.objects.get(state=LetterState.DRAFT)
    assert selectors.other_drafts(organisation=issued.organisation, year=2025, exclude=letter) == []
    assert (
        "Er is nog een concept" not in hr_client.get(url("letter_detail", letter)).content.decode()
    )


# --- What an issue still needs ---------------------------------------------------------------


def test_the_issue_page_lists_everything_still_missing(year_of_work, hr_client):
    letter = compose(year_of_work)  # no reference, no sender block, unnamed signatories
    html = hr_client.get(url("letter_issue", letter)).content.decode()
    for missing in (
        "De brief heeft nog geen kenmerk",
        "Het afzenderblok zegt niet wie de brief behandelt",
        "telefoonnummer of een e-mailadres",
        "minstens 2 ondertekenaars",
    ):
        assert missing in html, missing
    response = hr_client.post(url("letter_issue", letter))
    assert response.status_code == 400
    assert StatusLetter.objects.get(pk=letter.pk).state == LetterState.DRAFT


@pytest.mark.parametrize("missing", ["reference", "handled_by", "phone_and_email"])
def test_each_missing_part_alone_keeps_the_letter_a_draft(draft, hr_a, missing):
    fields = {"phone": "", "email": ""} if missing == "phone_and_email" else {missing: ""}
    services.letter_update(
        letter=draft,
        fields=fields,
        sections={},
        signatories=[(s.name, s.role) for s in draft.signatories.all()],
    )
    with pytest.raises(services.LetterNotReady):
        services.letter_issue(letter=draft, by=hr_a)


def test_issuing_dates_the_letter_the_day_it_is_issued(draft, hr_a):
    assert draft.letter_date == COMPOSED_ON
    moment = timezone.make_aware(timezone.datetime(2026, 1, 14, 9, 30))
    services.letter_issue(letter=draft, by=hr_a, at=moment)
    assert StatusLetter.objects.get(pk=draft.pk).letter_date == date(2026, 1, 14)


# --- What a new letter takes over ------------------------------------------------------------


def test_a_new_letter_follows_up_on_the_last_issued_one(issued, hr_a):
    letter = services.letter_compose(
        organisation=issued.organisation, year=2026, language="nl", today=date(2026, 12, 1), by=hr_a
    )
    with override("nl"):
        issued_on = date_format(issued.letter_date, "j F Y")
    assert letter.occasion == (
        f"Deze brief is een vervolg op onze brief van {issued_on} (kenmerk {REFERENCE})."
    )
    assert {name: getattr(letter, name) for name in SENDER_BLOCK} == SENDER_BLOCK


def test_the_first_letter_is_handled_by_the_advisor_who_composes_it(year_of_work, hr_a):
    hr_a.full_name = "Hanna de Roos"
    hr_a.save()
    letter = services.letter_compose(
        organisation=year_of_work, year=2025, language="nl", today=COMPOSED_ON, by=hr_a
    )
    assert (letter.occasion, letter.handled_by, letter.email) == (
        "",
        "Hanna de Roos",
        "hr@aland.example",
    )


# --- A letter in English ---------------------------------------------------------------------


def test_an_english_letter_says_which_texts_are_only_in_dutch(year_of_work, hr_client):
    letter = sign(compose(year_of_work, language="en"))
    texts = selectors.dutch_only_texts(letter=letter)
    assert len(texts) == 3  # the goal, the actions, the monitor's title
    html = hr_client.get(url("letter_detail", letter)).content.decode()
    assert "deze teksten staan er nog in het Nederlands" in html
    assert "Het doel: de organisatie heeft dit alleen in het Nederlands" in html
    # Once HR translates the goal in the letter, it is no longer listed.
    edit_section(letter, "goal", "We want carers among our staff to feel supported.")
    assert len(selectors.dutch_only_texts(letter=letter)) == 2
    assert selectors.dutch_only_texts(letter=compose(year_of_work, language="nl")) == []


def test_the_goal_kept_in_english_goes_into_an_english_letter(year_of_work):
    year_of_work.goal_en = "Aland wants its carers to feel supported at work."
    year_of_work.save()
    english = compose(year_of_work, language="en")
    assert section(english, "goal").body == year_of_work.goal_en
    assert len(selectors.dutch_only_texts(letter=english)) == 2
    assert section(compose(year_of_work, language="nl"), "goal").body == year_of_work.goal
