# Reproduce everything from data/raw/ with one command: `make report`.
# `make PYTHON=python report` uses an already active environment (e.g. conda) instead of .venv.

VENV      := .venv
BOOTSTRAP ?= python3
PYTHON    ?= $(VENV)/bin/python

ifeq ($(PYTHON),$(VENV)/bin/python)
SETUP := $(VENV)/.installed
else
SETUP :=
endif

.PHONY: setup report code panel models figures render test lint lock benchmark browser clean

setup: $(SETUP)

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(BOOTSTRAP) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found %s); set BOOTSTRAP=python3.11" % sys.version.split()[0])'
	$(BOOTSTRAP) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements.lock
	$(VENV)/bin/python -m pip install --quiet --no-deps -e .
	@touch $@

## The whole pipeline: raw documents -> coded records -> panel -> models -> figures -> report.
report: $(SETUP)
	$(PYTHON) -m analysis all

code: $(SETUP)
	$(PYTHON) -m analysis code

panel: $(SETUP)
	$(PYTHON) -m analysis panel

models: $(SETUP)
	$(PYTHON) -m analysis models

figures: $(SETUP)
	$(PYTHON) -m analysis figures

render: $(SETUP)
	$(PYTHON) -m analysis report

test: $(SETUP)
	$(PYTHON) -m pytest

lint: $(SETUP)
	$(PYTHON) -m ruff check analysis tests

## Headless Chromium for the browser test of the rendered report (apt-get; skipped where impossible).
browser: $(SETUP)
	-$(PYTHON) -m analysis.report.browser --install

## Re-pin requirements.lock from pyproject.toml (needs `uv`).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

benchmark: $(SETUP)
	$(PYTHON) benchmarks/run.py

clean:
	rm -rf $(VENV) data/interim .pytest_cache
