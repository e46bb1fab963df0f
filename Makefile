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

# Everything the pipeline derives from data/raw/ (`make clean` removes it all).
DERIVED := data/interim data/clean/* figures/* reports/tables/* reports/_output reports/.quarto

.PHONY: setup report pdf code validate panel models figures render test lint lock benchmark \
        browser fonts lab clean distclean reproduce validate-dev

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

## The reports as PDF too (reports/_output/*.pdf; CJK fonts: make fonts).
pdf: report
	$(PYTHON) -m analysis report --to pdf

code: $(SETUP)
	$(PYTHON) -m analysis code

validate: $(SETUP)
	$(PYTHON) -m analysis validate

## The coder against the development corpus next to the project (its texts stay there):
## scores on the terminal and in reports/validation_dev/ (ignored by git, never committed).
## DEVCORPUS=DIR for another folder with docs/ and gold/.
DEVCORPUS ?= ../shared/devcorpus

validate-dev: $(SETUP)
	@if [ -d "$(DEVCORPUS)/docs" ] && [ -d "$(DEVCORPUS)/gold" ]; then \
		$(PYTHON) -m analysis validate --gold "$(DEVCORPUS)/gold" --docs "$(DEVCORPUS)/docs" \
			--out reports/validation_dev; \
	else \
		echo "validate-dev: no development corpus at $(DEVCORPUS) (needs docs/ and gold/); nothing to score"; \
	fi

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

## Headless Chromium and the CJK fonts for the browser test (apt-get; skipped where impossible).
browser: $(SETUP)
	-$(PYTHON) -m analysis.report.browser --install

## The CJK fonts (Debian fonts-noto-cjk) for the PDF and poppler-utils for its test (apt-get).
fonts: $(SETUP)
	-$(PYTHON) -m analysis.report.browser --install-fonts

## JupyterLab with jupytext: the notebooks/ scripts open as notebooks.
lab: $(SETUP)
	$(PYTHON) -m pip install --quiet -e '.[explore]'
	JUPYTERLAB_SETTINGS_DIR=notebooks/.jupyter $(PYTHON) -m jupyter lab notebooks/

## Re-pin requirements.lock from pyproject.toml (needs `uv`).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

benchmark: $(SETUP)
	$(PYTHON) benchmarks/run.py

## Remove every derived output (the committed ones are rebuilt byte for byte by make report).
clean:
	rm -rf $(DERIVED) .pytest_cache

## clean, and the virtual environment too.
distclean: clean
	rm -rf $(VENV)

## make clean && make report, then fail if any committed output differs.
reproduce: $(SETUP)
	$(MAKE) clean
	$(MAKE) report PYTHON=$(PYTHON)
	@test -z "$$(git status --porcelain -- data figures reports)" || \
		{ git status --short -- data figures reports; \
		  echo "make reproduce: these outputs differ from the committed ones"; exit 1; }
