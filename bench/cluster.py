"""The cluster run: several app servers on loopback, monitor submissions under faults.

Run with `make cluster` or `.venv/bin/python bench/cluster.py [--seconds S] [--rate N]`
(CLUSTER_SECONDS sets the default of --seconds; CI uses 15).

From throwaway folders, on 127.0.0.1 and free ports, it starts PostgreSQL 15 (as the postgres
user when run as root, as .ci/run does), PgBouncer in transaction mode in front of it, Redis
(REDIS_URL: the shared cache and rate limit), an S3 endpoint (moto's server mode, S3_* settings),
two gunicorn app servers (DATABASE_PGBOUNCER=1) behind Debian's nginx (an upstream of the two,
proxy timeouts, failover to the other server when one refuses connections) and one task worker
(`manage.py db_worker`, TASKS_BACKEND=database, mail written to files).

Checks, each printed as passed or FAILED (or "not checked: ..." when the setting is missing):
a session made on one app server works on the other; a file uploaded to storage through one is
read back through the other; the monitor's rate limit holds across both; a queued mail (a
password reset) is sent by the worker.

Then the load: RATE monitor sends per second (the last page's POST, as the browser sends it)
through nginx for SECONDS, open loop, while it restarts PostgreSQL once (at a third of the run)
and kills one app server once (at two thirds; nginx sends its share to the other). A send that
gets an error page is sent again by its respondent after a second, at most MAX_TRIES times in
all, as a person presses "send" again; the form's own token makes that safe (never counted
twice). At the end the campaign is closed and the stored responses counted from the database
(the carer breakdown's group sizes, one per response) next to the receipts.

Prints the p50/p95 latency, per fault the seconds until sends succeeded again, and as its last
line `sent N, stored N, lost L, errors E during faults`. Exit status 1 when a response is lost,
stored twice, a check fails, or a submission is half-stored (receipts differ from responses).
"""

import argparse
import atexit
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import monitor_submissions as ms  # noqa: E402
from _common import (  # noqa: E402
    PG_BIN,
    ROOT,
    _as_postgres,
    exit_cleanly_on_sigterm,
    free_port,
    machine_load,
    summary,
)

SETTINGS = "bench._cluster_settings"
SECRET_KEY = ms.SECRET_KEY
RATE = 100
MAX_SECONDS = 120.0
MAX_TRIES = 5
RETRY_AFTER = 1.0
CLIENTS = 64
GIVE_UP = 60.0  # seconds behind its moment after which a planned send is not sent at all
RESTART_AFTER = 2.0  # seconds until the killed app server is started again (systemd's RestartSec)
BURST = 10  # the rate limit per address during the run: 10 at once, then 4 per second
PER_MINUTE = 240
USER_EMAIL = "cluster-hr@example.org"
USER_PASSWORD = "cluster-only-password-42"

children: list[subprocess.Popen] = []


def say(text: str) -> None:
    print(text, flush=True)


def start(command, log: Path, **kwargs) -> subprocess.Popen:
    with log.open("ab") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=output, start_new_session=True, **kwargs
        )
    children.append(process)
    return process


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass


def stop_all() -> None:
    for process in reversed(children):
        stop(process)


def wait_for_port(port: int, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on port {port} within {seconds:.0f} s")


# --- The services -------------------------------------------------------------------------------


class Postgres:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.started = False

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), f"--pgdata={self.data}", *args),
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=90,
        )

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "initdb"),
                f"--pgdata={self.data}",
                "--username=postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=120,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        self.pg_ctl(
            f"--log={self.folder / 'server.log'}", "--wait", f"--options={options}", "start"
        )
        self.started = True
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "mantelzorg",
            ),
            check=True,
            timeout=30,
        )

    def restart(self) -> None:
        # -m fast: open transactions are rolled back and their connections closed, as in a crash
        # of the server process or a failover.
        self.pg_ctl("-m", "fast", "--wait", "restart")

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                _as_postgres(str(PG_BIN / "pg_ctl"), f"--pgdata={self.data}", "-m", "fast", "stop"),
                stdout=subprocess.DEVNULL,
                check=False,
                timeout=60,
            )
            self.started = False


