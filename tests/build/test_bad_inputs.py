"""Bad params and pipeline input stops the build with a clear message, before anything runs.

Each case writes one wrong params file into a throw-away copy of the project's notebooks and
params (``paths.ROOT`` pointed at it), runs ``python -m helpers.build run-notebook STEM`` and
checks: the exit status, that the message names the params file and the key (and the fix where
there is one), that papermill never started, that the earlier run's executed notebook and results
file are gone (a render cannot quote them) and that no output is newer than the failed run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.build import __main__ as cli
from helpers.build import freshness, nbexec, pipeline
from helpers.core import paths

OUTPUT_DIRS = ("report/notebooks", "report/_results", "report/_scratch", "data/processed")
OLD = 1_000_000_000  # mtime of the earlier run's outputs (2001)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the sources and params, with an earlier run's outputs, as ``paths.ROOT``."""
    for folder in ("notebooks", "params"):
        shutil.copytree(paths.ROOT / folder, tmp_path / folder)
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "processed").mkdir()
    shutil.copy(paths.DATAPACKAGE, tmp_path / "data" / "raw" / "datapackage.json")
    for nb in pipeline.NOTEBOOKS:
        for rel in (nb.executed, nb.results):
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).write_text("earlier run")
            os.utime(tmp_path / rel, (OLD, OLD))
    (tmp_path / "my_files").mkdir()
    monkeypatch.setattr(paths, "ROOT", tmp_path)

    def no_papermill(*args, **kwargs):
        raise AssertionError("papermill ran although the params are bad")

    monkeypatch.setattr(nbexec, "execute", no_papermill)
    return tmp_path


def _set(root: Path, stem: str, text: str) -> Path:
    """Append ``text`` (YAML) to params/STEM.yml: a later key wins in papermill's loader too."""
    path = root / "params" / f"{stem}.yml"
    path.write_text(path.read_text(encoding="utf-8") + text + "\n", encoding="utf-8")
    return path


def _replace(root: Path, stem: str, key: str, value: str) -> None:
    path = root / "params" / f"{stem}.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _outputs_newer_than(root: Path, start: float) -> list[str]:
    return [
        str(p.relative_to(root))
        for d in OUTPUT_DIRS
        if (root / d).is_dir()
        for p in (root / d).rglob("*")
        if p.is_file() and p.stat().st_mtime >= start
    ]


def _fails(root: Path, capsys, stem: str, *expected: str) -> str:
    start = time.time()
    time.sleep(0.01)
    status = cli.main(["run-notebook", stem])
    err = capsys.readouterr().err
    assert status == 2, err
    nb = pipeline.notebook(stem)
    assert nb.params in err, err
    for text in expected:
        assert text in err, f"{text!r} not in:\n{err}"
    assert "nothing was run" in err
    assert not (root / nb.executed).exists() and not (root / nb.results).exists(), "stale outputs kept"
    assert f"removed the earlier {nb.executed}" in err
    assert _outputs_newer_than(root, start) == []
    return err


