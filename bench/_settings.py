"""Settings for the benchmarks: the production settings, served over plain HTTP on loopback.

Only what a benchmark on one machine needs changes: no HTTPS redirect or secure-only cookies
(gunicorn listens on 127.0.0.1 without TLS), the test client's host name, static files without
the collected manifest, and the bench-only URLs of bench/_urls.py next to the project's.
"""

from config.settings import *  # noqa: F403
from config.settings import ALLOWED_HOSTS, STORAGES

ROOT_URLCONF = "bench._urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
