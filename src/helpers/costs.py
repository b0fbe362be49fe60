"""Cost comparison: seed 000's Tabell 5 rebuilt from its inputs.

Tabell 5 compares the annual cost, visits, cost per visit and visits per FTE of a proposed municipal
MO centre (budget "Alt. 2", visits of MO-Gyldenpris) with Huset Bergen (2025 budget and forecast).
:func:`table5` recomputes every derived cell from ``huset_table5_inputs`` and rounds it to the
number of decimals the printed cell shows, so the comparison with ``huset_table5_printed`` is cell
by cell. A cell that does not match is reported, never adjusted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pandas as pd

from helpers.cleaning import round_half_away

MILLION = 1_000_000
MO, HUSET, RATIO = "mo_senter_alt2", "huset", "ratio_mo_over_huset"

Inputs = Mapping[tuple[str, str], float]


def _cost_per_visit(unit: str) -> Callable[[Inputs], float]:
    return lambda v: v[(unit, "annual_cost_mnok")] * MILLION / v[(unit, "annual_visits")]


def _visits_per_fte(unit: str, fte_unit: str) -> Callable[[Inputs], float]:
    return lambda v: v[(unit, "annual_visits")] / v[(fte_unit, "fte")]


Formula = Callable[[Inputs], float]


def _ratio(f_mo: Formula, f_h: Formula) -> Formula:
    return lambda v: f_mo(v) / f_h(v)


def _input(unit: str, measure: str) -> Callable[[Inputs], float]:
    return lambda v: v[(unit, measure)]


# (unit, measure) of each derived cell -> formula over the inputs, and a plain-words definition
TABLE5_FORMULAS: dict[tuple[str, str], tuple[Callable[[Inputs], float], str]] = {
    (MO, "cost_per_visit"): (_cost_per_visit(MO), "årlige kostnader / årlige besøk"),
    (HUSET, "cost_per_visit"): (_cost_per_visit(HUSET), "årlige kostnader / årlige besøk"),
    (MO, "visits_per_fte"): (_visits_per_fte(MO, "mo_gyldenpris"),
                             "årlige besøk / årsverk MO-Gyldenpris (Tabell 1)"),
    (HUSET, "visits_per_fte"): (_visits_per_fte(HUSET, HUSET), "årlige besøk / årsverk (Tabell 1)"),
    (RATIO, "ratio_annual_cost"): (_ratio(_input(MO, "annual_cost_mnok"),
                                          _input(HUSET, "annual_cost_mnok")), "MO / Huset"),
    (RATIO, "ratio_annual_visits"): (_ratio(_input(MO, "annual_visits"),
                                            _input(HUSET, "annual_visits")), "MO / Huset"),
    (RATIO, "ratio_cost_per_visit"): (_ratio(_cost_per_visit(MO), _cost_per_visit(HUSET)),
                                      "MO / Huset, av uavrundede verdier"),
    (RATIO, "ratio_visits_per_fte"): (_ratio(_visits_per_fte(MO, "mo_gyldenpris"),
                                             _visits_per_fte(HUSET, HUSET)),
                                      "MO / Huset, av uavrundede verdier"),
}


def printed_decimals(as_printed: str) -> int:
    """Decimals shown in a number printed the Norwegian way (``"6,1"`` -> 1, ``"~1 045"`` -> 0)."""
    m = re.search(r"\d[\d\s\u00a0]*(?:,(\d+))?", str(as_printed))
    if not m:
        raise ValueError(f"no number in {as_printed!r}")
    return len(m.group(1) or "")


def inputs_mapping(inputs: pd.DataFrame) -> dict[tuple[str, str], float]:
    """``{(unit, measure): value}`` from the inputs table."""
    return {(r.unit, r.measure): float(r.value) for r in inputs.itertuples(index=False)}


def table5(inputs: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Recompute every printed derived cell of Tabell 5 and compare it with the print.

    Columns: unit, measure, label, definition, exact, recomputed (rounded like the print),
    printed, printed_as, match, source_line.
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
        rows.append({
            "unit": r.unit, "unit_label": r.unit_label_nb, "measure": r.measure,
            "label": r.measure_label_nb, "definition": definition, "exact": exact,
            "recomputed": recomputed, "printed": float(r.value),
            "printed_as": r.value_as_printed, "decimals": dec,
            "match": recomputed == float(r.value), "source_line": int(r.source_line),
        })
    return pd.DataFrame(rows)