CASES = [
    # (stem, params text appended, expected fragments of the message)
    (
        "03_survey_tabulation",
        "suppres_below: 5",
        ["suppres_below: unknown key", "did you mean 'suppress_below'"],
    ),
    ("04_cost_comparison", "mc_draw: 5000", ["mc_draw: unknown key", "did you mean 'mc_draws'"]),
    ("02_visit_counts", "forcast_year: 2026", ["forcast_year: unknown key", "did you mean 'forecast_year'"]),
    ("04_cost_comparison", "mc_draws: 100", ["mc_draws: 100 is out of range", "≥ 10000"]),
    ("04_cost_comparison", "mc_draws: 9999", ["mc_draws: 9999 is out of range"]),
    ("03_survey_tabulation", "suppress_below: -1", ["suppress_below: -1 is out of range", "≥ 0"]),
    ("04_cost_comparison", "mc_seed: -5", ["mc_seed: -5 is out of range"]),
    ("02_visit_counts", "forecast_seed: -1", ["forecast_seed: -1 is out of range"]),
    ("02_visit_counts", "forecast_year: 225", ["forecast_year: 225 is out of range", "[1990, 2100]"]),
    ("02_visit_counts", "forecast_level: 1.5", ["forecast_level: 1.5 is out of range", "(0, 1)"]),
    ("02_visit_counts", "forecast_level: 0", ["forecast_level: 0 is out of range"]),
    # YAML 1.1 (PyYAML, papermill) reads 1e-3 as a string: refused, not silently passed on
    ("02_visit_counts", "forecast_level: 1e-3", ["forecast_level: '1e-3' is a str, expected a float or int"]),
    ("02_visit_counts", "forecast_simulations: 0", ["forecast_simulations: 0 is out of range"]),
    ("04_cost_comparison", "mc_draws: '20000'", ["mc_draws: '20000' is a str, expected a int"]),
    ("04_cost_comparison", "mc_draws: 20000.5", ["mc_draws: 20000.5 is a float, expected a int"]),
    ("03_survey_tabulation", "export_sav: 'yes'", ["export_sav: 'yes' is a str, expected a bool"]),
    ("03_survey_tabulation", "suppress_below: true", ["suppress_below: True is a bool, expected a int"]),
    ("04_cost_comparison", "scenario_levels: 20", ["scenario_levels: 20 is a int, expected a list"]),
    ("04_cost_comparison", "scenario_levels: [10, x]", ["scenario_levels: 'x' is a str, expected items"]),
    ("04_cost_comparison", "scenario_levels: [10, 150]", ["scenario_levels: 150 is out of range"]),
    ("02_visit_counts", "register_sheet: [1]", ["register_sheet: [1] is a list, expected a int or str"]),
    ("02_visit_counts", "closures_file: 3", ["closures_file: 3 is a int, expected a str"]),
    (
        "02_visit_counts",
        "register_file: my_files/nope.csv",
        ["register_file: file 'my_files/nope.csv' does not exist"],
    ),
    ("02_visit_counts", "regimes_file: my_files/regimes.csv", ["regimes_file: file 'my_files/regimes.csv'"]),
    (
        "03_survey_tabulation",
        "survey_file: data/own/survey.sav",
        ["survey_file: file 'data/own/survey.sav' does not"],
    ),
    (
        "01_cleaning",
        "input_overrides: {strax_annual_visit: my_files/strax.csv}",
        [
            "input_overrides.strax_annual_visit: 'strax_annual_visit' is no raw resource",
            "'strax_annual_visits'",
        ],
    ),
    (
        "01_cleaning",
        "input_overrides: {strax_annual_visits: my_files/nope.csv}",
        ["input_overrides.strax_annual_visits: file 'my_files/nope.csv' does not exist"],
    ),
    (
        "01_cleaning",
        "input_overrides: {strax_annual_visits: ''}",
        ["input_overrides.strax_annual_visits: expected"],
    ),
    (
        "01_cleaning",
        "input_overrides: [strax_annual_visits]",
        ["input_overrides: ['strax_annual_visits'] is a list"],
    ),
    ("01_cleaning", "check_hashes: 'no'", ["check_hashes: 'no' is a str, expected a bool"]),
]


@pytest.mark.parametrize(("stem", "text", "expected"), CASES, ids=[f"{c[0][:2]}-{c[1]}" for c in CASES])
def test_a_bad_params_value_stops_before_papermill(project, capsys, stem, text, expected):
    (project / "my_files" / "strax.csv").write_text("a,b\n1,2\n")  # exists, so only the name is wrong
    _set(project, stem, text)
    _fails(project, capsys, stem, *expected)


def test_an_override_csv_with_a_header_and_no_rows(project, capsys):
    (project / "my_files" / "strax.csv").write_text("year,visits,source_line\n\n")
    _replace(project, "01_cleaning", "input_overrides", "{strax_annual_visits: my_files/strax.csv}")
    _fails(
        project, capsys, "01_cleaning", "input_overrides.strax_annual_visits: my_files/strax.csv has a header"
    )


def test_two_problems_are_both_named(project, capsys):
    _set(project, "04_cost_comparison", "mc_draw: 5000\nmc_seed: -1")
    _fails(project, capsys, "04_cost_comparison", "mc_draw: unknown key", "mc_seed: -1 is out of range")


def test_a_deleted_params_file(project, capsys):
    (project / "params" / "02_visit_counts.yml").unlink()
    _fails(project, capsys, "02_visit_counts", "does not exist", "git checkout -- params/02_visit_counts.yml")


def test_a_params_file_that_is_no_mapping(project, capsys):
    (project / "params" / "03_survey_tabulation.yml").write_text("- suppress_below\n- 5\n")
    _fails(project, capsys, "03_survey_tabulation", "a params file must be a mapping")


def test_a_params_file_that_is_no_yaml(project, capsys):
    (project / "params" / "04_cost_comparison.yml").write_text("mc_draws: [20000\n")
    _fails(project, capsys, "04_cost_comparison", "not valid YAML")


def test_check_params_names_every_bad_file(project, capsys):
    _set(project, "03_survey_tabulation", "suppres_below: 5")
    _set(project, "04_cost_comparison", "mc_draws: 100")
    assert cli.main(["check-params"]) == 2
    err = capsys.readouterr().err
    assert "params/03_survey_tabulation.yml: suppres_below" in err
    assert "params/04_cost_comparison.yml: mc_draws: 100" in err
    # the check only reads: the earlier outputs stay until a run fails
    assert (project / "report/notebooks/03_survey_tabulation.ipynb").is_file()


