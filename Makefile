# prepguide: the two commands of the README, and a few more.
#   make serve   set up .venv with prepguide only and serve the example guide at
#                http://127.0.0.1:8000 (make serve PORT=8001 for another port)
#   make test    set up .venv with the test tools (and Chromium for the browser tests) and
#                run every check
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
PY := $(VENV)/bin/python
# Two installs, each with its stamp: serving needs prepguide and its dependencies only;
# the checks add the test extra (pytest, Playwright, ruff, mypy...), which takes far longer.
SERVE_STAMP := $(VENV)/.serve-stamp
TEST_STAMP := $(VENV)/.test-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install install-serve serve build test lint typecheck unit browser-deps schemas bench screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(SERVE_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $(SERVE_STAMP)

$(TEST_STAMP): pyproject.toml $(SERVE_STAMP)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

install-serve: $(SERVE_STAMP)

install: $(TEST_STAMP)

serve: $(SERVE_STAMP)
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(SERVE_STAMP)
	$(VENV)/bin/mkdocs build --strict

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

# Debian's Chromium for the browser tests (never a browser download).
browser-deps:
	@if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else \
		echo "chromium is missing: install it (sudo apt-get install chromium) or the browser tests will fail"; \
	fi

unit: install
	$(PY) -m pytest

test: install browser-deps lint typecheck unit

schemas: install
	$(PY) -m prepguide.read.schema plugins/prepguide/schemas

# The README's screenshots (docs/images/*.png), from the example guide in Debian's Chromium
# (see docs/development.md).
screenshots: install browser-deps
	$(PY) -m pip install --quiet -e ".[test,screenshots]"
	$(PY) scripts/screenshots.py

# make bench BENCH_ARGS=--large   adds 10,000 contacts (see docs/benchmarks.md)
bench: install
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
