"""A real redis-server on loopback for the tests (and bench scripts) that need one.

Started from a throwaway folder on a free port, with persistence off, and stopped at the end.
Debian's redis-server is installed by scripts/install-system-packages; without it the fixture
fails with that hint rather than skipping a test.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REDIS_SERVER = "/usr/bin/redis-server"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_redis(timeout: float = 10.0) -> Iterator[str]:
    """Start redis-server on a free loopback port; yield its redis:// URL; stop it afterwards."""
    if not Path(REDIS_SERVER).exists():
        pytest.fail(
            f"{REDIS_SERVER} is missing: run scripts/install-system-packages "
            "(Debian package redis-server) before these tests.",
            pytrace=False,
        )
    folder = Path(tempfile.mkdtemp(prefix="redis-test-"))
    port = free_port()
    log = folder / "redis.log"
    process = subprocess.Popen(
        [
            REDIS_SERVER,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
            "--logfile",
            str(log),
            "--protected-mode",
            "yes",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                pytest.fail(f"redis-server stopped at start: {log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"redis-server did not answer within {timeout} s on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The URL of a redis-server that lives for the whole test session."""
    with running_redis() as url:
        yield url
