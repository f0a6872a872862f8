# WMFR Partners — one command per habit.
#   make run    set everything up (virtualenv, migrations, catalogue, demo data) and serve
#               the app on http://127.0.0.1:$(PORT) with a Celery worker and beat
#   make test   set up and run the whole suite (browser tests included when Chromium is there)
#   make lint   ruff check + ruff format --check + makemigrations --check
#   make bench  the page benchmark under wrk (bench/bench_pages.py; BENCH_ARGS="--only list")
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
STAMP := $(VENV)/.installed

.PHONY: help install setup run test lint browser-deps messages clean bench bench-deps

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_catalogue
	$(PY) manage.py load_grant_programmes
	$(PY) manage.py load_grid
	$(PY) manage.py seed_demo

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT) (web + Celery worker + beat). Ctrl-C stops all."
	$(PY) scripts/devserver.py

# Debian's chromium for the browser tests; installed when we are root and apt is there.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "!!! could not install chromium: browser tests will be SKIPPED"; \
	else \
		echo "!!! /usr/bin/chromium missing and not root: browser tests will be SKIPPED"; \
	fi

test: install browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

# Regenerate and compile the French catalogue after changing strings.
messages: install
	$(PY) manage.py makemessages -l fr --no-obsolete --no-location --ignore='.venv/*' --ignore='var/*' --ignore='bench/*'
	$(PY) manage.py compilemessages -l fr --ignore='.venv/*'

# wrk (Debian's package) is the load generator of bench/bench_pages.py; installed when we are
# root and apt is there.
bench-deps:
	@if command -v wrk >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's wrk for the page benchmark..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
		|| { echo "!!! could not install wrk"; exit 1; }; \
	else \
		echo "!!! wrk missing and not root: apt-get install wrk"; exit 1; \
	fi

bench: install bench-deps
	$(PY) bench/bench_pages.py $(BENCH_ARGS)

clean:
	rm -rf var/celery var/test-celery var/test-media var/test-db.sqlite3
