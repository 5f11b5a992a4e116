"""Background work: mail and the monitor's periodic jobs as tasks, queued in the database and run
by django-tasks-db's worker; the scheduler's jobs; failures recorded and retried, never lost.

The in-process tests run the package's own worker loop (db_worker's Worker, bounded to a batch)
on the test database; the subprocess test starts `manage.py db_worker` itself on a migrated
database file, as the demo and production run it.
"""

import json
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from crontask import scheduler
from django.core.exceptions import ImproperlyConfigured
from django.tasks import TaskResultStatus, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone, translation
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

import monitor.tasks
from accounts.mail import send_mail_task, unseal
from monitor.closing import campaign_close
from monitor.models import AnswerTally, Campaign, Snapshot
from monitor.services import codes_generate
from programme import services as programme_services
from programme.models import Role
from support import organisation_services, pipeline_services
from support.models import Prospect, SupportRole
from tests.conftest import make_support_member
from tests.monitor.conftest import make_campaign, submit

ROOT = Path(__file__).resolve().parent.parent
DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    """Tasks wait in the database, as with TASKS_BACKEND=database."""
    settings.TASKS = DATABASE_BACKEND
    assert isinstance(task_backends["default"], DatabaseBackend)


def run_worker(max_tasks: int = 20) -> None:
    """db_worker's own loop, in this process: every task that is due, then it stops."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def queued_rows():
    return list(DBTaskResult.objects.order_by("enqueued_at"))


# --- Mail ---------------------------------------------------------------------------------------


def test_an_invitation_waits_in_the_queue_until_the_worker_sends_it(queue, org_a, hr_a, mailoutbox):
    with translation.override("en"):
        membership = programme_services.membership_add(
            organisation=org_a,
            email="nieuw@example.org",
            role=Role.MANAGER,
            invited_by=hr_a,
            base_url="https://app.example.org",
        )
    assert mailoutbox == []  # the request sent nothing: the mail waits for the worker
    (row,) = queued_rows()
    assert row.status == TaskResultStatus.READY
    assert row.task_path == "accounts.mail.send_mail_task"
    renderer, language, kwargs = row.args_kwargs["args"][:3]
    # Only ids and strings in the queue: no address, no rendered text, no token.
    assert (renderer, language) == ("programme.services.invitation_mail", "en")
    assert kwargs == {
        "user_id": membership.user_id,
        "organisation_id": org_a.pk,
        "invited_by_id": hr_a.pk,
        "base_url": "https://app.example.org",
    }

    with translation.override("nl"):  # the worker's own language does not matter
        run_worker()

    (mail,) = mailoutbox
    assert mail.to == ["nieuw@example.org"]
    assert mail.subject == f"Invitation to {org_a.name}'s caregiver-friendly programme"
    assert "https://app.example.org/accounts/password/reset/" in mail.body
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 1


def test_a_rolled_back_change_queues_no_mail(queue, org_a, hr_a, mailoutbox):
    programme_services.membership_add(
        organisation=org_a,
        email="een@example.org",
        role=Role.MANAGER,
        invited_by=hr_a,
        base_url="https://app.example.org",
    )
    with pytest.raises(programme_services.ProgrammeError):
        programme_services.membership_add(
            organisation=org_a,
            email="een@example.org",
            role=Role.MANAGER,
            invited_by=hr_a,
            base_url="https://app.example.org",
        )
    assert len(queued_rows()) == 1


def test_the_support_invitations_are_queued_without_their_secret_and_sent_by_the_worker(
    queue, steunpunt, mailoutbox
):
    coordinator = make_support_member(steunpunt, "coordinator@example.org", SupportRole.COORDINATOR)
    organisation_services.support_membership_add(
        support_organisation=steunpunt,
        email="collega@example.org",
        role=SupportRole.ADVISOR,
        invited_by=coordinator,
        base_url="https://app.example.org",
    )
    prospect = Prospect.objects.create(support_organisation=steunpunt, name="Bakkerij De Korst")
    sent = pipeline_services.invitation_send(
        prospect=prospect,
        email="hr@dekorst.example",
        full_name="Sanne de Vries",
        language="en",
        by=coordinator,
        base_url="https://app.example.org",
    )
    rows = queued_rows()
    assert len(rows) == 2
    stored = json.dumps([row.args_kwargs for row in rows])
    assert sent.token not in stored  # sealed: the queue's table never holds the link readable
    sealed = rows[1].args_kwargs["args"][2]["sealed_link"]
    assert sent.token in unseal(sealed)

    run_worker()

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {"collega@example.org", "hr@dekorst.example"}
    assert f"https://app.example.org/uitnodiging/{sent.token}/" in (
        by_address["hr@dekorst.example"].body
    )
    assert by_address["hr@dekorst.example"].subject.endswith(
        "to the caregiver-friendly employer app"
    )
    assert all(row.status == TaskResultStatus.SUCCESSFUL for row in queued_rows())


def test_a_password_reset_is_queued_with_no_token_and_the_link_works(
    queue, hr_a, client, mailoutbox
):
    client.post("/accounts/password/reset/", {"email": hr_a.email})
    assert mailoutbox == []
    (row,) = queued_rows()
    assert row.args_kwargs["args"][0] == "accounts.adapters.password_reset_mail"
    assert set(row.args_kwargs["args"][2]) == {"user_id", "base_url"}

    run_worker()

    (mail,) = mailoutbox
    assert mail.to == [hr_a.email]
    link = next(line for line in mail.body.splitlines() if "/accounts/password/reset/" in line)
    response = client.get(link.strip().removeprefix("http://testserver"), follow=True)
    assert response.status_code == 200
    assert b'name="password1"' in response.content  # the token the worker made is valid


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_the_server_refuses_is_recorded_and_tried_again_later(
    queue, settings, org_a, hr_a, mailoutbox
):
    locmem = settings.MAILERS
    # A real SMTP connection to a loopback port where nothing listens: refused.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    settings.TASKS_MAIL_ATTEMPTS = 2
    programme_services.membership_add(
        organisation=org_a,
        email="nieuw@example.org",
        role=Role.MANAGER,
        invited_by=hr_a,
        base_url="https://app.example.org",
    )
    run_worker()

    first, retry = queued_rows()
    assert first.status == TaskResultStatus.FAILED
    assert first.exception_class_path == "builtins.ConnectionRefusedError"
    assert "ConnectionRefusedError" in first.traceback
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["args"][3] == 2  # the second attempt
    assert retry.args_kwargs["args"][:3] == first.args_kwargs["args"][:3]
    assert retry.run_after > timezone.now() + timedelta(seconds=50)  # not before a minute
    run_worker()
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.READY  # not yet due

    # The second attempt fails too: it is recorded, and with 2 attempts no third one is queued.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert [row.status for row in queued_rows()] == [TaskResultStatus.FAILED] * 2

    # A retry that finds the server back sends the mail.
    settings.MAILERS = locmem
    settings.TASKS_MAIL_ATTEMPTS = 5
    send_mail_task.enqueue(*first.args_kwargs["args"][:3], 4)
    run_worker()
    assert [mail.to for mail in mailoutbox] == [["nieuw@example.org"]]
    assert queued_rows()[-1].status == TaskResultStatus.SUCCESSFUL


def test_without_the_queue_a_refused_mail_is_logged_and_the_change_kept(
    settings, org_a, hr_a, caplog
):
    # The default (immediate) backend sends in the request, after the commit; a mail server that
    # refuses is logged as a failed task and the page does not fail.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    assert isinstance(task_backends["default"], ImmediateBackend)
    with caplog.at_level("ERROR", logger="django.tasks"):
        membership = programme_services.membership_add(
            organisation=org_a,
            email="nieuw@example.org",
            role=Role.MANAGER,
            invited_by=hr_a,
            base_url="https://app.example.org",
        )
    assert org_a.memberships.filter(pk=membership.pk).exists()
    (record,) = [r for r in caplog.records if r.name == "django.tasks"]
    assert "send_mail_task" in record.getMessage()
    assert record.exc_info and record.exc_info[0] is ConnectionRefusedError
    assert not DBTaskResult.objects.exists()  # nothing queued: it ran at once


def test_a_renderer_must_be_marked(queue):
    send_mail_task.enqueue("os.getcwd", "nl", {})
    run_worker()
    (row,) = queued_rows()
    assert row.status == TaskResultStatus.FAILED
    assert "is no mail renderer" in row.traceback


# --- The scheduler and the periodic jobs -------------------------------------------------------


def job_of(task):
    (job,) = [job for job in scheduler.get_jobs() if job.name == task.name]
    return job


def test_the_scheduler_enqueues_the_close_each_night_and_the_worker_closes_and_snapshots(
    queue, org_a, monkeypatch
):
    today = timezone.localdate()
    due = make_campaign(
        org_a, opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    for _ in range(6):
        submit(due, {1: [1], 3: [2]}, today=today - timedelta(days=3))
    still_open = make_campaign(
        org_a, opens_on=today - timedelta(days=2), closes_on=today + timedelta(days=5)
    )

    job = job_of(monitor.tasks.close_campaigns_task)
    fires = job.trigger.get_next_fire_time(None, timezone.localtime())
    assert (fires.hour, fires.minute) == (0, 5)
    assert str(fires.tzinfo) == "Europe/Amsterdam"

    job.func()  # what the scheduler calls when the job fires: the task's enqueue
    assert Campaign.objects.get(pk=due.pk).closed_on is None  # queued, not yet run
    run_worker()

    assert Campaign.objects.get(pk=due.pk).closed_on == today
    assert Snapshot.objects.get(campaign=due).response_count == 6
    assert Campaign.objects.get(pk=still_open.pk).closed_on is None
    (row,) = queued_rows()
    assert (row.status, row.return_value) == (TaskResultStatus.SUCCESSFUL, 1)


def test_the_scheduler_enqueues_the_purge_each_night_and_the_worker_purges(queue, org_a):
    closed_on = timezone.localdate() - timedelta(days=500)
    campaign = make_campaign(
        org_a,
        access_mode="codes",
        opens_on=closed_on - timedelta(days=20),
        closes_on=closed_on - timedelta(days=1),
    )
    codes_generate(campaign=campaign, count=2)
    for _ in range(3):
        submit(campaign, {1: [1]}, today=closed_on - timedelta(days=5))
    campaign_close(campaign=campaign, today=closed_on, noise=lambda _identity: 0)
    assert AnswerTally.objects.filter(campaign=campaign).exists()

    job = job_of(monitor.tasks.purge_monitor_data_task)
    fires = job.trigger.get_next_fire_time(None, timezone.localtime())
    assert (fires.hour, fires.minute) == (3, 30)
    job.func()
    run_worker()

    assert not AnswerTally.objects.filter(campaign=campaign).exists()
    assert Campaign.objects.get(pk=campaign.pk).raw_data_purged_on == timezone.localdate()
    assert queued_rows()[0].return_value == 1


# --- Settings and the real worker process ------------------------------------------------------


def settings_in_subprocess(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TASKS['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_immediate_backend_is_the_default_and_a_wrong_value_is_refused(monkeypatch):
    monkeypatch.delenv("TASKS_BACKEND", raising=False)
    default = settings_in_subprocess()
    assert default.stdout.strip() == "django.tasks.backends.immediate.ImmediateBackend"
    assert settings_in_subprocess(TASKS_BACKEND="database").stdout.strip() == (
        "django_tasks_db.DatabaseBackend"
    )
    wrong = settings_in_subprocess(TASKS_BACKEND="celery")
    assert wrong.returncode != 0
    assert ImproperlyConfigured.__name__ in wrong.stderr
    assert "use immediate or database" in wrong.stderr


@pytest.mark.django_db(transaction=False)
def test_manage_py_db_worker_sends_a_queued_mail(tmp_path):
    """The real thing end to end: a database file, a mail queued by one process and sent by
    `manage.py db_worker` in another (the console mail backend prints it)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'queue.sqlite3'}",
        "TASKS_BACKEND": "database",
        "DJANGO_DEBUG": "1",  # the console mail backend
    }

    def manage(*args, timeout=180):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stderr
        return result

    manage("migrate", "--noinput", "--verbosity", "0")
    manage(
        "shell",
        "-c",
        "from programme.models import Organisation, Role\n"
        "from programme.services import membership_add\n"
        "organisation = Organisation.objects.create(name='Zorg BV', slug='zorg-bv')\n"
        "membership_add(organisation=organisation, email='nieuw@example.org', role=Role.MANAGER,"
        " invited_by=None, base_url='https://app.example.org')\n",
    )
    worker = manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--max-tasks", "5")
    assert "To: nieuw@example.org" in worker.stdout
    assert "https://app.example.org/accounts/password/reset/" in worker.stdout
    status = manage(
        "shell",
        "-c",
        "from django_tasks_db.models import DBTaskResult\n"
        "print([row.status for row in DBTaskResult.objects.all()])",
    )
    assert status.stdout.strip().splitlines()[-1] == "['SUCCESSFUL']"
