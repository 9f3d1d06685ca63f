# Muhandis: `make run` serves the app with demo data; `make test` runs lint and the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
JS_TOOLS := tests/conformance/js
BIN := $(VENV)/bin
PY := $(BIN)/python
# The first Python >= 3.12 found (a pyenv shim that cannot run counts as missing).
PYTHON ?= $(shell ./scripts/find-python)
HOST ?= 127.0.0.1
PORT ?= 8000
# The address printed on certificates, in their QR codes and in the run log: where `make run`
# serves (a server listening on every interface is reached on 127.0.0.1).
SITE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
TEST_DATABASE_URL ?=

.PHONY: help install run test lint lint-then-sqlite test-sqlite test-postgres bench lock messages clean

help:
	@echo "make run    install, migrate, load demo data, serve on $(SITE_URL) with a task worker"
	@echo "make test   install, lint, and run the whole test suite (SQLite; PostgreSQL too if TEST_DATABASE_URL is set)"
	@echo "make bench  measure the performance budgets (see docs/performance.md)"
	@echo "make lock   regenerate requirements.lock from pyproject.toml"

$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: install python3.12 (or newer) and try again."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	@touch $@

install: $(VENV)/.installed $(JS_TOOLS)/node_modules/.installed

# The independent credential verifier used by the tests (Node.js; skipped where npm is absent).
$(JS_TOOLS)/node_modules/.installed: $(JS_TOOLS)/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(JS_TOOLS) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: the independent credential verifier tests are skipped."; fi

run: install
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py load_demo_data
	@echo "Serving on $(SITE_URL)/ (Ctrl+C stops the server and the task worker)"
	@trap 'kill 0' EXIT INT TERM; \
	  DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py db_worker --interval 1 & \
	  DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) scripts/import_contracts.py --check
	DEBUG=1 $(BIN)/mypy
	$(PY) scripts/typing_coverage.py --min 95

test-sqlite: install
	$(BIN)/pytest

test-postgres: install
	@if [ -n "$(TEST_DATABASE_URL)" ]; then \
	  echo "Running the suite on PostgreSQL ($(TEST_DATABASE_URL))"; \
	  DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest; \
	else echo "TEST_DATABASE_URL is not set: the PostgreSQL run is skipped."; fi

# The PostgreSQL run (the longest) side by side with lint followed by the SQLite run, so that
# lint does not hold both runs back; each prints its output, in one piece, when it ends; the
# status fails if any does (a lint failure skips the SQLite run).
test: install
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-postgres lint-then-sqlite

lint-then-sqlite: lint
	@$(MAKE) --no-print-directory test-sqlite

# Every benchmark runs even when one misses its budget; the exit status says if any did.
BENCHES := run certificates register bulk_import credentials exams exam_saves payme enrolment catalogue needs_analysis needs_answers directory forum_search forum_topic
bench: install
	@status=0; for name in $(BENCHES); do \
	  echo "== bench/$$name.py"; $(PY) bench/$$name.py || status=1; \
	done; exit $$status

lock: install
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
	  --python-version 3.12 -o requirements.lock

# Needs GNU gettext (xgettext) to extract strings; the compiled .mo files are committed.
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l uz -l ru -l en --ignore=.venv --ignore=var --no-obsolete
	$(PY) scripts/compile_messages.py

clean:
	rm -rf $(VENV) var
