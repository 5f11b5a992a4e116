"""Issuing freezes a letter: its PDF and hash are stored and nothing about it changes again."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recognition import services
from recognition.models import LetterIsIssued, LetterSection, LetterState, Signatory, StatusLetter
from tests.recognition.conftest import compose, section, sign


def test_issuing_stores_the_pdf_and_its_hash(issued, hr_a):
    issued.refresh_from_db()
    pdf = bytes(issued.pdf)
    assert pdf.startswith(b"%PDF-")
    assert issued.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert issued.state == LetterState.ISSUED
    assert issued.issued_by == hr_a and issued.issued_at is not None


def test_an_issued_letter_refuses_every_change(issued):
    with pytest.raises(LetterIsIssued):
        services.letter_update(
            letter=issued, fields={"subject": "Anders"}, sections={}, signatories=[]
        )
    letter = StatusLetter.objects.get(pk=issued.pk)
    letter.subject = "Anders"
    with pytest.raises(LetterIsIssued):
        letter.save()
    text = section(letter, "goal")
    text.body = "Iets anders"
    with pytest.raises(LetterIsIssued):
        text.save()
    with pytest.raises(LetterIsIssued):
        Signatory.objects.create(letter=letter, order=9, name="C", role="wethouder")
    with pytest.raises(LetterIsIssued):
        letter.delete()
    with pytest.raises(LetterIsIssued):
        services.letter_issue(letter=letter, by=None)


def test_the_edit_page_of_an_issued_letter_changes_nothing(issued, hr_client):
    before = StatusLetter.objects.get(pk=issued.pk)
    goal = section(issued, "goal")
    url = reverse(
        "recognition:letter_edit", kwargs={"slug": issued.organisation.slug, "pk": issued.pk}
    )
    response = hr_client.post(
        url, {"subject": "Anders", f"section_{goal.pk}_body": "Anders"}, follow=True
    )
    assert "Je kunt hem niet meer wijzigen" in response.content.decode()
    after = StatusLetter.objects.get(pk=issued.pk)
    assert (after.subject, bytes(after.pdf), after.pdf_sha256) == (
        before.subject,
        bytes(before.pdf),
        before.pdf_sha256,
    )
    assert section(after, "goal").body == goal.body


def test_the_stored_pdf_is_what_is_downloaded(issued, manager_client):
    url = reverse(
        "recognition:letter_pdf", kwargs={"slug": issued.organisation.slug, "pk": issued.pk}
    )
    response = manager_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == issued.pdf_sha256
    assert "attachment;" in response["Content-Disposition"]


def test_a_letter_needs_two_signatories_to_be_issued(year_of_work, hr_a, hr_client):
    letter = sign(compose(year_of_work), [("A. Secretaris", "de secretaris")])
    with pytest.raises(services.LetterNotReady):
        services.letter_issue(letter=letter, by=hr_a)
    url = reverse("recognition:letter_issue", kwargs={"slug": year_of_work.slug, "pk": letter.pk})
    response = hr_client.post(url)
    assert response.status_code == 400
    assert "minstens 2 ondertekenaars" in response.content.decode()
    letter.refresh_from_db()
    assert letter.state == LetterState.DRAFT and letter.pdf is None


def test_an_unnamed_signatory_keeps_the_letter_a_draft(year_of_work, hr_a):
    letter = compose(year_of_work)  # the usual roles, still without names
    assert [s.name for s in letter.signatories.all()] == ["", ""]
    with pytest.raises(services.LetterNotReady):
        services.letter_issue(letter=letter, by=hr_a)


def test_issuing_through_the_page(draft, hr_client):
    url = reverse(
        "recognition:letter_issue", kwargs={"slug": draft.organisation.slug, "pk": draft.pk}
    )
    assert "Brief vaststellen" in hr_client.get(url).content.decode()
    response = hr_client.post(url, follow=True)
    draft.refresh_from_db()
    assert draft.is_issued
    assert draft.pdf_sha256 in response.content.decode()


def test_a_copy_is_a_new_editable_draft_with_the_same_texts(issued):
    copy = services.letter_copy(letter=issued, today=issued.letter_date)
    assert copy.pk != issued.pk and copy.copied_from == issued and copy.state == LetterState.DRAFT
    assert [(s.kind, s.title, s.body) for s in copy.sections.all()] == [
        (s.kind, s.title, s.body) for s in issued.sections.all()
    ]
    assert [(s.name, s.role) for s in copy.signatories.all()] == [
        (s.name, s.role) for s in issued.signatories.all()
    ]
    services.letter_update(
        letter=copy, fields={"subject": "Gecorrigeerd"}, sections={}, signatories=[]
    )
    assert StatusLetter.objects.get(pk=copy.pk).subject == "Gecorrigeerd"
    assert StatusLetter.objects.get(pk=issued.pk).subject != "Gecorrigeerd"


def test_a_draft_can_be_deleted_an_issued_letter_cannot(draft, issued, hr_client):
    slug = draft.organisation.slug
    hr_client.post(reverse("recognition:letter_delete", kwargs={"slug": slug, "pk": draft.pk}))
    assert not StatusLetter.objects.filter(pk=draft.pk).exists()
    assert not LetterSection.objects.filter(letter_id=draft.pk).exists()
    hr_client.post(reverse("recognition:letter_delete", kwargs={"slug": slug, "pk": issued.pk}))
    assert StatusLetter.objects.filter(pk=issued.pk).exists()


def test_a_signatory_needs_a_name_and_a_role_whatever_writes_the_letter(draft):
    # The form pairs them up; the service refuses a half row too, and keeps what was there.
    before = [(s.name, s.role) for s in draft.signatories.all()]
    with pytest.raises(ValidationError):
        services.letter_update(
            letter=draft, fields={}, sections={}, signatories=[("Anna de Vries", " ")]
        )
    assert [(s.name, s.role) for s in draft.signatories.all()] == before
