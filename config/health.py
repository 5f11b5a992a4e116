"""Liveness (/healthz) and readiness (/readyz) for the load balancer.

/healthz touches nothing but the process: a load balancer or process supervisor that restarts on
it must not restart every app server because the database is away. /readyz says whether this app
server can serve now: every database answers, the cache keeps what it is given, the default
storage (local folder or object store) takes a file and gives it back, and no migration of this
release is missing from the database (a new release started before `migrate` is not ready). It
answers 200 when all pass and 503 otherwise, with one line per check, "ok" or "failed", and
nothing more: the reason goes to the log, never to the (public) response.

Our own view rather than django-health-check: four short checks, plain text, no installed app,
templates or URLs of its own, and no dependency whose support of Django 6.1 we would have to
follow.
"""

import logging
import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

PROBE_FOLDER = "readyz"


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            if cursor.fetchone()[0] != 1:
                raise RuntimeError(f"database {alias} answered SELECT 1 wrongly")


def check_cache() -> None:
    cache = caches["default"]
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    # A cache that cannot be reached reads nothing back (config.redis forgives the error itself).
    if cache.get(key) != value:
        raise RuntimeError("the cache did not give back what it was given")
    cache.delete(key)


def check_storage() -> None:
    name = default_storage.save(f"{PROBE_FOLDER}/{uuid.uuid4().hex}.txt", ContentFile(b"ready"))
    try:
        with default_storage.open(name) as probe:
            if probe.read() != b"ready":
                raise RuntimeError("the storage did not give back what it was given")
    finally:
        default_storage.delete(name)


def check_migrations() -> None:
    for alias in connections:
        executor = MigrationExecutor(connections[alias])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise RuntimeError(f"unapplied migrations on database {alias}")


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "migrations": check_migrations,
}


@login_not_required
@never_cache
def health(request):
    """Liveness: load balancers poll this; it touches nothing but the process."""
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@never_cache
def ready(request):
    """Readiness: 200 when every check passes, else 503 naming the checks that failed."""
    lines, ready = [], True
    for name, check in CHECKS.items():
        # Any error fails its check (without a database, the migrations fail as well).
        try:
            check()
        except Exception as exc:
            logger.warning("readyz: %s failed: %s: %s", name, type(exc).__name__, exc)
            lines.append(f"{name}: failed")
            ready = False
        else:
            lines.append(f"{name}: ok")
    return HttpResponse(
        "\n".join(lines) + "\n", status=200 if ready else 503, content_type="text/plain"
    )
