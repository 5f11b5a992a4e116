"""The public respondent flow at /m/<key>/, walked with Django's test client as a browser would."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitor.models import (
    GROUP_SIZE,
    AccessCode,
    AnswerTally,
    Dimension,
    InboxEntry,
    SubmissionReceipt,
    TextAnswer,
)
from monitor.sealing import unseal
from monitor.services import codes_generate
from monitor.views.respond import STATE_SALT
from programme.models import ContactPerson, SupportOffer, SupportOfferKind
from tests.monitor.conftest import TODAY, close, make_campaign

STATE = re.compile(r'name="state" value="([^"]+)"')
FORM_ACTION = re.compile(r'<form method="post" action="(/m/[^"]+)"')

CARER_SECTIONS = {
    "caregiving": {"q1": "1"},
    "situation": {"q2": ["2", "5"], "q3": "3", "q4": "4", "q5": ["2"]},
    "manager": {"q6": "1"},
    "conversation": {"q7": "2"},
    "knowledge": {"q8": "2", "q9": "3"},
    "needs": {"q10": ["1", "2"], "q11": "Begrip van collega's als ik moet bellen."},
    "organisation": {"q12": "4", "q13": "3", "q14": "5"},
    "background": {"q16": "2", "q17": "2"},
}
CARER_STORED = {
    (1, 1), (2, 2), (2, 5), (3, 3), (4, 4), (5, 2), (6, 1), (7, 2), (8, 2), (9, 3),
    (10, 1), (10, 2), (12, 4), (13, 3), (14, 5), (16, 2), (17, 2),
}  # fmt: skip
NON_CARER_SECTIONS = {
    "caregiving": {"q1": "2"},
    "knowledge": {"q8": "1", "q9": "2"},
    "organisation": {"q12": "2", "q13": "2", "q14": "3"},
    "background": {},
}


@pytest.fixture(autouse=True)
def _today_and_empty_buckets(monkeypatch):
    # The campaigns of conftest are open around TODAY; the rate limit starts with full buckets.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    cache.clear()


# --- Walking the flow ------------------------------------------------------------------------


def state_of(response) -> str:
    match = STATE.search(response.content.decode())
    assert match, "the page carries no answers"
    return unescape(match.group(1))


def form_action(response) -> str:
    match = FORM_ACTION.search(response.content.decode())
    assert match, "the page has no form of the monitor"
    return unescape(match.group(1))


def section_of(response) -> str:
    return form_action(response).rstrip("/").rsplit("/", 1)[-1]


def start(client: Client, campaign, **data):
    response = client.post(reverse("respond:start", kwargs={"key": campaign.key}), data)
    assert response.status_code == 200
    return response


def answer(client: Client, page, answers: dict, action: str = "next"):
    """Answer the section that `page` shows and press Next (or Back, Send)."""
    return client.post(form_action(page), {"state": state_of(page), "action": action, **answers})


def fill_in(client: Client, campaign, answers_by_section: dict, *, send=True, **start_data):
    """Start, then answer each section in turn, and send (or stop at the last page).

    Returns the response after sending, the sections seen, and the last page of questions.
    """
    page = start(client, campaign, **start_data)
    seen = []
    while page.status_code == 200 and 'name="state"' in page.content.decode():
        section = section_of(page)
        assert section not in seen, f"{section} came back: {page.content.decode()[:3000]}"
        seen.append(section)
        last = page
        if not send and 'value="send"' in page.content.decode():
            return None, seen, last
        page = answer(client, page, answers_by_section.get(section, {}))
    return page, seen, last


def sent_forms() -> list[dict]:
    """The forms waiting in the sealed inbox, opened with the site's key."""
    return [
        unseal(bytes(entry.sealed), campaign_id=entry.campaign_id)
        for entry in InboxEntry.objects.all()
    ]


def sent_count() -> int:
    return InboxEntry.objects.count()


def stored_answers() -> set[tuple[int, int]]:
    """The (question, option) pairs of the one form that was sent."""
    [form] = sent_forms()
    return {
        (int(question), option) for question, options in form["a"].items() for option in options
    }


def stored_texts() -> dict[int, str]:
    [form] = sent_forms()
    return {int(question): text for question, text in form["x"].items()}


# --- The start page --------------------------------------------------------------------------


def test_start_page_names_the_organisation_and_says_what_is_stored(campaign):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get(f"/m/{campaign.key}/")
    html = response.content.decode()
    assert response.status_code == 200
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Gemeente Aland" in title and campaign.title in title
    assert html.count("<h1") == 1
    assert "We store your answers locked (encrypted)." in html
    assert "only the totals are kept, not your answers one by one" in html
    assert "your IP address, your device, the day or the time" in html
    assert "only after the monitor has closed" in html
    assert "group smaller than 5 people" in html
    assert "at least 10 people" in html
    assert ">Start</button>" in html
    assert 'name="code"' not in html


