"""/.well-known/security.txt as RFC 9116 asks: plain text, a contact, an expiry within a year."""

from datetime import UTC, datetime, timedelta

from django.test import override_settings

from tests.conftest import client_for


def fields_of(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        name, _, value = line.partition(": ")
        assert name and value, line
        fields[name] = value
    return fields


@override_settings(
    SECURITY_CONTACT="mailto:security@platform.example", SITE_URL="https://mz.example"
)
def test_security_txt_names_the_contact_and_expires_within_a_year(db):
    response = client_for(None).get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = fields_of(response.content.decode())
    assert fields["Contact"] == "mailto:security@platform.example"
    assert fields["Preferred-Languages"] == "nl, en"
    assert fields["Canonical"] == "https://mz.example/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now < expires < now + timedelta(days=365)


def test_security_txt_sets_no_cookie(db):
    response = client_for(None).get("/.well-known/security.txt")
    assert not response.cookies
