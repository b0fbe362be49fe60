"""The whole cost comparison in one call: notebook 04 and its tests run the same function.

:func:`run` takes the input tables (:class:`CostInputs`, read by :mod:`helpers.costs.inputs`) and
returns every table and summary the chapter shows (:class:`CostAnalysis`). It does no IO.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.costs import audit, claims, reproduction, scenarios, sensitivity
from helpers.costs.montecarlo import MonteCarloResult, monte_carlo
from helpers.costs.parameters import param_values


@dataclass(frozen=True)
class CostInputs:
    """The input tables of the cost comparison (validated copies of the raw resources)."""

    params: pd.DataFrame
    tables: pd.DataFrame
    table5_printed: pd.DataFrame
    text_figures: pd.DataFrame
    key_figures: pd.DataFrame
    table1: pd.DataFrame
    claims: pd.DataFrame
    smahus: pd.DataFrame


@dataclass(frozen=True)
class CostAnalysis:
    """Every result of the cost comparison: reproduced tables, audit, extensions."""

    params: pd.DataFrame
    t3: pd.DataFrame
    t4: pd.DataFrame
    t5: pd.DataFrame
    t6: pd.DataFrame
    audit: pd.DataFrame
    discrepancies: pd.DataFrame
    unit_costs: pd.DataFrame
    tornado: pd.DataFrame
    worst_case_ratio: float
    break_even: pd.DataFrame
    monte_carlo: MonteCarloResult
    scenarios: pd.DataFrame


def run(inputs: CostInputs, mc_draws: int, mc_seed: int) -> CostAnalysis:
    """Reproduce Tabell 3-6, audit the claims of Del 3 and run the sensitivity analyses.

    Parameters
    ----------
    inputs
        The input tables.
    mc_draws
        Number of Monte Carlo draws.
    mc_seed
        Seed of the Monte Carlo generator.

    Returns
    -------
    CostAnalysis
        All results, each a table or a typed summary.
    """
    params = inputs.params
    p = param_values(params)
    t3 = reproduction.table3(p, inputs.tables)
    t4 = reproduction.table4(p, inputs.tables)
    t5 = reproduction.table5(reproduction.table5_inputs_from_params(p), inputs.table5_printed)
    t6 = reproduction.table6(params, inputs.tables)
    specs = claims.claims_from_table(inputs.claims) + claims.table2_claims(inputs.key_figures)
    aud = audit.audit(p, specs, inputs.text_figures, inputs.tables, inputs.key_figures, inputs.table1)
    return CostAnalysis(
        params=params,
        t3=t3,
        t4=t4,
        t5=t5,
        t6=t6,
        audit=aud,
        discrepancies=audit.discrepancies(t3, t4, t5, t6, aud),
        unit_costs=sensitivity.unit_costs(p, inputs.table1),
        tornado=sensitivity.tornado(params),
        worst_case_ratio=sensitivity.worst_case_ratio(params),
        break_even=sensitivity.break_even(p),
        monte_carlo=monte_carlo(params, mc_draws, mc_seed),
        scenarios=scenarios.table6_scenarios(params, inputs.table1),
    )
