"""Exit and deletion: the HR advisor's full export as one ZIP, the organisation's deletion by
platform staff after it, and the deactivation of members who no longer log in."""

# ruff: noqa: F811 (the recognition fixtures imported below are used as arguments)
import csv
import io
import zipfile
from datetime import date, timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from exit import services
from exit.models import OrganisationExport
from monitor.models import Campaign
from pillars import services as pillar_services
from pillars.models import EvidenceFile, Pillar
from programme.models import Action, Membership, Organisation, Role
from recognition.models import StatusLetter
from support.models import Following
from tests.conftest import (
    PASSWORD,
    client_for,
    follow,
    make_member,
    make_support_member,
    with_second_factor,
)
from tests.recognition.conftest import issued, year_of_work  # noqa: F401 (fixtures)

EVIDENCE = b"%PDF-1.7 verslag van de werkgroep\n" + bytes(range(256)) * 40


@pytest.fixture
def evidence(org_a, hr_a):
    item = Pillar.objects.get(key="borgen").items.order_by("order").first()
    return pillar_services.evidence_add(
        organisation=org_a,
        item=item,
        by=hr_a,
        # A name that tries to climb out of its folder in the ZIP.
        upload=SimpleUploadedFile("../../etc/ver slag.pdf", EVIDENCE),
    )


