"""The audit log (audit/): who changed which organisation data from what to what, role changes,
logins and failed logins, exports and downloads; one timeline per organisation for its HR
advisors; nothing ever about the monitor's respondents; entries purged after the retention."""

import csv
import io
from datetime import date, datetime, timedelta

from auditlog.models import LogEntry
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry, Kind
from audit.purge import purge_audit_log
from audit.registry import FOLLOWED, RESPONDENT_MODELS
from monitor.models import AnswerTally, InboxEntry, SubmissionReceipt, TextAnswer
from pillars import services as pillar_services
from pillars.models import ChecklistItem, ProgressStatus
from programme.models import Action, ActionStatus, Membership, Role
from recognition import services as recognition_services
from tests.conftest import PASSWORD, client_for, make_member
from tests.monitor.conftest import TODAY, make_campaign
from tests.monitor.test_respond import CARER_SECTIONS, fill_in


def url(name, org, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": org.slug, **kwargs})


def entries(org, **filters):
    return list(Entry.objects.filter(organisation_id=org.pk, **filters).select_related("log"))


ACTION = {
    "title": "Dag van de Mantelzorg",
    "description": "Attentie voor alle mantelzorgers",
    "pillar": "",
    "year": "2025",
    "status": ActionStatus.PLANNED,
    "planned_date": "2025-11-10",
    "completed_date": "",
    "owner": "Team P&O",
    "partner": "",
    "evidence_url": "",
}


# --- What is recorded ---------------------------------------------------------------------------


def test_a_change_to_an_action_is_recorded_with_its_fields_from_and_to_and_the_actor(
    org_a, hr_a, hr_client, make_action
):
    action = make_action(org_a, title="Intranetpagina", year=2025, owner="Team P&O")
    response = hr_client.post(
        url("action_edit", org_a, pk=action.pk),
        {**ACTION, "title": "Intranetpagina over mantelzorg", "status": ActionStatus.DONE,
         "completed_date": "2025-11-12"},
    )  # fmt: skip
    assert response.status_code == 302
    [entry] = [
        e for e in entries(org_a, kind=Kind.CHANGE)
        if e.log.action == LogEntry.Action.UPDATE and e.log.object_pk == str(action.pk)
    ]  # fmt: skip
    assert entry.log.actor == hr_a
    changes = entry.log.changes_dict
    assert changes["title"] == ["Intranetpagina", "Intranetpagina over mantelzorg"]
    assert changes["status"] == [ActionStatus.PLANNED, ActionStatus.DONE]
    # The timeline shows it as people read it.
    page = hr_client.get(url("audit_log", org_a)).content.decode()
    assert "Intranetpagina → Intranetpagina over mantelzorg" in page
    assert f"{ActionStatus.PLANNED.label} → {ActionStatus.DONE.label}" in page


def test_a_role_change_is_recorded_as_a_membership_change(org_a, hr_a, hr_client):
    make_member(org_a, "lid@aland.example", Role.MANAGER)
    membership = Membership.objects.get(user__email="lid@aland.example")
    hr_client.post(url("member_role", org_a, pk=membership.pk), {f"m{membership.pk}-role": "hr"})
    membership.refresh_from_db()
    assert membership.role == Role.HR
    [entry] = [e for e in entries(org_a, kind=Kind.MEMBERSHIP) if e.log.action == 1]
    assert entry.log.actor == hr_a
    assert entry.log.changes_dict["role"] == [Role.MANAGER, Role.HR]


def test_a_login_and_a_failed_login_are_recorded_under_the_members_organisation(org_a, org_b, hr_a):
    client = Client()
    client.post(reverse("account_login"), {"login": hr_a.email, "password": "fout"})
    client.post(reverse("account_login"), {"login": hr_a.email, "password": PASSWORD})
    [failed] = entries(org_a, kind=Kind.LOGIN_FAILED)
    assert failed.log.object_repr == hr_a.email
    assert failed.log.actor is None
    # Only the address tried: never the password, wrong or right.
    assert "fout" not in str(failed.log.additional_data) + str(failed.log.changes)
    [login] = entries(org_a, kind=Kind.LOGIN)
    assert login.log.actor == hr_a
    assert entries(org_b, kind__in=[Kind.LOGIN, Kind.LOGIN_FAILED]) == []


def test_a_failed_login_for_an_unknown_address_is_platform_level(org_a, hr_a):
    Client().post(reverse("account_login"), {"login": "niemand@x.example", "password": "x"})
    [failed] = Entry.objects.filter(kind=Kind.LOGIN_FAILED)
    assert failed.organisation_id is None and failed.support_organisation_id is None
    assert failed.log.object_repr == "niemand@x.example"


def test_an_export_and_a_letter_download_are_recorded(org_a, hr_a, hr_client):
    assert hr_client.get(url("action_export", org_a, file_format="xlsx")).status_code == 200
    letter = recognition_services.letter_compose(
        organisation=org_a, year=2025, language="nl", today=date(2026, 1, 10)
    )
    response = hr_client.get(
        reverse("recognition:letter_docx", kwargs={"slug": org_a.slug, "pk": letter.pk})
    )
    assert response.status_code == 200
    downloads = entries(org_a, kind=Kind.DOWNLOAD)
    assert {e.log.additional_data["what"] for e in downloads} == {
        "action plan (xlsx)",
        "letter (docx)",
    }
    assert all(e.log.actor == hr_a for e in downloads)
    [of_letter] = [e for e in downloads if e.log.additional_data["what"] == "letter (docx)"]
    assert of_letter.log.object_pk == str(letter.pk)


def test_pillar_progress_history_is_in_the_audit_log(org_a, hr_a):
    item = ChecklistItem.objects.filter(organisation=None).first()
    pillar_services.progress_set_status(
        organisation=org_a, item=item, status=ProgressStatus.DONE, by=hr_a, today=TODAY
    )
    [entry] = entries(org_a, log__content_type__model="itemprogress")
    assert entry.log.actor == hr_a
    assert entry.log.changes_dict["status"][1] == ProgressStatus.DONE


# --- Nothing about respondents ------------------------------------------------------------------


def test_no_respondent_model_is_followed():
    assert not {f.label.lower() for f in FOLLOWED} & RESPONDENT_MODELS
    for model in (InboxEntry, AnswerTally, TextAnswer, SubmissionReceipt):
        assert model._meta.label_lower in RESPONDENT_MODELS


def test_a_monitor_submission_records_nothing_at_all(org_a, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    cache.clear()
    campaign = make_campaign(org_a)
    before = set(LogEntry.objects.values_list("pk", flat=True))
    page, _seen, _last = fill_in(Client(), campaign, CARER_SECTIONS)
    assert page.status_code in (200, 302)
    assert InboxEntry.objects.filter(campaign=campaign).exists()  # the submission was stored
    new = LogEntry.objects.exclude(pk__in=before)
    assert list(new) == []
    everything = " ".join(
        f"{e.content_type.app_label}.{e.content_type.model} {e.changes} {e.object_repr}"
        for e in LogEntry.objects.select_related("content_type")
    )
    for model in RESPONDENT_MODELS:
        assert model not in everything
    assert "Begrip van collega" not in everything


# --- The timeline -------------------------------------------------------------------------------


def test_the_timeline_is_for_hr_only_and_never_shows_another_organisation(
    org_a, org_b, hr_a, hr_b, manager_client, other_org_client, make_action
):
    make_action(org_b, title="Geheim plan van Beekdal")
    make_action(org_a, title="Plan van Aland")
    assert manager_client.get(url("audit_log", org_a)).status_code == 403
    # The way in, on the members page, is there for HR advisors only.
    assert url("audit_log", org_a) not in manager_client.get(url("members", org_a)).content.decode()
    assert url("audit_log", org_a) in client_for(hr_a).get(url("members", org_a)).content.decode()
    assert other_org_client.get(url("audit_log", org_a)).status_code == 404
    assert (
        other_org_client.get(url("audit_log_export", org_a, file_format="csv")).status_code == 404
    )
    page = client_for(hr_a).get(url("audit_log", org_a)).content.decode()
    assert "Plan van Aland" in page
    assert "Geheim plan van Beekdal" not in page
    export = client_for(hr_a).get(url("audit_log_export", org_a, file_format="csv"))
    assert "Geheim plan van Beekdal" not in export.content.decode("utf-8-sig")


WHEN, KIND, WHO, WHAT, OBJECT_TYPE, OBJECT, FIELD, OLD, NEW = range(9)


def read_csv(response) -> list[list[str]]:
    """The rows under the header (whose titles are in the site's language)."""
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    assert len(header) == 9
    return rows


def test_filters_and_the_export_read_back(org_a, hr_a, manager_a, hr_client, make_action):
    Client().post(reverse("account_login"), {"login": manager_a.email, "password": PASSWORD})
    old_plan = make_action(org_a, title="Oud plan")
    old = Entry.objects.get(log__object_pk=str(old_plan.pk), log__content_type__model="action")
    long_ago = timezone.make_aware(datetime(2025, 3, 1, 12))
    Entry.objects.filter(pk=old.pk).update(timestamp=long_ago)

    logins = read_csv(
        hr_client.get(url("audit_log_export", org_a, file_format="csv"), {"kind": "login"})
    )
    # The test client's own login of the HR advisor counts too.
    assert sorted(row[WHO] for row in logins) == sorted([manager_a.display_name, hr_a.display_name])
    assert {row[KIND] for row in logins} == {str(Kind.LOGIN.label)}

    by_manager = hr_client.get(url("audit_log", org_a), {"actor": manager_a.pk})
    assert [row.kind for row in by_manager.context["rows"]] == [Kind.LOGIN]

    action_type = old.log.content_type_id
    of_actions = hr_client.get(url("audit_log", org_a), {"object_type": action_type})
    assert {row.object_repr for row in of_actions.context["rows"]} == {str(old_plan)}

    in_march = read_csv(
        hr_client.get(
            url("audit_log_export", org_a, file_format="csv"),
            {"date_from": "2025-03-01", "date_to": "2025-03-31"},
        )
    )
    assert {row[OBJECT] for row in in_march} == {str(old_plan)}

    xlsx = hr_client.get(url("audit_log_export", org_a, file_format="xlsx"), {"kind": "login"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # The export itself is a download, and recorded as one.
    assert entries(org_a, kind=Kind.DOWNLOAD)


def test_a_wrong_date_in_the_filter_is_said_not_a_500(org_a, hr_client):
    response = hr_client.get(url("audit_log", org_a), {"date_from": "31-02-2025", "kind": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"]
    response = hr_client.get(
        url("audit_log", org_a), {"date_from": "2025-05-01", "date_to": "2025-04-01"}
    )
    assert response.context["form"].errors["date_to"]


def test_the_last_day_a_date_field_takes_is_said_not_a_500(org_a, hr_client):
    # "Up to and including" 31 December 9999 would reach past the last date there is.
    response = hr_client.get(url("audit_log", org_a), {"date_to": "9999-12-31"})
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]


# --- Retention ----------------------------------------------------------------------------------


def test_entries_are_purged_after_the_retention_period(org_a, make_action, settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 30
    today = date(2026, 6, 1)
    kept = make_action(org_a, title="Nog bewaard")
    gone = make_action(org_a, title="Te oud")

    def of(action):
        return LogEntry.objects.filter(content_type__model="action", object_pk=str(action.pk))

    at = lambda day: timezone.make_aware(datetime.combine(day, datetime.min.time()))  # noqa: E731
    of(kept).update(timestamp=at(today - timedelta(days=30)))
    of(gone).update(timestamp=at(today - timedelta(days=31)))
    assert purge_audit_log(today) == 1
    assert of(kept).exists()
    assert not of(gone).exists()
    assert not Entry.objects.filter(log__in=of(gone)).exists()
    assert Entry.objects.filter(log__in=of(kept)).exists()
    assert purge_audit_log(today) == 0


def test_the_purge_command_uses_the_setting(org_a, make_action, settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 1
    make_action(org_a, title="Lang geleden")
    LogEntry.objects.update(timestamp=timezone.now() - timedelta(days=3))
    count = LogEntry.objects.count()
    out = io.StringIO()
    call_command("purge_audit_log", stdout=out)
    assert count >= 2 and out.getvalue().startswith(f"{count} ")
    assert not LogEntry.objects.exists()
    assert Action.objects.filter(title="Lang geleden").exists()  # the data itself stays
