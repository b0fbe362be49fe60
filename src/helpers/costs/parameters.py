"""The parameter table (``huset_cost_parameters``): checks, values, ranges and the cost-per-visit ratio.

The parameter table is the one source of every input of the cost comparison. This module checks
its internal logic and turns it into the values and ranges the reproduction, the audit and the
sensitivity analyses use. It never reads a file: the notebook reads the table through
:mod:`helpers.costs.inputs`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.core.validation import DataValidationError

MILLION = 1_000_000
MONTHS_PER_YEAR = 12  # calendar constant: monthly figures x 12 = annual figures
WEEKS_PER_YEAR = 52  # calendar constant; Tabell 2 also prints 52 "aktive uker" (line 1616)
PERCENT = 100

# the five inputs of the Tabell 5 cost-per-visit ratio, in the order they are shown
RATIO_PARAMS = (
    "mo_alt2_annual_cost",
    "mo_gyldenpris_annual_visits",
    "huset_total_operating_costs_2025",
    "huset_rent_2025",
    "huset_annual_visits_2025",
)
PARAM_FILE = "data/raw/huset_cost_parameters.csv"
# the name of the proposed MO centre's budget alternative ("alternativ 2", seed 000 line 1923; the
# Tabell 5 column "(Alt. 2)", line 1957): the digit names the alternative, it is not a result
MO_ALTERNATIVE = 2
MO_UNIT_LABEL = f"MO-senter alt. {MO_ALTERNATIVE}"
_HARM_LEVEL = re.compile(r"harm_reduction_\d+pct")


def _bad(problems: list[dict[str, Any]], i: int, col: str, value: object, check: str) -> None:
    problems.append({"row": i + 1, "line": i + 2, "column": col, "value": value, "check": check})


def _against_reference(df: pd.DataFrame, reference: pd.DataFrame, problems: list[dict[str, Any]]) -> None:
    """Every parameter of the reference present once, none unknown, each in the reference's unit."""
    units = dict(zip(reference["param"], reference["unit_of_measure"], strict=True))
    for i, r in enumerate(df.itertuples(index=False)):
        if r.param not in units:
            _bad(problems, i, "param", r.param, "unknown parameter: not in the embedded parameter table")
        elif r.unit_of_measure != units[r.param]:
            _bad(
                problems,
                i,
                "unit_of_measure",
                r.unit_of_measure,
                f"the unit of {r.param} is {units[r.param]!r}",
            )
    missing = sorted(set(units) - set(df["param"]))
    if missing:
        problems.append(
            {
                "row": None,
                "line": None,
                "column": "param",
                "value": ", ".join(missing),
                "check": "missing parameters",
            }
        )


