"""The respondent pages belong to the employer: its name and logo, no way into the tool, a page of
their own for a link that does not work, an honest duration, and answers that exclude each other."""

import re
from html import unescape
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from monitor.models import InboxEntry
from monitor.questionnaire import STANDARD_2026, durations, path_minutes
from monitor.respondent_cache import forget as cache_forget
from monitor.selectors import questionnaire_for
from monitor.services import MonitorError, clean_answers
from programme.models import Organisation
from tests.monitor.conftest import TODAY, close, make_campaign, make_upcoming
from tests.monitor.test_respond import CARER_SECTIONS, answer, fill_in, start

LOGIN = reverse("account_login")


@pytest.fixture(autouse=True)
def _today_and_empty_buckets(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    cache.clear()


def english() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 20), (138, 28, 74)).save(buffer, format="PNG")
    return buffer.getvalue()


def public_pages(client: Client, campaign) -> dict[str, str]:
    pages = {
        "start": client.get(f"/m/{campaign.key}/"),
        "step": start(client, campaign),
        "thanks": client.get(f"/m/{campaign.key}/thanks/"),
        "unknown": client.get("/m/no-such-key/"),
    }
    return {name: response.content.decode() for name, response in pages.items()}


# --- The employer's pages ------------------------------------------------------------------------


def test_the_pages_carry_the_employers_name_and_never_the_tools_brand_or_login(campaign):
    campaign.organisation.logo.save("aland.png", ContentFile(png()), save=True)
    for name, html in public_pages(english(), campaign).items():
        assert LOGIN not in html, name
        assert "Caregiver-friendly employer" not in html, name
        assert "img/logo.svg" not in html, name
        if name != "unknown":
            header = re.search(r"<header.*?</header>", html, re.S).group(0)
            assert "Gemeente Aland" in header, name
            assert f'src="/m/{campaign.key}/logo/"' in header, name


