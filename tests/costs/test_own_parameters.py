"""A student's own parameter table: checked against the source's, errors name file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import catalogue, validation
from helpers.costs import analysis, inputs, montecarlo, parameters

NAME = "huset_cost_parameters"


@pytest.fixture(scope="module")
def source() -> pd.DataFrame:
    return catalogue.read_resource(NAME)


def _problems(df: pd.DataFrame, source: pd.DataFrame) -> list[dict]:
    with pytest.raises(validation.DataValidationError) as exc:
        parameters.check_parameters(df, "own.csv", reference=source)
    assert exc.value.file == "own.csv"
    return exc.value.problems


def test_the_source_table_passes_against_itself(source):
    assert parameters.check_parameters(source.copy(), "x", reference=source) is not None
    assert parameters.changed_parameters(source, source).empty


def test_negative_cost_names_row_and_column(source):
    df = source.copy()
    i = int(df.index[df["param"] == "huset_other_costs_2025"][0])
    df.loc[i, "value"] = -1.0
    (p,) = _problems(df, source)
    assert (p["row"], p["line"], p["column"]) == (i + 1, i + 2, "value")
    assert "negative" in p["check"]


def test_unit_that_does_not_match_the_parameter(source):
    df = source.copy()
    i = int(df.index[df["param"] == "mo_alt2_annual_cost"][0])
    df.loc[i, "unit_of_measure"] = "NOK"  # the source's unit is "NOK million"
    (p,) = _problems(df, source)
    assert (p["row"], p["column"], p["value"]) == (i + 1, "unit_of_measure", "NOK")
    assert "NOK million" in p["check"]


def test_missing_and_unknown_parameters(source):
    df = source[source["param"] != "huset_rent_2025"].reset_index(drop=True)
    (p,) = _problems(df, source)
    assert p["column"] == "param" and p["value"] == "huset_rent_2025" and "missing" in p["check"]
    extra = pd.concat([source, source.iloc[[0]].assign(param="my_new_cost")], ignore_index=True)
    (q,) = _problems(extra, source)
    assert (q["row"], q["column"], q["value"]) == (len(source) + 1, "param", "my_new_cost")


def test_a_header_without_rows_is_refused(source):
    problems = _problems(source.iloc[0:0], source)
    assert "no rows" in problems[0]["check"]


def test_changed_parameters_lists_each_changed_cell(source):
    df = source.copy()
    df.loc[df["param"] == "huset_annual_visits_2025", "value"] = 25000.0
    ch = parameters.changed_parameters(df, source)
    assert ch[["param", "column", "source", "own"]].to_numpy().tolist() == [
        ["huset_annual_visits_2025", "value", 21000.0, 25000.0]
    ]


def test_own_file_is_validated_like_raw_data_and_named(tmp_path, source):
    bad = source.copy()
    bad.loc[3, "value"] = -5
    f = tmp_path / "mine.csv"
    bad.to_csv(f, index=False)
    with pytest.raises(validation.DataValidationError) as exc:
        inputs.read_parameters(NAME, str(f))
    msg = str(exc.value)
    assert "mine.csv" in msg and "line 5 (data row 4)" in msg and "column 'value'" in msg
    empty = tmp_path / "empty.csv"
    source.iloc[0:0].to_csv(empty, index=False)
    with pytest.raises(validation.DataValidationError, match=r"empty\.csv"):
        inputs.read_parameters(NAME, str(empty))


def test_own_parameters_change_the_extensions_not_the_reproduction(raw_inputs, result, source):
    own = source.copy()
    own.loc[own["param"] == "huset_annual_visits_2025", "value"] = 25000.0
    res = analysis.run(
        analysis.CostInputs(**{**raw_inputs.__dict__, "params": own}),
        mc_draws=1000,
        mc_seed=1,
        min_draws=1000,
    )
    assert res.own_parameters and not result.own_parameters
    assert res.t5.equals(result.t5) and res.audit.equals(result.audit)  # the source is checked as printed
    cpv = res.cost_per_visit.set_index(["unit", "measure"]).loc[("huset", "cost_per_visit"), "recomputed"]
    # (8 258 236 - 1,11 mill.) / 25 000 visits, by hand: 7 148 236 / 25 000 = 285,93, in whole kroner
    assert cpv == 286


@pytest.mark.parametrize("n", [100, 9999, 0, -1])
def test_mc_draws_below_the_documented_minimum_is_an_error(n):
    with pytest.raises(ValueError, match="mc_draws"):
        montecarlo.check_draws(n)
    assert montecarlo.check_draws(10_000) == 10_000
