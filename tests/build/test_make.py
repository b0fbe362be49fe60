"""The Makefile is a real DAG: a built report is up to date, and an edit reruns only what depends on it."""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers.build import pipeline
from helpers.core import paths
from tests.conftest import require_built

pytestmark = pytest.mark.slow

STEMS = [nb.stem for nb in pipeline.NOTEBOOKS]
ALL = [*STEMS, "render"]


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=paths.ROOT, capture_output=True, text=True, check=False
    )


def _planned(*args: str) -> list[str]:
    """The notebooks make would run (in its order) and whether it would render.

    A recipe line counts when it *starts* with the runner or the renderer, so the guarded lines
    of the processed-table and results rules (which run a notebook only when its output is
    missing) do not count as a planned run.
    """
    lines = _make("-n", *args).stdout.splitlines()
    runs = [
        m.group(1) for line in lines if (m := re.match(r"\S+ -m helpers\.build run-notebook (\S+)$", line))
    ]
    assert len(runs) == len(set(runs)), f"a notebook would run twice: {runs}"
    render = any(re.match(r"\S+ -m helpers\.build render\b", line) for line in lines)
    return runs + (["render"] if render else [])


def test_make_alone_prints_help():
    res = _make()
    assert res.returncode == 0
    for target in ("report", "test", "setup", "data", "notebooks", "clean", "lint", "strip", "lab"):
        assert f"make {target}" in res.stdout


def test_second_make_report_does_nothing():
    require_built(paths.MANUSCRIPT_OUT / "index.html")
    assert _make("-q", "report").returncode == 0, _make("-n", "report").stdout
    assert _planned("report") == []


@pytest.mark.parametrize(
    ("edited", "expected"),
    [
        ("notebooks/03_survey_tabulation.ipynb", ["03_survey_tabulation", "render"]),
        ("notebooks/04_cost_comparison.ipynb", ["04_cost_comparison", "render"]),
        ("notebooks/01_cleaning.ipynb", ALL),
        ("params/02_visit_counts.yml", ["02_visit_counts", "render"]),
        # 01 rewrites the processed tables made from the file; only 02 reads one (visits_annual)
        ("data/raw/strax_annual_visits.csv", ["01_cleaning", "02_visit_counts", "render"]),
        # read by 02 itself and, through 01's copy, by 04
        (
            "data/raw/huset_key_figures.csv",
            ["01_cleaning", "02_visit_counts", "04_cost_comparison", "render"],
        ),
        ("data/raw/lm2016_codebook_items.csv", ["01_cleaning", "03_survey_tabulation", "render"]),
        # an analysis subpackage reruns only its notebook
        ("src/helpers/survey/codebook.py", ["03_survey_tabulation", "render"]),
        ("src/helpers/survey/frequencies.py", ["03_survey_tabulation", "render"]),
        ("src/helpers/visits/calendar.py", ["02_visit_counts", "render"]),
        ("src/helpers/costs/__init__.py", ["04_cost_comparison", "render"]),
        ("src/helpers/cleaning/checks.py", ALL),
        # core is below everything
        ("src/helpers/core/paths.py", ALL),
        ("src/helpers/__init__.py", ALL),
        # the runner writes the executed notebooks; the other build modules only render
        ("src/helpers/build/nbexec.py", ALL),
        ("src/helpers/build/render.py", ["render"]),
        ("src/helpers/build/colophon.py", ["render"]),
        # the pinned packages decide the numbers; pyproject.toml only remakes .venv
        ("requirements-lock.txt", ALL),
        ("pyproject.toml", []),
        ("report/index.qmd", ["render"]),
        ("report/_besok.qmd", ["render"]),
        ("report/_quarto-single.yml", ["render"]),
    ],
)
def test_an_edit_reruns_only_what_depends_on_it(edited, expected):
    require_built(paths.MANUSCRIPT_OUT / "index.html")
    assert (paths.ROOT / edited).is_file(), edited
    assert _planned("-W", edited, "report") == expected


@pytest.mark.parametrize(
    ("table", "readers"),
    [
        ("visits_annual.csv", ["02_visit_counts"]),
        ("huset_key_figures.csv", ["04_cost_comparison"]),  # 02 reads the raw file, not this copy
        ("lm2016_survey_demo.csv", ["03_survey_tabulation"]),
    ],
)
def test_a_changed_processed_table_reruns_exactly_its_readers(table, readers):
    require_built(paths.MANUSCRIPT_OUT / "index.html")
    assert _planned("-W", f"data/processed/{table}", "report") == [*readers, "render"]


def test_results_files_are_tracked():
    """A results file older than its executed notebook is remade (by the guarded rule) before the render."""
    require_built(paths.MANUSCRIPT_OUT / "index.html")
    out = _make("-n", "-W", "report/notebooks/03_survey_tabulation.ipynb", "report").stdout
    assert "[ -e report/_results/03_survey_tabulation.yml ]" in out
    assert _planned("-W", "report/notebooks/03_survey_tabulation.ipynb", "report") == ["render"]


def test_the_fragment_is_the_declaration():
    """The rules make uses are the ones the declaration prints (make remade the fragment)."""
    require_built(paths.MANUSCRIPT_OUT / "index.html")
    assert (paths.ROOT / ".make" / "pipeline.mk").read_text() == pipeline.make_fragment(paths.ROOT)