def test_start_page_shows_a_raised_minimum_group_size(org_a):
    campaign = make_campaign(org_a, min_group_size=8)
    client = Client()
    client.cookies["django_language"] = "en"
    assert "group smaller than 8 people" in client.get(f"/m/{campaign.key}/").content.decode()


def test_unknown_key_gets_404_with_the_public_headers(db):
    response = Client().get("/m/no-such-key/")
    assert response.status_code == 404
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_public_pages_send_no_store_same_origin_referrers_and_noindex(campaign):
    client = Client()
    pages = [
        client.get(f"/m/{campaign.key}/"),
        start(client, campaign),
        client.get(f"/m/{campaign.key}/thanks/"),
    ]
    for response in pages:
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"
        assert "noindex" in response["X-Robots-Tag"]


def test_public_pages_set_no_cookie_but_the_csrf_token(campaign):
    client = Client()
    responses = [client.get(f"/m/{campaign.key}/")]
    page = start(client, campaign)
    responses.append(page)
    while 'name="state"' in page.content.decode():
        page = answer(client, page, CARER_SECTIONS.get(section_of(page), {}))
        responses.append(page)
    responses.append(client.get(page["Location"]))
    assert sent_count() == 1
    for response in responses:
        assert set(response.cookies) <= {"csrftoken"}, response.cookies
    assert "sessionid" not in client.cookies


def test_language_switch_sends_the_visitor_back_to_the_same_page(campaign):
    client = Client()
    url = f"/m/{campaign.key}/"
    html = client.get(url).content.decode()
    assert f'name="next" value="{url}"' in html
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert ">Start</button>" in client.get(url).content.decode()


def test_the_language_button_in_the_form_keeps_the_answers(campaign):
    client = Client()
    page = answer(client, start(client, campaign), {"q1": "1"})
    assert 'lang="nl"' in page.content.decode()
    switched = answer(client, page, {"q2": ["2"], "q3": "3"}, action="language:en")
    html = switched.content.decode()
    assert switched.status_code == 200 and section_of(switched) == "situation"
    assert '<html lang="en">' in html and "Part 2 of 5" in html
    assert re.search(r'id="id_q2_1"[^>]*\bchecked', html)
    assert re.search(r'id="id_q3_2"[^>]*\bchecked', html)
    assert "error-summary" not in html
    assert switched.cookies["django_language"].value == "en"
    # And the answers kept are sent with the rest.
    page = answer(client, switched, {"q2": ["2"], "q3": "3", "q4": "1", "q5": ["1"]})
    while 'name="state"' in page.content.decode():
        page = answer(client, page, CARER_SECTIONS.get(section_of(page), {}))
    assert {(2, 2), (3, 3), (4, 1)} <= stored_answers()


# --- Filling it in ---------------------------------------------------------------------------


def test_carer_answers_every_section_and_the_answers_are_stored_exactly(campaign, departments):
    page, seen, _last = fill_in(Client(), campaign, CARER_SECTIONS)
    assert page.status_code == 302
    assert page["Location"] == f"/m/{campaign.key}/thanks/"
    assert seen == list(CARER_SECTIONS)
    assert InboxEntry.objects.get().campaign == campaign
    assert stored_answers() == CARER_STORED
    assert stored_texts() == {11: "Begrip van collega's als ik moet bellen."}
    # Sealed until the close (or a full batch) counts it: nothing is counted yet.
    assert not AnswerTally.objects.exists() and not TextAnswer.objects.exists()


def test_at_close_the_sent_form_is_counted_in_its_groups(campaign, departments):
    fill_in(Client(), campaign, CARER_SECTIONS)
    close(campaign)
    assert not InboxEntry.objects.exists()

    def count(dimension, group, question, option=0) -> int:
        row = AnswerTally.objects.filter(
            dimension=dimension, group_value=group, question=question, option=option
        ).first()
        return row.count if row else 0

    assert count(Dimension.CARER, 1, GROUP_SIZE) == 1
    assert count(Dimension.AGE_BAND, 2, GROUP_SIZE) == 1
    assert count(Dimension.DEPARTMENT, 2, GROUP_SIZE) == 1
    assert {
        (row.question, row.option)
        for row in AnswerTally.objects.filter(dimension=Dimension.CARER, group_value=1)
        if row.question != GROUP_SIZE
    } == CARER_STORED
    assert list(TextAnswer.objects.values_list("question", "text")) == [
        (11, "Begrip van collega's als ik moet bellen.")
    ]


