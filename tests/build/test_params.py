"""The params check accepts the committed params and the documented edge values; own files feed make."""

from __future__ import annotations

import shutil

import pytest

from helpers.build import params, pipeline
from helpers.core import paths, writers

STEMS = [nb.stem for nb in pipeline.NOTEBOOKS]


@pytest.fixture
def project(tmp_path, monkeypatch):
    for folder in ("notebooks", "params"):
        shutil.copytree(paths.ROOT / folder, tmp_path / folder)
    (tmp_path / "data" / "raw").mkdir(parents=True)
    shutil.copy(paths.DATAPACKAGE, tmp_path / "data" / "raw" / "datapackage.json")
    (tmp_path / "my_files").mkdir()
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    return tmp_path


def test_the_committed_params_files_pass():
    params.check(STEMS, paths.ROOT)


def test_the_parameters_cell_is_read_as_literals():
    cell = params.parameters_cell(paths.ROOT / "notebooks" / "04_cost_comparison.ipynb")
    assert isinstance(cell["mc_draws"], int) and isinstance(cell["scenario_levels"], list)
    assert isinstance(
        params.parameters_cell(paths.ROOT / "notebooks" / "01_cleaning.ipynb")["input_overrides"], dict
    )


def test_every_range_names_a_key_of_its_parameters_cell():
    for stem, ranges in params.RANGES.items():
        cell = params.parameters_cell(paths.ROOT / pipeline.notebook(stem).source)
        assert set(ranges) <= set(cell), stem
        for key, rng in ranges.items():
            assert all(rng.holds(v) for v in params._numbers(cell[key])), f"the default of {stem}.{key}"


@pytest.mark.parametrize(
    ("stem", "text"),
    [
        ("04_cost_comparison", "mc_draws: 10000"),  # the documented minimum itself
        ("02_visit_counts", "register_sheet: Ark1"),  # a sheet by name
        ("02_visit_counts", "forecast_level: 0.8"),
        ("02_visit_counts", "forecast_level: 0.001"),
        ("03_survey_tabulation", "suppress_below: 0"),
        ("04_cost_comparison", "scenario_levels: [0, 100]"),
        ("02_visit_counts", "register_file: ''"),  # empty: the embedded demo register
    ],
)
def test_edge_values_are_accepted(project, stem, text):
    path = project / pipeline.notebook(stem).params
    path.write_text(path.read_text(encoding="utf-8") + text + "\n", encoding="utf-8")
    assert params.problems(stem, project) == []


def test_an_empty_params_file_means_all_defaults(project):
    (project / "params" / "04_cost_comparison.yml").write_text("# all defaults\n")
    assert params.problems("04_cost_comparison", project) == []


def test_range_text():
    assert params.Range(0, None, "").text() == "≥ 0"
    assert params.Range(0, 1, "", open_=True).text() == "in (0, 1)"
    assert not params.Range(0, 1, "", open_=True).holds(1)
    assert params.Range(1990, 2100, "").holds(2100)


def test_own_files_become_make_variables(project):
    (project / "my_files" / "reg.csv").write_text("date,visits\n2024-01-02,3\n")
    (project / "my_files" / "strax.csv").write_text("a\n1\n")
    p2 = project / "params" / "02_visit_counts.yml"
    p2.write_text(
        p2.read_text(encoding="utf-8").replace('register_file: ""', "register_file: my_files/reg.csv")
    )
    p1 = project / "params" / "01_cleaning.yml"
    p1.write_text(
        p1.read_text(encoding="utf-8").replace(
            "input_overrides: {}", "input_overrides: {strax_annual_visits: my_files/strax.csv}"
        )
    )
    text = params.own_inputs(project)
    assert "OWN_02_visit_counts := $(wildcard my_files/reg.csv)\n" in text
    assert "OWN_01_cleaning := $(wildcard my_files/strax.csv)\n" in text
    # the processed table made from the overridden resource depends on the own file; others do not
    assert "OWN_TABLE_visits_annual := $(wildcard my_files/strax.csv)\n" in text
    assert "OWN_TABLE_oslo_summer_counts := $(wildcard )\n" in text
    # a missing file is the check's error, not a make prerequisite (make would stop with no rule)
    p2.write_text(p2.read_text(encoding="utf-8").replace("my_files/reg.csv", "my_files/gone.csv"))
    assert "OWN_02_visit_counts := $(wildcard )\n" in params.own_inputs(project)


def test_the_fragment_uses_the_own_files_and_the_params_stamp():
    text = pipeline.make_fragment(paths.ROOT)
    nb = pipeline.notebook("02_visit_counts")
    rule = text.split(f"{nb.executed}:", 1)[1].split("\n\t", 1)[0]
    assert "$(OWN_02_visit_counts)" in rule and "| $(SETUP_STAMP) $(PARAMS_OK)" in rule
    stamp = text.split("$(PARAMS_OK):", 1)[1].split("\n\t", 1)[0]
    assert all(n.params in stamp for n in pipeline.NOTEBOOKS)


def test_results_outside_the_runner_go_to_scratch(tmp_path, monkeypatch):
    monkeypatch.setattr(writers, "SCRATCH", tmp_path / "_scratch")
    monkeypatch.delenv(writers.RUNNER_ENV, raising=False)
    target = paths.RESULTS / "zz_probe.yml"
    writers.write_results("k", {"a": "1"}, target)
    assert not target.exists()
    assert (tmp_path / "_scratch" / "zz_probe.yml").read_text() == "k:\n  a: '1'\n"
    monkeypatch.setenv(writers.RUNNER_ENV, "1")
    try:
        writers.write_results("k", {"a": "1"}, target)
        assert target.read_text() == "k:\n  a: '1'\n"
    finally:
        target.unlink(missing_ok=True)
