# prepguide: the two commands of the README, and a few more.
#   make serve   set up .venv and serve the example guide at http://127.0.0.1:8000
#   make test    set up .venv (and Chromium for the browser tests) and run every check
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test lint typecheck unit browser-deps schemas bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
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
	$(PY) -m prepguide.schema plugins/prepguide/schemas

# make bench BENCH_ARGS=--large   adds 10,000 contacts (see docs/benchmarks.md)
bench: install
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
