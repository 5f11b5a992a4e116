"""Dutch by default, English as the second language, switched on every page."""

import re
from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from config.formats.dates import short_date
from programme.models import Action, Regulation, RegulationKind, Role
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
    login = reverse("account_login")
    client.post(reverse("set_language"), {"language": "en", "next": login})
    assert '<html lang="en">' in client.get(login).content.decode()


def test_the_switch_refuses_to_redirect_to_another_site(db):
    response = client_for(None).post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_an_english_browser_still_gets_dutch_until_it_switches(db):
    client = client_for(None)
    login = reverse("account_login")
    response = client.get(login, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in response.content.decode()
    assert response["Content-Language"] == "nl"


# --- Dutch as a Dutch advisor writes it ---------------------------------------------------------

DUTCH_MONTHS = [
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
]
ENGLISH_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


@pytest.mark.parametrize("language, months", [("nl", DUTCH_MONTHS), ("en", ENGLISH_MONTHS)])
def test_the_short_date_style_of_tables(language, months):
    with translation.override(language):
        assert [short_date(date(2027, month, 14)) for month in range(1, 13)] == [
            f"14 {name} 2027" for name in months
        ]
        # A moment is shown on the day it is in Amsterdam, not in UTC.
        late = datetime(2027, 3, 31, 22, 30, tzinfo=UTC)  # 1 April, 00:30 in Amsterdam
        assert short_date(late) == f"1 {months[3]} 2027"
        assert short_date(None) == ""


@pytest.mark.parametrize(
    "language, text, moment",
    [
        ("nl", "14 januari 2027", "14 januari 2027, 09:30"),
        ("en", "14 January 2027", "14 January 2027, 09:30"),
    ],
)
def test_the_long_date_style_is_the_same_in_both_languages(language, text, moment):
    with translation.override(language):
        assert date_format(date(2027, 1, 14)) == text
        assert Template("{{ day|date }}").render(Context({"day": date(2027, 1, 14)})) == text
        assert date_format(datetime(2027, 1, 14, 9, 30), "DATETIME_FORMAT") == moment


def test_tables_show_the_short_style_and_texts_the_long_one(org_a, hr_client):
    action = Action.objects.create(
        organisation=org_a, title="Mantelzorgcafé", year=2027, planned_date=date(2027, 3, 31)
    )
    Regulation.objects.create(
        organisation=org_a,
        kind=RegulationKind.FLEXIBLE_HOURS,
        title="Flexibele werktijden",
        last_checked=date(2025, 10, 6),
    )
    slug = {"slug": org_a.slug}
    actions = hr_client.get(reverse("programme:actions", kwargs=slug) + "?year=2027")
    assert "31 mrt. 2027" in actions.content.decode()
    regulations = hr_client.get(reverse("programme:regulation_list", kwargs=slug))
    assert "6 okt. 2025" in regulations.content.decode()
    detail = hr_client.get(reverse("programme:action_detail", kwargs={**slug, "pk": action.pk}))
    assert "31 maart 2027" in detail.content.decode()
    for page in (actions, regulations, detail):
        assert not re.search(
            r"\d (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec) \d", str(page.content.decode())
        )


FORM_PAGES = [
    ("programme:action_create", {}),
    ("programme:regulation_create", {}),
    ("programme:support_create", {}),
    ("programme:contact_create", {}),
    ("programme:member_add", {}),
    ("programme:organisation_edit", {}),
    ("monitor:campaign_create", {}),
]


def test_no_form_shows_an_english_placeholder_in_dutch(org_a, hr_client):
    seen_blank_choice = False
    for name, kwargs in FORM_PAGES:
        html = hr_client.get(reverse(name, kwargs={"slug": org_a.slug, **kwargs})).content.decode()
        assert "Select an option" not in html, name
        seen_blank_choice |= "- Maak een keuze -" in html
    assert seen_blank_choice  # the Dutch empty choice is really on a form


def test_the_roles_carry_the_names_people_use():
    with translation.override("nl"):
        assert [str(label) for label in Role.labels] == [
            "P&O-adviseur",
            "Leidinggevende of directie",
            "Mantelzorgconsulent",
        ]


def test_the_catalogue_writes_terecht_kunnen_as_two_words():
    catalogue = (settings.BASE_DIR / "locale/nl/LC_MESSAGES/django.po").read_text()
    assert "terechtkunnen" not in catalogue


def test_an_issued_letter_says_its_state_once(org_a, hr_a, hr_client):
    from recognition import services
    from tests.recognition.conftest import sign

    letter = sign(
        services.letter_compose(
            organisation=org_a, year=2026, language="nl", today=date(2026, 12, 9)
        )
    )
    services.letter_issue(letter=letter, by=hr_a)
    html = hr_client.get(
        reverse("recognition:letter_detail", kwargs={"slug": org_a.slug, "pk": letter.pk})
    ).content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    assert re.search(r"Vastgesteld\s+op \d+ \w+ \d{4}", text), text
    assert not re.search(r"vastgesteld\s+vastgesteld", text, re.IGNORECASE)


def test_actions_without_a_pillar_have_one_name_everywhere(org_a, hr_client):
    Action.objects.create(
        organisation=org_a,
        title="Nieuwsbrief",
        year=2026,
        status="gereed",
        completed_date=date(2026, 3, 1),
    )
    Action.objects.create(organisation=org_a, title="Folder", year=2027)
    slug = {"slug": org_a.slug}
    pages = [
        hr_client.get(reverse("programme:actions", kwargs=slug) + "?year=2026"),
        hr_client.get(reverse("programme:action_review", kwargs=slug) + "?year=2026"),
        hr_client.get(reverse("programme:action_outlook", kwargs=slug) + "?year=2027"),
    ]
    for page in pages:
        html = page.content.decode()
        assert "Geen pijler" in html, page.request
        assert "Overig" not in html, page.request