def test_non_carer_never_sees_the_carer_sections(campaign, departments):
    page, seen, _last = fill_in(Client(), campaign, NON_CARER_SECTIONS)
    assert page.status_code == 302
    assert seen == ["caregiving", "knowledge", "organisation", "background"]
    assert stored_answers() == {(1, 2), (8, 1), (9, 2), (12, 2), (13, 2), (14, 3)}
    assert stored_texts() == {}


def test_carer_questions_answered_before_changing_to_non_carer_are_not_stored(campaign):
    client = Client()
    page = answer(client, start(client, campaign), {"q1": "1"})
    assert section_of(page) == "situation"
    page = answer(client, page, CARER_SECTIONS["situation"])
    page = answer(client, page, {"q6": "2"}, action="back")  # back to the situation
    page = answer(client, page, {}, action="back")  # back to the first question
    assert section_of(page) == "caregiving"
    assert re.search(r'id="id_q1_0"[^>]*\bchecked', page.content.decode())
    page = answer(client, page, {"q1": "2"})
    while 'name="state"' in page.content.decode():
        page = answer(client, page, NON_CARER_SECTIONS.get(section_of(page), {}))
    assert page.status_code == 302
    assert (1, 2) in stored_answers() and (1, 1) not in stored_answers()
    assert {question for question, _option in stored_answers()} == {1, 8, 9, 12, 13, 14}


def test_sections_show_the_part_out_of_a_total_that_never_changes(campaign):
    client = Client()
    client.cookies["django_language"] = "en"
    page = start(client, campaign)
    html = page.content.decode()
    assert section_of(page) == "caregiving"
    # Five parts for everyone from the first page on, the carers' part among them.
    assert "Part 1 of 5: Caregiving" in html and '<progress id="respond-progress"' in html
    assert 'max="5" value="1"' in html
    assert "Many people who do this do not call themselves a carer." in html
    assert "<fieldset" in html and "<legend" in html and 'type="radio"' in html
    page = answer(client, page, {"q1": "1"})
    html = page.content.decode()
    assert "Part 2 of 5: Your care situation" in html and 'type="checkbox"' in html
    assert "respond-skipped" not in html
    assert re.search(r"<title>\s*Your care situation · Monitor 2026 · Gemeente Aland", html)
    totals = set()
    for section in ("situation", "manager", "conversation", "knowledge", "needs"):
        html = page.content.decode()
        totals |= set(re.findall(r"Part \d of (\d)", html))
        page = answer(client, page, CARER_SECTIONS[section])
    assert totals == {"5"}
    assert "Part 4 of 5: Our organisation" in page.content.decode()


def test_who_cares_for_nobody_skips_the_carers_part_and_is_told_so(campaign):
    client = Client()
    client.cookies["django_language"] = "en"
    page = answer(client, start(client, campaign), {"q1": "2"})
    html = page.content.decode()
    assert section_of(page) == "knowledge"
    assert "Part 3 of 5: Regulations and support" in html and 'max="5" value="3"' in html
    assert "You skip part 2 (Your care situation): it is only for people who care for someone." in (
        unescape(html)
    )
    # Only on the first page after the skipped part.
    page = answer(client, page, NON_CARER_SECTIONS["knowledge"])
    assert "Part 4 of 5" in page.content.decode() and "respond-skipped" not in page.content.decode()


def test_a_question_left_open_shows_the_error_summary_and_the_same_section(campaign):
    client = Client()
    client.cookies["django_language"] = "en"
    page = answer(client, start(client, campaign), {"q1": "1"})
    again = answer(client, page, {"q2": ["1"]})  # hours, duration and effect left open
    html = again.content.decode()
    assert again.status_code == 200 and section_of(again) == "situation"
    assert 'class="alert alert-danger error-summary"' in html
    assert 'href="#id_q3_0"' in html and 'id="id_q3_0"' in html
    assert "Choose an answer." in html and "Choose at least one answer." in html
    assert re.search(r'id="id_q2_0"[^>]*\bchecked', html)  # kept
    assert re.search(r"<title>\s*Error:", html)


def test_background_questions_and_written_answers_are_optional(campaign):
    page, seen, _last = fill_in(Client(), campaign, {**NON_CARER_SECTIONS, "background": {}})
    assert page.status_code == 302 and sent_count() == 1


def test_back_from_the_first_section_is_a_link_to_the_start(campaign):
    client = Client()
    html = start(client, campaign).content.decode()
    assert f'href="/m/{campaign.key}/" class="btn btn-outline-secondary btn-lg"' in html