def check_parameters(
    df: pd.DataFrame, file: str = PARAM_FILE, reference: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Check the parameter table's internal logic (and, given a reference, its completeness).

    Parameters
    ----------
    df
        The parameter table (columns param, value, low, high, range_pct, distribution, ...).
    file
        The file name the error message names.
    reference
        The embedded parameter table: ``df`` (e.g. a student's own copy) must hold every one of
        its parameters, no other, each in the same ``unit_of_measure``.

    Returns
    -------
    pandas.DataFrame
        ``df`` itself. Raises :class:`helpers.core.validation.DataValidationError` naming the row
        and column when the table has no rows, a value or range is negative, a range does not
        contain its value, a sampled parameter has no range, a parameter name repeats, or
        (with ``reference``) a parameter is missing, unknown or in another unit.
    """
    problems: list[dict[str, Any]] = []
    if df.empty:
        raise DataValidationError(file, [{"check": "the parameter table has a header but no rows"}])
    for i, r in enumerate(df.itertuples(index=False)):
        for col in ("value", "low", "high", "range_pct"):
            x = getattr(r, col)
            if pd.notna(x) and x < 0:
                _bad(problems, i, col, x, "must not be negative")
        has_lh = pd.notna(r.low) and pd.notna(r.high)
        if pd.notna(r.low) and r.low > r.value:
            _bad(problems, i, "low", r.low, f"low is above value {r.value}")
        if pd.notna(r.high) and r.high < r.value:
            _bad(problems, i, "high", r.high, f"high is below value {r.value}")
        if pd.notna(r.range_pct) and not 0 < r.range_pct < PERCENT:
            _bad(
                problems,
                i,
                "range_pct",
                r.range_pct,
                f"must be a share of the value: above zero and below {PERCENT}",
            )
        if r.distribution == "uniform" and not has_lh:
            _bad(problems, i, "distribution", r.distribution, "uniform needs both low and high")
        if r.distribution == "triangular" and not (has_lh or pd.notna(r.range_pct)):
            _bad(problems, i, "distribution", r.distribution, "triangular needs low/high or range_pct")
    dup = df["param"].duplicated()
    for i in df.index[dup]:
        _bad(problems, int(i), "param", df.loc[i, "param"], "parameter name repeats")
    if reference is not None:
        _against_reference(df, reference, problems)
    if problems:
        raise DataValidationError(file, problems)
    return df


CHANGE_COLUMNS = ("value", "low", "high", "range_pct", "distribution")


def changed_parameters(df: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """The parameters whose value, range or distribution differ from the reference table.

    Parameters
    ----------
    df
        The parameter table in use (checked with ``reference`` by :func:`check_parameters`).
    reference
        The embedded parameter table.

    Returns
    -------
    pandas.DataFrame
        Columns param, label_nb, column, source, own: one row per changed cell, sorted by param and
        column; empty when ``df`` is the source's table.
    """
    ref = reference.set_index("param")
    rows = []
    for r in df.sort_values("param").itertuples(index=False):
        for col in CHANGE_COLUMNS:
            a, b = ref.loc[r.param, col], getattr(r, col)
            if not ((pd.isna(a) and pd.isna(b)) or (pd.notna(a) and pd.notna(b) and a == b)):
                rows.append({"param": r.param, "label_nb": r.label_nb, "column": col, "source": a, "own": b})
    return pd.DataFrame(rows, columns=["param", "label_nb", "column", "source", "own"])


def param_values(df: pd.DataFrame) -> dict[str, float]:
    """Every parameter's value by name.

    Parameters
    ----------
    df
        The parameter table.

    Returns
    -------
    dict of str to float
        ``{param: value}``.
    """
    return {r.param: float(r.value) for r in df.itertuples(index=False)}


def param_ranges(df: pd.DataFrame) -> pd.DataFrame:
    """Low/high of every parameter with a distribution: printed low/high, else value +/- range_pct.

    Parameters
    ----------
    df
        The parameter table.

    Returns
    -------
    pandas.DataFrame
        Columns param, label, value, low, high, distribution, range_reason, source_line; one row
        per parameter that is not ``fixed``.
    """
    rows = []
    for r in df.itertuples(index=False):
        if r.distribution == "fixed":
            continue
        if pd.notna(r.low) and pd.notna(r.high):
            low, high = float(r.low), float(r.high)
        else:
            low = float(r.value) * (1 - r.range_pct / PERCENT)
            high = float(r.value) * (1 + r.range_pct / PERCENT)
        rows.append(
            {
                "param": r.param,
                "label": r.label_nb,
                "value": float(r.value),
                "low": low,
                "high": high,
                "distribution": r.distribution,
                "range_reason": r.range_reason,
                "source_line": r.source_line,
            }
        )
    return pd.DataFrame(rows)


def gain_levels(df: pd.DataFrame) -> dict[str, float]:
    """Gain per participant at the three levels of Tabell 6.

    Parameters
    ----------
    df
        The parameter table; only its row ``gatelag_gain_per_participant`` (printed low,
        'midtpunkt' and high) is read.

    Returns
    -------
    dict
        ``low``/``mid``/``high``: the printed low, the printed 'midtpunkt' and the printed high.
    """
    row = df.set_index("param").loc["gatelag_gain_per_participant"]
    return {"low": float(row["low"]), "mid": float(row["value"]), "high": float(row["high"])}


def harm_reduction_levels(p: Mapping[str, float]) -> list[int]:
    """The harm-reduction levels (percent) of Tabell 6's rows, in ascending order.

    Parameters
    ----------
    p
        Parameter values by name.

    Returns
    -------
    list of int
        The values of every ``harm_reduction_<NN>pct`` parameter, sorted.
    """
    return sorted(int(v) for k, v in p.items() if _HARM_LEVEL.fullmatch(k))


def huset_comparable_cost_mnok(p: Mapping[str, float]) -> float:
    """Huset's 2025 costs excluding rent, in NOK million (the source's 8,258 − 1,11 = 7,148).

    Parameters
    ----------
    p
        Parameter values by name; ``huset_total_operating_costs_2025`` (kr) and
        ``huset_rent_2025`` (mill. kr) are used.

    Returns
    -------
    float
        Total operating costs 2025 / one million − rent (mill. kr).
    """
    return p["huset_total_operating_costs_2025"] / MILLION - p["huset_rent_2025"]


def company_cost_mnok(p: Mapping[str, float]) -> float:
    """Costs of the whole company Huset Bergen AS (Huset and Natthuset) in 2025, in NOK million.

    Parameters
    ----------
    p
        Parameter values by name.

    Returns
    -------
    float
        (Huset's total costs + Natthuset's salary and other costs) / one million.
    """
    return (
        p["huset_total_operating_costs_2025"]
        + p["natthuset_salary_costs_2025"]
        + p["natthuset_other_costs_2025"]
    ) / MILLION


def cost_per_visit(cost_mnok: Any, visits: Any) -> Any:
    """Annual cost per visit in kroner: the one cost-per-visit formula of the package.

    Parameters
    ----------
    cost_mnok
        Annual cost in NOK million (a float or a numpy array).
    visits
        Annual visits (same shape).

    Returns
    -------
    float or numpy.ndarray
        ``cost_mnok * 1 000 000 / visits``.
    """
    return cost_mnok * MILLION / visits


def cost_per_visit_ratio(v: Mapping[str, Any]) -> Any:
    """MO cost per visit / Huset cost per visit, as in Tabell 5 (works on numpy arrays too).

    Parameters
    ----------
    v
        The five :data:`RATIO_PARAMS` by name (floats, or arrays of draws).

    Returns
    -------
    float or numpy.ndarray
        MO: ``mo_alt2_annual_cost`` with ``mo_gyldenpris_annual_visits``; Huset: 2025 costs
        excluding rent with ``huset_annual_visits_2025``.
    """
    mo = cost_per_visit(v["mo_alt2_annual_cost"], v["mo_gyldenpris_annual_visits"])
    huset_mnok = v["huset_total_operating_costs_2025"] / MILLION - v["huset_rent_2025"]
    return mo / cost_per_visit(huset_mnok, v["huset_annual_visits_2025"])
