"""The letter pages: who sees what, composing and editing through forms, query budgets."""

import pytest
from django.urls import reverse
from django.utils import translation

from config.formats.dates import short_date
from recognition.models import StatusLetter
from tests.recognition.conftest import compose, section


def url(name, letter=None, slug=None):
    kwargs = {"slug": slug or letter.organisation.slug}
    if letter is not None:
        kwargs["pk"] = letter.pk
    return reverse(f"recognition:{name}", kwargs=kwargs)


def test_hr_sees_drafts_and_issued_letters_with_their_hash(draft, issued, hr_client):
    html = hr_client.get(url("letter_list", slug=draft.organisation.slug)).content.decode()
    assert url("letter_detail", draft) in html and url("letter_detail", issued) in html
    assert "Concept" in html and "Vastgesteld" in html
    assert issued.pdf_sha256[:16] in html and issued.pdf_sha256 in html  # shown and in its title
    with translation.override("nl"):  # a table: the short style, "2 dec. 2026"
        assert short_date(issued.issued_at) in html


def test_a_manager_sees_only_issued_letters(draft, issued, manager_client):
    response = manager_client.get(url("letter_list", slug=draft.organisation.slug))
    html = response.content.decode()
    assert url("letter_detail", issued) in html
    assert url("letter_detail", draft) not in html
    assert "Nieuwe brief" not in html


@pytest.mark.parametrize("name", ["letter_detail", "letter_pdf", "letter_docx"])
def test_a_manager_reads_and_downloads_an_issued_letter(issued, manager_client, name):
    assert manager_client.get(url(name, issued)).status_code == 200


@pytest.mark.parametrize(
    "name", ["letter_detail", "letter_pdf", "letter_docx", "letter_edit", "letter_issue"]
)
def test_a_manager_cannot_open_a_draft(draft, manager_client, name):
    assert manager_client.get(url(name, draft)).status_code == 403


@pytest.mark.parametrize("name", ["letter_edit", "letter_issue", "letter_copy", "letter_delete"])
def test_a_manager_cannot_change_a_letter(draft, issued, manager_client, name):
    for letter in (draft, issued):
        assert manager_client.post(url(name, letter)).status_code == 403
    assert StatusLetter.objects.count() == 2
    draft.refresh_from_db()
    assert not draft.is_issued


def test_a_manager_cannot_compose_a_letter(org_a, manager_client):
    assert (
        manager_client.post(url("letter_create", slug=org_a.slug), {"year": 2025}).status_code
        == 403
    )
    assert not StatusLetter.objects.exists()


def test_composing_through_the_form_opens_the_new_draft(year_of_work, hr_client):
    response = hr_client.post(
        url("letter_create", slug=year_of_work.slug), {"year": 2025, "language": "nl"}
    )
    letter = StatusLetter.objects.get()
    assert response["Location"] == url("letter_edit", letter)
    assert (letter.year, letter.language) == (2025, "nl")


def test_a_year_out_of_range_is_refused_and_nothing_is_made(org_a, hr_client):
    response = hr_client.post(
        url("letter_create", slug=org_a.slug), {"year": 1990, "language": "nl"}
    )
    assert response.status_code == 200
    assert "Er is een probleem" in response.content.decode()
    assert not StatusLetter.objects.exists()


def edit_data(letter, **changes):
    data = {
        "subject": letter.subject,
        "addressee": letter.addressee,
        "salutation": letter.salutation,
        "reference": letter.reference,
        "your_reference": letter.your_reference,
        "occasion": letter.occasion,
        "department": letter.department,
        "handled_by": letter.handled_by,
        "phone": letter.phone,
        "email": letter.email,
        "attachments": letter.attachments,
        "complimentary_close": letter.complimentary_close,
        "sender": letter.sender,
        "show_monitor_chart": "on",
    }
    for s in letter.sections.all():
        data[f"section_{s.pk}_title"] = s.title
        data[f"section_{s.pk}_body"] = s.body
    for i, s in enumerate(letter.signatories.all()):
        data[f"signatory_{i}_name"] = s.name
        data[f"signatory_{i}_role"] = s.role
    return {**data, **changes}


