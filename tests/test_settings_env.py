"""The settings read the environment strictly: a value they do not understand stops the start.

A typo such as DJANGO_DEBUG=treu must not silently mean "off" (or an unparsable number crash with
a bare ValueError): the error names the variable and what it accepts.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int, env_list
from tests.test_deploy_check import manage


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("Yes", True), (" on ", True), ("0", False), ("FALSE", False)],
)
def test_env_bool_reads_the_words_it_knows(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)
    assert env_bool("SOME_FLAG", default=not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_falls_back_to_the_default_when_unset_or_empty(monkeypatch, default):
    monkeypatch.delenv("SOME_FLAG", raising=False)
    assert env_bool("SOME_FLAG", default=default) is default
    monkeypatch.setenv("SOME_FLAG", "")
    assert env_bool("SOME_FLAG", default=default) is default


@pytest.mark.parametrize("value", ["treu", "ja", "2", "enabled", "nee"])
def test_env_bool_refuses_a_word_it_does_not_know(monkeypatch, value):
    monkeypatch.setenv("SOME_FLAG", value)
    with pytest.raises(ImproperlyConfigured) as error:
        env_bool("SOME_FLAG")
    message = str(error.value)
    assert "SOME_FLAG" in message and repr(value) in message
    assert "true" in message and "false" in message


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", " 42 ")
    assert env_int("SOME_NUMBER", 5) == 42
    monkeypatch.setenv("SOME_NUMBER", "")
    assert env_int("SOME_NUMBER", 5) == 5


@pytest.mark.parametrize("value", ["abc", "1.5", "10 minutes", "-3"])
def test_env_int_refuses_what_is_not_a_whole_number_in_range(monkeypatch, value):
    monkeypatch.setenv("SOME_NUMBER", value)
    with pytest.raises(ImproperlyConfigured) as error:
        env_int("SOME_NUMBER", 5)
    assert "SOME_NUMBER" in str(error.value) and "whole number" in str(error.value)


def test_env_int_keeps_to_its_minimum(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("SOME_NUMBER", 5, minimum=1)


def test_env_list_splits_on_commas_and_refuses_spaces_between_items(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.example.org, b.example.org,")
    assert env_list("SOME_HOSTS") == ["a.example.org", "b.example.org"]
    monkeypatch.setenv("SOME_HOSTS", "a.example.org b.example.org")
    with pytest.raises(ImproperlyConfigured, match="SOME_HOSTS"):
        env_list("SOME_HOSTS")
    assert env_list("SOME_HOSTS", words=False) == ["a.example.org b.example.org"]


def test_a_misspelt_debug_flag_stops_the_start_instead_of_meaning_off():
    result = manage("check", DJANGO_DEBUG="treu", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG='treu' is not understood" in result.stderr


def test_an_unparsable_number_stops_the_start_with_its_name():
    result = manage("check", DJANGO_DEBUG="1", AXES_FAILURE_LIMIT="abc")
    assert result.returncode != 0
    assert "AXES_FAILURE_LIMIT='abc' is not understood" in result.stderr


PRINT_DATABASE = (
    "from django.conf import settings; d = settings.DATABASES['default']; "
    "print(sorted(d['OPTIONS']), d['CONN_MAX_AGE'], d['DISABLE_SERVER_SIDE_CURSORS'])"
)


def test_behind_pgbouncer_the_in_app_pool_and_server_side_cursors_are_off():
    url = "postgres://app@127.0.0.1:6432/mantelzorg"
    # Empty, not left out: CI's PostgreSQL run sets DATABASE_PGBOUNCER=1 for the whole suite.
    pooled = manage(
        "shell", "-c", PRINT_DATABASE, DJANGO_DEBUG="1", DATABASE_URL=url, DATABASE_PGBOUNCER=""
    )
    bounced = manage(
        "shell", "-c", PRINT_DATABASE, DJANGO_DEBUG="1", DATABASE_URL=url, DATABASE_PGBOUNCER="1"
    )
    assert pooled.stdout.splitlines()[-1].split() == ["['pool']", "0", "False"], pooled.stderr
    assert bounced.stdout.splitlines()[-1].split() == ["['prepare_threshold']", "0", "True"], (
        bounced.stderr
    )
