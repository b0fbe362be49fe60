"""The numbers the cost chapter quotes (``{{< meta costs.* >}}``), formatted for Norwegian text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpers.core import formatting as fmt
from helpers.costs.analysis import CostAnalysis
from helpers.costs.audit import ARITHMETIC, EDITORIAL, INCONSISTENT, JUDGEMENT, OK, ROUNDING, SCOPE
from helpers.costs.claims import PRINTED
from helpers.costs.parameters import (
    MILLION,
    MO_UNIT_LABEL,
    PERCENT,
    RATIO_PARAMS,
    cost_per_visit_ratio,
    gain_levels,
    param_ranges,
    param_values,
)
from helpers.costs.report_tables import PARAM_SHORT_NB
from helpers.costs.reproduction import HUSET, MO


@dataclass(frozen=True)
class CostNumbers:
    """Every number the chapter and its appendix quote, as formatted text (one field per key)."""

    audit_claims: str
    audit_judgement: str
    audit_ok: str
    audit_printed_findings: str
    be1_huset_visits: str
    be1_mo_cost: str
    be2_huset_cost: str
    be2_huset_visits: str
    be2_mo_cost: str
    figures_checked: str
    gain_mid_arithmetic: str
    gain_mid_printed: str
    huset_cost_per_visit: str
    huset_per_fte: str
    huset_per_hour: str
    huset_per_user_high: str
    huset_per_user_low: str
    mc_draws: str
    mc_median: str
    mc_min: str
    mc_p_gt_1: str
    mc_p_gt_2: str
    mc_q025: str
    mc_q975: str
    mc_seed: str
    mo_cost_per_visit: str
    mo_per_fte: str
    mo_per_hour: str
    mo_per_user: str
    n_arithmetic: str
    n_changed_params: str
    n_discrepancies: str
    n_editorial: str
    n_inconsistent: str
    n_params: str
    n_uncertain: str
    own_parameters: bool
    params_name: str
    n_rounding: str
    n_scope: str
    range_pct: str
    ratio_cost_per_visit: str
    ratio_used: str
    mo_cost_per_visit_used: str
    huset_cost_per_visit_used: str
    repro_cells: str
    repro_matched: str
    t3_derived_cells: str
    t3_derived_matched: str
    t4_cells: str
    t4_cells_matched: str
    t5_cells: str
    t5_cells_matched: str
    t6_breakeven_e: str
    t6_breakeven_huset: str
    t6_breakeven_source: str
    t6_cells: str
    t6_cells_matched: str
    t6_cost_company: str
    t6_cost_huset: str
    t6_gross_ratio_high_source: str
    t6_level_high: str
    t6_level_low: str
    t6_net_high_source: str
    t6_net_low_source: str
    t6_net_ratio_high_source: str
    tornado_max: str
    tornado_min: str
    tornado_top: str
    worst_case_ratio: str


def _reproduction(a: CostAnalysis) -> dict[str, str]:
    t3, t4, t5, t6, aud, disc = a.t3, a.t4, a.t5, a.t6, a.audit, a.discrepancies
    cpv = t5.set_index(["unit", "measure"])
    derived3 = t3[t3["derived"]]
    repro = [derived3["match"], t4["match"], t5["match"], t6["match"]]
    n_repro = sum(len(m) for m in repro)
    dn = disc["verdict"].value_counts()
    return {
        "t5_cells": fmt.fmt_int(len(t5)),
        "t5_cells_matched": fmt.fmt_int(int(t5["match"].sum())),
        "mo_cost_per_visit": fmt.fmt_nok(cpv.loc[(MO, "cost_per_visit"), "recomputed"]),
        "huset_cost_per_visit": fmt.fmt_nok(cpv.loc[(HUSET, "cost_per_visit"), "recomputed"]),
        "ratio_cost_per_visit": fmt.fmt_num(cost_per_visit_ratio(param_values(a.source_params)), 1),
        "t3_derived_cells": fmt.fmt_int(len(derived3)),
        "t3_derived_matched": fmt.fmt_int(int(derived3["match"].sum())),
        "t4_cells": fmt.fmt_int(len(t4)),
        "t4_cells_matched": fmt.fmt_int(int(t4["match"].sum())),
        "t6_cells": fmt.fmt_int(len(t6)),
        "t6_cells_matched": fmt.fmt_int(int(t6["match"].sum())),
        "repro_cells": fmt.fmt_int(n_repro),
        "repro_matched": fmt.fmt_int(sum(int(m.sum()) for m in repro)),
        "audit_claims": fmt.fmt_int(len(aud)),
        "audit_ok": fmt.fmt_int(int((aud["verdict"] == OK).sum())),
        "audit_judgement": fmt.fmt_int(int((aud["verdict"] == JUDGEMENT).sum())),
        "audit_printed_findings": fmt.fmt_int(int((disc["held_against"] == PRINTED).sum())),
        "figures_checked": fmt.fmt_int(n_repro + len(aud)),
        "n_params": fmt.fmt_int(len(a.params)),
        "n_editorial": fmt.fmt_int(int(dn.get(EDITORIAL, 0))),
        "n_discrepancies": fmt.fmt_int(len(disc)),
        "n_arithmetic": fmt.fmt_int(int(dn.get(ARITHMETIC, 0))),
        "n_inconsistent": fmt.fmt_int(int(dn.get(INCONSISTENT, 0))),
        "n_scope": fmt.fmt_int(int(dn.get(SCOPE, 0))),
        "n_rounding": fmt.fmt_int(int(dn.get(ROUNDING, 0))),
    }


# how the chapter names the parameter table in use
SOURCE_TABLE_NB = "kildens parametertabell"
OWN_TABLE_NB = "den egne parametertabellen"


def _in_use(a: CostAnalysis) -> dict[str, str]:
    cpv = a.cost_per_visit.set_index(["unit", "measure"])
    return {
        "params_name": OWN_TABLE_NB if a.own_parameters else SOURCE_TABLE_NB,
        "n_changed_params": fmt.fmt_int(a.changed_params["param"].nunique()),
        "ratio_used": fmt.fmt_num(cost_per_visit_ratio(param_values(a.params)), 1),
        "mo_cost_per_visit_used": fmt.fmt_nok(cpv.loc[(MO, "cost_per_visit"), "recomputed"]),
        "huset_cost_per_visit_used": fmt.fmt_nok(cpv.loc[(HUSET, "cost_per_visit"), "recomputed"]),
    }


def _max_range_pct(a: CostAnalysis) -> float:
    """The widest relative half-range of the ratio inputs, in percent of their values."""
    rg = param_ranges(a.params)
    rg = rg[rg["param"].isin(RATIO_PARAMS)]
    half = (rg["high"] - rg["low"]) / 2 / rg["value"] * PERCENT
    return float(half.max()) if len(half) else 0.0


def _sensitivity(a: CostAnalysis) -> dict[str, str]:
    tor, mc = a.tornado, a.monte_carlo.summary
    bek = a.break_even.set_index(["param", "target"])
    huset_ex = a.unit_costs.iloc[0]
    mo = a.unit_costs[a.unit_costs["unit"] == MO_UNIT_LABEL].iloc[0]
    return {
        "range_pct": fmt.fmt_int(_max_range_pct(a)),
        "n_uncertain": fmt.fmt_int(int((tor["swing"] > 0).sum())),
        "tornado_top": PARAM_SHORT_NB[tor.iloc[0]["param"]],
        "tornado_min": fmt.fmt_num(tor[["ratio_at_low", "ratio_at_high"]].min().min(), 1),
        "tornado_max": fmt.fmt_num(tor[["ratio_at_low", "ratio_at_high"]].max().max(), 1),
        "worst_case_ratio": fmt.fmt_num(a.worst_case_ratio, 1),
        "be1_mo_cost": fmt.fmt_mill_nok(bek.loc[("mo_alt2_annual_cost", 1.0), "break_even"]),
        "be2_mo_cost": fmt.fmt_mill_nok(bek.loc[("mo_alt2_annual_cost", 2.0), "break_even"]),
        "be1_huset_visits": fmt.fmt_int(bek.loc[("huset_annual_visits_2025", 1.0), "break_even"]),
        "be2_huset_visits": fmt.fmt_int(bek.loc[("huset_annual_visits_2025", 2.0), "break_even"]),
        "be2_huset_cost": fmt.fmt_mill_nok(
            bek.loc[("huset_total_operating_costs_2025", 2.0), "break_even"] / MILLION
        ),
        "mc_draws": fmt.fmt_int(mc.n),
        "mc_seed": str(int(mc.seed)),
        "mc_median": fmt.fmt_num(mc.median, 1),
        "mc_q025": fmt.fmt_num(mc.q025, 1),
        "mc_q975": fmt.fmt_num(mc.q975, 1),
        "mc_p_gt_1": fmt.fmt_pct(mc.p_gt_1 * PERCENT, 1),
        "mc_p_gt_2": fmt.fmt_pct(mc.p_gt_2 * PERCENT, 1),
        "mc_min": fmt.fmt_num(mc.min, 1),
        "huset_per_fte": fmt.fmt_nok(huset_ex["per_fte"]),
        "mo_per_fte": fmt.fmt_nok(mo["per_fte"]),
        "huset_per_hour": fmt.fmt_nok(huset_ex["per_opening_hour"]),
        "mo_per_hour": fmt.fmt_nok(mo["per_opening_hour"]),
        "huset_per_user_low": fmt.fmt_nok(huset_ex["per_user_month_low"]),
        "huset_per_user_high": fmt.fmt_nok(huset_ex["per_user_month_high"]),
        "mo_per_user": fmt.fmt_nok(mo["per_user_month_low"]),
    }


def _scenarios(a: CostAnalysis, levels: tuple[int, int]) -> dict[str, str]:
    sc = a.scenarios
    src = sc[sc["scenario"].str.startswith("A ")].set_index("reduction_pct")
    d = sc[sc["scenario"].str.startswith("D ")].set_index("reduction_pct")
    e = sc[sc["scenario"].str.startswith("E ")].set_index("reduction_pct")
    g = gain_levels(a.source_params)
    lo, hi = levels
    return {
        "gain_mid_printed": fmt.fmt_num(g["mid"], 2),
        "gain_mid_arithmetic": fmt.fmt_num((g["low"] + g["high"]) / 2, 3),
        "t6_cost_company": fmt.fmt_mill_nok(src.iloc[0]["cost_mnok"]),
        "t6_cost_huset": fmt.fmt_mill_nok(d.iloc[0]["cost_mnok"]),
        "t6_breakeven_source": fmt.fmt_pct(src.iloc[0]["break_even_pct"], 1),
        "t6_breakeven_huset": fmt.fmt_pct(d.iloc[0]["break_even_pct"], 1),
        "t6_breakeven_e": fmt.fmt_pct(e.iloc[0]["break_even_pct"], 1),
        "t6_level_low": fmt.fmt_pct(lo, 0),
        "t6_level_high": fmt.fmt_pct(hi, 0),
        "t6_net_low_source": fmt.fmt_mill_nok(src.loc[lo, "net_mnok"]),
        "t6_net_high_source": fmt.fmt_mill_nok(src.loc[hi, "net_mnok"]),
        "t6_net_ratio_high_source": fmt.fmt_num(src.loc[hi, "net_mnok"] / src.loc[hi, "cost_mnok"], 2),
        "t6_gross_ratio_high_source": fmt.fmt_num(src.loc[hi, "gain_cost_ratio"], 2),
    }


def chapter_numbers(analysis: CostAnalysis, levels: tuple[int, int]) -> CostNumbers:
    """The numbers the chapter quotes, formatted for Norwegian text.

    Parameters
    ----------
    analysis
        The results of :func:`helpers.costs.analysis.run`.
    levels
        The low and high harm-reduction levels (percent) the chapter discusses.

    Returns
    -------
    CostNumbers
        One formatted text per quoted number.
    """
    numbers: dict[str, Any] = {
        **_reproduction(analysis),
        **_in_use(analysis),
        **_sensitivity(analysis),
        **_scenarios(analysis, levels),
        "own_parameters": analysis.own_parameters,
    }
    return CostNumbers(**numbers)