def test_opening_a_section_without_answers_leads_to_the_start(campaign):
    response = Client().get(f"/m/{campaign.key}/situation/")
    assert response.status_code == 302 and response["Location"] == f"/m/{campaign.key}/"


def test_unknown_section_gets_404(campaign):
    client = Client()
    page = start(client, campaign)
    response = client.post(f"/m/{campaign.key}/nothing/", {"state": state_of(page)})
    assert response.status_code == 404


# --- Sending ---------------------------------------------------------------------------------


def test_a_double_submit_of_the_final_post_stores_one_response(campaign):
    client = Client()
    page, _seen, last = fill_in(client, campaign, NON_CARER_SECTIONS)
    assert page.status_code == 302
    again = answer(client, last, NON_CARER_SECTIONS["background"], action="send")
    assert again.status_code == 302 and again["Location"] == f"/m/{campaign.key}/thanks/"
    assert sent_count() == 1
    assert SubmissionReceipt.objects.count() == 1


def test_two_people_filling_in_the_same_answers_store_two_responses(campaign):
    fill_in(Client(), campaign, NON_CARER_SECTIONS)
    fill_in(Client(), campaign, NON_CARER_SECTIONS)
    assert sent_count() == 2
    first, second = InboxEntry.objects.all()
    assert bytes(first.sealed) != bytes(second.sealed)  # the same answers seal differently


def test_thanks_page_points_to_support_and_contacts_and_says_nothing_of_the_answers(
    campaign, org_a
):
    SupportOffer.objects.create(
        organisation=org_a,
        name="Mantelzorgmakelaar",
        kind=SupportOfferKind.INTERNAL,
        description="Helpt bij regelwerk.",
        contact="Via P&O",
    )
    SupportOffer.objects.create(
        organisation=org_a,
        name="Steunpunt Mantelzorg Aland",
        kind=SupportOfferKind.EXTERNAL,
        url="https://steunpunt.example.org/",
    )
    ContactPerson.objects.create(
        organisation=org_a, name="Sanne Bakker", function="Vertrouwenspersoon", email="s@a.nl"
    )
    carer_client, visitor = Client(), Client()
    page, _seen, _last = fill_in(carer_client, campaign, CARER_SECTIONS)
    after_carer = carer_client.get(page["Location"])
    html = after_carer.content.decode()
    for text in ("Mantelzorgmakelaar", "Helpt bij regelwerk.", "Steunpunt Mantelzorg Aland"):
        assert text in html
    assert 'href="https://steunpunt.example.org/"' in html and "Sanne Bakker" in html
    assert 'href="mailto:s@a.nl"' in html

    def without_tokens(response) -> str:
        return re.sub(r'value="[^"]{20,}"', "", response.content.decode())

    assert without_tokens(after_carer) == without_tokens(visitor.get(page["Location"]))


# --- Campaigns that are not open -------------------------------------------------------------


def test_closed_campaign_says_so_and_stores_nothing(closed_campaign):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get(f"/m/{closed_campaign.key}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This monitor closed on 31 October 2024" in html
    assert '<form method="post" action="/m/' not in html
    assert client.post(f"/m/{closed_campaign.key}/").status_code == 200
    assert "closed on" in client.post(f"/m/{closed_campaign.key}/caregiving/").content.decode()
    assert not InboxEntry.objects.exists()
    # The first look after its last day closed it for good.
    closed_campaign.refresh_from_db()
    assert closed_campaign.closed_on == TODAY


def test_a_campaign_closed_early_says_so_and_stores_nothing(campaign):
    client = Client()
    client.cookies["django_language"] = "en"
    _page, _seen, last = fill_in(client, campaign, NON_CARER_SECTIONS, send=False)
    close(campaign)
    html = client.get(f"/m/{campaign.key}/").content.decode()
    assert "This monitor closed on 23 November 2026" in html
    assert '<form method="post" action="/m/' not in html
    response = answer(client, last, {}, action="send")
    assert "This monitor closed on 23 November 2026" in response.content.decode()
    assert not InboxEntry.objects.exists() and not SubmissionReceipt.objects.exists()


def test_a_form_filled_in_while_open_is_not_stored_after_closing(campaign, monkeypatch):
    client = Client()
    _page, _seen, last = fill_in(client, campaign, NON_CARER_SECTIONS, send=False)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: campaign.closes_on + timedelta(1))
    response = answer(client, last, {}, action="send")
    assert response.status_code == 200
    assert "Deze monitor is gesloten op" in response.content.decode()
    assert not InboxEntry.objects.exists()


