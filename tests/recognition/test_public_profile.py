"""The public profile shows only what was published, and nothing at all until it is."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programme.models import ActionStatus, ContactPerson, Regulation, SupportOffer
from recognition import services
from recognition.models import PublicProfile, RecognitionStatus
from tests.conftest import client_for
from tests.monitor.conftest import make_campaign
from tests.recognition.conftest import CARER, NOT_CARER, close_after_last_day, respond

SHOWN_DONE = "Intranetpagina over mantelzorg"
SHOWN_PLANNED = "Mantelzorgcafé in het voorjaar"
NOT_SHOWN = "Interne evaluatie van de regelingen"


def public_url(organisation):
    return reverse("public:profile", kwargs={"slug": organisation.slug})


@pytest.fixture
def profile(org_a, make_action):
    """Organisation A's profile with two of its three actions and one of its two partners."""
    shown = [
        make_action(org_a, title=SHOWN_DONE, status=ActionStatus.DONE, year=2025),
        make_action(org_a, title=SHOWN_PLANNED, year=2027),
    ]
    make_action(org_a, title=NOT_SHOWN, status=ActionStatus.DONE, year=2025)
    steunpunt = SupportOffer.objects.create(
        organisation=org_a, name="Steunpunt Mantelzorg Aland", kind="extern"
    )
    SupportOffer.objects.create(organisation=org_a, name="Bedrijfsarts Aland", kind="intern")
    ContactPerson.objects.create(
        organisation=org_a, name="Anna de Vries", email="anna@aland.example"
    )
    Regulation.objects.create(
        organisation=org_a, kind="thuiswerken", title="Thuiswerkregeling Aland"
    )
    services.recognition_save(
        organisation=org_a,
        fields={"status": RecognitionStatus.RECOGNISED, "granted_on": date(2023, 11, 10)},
    )
    return services.profile_save(
        organisation=org_a,
        fields={"introduction": "Wij zorgen voor wie zorgt.", "achievements": "", "next_steps": ""},
        actions=shown,
        partners=[steunpunt],
    )


def publish(organisation):
    services.profile_publish(organisation=organisation, publish=True, today=date(2026, 11, 10))


def test_an_unpublished_profile_is_404_for_everyone_outside_the_organisation(
    profile, org_a, hr_b, hr_a
):
    for user in (None, hr_b, hr_a):  # the public page exists only once published
        assert client_for(user).get(public_url(org_a)).status_code == 404
    preview = reverse("recognition:profile_preview", kwargs={"slug": org_a.slug})
    assert client_for(hr_b).get(preview).status_code == 404
    assert client_for(hr_a).get(preview).status_code == 200


def test_an_unknown_organisation_is_404(db):
    assert client_for(None).get("/erkend/bestaat-niet/").status_code == 404


def test_a_published_profile_shows_only_the_selected_actions_and_partners(profile, org_a):
    publish(org_a)
    html = client_for(None).get(public_url(org_a)).content.decode()
    assert "Gemeente Aland" in html and "Wij zorgen voor wie zorgt." in html
    assert "Erkend mantelzorgvriendelijk sinds 10 november 2023" in html
    assert SHOWN_DONE in html and SHOWN_PLANNED in html and NOT_SHOWN not in html
    assert html.index(SHOWN_DONE) < html.index("Wat we nog gaan doen") < html.index(SHOWN_PLANNED)
    assert "Steunpunt Mantelzorg Aland" in html and "Bedrijfsarts Aland" not in html


def test_the_public_page_reveals_nothing_that_was_not_published(profile, org_a):
    publish(org_a)
    html = client_for(None).get(public_url(org_a)).content.decode()
    for secret in ("Anna de Vries", "anna@aland.example", "Thuiswerkregeling Aland", "%"):
        assert secret not in html, secret
    assert 'href="/o/' not in html  # no way into the back office