def start_pgbouncer(folder: Path, pg_port: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    config = folder / "pgbouncer.ini"
    (folder / "userlist.txt").write_text('"postgres" ""\n')
    # server_login_retry 1 s: after PostgreSQL comes back, PgBouncer tries again within a second
    # (the default waits 15 s); query_wait_timeout bounds how long a client waits for a server.
    config.write_text(
        f"[databases]\n* = host=127.0.0.1 port={pg_port}\n[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {folder / 'userlist.txt'}\npool_mode = transaction\n"
        "max_client_conn = 500\ndefault_pool_size = 40\nserver_login_retry = 1\n"
        "query_wait_timeout = 20\nignore_startup_parameters = extra_float_digits,options\n"
    )
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        for path in folder.iterdir():
            shutil.chown(path, "postgres", "postgres")
    process = start(_as_postgres("/usr/sbin/pgbouncer", str(config)), folder / "pgbouncer.log")
    wait_for_port(port, "PgBouncer")
    return process, port


def start_redis(folder: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
    command += ["--appendonly", "no", "--dir", str(folder)]
    process = start(command, folder / "redis.log")
    wait_for_port(port, "Redis")
    return process, port


def start_moto(folder: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = start(
        [str(ROOT / ".venv" / "bin" / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        folder / "moto.log",
    )
    wait_for_port(port, "moto's S3 server")
    return process, port


NGINX_CONF = """\
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream app {{
        server 127.0.0.1:{app1} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{app2} max_fails=1 fail_timeout=5s;
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_connect_timeout 2s;
            proxy_send_timeout 30s;
            proxy_read_timeout 30s;
            # A refused connection or timeout before the request was sent goes to the other
            # server; a POST that reached a server is never sent twice (not non_idempotent).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            proxy_intercept_errors off;
        }}
        error_page 502 503 504 /unavailable.html;
        location = /unavailable.html {{ root {folder}/html; internal; }}
    }}
}}
"""

UNAVAILABLE = (
    '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Even niet bereikbaar</title>'
    "<h1>Even niet bereikbaar</h1><p>Uw antwoorden zijn nog niet verstuurd. Probeer het over een "
    "minuut opnieuw met de knop Versturen.</p></html>\n"
)


def start_nginx(folder: Path, app_ports: list[int]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "unavailable.html").write_text(UNAVAILABLE)
    config = folder / "nginx.conf"
    config.write_text(
        NGINX_CONF.format(folder=folder, app1=app_ports[0], app2=app_ports[1], port=port)
    )
    folder.chmod(0o755)
    command = ["/usr/sbin/nginx", "-c", str(config), "-p", str(folder), "-g", "daemon off;"]
    process = start(command, folder / "nginx.out")
    wait_for_port(port, "nginx")
    return process, port


# --- HTTP helpers -------------------------------------------------------------------------------


class Client(ms.Browser):
    """A browser from its own loopback address (127.0.x.y), so that the rate limit, which counts
    per address, sees a crowd of respondents rather than one."""

    def __init__(self, port: int, address: str = "127.0.0.1"):
        super().__init__(port)
        self.connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=30, source_address=(address, 0)
        )

    def request(self, method, path, fields=None):
        try:
            return super().request(method, path, fields)
        except (OSError, http.client.HTTPException):
            self.connection.close()  # reconnects on the next request
            raise


def check(name: str, ok: bool, detail: str = "") -> bool:
    say(f"  check: {name}: {'passed' if ok else 'FAILED'}{f' ({detail})' if detail else ''}")
    return ok


def check_session(app_ports: list[int]) -> bool:
    from django.urls import reverse

    first, second = Client(app_ports[0]), Client(app_ports[1])
    status, _, page = first.request("GET", reverse("account_login"))
    token = ms.TOKEN.search(page).group(1)
    fields = {"csrfmiddlewaretoken": token, "login": USER_EMAIL, "password": USER_PASSWORD}
    status, location, _ = first.request("POST", reverse("account_login"), fields)
    if status != 302:
        return check("a session made on app server 1 works on app server 2", False, "no login")
    second.cookies = dict(first.cookies)
    status, location, _ = second.request("GET", reverse("account_change_password"))
    ok = status == 200
    detail = "" if ok else f"app server 2 answered {status} {location}"
    return check("a session made on app server 1 works on app server 2", ok, detail)


def check_storage(env: dict[str, str], app_ports: list[int]) -> bool:
    """Write a file through the storage of the app servers' settings in one process, read it in
    another: both see the same bucket (no local folder is shared)."""
    name = "cluster-check/upload.txt"
    body = f"uploaded at {time.time()}"
    write = (
        "from django.core.files.base import ContentFile; from django.core.files.storage import "
        f"default_storage as s; print(s.save({name!r}, ContentFile({body!r}.encode())))"
    )
    saved = manage(env, "shell", "-c", write).strip().splitlines()[-1]
    read = (
        "from django.core.files.storage import default_storage as s; "
        f"print(s.open({saved!r}).read().decode()); s.delete({saved!r})"
    )
    got = manage(env, "shell", "-c", read).strip().splitlines()[-1]
    return check("a file stored by one process is read back by another through S3", got == body)


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]
) -> tuple[bytes, str]:
    boundary = f"cluster{random.getrandbits(64):x}"
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, content_type, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def check_upload(app_ports: list[int], organisation) -> bool:
    """An HR advisor uploads the organisation's logo through app server 1; app server 2 serves it
    back through its permission-checked view (the file lives in the shared bucket)."""
    import io

    from django.forms.models import model_to_dict
    from django.urls import reverse
    from PIL import Image

    from programme.forms import OrganisationForm

    name = "an upload through app server 1 downloads through app server 2"
    first, second = Client(app_ports[0]), Client(app_ports[1])
    _, _, page = first.request("GET", reverse("account_login"))
    fields = {"csrfmiddlewaretoken": ms.TOKEN.search(page).group(1)}
    fields |= {"login": USER_EMAIL, "password": USER_PASSWORD}
    first.request("POST", reverse("account_login"), fields)
    edit = reverse("programme:organisation_edit", kwargs={"slug": organisation.slug})
    status, _, page = first.request("GET", edit)
    if status != 200:
        return check(name, False, f"the edit page answered {status}")
    values = model_to_dict(organisation, fields=OrganisationForm._meta.fields)
    form = {"csrfmiddlewaretoken": ms.TOKEN.search(page).group(1)}
    for field, value in values.items():
        if field == "logo" or value is None or value is False:
            continue
        form[field] = "on" if value is True else str(value)
    png = io.BytesIO()
    Image.new("RGB", (240, 120), (20, 90, 160)).save(png, "PNG")
    body, content_type = multipart(form, {"logo": ("logo.png", "image/png", png.getvalue())})
    cookies = "; ".join(f"{k}={v}" for k, v in first.cookies.items())
    first.connection.request(
        "POST", edit, body=body, headers={"Cookie": cookies, "Content-Type": content_type}
    )
    response = first.connection.getresponse()
    response.read()
    if response.status != 302:
        return check(name, False, f"the upload answered {response.status}")
    second.cookies = dict(first.cookies)
    logo = reverse("programme:organisation_logo", kwargs={"slug": organisation.slug})
    second.connection.request("GET", logo, headers={"Cookie": cookies})
    response = second.connection.getresponse()
    data = response.read()
    try:
        size = Image.open(io.BytesIO(data)).size
    except OSError:
        size = None
    detail = f"app server 2 answered {response.status} with an image of {size}"
    return check(name, response.status == 200 and size == (240, 120), detail)


def check_rate_limit(app_ports: list[int], key: str, sends) -> tuple[bool, int]:
    """Send 3 × BURST sends from one fresh address, taking turns between the two servers."""
    clients = [Client(port, "127.0.0.2") for port in app_ports]
    for client in clients:
        client.open_start_page(key)
    accepted = refused = 0
    start = time.monotonic()
    for i, (path, fields) in enumerate(sends):
        client = clients[i % 2]
        status, location, _ = client.request(
            "POST", path, [("csrfmiddlewaretoken", client.token), *fields]
        )
        if status == 302 and location.endswith("/thanks/"):
            accepted += 1
        elif status == 429:
            refused += 1
    elapsed = time.monotonic() - start
    allowed = BURST + PER_MINUTE / 60 * elapsed + 1
    ok = accepted <= allowed and refused > 0
    check(
        "the monitor's rate limit holds across both app servers",
        ok,
        f"{accepted} of {len(sends)} accepted in {elapsed:.1f} s, at most {allowed:.0f} allowed "
        f"by one bucket; {refused} refused",
    )
    return ok, accepted


def check_mail(nginx_port: int, mail_dir: Path) -> bool:
    from django.urls import reverse

    client = Client(nginx_port)
    status, _, page = client.request("GET", reverse("account_reset_password"))
    token = ms.TOKEN.search(page).group(1)
    status, location, _ = client.request(
        "POST",
        reverse("account_reset_password"),
        {"csrfmiddlewaretoken": token, "email": USER_EMAIL},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        files = list(mail_dir.glob("*.log"))
        if files and any(USER_EMAIL in f.read_text(errors="replace") for f in files):
            waited = 30 - (deadline - time.monotonic())
            return check(
                "a queued mail (password reset) is sent by the worker",
                True,
                f"in the mail folder after {waited:.1f} s",
            )
        time.sleep(0.2)
    return check("a queued mail (password reset) is sent by the worker", False, f"POST {status}")


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


# --- The load -----------------------------------------------------------------------------------


class Load:
    def __init__(self, jobs, rate: float):
        self.jobs = [(i / rate, job) for i, job in reversed(list(enumerate(jobs)))]
        self.lock = threading.Lock()
        self.start = 0.0
        self.latencies: list[float] = []
        self.accepted = 0
        self.not_sent = 0
        self.gave_up = 0
        self.errors: list[tuple[float, str]] = []  # (seconds since start, what)
        self.successes: list[float] = []  # seconds since start of each accepted send's answer

    def next(self):
        with self.lock:
            return self.jobs.pop() if self.jobs else None


def respondent(client: Client, key: str, load: Load, deadline: float) -> None:
    while (job := load.next()) is not None:
        offset, (path, fields) = job
        due = load.start + offset
        if (wait := due - time.perf_counter()) > 0:
            time.sleep(wait)
        elif -wait > GIVE_UP or time.perf_counter() > deadline:
            with load.lock:
                load.not_sent += 1
            continue
        for _attempt in range(MAX_TRIES):
            try:
                if not client.token:
                    client.open_start_page(key)
                status, location, _ = client.request(
                    "POST", path, [("csrfmiddlewaretoken", client.token), *fields]
                )
                what = f"{status}"
            except (OSError, http.client.HTTPException, RuntimeError, AttributeError) as error:
                status, location, what = 0, "", type(error).__name__
            now = time.perf_counter()
            # The thank-you page; or, for a retry of a send that was stored after all, the
            # answer to a form token already used (the monitor then shows the thank-you page too).
            if status == 302 and location.endswith(f"/m/{key}/thanks/"):
                with load.lock:
                    load.accepted += 1
                    load.latencies.append(now - due)
                    load.successes.append(now - load.start)
                break
            with load.lock:
                load.errors.append((now - load.start, what))
            if status == 403:  # CSRF cookie lost with a failed page: fetch the start page again
                client.token = ""
            if time.perf_counter() > deadline:
                break
            time.sleep(RETRY_AFTER)
        else:
            with load.lock:
                load.gave_up += 1


def recovery(load: Load, fault_at: float, until: float) -> tuple[int, float]:
    """Errors between the fault and the next fault (or the end), and the seconds from the fault
    until the last of them: after that moment every send succeeded."""
    errors = [at for at, _ in load.errors if fault_at <= at < until]
    return len(errors), (max(errors) - fault_at) if errors else 0.0


# --- The run ------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = float(os.environ.get("CLUSTER_SECONDS") or 60)
    parser.add_argument("--seconds", type=float, default=default, help="how long the load lasts")
    parser.add_argument("--rate", type=int, default=RATE, help="monitor sends per second")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per app server")
    args = parser.parse_args()
    if not 5 <= args.seconds <= MAX_SECONDS or not 1 <= args.rate <= 500:
        parser.error(f"--seconds must lie between 5 and {MAX_SECONDS:.0f}, --rate 1 and 500")
    return args


def main() -> int:
    exit_cleanly_on_sigterm()
    atexit.register(stop_all)
    args = parse_args()
    for binary in (PG_BIN / "initdb", Path("/usr/sbin/pgbouncer"), Path("/usr/sbin/nginx")):
        if not binary.exists():
            say(f"cluster run: {binary} is missing; run scripts/install-system-packages")
            return 1
    say(f"Cluster run on loopback: {args.rate} monitor sends/s for {args.seconds:.0f} s")
    folder = Path(tempfile.mkdtemp(prefix="mantelzorg-cluster."))
    folder.chmod(0o755)
    postgres = Postgres(folder / "pg")
    postgres.folder.mkdir()
    try:
        return run(args, folder, postgres)
    finally:
        stop_all()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def settings_text() -> str:
    return (ROOT / "config" / "settings.py").read_text()


def run(args, folder: Path, postgres: Postgres) -> int:
    postgres.start()
    (folder / "bouncer").mkdir()
    _, bouncer_port = start_pgbouncer(folder / "bouncer", postgres.port)
    mail_dir = folder / "mail"
    mail_dir.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "S3_", "REDIS"))},
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{bouncer_port}/mantelzorg",
        "DATABASE_PGBOUNCER": "1",
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_LOG_LEVEL": "WARNING",
        "CLUSTER_MAIL_DIR": str(mail_dir),
        "MONITOR_SUBMIT_BURST": str(BURST),
        "MONITOR_SUBMIT_PER_MINUTE": str(PER_MINUTE),
        "MONITOR_CLIENT_IP_HEADER": "X-Forwarded-For",
        "PYTHONPATH": str(ROOT),
    }
    text = settings_text()
    not_checked: list[str] = []
    services = ["PostgreSQL 15", "PgBouncer (transaction mode)"]
    if "REDIS_URL" in text and shutil.which("redis-server"):
        (folder / "redis").mkdir()
        _, redis_port = start_redis(folder / "redis")
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        services.append("Redis")
    else:
        not_checked.append("the shared rate limit (no REDIS_URL setting or no redis-server)")
    if "S3_BUCKET" in text and (ROOT / ".venv" / "bin" / "moto_server").exists():
        (folder / "s3").mkdir()
        _, s3_port = start_moto(folder / "s3")
        env.update(
            S3_BUCKET="mantelzorg-cluster",
            S3_ENDPOINT_URL=f"http://127.0.0.1:{s3_port}",
            S3_ACCESS_KEY_ID="cluster",
            S3_SECRET_ACCESS_KEY="cluster-secret",
            S3_REGION="eu-west-1",
        )
        import boto3

        boto3.client(
            "s3",
            endpoint_url=env["S3_ENDPOINT_URL"],
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster-secret",
            region_name="eu-west-1",
        ).create_bucket(
            Bucket="mantelzorg-cluster",
            CreateBucketConfiguration={"LocationConstraint": "eu-west-1"},
        )
        services.append("S3 (moto server)")
    else:
        not_checked.append("uploads through object storage (no S3_BUCKET setting or no moto)")
    worker = "TASKS_BACKEND" in text and "db_worker" in manage(env, "help")
    if worker:
        env["TASKS_BACKEND"] = "database"
    else:
        not_checked.append("the worker's mail (no TASKS_BACKEND=database or no db_worker)")

    manage(env, "migrate", "--noinput", "--verbosity", "0")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from accounts.models import User
    from monitor import demo
    from monitor.selectors import questionnaire_for

    campaign = ms.prepare_database()
    from programme.models import Membership, Role

    user = User.objects.create_user(email=USER_EMAIL, password=USER_PASSWORD)
    Membership.objects.create(user=user, organisation=campaign.organisation, role=Role.HR)
    rng = random.Random(16)
    planned = round(args.rate * args.seconds)
    extra = 3 * BURST + 20
    generated = list(
        demo.generate_responses(
            rng,
            questionnaire_for(campaign=campaign),
            days=[campaign.opens_on] * (planned + extra),
            departments=rng.choices([1, 2, 3, None], weights=[4, 5, 3, 1], k=planned + extra),
        )
    )
    sends = ms.final_sends(campaign, generated)
    connection.close()

    app_ports = [free_port(), free_port()]
    apps = []
    for number, port in enumerate(app_ports, start=1):
        (folder / f"app{number}").mkdir()
        apps.append(
            ms.start_gunicorn(env, port, args.workers, folder / f"app{number}" / "gunicorn.log")
        )
        children.append(apps[-1])
    if worker:
        (folder / "worker").mkdir()
        start(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "default", "--no-reload"],
            folder / "worker" / "worker.log",
            cwd=ROOT,
            env=env,
        )
        services.append("task worker (db_worker)")
    _, nginx_port = start_nginx(folder / "nginx", app_ports)
    say(f"  started: {', '.join(services)}, 2 gunicorn app servers ({args.workers} workers each)")
    say("           behind nginx, all on 127.0.0.1 from throwaway folders")

    failed = not check_session(app_ports)
    if "S3_BUCKET" in env:
        failed |= not check_upload(app_ports, campaign.organisation)
        try:
            failed |= not check_storage(env, app_ports)
        except RuntimeError as error:
            failed |= not check(
                "an upload through one downloads through another", False, str(error)
            )
    if "REDIS_URL" in env:
        ok, rate_accepted = check_rate_limit(
            app_ports, campaign.key, sends[planned : planned + 3 * BURST]
        )
        failed |= not ok
    else:
        rate_accepted = 0
    if worker:
        failed |= not check_mail(nginx_port, mail_dir)
    for what in not_checked:
        say(f"  not checked: {what}")

    # The load, with the two faults.
    load = Load(sends[:planned], args.rate)
    clients = [Client(nginx_port, f"127.0.{1 + i // 250}.{1 + i % 250}") for i in range(CLIENTS)]
    for client in clients:
        client.open_start_page(campaign.key)
    pg_fault, app_fault = args.seconds / 3, 2 * args.seconds / 3
    end_by = time.perf_counter() + args.seconds + GIVE_UP + MAX_TRIES * (RETRY_AFTER + 30)
    threads = [
        threading.Thread(target=respondent, args=(c, campaign.key, load, end_by), daemon=True)
        for c in clients
    ]
    load.start = time.perf_counter() + 0.1
    for thread in threads:
        thread.start()
    faults = []
    time.sleep(max(0.0, load.start + pg_fault - time.perf_counter()))
    at = time.perf_counter() - load.start
    started = time.perf_counter()
    postgres.restart()
    faults.append(("PostgreSQL restarted", at, time.perf_counter() - started))
    time.sleep(max(0.0, load.start + app_fault - time.perf_counter()))
    at = time.perf_counter() - load.start
    stop(apps[0], signal.SIGKILL)  # a crash: no graceful end of the requests it is serving
    faults.append(("app server 1 killed", at, 0.0))
    # systemd's Restart=always (deploy/mantelzorg-web.service) starts it again; nginx sends it
    # requests again once it answers (fail_timeout).
    time.sleep(RESTART_AFTER)
    log = folder / "app1" / "gunicorn.log"
    apps[0] = ms.start_gunicorn(env, app_ports[0], args.workers, log)
    children.append(apps[0])
    restarted = time.perf_counter() - load.start - at  # the kill, the wait and the boot
    for thread in threads:
        thread.join(timeout=max(1.0, end_by - time.perf_counter()))
    seconds = time.perf_counter() - load.start

    # Count what is stored: close the campaign (moves what waits in the inbox into the counts).
    from django.db.models import Sum
    from django.utils import timezone

    from monitor.closing import campaign_close
    from monitor.models import GROUP_SIZE, AnswerTally, Dimension, InboxEntry, SubmissionReceipt

    campaign_close(campaign=campaign, today=timezone.localdate(), early=True)
    stored = (
        AnswerTally.objects.filter(
            campaign=campaign, dimension=Dimension.CARER, question=GROUP_SIZE
        ).aggregate(n=Sum("count"))["n"]
        or 0
    )
    receipts = SubmissionReceipt.objects.filter(campaign=campaign).count()
    waiting = InboxEntry.objects.filter(campaign=campaign).count()
    connection.close()

    stored_load = stored - rate_accepted
    sent = load.accepted
    median, p95 = summary(load.latencies) if load.latencies else (0.0, 0.0)
    say(
        f"  load: {planned:,} sends planned, {sent:,} answered with the thank-you page in "
        f"{seconds:.1f} s; latency (from the moment each send was due, retries included) "
        f"p50 {median:.0f} ms, p95 {p95:.0f} ms"
    )
    if load.not_sent or load.gave_up:
        say(
            f"  {load.not_sent} planned sends not sent (the clients fell {GIVE_UP:.0f} s behind), "
            f"{load.gave_up} given up after {MAX_TRIES} tries"
        )
    bounds = [at for _, at, _ in faults] + [seconds + 1]
    errors_during = 0
    for (name, at, took), until in zip(faults, bounds[1:], strict=True):
        count, recovered = recovery(load, at, until)
        errors_during += count
        took_text = f" (the restart took {took:.1f} s)" if took else ""
        if name.startswith("app server"):
            took_text = f" (started again {restarted:.1f} s later, as systemd restarts it)"
        say(
            f"  fault: {name} at {at:.1f} s{took_text}: {count} error pages, sends succeeded "
            f"again {recovered:.1f} s after the fault"
        )
    errors_before = len([1 for at, _ in load.errors if at < faults[0][1]])
    if errors_before:
        say(f"  {errors_before} error pages before the first fault (an overloaded machine)")
        failed = True
    kinds = sorted({what for _, what in load.errors})
    if kinds:
        say(f"  error answers seen: {', '.join(kinds)} (retried by the respondent)")
    half = receipts != stored or waiting
    say(
        f"  database: {stored:,} responses in the counts, {receipts:,} receipts "
        f"({'equal: no half-stored submission' if not half else 'DIFFERENT: half-stored'}); "
        f"{rate_accepted} of them from the rate-limit check"
    )
    say(f"  ({machine_load()})")
    lost = sent - stored_load
    failed |= bool(lost) or half or load.gave_up > 0
    if load.not_sent:
        failed = True
    say(f"sent {sent}, stored {stored_load}, lost {lost}, errors {errors_during} during faults")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
