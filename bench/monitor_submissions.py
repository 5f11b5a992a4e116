"""Benchmark: monitor submissions per second and their latency, against gunicorn and PostgreSQL.

Run with `make bench` or `.venv/bin/python bench/monitor_submissions.py [--clients N]
[--workers N] [--requests N] [--respondents N] [--paced-rate N] [--paced-seconds S]`.

It starts a throwaway PostgreSQL 15 (or uses a scratch database on DATABASE_URL's server when that
is PostgreSQL), migrates it, creates an organisation with an open campaign (an open link, no
codes), and starts gunicorn (`config.wsgi` with sync workers and the production gunicorn config,
on 127.0.0.1) with the settings of bench/_settings.py: the production settings over plain HTTP,
plus the bench-only view `bench/insert/` that inserts one row. The rate limit is raised for the
run (MONITOR_SUBMIT_BURST, MONITOR_SUBMIT_PER_MINUTE). Then concurrent clients (threads with
http.client, one connection each, the CSRF cookie and token a browser would have) send, in the
same run:

1. bare view: POST bench/insert/, which inserts one row through the same middleware;
2. monitor send: POST of the form's last page, as the browser sends it: the CSRF token, the signed
   hidden state with the answers of the earlier pages, the last page's answers, action=send
   (the state is signed here with the server's key, as the server signs it on the page before;
   every form has its own token, so each send stores a response). A send writes a receipt and a
   sealed inbox entry, and every 50th moves a batch of entries into the running counts. Goal:
   at least 60 % of the bare view's throughput ("send/bare");
3. paced monitor send: the same sends at a fixed rate (100 per second for 10 s, open loop: each
   latency runs from the moment the send was due). Goal: p95 under 100 ms;
4. whole respondent: every page as a browser walks it (GET the start page, POST it, POST each
   section with the answers asked on it, read the next page's state), until the redirect to the
   thank-you page.

For each it prints requests per second, the median and p95 latency and the server's CPU time per
request. Then, as results exist only after the close, it closes the campaign (early, as an HR
advisor does), which moves the entries still waiting in the inbox, and checks that the running
counts hold exactly one response per send (the carer breakdown's group sizes,
AnswerTally dimension=CARER, question=GROUP_SIZE). Every process and temporary folder is removed
at the end.
"""

import argparse
import html
import http.client
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    ROOT,
    SETTINGS,
    Skipped,
    bench_postgres,
    cpu_seconds,
    exit_cleanly_on_sigterm,
    free_port,
    machine_load,
    postgres_pids,
    postgres_version,
    session_pids,
    setup_django,
    summary,
)

SECRET_KEY = "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.conf.py"
WARM_UP = 40  # requests per kind before the clock starts
SEND_SHARE_GOAL = 60  # the send's throughput in % of the bare insert's, at least
PACED_RATE = 100  # sends per second in the paced run
PACED_SECONDS = 10.0
PACED_MAX_SECONDS = 60.0
PACED_CLIENTS = 32
PACED_GIVE_UP = 10.0  # seconds behind its moment after which a paced send is dropped
PACED_P95_GOAL_MS = 100


def parse_args() -> argparse.Namespace:
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2 * cpus + 1, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=2000, help="per kind of request")
    parser.add_argument("--respondents", type=int, default=300, help="whole walks")
    parser.add_argument(
        "--paced-rate", type=int, default=PACED_RATE, help="sends per second of the paced run"
    )
    parser.add_argument(
        "--paced-seconds",
        type=float,
        default=PACED_SECONDS,
        help=f"how long the paced run lasts (at most {PACED_MAX_SECONDS:.0f}; 0: no paced run)",
    )
    parser.add_argument(
        "--paced-clients",
        type=int,
        default=PACED_CLIENTS,
        help="clients of the paced run: enough that a send never waits for a free client",
    )
    args = parser.parse_args()
    if not 0 <= args.paced_seconds <= PACED_MAX_SECONDS or not 1 <= args.paced_rate <= 1000:
        parser.error(
            f"--paced-seconds must lie between 0 and {PACED_MAX_SECONDS:.0f}, "
            "--paced-rate between 1 and 1000"
        )
    return args


