"""Benchmark: the results of a closed monitor campaign of 100,000 responses, and its close.

Run with `make bench` or `.venv/bin/python bench/monitor_results.py [--responses N] [--runs N]
[--compare N] [--waiting N]`.

Monitor figures exist only after a campaign's final close: the close (monitor.closing.
campaign_close) moves the entries still waiting in the sealed inbox into the running counts
(monitor.models.AnswerTally) and computes every published figure once into a frozen Snapshot;
the results page reads only that snapshot. For each database (PostgreSQL: a scratch database on
DATABASE_URL's server when that is PostgreSQL, else a throwaway PostgreSQL 15 server; and SQLite
in a temporary file), in a process of its own, it migrates an empty database and makes two
organisations, each with one campaign: one of `--responses` (100,000) and one of `--compare`
(1,000) responses. Then:

1. The close, of each campaign. The responses come from the demo's generator
   (`monitor.demo.generate_responses`, the shape of `seed_demo`: skip logic applied). All but the
   last `--waiting` (49: one short of a batch of 50, the most that can wait) are counted straight
   into the tally with `monitor.demo.responses_insert`; those last ones are sent through
   `monitor.services.response_submit` (a receipt and a sealed inbox entry each). Then
   `campaign_close` runs once, as the first request after the last day runs it: the inbox flush
   and the snapshot, timed with each part. Goal: at most 10 s on PostgreSQL at 100,000 responses.
2. The results of both closed campaigns, over `--runs` runs (20) after one warm-up run, the two
   sizes taking turns so that a change in the machine's load touches both alike: the snapshot
   reads `monitor.results.summary_for` and `breakdown_for(by="department")` (each on a freshly
   read campaign, so that the snapshot is read again), and the results page with and without the
   breakdown by department (GET through the Django test client, logged in as an HR advisor).
   Goals: a median of at most 50 ms per page, and the same cost at both sizes (the median at
   100,000 responses within 20 % of the one at 1,000; the ratio is printed).

It prints the median and p95 wall-clock time and the median CPU time of the Django process (and
of the local PostgreSQL server): CPU time leaves out waiting for a busy CPU, so it is the figure
to compare between machines. Nothing is cached between runs by this script.
"""

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    Skipped,
    bench_postgres,
    exit_cleanly_on_sigterm,
    machine_load,
    postgres_pids,
    setup_django,
    summary,
    timed,
)

