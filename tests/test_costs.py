"""Tabell 5 recomputation: hand-computed fixture, and the golden comparison with the print."""

import pandas as pd
import pytest

from helpers.core import catalogue
from helpers.costs import costs


@pytest.mark.parametrize(
    ("s", "d"), [("6,1", 1), ("~1 045", 0), ("0,37", 2), ("2 076", 0), ("53,61", 2), ("7,148", 3)]
)
def test_printed_decimals(s, d):
    assert costs.printed_decimals(s) == d


def _inputs(mo_cost, mo_visits, h_cost, h_visits, mo_fte, h_fte):
    rows = [
        ("mo_senter_alt2", "annual_cost_mnok", mo_cost),
        ("mo_senter_alt2", "annual_visits", mo_visits),
        ("huset", "annual_cost_mnok", h_cost),
        ("huset", "annual_visits", h_visits),
        ("mo_gyldenpris", "fte", mo_fte),
        ("huset", "fte", h_fte),
    ]
    return pd.DataFrame(rows, columns=["unit", "measure", "value"])


def _printed(cells):
    return pd.DataFrame(
        [
            {
                "unit": u,
                "unit_label_nb": u,
                "measure": m,
                "measure_label_nb": m,
                "value": v,
                "value_as_printed": p,
                "source_line": 1,
            }
            for u, m, v, p in cells
        ]
    )


def test_table5_hand_computed():
    inputs = _inputs(10.0, 5000, 2.0, 4000, 10.0, 2.0)
    printed = _printed(
        [
            ("mo_senter_alt2", "cost_per_visit", 2000, "2 000"),  # 10e6/5000
            ("huset", "cost_per_visit", 500, "500"),  # 2e6/4000
            ("mo_senter_alt2", "visits_per_fte", 500, "500"),  # 5000/10
            ("huset", "visits_per_fte", 2000, "2 000"),  # 4000/2
            ("ratio_mo_over_huset", "ratio_cost_per_visit", 4.0, "4,0"),
            ("ratio_mo_over_huset", "ratio_visits_per_fte", 0.2, "0,2"),  # 0.25 -> 0,3, not 0,2
        ]
    )
    t = costs.table5(inputs, printed)
    assert t["exact"].tolist() == [2000.0, 500.0, 500.0, 2000.0, 4.0, 0.25]
    assert t["match"].tolist() == [True, True, True, True, True, False]


def test_unknown_printed_cell_is_an_error():
    with pytest.raises(KeyError, match="no formula"):
        costs.table5(_inputs(1, 1, 1, 1, 1, 1), _printed([("huset", "magic", 1, "1")]))


def test_golden_table5():
    """Every printed Tabell 5 cell is reproduced, except the one recorded as a source discrepancy.

    MO visits per FTE: 25 824 / 24,7 = 1 045,5, printed '~1 045' (the source truncates; rounding
    gives 1 046) -- recorded in data/raw/provenance, oddity 4 of Tabell 5.
    """
    t = costs.table5(
        catalogue.read_resource("huset_table5_inputs"), catalogue.read_resource("huset_table5_printed")
    )
    assert len(t) == 8
    bad = t.loc[~t["match"], ["unit", "measure"]].apply(tuple, axis=1).tolist()
    assert bad == [("mo_senter_alt2", "visits_per_fte")]


# --------------------------------------------------------------------------------------------
# Tabell 3, 4, 6 and 5 from the parameter table: hand-computed fixtures and golden comparisons
# --------------------------------------------------------------------------------------------


def _t3_params(unit="u", year=2025, rev=1000.0, sal=600.0, oth=300.0):
    return {
        f"{unit}_operating_revenue_{year}": rev,
        f"{unit}_salary_costs_{year}": sal,
        f"{unit}_other_costs_{year}": oth,
    }


def _printed_cells(table, cells):
    return pd.DataFrame(
        [
            {
                "table": table,
                "unit": u,
                "unit_label_nb": u,
                "measure": m,
                "measure_label_nb": m,
                "year": y,
                "value": v,
                "value_as_printed": s,
                "source_line": "1",
            }
            for u, m, y, v, s in cells
        ]
    )


def test_table3_hand_computed():
    printed = _printed_cells(
        "Tabell 3",
        [
            ("u", "total_operating_costs", 2025, 900, "900"),
            ("u", "operating_result_excl_transfers", 2025, 100, "100"),
            ("u", "salary_costs", 2025, 601, "601"),
        ],
    )
    t = costs.table3(_t3_params(), printed)
    assert t["recomputed"].tolist() == [900.0, 100.0, 600.0]  # 600+300, 1000-900, the input
    assert t["match"].tolist() == [True, True, False]


