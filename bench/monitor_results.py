"""Benchmark: the results of a monitor campaign with 100,000 responses (about a million answers).

Run with `make bench` or `.venv/bin/python bench/monitor_results.py [--responses N] [--runs N]`.

For each database (PostgreSQL: a scratch database on DATABASE_URL's server when that is
PostgreSQL, else a throwaway PostgreSQL 15 server; and SQLite in a temporary file) it migrates an
empty database, stores a campaign of generated responses (the demo's generator, so the same shape
as `seed_demo`: skip logic applied, the group copies on every answer), and then times, over 10
runs after one warm-up run:

- monitor.results.summary_for(campaign=...)
- monitor.results.breakdown_for(campaign=..., by="department")
- the whole results page (GET through the Django test client, logged in as an HR advisor),

printing the median and p95 next to DESIGN.md's goal of 250 ms for the whole page. Nothing is
cached between runs by this script. The load time is printed too.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
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

GOAL_MS = 250
DEFAULT_RESPONSES = 100_000
RUNS = 10
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


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=DEFAULT_RESPONSES)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--child", metavar="LABEL", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- The parent: one child process per database -------------------------------------------------


def run_child(label: str, url: str, args: argparse.Namespace) -> int:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench._settings"}
    env.pop("DJANGO_DEBUG", None)  # production settings: DEBUG off, no query log
    command = [sys.executable, __file__, "--child", label]
    command += ["--responses", str(args.responses), "--runs", str(args.runs)]
    return subprocess.run(command, env=env, check=False).returncode


def main() -> int:
    exit_cleanly_on_sigterm()
    args = parse_args()
    if args.child:
        return child(args.child, args)
    print(
        f"Monitor results with {args.responses:,} responses; "
        f"median and p95 of {args.runs} runs after one warm-up (goal: whole page < {GOAL_MS} ms)"
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


# --- The child: fill one database and time the results ------------------------------------------


def child(label: str, args: argparse.Namespace) -> int:
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

    campaign, hr = make_campaign(args.responses)
    generate_seconds, load_seconds = load(campaign, args.responses)
    from monitor.models import Answer

    answers = Answer.objects.filter(campaign=campaign).count()
    print(
        f"  loaded {campaign.responses.count():,} responses, {answers:,} answers: "
        f"generated in {generate_seconds:.1f} s, stored in {load_seconds:.1f} s"
    )
    server = None
    port = connection.settings_dict.get("PORT")
    if connection.vendor == "postgresql" and port and postgres_pids(int(port)):
        server = lambda: postgres_pids(int(port))  # noqa: E731
    for name, function in measurements(campaign, hr):
        try:
            function()  # warm-up: connections, caches of the database, Django's URL resolver
            walls, cpus, server_cpus = timed(function, args.runs, server)
            median, p95 = summary(walls)
            cpu = f"Django CPU {summary(cpus)[0]:6.1f} ms"
            if server is not None:
                cpu += f", PostgreSQL CPU {summary(server_cpus)[0]:6.1f} ms"
        except Exception as error:  # print and go on: one broken part must not hide the rest
            print(f"  {name:<50} failed: {type(error).__name__}: {error}")
            continue
        goal = ""
        if name.startswith("results page"):
            goal = f"   goal < {GOAL_MS} ms: {'met' if p95 < GOAL_MS else 'NOT met'}"
        print(f"  {name:<50} median {median:7.1f} ms   p95 {p95:7.1f} ms   ({cpu}){goal}")
    print(f"  ({machine_load()})")
    return 0


def make_campaign(responses: int):
    from django.contrib.auth import get_user_model

    from monitor.models import Campaign, Department
    from programme.models import Membership, Organisation, Role

    organisation = Organisation.objects.create(slug="bench-werkgever", name="Bench Werkgever")
    for code, name in enumerate(DEPARTMENTS, start=1):
        Department.objects.create(organisation=organisation, code=code, name=name)
    hr = get_user_model().objects.create_user(email="hr@bench.example", password=None)
    Membership.objects.create(user=hr, organisation=organisation, role=Role.HR)
    campaign = Campaign.objects.create(
        organisation=organisation,
        title="Monitor werk en mantelzorg (bench)",
        opens_on=date(2026, 10, 5),
        closes_on=date(2026, 10, 30),
        invited_count=int(responses * 1.6),
    )
    return campaign, hr


def load(campaign, responses: int) -> tuple[float, float]:
    """Generate the responses, then store them; the seconds each took."""
    from django.db import connection

    from monitor import demo
    from monitor.selectors import questionnaire_for

    start = time.perf_counter()
    rng = random.Random(100_000)
    days = demo.submission_days(
        rng, campaign.opens_on, campaign.closes_on, date(2026, 10, 19), responses
    )
    codes = [*range(1, len(DEPARTMENTS) + 1), None]
    weights = [*DEPARTMENTS.values(), SKIPPED_DEPARTMENT]
    departments = rng.choices(codes, weights=weights, k=responses)
    generated = list(
        demo.generate_responses(
            rng, questionnaire_for(campaign=campaign), days=days, departments=departments
        )
    )
    generated_at = time.perf_counter()
    if connection.vendor == "postgresql":
        copy_into_postgres(campaign, generated, rng)
        with connection.cursor() as cursor:
            # What autovacuum does after a large insert (PostgreSQL 13+): statistics and the
            # visibility map, which lets counts read the index alone.
            cursor.execute("VACUUM ANALYZE")
    else:
        insert_into_sqlite(campaign, generated, rng)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return generated_at - start, time.perf_counter() - generated_at


def _rows(campaign, generated, first_id: int):
    """The rows of monitor_response and monitor_answer, responses numbered from first_id."""
    responses, answers = [], []
    for offset, item in enumerate(generated):
        groups = (item.is_carer, item.age_band, item.department)
        response_id = first_id + offset
        responses.append((response_id, campaign.pk, item.submitted_on, *groups))
        for question, options in item.answers.items():
            for option in options:
                answers.append((campaign.pk, response_id, question, option, *groups))
    return responses, answers


def _text_answers(campaign, generated, rng: random.Random):
    import uuid

    from monitor.models import TextAnswer

    texts = [
        TextAnswer(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            campaign=campaign,
            question=question,
            text=text,
        )
        for item in generated
        for question, text in item.texts.items()
    ]
    rng.shuffle(texts)
    return texts


RESPONSE_COLUMNS = "id, campaign_id, submitted_on, is_carer, age_band, department"
ANSWER_COLUMNS = "campaign_id, response_id, question, option, is_carer, age_band, department"


def insert_into_sqlite(campaign, generated, rng: random.Random) -> None:
    """executemany in one transaction: the fastest plain way into SQLite."""
    from django.db import connection, transaction

    from monitor.models import TextAnswer

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM monitor_response")
        responses, answers = _rows(campaign, generated, cursor.fetchone()[0] + 1)
        cursor.executemany(
            f"INSERT INTO monitor_response ({RESPONSE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)",
            responses,
        )
        cursor.executemany(
            f"INSERT INTO monitor_answer ({ANSWER_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            answers,
        )
        TextAnswer.objects.bulk_create(_text_answers(campaign, generated, rng), batch_size=2000)


def copy_into_postgres(campaign, generated, rng: random.Random) -> None:
    """COPY the rows in (psycopg's copy), then move the id sequence past the ids we chose."""
    from django.db import connection, transaction

    from monitor.models import TextAnswer

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM monitor_response")
        responses, answers = _rows(campaign, generated, cursor.fetchone()[0] + 1)
        for table, columns, rows in (
            ("monitor_response", RESPONSE_COLUMNS, responses),
            ("monitor_answer", ANSWER_COLUMNS, answers),
        ):
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('monitor_response', 'id'), "
            "(SELECT max(id) FROM monitor_response))"
        )
        TextAnswer.objects.bulk_create(_text_answers(campaign, generated, rng), batch_size=2000)