def main() -> int:
    exit_cleanly_on_sigterm()
    args = parse_args()
    print("Monitor submissions against gunicorn and PostgreSQL on loopback")
    try:
        with bench_postgres() as url:
            return run(url, args)
    except Skipped as reason:
        print(f"skipped: {reason}")
        return 0


# --- Setting up ---------------------------------------------------------------------------------


def server_environment(url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        # The limit guards against floods from one address; every client here is 127.0.0.1.
        "MONITOR_SUBMIT_BURST": "1000000",
        "MONITOR_SUBMIT_PER_MINUTE": "1000000",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_DEBUG", None)
    return env


def prepare_database():
    """Migrate, and create the organisation, its departments and an open campaign."""
    from django.core.management import call_command
    from django.utils import timezone

    from monitor.models import Campaign, Department
    from programme.models import Organisation

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(slug="bench-werkgever", name="Bench Werkgever")
    for code, name in enumerate(["Publiekszaken", "Sociaal Domein", "Ruimte"], start=1):
        Department.objects.create(organisation=organisation, code=code, name=name)
    today = timezone.localdate()
    return Campaign.objects.create(
        organisation=organisation,
        title="Monitor werk en mantelzorg (bench)",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=14),
        invited_count=10_000,
    )


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--worker-class", "sync"]
    if GUNICORN_CONFIG.exists():
        command += ["--config", str(GUNICORN_CONFIG)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {process.returncode}); see {log}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- A client that behaves like a browser -------------------------------------------------------

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATE = re.compile(r'name="state" value="([^"]+)"')
ACTION = re.compile(r'<form method="post" action="(/m/[^"]+)"')
QUESTION = re.compile(r'name="q(\d+)"')