GOAL_MS = 50  # median of each results page
CLOSE_GOAL_S = 10  # the close of 100,000 responses on PostgreSQL
SAME_COST = 0.20  # the page at 100,000 responses within 20 % of the page at 1,000
DEFAULT_RESPONSES = 100_000
COMPARE_RESPONSES = 1_000
WAITING = 49  # left in the inbox for the close: one short of a batch (INBOX_BATCH = 50)
RUNS = 20
LOAD_BATCH = 10_000  # responses counted into the tally per transaction while loading
PAGES = {"results page": "", "results page by department": "?by=department"}
# A large employer: departments of very different sizes, and one too small to be shown.
DEPARTMENTS = {
    "Publiekszaken": 9,
    "Sociaal Domein": 14,
    "Ruimte": 10,
    "Bedrijfsvoering": 8,
    "Informatievoorziening": 6,
    "Zorg en Welzijn": 16,
    "Onderwijs": 12,
    "Handhaving": 5,
    "Beheer Openbare Ruimte": 9,
    "Financiën": 4,
    "Communicatie": 2,
    "Griffie": 0.003,
}
SKIPPED_DEPARTMENT = 5  # weight of respondents who leave the question out
OPENS_ON, CLOSES_ON = date(2026, 10, 5), date(2026, 10, 30)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=DEFAULT_RESPONSES)
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs per measurement")
    parser.add_argument(
        "--compare",
        type=int,
        default=COMPARE_RESPONSES,
        help="responses of the second campaign the pages are compared with (0: none)",
    )
    parser.add_argument(
        "--waiting", type=int, default=WAITING, help="responses left in the inbox for the close"
    )
    parser.add_argument("--child", metavar="LABEL", help=argparse.SUPPRESS)
    parser.add_argument("--report", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.responses < 1 or args.compare < 0 or args.runs < 1:
        parser.error("--responses and --runs must be at least 1, --compare at least 0")
    if not 0 <= args.waiting < args.responses:
        parser.error("--waiting must lie between 0 and --responses")
    return args


# --- The parent: one child process per database --------------------------------------------------


def run_child(label: str, url: str, args: argparse.Namespace) -> int:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench._settings"}
    env.pop("DJANGO_DEBUG", None)  # production settings: DEBUG off, no query log
    command = [sys.executable, __file__, "--child", label, "--runs", str(args.runs)]
    command += ["--responses", str(args.responses), "--compare", str(args.compare)]
    command += ["--waiting", str(args.waiting)]
    return subprocess.run(command, env=env, check=False).returncode


def main() -> int:
    exit_cleanly_on_sigterm()
    args = parse_args()
    if args.child:
        return child(args.child, args)
    sizes = f"{args.responses:,}" + (f" and of {args.compare:,}" if args.compare else "")
    print(
        f"Monitor results of a closed campaign of {sizes} responses; median and p95 of "
        f"{args.runs} runs after one warm-up (goals: each results page median <= {GOAL_MS} ms, "
        f"the same within {SAME_COST:.0%} at both sizes; the close of {DEFAULT_RESPONSES:,} "
        f"responses <= {CLOSE_GOAL_S} s on PostgreSQL)"
    )
    failures = 0
    try:
        with bench_postgres() as url:
            failures += run_child("PostgreSQL", url, args) != 0
    except Skipped as reason:
        print(f"PostgreSQL: skipped: {reason}")
    with tempfile.TemporaryDirectory(prefix="mantelzorg-bench-sqlite.") as folder:
        failures += run_child("SQLite", f"sqlite:///{folder}/bench.sqlite3", args) != 0
    return 1 if failures else 0


# --- The child: fill one database, close the campaigns, time the results -------------------------


def child(label: str, args: argparse.Namespace) -> int:
    warnings.filterwarnings("ignore", message="No directory at")  # no collected static files
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else None
    if version is None:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    print(f"\n{label} {version}")

    hr = make_hr()
    campaigns = {}
    for responses in dict.fromkeys(n for n in (args.responses, args.compare) if n):
        campaign = make_campaign(responses, hr)
        if not fill_and_close(campaign, responses, min(args.waiting, responses - 1)):
            return 1
        campaigns[responses] = campaign

    server = None
    port = connection.settings_dict.get("PORT")
    if connection.vendor == "postgresql" and port and postgres_pids(int(port)):
        server = lambda: postgres_pids(int(port))  # noqa: E731
    sizes = list(campaigns)
    print(
        f"  the results of the closed campaigns, {args.runs} runs of each after one warm-up"
        + (", the two sizes taking turns" if len(sizes) > 1 else "")
    )
    failed = False
    for name, is_page, functions, details in measurements(campaigns, hr):
        try:
            timings = interleaved(functions, args.runs, server)
        except Exception as error:  # print and go on: one broken part must not hide the rest
            print(f"  {name:<44} failed: {type(error).__name__}: {error}")
            failed = True
            continue
        medians = {}
        for responses, (walls, cpus, server_cpus) in timings.items():
            detail = details.get(responses, "")
            median, p95 = summary(walls)
            medians[responses] = (median, summary(cpus)[0])
            cpu = f"Django CPU {summary(cpus)[0]:5.1f} ms"
            if server is not None:
                cpu += f", PostgreSQL CPU {summary(server_cpus)[0]:5.1f} ms"
            goal = ""
            if is_page:
                goal = f"   goal median <= {GOAL_MS} ms: {met(median <= GOAL_MS)}"
            figures = f"median {median:.1f} ms".ljust(18) + f"p95 {p95:.1f} ms".ljust(16)
            what = f"{name}, {responses:,} responses"
            print(f"  {what:<44} {figures} ({cpu}{detail}){goal}")
        if is_page and len(sizes) > 1:
            (large, large_cpu), (small, small_cpu) = medians[sizes[0]], medians[sizes[1]]
            ratio = large / small if small else float("inf")
            within = abs(ratio - 1) <= SAME_COST
            cpu_ratio = large_cpu / small_cpu if small_cpu else float("inf")
            print(
                f"    {name} at {sizes[0]:,} vs {sizes[1]:,} responses: median {large:.1f} vs "
                f"{small:.1f} ms, ratio {ratio:.2f}, within {SAME_COST:.0%}: "
                f"{'yes' if within else 'NO'} (Django CPU {large_cpu:.1f} vs {small_cpu:.1f} ms, "
                f"ratio {cpu_ratio:.2f})"
            )
    print(f"  ({machine_load()})")
    return 1 if failed else 0


def interleaved(functions: dict, runs: int, server) -> dict:
    """Time each size's function `runs` times after a warm-up, the sizes taking turns (in
    alternating order), so that a change in the machine's load touches all of them alike."""
    for function in functions.values():
        function()  # warm-up: connections, the database's caches, Django's URL resolver
    timings = {size: ([], [], []) for size in functions}
    order = list(functions)
    for run in range(runs):
        for size in order if run % 2 == 0 else reversed(order):
            walls, cpus, server_cpus = timed(functions[size], 1, server)
            timings[size][0].extend(walls)
            timings[size][1].extend(cpus)
            timings[size][2].extend(server_cpus)
    return timings


def met(condition: bool) -> str:
    return "met" if condition else "NOT met"


def make_hr():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(email="hr@bench.example", password=None)


def make_campaign(responses: int, hr):
    """An organisation of its own (with departments and the HR advisor) and its campaign."""
    from monitor.models import Campaign, Department
    from programme.models import Membership, Organisation, Role

    organisation = Organisation.objects.create(
        slug=f"bench-werkgever-{responses}", name=f"Bench Werkgever {responses:,}"
    )
    for code, name in enumerate(DEPARTMENTS, start=1):
        Department.objects.create(organisation=organisation, code=code, name=name)
    Membership.objects.create(user=hr, organisation=organisation, role=Role.HR)
    return Campaign.objects.create(
        organisation=organisation,
        title="Monitor werk en mantelzorg (bench)",
        opens_on=OPENS_ON,
        closes_on=CLOSES_ON,
        invited_count=int(responses * 1.6),
    )


def fill_and_close(campaign, responses: int, waiting: int) -> bool:
    """Load the responses, close the campaign and print what each took; False on a wrong count."""
    from django.db import connection

    from monitor.models import AnswerTally, InboxEntry, TextAnswer

    generate_seconds, load_seconds, sent_seconds = load(campaign, responses, waiting)
    tally = AnswerTally.objects.filter(campaign=campaign).count()
    texts = TextAnswer.objects.filter(campaign=campaign).count()
    inbox = InboxEntry.objects.filter(campaign=campaign).count()
    print(
        f"  {responses:,} responses: {responses - waiting:,} counted into {tally:,} tally rows "
        f"and {texts:,} free texts (generated in {generate_seconds:.1f} s, counted in "
        f"{load_seconds:.1f} s), {waiting} sent through response_submit in {sent_seconds:.2f} s "
        f"({inbox} waiting in the inbox)"
    )
    close_seconds, parts = close(campaign)
    stored = campaign.snapshot.response_count
    goal = ""
    if connection.vendor == "postgresql" and responses >= DEFAULT_RESPONSES:
        goal = f"   goal <= {CLOSE_GOAL_S} s: {met(close_seconds <= CLOSE_GOAL_S)}"
    print(f"  close (snapshot) of {responses:,} responses: {close_seconds:.1f} s{goal}")
    size = len(json.dumps(campaign.snapshot.data))
    print(
        f"    (inbox flush of {waiting} entries {parts['inbox_flush'] * 1000:.0f} ms, "
        f"snapshot_data {parts['snapshot_data'] * 1000:.0f} ms, the rest "
        f"{(close_seconds - sum(parts.values())) * 1000:.0f} ms; the snapshot counts "
        f"{stored:,} responses, {size / 1000:.0f} kB of JSON)"
    )
    if stored != responses:
        print(f"  FAILED: the snapshot counts {stored} responses, not {responses}")
        return False
    return True


def load(campaign, responses: int, waiting: int) -> tuple[float, float, float]:
    """Generate the responses, count all but `waiting` into the tally and send the rest into the
    inbox; the seconds each step took."""
    from django.db import connection, transaction

    from monitor import demo
    from monitor.selectors import questionnaire_for

    start = time.perf_counter()
    rng = random.Random(100_000)
    days = demo.submission_days(rng, OPENS_ON, CLOSES_ON, date(2026, 10, 19), responses)
    codes = [*range(1, len(DEPARTMENTS) + 1), None]
    weights = [*DEPARTMENTS.values(), SKIPPED_DEPARTMENT]
    departments = rng.choices(codes, weights=weights, k=responses)
    questionnaire = questionnaire_for(campaign=campaign)
    generated = list(
        demo.generate_responses(
            rng,
            questionnaire,
            days=days,
            departments=departments,
            texts=itertools.cycle(demo.FREE_TEXTS),  # the texts' share of the data, as before
        )
    )
    generated_at = time.perf_counter()
    counted, sent = generated[: responses - waiting], generated[responses - waiting :]
    # The tally holds a few thousand rows whatever the number of responses: large batches (one
    # upsert of each cell per batch) instead of the inbox's batches of 50 save only time.
    with transaction.atomic():
        demo.responses_insert(campaign, counted, batch_size=LOAD_BATCH)
    with connection.cursor() as cursor:
        # What autovacuum and autoanalyze do after a large insert.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    counted_at = time.perf_counter()
    demo.responses_send(campaign, sent)  # the last ones, as the respondent flow sends them
    return generated_at - start, counted_at - generated_at, time.perf_counter() - counted_at


def close(campaign) -> tuple[float, dict[str, float]]:
    """Close the campaign as the first request after its last day does; the seconds it took, and
    those of its inbox flush and of its snapshot_data."""
    from monitor import closing

    parts = {"inbox_flush": 0.0, "snapshot_data": 0.0}

    def clocked(name, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                parts[name] += time.perf_counter() - start

        return wrapper

    originals = {name: getattr(closing, name) for name in parts}
    for name, function in originals.items():
        setattr(closing, name, clocked(name, function))
    try:
        start = time.perf_counter()
        closing.campaign_close(campaign=campaign, today=CLOSES_ON + timedelta(days=1))
        seconds = time.perf_counter() - start
    finally:
        for name, function in originals.items():
            setattr(closing, name, function)
    campaign.refresh_from_db()
    return seconds, parts


def measurements(campaigns: dict, hr):
    """What to time: the snapshot reads, then the pages. For each: its name, whether it is a
    page, its function per campaign size, and what to say of each size (the page's queries)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from monitor import results
    from monitor.models import Campaign

    def fresh(campaign):
        # As a request reads it: the campaign again, so that its snapshot is read again too.
        return Campaign.objects.select_related("organisation").get(pk=campaign.pk)

    def summary(campaign):
        return lambda: results.summary_for(campaign=fresh(campaign))

    def breakdown(campaign):
        return lambda: results.breakdown_for(campaign=fresh(campaign), by="department")

    yield "results.summary_for", False, {n: summary(c) for n, c in campaigns.items()}, {}
    yield (
        'results.breakdown_for(by="department")',
        False,
        {n: breakdown(c) for n, c in campaigns.items()},
        {},
    )
    client = Client()
    client.force_login(hr)

    def get(url: str):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response

    for name, query in PAGES.items():
        pages, details = {}, {}
        for responses, campaign in campaigns.items():
            url = reverse(
                "monitor:results", kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk}
            )
            with CaptureQueriesContext(connection) as queries:
                size = len(get(url + query).content)
            details[responses] = f"; {len(queries)} queries, {size / 1000:.0f} kB"
            pages[responses] = lambda url=url + query: get(url)
        yield f"{name} (GET, HR)", True, pages, details


if __name__ == "__main__":
    sys.exit(main())