def test_table4_revenue_and_cost_basis():
    # revenue 1000, wages 600, other 300, total 900, result 100
    printed = _printed_cells(
        "Tabell 4",
        [
            ("u", "salary_share_pct", 2025, 60.0, "60,0 %"),
            ("u", "other_costs_share_pct", 2025, 33.3, "33,3 %"),
            ("u", "operating_margin_pct", 2025, 9.0, "9,0 %"),
        ],
    )
    t = costs.table4(_t3_params(), printed)
    assert t["exact"].tolist() == pytest.approx([60.0, 30.0, 10.0])
    assert t["exact_cost_basis"].tolist() == pytest.approx([600 / 9, 300 / 9, 100 / 9])
    assert t["basis"].tolist() == ["inntekter", "kostnader", "ingen"]  # 300/900 = 33,3 %


def test_table6_hand_computed():
    params = pd.DataFrame(
        [
            {"param": "gatelag_gain_per_participant", "value": 0.4, "low": 0.2, "high": 0.6},
            {"param": "huset_core_guests", "value": 100.0, "low": None, "high": None},
            {"param": "huset_bergen_as_employees_2025", "value": 10.0, "low": None, "high": None},
            {"param": "harm_reduction_10pct", "value": 10.0, "low": None, "high": None},
        ]
    )
    printed = _printed_cells(
        "Tabell 6",
        [
            ("g", "social_gain_guests_low_reduction_10pct", None, 2.0, "2,00M"),  # 100*0,2*0,1
            ("g", "social_gain_employees_high_reduction_10pct", None, 0.6, "0,60M"),  # 10*0,6*0,1
            ("g", "social_gain_sum_mid_reduction_10pct", None, 4.5, "4,50M"),
        ],
    )  # 110*0,4*0,1=4,4
    t = costs.table6(params, printed)
    assert t["exact"].tolist() == pytest.approx([2.0, 0.6, 4.4])
    assert t["match"].tolist() == [True, True, False]


def test_table6_unknown_level_is_an_error():
    params = pd.DataFrame(
        [
            {"param": "gatelag_gain_per_participant", "value": 0.4, "low": 0.2, "high": 0.6},
            {"param": "huset_core_guests", "value": 1.0},
            {"param": "huset_bergen_as_employees_2025", "value": 1.0},
        ]
    )
    printed = _printed_cells(
        "Tabell 6", [("g", "social_gain_guests_low_reduction_10pct", None, 1.0, "1,00M")]
    )
    with pytest.raises(KeyError, match="not in the parameter table"):
        costs.table6(params, printed)


@pytest.fixture(scope="module")
def real():
    params = catalogue.read_resource("huset_cost_parameters")
    return params, costs.param_values(params), catalogue.read_resource("huset_cost_tables")


def test_golden_table3(real):
    """Every Tabell 3 cell (lines 1716-1722) is reproduced: the identities hold exactly."""
    _, p, tables = real
    t = costs.table3(p, tables)
    assert len(t) == 20 and t["derived"].sum() == 8 and t["match"].all()


def test_golden_table4(real):
    """Tabell 4 (lines 1840-1846): 9 of 12 cells on the revenue basis; the rest are recorded."""
    _, p, tables = real
    t = costs.table4(p, tables)
    bad = t.loc[~t["match"], ["unit", "year", "measure", "basis"]].apply(tuple, axis=1).tolist()
    assert bad == [
        ("huset", 2025, "salary_share_pct", "kostnader"),  # 63,2 % printed
        ("huset", 2025, "other_costs_share_pct", "kostnader"),  # 36,8 % printed
        ("natthuset", 2025, "operating_margin_pct", "ingen"),
    ]  # -2,78 printed, -2,76


def test_golden_table5_from_parameters(real):
    _, p, _ = real
    t = costs.table5(costs.table5_inputs_from_params(p), catalogue.read_resource("huset_table5_printed"))
    bad = t.loc[~t["match"], ["unit", "measure"]].apply(tuple, axis=1).tolist()
    assert bad == [("mo_senter_alt2", "visits_per_fte")]  # "~1 045" for 1 045,5


def test_golden_table6(real):
    """All 35 printed cells of Tabell 6 (lines 2213-2221) are reproduced from the parameters."""
    params, _, tables = real
    t = costs.table6(params, tables)
    assert len(t) == 35 and t["match"].all()


# --------------------------------------------------------------------------------------------
# extensions
# --------------------------------------------------------------------------------------------


RATIO_FIXTURE = {
    "mo_alt2_annual_cost": 10.0,
    "mo_gyldenpris_annual_visits": 5000.0,
    "huset_total_operating_costs_2025": 3_000_000.0,
    "huset_rent_2025": 1.0,
    "huset_annual_visits_2025": 4000.0,
}


def test_cost_per_visit_ratio_hand_computed():
    # MO 10 000 000 / 5 000 = 2 000 kr; Huset (3 000 000 - 1 000 000) / 4 000 = 500 kr
    assert costs.cost_per_visit_ratio(RATIO_FIXTURE) == pytest.approx(4.0)