def test_upcoming_campaign_says_when_it_opens_and_stores_nothing(org_a):
    upcoming = make_campaign(org_a, opens_on=date(2027, 1, 4), closes_on=date(2027, 1, 31))
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(f"/m/{upcoming.key}/").content.decode()
    assert "not open yet" in html and "4 January 2027" in html
    assert ">Start</button>" not in html
    assert ">Start</button>" not in client.post(f"/m/{upcoming.key}/").content.decode()
    assert not InboxEntry.objects.exists()


# --- Access codes ----------------------------------------------------------------------------


def test_code_campaign_asks_for_the_code(code_campaign):
    html = Client().get(f"/m/{code_campaign.key}/").content.decode()
    assert 'name="code"' in html and 'autocomplete="off"' in html


def test_a_code_works_once(code_campaign):
    [code] = codes_generate(campaign=code_campaign, count=1)
    page, _seen, _last = fill_in(Client(), code_campaign, NON_CARER_SECTIONS, code=code.lower())
    assert page.status_code == 302 and sent_count() == 1
    assert AccessCode.objects.get().is_used
    # The sealed form carries nothing of the code, nor that one was used.
    assert set(sent_forms()[0]) == {"a", "x"}

    client = Client()
    client.cookies["django_language"] = "en"
    again = client.post(f"/m/{code_campaign.key}/", {"code": code})
    assert again.status_code == 200 and 'name="state"' not in again.content.decode()
    assert "This code is not valid or has already been used." in again.content.decode()
    assert 'href="#id_code"' in again.content.decode()
    assert sent_count() == 1


def test_a_wrong_code_shows_an_error_and_changes_nothing(code_campaign):
    codes_generate(campaign=code_campaign, count=3)
    client = Client()
    response = client.post(f"/m/{code_campaign.key}/", {"code": "AAAAA-BBBBB"})
    assert 'name="state"' not in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not AccessCode.objects.filter(is_used=True).exists()
    empty = client.post(f"/m/{code_campaign.key}/", {"code": ""})
    assert 'name="state"' not in empty.content.decode()


def test_a_code_is_spent_by_whoever_starts_first(code_campaign):
    [code] = codes_generate(campaign=code_campaign, count=1)
    first = Client()
    first.cookies["django_language"] = "en"
    _page, _seen, last = fill_in(first, code_campaign, NON_CARER_SECTIONS, send=False, code=code)
    assert AccessCode.objects.get().is_used  # spent at the start, before anything was sent
    other = Client()
    other.cookies["django_language"] = "en"
    refused = other.post(f"/m/{code_campaign.key}/", {"code": code})
    assert 'name="state"' not in refused.content.decode()
    assert "This code is not valid or has already been used." in refused.content.decode()
    # Whoever started with it can still send.
    response = answer(first, last, {}, action="send")
    assert response.status_code == 302
    assert sent_count() == 1


# --- Tampering -------------------------------------------------------------------------------


def test_a_tampered_state_is_refused_and_the_respondent_starts_again(campaign):
    client = Client()
    client.cookies["django_language"] = "en"
    page = start(client, campaign)
    state = state_of(page)
    forged = state[:-3] + ("AAA" if not state.endswith("AAA") else "BBB")
    response = client.post(form_action(page), {"state": forged, "q1": "1"})
    assert response.status_code == 400
    assert "Please start again" in response.content.decode()
    assert ">Start</button>" in response.content.decode()
    assert client.post(form_action(page), {"q1": "1"}).status_code == 400  # no state at all


def test_answers_signed_for_another_campaign_are_refused(campaign, campaign_b):
    client = Client()
    page = start(client, campaign_b)
    response = client.post(f"/m/{campaign.key}/caregiving/", {"state": state_of(page), "q1": "1"})
    assert response.status_code == 400


def test_answers_signed_without_the_monitors_salt_are_refused(campaign):
    payload = {"k": campaign.key, "t": "x" * 32, "c": "", "a": {"1": [1]}, "x": {}}
    client = Client()
    for state in (signing.dumps(payload), signing.dumps(payload, salt=STATE_SALT + "x")):
        response = client.post(f"/m/{campaign.key}/caregiving/", {"state": state, "q1": "1"})
        assert response.status_code == 400
    genuine = signing.dumps(payload, salt=STATE_SALT, compress=True)
    assert client.post(f"/m/{campaign.key}/caregiving/", {"state": genuine}).status_code == 200


def test_an_option_that_does_not_exist_is_refused(campaign):
    client = Client()
    again = answer(client, start(client, campaign), {"q1": "9"})
    assert section_of(again) == "caregiving" and "error-summary" in again.content.decode()