def test_the_command_line_exit_status(project):
    """The real process (as make runs it) exits non-zero with the message on stderr."""
    _set(project, "03_survey_tabulation", "suppres_below: 5")
    env = {**os.environ, "HUSET_ROOT": str(project)}
    for args in (["run-notebook", "03_survey_tabulation"], ["check-params"]):
        res = subprocess.run(
            [sys.executable, "-m", "helpers.build", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert res.returncode == 2, res.stderr
        assert "params/03_survey_tabulation.yml: suppres_below: unknown key" in res.stderr
        assert "did you mean 'suppress_below'" in res.stderr
    assert not (project / "report/notebooks/03_survey_tabulation.ipynb").exists()


# ---- pipeline input


def test_an_undeclared_notebook(project, capsys):
    assert cli.main(["run-notebook", "05_nope"]) == 2
    err = capsys.readouterr().err
    assert "no notebook '05_nope'" in err and "01_cleaning" in err


def test_a_declared_raw_input_missing_from_the_datapackage():
    nb = pipeline.Notebook("09_x", "visits", reads_raw=("strax_annual_visit",), reads_processed=())
    with pytest.raises(
        ValueError, match=r"09_x: raw resource 'strax_annual_visit' is not in data/raw/datapackage"
    ):
        pipeline.check(pipeline.raw_files(paths.ROOT), (*pipeline.NOTEBOOKS, nb))


def test_a_read_table_that_no_notebook_writes():
    nb = pipeline.Notebook("09_x", "visits", reads_raw=(), reads_processed=("visits_anual",))
    with pytest.raises(
        ValueError, match=r"09_x: reads data/processed/visits_anual, which no notebook writes"
    ):
        pipeline.check(pipeline.raw_files(paths.ROOT), (*pipeline.NOTEBOOKS, nb))


def test_a_table_written_twice():
    nb = pipeline.Notebook("09_x", "visits", (), (), writes=(pipeline.Table("visits_annual", ()),))
    with pytest.raises(ValueError, match=r"visits_annual.csv is written by both 01_cleaning and 09_x"):
        pipeline.processed_tables(pipeline.raw_files(paths.ROOT), (*pipeline.NOTEBOOKS, nb))


def test_make_fragment_without_a_datapackage(tmp_path, capsys):
    assert cli.main(["make-fragment", "--root", str(tmp_path)]) == 1
    assert "datapackage.json" in capsys.readouterr().err


def test_a_params_cell_with_code_is_refused(project, capsys):
    import json

    src = project / "notebooks" / "04_cost_comparison.ipynb"
    nb = json.loads(src.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = "mc_draws = int('20000')\n"
    src.write_text(json.dumps(nb), encoding="utf-8")
    assert cli.main(["run-notebook", "04_cost_comparison"]) == 2
    assert "parameters cell: mc_draws = ... is no literal" in capsys.readouterr().err


# ---- results a render must not quote


def _fresh_outputs(root: Path) -> None:
    for nb in pipeline.NOTEBOOKS:
        (root / nb.executed).write_text("run")
        os.utime(root / nb.executed, (OLD + 10, OLD + 10))
        (root / nb.results).write_text("numbers")
        os.utime(root / nb.results, (OLD + 20, OLD + 20))


def test_the_render_refuses_results_older_than_their_notebook(project, capsys, monkeypatch):
    monkeypatch.setattr(paths, "REPORT", project / "report")
    _fresh_outputs(project)
    assert freshness.stale(project) == []
    os.utime(project / "report/_results/04_cost_comparison.yml", (OLD, OLD))  # e.g. written by hand earlier
    assert cli.main(["render", str(project / "report")]) == 1
    err = capsys.readouterr().err
    assert (
        "report/_results/04_cost_comparison.yml is older than report/notebooks/04_cost_comparison.ipynb"
        in err
    )


def test_the_render_refuses_a_failed_notebook(project, capsys, monkeypatch):
    monkeypatch.setattr(paths, "REPORT", project / "report")
    _fresh_outputs(project)
    (project / "report/notebooks/02_visit_counts.ipynb").unlink()  # what a failed run leaves
    assert cli.main(["generated", str(project / "report")]) == 1
    assert "report/notebooks/02_visit_counts.ipynb is missing" in capsys.readouterr().err
    (project / "report/notebooks/02_visit_counts.ipynb").write_text("run")
    (project / "report/_results/02_visit_counts.yml").unlink()
    assert cli.main(["render", str(project / "report")]) == 1
    assert "report/_results/02_visit_counts.yml is missing" in capsys.readouterr().err
