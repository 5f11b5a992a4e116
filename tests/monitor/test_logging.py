"""Logs never hold a monitor key: Django's request log, error records and gunicorn's access log."""

import io
import logging
import os
import re
import runpy
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from gunicorn.config import Config

from monitor.logging import REDACTED, GunicornLogger, RedactMonitorKeys, redact
from tests.monitor.conftest import TODAY

GUNICORN_CONF = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"
ADDRESS = "203.0.113.7"


@pytest.fixture
def console():
    """What Django's configured console handler writes, for the django.request logger."""
    handlers = [h for h in logging.getLogger("django").handlers if type(h) is logging.StreamHandler]
    assert handlers, "LOGGING has no console handler for django"
    handler = handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_the_console_handler_redacts_monitor_keys():
    # The handlers LOGGING configures, by name (pytest adds capture handlers of its own).
    handlers = [logging.getHandlerByName(name) for name in settings.LOGGING["handlers"]]
    assert handlers and None not in handlers
    assert all(
        any(isinstance(f, RedactMonitorKeys) for f in handler.filters) for handler in handlers
    ), handlers


def test_a_404_under_a_monitor_key_is_logged_without_the_key(campaign, console):
    assert Client().get("/m/k3y-that-does-not-exist/").status_code == 404
    assert Client().get(f"/m/{campaign.key}/no/such/page/").status_code == 404
    logged = console.getvalue()
    assert logged.count(f"Not Found: {REDACTED}") == 2, logged
    assert "k3y-that-does-not-exist" not in logged and campaign.key not in logged


def test_a_refused_form_is_logged_without_the_key(campaign, console, monkeypatch):
    # The form is refused only while the campaign is open, around TODAY (the real date moves on).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    response = Client().post(f"/m/{campaign.key}/caregiving/", {"state": "forged"})
    assert response.status_code == 400
    assert "Bad Request" in console.getvalue() and campaign.key not in console.getvalue()


def test_the_filter_rewrites_message_arguments_traceback_and_drops_the_request(rf):
    request = rf.get("/m/s3cret/caregiving/?a=1", REMOTE_ADDR=ADDRESS)
    try:
        raise ValueError("while serving /m/s3cret/caregiving/")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Error: %s", ("/m/s3cret/x/",),
            sys.exc_info(),
        )  # fmt: skip
    record.request = request
    assert RedactMonitorKeys().filter(record) is True
    formatted = logging.Formatter().format(record)
    assert "s3cret" not in formatted and f"Error: {REDACTED}" in formatted
    assert not hasattr(record, "request")


def test_the_filter_leaves_other_records_alone(rf):
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/o/aland/",), None
    )
    record.request = rf.get("/o/aland/")
    RedactMonitorKeys().filter(record)
    assert record.getMessage() == "Not Found: /o/aland/" and hasattr(record, "request")


def test_redact_replaces_every_monitor_path_but_nothing_else():
    line = 'GET /m/abc-DEF_123/background/?x=1 HTTP/1.1" from https://host/m/zz/ to /o/m/monitor/'
    assert redact(line) == (
        f'GET {REDACTED} HTTP/1.1" from https://host{REDACTED} to /o/m/monitor/'
    )


# --- gunicorn ------------------------------------------------------------------------------


def gunicorn_logger() -> tuple[GunicornLogger, str]:
    conf = runpy.run_path(str(GUNICORN_CONF))
    cfg = Config()
    for name in ("logger_class", "access_log_format"):
        cfg.set(name, conf[name])
    assert cfg.logger_class is GunicornLogger
    return GunicornLogger(cfg), conf["access_log_format"]


def access_line(path: str, referer: str = "-") -> str:
    logger, log_format = gunicorn_logger()
    query = "?step=2" if "?" not in path else ""
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + query,
        "PATH_INFO": path,
        "QUERY_STRING": query.lstrip("?"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Mozilla/5.0 (Android 14; Pixel 8)",
    }
    req = SimpleNamespace(
        headers=[("X-FORWARDED-FOR", ADDRESS), ("REFERER", referer), ("HOST", "app.example.org")]
    )
    resp = SimpleNamespace(status="200 OK", sent=512, headers=[("Content-Type", "text/html")])
    atoms = logger.atoms(resp, req, environ, timedelta(milliseconds=42))
    return log_format % logger.atoms_wrapper_class(atoms)


def test_gunicorns_access_log_format_leaves_out_the_referrer():
    _logger, log_format = gunicorn_logger()
    assert "%(f)s" not in log_format and "{referer}i" not in log_format


def test_gunicorn_logs_a_monitor_request_without_key_or_client():
    line = access_line("/m/s3cret-key/background/", referer="https://app.example.org/m/s3cret-key/")
    assert "s3cret-key" not in line and ADDRESS not in line and "Android" not in line
    assert f'"GET {REDACTED} HTTP/1.1" 200 512' in line


def test_gunicorn_logs_other_requests_as_usual_but_redacts_a_monitor_referrer():
    line = access_line("/static/css/app.css", referer="https://app.example.org/m/s3cret-key/")
    assert line.startswith(ADDRESS) and "/static/css/app.css" in line
    assert "s3cret-key" not in line


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_real_gunicorn_with_our_config_never_writes_the_key(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "gunicorn-log-test",
        "DJANGO_DEBUG": "",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "config.wsgi",
        "-c",
        str(GUNICORN_CONF),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    with (tmp_path / "log").open("w+") as log:
        server = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            statuses = []
            for _attempt in range(100):
                try:
                    statuses.append(
                        urlopen(f"http://127.0.0.1:{port}/m/s3cret-key/no/page/").status
                    )
                except HTTPError as error:
                    statuses.append(error.code)
                except OSError:
                    time.sleep(0.1)
                    continue
                break
            assert statuses and statuses[-1] >= 400, statuses
            time.sleep(0.3)  # the access line is written after the response
        finally:
            server.terminate()
            server.wait(timeout=10)
        log.seek(0)
        written = log.read()
    # 404, or 500 in a checkout without collected static files (the error page needs them).
    assert re.search(rf'"GET {re.escape(REDACTED)} HTTP/1.1" (404|500) ', written), written
    assert "s3cret-key" not in written and "127.0.0.1 -" not in written, written
