"""Dutch by default, English as the second language, switched on every page."""

from django.urls import reverse

from tests.conftest import client_for


def test_pages_are_dutch_by_default(org_a, hr_client):
    html = hr_client.get(reverse("programme:actions", kwargs={"slug": org_a.slug})).content.decode()
    assert '<html lang="nl">' in html
    assert "Actieplan" in html and "Direct naar de inhoud" in html


def test_the_language_switch_turns_the_site_english(org_a, hr_client):
    page = reverse("programme:actions", kwargs={"slug": org_a.slug})
    html = hr_client.get(page).content.decode()
    assert 'name="language" value="en"' in html  # the switch is on the page
    response = hr_client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    english = hr_client.get(page).content.decode()
    assert '<html lang="en">' in english
    assert "Action plan" in english and "Skip to main content" in english
    assert 'name="language" value="nl"' in english


def test_the_switch_works_before_logging_in(db):
    client = client_for(None)
    login = reverse("accounts:login")
    client.post(reverse("set_language"), {"language": "en", "next": login})
    assert '<html lang="en">' in client.get(login).content.decode()


def test_the_switch_refuses_to_redirect_to_another_site(db):
    response = client_for(None).post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_an_english_browser_still_gets_dutch_until_it_switches(db):
    client = client_for(None)
    login = reverse("accounts:login")
    response = client.get(login, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in response.content.decode()
    assert response["Content-Language"] == "nl"