def measurements(campaign, hr):
    """(name, function) pairs to time: the results functions, else raw counts; then the page."""
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from monitor.models import Answer

    try:
        from monitor import results
    except ImportError:
        results = None
    if results is not None:
        yield "results.summary_for", lambda: results.summary_for(campaign=campaign)
        yield (
            'results.breakdown_for(by="department")',
            lambda: results.breakdown_for(campaign=campaign, by="department"),
        )
    else:
        print("  (monitor.results is not there yet: timing its GROUP BY queries instead)")
        answers = Answer.objects.filter(campaign=campaign)
        yield (
            "GROUP BY question, option",
            lambda: list(answers.values("question", "option").annotate(n=Count("id"))),
        )
        yield (
            "GROUP BY department, question, option",
            lambda: list(
                answers.values("department", "question", "option").annotate(n=Count("id"))
            ),
        )
    try:
        url = reverse(
            "monitor:results", kwargs={"slug": campaign.organisation.slug, "pk": campaign.pk}
        )
    except NoReverseMatch:
        print("  (the results page monitor:results is not there yet: not timed)")
        return
    client = Client()
    client.force_login(hr)
    for name, query in (("results page", ""), ("results page by department", "?by=department")):

        def page(query=query):
            response = client.get(url + query)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url}{query} answered {response.status_code}")

        with CaptureQueriesContext(connection) as queries:
            page()
        yield f"{name} (GET, HR, {len(queries)} queries)", page


if __name__ == "__main__":
    sys.exit(main())
