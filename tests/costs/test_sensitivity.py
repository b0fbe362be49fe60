"""Unit costs, one-way sensitivity, worst case and break-even: hand-computed fixtures."""

import pandas as pd
import pytest

from helpers.costs import parameters, sensitivity

RATIO_FIXTURE = {
    "mo_alt2_annual_cost": 10.0,
    "mo_gyldenpris_annual_visits": 5000.0,
    "huset_total_operating_costs_2025": 3_000_000.0,
    "huset_rent_2025": 1.0,
    "huset_annual_visits_2025": 4000.0,
}


def test_cost_per_visit_ratio_hand_computed():
    # MO 10 000 000 / 5 000 = 2 000 kr; Huset (3 000 000 - 1 000 000) / 4 000 = 500 kr
    assert parameters.cost_per_visit_ratio(RATIO_FIXTURE) == pytest.approx(4.0)


def test_break_even_hand_computed():
    be = sensitivity.break_even(RATIO_FIXTURE, targets=(1.0, 2.0)).set_index(["param", "target"])
    # ratio 4 -> 1: MO budget 10/4 = 2,5; Huset visits 4000/4 = 1000; MO visits 5000*4 = 20000;
    # Huset costs excl. rent 2 000 000 * 4 = 8 000 000, plus rent 1 000 000
    assert be.loc[("mo_alt2_annual_cost", 1.0), "break_even"] == pytest.approx(2.5)
    assert be.loc[("huset_annual_visits_2025", 1.0), "break_even"] == pytest.approx(1000)
    assert be.loc[("mo_gyldenpris_annual_visits", 1.0), "break_even"] == pytest.approx(20000)
    assert be.loc[("huset_total_operating_costs_2025", 1.0), "break_even"] == pytest.approx(9e6)
    assert be.loc[("mo_alt2_annual_cost", 2.0), "break_even"] == pytest.approx(5.0)
    assert be.loc[("mo_alt2_annual_cost", 2.0), "change_pct"] == pytest.approx(-50.0)
    for (name, t), r in be.iterrows():  # plugging a break-even value back gives the target
        assert parameters.cost_per_visit_ratio({**RATIO_FIXTURE, name: r["break_even"]}) == pytest.approx(t)


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
    t = sensitivity.tornado(_ratio_params()).set_index("param")
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
    assert sensitivity.worst_case_ratio(_ratio_params()) == pytest.approx((8e6 / 6000) / (2.6e6 / 3200))


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Mandag - torsdag 10.00 - 21.00; Søndag 15:00 - 21:00", 4 * 11 + 6),
        ("Mandag - fredag 09.00 - 20.30; Lørdag - søndag 11.30 - 17.00", 5 * 11.5 + 2 * 5.5),
        ("Mandag - fredag 09.00 - 14.00", 25),
    ],
)
def test_weekly_opening_hours(text, hours):
    assert sensitivity.weekly_opening_hours(text) == pytest.approx(hours)


def test_weekly_opening_hours_rejects_unreadable_text():
    with pytest.raises(ValueError, match="cannot read"):
        sensitivity.weekly_opening_hours("hele døgnet")


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
    uc = sensitivity.unit_costs(p, t1)
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
