"""Shared test data: two organisations, a user per role in the first, an HR advisor in the other."""

import os
import time
from importlib import import_module

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps as django_apps
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from accounts.models import User
from programme.models import Action, ActionStatus, Membership, Organisation, Role
from support.models import (
    Following,
    FollowingState,
    SupportMembership,
    SupportOrganisation,
    SupportRole,
)

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

PASSWORD = "a-long-test-password-42"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases; behind PgBouncer (DATABASE_PGBOUNCER=1), wait before the
    drop until PgBouncer has closed its idle server connections to the test database, which
    would otherwise make DROP DATABASE fail with "is being accessed by other users"."""
    yield
    from django.conf import settings
    from django.db import connection

    if not settings.DATABASE_PGBOUNCER or connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    connection.close()
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        for _ in range(100):  # PgBouncer's server_idle_timeout; .ci/run sets it to 1 s
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name])
            if not cursor.fetchone()[0]:
                break
            time.sleep(0.2)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage of production needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# The rows that data migrations put in every database: the pillars with the standard checklist,
# and the national reference figures.
SEEDED_BY_MIGRATIONS = (
    import_module("pillars.migrations.0002_standard_checklist"),
    import_module("monitor.migrations.0002_reference_figures"),
)


@pytest.fixture(autouse=True)
def _migrated_rows_in_transactional_tests(request):
    """pytest-django empties every table after a transactional test, the rows of the data
    migrations too; the next transactional test in the same worker would start without the
    pillars. Put them back first, as the migrations do (the seeds are idempotent)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if transactional and "live_server" not in request.fixturenames:
        request.getfixturevalue("transactional_db")
        for migration in SEEDED_BY_MIGRATIONS:
            migration.seed(django_apps, None)


@pytest.fixture(autouse=True)
def _default_language(settings):
    # Each test starts in the site's language (Dutch), whatever a request of an earlier test in
    # the same worker left active: tests that call a service directly read its messages so.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test starts with an empty local-memory cache: allauth's rate limits count per user id
    # there, and a worker's next test reuses the ids (and so the counts) of the one before.
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_user(email: str, **extra) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, **extra)


def with_second_factor(user: User) -> User:
    """An authenticator app for the user: platform staff open the admin only with one
    (accounts.two_factor)."""
    TOTP.activate(user, generate_totp_secret())
    return user


def make_member(organisation: Organisation, email: str, role: str) -> User:
    user = make_user(email)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def org_a(db) -> Organisation:
    return Organisation.objects.create(name="Gemeente Aland", slug="gemeente-aland")


@pytest.fixture
def org_b(db) -> Organisation:
    return Organisation.objects.create(name="Zorggroep Beekdal", slug="zorggroep-beekdal")


@pytest.fixture
def hr_a(org_a) -> User:
    return make_member(org_a, "hr@aland.example", Role.HR)


@pytest.fixture
def manager_a(org_a) -> User:
    return make_member(org_a, "manager@aland.example", Role.MANAGER)


def make_support_member(
    support_organisation: SupportOrganisation, email: str, role: str = SupportRole.ADVISOR
) -> User:
    user = make_user(email)
    SupportMembership.objects.create(
        user=user, support_organisation=support_organisation, role=role
    )
    return user


def follow(support_organisation: SupportOrganisation, organisation: Organisation) -> Following:
    """An active following, as accepting one leaves it (support.services)."""
    return Following.objects.create(
        support_organisation=support_organisation,
        organisation=organisation,
        state=FollowingState.ACTIVE,
        started_at=timezone.now(),
    )


@pytest.fixture
def steunpunt(db):
    """A support organisation; it follows organisation A when `advisor_a` is used."""
    return SupportOrganisation.objects.create(
        name="Steunpunt Mantelzorg Aland",
        slug="steunpunt-aland",
        region="Aland\nBeekdal",
        commissioned_by="Gemeente Aland",
    )


@pytest.fixture
def advisor_a(org_a, steunpunt) -> User:
    """A support advisor whose support organisation follows organisation A."""
    user = make_support_member(steunpunt, "advisor@steunpunt-aland.example")
    follow(steunpunt, org_a)
    return user


@pytest.fixture
def hr_b(org_b) -> User:
    return make_member(org_b, "hr@beekdal.example", Role.HR)


def record_sign_in(client: Client, user: User, *, at: float | None = None) -> None:
    """Write into the client's session the record allauth keeps of a login by password
    (allauth.account.internal.flows.login.record_authentication), made `at` (default now):
    force_login leaves none, and the weighty steps ask for a recent sign-in (accounts/reauth.py).
    """
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.account.internal.userkit import user_id_to_str

    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time() if at is None else at, "email": user.email}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()


def client_for(user: User | None) -> Client:
    """A client logged in as `user`, as just after a login by password."""
    client = Client()
    if user is not None:
        client.force_login(user)
        record_sign_in(client, user)
    return client


@pytest.fixture
def hr_client(hr_a) -> Client:
    return client_for(hr_a)


@pytest.fixture
def manager_client(manager_a) -> Client:
    return client_for(manager_a)


@pytest.fixture
def other_org_client(hr_b) -> Client:
    return client_for(hr_b)


@pytest.fixture
def make_action():
    def make(organisation: Organisation, **fields) -> Action:
        fields.setdefault("title", "Intranetpagina over mantelzorg")
        fields.setdefault("year", 2025)
        fields.setdefault("status", ActionStatus.PLANNED)
        return Action.objects.create(organisation=organisation, **fields)

    return make


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Production settings redirect to HTTPS; the test client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    # A deliberately slow password hash is a production virtue and a test-suite vice.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
