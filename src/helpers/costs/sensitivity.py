"""Extensions of the Tabell 5 comparison: unit costs, one-way sensitivity, worst case and break-even."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import pandas as pd

from helpers.costs.parameters import (
    MILLION,
    MO_UNIT_LABEL,
    MONTHS_PER_YEAR,
    PERCENT,
    RATIO_PARAMS,
    WEEKS_PER_YEAR,
    cost_per_visit_ratio,
    huset_comparable_cost_mnok,
    param_ranges,
    param_values,
)

_DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
_SPAN = re.compile(
    r"(?P<d1>[a-zæøå]+)(?:\s*-\s*(?P<d2>[a-zæøå]+))?\s+"
    r"(?P<h1>\d{1,2})[.:](?P<m1>\d{2})\s*-\s*(?P<h2>\d{1,2})[.:](?P<m2>\d{2})"
)
MINUTES_PER_HOUR = 60


def weekly_opening_hours(text: str) -> float:
    """Hours open per week from a Tabell 1 cell such as ``"Mandag - torsdag 10.00 - 21.00"``.

    Parameters
    ----------
    text
        Opening hours as printed; segments are separated by ``;`` and a day range counts every
        day from the first to the last.

    Returns
    -------
    float
        Hours per week.
    """
    total = 0.0
    for seg in str(text).split(";"):
        m = _SPAN.search(seg.strip().lower())
        if not m:
            raise ValueError(f"cannot read opening hours from {seg.strip()!r}")
        d1 = _DAYS.index(m["d1"])
        d2 = _DAYS.index(m["d2"]) if m["d2"] else d1
        hours = (int(m["h2"]) + int(m["m2"]) / MINUTES_PER_HOUR) - (
            int(m["h1"]) + int(m["m1"]) / MINUTES_PER_HOUR
        )
        total += (d2 - d1 + 1) * hours
    return total


def _unit_row(
    unit: str,
    basis: str,
    scope: str,
    cost: float,
    visits: float | None,
    users: tuple[float | None, float | None],
    fte: float | None,
    weekly: float | None,
) -> dict[str, object]:
    u_lo, u_hi = users
    return {
        "unit": unit,
        "cost_basis": basis,
        "scope": scope,
        "cost_nok": cost,
        "per_visit": cost / visits if visits else math.nan,
        "per_user_month_low": cost / MONTHS_PER_YEAR / u_hi if u_hi else math.nan,
        "per_user_month_high": cost / MONTHS_PER_YEAR / u_lo if u_lo else math.nan,
        "per_fte": cost / fte if fte else math.nan,
        "per_opening_hour": cost / (weekly * WEEKS_PER_YEAR) if weekly else math.nan,
        "weekly_hours": weekly,
    }


HUSET_SCOPE = "dagtilbud; ingen brukerrom eller helserom; prognose"
MO_SCOPE = (
    "foreslått senter med dagavdeling og brukerrom, ekskl. husleie, helserom og overdoseteam; "
    "nevnere fra MO-Gyldenpris (uten brukerrom)"
)


def _unit_rows(p: Mapping[str, float], table1: pd.DataFrame) -> list[dict[str, object]]:
    t1 = table1.set_index(["unit", "measure"])
    hours = {
        u: weekly_opening_hours(t1.loc[(u, "opening_hours"), "value_as_printed"])
        for u in ("huset", "mo_gyldenpris")
    }
    users = (
        p["huset_unique_users_per_month"],
        float(t1.loc[("huset", "mean_unique_users_per_month"), "value_high"]),
    )
    mo_users = p["mo_gyldenpris_unique_users_per_month"]
    visits, fte = p["huset_annual_visits_2025"], p["huset_fte"]
    rows = [
        _unit_row(
            "Huset",
            "2025, ekskl. husleie (som Tabell 5)",
            HUSET_SCOPE,
            huset_comparable_cost_mnok(p) * MILLION,
            visits,
            users,
            fte,
            hours["huset"],
        ),
        _unit_row(
            "Huset",
            "2025, inkl. husleie (Tabell 3)",
            HUSET_SCOPE,
            p["huset_total_operating_costs_2025"],
            visits,
            users,
            fte,
            hours["huset"],
        ),
        _unit_row(
            "Natthuset",
            "2025, totale driftskostnader (Tabell 3)",
            "nattilbud med senger; antall senger og overnattinger er ikke oppgitt",
            p["natthuset_salary_costs_2025"] + p["natthuset_other_costs_2025"],
            None,
            (None, None),
            None,
            None,
        ),
        _unit_row(
            MO_UNIT_LABEL,
            "budsjett (prisår ikke oppgitt)",
            MO_SCOPE,
            p["mo_alt2_annual_cost"] * MILLION,
            p["mo_gyldenpris_annual_visits"],
            (mo_users, mo_users),
            p["mo_gyldenpris_fte"],
            hours["mo_gyldenpris"],
        ),
    ]
    return rows


def unit_costs(p: Mapping[str, float], table1: pd.DataFrame) -> pd.DataFrame:
    """Annual cost per visit, per unique user per month, per FTE and per opening hour.

    Parameters
    ----------
    p
        Parameter values by name.
    table1
        Tabell 1 (opening hours, unique users per month).

    Returns
    -------
    pandas.DataFrame
        One row per unit and cost basis: Huset 2025 excl. rent (and incl. rent); Natthuset (total
        2025 costs only: seed 000 gives no bed count or bed-nights); MO alt. 2 (the proposed
        centre's budget with MO-Gyldenpris' visits, users, FTEs and hours as the only available
        denominators). Columns unit, cost_basis, scope, cost_nok, per_visit, per_user_month_low,
        per_user_month_high, per_fte, per_opening_hour, weekly_hours.
    """
    return pd.DataFrame(_unit_rows(p, table1))


def tornado(params: pd.DataFrame) -> pd.DataFrame:
    """One-way sensitivity of the cost-per-visit ratio over each ratio input's range.

    Parameters
    ----------
    params
        The parameter table.

    Returns
    -------
    pandas.DataFrame
        Columns param, label, value, low, high, ratio_at_low, ratio_at_high, base, swing; sorted by
        swing (largest first). Inputs without a range (rent) are listed with a zero swing.
    """
    p = param_values(params)
    base = cost_per_visit_ratio(p)
    rng = param_ranges(params).set_index("param")
    labels = params.set_index("param")["label_nb"]
    rows = []
    for name in RATIO_PARAMS:
        lo, hi = (rng.loc[name, "low"], rng.loc[name, "high"]) if name in rng.index else (p[name], p[name])
        r_lo = cost_per_visit_ratio({**p, name: lo})
        r_hi = cost_per_visit_ratio({**p, name: hi})
        rows.append(
            {
                "param": name,
                "label": labels[name],
                "value": p[name],
                "low": lo,
                "high": hi,
                "ratio_at_low": r_lo,
                "ratio_at_high": r_hi,
                "base": base,
                "swing": abs(r_hi - r_lo),
            }
        )
    return pd.DataFrame(rows).sort_values(["swing", "param"], ascending=[False, True], ignore_index=True)


def worst_case_ratio(params: pd.DataFrame) -> float:
    """The ratio with every input at the end of its range least favourable to Huset.

    Parameters
    ----------
    params
        The parameter table; each ratio input with a range is set to the end of its range that
        gives the lower ratio, one after the other in the order of ``RATIO_PARAMS``.

    Returns
    -------
    float
        The smallest cost-per-visit ratio the ranges allow.
    """
    p = param_values(params)
    rng = param_ranges(params).set_index("param")
    worst = dict(p)
    for name in RATIO_PARAMS:
        if name in rng.index:
            lo, hi = float(rng.loc[name, "low"]), float(rng.loc[name, "high"])
            at_lo, at_hi = (
                cost_per_visit_ratio({**worst, name: lo}),
                cost_per_visit_ratio({**worst, name: hi}),
            )
            worst[name] = lo if at_lo <= at_hi else hi  # min() keeps the first of two equal ratios
    return float(cost_per_visit_ratio(worst))


def break_even(p: Mapping[str, float], targets: tuple[float, ...] = (1.0, 2.0)) -> pd.DataFrame:
    """The value of one input at which the ratio falls to each target, others unchanged.

    The ratio is proportional to the MO budget and to Huset's visits, and inversely proportional
    to MO's visits and to Huset's costs excl. rent, so each break-even value is a rescaling.

    Parameters
    ----------
    p
        Parameter values by name.
    targets
        The ratios to reach.

    Returns
    -------
    pandas.DataFrame
        Columns param, value, target, break_even, change_pct.
    """
    base = cost_per_visit_ratio(p)
    rows = []
    for t in targets:
        f = t / base
        huset_ex = p["huset_total_operating_costs_2025"] - p["huset_rent_2025"] * MILLION
        cases = {
            "mo_alt2_annual_cost": p["mo_alt2_annual_cost"] * f,
            "huset_annual_visits_2025": p["huset_annual_visits_2025"] * f,
            "mo_gyldenpris_annual_visits": p["mo_gyldenpris_annual_visits"] / f,
            "huset_total_operating_costs_2025": huset_ex / f + p["huset_rent_2025"] * MILLION,
        }
        for name, be in cases.items():
            rows.append(
                {
                    "param": name,
                    "value": p[name],
                    "target": t,
                    "break_even": be,
                    "change_pct": (be / p[name] - 1) * PERCENT,
                }
            )
    return pd.DataFrame(rows)