def test_the_edit_form_saves_fields_sections_and_signatories(draft, hr_client):
    goal = section(draft, "goal")
    data = edit_data(
        draft,
        reference="MZ-2025-7",
        **{
            f"section_{goal.pk}_body": "Een nieuw doel.\n\n- eerste punt",
            "signatory_2_name": "C. Wethouder",
            "signatory_2_role": "de wethouder",
        },
    )
    response = hr_client.post(url("letter_edit", draft), data)
    assert response.status_code == 302 and response["Location"] == url("letter_detail", draft)
    draft.refresh_from_db()
    assert draft.reference == "MZ-2025-7"
    assert section(draft, "goal").body == "Een nieuw doel.\n\n- eerste punt"
    assert [s.name for s in draft.signatories.all()] == [
        "A. Secretaris",
        "B. Burgemeester",
        "C. Wethouder",
    ]


def test_the_edit_form_saves_the_sender_block_and_keeps_the_date(draft, hr_client):
    data = edit_data(
        draft,
        your_reference="RV/2025/12",
        department="P&O",
        handled_by="H. de Roos",
        phone="026 123 45 67",
        email="h.deroos@aland.example",
        attachments="Rapport monitor 2025\nActieplan 2026",
        occasion="Dit is het antwoord op uw vragen van 3 maart.",
        letter_date="2030-01-01",  # not a field: the date follows composing and issuing
    )
    assert hr_client.post(url("letter_edit", draft), data).status_code == 302
    letter = StatusLetter.objects.get(pk=draft.pk)
    assert (letter.your_reference, letter.department, letter.handled_by, letter.phone) == (
        "RV/2025/12",
        "P&O",
        "H. de Roos",
        "026 123 45 67",
    )
    assert letter.attachment_names == ["Rapport monitor 2025", "Actieplan 2026"]
    assert letter.occasion == "Dit is het antwoord op uw vragen van 3 maart."
    assert letter.letter_date == draft.letter_date


def test_a_wrong_e_mail_address_is_refused_in_dutch(draft, hr_client):
    response = hr_client.post(url("letter_edit", draft), edit_data(draft, email="geen adres"))
    assert response.status_code == 200
    assert 'href="#id_email"' in response.content.decode()
    assert StatusLetter.objects.get(pk=draft.pk).email == draft.email


def test_a_signatory_without_a_role_is_refused_and_nothing_changes(draft, hr_client):
    data = edit_data(draft, subject="Nieuw onderwerp", signatory_2_name="C. Wethouder")
    response = hr_client.post(url("letter_edit", draft), data)
    assert response.status_code == 200
    assert 'href="#id_signatory_2_role"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.subject != "Nieuw onderwerp" and draft.signatories.count() == 2


def test_the_preview_shows_the_letter_and_what_is_missing(year_of_work, hr_client):
    letter = compose(year_of_work)
    html = hr_client.get(url("letter_detail", letter)).content.decode()
    assert "Terugblik 2025" in html and 'id="letter-monitor-chart-title"' in html
    assert "minstens 2 ondertekenaars" in html


def test_a_letter_of_another_organisation_is_404(draft, other_org_client, org_b):
    for name in ("letter_detail", "letter_pdf", "letter_edit"):
        foreign = reverse(f"recognition:{name}", kwargs={"slug": org_b.slug, "pk": draft.pk})
        assert other_org_client.get(foreign).status_code == 404


def test_the_list_costs_the_same_queries_for_one_letter_or_many(
    draft, hr_client, django_assert_num_queries
):
    list_url = url("letter_list", slug=draft.organisation.slug)
    with django_assert_num_queries(4) as one:  # session, user, membership, letters
        hr_client.get(list_url)
    for year in (2023, 2024):
        compose(draft.organisation, year=year)
    with django_assert_num_queries(len(one.captured_queries)):
        hr_client.get(list_url)


def test_the_preview_has_a_fixed_query_budget(draft, hr_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        hr_client.get(url("letter_detail", draft))
