# Huset Bergen analysis: a real make DAG from raw data to the rendered report.
#
#   make report   set up .venv if needed, execute the notebooks that are out of date, render
#   make test     everything `make report` does, then the test suite (unit, golden, nbval, render)
#
# Executed notebooks are file targets that depend on their source notebook, params file, the
# helpers package and their input data, so a second `make report` with nothing changed does nothing.

SHELL        := bash
.SHELLFLAGS  := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS    += --no-builtin-rules --warn-undefined-variables

PYTHON       ?= python3.11
VENV         := .venv
PY           := $(VENV)/bin/python
SETUP_STAMP  := $(VENV)/.setup-done
KERNEL       := huset-bergen

NB_SRC_DIR   := notebooks
NB_OUT_DIR   := report/notebooks
NOTEBOOKS    := 01_cleaning 02_visit_counts 03_survey_tabulation 04_cost_comparison
NB_OUT       := $(NOTEBOOKS:%=$(NB_OUT_DIR)/%.ipynb)

# The renderer does not affect what the notebooks compute, so editing it re-renders only.
HELPERS_ALL  := $(sort $(shell find src/helpers -name '*.py' -not -path '*/__pycache__/*'))
RENDERERS    := $(wildcard src/helpers/build/*.py)
HELPERS      := $(filter-out $(RENDERERS),$(HELPERS_ALL))
RAW_DATA     := $(sort $(shell find data/raw -type f -not -name "*.md"))

REPORT_SRC   := report/_quarto.yml report/_quarto-single.yml report/index.qmd report/references.bib \
                $(wildcard report/_*.qmd) \
                $(sort $(wildcard report/*.css report/*.csl))
REPORT_HTML  := report/_manuscript/index.html
REPORT_OUT   := $(REPORT_HTML) report/_manuscript/index.pdf report/_single/rapport.html
# the colophon prints the commit, so a new commit re-renders (and only re-renders)
GIT_HEAD_LOG := $(wildcard $(shell git rev-parse --git-path logs/HEAD 2>/dev/null))

.PHONY: help setup data notebooks report test lint format lock clean distclean

help: ## Show this help
	@echo "Huset Bergen analysis. Targets:"
	@grep -E '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'
	@echo "Outputs: $(REPORT_HTML) (manuscript site: article + notebooks/*-preview.html),"
	@echo "         report/_single/rapport.html (one file to mail), report/_manuscript/index.pdf (PDF)"

# ---------------------------------------------------------------- environment

setup: $(SETUP_STAMP) ## Create .venv from the pinned lock, install helpers, register the kernel

$(SETUP_STAMP): requirements-lock.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-lock.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable .
	$(PY) -m ipykernel install --prefix $(VENV) --name $(KERNEL) --display-name "Python 3.11 (huset-bergen)" >/dev/null
	touch $@

lock: ## Re-resolve requirements.in into requirements-lock.txt and environment.yml
	$(PY) -m uv pip compile requirements.in --python-version 3.11 --generate-hashes \
	  --annotation-style line --custom-compile-command "make lock" -o requirements-lock.txt
	$(PY) -m helpers.build.envsync

# ---------------------------------------------------------------- pipeline

# 01 reads data/raw and writes data/processed + the cleaning log; 02-04 read what 01 wrote.
$(NB_OUT_DIR)/01_cleaning.ipynb: $(RAW_DATA)
$(NB_OUT_DIR)/02_visit_counts.ipynb: $(NB_OUT_DIR)/01_cleaning.ipynb
$(NB_OUT_DIR)/03_survey_tabulation.ipynb: $(NB_OUT_DIR)/01_cleaning.ipynb
$(NB_OUT_DIR)/04_cost_comparison.ipynb: $(NB_OUT_DIR)/01_cleaning.ipynb

# papermill runs 01 -> 02 -> 03 -> 04 in order (serialised even under make -j)
$(NB_OUT_DIR)/03_survey_tabulation.ipynb: | $(NB_OUT_DIR)/02_visit_counts.ipynb
$(NB_OUT_DIR)/04_cost_comparison.ipynb: | $(NB_OUT_DIR)/03_survey_tabulation.ipynb

$(NB_OUT_DIR)/%.ipynb: $(NB_SRC_DIR)/%.ipynb params/%.yml $(HELPERS) $(SETUP_STAMP)
	$(PY) -m helpers.build.nbexec $< params/$*.yml $@ --kernel $(KERNEL)

data: $(NB_OUT_DIR)/01_cleaning.ipynb ## Validate data/raw and rebuild data/processed (notebook 01)

notebooks: $(NB_OUT) ## Execute the notebooks that are out of date (01 -> 04)

# ---------------------------------------------------------------- report

# ---- generated includes (issue 12): index.qmd includes report/_generated/*.qmd, and Quarto resolves
# includes before any pre-render script, so both renderers need these files written first.
GENERATED_INC := report/_generated/_datakilder.qmd report/_generated/_kolofon.qmd
# the Lua filters both renderers use (named in report/_quarto.yml)
REPORT_FILTERS := $(wildcard report/*.lua)
.PHONY: generated
generated: $(GENERATED_INC) ## Write the generated appendices (data sources, colophon) the report includes
$(GENERATED_INC) &: $(NB_OUT) data/raw/datapackage.json $(RENDERERS) $(GIT_HEAD_LOG) $(SETUP_STAMP)
	$(PY) -m helpers.build.generated report
# ---- end generated includes (issue 12)

# one render writes all three outputs; the site article is written last and is the target
$(REPORT_HTML): $(GENERATED_INC) $(REPORT_FILTERS) $(NB_OUT) $(REPORT_SRC) $(RENDERERS) $(GIT_HEAD_LOG) $(SETUP_STAMP)
	$(PY) -m helpers.build.render report

report: $(REPORT_HTML) ## Run the pipeline and render the report (Quarto if installed, else pandoc)

# ---------------------------------------------------------------- checks

test: report lint ## Lint, unit and golden tests, nbval re-execution of the notebooks, render checks
	rc=0; $(PY) -m pytest tests $(NB_OUT) --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; fi; exit $$rc

lint: $(SETUP_STAMP) ## ruff check + format check, mypy on src/helpers, import contracts
	$(PY) -m ruff check src tests notebooks
	$(PY) -m ruff format --check src tests notebooks
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

format: $(SETUP_STAMP) ## Apply ruff format and ruff's safe fixes
	$(PY) -m ruff check --fix src tests notebooks
	$(PY) -m ruff format src tests notebooks

clean: ## Remove everything make built (keeps .venv)
	rm -rf report/_manuscript report/_single report/.quarto report/_results
	rm -f $(NB_OUT_DIR)/*.ipynb
	find data/processed -mindepth 1 -not -name README.md -delete

distclean: clean ## Also remove .venv
	rm -rf $(VENV)
