"""The pipeline's pages: the list with its filters and counts, an employer's page with its contact
log and form, the invitation, and the boundary between support organisations."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from support.invitations import token_hash
from support.models import (
    Contact,
    ContactKind,
    EmployerInvitation,
    Prospect,
    Stage,
    SupportOrganisation,
)
from tests.conftest import client_for, follow, make_support_member

TODAY = timezone.localdate


@pytest.fixture
def advisor(steunpunt):
    return make_support_member(steunpunt, "consulent@steunpunt-aland.example")


@pytest.fixture
def client(advisor):
    return client_for(advisor)


@pytest.fixture
def prospect(steunpunt, advisor):
    return Prospect.objects.create(
        support_organisation=steunpunt,
        name="Bakkerij Van Dam",
        kind="bedrijf",
        employee_count=35,
        owner=advisor,
        contact_name="Els van Dam",
        contact_email="els@bakkerij.example",
        target_group="De eigenaar",
        aim="Een lunch voor werkende mantelzorgers",
        benefit="Minder verzuim",
    )


def url(name, steunpunt, **kwargs):
    return reverse(f"support:{name}", kwargs={"slug": steunpunt.slug, **kwargs})


def contact_data(**overrides):
    data = {
        "on": TODAY().isoformat(),
        "kind": ContactKind.VISIT,
        "notes": "Kennismaking",
        "next_step": "Factsheet sturen",
        "next_step_on": (TODAY() + timedelta(days=7)).isoformat(),
        "stage": Stage.IN_CONVERSATION,
    }
    return {**data, **overrides}


def test_the_list_shows_each_employer_with_its_next_step_and_the_counts(
    client, steunpunt, prospect, advisor
):
    Prospect.objects.create(
        support_organisation=steunpunt, name="Zorg Oost", kind="zorg", stage=Stage.APPROACHED
    )
    Contact.objects.create(prospect=prospect, on=TODAY() - timedelta(days=4), kind="bezoek")
    Prospect.objects.filter(pk=prospect.pk).update(
        next_step="Terugbellen", next_step_on=TODAY() - timedelta(days=1)
    )
    response = client.get(url("pipeline", steunpunt))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bakkerij Van Dam" in page and "Zorg Oost" in page
    assert "Terugbellen" in page and "te laat" in page
    assert "35 medewerkers" in page and advisor.display_name in page
    # The row of stage counts, each a link that filters.
    assert re.search(r'stage=benaderd"[^>]*>Benaderd <span class="badge[^"]*">1</span>', page)
    filtered = client.get(url("pipeline", steunpunt), {"stage": Stage.APPROACHED}).content
    assert b"Zorg Oost" in filtered and b"Bakkerij Van Dam" not in filtered
    by_sector = client.get(url("pipeline", steunpunt), {"kind": "zorg"}).content
    assert b"Zorg Oost" in by_sector and b"Bakkerij Van Dam" not in by_sector


def test_invalid_filters_are_ignored_not_a_500(client, steunpunt, prospect):
    response = client.get(url("pipeline", steunpunt), {"owner": "abc", "stage": "x", "page": "9"})
    assert response.status_code == 200 and b"Bakkerij Van Dam" in response.content


def test_adding_an_employer_makes_the_advisor_its_owner(client, steunpunt, advisor):
    form = client.get(url("prospect_create", steunpunt)).content.decode()
    assert f'value="{advisor.pk}" selected' in form
    response = client.post(
        url("prospect_create", steunpunt),
        {"name": "Garage Jansen", "kind": "bedrijf", "stage": Stage.MAPPED, "owner": advisor.pk},
    )
    prospect = Prospect.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("prospect_detail", steunpunt, pk=prospect.pk)
    assert prospect.support_organisation == steunpunt and prospect.owner == advisor


def test_the_link_can_only_choose_employers_followed_now(client, steunpunt, org_a, org_b):
    follow(steunpunt, org_a)
    form = client.get(url("prospect_create", steunpunt)).content.decode()
    assert "Gemeente Aland" in form and "Zorggroep Beekdal" not in form
    response = client.post(
        url("prospect_create", steunpunt),
        {"name": "Zorggroep", "kind": "zorg", "stage": Stage.MAPPED, "organisation": org_b.pk},
    )
    assert response.status_code == 200 and not Prospect.objects.exists()


def test_the_detail_page_shows_the_three_questions_and_the_log_newest_first(
    client, steunpunt, prospect
):
    Contact.objects.create(
        prospect=prospect,
        on=TODAY() - timedelta(days=9),
        kind="telefoon",
        notes="Eerste telefoontje",
    )
    Contact.objects.create(
        prospect=prospect, on=TODAY() - timedelta(days=2), kind="bezoek", notes="Op de koffie"
    )
    page = client.get(url("prospect_detail", steunpunt, pk=prospect.pk)).content.decode()
    for text in (
        "De eigenaar",
        "Een lunch voor werkende mantelzorgers",
        "Minder verzuim",
        "Els van Dam",
        "Contact vastleggen",
    ):
        assert text in page
    assert page.index("Op de koffie") < page.index("Eerste telefoontje")


def test_logging_a_contact_from_the_detail_page(client, steunpunt, prospect, advisor):
    response = client.post(url("contact_add", steunpunt, pk=prospect.pk), contact_data())
    assert response.status_code == 302
    prospect.refresh_from_db()
    assert prospect.stage == Stage.IN_CONVERSATION and prospect.next_step == "Factsheet sturen"
    assert prospect.contacts.get().by == advisor


def test_a_contact_in_the_future_re_renders_the_detail_page_with_its_errors(
    client, steunpunt, prospect
):
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    response = client.post(url("contact_add", steunpunt, pk=prospect.pk), contact_data(on=tomorrow))
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page and "niet in de toekomst" in page
    assert "De eigenaar" in page  # the detail page, not a bare form
    prospect.refresh_from_db()
    assert not prospect.contacts.exists() and prospect.stage == Stage.MAPPED


def test_a_next_step_before_the_contact_re_renders_with_its_error(client, steunpunt, prospect):
    before = (TODAY() - timedelta(days=3)).isoformat()
    response = client.post(
        url("contact_add", steunpunt, pk=prospect.pk), contact_data(next_step_on=before)
    )
    assert response.status_code == 200
    assert "De volgende stap kan niet vóór het contact liggen." in response.content.decode()
    assert not prospect.contacts.exists()


def test_adding_a_contact_takes_only_a_post(client, steunpunt, prospect):
    assert client.get(url("contact_add", steunpunt, pk=prospect.pk)).status_code == 405


def test_editing_and_deleting_a_contact(client, steunpunt, prospect):
    client.post(url("contact_add", steunpunt, pk=prospect.pk), contact_data())
    contact = prospect.contacts.get()
    assert client.get(url("contact_edit", steunpunt, pk=contact.pk)).status_code == 200
    response = client.post(
        url("contact_edit", steunpunt, pk=contact.pk),
        {**contact_data(), "next_step": "Bellen", "next_step_on": TODAY().isoformat()},
    )
    assert response.status_code == 302
    prospect.refresh_from_db()
    assert (prospect.next_step, prospect.next_step_on) == ("Bellen", TODAY())
    assert (
        b"Contact verwijderen"
        in client.get(url("contact_delete", steunpunt, pk=contact.pk)).content
    )
    assert client.post(url("contact_delete", steunpunt, pk=contact.pk)).status_code == 302
    prospect.refresh_from_db()
    assert not prospect.contacts.exists() and prospect.next_step == ""


def test_deleting_an_employer_asks_first(client, steunpunt, prospect):
    page = client.get(url("prospect_delete", steunpunt, pk=prospect.pk))
    assert page.status_code == 200 and Prospect.objects.exists()
    assert client.post(url("prospect_delete", steunpunt, pk=prospect.pk)).status_code == 302
    assert not Prospect.objects.exists()


def test_another_support_organisations_objects_answer_404(steunpunt, prospect):
    other = SupportOrganisation.objects.create(name="Steunpunt Beekdal", slug="steunpunt-beekdal")
    stranger = client_for(make_support_member(other, "consulent@beekdal.example"))
    contact = Contact.objects.create(prospect=prospect, on=TODAY(), kind="email")
    for name, pk in [
        ("prospect_detail", prospect.pk),
        ("prospect_edit", prospect.pk),
        ("prospect_delete", prospect.pk),
        ("prospect_invite", prospect.pk),
        ("contact_add", prospect.pk),
        ("contact_edit", contact.pk),
        ("contact_delete", contact.pk),
    ]:
        for slug in (other.slug, steunpunt.slug):  # under its own slug, and under theirs
            target = reverse(f"support:{name}", kwargs={"slug": slug, "pk": pk})
            assert stranger.post(target).status_code == 404, target
            assert stranger.get(target).status_code in (404, 405), target
    assert Prospect.objects.filter(pk=prospect.pk).exists()
    assert Contact.objects.filter(pk=contact.pk).exists()
    own = stranger.get(reverse("support:pipeline", kwargs={"slug": other.slug})).content
    assert b"Bakkerij Van Dam" not in own


# --- The invitation -----------------------------------------------------------------------------


def test_inviting_mails_a_link_that_works_and_stores_only_its_hash(
    client, steunpunt, prospect, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    form = client.get(url("prospect_invite", steunpunt, pk=prospect.pk)).content.decode()
    assert 'value="els@bakkerij.example"' in form  # prefilled from the contact person
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("prospect_invite", steunpunt, pk=prospect.pk),
            {"full_name": "Els van Dam", "email": "els@bakkerij.example", "language": "nl"},
        )
    assert response.status_code == 302
    invitation = EmployerInvitation.objects.get()
    assert invitation.expires_at - invitation.sent_at == timedelta(days=14)
    (mail,) = mailoutbox
    assert mail.to == ["els@bakkerij.example"]
    assert "Steunpunt Mantelzorg Aland nodigt Bakkerij Van Dam uit" in mail.subject
    assert advisor.display_name in mail.body and "meekijken" in mail.body.lower()
    assert "nooit concepten" in mail.body and "altijd stoppen" in mail.body
    token = re.search(r"/uitnodiging/([^/\s]+)/", mail.body).group(1)
    assert invitation.token_hash == token_hash(token)
    assert token not in str(EmployerInvitation.objects.values().get())
    assert client_for(None).get(f"/uitnodiging/{token}/").status_code == 200


def test_the_invitation_can_be_sent_in_english(
    client, steunpunt, prospect, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("prospect_invite", steunpunt, pk=prospect.pk),
            {"full_name": "Els", "email": "els@bakkerij.example", "language": "en"},
        )
    (mail,) = mailoutbox
    assert "invites Bakkerij Van Dam" in mail.subject
    assert "never see drafts" in mail.body and "end this in the app at any time" in mail.body


def test_inviting_again_replaces_the_open_invitation(
    client, steunpunt, prospect, mailoutbox, django_capture_on_commit_callbacks
):
    data = {"full_name": "Els", "email": "els@bakkerij.example", "language": "nl"}
    tokens = []
    for _round in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("prospect_invite", steunpunt, pk=prospect.pk), data)
        tokens.append(re.search(r"/uitnodiging/([^/\s]+)/", mailoutbox[-1].body).group(1))
    assert EmployerInvitation.objects.count() == 1
    anonymous = client_for(None)
    assert anonymous.get(f"/uitnodiging/{tokens[0]}/").status_code == 404
    assert anonymous.get(f"/uitnodiging/{tokens[1]}/").status_code == 200


def test_a_bad_address_re_renders_the_invitation_form(client, steunpunt, prospect, mailoutbox):
    response = client.post(
        url("prospect_invite", steunpunt, pk=prospect.pk),
        {"full_name": "Els", "email": "geen-adres", "language": "nl"},
    )
    assert response.status_code == 200 and b"error-summary" in response.content
    assert not EmployerInvitation.objects.exists() and mailoutbox == []


def test_an_employer_followed_already_is_not_invited(client, steunpunt, prospect, org_a):
    follow(steunpunt, org_a)
    Prospect.objects.filter(pk=prospect.pk).update(organisation=org_a)
    response = client.post(
        url("prospect_invite", steunpunt, pk=prospect.pk),
        {"full_name": "Els", "email": "els@bakkerij.example", "language": "nl"},
    )
    assert response.status_code == 200 and "je kijkt al mee" in response.content.decode()
    assert not EmployerInvitation.objects.exists()
