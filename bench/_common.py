"""Helpers shared by the benchmarks (the leading underscore keeps `make bench` from running it).

- `setup_django()`: put the project on sys.path and load the bench settings (bench/_settings.py);
- `throwaway_postgres()`: a PostgreSQL 15 server in a temporary folder on a free loopback port,
  started and stopped the way .ci/run does it;
- `summary()`: median and p95 of a list of timings; `machine_load()` for the printout.
"""

import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SETTINGS = "bench._settings"


class Skipped(Exception):
    """The benchmark cannot run on this machine; the message says why."""


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret-0123456789abcdefghijklmn")
    import django

    django.setup()


def exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so that the `finally` blocks stop the servers it started
    and remove their temporary folders when someone stops a benchmark with `kill`."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start PostgreSQL 15 in a temporary folder; yield its URL; stop it and remove the folder.

    Durability is off (fsync, synchronous_commit, full_page_writes), as in CI: the figures then
    show the application's cost rather than the disk's. Raises Skipped without the binaries.
    """
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        raise Skipped(f"no PostgreSQL 15 at {PG_BIN}")
    folder = Path(tempfile.mkdtemp(prefix="mantelzorg-bench-pg."))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    started = False
    try:
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "initdb"),
                f"--pgdata={data}",
                "--username=postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=256MB"
        )
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                f"--pgdata={data}",
                f"--log={folder / 'server.log'}",
                "--wait",
                "--timeout=60",
                f"--options={options}",
                "start",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        started = True
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "createdb"),
                "--host=127.0.0.1",
                f"--port={port}",
                "--username=postgres",
                "mantelzorg_bench",
            ),
            check=True,
        )
        yield f"postgres://postgres@127.0.0.1:{port}/mantelzorg_bench"
    finally:
        if started:
            subprocess.run(
                _as_postgres(
                    str(PG_BIN / "pg_ctl"), f"--pgdata={data}", "-m", "fast", "-w", "stop"
                ),
                stdout=subprocess.DEVNULL,
                check=False,
            )
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new, empty database on the server of `url` (which is left alone); dropped afterwards."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"mantelzorg_bench_{os.getpid()}"
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@contextlib.contextmanager
def bench_postgres() -> Iterator[str]:
    """A PostgreSQL database to fill: a scratch database on DATABASE_URL's server when that is
    PostgreSQL, else a throwaway PostgreSQL 15 server (Skipped when there is none)."""
    url = os.environ.get("DATABASE_URL")
    if is_postgres_url(url):
        with scratch_database(url) as scratch:
            yield scratch
    else:
        with throwaway_postgres() as throwaway:
            yield throwaway


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def summary(timings: list[float]) -> tuple[float, float]:
    """Median and p95 (nearest rank) in milliseconds of timings in seconds."""
    ordered = sorted(timings)
    rank = max(0, -(-95 * len(ordered) // 100) - 1)
    return statistics.median(ordered) * 1000, ordered[rank] * 1000


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def session_pids(session: int) -> list[int]:
    """The processes of a session (a server started with start_new_session=True)."""
    return [pid for pid in _pids() if (stat := _stat(pid)) and int(stat[3]) == session]


def postgres_pids(port: int) -> list[int]:
    """The local PostgreSQL server listening on `port` and its backends; [] when not found."""
    for pid in _pids():
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv[0].endswith(b"postgres") and f"port={port}".encode() in argv:
            return [pid] + [p for p in _pids() if (stat := _stat(p)) and int(stat[1]) == pid]
    return []


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds used so far by these processes (Linux /proc), with that of
    their children that have ended (PostgreSQL's parallel workers, for example)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        if stat := _stat(pid):
            total += sum(int(value) for value in stat[11:15])
    return total / ticks


def machine_load() -> str:
    """The load average next to the CPU count: figures from a busy machine read differently."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def timed(function, runs: int, server=None) -> tuple[list[float], list[float], list[float]]:
    """Wall-clock seconds, CPU seconds of this process, and CPU seconds of the database server
    (when `server()` lists its processes) for each of `runs` calls of `function`.

    CPU times leave out waiting: for another process, and for a CPU on a busy machine.
    """
    walls, cpus, server_cpus = [], [], []
    for _ in range(runs):
        pids = server() if server else []
        start_server = cpu_seconds(pids)  # read before the clocks start: /proc costs time too
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
        server_cpus.append(cpu_seconds(pids) - start_server)
    return walls, cpus, server_cpus
