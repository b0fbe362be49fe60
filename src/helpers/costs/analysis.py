"""The whole cost comparison in one call: notebook 04 and its tests run the same function.

:func:`run` takes the input tables (:class:`CostInputs`, read by :mod:`helpers.costs.inputs`) and
returns every table and summary the chapter shows (:class:`CostAnalysis`). It does no IO.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.costs import audit, claims, reproduction, scenarios, sensitivity
from helpers.costs.montecarlo import MIN_DRAWS, MonteCarloResult, check_draws, monte_carlo
from helpers.costs.parameters import changed_parameters, param_values


@dataclass(frozen=True)
class CostInputs:
    """The input tables of the cost comparison (validated copies of the raw resources).

    ``params`` is the parameter table in use (a student's own copy, or the source's);
    ``source_params`` is always the embedded table of the source, which the reproduction of
    Tabell 3-6 and the audit of the print use.
    """

    params: pd.DataFrame
    source_params: pd.DataFrame
    tables: pd.DataFrame
    table5_printed: pd.DataFrame
    text_figures: pd.DataFrame
    key_figures: pd.DataFrame
    table1: pd.DataFrame
    claims: pd.DataFrame
    smahus: pd.DataFrame


@dataclass(frozen=True)
class CostAnalysis:
    """Every result of the cost comparison: reproduced tables, audit, extensions.

    The reproduced tables and the audit are of the source and use its parameters; the unit
    costs, sensitivity, Monte Carlo and scenarios use the parameter table in use (``params``).
    """

    params: pd.DataFrame
    source_params: pd.DataFrame
    own_parameters: bool
    changed_params: pd.DataFrame
    cost_per_visit: pd.DataFrame
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


def run(inputs: CostInputs, mc_draws: int, mc_seed: int, min_draws: int = MIN_DRAWS) -> CostAnalysis:
    """Reproduce Tabell 3-6, audit the claims of Del 3 and run the sensitivity analyses.

    Tabell 3-6 and the audit use the source's parameters (they check what is printed); the unit
    costs, sensitivity, Monte Carlo and scenarios use the parameter table in use.

    Parameters
    ----------
    inputs
        The input tables.
    mc_draws
        Number of Monte Carlo draws (at least :data:`helpers.costs.montecarlo.MIN_DRAWS`).
    mc_seed
        Seed of the Monte Carlo generator.
    min_draws
        The smallest accepted ``mc_draws`` (the documented minimum; the tests run fewer draws).

    Returns
    -------
    CostAnalysis
        All results, each a table or a typed summary.
    """
    check_draws(mc_draws, min_draws)
    params, src = inputs.params, inputs.source_params
    p, ps = param_values(params), param_values(src)
    t3 = reproduction.table3(ps, inputs.tables)
    t4 = reproduction.table4(ps, inputs.tables)
    t5 = reproduction.table5(reproduction.table5_inputs_from_params(ps), inputs.table5_printed)
    t6 = reproduction.table6(src, inputs.tables)
    specs = claims.claims_from_table(inputs.claims) + claims.table2_claims(inputs.key_figures)
    aud = audit.audit(ps, specs, inputs.text_figures, inputs.tables, inputs.key_figures, inputs.table1)
    changed = changed_parameters(params, src)
    return CostAnalysis(
        params=params,
        source_params=src,
        own_parameters=not changed.empty,
        changed_params=changed,
        cost_per_visit=reproduction.table5(reproduction.table5_inputs_from_params(p), inputs.table5_printed),
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