class Browser:
    """One keep-alive connection (reopened when a sync worker closes it) and the CSRF cookie."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, fields=None) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, response.getheader("Location", ""), text

    def open_start_page(self, key: str) -> str:
        status, _, page = self.request("GET", f"/m/{key}/")
        if status != 200:
            raise RuntimeError(f"start page answered {status}")
        self.token = TOKEN.search(page).group(1)
        return page


def fields_for(codes, answers, texts) -> list[tuple[str, str]]:
    fields = []
    for code in codes:
        for option in answers.get(code, ()):
            fields.append((f"q{code}", str(option)))
        if code in texts:
            fields.append((f"q{code}", texts[code]))
    return fields


# --- The three kinds of request -----------------------------------------------------------------


class Work:
    """Jobs for the clients; each client takes the next one until none are left."""

    def __init__(self, jobs: list):
        self.jobs = jobs
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.failures: list[str] = []

    def next(self):
        with self.lock:
            return self.jobs.pop() if self.jobs else None

    def record(self, seconds: float | list[float] = (), failure: str = "") -> None:
        with self.lock:
            if failure:
                self.failures.append(failure)
            elif isinstance(seconds, list):
                self.latencies.extend(seconds)
            else:
                self.latencies.append(seconds)


def bare_insert(browser: Browser, campaign_pk: int, work: Work) -> None:
    while work.next() is not None:
        fields = {"csrfmiddlewaretoken": browser.token, "campaign": campaign_pk}
        start = time.perf_counter()
        status, _, _ = browser.request("POST", "/bench/insert/", fields)
        elapsed = time.perf_counter() - start
        work.record(elapsed, "" if status == 302 else f"bench/insert/ answered {status}")


def monitor_send(browser: Browser, key: str, work: Work) -> None:
    while (job := work.next()) is not None:
        path, fields = job
        start = time.perf_counter()
        status, location, _ = browser.request(
            "POST", path, [("csrfmiddlewaretoken", browser.token), *fields]
        )
        elapsed = time.perf_counter() - start
        ok = status == 302 and location.endswith(f"/m/{key}/thanks/")
        work.record(elapsed, "" if ok else f"send answered {status} {location}")


def whole_respondent(browser: Browser, key: str, work: Work) -> None:
    """Walk the form like a browser: the latency recorded is per page request."""
    while (job := work.next()) is not None:
        answers, texts = job
        timings = []
        start = time.perf_counter()
        page = browser.open_start_page(key)
        timings.append(time.perf_counter() - start)
        path = ACTION.search(page).group(1)
        fields = [("csrfmiddlewaretoken", browser.token)]
        failure = ""
        for _ in range(20):
            start = time.perf_counter()
            status, location, page = browser.request("POST", path, fields)
            timings.append(time.perf_counter() - start)
            if status == 302:
                if not location.endswith(f"/m/{key}/thanks/"):
                    failure = f"walk ended at {location}"
                break
            if status != 200 or not STATE.search(page):
                failure = f"{path} answered {status}"
                break
            path = html.unescape(ACTION.search(page).group(1))
            codes = [int(code) for code in dict.fromkeys(QUESTION.findall(page))]
            fields = [
                ("csrfmiddlewaretoken", TOKEN.search(page).group(1)),
                ("state", html.unescape(STATE.search(page).group(1))),
                *fields_for(codes, answers, texts),
                ("action", "next"),
            ]
        else:
            failure = "the walk did not end"
        work.record(timings, failure)


class Paced(Work):
    """Sends planned at a fixed rate: job i is due `i / rate` seconds after the start.

    Each latency runs from the moment the send was due, not from when a client got to it, so a
    server that falls behind shows in the figures (no "coordinated omission")."""

    def __init__(self, jobs: list, rate: float):
        super().__init__([(i / rate, job) for i, job in reversed(list(enumerate(jobs)))])
        self.start = 0.0
        self.late: list[float] = []  # how long after its moment each send went out
        self.skipped = 0  # sends dropped because the run fell more than PACED_GIVE_UP behind

    def record_late(self, seconds: float) -> None:
        with self.lock:
            self.late.append(seconds)


def paced_send(browser: Browser, key: str, work: Paced) -> None:
    while (job := work.next()) is not None:
        offset, (path, fields) = job
        due = work.start + offset
        if (wait := due - time.perf_counter()) > 0:
            time.sleep(wait)
        elif -wait > PACED_GIVE_UP:  # keep the run bounded on a machine that cannot keep up
            with work.lock:
                work.skipped += 1
            continue
        work.record_late(time.perf_counter() - due)
        status, location, _ = browser.request(
            "POST", path, [("csrfmiddlewaretoken", browser.token), *fields]
        )
        elapsed = time.perf_counter() - due
        ok = status == 302 and location.endswith(f"/m/{key}/thanks/")
        work.record(elapsed, "" if ok else f"send answered {status} {location}")


def drive(kind, browsers: list[Browser], work: Work, *args) -> float:
    """Run `kind` on every browser at once until the work is done; the wall-clock seconds."""
    threads = [threading.Thread(target=kind, args=(b, *args, work), daemon=True) for b in browsers]
    start = time.perf_counter()
    if isinstance(work, Paced):
        work.start = start + 0.05  # the threads are running by then
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


# --- The run ------------------------------------------------------------------------------------


def final_sends(campaign, generated) -> list[tuple[str, list]]:
    """The POST of the last page for each generated respondent, as the browser sends it."""
    from monitor.selectors import questionnaire_for
    from monitor.services import applicable_questions
    from monitor.views.respond import FormState

    questionnaire = questionnaire_for(campaign=campaign)
    jobs = []
    for item in generated:
        asked = applicable_questions(questionnaire, item.answers)
        last_section = asked[-1].section
        last_codes = [q.code for q in asked if q.section == last_section]
        state = FormState.new(campaign)
        state.answers = {c: o for c, o in item.answers.items() if c not in last_codes}
        state.texts = {c: t for c, t in item.texts.items() if c not in last_codes}
        fields = [
            ("state", state.dumps()),
            *fields_for(last_codes, item.answers, item.texts),
            ("action", "send"),
        ]
        jobs.append((f"/m/{campaign.key}/{last_section}/", fields))
    return jobs


class ServerCpu:
    """CPU seconds used by gunicorn's processes and the local PostgreSQL server's, per phase.

    Unlike latencies, these do not grow when the machine is busy with other work: CPU per
    request says how many requests a core can serve.
    """

    def __init__(self, gunicorn_pid: int, postgres_port: int | None):
        self.gunicorn_pid = gunicorn_pid
        self.postgres_port = postgres_port

    def read(self) -> tuple[float, float | None]:
        postgres = postgres_pids(self.postgres_port) if self.postgres_port else []
        return (
            cpu_seconds(session_pids(self.gunicorn_pid)),
            cpu_seconds(postgres) if postgres else None,
        )


def report(name, unit, done, seconds, work: Work, cpu_before, cpu_after, requests) -> float:
    """Print the rate, latencies and server CPU of one kind of request; the rate."""
    median, p95 = summary(work.latencies) if work.latencies else (0.0, 0.0)
    rate = done / seconds if seconds else 0.0
    failed = f"   {len(work.failures)} FAILED, e.g. {work.failures[0]}" if work.failures else ""
    print(
        f"  {name:<32} {rate:7.1f} {unit}/s   median {median:6.1f} ms   p95 {p95:6.1f} ms{failed}"
    )
    django = (cpu_after[0] - cpu_before[0]) * 1000 / requests
    if cpu_before[1] is None or cpu_after[1] is None:
        database = "PostgreSQL n/a (not a local server)"
    else:
        database = f"PostgreSQL {(cpu_after[1] - cpu_before[1]) * 1000 / requests:.1f} ms"
    print(f"  {'':<32} server CPU per request: gunicorn {django:.1f} ms, {database}")
    return rate


def report_paced(work: Paced, rate: int, seconds: float, cpu_before, cpu_after) -> None:
    planned = len(work.latencies) + len(work.failures) + work.skipped
    ordered = sorted(work.latencies) or [0.0]
    median, p95 = summary(ordered)
    p99 = ordered[max(0, -(-99 * len(ordered) // 100) - 1)] * 1000
    late = sorted(work.late) or [0.0]
    failed = f"   {len(work.failures)} FAILED, e.g. {work.failures[0]}" if work.failures else ""
    if work.skipped:
        failed += f"   {work.skipped} not sent (more than {PACED_GIVE_UP:.0f} s behind)"
    print(
        f"  paced monitor send, {rate}/s for {planned / rate:.0f} s: {planned:,} sends in "
        f"{seconds:.1f} s, median {median:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms   goal p95 < {PACED_P95_GOAL_MS} ms: "
        f"{'met' if p95 < PACED_P95_GOAL_MS else 'NOT met'}{failed}"
    )
    django = (cpu_after[0] - cpu_before[0]) * 1000 / max(1, planned)
    database = (
        f", PostgreSQL {(cpu_after[1] - cpu_before[1]) * 1000 / max(1, planned):.1f} ms"
        if cpu_before[1] is not None and cpu_after[1] is not None
        else ""
    )
    print(
        f"  {'':<32} (latency from the moment each send was due, {len(work.late) / seconds:.0f} "
        f"sends/s achieved; at p95 a send started {summary(late)[1]:.1f} ms after its moment, "
        f"waiting for a free client; server CPU per send: gunicorn {django:.1f} ms{database})"
    )


def run(url: str, args: argparse.Namespace) -> int:
    env = server_environment(url)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")})
    os.environ["DJANGO_SECRET_KEY"] = SECRET_KEY
    setup_django()
    from django.db import connection
    from django.db.models import Sum
    from django.utils import timezone

    from monitor import demo
    from monitor.closing import campaign_close
    from monitor.models import GROUP_SIZE, AnswerTally, Dimension, InboxEntry, SubmissionReceipt
    from monitor.selectors import questionnaire_for

    campaign = prepare_database()
    rng = random.Random(1)
    paced = round(args.paced_rate * args.paced_seconds)
    total = WARM_UP + args.requests + paced + args.respondents
    codes = [1, 2, 3, None]
    generated = list(
        demo.generate_responses(
            rng,
            questionnaire_for(campaign=campaign),
            days=[campaign.opens_on] * total,
            departments=rng.choices(codes, weights=[4, 5, 3, 1], k=total),
        )
    )
    sends = final_sends(campaign, generated[: WARM_UP + args.requests + paced])
    walks = [(item.answers, item.texts) for item in generated[WARM_UP + args.requests + paced :]]
    connection.close()  # the server's workers are the only ones to use the database from here

    print(
        f"  PostgreSQL {postgres_version(url)} on loopback; gunicorn {args.workers} sync workers; "
        f"{args.clients} concurrent clients (threads with http.client) on the same "
        f"{os.cpu_count()}-CPU machine"
    )
    with tempfile.TemporaryDirectory(prefix="mantelzorg-bench-gunicorn.") as folder:
        port = free_port()
        server = start_gunicorn(env, port, args.workers, Path(folder) / "gunicorn.log")
        try:
            browsers = [Browser(port) for _ in range(args.clients)]
            for browser in browsers:
                browser.open_start_page(campaign.key)
            # Warm-up: every worker imports its templates and opens its database pool.
            drive(bare_insert, browsers, Work([1] * WARM_UP), campaign.pk)
            drive(monitor_send, browsers, Work(sends[:WARM_UP]), campaign.key)

            cpu = ServerCpu(server.pid, urlsplit(url).port)

            bare = Work([1] * args.requests)
            before = cpu.read()
            seconds = drive(bare_insert, browsers, bare, campaign.pk)
            after = cpu.read()
            bare_rate = report(
                "bare view inserting one row",
                "req",
                args.requests,
                seconds,
                bare,
                before,
                after,
                args.requests,
            )

            send = Work(sends[WARM_UP : WARM_UP + args.requests])
            before = cpu.read()
            seconds = drive(monitor_send, browsers, send, campaign.key)
            after = cpu.read()
            send_rate = report(
                "monitor send (last page POST)",
                "req",
                args.requests,
                seconds,
                send,
                before,
                after,
                args.requests,
            )
            share = 100 * send_rate / bare_rate if bare_rate else 0.0
            print(
                f"  send/bare: {share:.0f} %   goal >= {SEND_SHARE_GOAL} %: "
                f"{'met' if share >= SEND_SHARE_GOAL else 'NOT met'}"
            )

            skipped = 0
            if paced:
                pacers = [Browser(port) for _ in range(args.paced_clients)]
                for browser in pacers:
                    browser.open_start_page(campaign.key)
                work = Paced(sends[WARM_UP + args.requests :], args.paced_rate)
                before = cpu.read()
                seconds = drive(paced_send, pacers, work, campaign.key)
                after = cpu.read()
                report_paced(work, args.paced_rate, seconds, before, after)
                skipped = work.skipped

            walk = Work(list(walks))
            before = cpu.read()
            seconds = drive(whole_respondent, browsers, walk, campaign.key)
            after = cpu.read()
            report(
                "whole respondent, every page",
                "resp",
                len(walks),
                seconds,
                walk,
                before,
                after,
                len(walk.latencies),
            )
            per_page = len(walk.latencies) / max(1, len(walks))
            print(f"    (latency and CPU per page request; {per_page:.1f} requests per respondent)")
        finally:
            stop(server)

    # Figures exist only after the close: it moves whatever waits in the inbox into the counts.
    waiting = InboxEntry.objects.filter(campaign=campaign).count()
    start = time.perf_counter()
    campaign_close(campaign=campaign, today=timezone.localdate(), early=True)
    close_seconds = time.perf_counter() - start
    responses = (
        AnswerTally.objects.filter(
            campaign=campaign, dimension=Dimension.CARER, question=GROUP_SIZE
        ).aggregate(n=Sum("count"))["n"]
        or 0
    )
    left = InboxEntry.objects.filter(campaign=campaign).count()
    receipts = SubmissionReceipt.objects.filter(campaign=campaign).count()
    expected = WARM_UP + args.requests + paced - skipped + len(walks)
    connection.close()
    print(
        f"  closed the campaign (early, as HR does) in {close_seconds:.2f} s, moving the "
        f"{waiting} entries that waited in the inbox ({left} left)"
    )
    print(
        f"  stored {responses:,} responses for {expected:,} sends; "
        f"{receipts - expected:,} rows from the bare view"
    )
    print(f"  ({machine_load()})")
    if responses != expected or left:
        print("  FAILED: the number of stored responses differs from the sends")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
