"""Readiness (/readyz): 200 only when the database, cache, storage and migrations are all fine.

Each failure is a real one: a database that cannot be opened or reached, a migration recorded as
not applied, a Redis where nothing listens, a media folder that cannot be made.
"""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler
from django.test import Client

from config import health
from config.redis import caches_for
from tests.redis_server import free_port

pytestmark = pytest.mark.django_db

ALL_OK = "database: ok\ncache: ok\nstorage: ok\nmigrations: ok\n"


def readiness(client: Client | None = None):
    response = (client or Client()).get("/readyz")
    return response.status_code, response.content.decode()


def test_ready_when_everything_answers(settings):
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.content.decode() == ALL_OK
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]  # a proxy must never answer for us
    # The storage probe leaves nothing behind.
    assert not list((settings.MEDIA_ROOT / health.PROBE_FOLDER).iterdir())


def unreachable_databases(kind: str, tmp_path) -> dict:
    if kind == "sqlite":
        # A file in a folder that does not exist: SQLite cannot open it.
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "gone" / "db")}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),  # nothing listens here
        "NAME": "mantelzorg",
        "USER": "mantelzorg",
        "PASSWORD": "not-shown-anywhere",
        "OPTIONS": {"connect_timeout": 2},
    }


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_not_ready_when_the_database_is_down(kind, tmp_path, monkeypatch):
    down = ConnectionHandler({"default": unreachable_databases(kind, tmp_path)})
    monkeypatch.setattr(health, "connections", down)
    try:
        status, body = readiness()
    finally:
        down.close_all()
    assert status == 503
    assert body == "database: failed\ncache: ok\nstorage: ok\nmigrations: failed\n"
    # Nothing of the configuration leaks into the public answer.
    assert "not-shown-anywhere" not in body and "127.0.0.1" not in body and "gone" not in body
    # Liveness does not depend on the database: the process itself is fine.
    assert Client().get("/healthz").status_code == 200


def test_not_ready_with_an_unapplied_migration():
    assert readiness() == (200, ALL_OK)
    leaf = next(
        node for node in MigrationLoader(connection).graph.leaf_nodes() if node[0] == "monitor"
    )
    MigrationRecorder(connection).record_unapplied(*leaf)  # rolled back with the test
    assert readiness() == (503, "database: ok\ncache: ok\nstorage: ok\nmigrations: failed\n")


def test_not_ready_when_redis_is_unreachable(settings):
    settings.CACHES = caches_for(f"redis://127.0.0.1:{free_port()}/0")
    assert readiness() == (503, "database: ok\ncache: failed\nstorage: ok\nmigrations: ok\n")


def test_not_ready_when_the_storage_cannot_take_a_file(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    assert readiness() == (503, "database: ok\ncache: ok\nstorage: failed\nmigrations: ok\n")
