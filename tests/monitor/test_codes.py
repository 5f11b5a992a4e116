"""Single-use codes from the HR pages: generated in bulk, printed once, stored only as keyed
hashes, spent as soon as they admit someone, and never counted as used on any page."""

import hashlib
import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from monitor.models import AccessCode, InboxEntry
from monitor.sealing import code_hashes
from monitor.services import CODE_LENGTH, code_admit, normalise_code
from monitor.views.respond import STATE_SALT
from tests.monitor.conftest import TODAY, make_campaign

CODE = re.compile(r'<strong class="code-card-code">([A-Z0-9]{5}-[A-Z0-9]{5})</strong>')


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def url(name, campaign):
    return reverse(
        f"monitor:{name}", kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk}
    )


def generate(client, campaign, count: int) -> list[str]:
    page = client.post(url("codes_generate", campaign), {"count": str(count)}).content.decode()
    return CODE.findall(page)


def start_with(campaign, code: str):
    """Enter the code on the public start page, as a respondent does."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post(f"/m/{campaign.key}/", {"code": code})


def without_tokens(html: str) -> str:
    return re.sub(r'value="[^"]{20,}"', "", html)


def test_the_form_says_the_codes_are_shown_once(code_campaign, hr_client):
    response = hr_client.get(url("codes_generate", code_campaign))
    assert response.status_code == 200
    assert "Je ziet de codes maar één keer" in response.content.decode()
    assert not AccessCode.objects.exists()


def test_generating_shows_each_code_once_on_a_printable_sheet(code_campaign, hr_client):
    response = hr_client.post(url("codes_generate", code_campaign), {"count": "3"})
    assert response.status_code == 200
    page = response.content.decode()
    shown = CODE.findall(page)
    assert len(shown) == 3 and len(set(shown)) == 3
    assert page.count('class="code-card"') == 3
    assert f"http://testserver/m/{code_campaign.key}/" in page
    stored = set(
        AccessCode.objects.filter(campaign=code_campaign).values_list("code_hash", flat=True)
    )
    assert stored == {
        code_hashes(normalise_code(code), campaign_key=code_campaign.key)[0] for code in shown
    }


def test_only_keyed_hashes_of_the_codes_are_stored(code_campaign, hr_client):
    codes = generate(hr_client, code_campaign, 5)
    assert all(len(normalise_code(code)) == CODE_LENGTH for code in codes)
    stored = set(AccessCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 5 and all(len(code_hash) == 64 for code_hash in stored)
    for code in codes:
        assert not any(normalise_code(code) in code_hash for code_hash in stored)
        # Not a plain hash that anyone could try against the codes' short alphabet.
        for plain in (code, normalise_code(code), f"{code_campaign.key}:{normalise_code(code)}"):
            assert hashlib.sha256(plain.encode()).hexdigest() not in stored


def test_the_hash_is_keyed_with_the_secret_key_and_survives_its_rotation(
    code_campaign, hr_client, settings
):
    [code] = generate(hr_client, code_campaign, 1)
    stored = AccessCode.objects.get().code_hash
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = old_key + "-rotated"
    assert code_hashes(normalise_code(code), campaign_key=code_campaign.key)[0] != stored
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert code_admit(campaign=code_campaign, code=code) is True
    assert AccessCode.objects.get().is_used


def test_the_sheet_is_never_cached(code_campaign, hr_client):
    response = hr_client.post(url("codes_generate", code_campaign), {"count": "1"})
    assert "no-store" in response["Cache-Control"]


def test_the_codes_cannot_be_shown_again(code_campaign, hr_client):
    codes = CODE.findall(
        hr_client.post(url("codes_generate", code_campaign), {"count": "2"}).content.decode()
    )
    for page in (url("codes_generate", code_campaign), url("campaign_detail", code_campaign)):
        content = hr_client.get(page).content.decode()
        assert not any(code in content for code in codes)


def test_the_start_page_spends_the_code_when_it_admits(code_campaign, hr_client):
    [code] = generate(hr_client, code_campaign, 1)
    admitted = start_with(code_campaign, code.lower())
    assert admitted.status_code == 200 and 'name="state"' in admitted.content.decode()
    # Spent at once, before anything is answered or sent: checking is spending.
    assert AccessCode.objects.get().is_used
    assert not InboxEntry.objects.exists()


def test_a_second_check_of_the_same_code_is_refused(code_campaign, hr_client):
    [code] = generate(hr_client, code_campaign, 1)
    assert 'name="state"' in start_with(code_campaign, code).content.decode()
    again = start_with(code_campaign, code)
    html = again.content.decode()
    assert again.status_code == 200 and 'name="state"' not in html
    assert "This code is not valid or has already been used." in html
    # A valid but spent code gets the same answer as one that never existed.
    never = start_with(code_campaign, "AAAAA-BBBBB").content.decode()
    assert without_tokens(html).replace("AAAAA-BBBBB", code) == without_tokens(never).replace(
        "AAAAA-BBBBB", code
    )


def test_the_state_carries_that_a_code_was_spent_not_the_code(code_campaign, hr_client):
    [code] = generate(hr_client, code_campaign, 1)
    html = start_with(code_campaign, code).content.decode()
    state = signing.loads(
        unescape(re.search(r'name="state" value="([^"]+)"', html).group(1)), salt=STATE_SALT
    )
    assert state["c"] is True
    assert code not in repr(state) and normalise_code(code) not in repr(state)


@pytest.mark.parametrize("count", ["0", "2001", "", "veel"])
def test_the_count_must_be_between_1_and_2000(code_campaign, hr_client, count):
    response = hr_client.post(url("codes_generate", code_campaign), {"count": count})
    assert response.status_code == 200
    assert "count" in response.context["form"].errors
    assert not AccessCode.objects.exists()


def test_2000_codes_can_be_made_at_once(code_campaign, hr_client):
    response = hr_client.post(url("codes_generate", code_campaign), {"count": "2000"})
    assert len(set(CODE.findall(response.content.decode()))) == 2000
    assert AccessCode.objects.count() == 2000


def test_the_detail_page_says_how_many_codes_were_made_but_not_how_many_were_used(
    code_campaign, hr_client
):
    codes = generate(hr_client, code_campaign, 4)
    hr_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = hr_client.get(url("campaign_detail", code_campaign)).content.decode()
    assert "4 codes generated." in before
    assert "How many were used is not shown" in before
    for code in codes[:3]:
        assert 'name="state"' in start_with(code_campaign, code).content.decode()
    assert AccessCode.objects.filter(is_used=True).count() == 3
    after = hr_client.get(url("campaign_detail", code_campaign)).content.decode()
    # Nothing on the page changed when three codes were used.
    assert without_tokens(after) == without_tokens(before)
    assert "used" not in after.replace("How many were used is not shown", "").replace(
        "is used up", ""
    )


def test_a_campaign_with_an_open_link_needs_no_codes(campaign, hr_client):
    response = hr_client.post(url("codes_generate", campaign), {"count": "3"})
    assert response["Location"] == url("campaign_detail", campaign)
    assert not AccessCode.objects.exists()


def test_a_closed_campaign_gets_no_new_codes(org_a, hr_client):
    closed = make_campaign(
        org_a,
        access_mode="codes",
        opens_on=TODAY - timedelta(days=30),
        closes_on=TODAY - timedelta(days=1),
    )
    response = hr_client.post(url("codes_generate", closed), {"count": "3"})
    assert response.status_code == 302
    assert not AccessCode.objects.exists()


def test_a_manager_cannot_generate_codes(code_campaign, manager_client):
    assert manager_client.get(url("codes_generate", code_campaign)).status_code == 403
    assert (
        manager_client.post(url("codes_generate", code_campaign), {"count": "3"}).status_code == 403
    )
    assert not AccessCode.objects.exists()


def test_codes_for_another_organisations_campaign_are_refused(org_b, hr_client):
    foreign = make_campaign(org_b, access_mode="codes")
    path = reverse("monitor:codes_generate", kwargs={"slug": "gemeente-aland", "pk": foreign.pk})
    assert hr_client.post(path, {"count": "3"}).status_code == 404
    assert not AccessCode.objects.exists()
