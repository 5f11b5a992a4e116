"""Single-use codes from the HR pages: generated in bulk, printed once, stored only as hashes."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from monitor.models import AccessCode
from monitor.questionnaire import Q_CARER
from monitor.services import CODE_LENGTH, hash_secret, normalise_code
from tests.monitor.conftest import TODAY, make_campaign, submit

CODE = re.compile(r'<strong class="code-card-code">([A-Z0-9]{5}-[A-Z0-9]{5})</strong>')


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def url(name, campaign):
    return reverse(
        f"monitor:{name}", kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk}
    )


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
    assert stored == {hash_secret(normalise_code(code)) for code in shown}


def test_only_hashes_of_the_codes_are_stored(code_campaign, hr_client):
    page = hr_client.post(url("codes_generate", code_campaign), {"count": "5"}).content.decode()
    codes = CODE.findall(page)
    for access_code in AccessCode.objects.all():
        assert len(access_code.code_hash) == 64
        assert not any(normalise_code(code) in access_code.code_hash for code in codes)
    assert all(len(normalise_code(code)) == CODE_LENGTH for code in codes)


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


def test_a_printed_code_admits_one_response(code_campaign, hr_client):
    page = hr_client.post(url("codes_generate", code_campaign), {"count": "1"}).content.decode()
    (code,) = CODE.findall(page)
    assert submit(code_campaign, {Q_CARER: [2]}, code=code.lower())
    assert AccessCode.objects.get().is_used


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


def test_the_detail_page_counts_generated_and_used_codes(code_campaign, hr_client):
    page = hr_client.post(url("codes_generate", code_campaign), {"count": "4"}).content.decode()
    submit(code_campaign, {Q_CARER: [2]}, code=CODE.findall(page)[0])
    detail = hr_client.get(url("campaign_detail", code_campaign)).content.decode()
    assert "4 codes gemaakt, 1 gebruikt." in detail


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