def test_the_logo_is_served_from_our_own_storage_with_the_public_headers(campaign):
    campaign.organisation.logo.save("aland.png", ContentFile(png()), save=True)
    response = Client().get(f"/m/{campaign.key}/logo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png()
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_without_a_logo_the_header_shows_the_name_and_the_logo_address_is_404(campaign):
    html = english().get(f"/m/{campaign.key}/").content.decode()
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    assert "Gemeente Aland" in header and "<img" not in header
    assert Client().get(f"/m/{campaign.key}/logo/").status_code == 404
    assert Client().get("/m/no-such-key/logo/").status_code == 404


def test_a_logo_that_is_no_image_we_accept_is_not_served(campaign):
    # Stored before the upload refused such files: an SVG could carry a script.
    name = default_storage.save("logos/aland.svg", ContentFile(b"<svg/>"))
    Organisation.objects.filter(pk=campaign.organisation_id).update(logo=name)
    cache_forget(organisation_id=campaign.organisation_id, campaign_key=campaign.key)
    assert Client().get(f"/m/{campaign.key}/logo/").status_code == 404


def test_an_unknown_link_gets_a_friendly_dutch_page_with_status_404(db):
    response = Client().get("/m/no-such-key/")
    html = unescape(response.content.decode())
    assert response.status_code == 404
    assert '<html lang="nl">' in response.content.decode()
    assert "Deze link werkt niet" in html
    assert "scan de QR-code" in html
    assert LOGIN not in html and 'href="/"' not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_closed_campaign_still_says_so_on_the_employers_page(closed_campaign):
    html = english().get(f"/m/{closed_campaign.key}/").content.decode()
    assert "You can no longer respond." in html and LOGIN not in html


# --- How long it takes -------------------------------------------------------------------------


def test_the_start_page_gives_a_duration_per_path_counted_from_the_questions(campaign):
    with translation.override("en"):
        minutes, carer_minutes = durations(questionnaire_for(campaign=campaign))
    assert 1 <= minutes < carer_minutes
    html = english().get(f"/m/{campaign.key}/").content.decode()
    text = re.sub(r"\s+", " ", re.search(r'id="respond-duration">(.*?)</p>', html, re.S).group(1))
    assert f"It takes about {minutes} minutes." in text
    assert f"If you care for someone, about {carer_minutes} minutes." in text
    parts = re.search(r'<ol id="respond-parts">(.*?)</ol>', html, re.S).group(1)
    assert parts.count("<li>") == 5
    assert re.search(r"Your care situation <span[^>]*>\(only if you care for someone\)", parts)


def test_more_questions_take_longer_and_own_questions_count(org_a):
    campaign = make_upcoming(org_a)
    standard = questionnaire_for(campaign=campaign)
    carer = {1: [1], 6: [1]}
    assert path_minutes(standard, {1: [2]}) < path_minutes(standard, carer)
    for n in range(5):
        campaign.custom_questions.create(
            code=101 + n,
            kind="single",
            text="Hoe vaak werk je thuis in een gewone week, als je alles meetelt en ook de avond?",
            options="Nooit of bijna nooit\nEén dag\nTwee dagen of meer",
        )
    longer = questionnaire_for(campaign=campaign)
    assert path_minutes(longer, {1: [2]}) > path_minutes(standard, {1: [2]})


# --- Answers that exclude each other ---------------------------------------------------------


def test_nothing_in_particular_and_a_change_in_work_cannot_both_be_chosen(campaign):
    client = english()
    page = answer(client, start(client, campaign), {"q1": "1"})
    situation = dict(CARER_SECTIONS["situation"], q5=["1", "4"])
    refused = answer(client, page, situation)
    html = unescape(refused.content.decode())
    assert refused.status_code == 200 and 'action="/m/' + campaign.key + '/situation/"' in html
    assert "“Nothing in particular” does not go together with another answer." in html
    assert 'href="#id_q5_0"' in html  # the error summary links to the question
    # Either on its own is fine.
    for alone in (["1"], ["3", "4"]):
        accepted = answer(client, page, dict(situation, q5=alone))
        assert 'action="/m/' + campaign.key + '/manager/"' in accepted.content.decode()


def test_the_refusal_is_in_dutch_in_plain_words(campaign):
    client = Client()
    page = answer(client, start(client, campaign), {"q1": "1"})
    refused = answer(client, page, dict(CARER_SECTIONS["situation"], q5=["1", "2"]))
    assert "“Niets bijzonders” past niet bij een ander antwoord." in unescape(
        refused.content.decode()
    )


def test_the_send_refuses_the_contradiction_too_whatever_the_path(campaign):
    questionnaire = questionnaire_for(campaign=campaign)
    with pytest.raises(MonitorError, match="Nothing in particular"), translation.override("en"):
        clean_answers(questionnaire, {1: [1], 5: [1, 3]}, {})
    chosen, _texts = clean_answers(questionnaire, {1: [1], 5: [3, 4]}, {})
    assert chosen[5] == [3, 4]


def test_the_checkboxes_say_which_answer_stands_alone(campaign):
    client = english()
    html = answer(client, start(client, campaign), {"q1": "1"}).content.decode()
    assert re.search(r'name="q5" value="1"[^>]*data-exclusive="1"|data-exclusive="1"', html)
    assert "js/respond.js" in html


def test_only_the_questionnaires_exclusive_options_are_marked(db):
    marked = {(q.code, code) for q in STANDARD_2026.questions for code in q.exclusive}
    assert marked == {(5, 1)}
    with translation.override("en"):
        assert STANDARD_2026.question(5).label_for(1) == "Nothing in particular"


def test_a_whole_carer_path_still_sends(campaign):
    page, seen, _last = fill_in(english(), campaign, CARER_SECTIONS)
    assert page.status_code == 302 and InboxEntry.objects.count() == 1
    assert seen[0] == "caregiving" and "situation" in seen


def test_after_close_the_unavailable_page_keeps_the_employers_header(campaign):
    close(campaign, today=TODAY)
    html = english().get(f"/m/{campaign.key}/").content.decode()
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    assert "Gemeente Aland" in header and LOGIN not in html


def test_no_page_of_a_campaign_of_another_organisation_shows_this_employer(campaign, org_b):
    other = make_campaign(org_b)
    html = english().get(f"/m/{other.key}/").content.decode()
    assert "Gemeente Aland" not in html
