# Everyday commands. `make run` starts the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test cluster-test install install-dev lint format migrations check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	scripts/run.sh

# Browser and concurrency tests run in their own pytest processes: they need committed data (a
# live server, real threads) and restore the migrated reference data between tests, which is
# reliable only when no transaction-wrapped test ran before them in the same process — and, for
# the browser tests, only when no concurrency test ran before them either (the live server then
# found the reference data gone), so each kind has a process of its own.
# The ordinary tests run in parallel, one process per core (pytest-xdist; each process gets its
# own test database).
PYTEST_WORKERS ?= auto

test: install-dev
	$(BIN)/python scripts/check_system.py
	$(BIN)/pytest -m "not e2e and not transactional" -n $(PYTEST_WORKERS)
	$(BIN)/pytest -m "e2e"
	$(BIN)/pytest -m "transactional and not e2e"

# Two app servers behind nginx, two workers, Redis and S3 storage on this machine, started from
# the files in deploy/, under a bounded load with failures (tests/cluster/__main__.py). Needs
# nginx, redis-server and PostgreSQL (PGHOST, PGPORT, PGUSER).
cluster-test: install-dev
	$(BIN)/python -m tests.cluster

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles test-artifacts
