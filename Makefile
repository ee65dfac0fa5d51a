# OpenEIP — everything a fresh machine needs, from the project's own files.
#   make demo   set up, load the demo park, run the analyses, serve http://127.0.0.1:8000
#   make test   set up and run ruff, mypy, import-linter and pytest on SQLite and PostgreSQL
#   make bench  the performance benchmarks (figures printed, not asserted)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/openeip
# pytest-xdist workers for the two pytest runs (one per core of the 2-core CI machine); each
# worker gets its own test database. --dist loadfile keeps a file's tests, and so its
# module-scoped fixtures, on one worker; --no-loadscope-reorder hands the files out in the
# order of collection, the longest first (LONG_FILES in tests/conftest.py).
PYTEST_XDIST ?= -n 2 --dist loadfile --no-loadscope-reorder
# Python may keep what it compiles (__pycache__, ignored by git) whatever the caller's
# environment says: with PYTHONDONTWRITEBYTECODE set, each of the suite's ~200 Python processes
# (pytest workers, the `openeip` commands the tests run) compiled every module it imports again,
# and collecting the tests alone took 16 s instead of 6 s per worker.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo test lint typecheck contracts pytest-sqlite pytest-postgres bench system-deps \
        gettext-dep wrk-dep messages clean serve

# The locked packages are installed by uv (from PyPI, like pip; the same versions, the same
# venv): on the CI machine 8 s instead of pip's 38 s, a twelfth of `make test`.
UV_VERSION := 0.13.9

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

# Debian packages: Chromium for the browser tests, gettext for the translation checks, wrk for
# the load benchmark, Pango, HarfBuzz-Subset (WeasyPrint's font subsetter) and DejaVu fonts
# (Vietnamese glyphs) for the PDF reports, poppler for looking at them. Installed only when
# missing; `make messages` and `make bench` install only the one they need. postgresql-client:
# pg_dump / pg_restore for `openeip backup` and `openeip restore` on PostgreSQL. mosquitto: the
# MQTT broker the monitor's subscriber is tested against (started by the tests on a free port).
APT_INSTALL = apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

system-deps: gettext-dep wrk-dep
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ldconfig -p | grep -q libpangoft2 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p | grep -q libharfbuzz-subset || missing="$$missing libharfbuzz-subset0"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v pg_dump >/dev/null || missing="$$missing postgresql-client"; \
	command -v mosquitto >/dev/null || test -x /usr/sbin/mosquitto || missing="$$missing mosquitto"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(APT_INSTALL) $$missing >/dev/null; \
	fi

gettext-dep:
	@command -v msgfmt >/dev/null || { echo "installing Debian package gettext"; \
	  $(APT_INSTALL) gettext >/dev/null; }

wrk-dep:
	@command -v wrk >/dev/null || { echo "installing Debian package wrk"; \
	  $(APT_INSTALL) wrk >/dev/null; }

demo: $(STAMP)
	$(BIN)/openeip demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

# The SQLite run builds its test databases from the models (4 s less per worker); the
# PostgreSQL run from the migrations, as a real site does (tests/web/test_migrations.py checks
# that the two agree). The PostgreSQL run leaves out the tests of what no database decides:
# the browser tests and those marked one_database.
pytest-sqlite: $(STAMP) system-deps
	env -u DATABASE_URL $(BIN)/pytest -q $(PYTEST_XDIST) --no-migrations

pytest-postgres: $(STAMP)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q $(PYTEST_XDIST) -m "database and not e2e and not one_database"

test: lint typecheck contracts pytest-sqlite pytest-postgres

bench: $(STAMP) wrk-dep
	$(BIN)/python -m bench

# Rebuild the Vietnamese catalogue from the sources (keeps existing translations). The rebuilt
# file is saved again in the committed layout (tools/normalise_catalogue.py), so only new or
# changed strings show in the diff.
CATALOGUE := src/openeip/locale/vi/LC_MESSAGES/django.po
messages: $(STAMP) gettext-dep
	mkdir -p var && cp $(CATALOGUE) var/django.po.before
	cd src/openeip && DJANGO_SETTINGS_MODULE=openeip.web.settings ../../$(BIN)/django-admin \
	  makemessages -l vi --no-obsolete --ignore 'web/static/*' --add-location file
	$(BIN)/python -m tools.normalise_catalogue $(CATALOGUE) var/django.po.before
	rm var/django.po.before
	cd src/openeip && DJANGO_SETTINGS_MODULE=openeip.web.settings ../../$(BIN)/django-admin \
	  compilemessages -l vi

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
