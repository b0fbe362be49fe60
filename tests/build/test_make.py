"""The Makefile is a real DAG: a built report is up to date, and an edit reruns only what depends on it."""

from __future__ import annotations

import subprocess

import pytest

from helpers.core import paths
from tests.conftest import require_built

pytestmark = pytest.mark.slow


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=paths.ROOT, capture_output=True, text=True, check=False
    )


def _planned(*args: str) -> list[str]:
    out = _make("-n", *args).stdout
    return sorted(
        name
        for name in ("01_cleaning", "02_visit_counts", "03_survey_tabulation", "04_cost_comparison")
        if f"helpers.build.nbexec notebooks/{name}.ipynb" in out
    ) + (["render"] if "helpers.build.render" in out else [])


def test_make_alone_prints_help():
    res = _make()
    assert res.returncode == 0
    for target in ("report", "test", "setup", "data", "notebooks", "clean"):
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
        (
            "notebooks/01_cleaning.ipynb",
            ["01_cleaning", "02_visit_counts", "03_survey_tabulation", "04_cost_comparison", "render"],
        ),
        ("params/02_visit_counts.yml", ["02_visit_counts", "render"]),
        (
            "data/raw/strax_annual_visits.csv",
            ["01_cleaning", "02_visit_counts", "03_survey_tabulation", "04_cost_comparison", "render"],
        ),
        (
            "src/helpers/survey/tabulation.py",
            ["01_cleaning", "02_visit_counts", "03_survey_tabulation", "04_cost_comparison", "render"],
        ),
        ("src/helpers/build/render.py", ["render"]),
        ("src/helpers/build/colophon.py", ["render"]),
        ("report/index.qmd", ["render"]),
        ("report/_besok.qmd", ["render"]),
        ("report/_quarto-single.yml", ["render"]),
    ],
)
def test_an_edit_reruns_only_what_depends_on_it(edited, expected):
    require_built(paths.MANUSCRIPT_OUT / "index.html")
    assert _planned("-W", edited, "report") == expected