def test_no_monitor_figure_unless_chosen_and_above_the_minimum(profile, org_a):
    publish(org_a)
    page = public_url(org_a)
    small = make_campaign(
        org_a, title="Monitor 2025", opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 31)
    )
    respond(small, 3, CARER, date(2025, 10, 2))
    respond(small, 7, NOT_CARER, date(2025, 10, 2))
    close_after_last_day(small)
    assert "%" not in client_for(None).get(page).content.decode()  # not chosen
    services.profile_save(
        organisation=org_a,
        fields={"monitor_campaign": small, "monitor_metric": "carer-share"},
        actions=[],
        partners=[],
    )
    publish(org_a)
    html = client_for(None).get(page).content.decode()
    assert "%" not in html  # chosen, but 3 carers is below the minimum of 5
    # A closed campaign never changes; a later one shows only once HR chooses it.
    larger = make_campaign(
        org_a, title="Monitor 2026", opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)
    )
    respond(larger, 5, CARER, date(2026, 3, 2))
    respond(larger, 7, NOT_CARER, date(2026, 3, 3))
    close_after_last_day(larger)  # 5 carers of 12, exactly
    assert "%" not in client_for(None).get(page).content.decode()
    services.profile_save(
        organisation=org_a,
        fields={"monitor_campaign": larger, "monitor_metric": "carer-share"},
        actions=[],
        partners=[],
    )
    publish(org_a)
    html = client_for(None).get(page).content.decode()
    assert "Medewerkers die voor iemand zorgen" in html and "42% (Monitor 2026)" in html


def test_the_profile_cannot_show_an_open_or_foreign_monitor(profile, org_a, org_b):
    open_campaign = make_campaign(org_a)
    foreign = make_campaign(
        org_b, title="Monitor Beekdal", opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 31)
    )
    close_after_last_day(foreign)
    for campaign in (open_campaign, foreign):
        with pytest.raises(ValidationError):
            services.profile_save(
                organisation=org_a,
                fields={"monitor_campaign": campaign, "monitor_metric": "carer-share"},
                actions=[],
                partners=[],
            )
    assert PublicProfile.objects.get(organisation=org_a).monitor_campaign is None


def test_the_directory_lists_only_published_profiles(profile, org_a, org_b):
    services.profile_publish(organisation=org_b, publish=False, today=date(2026, 1, 1))
    directory = client_for(None).get(reverse("public:directory")).content.decode()
    assert "Gemeente Aland" not in directory and "Zorggroep Beekdal" not in directory
    publish(org_a)
    directory = client_for(None).get(reverse("public:directory")).content.decode()
    assert public_url(org_a) in directory and "Zorggroep Beekdal" not in directory


def test_unpublishing_takes_the_page_offline(profile, org_a, hr_client):
    publish_url = reverse("recognition:profile_publish", kwargs={"slug": org_a.slug})
    hr_client.post(publish_url, {"publish": "1"})
    assert client_for(None).get(public_url(org_a)).status_code == 200
    hr_client.post(publish_url, {"publish": "0"})
    assert client_for(None).get(public_url(org_a)).status_code == 404


def test_the_form_offers_only_the_organisations_own_actions(
    profile, org_a, org_b, hr_client, make_action
):
    foreign = make_action(org_b, title="Actie van Beekdal", status=ActionStatus.DONE)
    edit = reverse("recognition:profile_edit", kwargs={"slug": org_a.slug})
    assert "Actie van Beekdal" not in hr_client.get(edit).content.decode()
    response = hr_client.post(edit, {"introduction": "Anders", "actions": [foreign.pk]})
    assert response.status_code == 200 and 'href="#id_actions_0"' in response.content.decode()
    profile.refresh_from_db()
    assert profile.introduction == "Wij zorgen voor wie zorgt."
    with pytest.raises(ValueError):
        services.profile_save(organisation=org_a, fields={}, actions=[foreign], partners=[])