def test_break_even_hand_computed():
    be = costs.break_even(RATIO_FIXTURE, targets=(1.0, 2.0)).set_index(["param", "target"])
    # ratio 4 -> 1: MO budget 10/4 = 2,5; Huset visits 4000/4 = 1000; MO visits 5000*4 = 20000;
    # Huset costs excl. rent 2 000 000 * 4 = 8 000 000, plus rent 1 000 000
    assert be.loc[("mo_alt2_annual_cost", 1.0), "break_even"] == pytest.approx(2.5)
    assert be.loc[("huset_annual_visits_2025", 1.0), "break_even"] == pytest.approx(1000)
    assert be.loc[("mo_gyldenpris_annual_visits", 1.0), "break_even"] == pytest.approx(20000)
    assert be.loc[("huset_total_operating_costs_2025", 1.0), "break_even"] == pytest.approx(9e6)
    assert be.loc[("mo_alt2_annual_cost", 2.0), "break_even"] == pytest.approx(5.0)
    assert be.loc[("mo_alt2_annual_cost", 2.0), "change_pct"] == pytest.approx(-50.0)
    for (name, t), r in be.iterrows():  # plugging a break-even value back gives the target
        assert costs.cost_per_visit_ratio({**RATIO_FIXTURE, name: r["break_even"]}) == pytest.approx(t)


def _ratio_params(pct=20.0):
    rows = []
    for k, v in RATIO_FIXTURE.items():
        fixed = k == "huset_rent_2025"
        rows.append(
            {
                "param": k,
                "label_nb": k,
                "value": v,
                "low": None,
                "high": None,
                "range_pct": None if fixed else pct,
                "distribution": "fixed" if fixed else "triangular",
                "range_reason": "r",
                "source_line": "1",
            }
        )
    return pd.DataFrame(rows)


def test_tornado_hand_computed():
    t = costs.tornado(_ratio_params()).set_index("param")
    # MO budget 8 or 12 -> ratio 3,2 or 4,8; Huset visits 3 200 or 4 800 -> 3,2 or 4,8
    assert t.loc["mo_alt2_annual_cost", ["ratio_at_low", "ratio_at_high"]].tolist() == pytest.approx(
        [3.2, 4.8]
    )
    # Huset costs 2,4 or 3,6 mill. -> excl. rent 1,4 or 2,6 mill. -> 500 kr becomes 350 / 650
    assert t.loc["huset_total_operating_costs_2025", "ratio_at_low"] == pytest.approx(2000 / 350)
    assert t.loc["huset_total_operating_costs_2025", "ratio_at_high"] == pytest.approx(2000 / 650)
    assert t.loc["huset_rent_2025", "swing"] == 0
    assert t.index[0] == "huset_total_operating_costs_2025"  # largest swing first


def test_worst_case_ratio_hand_computed():
    # MO 8 mill / 6 000 visits = 1 333,3; Huset (3,6 - 1) mill / 3 200 visits = 812,5
    assert costs.worst_case_ratio(_ratio_params()) == pytest.approx((8e6 / 6000) / (2.6e6 / 3200))


def test_monte_carlo_reproducible_from_its_seed():
    a, sa = costs.monte_carlo(_ratio_params(), 10_000, 7)
    b, sb = costs.monte_carlo(_ratio_params(), 10_000, 7)
    c, _ = costs.monte_carlo(_ratio_params(), 10_000, 8)
    assert a.equals(b) and sa == sb
    assert not a.equals(c)
    d = costs.draw(_ratio_params(), 10_000, 7)
    assert d["mo_alt2_annual_cost"].between(8.0, 12.0).all()
    assert (d["huset_rent_2025"] == 1.0).all()
    assert sa["q025"] < 4.0 < sa["q975"] and sa["p_gt_1"] == 1.0  # worst case 1,64 > 1


def test_notebook_runs_at_least_10000_draws():
    import yaml

    from helpers.core import paths

    cfg = yaml.safe_load(paths.PARAMS.joinpath("04_cost_comparison.yml").read_text())
    assert cfg["mc_draws"] >= 10_000


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Mandag - torsdag 10.00 - 21.00; Søndag 15:00 - 21:00", 4 * 11 + 6),
        ("Mandag - fredag 09.00 - 20.30; Lørdag - søndag 11.30 - 17.00", 5 * 11.5 + 2 * 5.5),
        ("Mandag - fredag 09.00 - 14.00", 25),
    ],
)
def test_weekly_opening_hours(text, hours):
    assert costs.weekly_opening_hours(text) == pytest.approx(hours)


def test_weekly_opening_hours_rejects_unreadable_text():
    with pytest.raises(ValueError, match="cannot read"):
        costs.weekly_opening_hours("hele døgnet")


