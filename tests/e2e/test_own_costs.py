"""End to end: a student's own cost parameter table reaches the cost chapter with the text still true.

A throw-away copy of the project (``HUSET_ROOT`` points at it) gets a modified copy of
``huset_cost_parameters.csv`` through ``input_overrides`` of ``params/01_cleaning.yml``; notebooks
01 and 04 run with ``python -m helpers.build run-notebook`` and the pandoc fallback renders the
report. The chapter must quote the numbers of the supplied table (computed here by hand), name the
table as the student's own and drop the conclusion written for the source's table. A table with a
negative cost must stop notebook 01 with the file, row and column.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from helpers.core import paths
from tests.e2e.build import build

pytestmark = pytest.mark.slow

SKIP = {".git", ".venv", ".make", ".mypy_cache", ".pytest_cache", ".ruff_cache", "_manuscript", "_site"}
OWN = "data/own/mine_cost_parameters.csv"
# the supplied inputs: 25 000 visits to Huset in 2025 and a 50 mill. kr MO budget
OWN_VALUES = {"huset_annual_visits_2025": "25000", "mo_alt2_annual_cost": "50"}
# by hand: Huset (8 258 236 − 1 110 000) / 25 000 = 285,93 kr; MO 50 000 000 / 25 824 = 1 936,18 kr;
# ratio 1 936,18 / 285,93 = 6,77
EXPECTED = {"huset_cost_per_visit_used": "286", "mo_cost_per_visit_used": "1 936", "ratio_used": "6,8"}


def _copy_project(dst: Path) -> Path:
    src = paths.ROOT
    if not all(
        (src / "report" / "notebooks" / f"{nb}.ipynb").is_file()
        for nb in ("02_visit_counts", "03_survey_tabulation")
    ):
        pytest.skip("run `make report` first: the copy reuses the executed notebooks 02 and 03")
    shutil.copytree(src, dst, ignore=lambda d, names: [n for n in names if n in SKIP])
    return dst


def _write_params(root: Path, rows_edit: dict[str, str]) -> None:
    raw = root / "data" / "raw" / "huset_cost_parameters.csv"
    with raw.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["param"] in rows_edit:
            r["value"] = rows_edit[r["param"]]
    own = root / OWN
    own.parent.mkdir(parents=True, exist_ok=True)
    with own.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    (root / "params" / "01_cleaning.yml").write_text(
        f"input_overrides: {{huset_cost_parameters: {OWN}}}\ncheck_hashes: true\n", encoding="utf-8"
    )


def _chapter_text(root: Path) -> str:
    html = [p for p in (root / "report").rglob("*.html") if "_generated" not in p.parts]
    assert html, "the fallback wrote no HTML"
    text = " ".join(p.read_text(encoding="utf-8") for p in html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ").replace("&nbsp;", " ")


def test_own_cost_parameters_reach_the_chapter(tmp_path):
    root = _copy_project(tmp_path / "proj")
    _write_params(root, OWN_VALUES)
    for nb in ("01_cleaning", "04_cost_comparison"):
        r = build(root, "run-notebook", nb)
        assert r.returncode == 0, (nb, r.stdout[-2000:], r.stderr[-4000:])
    results = (root / "report" / "_results" / "04_cost_comparison.yml").read_text(encoding="utf-8")
    assert "own_parameters: true" in results
    r = build(root, "render", "report", "--fallback", "--no-pdf")
    assert r.returncode == 0, (r.stdout[-2000:], r.stderr[-4000:])
    text = _chapter_text(root)
    assert "den egne parametertabellen" in text
    for key, want in EXPECTED.items():
        assert want in text, (key, want)
    assert f"forholdet {EXPECTED['ratio_used']}" in text or f"forhold på {EXPECTED['ratio_used']}" in text
    # the conclusion written for the source's own numbers is gone
    assert "tåler kildens eget usikkerhetsspenn" not in text
    assert "kildens parametertabell" not in text


def test_a_bad_own_cost_table_stops_with_file_row_and_column(tmp_path):
    root = _copy_project(tmp_path / "proj")
    _write_params(root, {"huset_other_costs_2025": "-3042625"})
    r = build(root, "run-notebook", "01_cleaning")
    assert r.returncode != 0
    out = r.stdout + r.stderr
    with (root / "data" / "raw" / "huset_cost_parameters.csv").open(encoding="utf-8") as fh:
        line = next(i for i, ln in enumerate(fh, start=1) if ln.startswith("huset_other_costs_2025,"))
    assert "mine_cost_parameters.csv" in out
    assert f"line {line} (data row {line - 1})" in out and "column 'value'" in out
