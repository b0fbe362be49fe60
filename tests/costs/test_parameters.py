"""The cost parameter table: its own logic, and agreement with every other raw resource it overlaps."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import catalogue, validation
from helpers.costs import parameters, reproduction


@pytest.fixture(scope="module")
def params() -> pd.DataFrame:
    return parameters.check_parameters(catalogue.read_resource("huset_cost_parameters"))


@pytest.fixture(scope="module")
def p(params) -> dict[str, float]:
    return parameters.param_values(params)


def _row(**kw):
    base = dict(
        param="x",
        label_nb="x",
        value=10.0,
        low=float("nan"),
        high=float("nan"),
        range_pct=float("nan"),
        distribution="fixed",
        range_reason="r",
        source_line="1",
    )
    base.update(kw)
    return base


def test_check_parameters_names_row_and_column():
    df = pd.DataFrame(
        [
            _row(),
            _row(param="y", low=12.0, high=20.0, distribution="uniform"),
            _row(param="z", distribution="triangular"),
        ]
    )
    with pytest.raises(validation.DataValidationError) as e:
        parameters.check_parameters(df, "params.csv")
    msg = str(e.value)
    assert "params.csv" in msg
    assert "line 3 (data row 2), column 'low'" in msg  # low 12 above value 10
    assert "line 4 (data row 3), column 'distribution'" in msg  # triangular without a range


def test_check_parameters_duplicate_name():
    with pytest.raises(validation.DataValidationError, match="repeats"):
        parameters.check_parameters(pd.DataFrame([_row(), _row()]))


def test_param_ranges_hand_computed():
    df = pd.DataFrame(
        [
            _row(param="a", value=50.0, range_pct=20.0, distribution="triangular"),
            _row(param="b", value=3.0, low=2.0, high=5.0, distribution="uniform"),
            _row(param="c"),
        ]
    )
    r = parameters.param_ranges(df).set_index("param")
    assert list(r.index) == ["a", "b"]  # fixed parameters have no range
    assert r.loc["a", "low"] == pytest.approx(40.0) and r.loc["a", "high"] == pytest.approx(60.0)
    assert (r.loc["b", "low"], r.loc["b", "high"]) == (2.0, 5.0)


def test_every_ratio_input_is_a_parameter(p):
    assert set(parameters.RATIO_PARAMS) <= set(p)


def test_tabell3_inputs_equal_huset_cost_tables(p):
    t = catalogue.read_resource("huset_cost_tables")
    t = t[t["table"] == "Tabell 3"]
    names = {
        "operating_revenue_excl_transfers": "operating_revenue",
        "salary_costs": "salary_costs",
        "other_operating_costs": "other_costs",
    }
    checked = 0
    for r in t.itertuples(index=False):
        if r.measure in names:
            assert p[f"{r.unit}_{names[r.measure]}_{int(r.year)}"] == r.value, r
            checked += 1
    assert checked == 12


def test_duplicated_total_equals_wages_plus_other_and_the_print(p):
    t = catalogue.read_resource("huset_cost_tables")
    printed = t[
        (t["table"] == "Tabell 3")
        & (t["unit"] == "huset")
        & (t["year"] == 2025)
        & (t["measure"] == "total_operating_costs")
    ]["value"].item()
    assert p["huset_total_operating_costs_2025"] == printed
    assert p["huset_salary_costs_2025"] + p["huset_other_costs_2025"] == printed


def test_table5_inputs_agree(p):
    v = reproduction.inputs_mapping(catalogue.read_resource("huset_table5_inputs"))
    assert p["mo_alt2_annual_cost"] == v[("mo_senter_alt2", "annual_cost_mnok")]
    assert p["mo_gyldenpris_annual_visits"] == v[("mo_senter_alt2", "annual_visits")]
    assert p["huset_annual_visits_2025"] == v[("huset", "annual_visits")]
    assert p["huset_total_operating_costs_2025"] == v[("huset", "total_operating_cost_nok")]
    assert p["huset_rent_2025"] == v[("huset", "rent_mnok")]
    assert p["huset_fte"] == v[("huset", "fte")]
    assert p["mo_gyldenpris_fte"] == v[("mo_gyldenpris", "fte")]
    # the printed 7,148 is the rounded difference 8,258236 - 1,11
    assert round(parameters.huset_comparable_cost_mnok(p), 3) == v[("huset", "annual_cost_mnok")]


def test_table1_and_table2_figures_agree(p):
    t1 = catalogue.read_resource("huset_mo_comparison_table1").set_index(["unit", "measure"])
    for unit in ("huset", "mo_gyldenpris", "mo_nesttun", "mo_wergeland"):
        assert p[f"{unit}_fte"] == t1.loc[(unit, "fte"), "value"]
    for unit in ("mo_gyldenpris", "mo_nesttun", "mo_wergeland"):
        assert p[f"{unit}_visits_per_month"] == t1.loc[(unit, "mean_visits_per_month"), "value"]
        assert p[f"{unit}_unique_users_per_month"] == t1.loc[(unit, "mean_unique_users_per_month"), "value"]
    assert p["huset_unique_users_per_month"] == t1.loc[("huset", "mean_unique_users_per_month"), "value_low"]
    assert p["huset_employees"] == t1.loc[("huset", "employees"), "value"]
    kf = catalogue.read_resource("huset_key_figures").set_index(["measure", "year"])
    assert p["huset_bergen_as_employees_2025"] == kf.loc[("employees", 2025), "value"]
    assert p["huset_bergen_as_fte_2025"] == kf.loc[("fte", 2025), "value"]
    assert p["huset_annual_visits_2025"] == kf.loc[("visitors", 2025), "value"]


def test_prose_figures_agree(params, p):
    tx = catalogue.read_resource("huset_cost_text_figures").set_index("measure")
    g = parameters.gain_levels(params)
    assert g["low"] == tx.loc["social_gain_per_participant_low", "value"]
    assert g["high"] == tx.loc["social_gain_per_participant_high", "value"]
    assert g["mid"] == tx.loc["social_gain_per_participant_mid", "value"]
    assert p["huset_core_guests"] == tx.loc["core_group_guests", "value"]
    assert p["huset_rent_2025"] == tx.loc["rent", "value"]
    assert p["mo_alt2_annual_cost"] == tx.loc["annual_operating_budget", "value"]
    assert p["huset_capacity_per_day"] == tx.loc["theoretical_capacity_per_day", "value"].iloc[0]
    # the +/- range is the source's own "±10-20 %" (upper end)
    pct = params.set_index("param").loc[list(parameters.RATIO_PARAMS), "range_pct"].dropna()
    assert set(pct) == {tx.loc["cost_volume_variation_high", "value"]}


def test_harm_reduction_levels_match_tabell6_rows(p):
    t = catalogue.read_resource("huset_cost_tables")
    printed = sorted({int(m[-5:-3]) for m in t.loc[t["table"] == "Tabell 6", "measure"]})
    assert (
        sorted(
            int(v) for k, v in p.items() if k.startswith("harm_reduction_") and k != "harm_reduction_100pct"
        )
        == printed
    )


def test_smahus_totals_against_their_components():
    """Seed 002: components add up to the printed total except Sandnes (recorded oddity)."""
    s = catalogue.read_resource("husbanken_smahus_costs")
    mnok = s[s["unit_of_measure"] == "NOK million per house"]
    comp = mnok[mnok["cost_component"].isin(["site_cost", "build_cost", "project_management"])]
    verdal = comp[comp["municipality"] == "Verdal"]["value"].sum()
    assert verdal == pytest.approx(2.25)  # 0,3 + 1,75 + 0,2, printed 2,25
    sandnes = comp[comp["municipality"] == "Sandnes"]["value"].sum()
    sandnes_total = mnok[(mnok["municipality"] == "Sandnes") & (mnok["cost_component"] == "total")]
    assert sandnes == pytest.approx(4.0) and sandnes_total["value"].item() == 4.2