def export_zip(client, organisation) -> zipfile.ZipFile:
    response = client.post(reverse("exit:export", args=[organisation.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"export-{organisation.slug}-" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def read_csv(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    raw = archive.read(f"data/{name}.csv")
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_export_page_says_what_is_in_it(hr_client, org_a):
    response = hr_client.get(reverse("exit:export", args=[org_a.slug]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Voortgang checklist" in text and "Download het ZIP-bestand" not in text
    assert "ZIP-bestand downloaden" in text
    assert not OrganisationExport.objects.exists()  # reading the page makes no export


def test_the_zip_reads_back_with_every_kind_the_dossier_and_evidence(
    hr_a,
    hr_client,
    org_a,
    org_b,
    year_of_work,
    evidence,
    make_action,
):
    make_action(org_b, title="Actie van een ander")
    make_member(org_b, "p&o@bland.example", Role.HR)
    archive = export_zip(hr_client, org_a)
    names = set(archive.namelist())
    for kind in ("organisation", "members", "actions", "checklist-progress", "monitor-results"):
        assert f"data/{kind}.csv" in names and f"data/{kind}.xlsx" in names
    assert {"README.txt", "dossier.pdf"} <= names
    assert archive.read("dossier.pdf").startswith(b"%PDF")
    # The evidence file byte for byte, under a name that stays inside evidence/.
    (evidence_name,) = [n for n in names if n.startswith("evidence/")]
    assert archive.read(evidence_name) == EVIDENCE
    assert ".." not in evidence_name and evidence_name.count("/") == 1
    assert all(not n.startswith("/") and ".." not in n for n in names)

    members = read_csv(archive, "members")
    assert [hr_a.email] == [row[1] for row in members[1:]]
    actions = read_csv(archive, "actions")
    assert {row[1] for row in actions[1:]} == set(
        Action.objects.filter(organisation=org_a).values_list("title", flat=True)
    )
    book = load_workbook(io.BytesIO(archive.read("data/actions.xlsx")))
    assert book.active.max_row == len(actions)
    # The monitor: the published figures of the closed campaign, never raw rows.
    results = read_csv(archive, "monitor-results")
    closed = Campaign.objects.get(organisation=org_a, closed_on__isnull=False)
    assert len(results) > 2 and {row[0] for row in results[1:]} == {closed.title}
    # No other organisation's data anywhere in the ZIP's tables.
    for name in names:
        if name.startswith("data/") and name.endswith(".csv"):
            content = archive.read(name).decode("utf-8-sig")
            assert "Bland" not in content and "Actie van een ander" not in content
            assert "p&o@bland.example" not in content
    readme = archive.read("README.txt").decode()
    assert "Gemeente Aland" in readme and "data/actions.csv" in readme
    assert "evidence/" in readme
    # Recorded for platform staff: when and by whom.
    record = OrganisationExport.objects.get()
    assert record.organisation == org_a and record.made_by == hr_a
    assert record.file_count == len(names)


def test_the_issued_letters_are_in_the_zip_as_stored(hr_client, org_a, issued):
    archive = export_zip(hr_client, org_a)
    stem = f"letters/letter-{issued.year}-{issued.pk}"
    assert archive.read(f"{stem}.pdf") == bytes(issued.pdf)
    assert archive.read(f"{stem}.docx") == bytes(issued.docx)
    letters = read_csv(archive, "letters")
    assert letters[1][-1] == f"{stem}.pdf"
    assert f"{stem}.pdf" in archive.read("README.txt").decode()


def test_the_export_keeps_secrets_out(hr_client, org_a):
    from tests.monitor.conftest import make_campaign

    campaign = make_campaign(org_a, title="Monitor voorjaar")
    archive = export_zip(hr_client, org_a)
    campaigns = archive.read("data/campaigns.csv").decode("utf-8-sig")
    assert "Monitor voorjaar" in campaigns and campaign.key not in campaigns
    assert "pbkdf2" not in archive.read("data/members.csv").decode("utf-8-sig")


def test_two_exports_of_the_same_data_are_the_same_tables(hr_client, org_a, make_action):
    make_action(org_a, title="Mantelzorgbeleid vaststellen")
    first, second = export_zip(hr_client, org_a), export_zip(hr_client, org_a)
    assert first.namelist() == second.namelist()
    for name in first.namelist():
        if name.endswith(".csv"):
            assert first.read(name) == second.read(name)
        assert first.getinfo(name).date_time == (2000, 1, 1, 0, 0, 0)


def test_the_readme_speaks_the_hr_advisors_language(hr_client, org_a):
    hr_client.post(reverse("set_language"), {"language": "en"})
    readme = export_zip(hr_client, org_a).read("README.txt").decode()
    assert "Export of all data of Gemeente Aland" in readme
    hr_client.post(reverse("set_language"), {"language": "nl"})
    readme = export_zip(hr_client, org_a).read("README.txt").decode()
    assert "Export van alle gegevens van Gemeente Aland" in readme


def test_only_hr_advisors_export(org_a, manager_client, other_org_client, advisor_a):
    url = reverse("exit:export", args=[org_a.slug])
    assert manager_client.post(url).status_code == 403
    assert client_for(advisor_a).post(url).status_code == 403
    assert other_org_client.post(url).status_code == 404
    assert client_for(None).post(url).status_code == 302
    assert not OrganisationExport.objects.exists()


# --- Deletion ------------------------------------------------------------------------------------


def _export(organisation, by, *, days_ago=0):
    services.export_organisation(organisation=organisation, by=by).close()
    OrganisationExport.objects.filter(organisation=organisation).update(
        made_at=timezone.now() - timedelta(days=days_ago)
    )


def test_deletion_is_refused_without_a_recent_export(org_a, hr_a, settings):
    with pytest.raises(services.ExitError, match="geen volledige export"):
        services.delete_organisation(organisation=org_a)
    settings.EXIT_EXPORT_VALID_DAYS = 30
    _export(org_a, hr_a, days_ago=31)
    with pytest.raises(services.ExitError, match="ouder dan 30 dagen"):
        services.delete_organisation(organisation=org_a)
    assert Organisation.objects.filter(pk=org_a.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_deletion_removes_rows_files_and_lone_accounts(org_a, org_b, hr_a, settings, make_action):
    # transaction=True: the stored files go once the deletion has committed.
    item = Pillar.objects.get(key="borgen").items.order_by("order").first()
    evidence = pillar_services.evidence_add(
        organisation=org_a, item=item, by=hr_a, upload=SimpleUploadedFile("a.pdf", EVIDENCE)
    )
    path = settings.MEDIA_ROOT / evidence.file.name
    assert path.exists()
    make_action(org_a, title="Weg")
    also_b = make_member(org_a, "ook@bland.example", Role.MANAGER)
    Membership.objects.create(user=also_b, organisation=org_b, role=Role.HR)
    staff = make_member(org_a, "staf@platform.example", Role.MANAGER)
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    kept_b = make_member(org_b, "hr@bland.example", Role.HR)
    _export(org_a, hr_a)

    result = services.delete_organisation(organisation=org_a)

    assert result.files == 1 and result.users == 1
    assert not Organisation.objects.filter(slug="gemeente-aland").exists()
    assert not EvidenceFile.objects.exists() and not path.exists()
    assert not Action.objects.filter(title="Weg").exists()
    assert not OrganisationExport.objects.exists()
    assert set(User.objects.values_list("email", flat=True)) == {
        also_b.email,
        staff.email,
        kept_b.email,
    }


def test_the_command_refuses_then_asks_then_deletes(org_a, hr_a, monkeypatch):
    with pytest.raises(CommandError, match="geen volledige export"):
        call_command("delete_organisation", org_a.slug)
    _export(org_a, hr_a)
    monkeypatch.setattr("builtins.input", lambda prompt: "iets anders")
    with pytest.raises(CommandError, match="Not confirmed"):
        call_command("delete_organisation", org_a.slug)
    assert Organisation.objects.filter(pk=org_a.pk).exists()
    monkeypatch.setattr("builtins.input", lambda prompt: org_a.slug)
    out = io.StringIO()
    call_command("delete_organisation", org_a.slug, stdout=out)
    assert "Deleted gemeente-aland" in out.getvalue()
    assert not Organisation.objects.filter(pk=org_a.pk).exists()


def test_the_admin_action_refuses_then_confirms(org_a, hr_a):
    staff = with_second_factor(
        User.objects.create_superuser(email="staf@platform.example", password=PASSWORD)
    )
    client = client_for(staff)
    changelist = reverse("admin:programme_organisation_changelist")
    action = {"action": "delete_after_export", "_selected_action": [org_a.pk]}
    assert "delete_selected" not in client.get(changelist).content.decode()

    refused = client.post(changelist, action, follow=True)
    assert ["geen volledige export" in str(m) for m in refused.context["messages"]] == [True]
    _export(org_a, hr_a)
    asked = client.post(changelist, action)
    assert asked.status_code == 200
    assert "Deze organisaties definitief verwijderen?" in asked.content.decode()
    assert Organisation.objects.filter(pk=org_a.pk).exists()
    done = client.post(changelist, {**action, "confirm": "yes"}, follow=True)
    assert [str(m) for m in done.context["messages"]] == [
        "gemeente-aland verwijderd, met 0 opgeslagen bestanden en 1 accounts."
    ]
    assert not Organisation.objects.filter(pk=org_a.pk).exists()


# --- Inactive members ----------------------------------------------------------------------------

TODAY = date(2026, 12, 1)


def _last_login(user, days_before_today):
    when = timezone.make_aware(
        timezone.datetime.combine(TODAY, timezone.datetime.min.time())
    ) - timedelta(days=days_before_today)
    User.objects.filter(pk=user.pk).update(last_login=when, date_joined=when)


def test_members_are_deactivated_after_the_period_and_not_before(org_a, hr_a, settings):
    settings.INACTIVE_MEMBER_DAYS = 365
    recent = make_member(org_a, "recent@aland.example", Role.MANAGER)
    old = make_member(org_a, "oud@aland.example", Role.MANAGER)
    never = make_member(org_a, "nooit@aland.example", Role.MANAGER)
    _last_login(hr_a, 1)
    _last_login(recent, 365)
    _last_login(old, 366)
    _last_login(never, 400)
    User.objects.filter(pk=never.pk).update(last_login=None)
    staff = make_member(org_a, "staf@platform.example", Role.MANAGER)
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    _last_login(staff, 900)

    result = services.deactivate_inactive_members(TODAY)

    assert result.deactivated == [never.email, old.email]
    active = dict(User.objects.values_list("email", "is_active"))
    assert active[recent.email] and active[hr_a.email] and active[staff.email]
    assert not active[old.email] and not active[never.email]
    # Deactivated means no login, and reactivation lets them in again.
    login = RequestFactory().post("/")
    assert authenticate(login, email=old.email, password=PASSWORD) is None
    services.reactivate_member(user=User.objects.get(pk=old.pk))
    assert User.objects.get(pk=old.pk).is_active
    assert services.deactivate_inactive_members(TODAY).deactivated == []


def test_the_last_hr_advisor_is_kept_active(org_a, hr_a, settings):
    settings.INACTIVE_MEMBER_DAYS = 365
    second = make_member(org_a, "tweede@aland.example", Role.HR)
    _last_login(hr_a, 500)
    _last_login(second, 600)
    result = services.deactivate_inactive_members(TODAY)
    # One of the two goes; the other is the last HR advisor and stays, listed for staff.
    assert result.deactivated == [hr_a.email]
    assert result.kept_last_hr == [second.email]
    assert User.objects.get(pk=second.pk).is_active


def test_support_members_count_as_members(steunpunt, settings):
    settings.INACTIVE_MEMBER_DAYS = 365
    advisor = make_support_member(steunpunt, "adviseur@steunpunt.example")
    _last_login(advisor, 400)
    loner = User.objects.create_user(email="los@example.org")
    _last_login(loner, 400)
    result = services.deactivate_inactive_members(TODAY)
    assert result.deactivated == [advisor.email]


def test_the_deactivation_command_reports(org_a, hr_a, settings):
    settings.INACTIVE_MEMBER_DAYS = 365
    old = make_member(org_a, "oud@aland.example", Role.MANAGER)
    User.objects.filter(pk=old.pk).update(
        last_login=timezone.now() - timedelta(days=400),
        date_joined=timezone.now() - timedelta(days=400),
    )
    out = io.StringIO()
    call_command("deactivate_inactive_members", stdout=out)
    assert f"deactivated {old.email}" in out.getvalue()


def test_followings_are_in_the_export(hr_client, org_a, steunpunt):
    follow(steunpunt, org_a)
    archive = export_zip(hr_client, org_a)
    rows = read_csv(archive, "followings")
    assert len(rows) == 1 + Following.objects.filter(organisation=org_a).count()
    assert str(steunpunt) in rows[1]


def test_drafts_have_no_file_in_the_export(hr_client, org_a, year_of_work):  # noqa: F811
    from tests.recognition.conftest import compose

    draft = compose(year_of_work)
    archive = export_zip(hr_client, org_a)
    assert not [n for n in archive.namelist() if n.startswith("letters/")]
    letters = read_csv(archive, "letters")
    assert len(letters) == 2 and StatusLetter.objects.get(pk=draft.pk).subject in letters[1]


def test_hr_reactivates_a_deactivated_member_by_adding_them_again(
    org_a, hr_client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.INACTIVE_MEMBER_DAYS = 365
    old = make_member(org_a, "oud@aland.example", Role.MANAGER)
    _last_login(old, 400)
    assert services.deactivate_inactive_members(TODAY).deactivated == [old.email]
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(
            reverse("programme:member_add", args=[org_a.slug]),
            {"full_name": "Oud Lid", "email": old.email, "role": Role.HR},
        )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.is_active
    # The role stays as it was, and the member gets a new link to log in.
    assert Membership.objects.get(user=old).role == Role.MANAGER
    assert [m.to for m in mailoutbox] == [[old.email]]
    # An active member added again is refused, as before.
    response = hr_client.post(
        reverse("programme:member_add", args=[org_a.slug]),
        {"full_name": "Oud Lid", "email": old.email, "role": Role.MANAGER},
    )
    assert response.status_code == 200 and "al lid" in response.content.decode()
