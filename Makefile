# Everyday commands. Run `make help` for the list.
#
# `make setup` is the one shared setup step (used by `demo`, and by `test` without the migrate part):
# it is idempotent and takes well under a second when nothing changed, because every step is a
# file target that is only remade when its inputs change.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := .setup-stamp
INSTALLED := $(VENV)/.installed
MANIFEST := staticfiles/staticfiles.json

# Settings refuse to load without a secret key unless DJANGO_DEBUG=1. Setup steps and tests get a
# throwaway one when none is set; it is never used to serve anything.
SETUP_ENV := DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-setup-only-not-a-secret}"
TEST_ENV := DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-test-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz}"

# Inputs of each step.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po */locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
MIGRATIONS := $(wildcard */migrations/*.py)
STATIC_FILES := $(shell find static $(wildcard */static) -type f 2>/dev/null)

# `make demo PORT=8001` serves the demo on another port; IDP_PORT moves its test identity provider.
PORT ?= 8000
DEMO_URL := http://127.0.0.1:$(PORT)
IDP_PORT ?= 9400

.PHONY: help setup prepare migrate static system-packages demo test lint bench cluster clean

help:
	@echo "make setup   create .venv, install the project with its test extras, compile translations,"
	@echo "             collect static files and migrate the database (fast when nothing changed)"
	@echo "make demo    setup, load demo data and serve it at $(DEMO_URL) (SQLite, DEBUG on)"
	@echo "make test    install missing Debian packages, set up, run the whole pytest suite"
	@echo "             (PYTEST_ARGS='-x -k letter' passes options; DATABASE_URL picks the database)"
	@echo "make lint    ruff check and ruff format --check"
	@echo "make bench   run every bench/*.py"
	@echo "make cluster start PostgreSQL, PgBouncer, nginx, two app servers (and Redis, S3, a worker)"
	@echo "             on loopback and send monitor submissions under faults (CLUSTER_SECONDS=60)"
	@echo "make clean   remove .venv, collected static files, compiled translations and caches"

# --- setup --------------------------------------------------------------------------------------

# Static files are collected only when they are needed: without DJANGO_DEBUG=1 (with it, as in
# `make demo`, they are served straight from the source folders). Tests do not need them either.
setup: prepare migrate
	@debug="$${DJANGO_DEBUG:-}"; case "$${debug,,}" in 1|true|yes|on) ;; \
	    *) $(MAKE) --no-print-directory --question static || $(MAKE) --no-print-directory static ;; esac

# Everything but the database and static files: the test runner creates its own test database, so
# `make test` needs only this part (and works with a DATABASE_URL whose database does not exist).
prepare: $(INSTALLED) $(MO_FILES)

static: $(MANIFEST)

$(INSTALLED): pyproject.toml
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then \
	    python=; \
	    for candidate in $(PYTHON) python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	        if $$candidate -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; \
	        then python=$$candidate; break; fi; \
	    done; \
	    if [[ -z "$$python" ]]; then echo "No Python 3.12 found (tried $(PYTHON), python3.12)" >&2; exit 1; fi; \
	    rm -rf $(VENV); \
	    echo "Creating $(VENV) with $$python ($$($$python --version))"; \
	    $$python -m venv $(VENV); \
	fi
	@# The project itself is no package (manage.py runs it from here), so its dependencies and
	@# test extras are installed straight from pyproject.toml, the same set as
	@# `pip install -e '.[test]'` without building an editable wheel.
	$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	    print(*p["dependencies"], *p["optional-dependencies"]["test"], sep="\n")' \
	    > $(VENV)/requirements.txt
	@# (this machine's pip configuration warns about every local index folder it lacks: dropped)
	$(BIN)/pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt \
	    2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
	@touch $@

# compilemessages compiles every .po file of the project; none may exist yet.
ifneq ($(MO_FILES),)
$(MO_FILES) &: $(PO_FILES) $(INSTALLED)
	$(SETUP_ENV) $(PY) manage.py compilemessages --ignore '.*' --ignore staticfiles --ignore media
	@touch $(MO_FILES)
endif

# Collected with the production storage (hashed names, gzip and brotli copies, a manifest), which
# servers without DJANGO_DEBUG=1 need. Compressing takes most of a minute, hence only on change.
$(MANIFEST): $(STATIC_FILES) $(INSTALLED)
	$(SETUP_ENV) DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	@touch $@

