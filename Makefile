# Huset Bergen analysis: a real make DAG from raw data to the rendered report.
#
#   make report   set up .venv if needed, execute the notebooks that are out of date, render
#   make test     everything `make report` does, then the test suite (unit, golden, nbval, render)
#
# Executed notebooks are file targets that depend on their source notebook, params file, helpers.core,
# their own analysis subpackage and the data they read (declared once, in
# src/helpers/build/pipeline.py), so a second `make report` with nothing changed does nothing and
# an edit reruns only what depends on it.

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

# The build modules other than the papermill runner do not affect what the notebooks compute, so
# editing them re-renders only.
RENDERERS    := $(filter-out src/helpers/build/nbexec.py,$(wildcard src/helpers/build/*.py))
RAW_DATA     := $(sort $(shell find data/raw -type f -not -name "*.md"))

REPORT_SRC   := report/_quarto.yml report/_quarto-site.yml report/_quarto-single.yml report/index.qmd report/references.bib \
                $(wildcard report/_*.qmd) report/_conditional.yml \
                $(sort $(wildcard report/*.css report/*.csl))
REPORT_HTML  := report/_manuscript/index.html
REPORT_OUT   := $(REPORT_HTML) report/_manuscript/index.pdf report/_single/rapport.html
# the colophon prints the commit, so a new commit re-renders (and only re-renders)
GIT_HEAD_LOG := $(wildcard $(shell git rev-parse --git-path logs/HEAD 2>/dev/null))

.PHONY: help setup check-params data notebooks report test lint format strip lab lock clean distclean bench

help: ## Show this help
	@echo "Huset Bergen analysis. Targets:"
	@grep -E '^[a-z][a-zA-Z_-]*:.*## ' $(firstword $(MAKEFILE_LIST)) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'
	@echo "Outputs: $(REPORT_HTML) (manuscript site: article + notebooks/*-preview.html),"
	@echo "         report/_single/rapport.html (one file to mail), report/_manuscript/index.pdf (PDF)"

# ---------------------------------------------------------------- environment

setup: $(SETUP_STAMP) ## Create .venv from the pinned lock, install helpers, register the kernel

# The lock pins wheels for Python 3.11: check the interpreter before a long install fails, and
# recreate a .venv made by another Python (or left broken by a failed setup) instead of reusing it.
PY_WANT      := 3.11
PY_VERSION    = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PY_HOWTO     := install Python $(PY_WANT) (Debian/Ubuntu: apt-get install python$(PY_WANT) python$(PY_WANT)-venv; \
                elsewhere: python.org, pyenv install $(PY_WANT), or uv python install $(PY_WANT)) and run \
                make PYTHON=/path/to/python$(PY_WANT)

# uv (pinned and hashed in the lock, like everything else) installs the lock in seconds from its cache
# (~/.cache/uv); pip bootstraps it into .venv, so a machine with only Python 3.11 needs nothing else.
# `make setup INSTALLER=pip` installs the same lock with pip alone (slower: pip downloads every wheel).
INSTALLER    ?= uv
UV           := $(VENV)/bin/uv
$(if $(filter-out uv pip,$(INSTALLER)),$(error INSTALLER must be uv or pip, not $(INSTALLER)))

$(SETUP_STAMP): requirements-lock.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; $(PY_HOWTO)" >&2; exit 1; }
	@v="$(call PY_VERSION,$(PYTHON))"; [ "$$v" = "$(PY_WANT)" ] || \
	  { echo "error: $(PYTHON) is Python $$v; the lock needs $(PY_WANT): $(PY_HOWTO)" >&2; exit 1; }
	@if [ -e $(VENV) ] && [ "$(call PY_VERSION,$(PY))" != "$(PY_WANT)" ]; then \
	  echo "$(VENV) was made by another Python (or is broken): recreating it"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
ifeq ($(INSTALLER),uv)
	awk '/^uv==/ {on = 1} on {print} on && !/\\$$/ {exit}' requirements-lock.txt > $(VENV)/uv-lock.txt
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(VENV)/uv-lock.txt
	$(UV) pip install --quiet --python $(PY) --require-hashes --no-deps -r requirements-lock.txt
	$(UV) pip install --quiet --python $(PY) --no-deps --no-build-isolation --editable .
else
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-lock.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable .
endif
	$(PY) -m ipykernel install --prefix $(VENV) --name $(KERNEL) --display-name "Python 3.11 (huset-bergen)" >/dev/null
	touch $@

lock: ## Re-resolve requirements.in into requirements-lock.txt and environment.yml
	$(PY) -m uv pip compile requirements.in --python-version 3.11 --generate-hashes \
	  --annotation-style line --custom-compile-command "make lock" -o requirements-lock.txt
	$(PY) -m helpers.build env-sync

# ---------------------------------------------------------------- pipeline

# The notebooks, their params, inputs and outputs are declared once, in src/helpers/build/pipeline.py.
# `python -m helpers.build make-fragment` turns the declaration into make rules: each executed
# notebook (with its results file) depends on helpers.core, its own analysis subpackage, the runner,
# its source notebook, its params file and the data it reads; notebooks 02-04 depend on the processed
# tables they read, which notebook 01 writes. The fragment needs only the standard library, so the
# system Python makes it (before .venv exists), and make remakes it when the declaration changes.
PIPELINE_MK  := .make/pipeline.mk
RUN_NOTEBOOK := $(PY) -m helpers.build run-notebook
# every file of one subpackage of src/helpers (core also owns the package's __init__.py)
pkg_files     = $(sort $(shell find src/helpers/$(1) -type f -not -path '*/__pycache__/*') \
                  $(if $(filter core,$(1)),src/helpers/__init__.py))

$(PIPELINE_MK): src/helpers/build/pipeline.py src/helpers/build/__main__.py data/raw/datapackage.json
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; $(PY_HOWTO)" >&2; exit 1; }
	PYTHONPATH=src $(PYTHON) -m helpers.build make-fragment -o $@

# The own files the params files name (register_file, survey_file, input_overrides, ...) are
# prerequisites of their notebook (and of the processed table an override replaces). Reading the
# params files needs PyYAML, so this runs once .venv exists, at every make run (~0.2 s); the file
# changes only when the params files name other files. Before .venv exists nothing is built yet.
OWN_INPUTS_MK := .make/own-inputs.mk
ifneq ($(wildcard $(SETUP_STAMP)),)
$(shell PYTHONPATH=src $(PY) -m helpers.build own-files -o $(OWN_INPUTS_MK))
-include $(OWN_INPUTS_MK)
endif
-include $(PIPELINE_MK)
ifndef PIPELINE_STEMS
# Only when the fragment cannot be made (the reason is printed above): the pipeline targets stop.
NB_OUT       := no-pipeline-fragment
RESULTS      :=
PROCESSED    :=
no-pipeline-fragment:
	@echo "error: $(PIPELINE_MK) could not be generated from src/helpers/build/pipeline.py" >&2; exit 1
endif

# Notebooks 02-04 read only what 01 wrote and write disjoint files (declared in pipeline.py), so they
# need no order among themselves: `make -j3 report` runs them side by side; plain make runs them in
# the declared order.

check-params: $(SETUP_STAMP) ## Check every params file against its notebook's parameters cell
	$(PY) -m helpers.build check-params

data: $(word 1,$(NB_OUT)) $(PROCESSED) ## Validate data/raw and rebuild data/processed (notebook 01)

notebooks: $(NB_OUT) ## Execute the notebooks that are out of date

# ---------------------------------------------------------------- report

# ---- generated includes (issue 12): index.qmd includes report/_generated/*.qmd, and Quarto resolves
# includes before any pre-render script, so both renderers need these files written first.
GENERATED_INC := report/_generated/_datakilder.qmd report/_generated/_kolofon.qmd
# the Lua filters both renderers use (named in report/_quarto.yml)
REPORT_FILTERS := $(wildcard report/*.lua)
.PHONY: generated
generated: $(GENERATED_INC) ## Write the generated appendices (data sources, colophon) the report includes
# one run writes both files; the colophon is the target (make -n does not pass grouped targets on)
# (with the conditional chapter parts of report/_conditional.yml, which read the results files)
report/_generated/_kolofon.qmd: $(NB_OUT) $(RESULTS) $(REPORT_SRC) data/raw/datapackage.json $(RENDERERS) \
                                $(GIT_HEAD_LOG) requirements-lock.txt | $(SETUP_STAMP)
	$(PY) -m helpers.build generated report
report/_generated/_datakilder.qmd: report/_generated/_kolofon.qmd
	@test -f $@ || $(PY) -m helpers.build generated report
# ---- end generated includes (issue 12)

# one render writes all three outputs; the site article is written last and is the target. The
# render writes the generated includes itself first (for the renderer it picks), so it depends on
# what they are made from, not on `make generated` (one Python process less per render).
$(REPORT_HTML): $(REPORT_FILTERS) $(NB_OUT) $(RESULTS) $(REPORT_SRC) data/raw/datapackage.json $(RENDERERS) \
                $(GIT_HEAD_LOG) requirements-lock.txt | $(SETUP_STAMP)
	$(PY) -m helpers.build render report

report: $(REPORT_HTML) ## Run the pipeline and render the report (Quarto if installed, else pandoc)

# ---------------------------------------------------------------- benchmark

BENCH_ARGS   ?=
bench: $(SETUP_STAMP) ## Print timings for this machine (BENCH_ARGS="--setup --report" for the slow ones)
	$(PY) bench/run.py $(BENCH_ARGS)

# ---------------------------------------------------------------- checks

test: report lint ## Lint, unit and golden tests, nbval re-execution of the notebooks, render checks
	rc=0; $(PY) -m pytest tests $(NB_OUT) --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; fi; exit $$rc

lint: $(SETUP_STAMP) ## ruff check + format check, mypy on src/helpers, import contracts
	$(PY) -m ruff check src tests notebooks bench
	$(PY) -m ruff format --check src tests notebooks bench
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

format: $(SETUP_STAMP) ## Apply ruff format and ruff's safe fixes
	$(PY) -m ruff check --fix src tests notebooks bench
	$(PY) -m ruff format src tests notebooks bench

# keep the cell ids and the short language_info of the committed notebooks (Jupyter adds the rest);
# .pre-commit-config.yaml runs the same command (a test checks)
NBSTRIP_KEYS := $(addprefix metadata.language_info.,codemirror_mode file_extension mimetype \
                  nbconvert_exporter pygments_lexer version)
strip: $(SETUP_STAMP) ## Strip outputs from notebooks/*.ipynb (after saving them in Jupyter)
	$(VENV)/bin/nbstripout --keep-id --extra-keys "$(NBSTRIP_KEYS)" $(NB_SRC_DIR)/*.ipynb

# Jupyter refuses to run as root without --allow-root (containers, CI machines): add it there.
# Results of a run in Jupyter go to report/_scratch/ (helpers.core.writers), never report/_results/.
LAB_ROOT     := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
lab: $(SETUP_STAMP) ## Open JupyterLab on notebooks/ with the project kernel (huset-bergen)
	cd $(NB_SRC_DIR) && ../$(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(LAB_ROOT) \
	  --MappingKernelManager.default_kernel_name=$(KERNEL)

clean: ## Remove everything make built (keeps .venv)
	rm -rf report/_manuscript report/_single report/.quarto report/_results report/_scratch .make
	rm -rf report/notebooks/*.ipynb report/notebooks/.nbexec-*
	find data/processed -mindepth 1 -not -name README.md -delete

distclean: clean ## Also remove .venv
	rm -rf $(VENV)
