"""Tabell 6 re-run under stated alternatives: gross gain, cost, net gain and break-even level."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from helpers.costs.parameters import (
    MILLION,
    PERCENT,
    company_cost_mnok,
    gain_levels,
    harm_reduction_levels,
    param_values,
)


@dataclass(frozen=True)
class Scenario:
    """Group sizes, gain per participant and the cost the gain is compared with."""

    guests: float
    employees: float
    gain: float
    cost: float
    cost_label: str


COMPANY = "hele Huset Bergen AS (Tabell 3)"
HUSET_ONLY = "Huset alene (Tabell 3)"


def scenarios(params: pd.DataFrame, table1: pd.DataFrame) -> dict[str, Scenario]:
    """The five scenarios, by name: the source's assumptions (A) and four stated alternatives.

    Parameters
    ----------
    params
        The parameter table.
    table1
        Tabell 1 (unique guests per month).

    Returns
    -------
    dict of str to Scenario
        A: the source; B: the arithmetic midpoint of the printed gain range; C: group sizes from
        Tabell 1 (upper end of Huset's unique guests per month, Huset's own employees); D: Huset
        alone (employees and cost); E: C + B + Huset's cost.
    """
    p = param_values(params)
    g = gain_levels(params)
    arith_mid = (g["low"] + g["high"]) / 2
    t1 = table1.set_index(["unit", "measure"])
    register_guests = float(t1.loc[("huset", "mean_unique_users_per_month"), "value_high"])
    huset_only = p["huset_total_operating_costs_2025"] / MILLION
    src = Scenario(
        p["huset_core_guests"], p["huset_bergen_as_employees_2025"], g["mid"], company_cost_mnok(p), COMPANY
    )
    return {
        "A Kildens forutsetninger": src,
        "B Aritmetisk midtpunkt": replace(src, gain=arith_mid),
        "C Gruppestørrelser fra Tabell 1": replace(
            src, guests=register_guests, employees=p["huset_employees"]
        ),
        "D Bare Huset (gjester, ansatte og kostnad)": replace(
            src, employees=p["huset_employees"], cost=huset_only, cost_label=HUSET_ONLY
        ),
        "E C + B + bare Husets kostnad": replace(
            src,
            guests=register_guests,
            employees=p["huset_employees"],
            gain=arith_mid,
            cost=huset_only,
            cost_label=HUSET_ONLY,
        ),
    }


def table6_scenarios(params: pd.DataFrame, table1: pd.DataFrame) -> pd.DataFrame:
    """Every scenario at every harm-reduction level of Tabell 6.

    All gains are *associations* transferred from Gatelagene, not causal effects of Huset.

    Parameters
    ----------
    params
        The parameter table.
    table1
        Tabell 1.

    Returns
    -------
    pandas.DataFrame
        Columns scenario, guests, employees, gain_per_participant, cost_mnok, cost_label,
        reduction_pct, gross_mnok, net_mnok, gain_cost_ratio, break_even_pct.
    """
    levels = harm_reduction_levels(param_values(params))
    rows = []
    for name, s in scenarios(params, table1).items():
        per_pct = (s.guests + s.employees) * s.gain / PERCENT
        for lvl in levels:
            gross = per_pct * lvl
            rows.append(
                {
                    "scenario": name,
                    "guests": s.guests,
                    "employees": s.employees,
                    "gain_per_participant": s.gain,
                    "cost_mnok": s.cost,
                    "cost_label": s.cost_label,
                    "reduction_pct": lvl,
                    "gross_mnok": gross,
                    "net_mnok": gross - s.cost,
                    "gain_cost_ratio": gross / s.cost,
                    "break_even_pct": s.cost / per_pct,
                }
            )
    return pd.DataFrame(rows)