# With a DATABASE_URL the database lives elsewhere and can change behind our back: always migrate
# (quick when there is nothing to do). The default SQLite file is migrated when a migration
# changes or the file is missing.
ifneq ($(strip $(DATABASE_URL)),)
migrate: $(INSTALLED)
	$(SETUP_ENV) $(PY) manage.py migrate --noinput
else
migrate: $(STAMP)

$(STAMP): $(INSTALLED) $(MIGRATIONS) db.sqlite3
	$(SETUP_ENV) $(PY) manage.py migrate --noinput
	@touch $@

# No recipe: when the file is missing, it counts as new, and the stamp above is remade.
db.sqlite3:
endif

# --- demo ---------------------------------------------------------------------------------------

# Always SQLite with DEBUG on, whatever the shell has set.
demo: export DATABASE_URL :=
demo: export DJANGO_DEBUG := 1
# Mail and the periodic jobs go through the task queue in the database, as in production.
demo: export TASKS_BACKEND := database
# Zorggroep De Linde logs in through this OpenID Connect test provider (sso/demo.py).
demo: export DEMO_IDP_URL := http://127.0.0.1:$(IDP_PORT)
# The demo's issued letter is rendered while seeding: WeasyPrint needs its libraries and fonts.
demo: system-packages setup
	$(PY) manage.py seed_demo
	@echo
	@echo "  Demo running at $(DEMO_URL)"
	@echo "  Log in as  hr@example.org / demo       (HR advisor: edits everything)"
	@echo "         or  manager@example.org / demo  (manager: reads and downloads)"
	@echo "         or  advisor@example.org / demo  (support advisor of Steunpunt Mantelzorg Voorbeeldregio)"
	@echo "  hr@example.org sets up two-step verification at the first login (an authenticator app)."
	@echo "  Zorggroep De Linde logs in with 'Inloggen met je organisatie' as hr@delinde.example.org,"
	@echo "  through the test identity provider at $(DEMO_IDP_URL)."
	@echo "  Mail is sent by the task worker and printed here. Stop with Ctrl-C."
	@echo
	@# The task worker, the scheduler and the test identity provider run beside the server and
	@# stop with it: Ctrl-C reaches all four, and the trap stops them when the server ends.
	@trap 'kill $$worker $$scheduler $$idp 2>/dev/null || true; wait' EXIT; \
	$(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	$(PY) manage.py crontask --no-heartbeat > /dev/null & scheduler=$$!; \
	$(PY) -m oidc_provider_mock --port $(IDP_PORT) --user-claims-file sso/demo_idp_users.json \
	    > /dev/null 2>&1 & idp=$$!; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# --- checks -------------------------------------------------------------------------------------

system-packages:
	scripts/install-system-packages

# One pytest process per CPU (pytest-xdist): the suite, browser tests included, is several times
# faster than in one process. PYTEST_ARGS='-n 0' runs it in one process.
PYTEST_ARGS ?= -n auto

# pytest's exit code 5 means "no tests collected"; that is reported, not treated as a failure.
test: system-packages prepare
	@env -u DJANGO_DEBUG $(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS) || { \
	    rc=$$?; \
	    if [[ $$rc -eq 5 ]]; then echo "make test: pytest collected no tests"; exit 0; fi; \
	    exit $$rc; }

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: prepare
	@shopt -s nullglob; ran=0; \
	for script in bench/*.py; do \
	    [[ "$$(basename "$$script")" == _* || "$$script" == bench/cluster.py ]] && continue; \
	    echo "== $$script"; \
	    $(TEST_ENV) $(PY) "$$script"; \
	    ran=$$((ran + 1)); \
	done; \
	echo "make bench: ran $$ran benchmark(s)"

# Not part of `make bench` (it needs root or the postgres user, nginx and a minute or more):
# bench/cluster.py starts every service itself from throwaway folders and stops them at the end.
CLUSTER_SECONDS ?= 60
cluster: system-packages prepare
	$(TEST_ENV) CLUSTER_SECONDS=$(CLUSTER_SECONDS) $(PY) bench/cluster.py

clean:
	rm -rf $(VENV) $(STAMP) staticfiles .pytest_cache .ruff_cache bench/out
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.mo' \) -print0 | xargs -0 rm -rf
