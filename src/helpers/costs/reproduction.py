"""Reproduction of Tabell 3, 4, 5 and 6 of seed 000 from the parameter table, cell by cell.

Every printed cell is recomputed from the parameters and rounded to the decimals the print shows
(:func:`helpers.core.formatting.printed_decimals`), so the comparison with the print is exact. A
cell that does not match is reported, never adjusted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from helpers.core.formatting import printed_decimals, round_half_away
from helpers.costs.parameters import (
    PERCENT,
    cost_per_visit,
    gain_levels,
    harm_reduction_levels,
    huset_comparable_cost_mnok,
    param_values,
)

MO, HUSET, RATIO = "mo_senter_alt2", "huset", "ratio_mo_over_huset"

Inputs = Mapping[tuple[str, str], float]
Formula = Callable[[Inputs], float]


def _t3_inputs(p: Mapping[str, float], unit: str, year: int) -> dict[str, float]:
    rev = p[f"{unit}_operating_revenue_{year}"]
    sal = p[f"{unit}_salary_costs_{year}"]
    oth = p[f"{unit}_other_costs_{year}"]
    return {
        "operating_revenue_excl_transfers": rev,
        "salary_costs": sal,
        "other_operating_costs": oth,
        "total_operating_costs": sal + oth,
        "operating_result_excl_transfers": rev - (sal + oth),
    }


T3_DEFINITIONS = {
    "operating_revenue_excl_transfers": "parameter",
    "salary_costs": "parameter",
    "other_operating_costs": "parameter",
    "total_operating_costs": "lønn + andre driftskostnader",
    "operating_result_excl_transfers": "driftsinntekter − totale driftskostnader",
}


def _cell_ids(r: Any) -> dict[str, Any]:
    """The columns that name a cell of Tabell 3 or 4: unit, its label, year, measure, its label."""
    return {
        "unit": r.unit,
        "unit_label": r.unit_label_nb,
        "year": int(r.year),
        "measure": r.measure,
        "label": r.measure_label_nb,
    }


def _against_print(r: Any, recomputed: float) -> dict[str, Any]:
    """The printed cell beside a recomputed value: printed, printed_as, match, source_line."""
    return {
        "printed": float(r.value),
        "printed_as": r.value_as_printed,
        "match": recomputed == float(r.value),
        "source_line": str(r.source_line),
    }


def table3(p: Mapping[str, float], printed: pd.DataFrame) -> pd.DataFrame:
    """Every printed Tabell 3 cell recomputed from the parameters (inputs are the parameters).

    Parameters
    ----------
    p
        Parameter values by name.
    printed
        The printed cells (``huset_cost_tables``); only rows of Tabell 3 are used.

    Returns
    -------
    pandas.DataFrame
        Columns unit, unit_label, year, measure, label, definition, derived, recomputed, printed,
        printed_as, match, source_line.
    """
    rows = []
    for r in printed[printed["table"] == "Tabell 3"].itertuples(index=False):
        values = _t3_inputs(p, r.unit, int(r.year))
        rec = values[r.measure]
        rows.append(
            {
                **_cell_ids(r),
                "definition": T3_DEFINITIONS[r.measure],
                "derived": T3_DEFINITIONS[r.measure] != "parameter",
                "recomputed": rec,
                **_against_print(r, rec),
            }
        )
    return pd.DataFrame(rows)


T4_NUMERATOR = {
    "salary_share_pct": "salary_costs",
    "other_costs_share_pct": "other_operating_costs",
    "operating_margin_pct": "operating_result_excl_transfers",
}


def table4(p: Mapping[str, float], printed: pd.DataFrame) -> pd.DataFrame:
    """Tabell 4 shares recomputed on the revenue basis (and, for comparison, the cost basis).

    Parameters
    ----------
    p
        Parameter values by name: revenue, wages and other costs of each unit and year.
    printed
        The printed cells; only rows of Tabell 4 are used.

    Returns
    -------
    pandas.DataFrame
        ``recomputed`` = numerator / driftsinntekter x 100, rounded to the printed decimals;
        ``basis`` says which denominator reproduces the printed cell (``inntekter``,
        ``kostnader``, ``ingen``).
    """
    rows = []
    for r in printed[printed["table"] == "Tabell 4"].itertuples(index=False):
        v = _t3_inputs(p, r.unit, int(r.year))
        num = v[T4_NUMERATOR[r.measure]]
        on_rev = num / v["operating_revenue_excl_transfers"] * PERCENT
        on_cost = num / v["total_operating_costs"] * PERCENT
        dec = printed_decimals(r.value_as_printed)
        rec, alt = round_half_away(on_rev, dec), round_half_away(on_cost, dec)
        basis = "inntekter" if rec == r.value else ("kostnader" if alt == r.value else "ingen")
        rows.append(
            {
                **_cell_ids(r),
                "exact": on_rev,
                "exact_cost_basis": on_cost,
                "decimals": dec,
                "recomputed": rec,
                "recomputed_cost_basis": alt,
                "printed": float(r.value),
                "printed_as": r.value_as_printed,
                "match": rec == float(r.value),
                "basis": basis,
                "source_line": str(r.source_line),
            }
        )
    return pd.DataFrame(rows)


def table5_inputs_from_params(p: Mapping[str, float]) -> pd.DataFrame:
    """The Tabell 5 inputs in the ``(unit, measure, value)`` form :func:`table5` reads.

    Parameters
    ----------
    p
        Parameter values by name.

    Returns
    -------
    pandas.DataFrame
        Columns unit, measure, value: annual cost (mill. kr, Huset without rent), annual visits
        and FTEs of each column of Tabell 5.
    """
    rows = [
        (MO, "annual_cost_mnok", p["mo_alt2_annual_cost"]),
        (MO, "annual_visits", p["mo_gyldenpris_annual_visits"]),
        (HUSET, "annual_cost_mnok", huset_comparable_cost_mnok(p)),
        (HUSET, "annual_visits", p["huset_annual_visits_2025"]),
        ("mo_gyldenpris", "fte", p["mo_gyldenpris_fte"]),
        (HUSET, "fte", p["huset_fte"]),
    ]
    return pd.DataFrame(rows, columns=["unit", "measure", "value"])


def inputs_mapping(inputs: pd.DataFrame) -> dict[tuple[str, str], float]:
    """The Tabell 5 inputs by ``(unit, measure)``.

    Parameters
    ----------
    inputs
        Rows of unit, measure, value (:func:`table5_inputs_from_params`, or the transcribed input
        cells ``huset_table5_inputs``).

    Returns
    -------
    dict
        ``{(unit, measure): value}``.
    """
    return {(r.unit, r.measure): float(r.value) for r in inputs.itertuples(index=False)}


def _cpv(unit: str) -> Formula:
    return lambda v: cost_per_visit(v[(unit, "annual_cost_mnok")], v[(unit, "annual_visits")])


def _per_fte(unit: str, fte_unit: str) -> Formula:
    return lambda v: v[(unit, "annual_visits")] / v[(fte_unit, "fte")]


def _input(unit: str, measure: str) -> Formula:
    return lambda v: v[(unit, measure)]


def _ratio(f_mo: Formula, f_h: Formula) -> Formula:
    return lambda v: f_mo(v) / f_h(v)


# (unit, measure) of each derived cell -> formula over the inputs, and a plain-words definition
TABLE5_FORMULAS: dict[tuple[str, str], tuple[Formula, str]] = {
    (MO, "cost_per_visit"): (_cpv(MO), "årlige kostnader / årlige besøk"),
    (HUSET, "cost_per_visit"): (_cpv(HUSET), "årlige kostnader / årlige besøk"),
    (MO, "visits_per_fte"): (
        _per_fte(MO, "mo_gyldenpris"),
        "årlige besøk / årsverk MO-Gyldenpris (Tabell 1)",
    ),
    (HUSET, "visits_per_fte"): (_per_fte(HUSET, HUSET), "årlige besøk / årsverk (Tabell 1)"),
    (RATIO, "ratio_annual_cost"): (
        _ratio(_input(MO, "annual_cost_mnok"), _input(HUSET, "annual_cost_mnok")),
        "MO / Huset",
    ),
    (RATIO, "ratio_annual_visits"): (
        _ratio(_input(MO, "annual_visits"), _input(HUSET, "annual_visits")),
        "MO / Huset",
    ),
    (RATIO, "ratio_cost_per_visit"): (_ratio(_cpv(MO), _cpv(HUSET)), "MO / Huset, av uavrundede verdier"),
    (RATIO, "ratio_visits_per_fte"): (
        _ratio(_per_fte(MO, "mo_gyldenpris"), _per_fte(HUSET, HUSET)),
        "MO / Huset, av uavrundede verdier",
    ),
}


def table5(inputs: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Recompute every printed derived cell of Tabell 5 and compare it with the print.

    Parameters
    ----------
    inputs
        The inputs as ``(unit, measure, value)`` rows (:func:`table5_inputs_from_params`).
    printed
        The printed derived cells (``huset_table5_printed``).

    Returns
    -------
    pandas.DataFrame
        Columns unit, unit_label, measure, label, definition, exact, recomputed (rounded like the
        print), printed, printed_as, decimals, match, source_line.
    """
    v = inputs_mapping(inputs)
    rows = []
    for r in printed.itertuples(index=False):
        key = (r.unit, r.measure)
        if key not in TABLE5_FORMULAS:
            raise KeyError(f"no formula for printed Tabell 5 cell {key}")
        formula, definition = TABLE5_FORMULAS[key]
        exact = formula(v)
        dec = printed_decimals(r.value_as_printed)
        recomputed = round_half_away(exact, dec)
        rows.append(
            {
                "unit": r.unit,
                "unit_label": r.unit_label_nb,
                "measure": r.measure,
                "label": r.measure_label_nb,
                "definition": definition,
                "exact": exact,
                "recomputed": recomputed,
                "printed": float(r.value),
                "printed_as": r.value_as_printed,
                "decimals": dec,
                "match": recomputed == float(r.value),
                "source_line": int(r.source_line),
            }
        )
    return pd.DataFrame(rows)


