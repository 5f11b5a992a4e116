"""Security headers and the promise that no page loads anything from another host."""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for

PAGES = [
    "programme:dashboard",
    "programme:actions",
    "programme:members",
    "programme:organisation_edit",
]


@pytest.fixture
def pages(org_a, hr_a, make_action):
    make_action(org_a)
    client = client_for(hr_a)
    urls = [reverse(name, kwargs={"slug": org_a.slug}) for name in PAGES]
    return [(url, client.get(url)) for url in urls] + [
        (reverse("account_login"), client_for(None).get(reverse("account_login"))),
        (reverse("mfa_index"), client.get(reverse("mfa_index"))),
        (reverse("mfa_list_webauthn"), client.get(reverse("mfa_list_webauthn"))),
        ("/o/bestaat-niet/", client.get("/o/bestaat-niet/")),
    ]


def test_every_page_has_a_strict_content_security_policy(pages):
    for url, response in pages:
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy, url


def test_no_page_has_inline_scripts_styles_or_external_urls(pages):
    for url, response in pages:
        html = response.content.decode()
        # A JSON data block (allauth's passkey pages, json_script) is data the browser never runs.
        inline = r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>"
        assert not re.search(inline, html), f"inline script on {url}"
        assert "<style" not in html and " style=" not in html, f"inline style on {url}"
        assert not re.search(r"""(src|href)=["'](https?:)?//""", html), f"external asset on {url}"


def test_pages_forbid_framing_and_sniffing(pages):
    for url, response in pages:
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url


def test_health_check_answers_without_login(db):
    response = client_for(None).get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