def test_saving_through_the_form(profile, org_a, hr_client):
    edit = reverse("recognition:profile_edit", kwargs={"slug": org_a.slug})
    action = org_a.actions.get(title=NOT_SHOWN)
    response = hr_client.post(
        edit,
        {
            "introduction": "Nieuw",
            "achievements": "- eerste\n- tweede",
            "next_steps": "",
            "actions": [action.pk],
            "monitor_metric": "",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.introduction == "Nieuw"
    assert list(profile.actions.values_list("title", flat=True)) == [NOT_SHOWN]
    preview = hr_client.get(response["Location"]).content.decode()
    assert "<li>eerste</li>" in preview and NOT_SHOWN in preview


# --- A draft, previewed, then published; the parts of a profile like Enschede's -----------

ENSCHEDE_LIKE = {
    "place": "Aland",
    "introduction": "Aland heeft blijvend aandacht voor medewerkers die mantelzorger zijn.",
    "awareness": "Een intranetpagina over werk en mantelzorg.\n\n- Posters op alle locaties",
    "achievements": "",
    "next_steps": "",
    "guided_by": "Adviesbureau Zorg & Werk",
    "guided_by_url": "https://zorgenwerk.example",
    "website": "https://www.aland.example",
    "news_url": "https://www.aland.example/nieuws/erkend",
    "video_url": "https://video.example/aland",
    "monitor_metric": "",
}


def test_a_draft_stays_off_the_public_page_until_it_is_published(profile, org_a, hr_client):
    publish(org_a)
    edit = reverse("recognition:profile_edit", kwargs={"slug": org_a.slug})
    response = hr_client.post(
        edit, {**ENSCHEDE_LIKE, "actions": [a.pk for a in profile.actions.all()]}
    )
    assert response.status_code == 302
    public = client_for(None).get(public_url(org_a)).content.decode()
    assert "Wij zorgen voor wie zorgt." in public  # the published version
    for new in ("blijvend aandacht", "intranetpagina", "Zorg &amp; Werk", "aland.example"):
        assert new not in public, new
    # The preview shows the draft and says that it is not public yet.
    preview = hr_client.get(response["Location"]).content.decode()
    assert "blijvend aandacht" in preview and "Wijzigingen publiceren" in preview
    assert "10 november 2026 tot je de wijzigingen publiceert" in preview
    hr_client.post(
        reverse("recognition:profile_publish", kwargs={"slug": org_a.slug}), {"publish": "1"}
    )
    public = client_for(None).get(public_url(org_a)).content.decode()
    assert "Wij zorgen voor wie zorgt." not in public and "blijvend aandacht" in public
    assert "Zo maken we medewerkers bewust van het thema" in public
    assert "<li>Posters op alle locaties</li>" in public
    assert (
        'begeleid door <a href="https://zorgenwerk.example" rel="noopener">'
        "Adviesbureau Zorg &amp; Werk</a>" in public
    )
    for link in ("https://www.aland.example", "https://www.aland.example/nieuws/erkend"):
        assert f'href="{link}" rel="noopener"' in public
    assert "Website van Gemeente Aland" in public and "Nieuwsbericht" in public
    assert SHOWN_DONE in public  # the chosen actions came along
    preview = hr_client.get(reverse("recognition:profile_preview", kwargs={"slug": org_a.slug}))
    assert "Wijzigingen publiceren" not in preview.content.decode()  # nothing left to publish


def test_a_changed_action_reaches_the_public_page_only_when_published(profile, org_a):
    publish(org_a)
    action = org_a.actions.get(title=SHOWN_PLANNED)
    action.title = "Mantelzorgcafé, verplaatst naar de herfst"
    action.save()
    html = client_for(None).get(public_url(org_a)).content.decode()
    assert SHOWN_PLANNED in html and "verplaatst" not in html
    publish(org_a)
    assert "verplaatst" in client_for(None).get(public_url(org_a)).content.decode()


@pytest.mark.parametrize("field", ["website", "news_url", "video_url", "guided_by_url"])
@pytest.mark.parametrize(
    "address", ["http://www.aland.example", "javascript:alert(1)", "ftp://aland.example/x"]
)
def test_only_https_links_are_accepted(profile, org_a, hr_client, field, address):
    edit = reverse("recognition:profile_edit", kwargs={"slug": org_a.slug})
    response = hr_client.post(edit, {**ENSCHEDE_LIKE, field: address})
    assert response.status_code == 200
    assert f'href="#id_{field}"' in response.content.decode()
    profile.refresh_from_db()
    assert profile.website == "" and profile.introduction == "Wij zorgen voor wie zorgt."
    with pytest.raises(ValidationError):  # the model holds the rule, not only the form
        services.profile_save(organisation=org_a, fields={field: address}, actions=[], partners=[])


def test_a_guide_link_needs_a_name(profile, org_a):
    with pytest.raises(ValidationError):
        services.profile_save(
            organisation=org_a,
            fields={"guided_by": "", "guided_by_url": "https://zorgenwerk.example"},
            actions=[],
            partners=[],
        )


def give_logo(organisation):
    from django.core.files.base import ContentFile

    from programme.demo import logo_png

    organisation.logo.save("logo.png", ContentFile(logo_png()), save=True)


def test_the_logo_is_public_only_while_the_profile_is_published(profile, org_a):
    give_logo(org_a)
    logo = reverse("public:logo", kwargs={"slug": org_a.slug})
    assert client_for(None).get(logo).status_code == 404
    publish(org_a)
    response = client_for(None).get(logo)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert f'src="{logo}"' in client_for(None).get(public_url(org_a)).content.decode()
    services.profile_publish(organisation=org_a, publish=False, today=date(2026, 11, 11))
    assert client_for(None).get(logo).status_code == 404


def test_the_directory_shows_recognised_since_place_logo_and_count(profile, org_a, org_b):
    give_logo(org_a)
    services.profile_save(
        organisation=org_a, fields={"place": "Aland-Zuid"}, actions=[], partners=[]
    )
    publish(org_a)
    services.profile_publish(organisation=org_b, publish=True, today=date(2026, 1, 1))
    html = client_for(None).get(reverse("public:directory")).content.decode()
    assert "Er staan 2 werkgevers in het overzicht." in html
    assert "Aland-Zuid · erkend sinds 10 november 2023" in html
    assert f'src="{reverse("public:logo", kwargs={"slug": org_a.slug})}"' in html
    assert "Zorggroep Beekdal" in html  # not recognised, no logo: listed by its name alone
    assert f'src="{reverse("public:logo", kwargs={"slug": org_b.slug})}"' not in html


def test_public_pages_carry_a_description_and_open_graph_tags(profile, org_a):
    give_logo(org_a)
    publish(org_a)
    html = client_for(None).get(public_url(org_a)).content.decode()
    assert '<meta name="description" content="Wij zorgen voor wie zorgt.">' in html
    assert '<meta property="og:title" content="Gemeente Aland">' in html
    assert f'<meta property="og:url" content="http://testserver{public_url(org_a)}">' in html
    logo = reverse("public:logo", kwargs={"slug": org_a.slug})
    assert f'<meta property="og:image" content="http://testserver{logo}">' in html
    directory = client_for(None).get(reverse("public:directory")).content.decode()
    assert '<meta name="description" content="Werkgevers die werken aan' in directory
    assert '<meta property="og:type" content="website">' in directory
    # Without an introduction the description says what the page is.
    services.profile_save(organisation=org_a, fields={"introduction": ""}, actions=[], partners=[])
    publish(org_a)
    html = client_for(None).get(public_url(org_a)).content.decode()
    assert (
        '<meta name="description" content="Gemeente Aland is sinds 10 november 2023 erkend als '
        'mantelzorgvriendelijke werkgever.">' in html
    )


def test_a_figure_needs_its_monitor_whatever_writes_the_profile(profile, org_a):
    # The rule lives in the model, not only in the form: the service and the admin obey it.
    with pytest.raises(ValidationError) as refused:
        services.profile_save(
            organisation=org_a,
            fields={"monitor_campaign": None, "monitor_metric": "carer-share"},
            actions=[],
            partners=[],
        )
    assert "monitor_campaign" in refused.value.message_dict
    profile.refresh_from_db()
    assert profile.monitor_metric == ""