def test_unit_costs_hand_computed():
    p = {
        **RATIO_FIXTURE,
        "huset_fte": 4.0,
        "mo_gyldenpris_fte": 20.0,
        "huset_unique_users_per_month": 100.0,
        "mo_gyldenpris_unique_users_per_month": 500.0,
        "natthuset_salary_costs_2025": 1.0,
        "natthuset_other_costs_2025": 2.0,
    }
    t1 = pd.DataFrame(
        [
            ("huset", "opening_hours", "Mandag - fredag 10.00 - 20.00", None),  # 50 h/week
            ("mo_gyldenpris", "opening_hours", "Mandag - søndag 10.00 - 20.00", None),  # 70 h/week
            ("huset", "mean_unique_users_per_month", "100-200", 200.0),
        ],
        columns=["unit", "measure", "value_as_printed", "value_high"],
    )
    uc = costs.unit_costs(p, t1)
    h = uc.iloc[0]  # Huset excl. rent: 2 000 000 kr
    assert h["per_visit"] == pytest.approx(500)
    assert h["per_fte"] == pytest.approx(500_000)
    assert h["per_opening_hour"] == pytest.approx(2e6 / (50 * 52))
    assert (h["per_user_month_low"], h["per_user_month_high"]) == pytest.approx(
        (2e6 / 12 / 200, 2e6 / 12 / 100)
    )
    mo = uc[uc["unit"] == "MO-senter alt. 2"].iloc[0]
    assert mo["per_opening_hour"] == pytest.approx(10e6 / (70 * 52))
    assert uc.iloc[2]["cost_nok"] == 3.0 and pd.isna(uc.iloc[2]["per_visit"])  # Natthuset


def test_table6_scenarios_break_even_hand_computed(real):
    params, _, _ = real
    t1 = catalogue.read_resource("huset_mo_comparison_table1")
    sc = costs.table6_scenarios(params, t1)
    a = sc[sc["scenario"].str.startswith("A ")].set_index("reduction_pct")
    # (300 + 55) x 0,36 = 127,8 mill. per 100 %; cost 8 258 236 + 9 822 104 = 18 080 340 kr
    assert a.loc[20, "gross_mnok"] == pytest.approx(25.56)
    assert a.loc[20, "net_mnok"] == pytest.approx(25.56 - 18.08034)
    assert a.loc[20, "break_even_pct"] == pytest.approx(18.08034 / 127.8 * 100)
    b = sc[sc["scenario"].str.startswith("B ")].iloc[0]
    assert b["gain_per_participant"] == pytest.approx((0.29 + 0.54) / 2)
    d = sc[sc["scenario"].str.startswith("D ")].iloc[0]
    assert (d["guests"], d["employees"], d["cost_mnok"]) == pytest.approx((300, 24, 8.258236))


def test_results_cover_every_key_the_chapters_quote(real):
    """Each {{< meta costs.* >}} in the chapter and appendix is written by costs.results()."""
    import re

    from helpers.core import paths

    params, p, tables = real
    t1 = catalogue.read_resource("huset_mo_comparison_table1")
    t3, t4 = costs.table3(p, tables), costs.table4(p, tables)
    t5 = costs.table5(costs.table5_inputs_from_params(p), catalogue.read_resource("huset_table5_printed"))
    t6 = costs.table6(params, tables)
    aud = costs.audit(
        params,
        catalogue.read_resource("huset_cost_text_figures"),
        tables,
        catalogue.read_resource("huset_key_figures"),
        t1,
    )
    disc = costs.discrepancies(t3, t4, t5, t6, aud)
    _, mc = costs.monte_carlo(params, 1000, 1)
    res = costs.results(
        params,
        t3,
        t4,
        t5,
        t6,
        aud,
        disc,
        costs.unit_costs(p, t1),
        costs.tornado(params),
        costs.break_even(p),
        mc,
        costs.table6_scenarios(params, t1),
    )
    used = set()
    for name in ("_kostnader.qmd", "_vedlegg-avvik.qmd"):
        used |= set(re.findall(r"meta costs\.(\w+)", (paths.REPORT / name).read_text("utf-8")))
    assert used and used <= set(res)
    # counts add up: every discrepancy has a verdict, and the checked total is cells + claims
    n = {k: int(res[k]) for k in ("n_arithmetic", "n_inconsistent", "n_scope", "n_rounding")}
    assert sum(n.values()) == int(res["n_discrepancies"])
    assert int(res["figures_checked"]) == int(res["repro_cells"]) + int(res["audit_claims"])


def test_show_table6_layout(real):
    params, _, tables = real
    shown = costs.show_table6(costs.table6(params, tables))
    assert shown.columns[0] == "Reduksjon" and len(shown) == 5 and shown.shape[1] == 8
    assert shown.iloc[0, 1].endswith("✓")
