"""Tabell 6 under stated alternatives: break-even and net gain by hand."""

import pytest

from helpers.core import catalogue
from helpers.costs import scenarios


def test_table6_scenarios_break_even_hand_computed(real):
    params, _, _ = real
    t1 = catalogue.read_resource("huset_mo_comparison_table1")
    sc = scenarios.table6_scenarios(params, t1)
    a = sc[sc["scenario"].str.startswith("A ")].set_index("reduction_pct")
    # (300 + 55) x 0,36 = 127,8 mill. per 100 %; cost 8 258 236 + 9 822 104 = 18 080 340 kr
    assert a.loc[20, "gross_mnok"] == pytest.approx(25.56)
    assert a.loc[20, "net_mnok"] == pytest.approx(25.56 - 18.08034)
    assert a.loc[20, "break_even_pct"] == pytest.approx(18.08034 / 127.8 * 100)
    b = sc[sc["scenario"].str.startswith("B ")].iloc[0]
    assert b["gain_per_participant"] == pytest.approx((0.29 + 0.54) / 2)
    d = sc[sc["scenario"].str.startswith("D ")].iloc[0]
    assert (d["guests"], d["employees"], d["cost_mnok"]) == pytest.approx((300, 24, 8.258236))