_T6 = re.compile(r"social_gain_(guests|employees|sum)_(low|mid|high)_reduction_(\d+)pct")


def table6_cell(
    p: Mapping[str, float], lo_hi: Mapping[str, float], group: str, level: str, reduction_pct: float
) -> float:
    """One Tabell 6 cell: group size x gain per participant x reduction (NOK million).

    Parameters
    ----------
    p
        Parameter values by name.
    lo_hi
        Gain per participant by level (``low``/``mid``/``high``).
    group
        ``guests``, ``employees`` or ``sum`` (guests + employees, mid level, unrounded).
    level
        ``low``, ``mid`` or ``high``.
    reduction_pct
        The harm-reduction level in percent.

    Returns
    -------
    float
        The cell's exact value in mill. kr.
    """
    sizes = {"guests": p["huset_core_guests"], "employees": p["huset_bergen_as_employees_2025"]}
    if group == "sum":
        return sum(table6_cell(p, lo_hi, g, "mid", reduction_pct) for g in sizes)
    return sizes[group] * lo_hi[level] * reduction_pct / PERCENT


def table6(params: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Every printed Tabell 6 cell recomputed from the parameters and rounded like the print.

    Parameters
    ----------
    params
        The parameter table.
    printed
        The printed cells; only rows of Tabell 6 are used.

    Returns
    -------
    pandas.DataFrame
        Columns group, level, reduction_pct, label, exact, decimals, recomputed, printed,
        printed_as, match, source_line.
    """
    p, lo_hi = param_values(params), gain_levels(params)
    levels = set(harm_reduction_levels(p))
    rows = []
    for r in printed[printed["table"] == "Tabell 6"].itertuples(index=False):
        m = _T6.fullmatch(r.measure)
        if not m:
            raise KeyError(f"unrecognised Tabell 6 cell {r.measure!r}")
        group, level, pct = m.group(1), m.group(2), int(m.group(3))
        if pct not in levels:
            raise KeyError(f"Tabell 6 reduction level {pct} % is not in the parameter table")
        exact = table6_cell(p, lo_hi, group, level, pct)
        dec = printed_decimals(r.value_as_printed)
        rec = round_half_away(exact, dec)
        rows.append(
            {
                "group": group,
                "level": level,
                "reduction_pct": pct,
                "label": r.measure_label_nb,
                "exact": exact,
                "decimals": dec,
                "recomputed": rec,
                **_against_print(r, rec),
            }
        )
    return pd.DataFrame(rows)
