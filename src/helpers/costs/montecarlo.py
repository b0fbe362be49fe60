"""Monte Carlo simulation of the cost-per-visit ratio over the parameter table's ranges (seeded)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.costs.parameters import RATIO_PARAMS, cost_per_visit_ratio, param_ranges, param_values

LOWER_QUANTILE, UPPER_QUANTILE = 0.025, 0.975  # the conventional 95 % interval
# the documented minimum of mc_draws (params/04_cost_comparison.yml, README): with fewer draws the
# 2,5 % and 97,5 % quantiles rest on too few draws to be quoted with one decimal
MIN_DRAWS = 10_000


def check_draws(n: int, minimum: int = MIN_DRAWS) -> int:
    """Refuse a number of Monte Carlo draws below the documented minimum.

    Parameters
    ----------
    n
        The requested number of draws (``mc_draws``).
    minimum
        The smallest accepted number (default :data:`MIN_DRAWS`; tests pass a smaller one).

    Returns
    -------
    int
        ``n``; raises ``ValueError`` naming the parameter and the minimum when it is smaller.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < minimum:
        raise ValueError(
            f"mc_draws = {n!r} (params/04_cost_comparison.yml): "
            f"the Monte Carlo needs at least {minimum} draws"
        )
    return n


@dataclass(frozen=True)
class MonteCarloSummary:
    """Summary of the simulated ratio: draws, seed, median, 95 % interval, P(ratio > 1), P(> 2), min."""

    n: int
    seed: int
    median: float
    q025: float
    q975: float
    p_gt_1: float
    p_gt_2: float
    min: float


@dataclass(frozen=True)
class MonteCarloResult:
    """The simulated ratios (one per draw) and their summary."""

    ratio: pd.Series
    summary: MonteCarloSummary


def draw(params: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """``n`` independent draws of every ratio input from its distribution (seeded).

    Parameters
    ----------
    params
        The parameter table.
    n
        Number of draws.
    seed
        Seed of numpy's default generator.

    Returns
    -------
    pandas.DataFrame
        One column per :data:`helpers.costs.parameters.RATIO_PARAMS` input: triangular(low,
        value, high) or uniform(low, high); fixed inputs are constant. Draw order is the order of
        the inputs, so a seed always gives the same draws.
    """
    rng = np.random.default_rng(seed)
    p = param_values(params)
    ranges = param_ranges(params).set_index("param")
    out = {}
    for name in RATIO_PARAMS:
        if name not in ranges.index:
            out[name] = np.full(n, p[name])
            continue
        r = ranges.loc[name]
        if r["distribution"] == "triangular":
            out[name] = rng.triangular(r["low"], r["value"], r["high"], n)
        else:
            out[name] = rng.uniform(r["low"], r["high"], n)
    return pd.DataFrame(out)


def monte_carlo(params: pd.DataFrame, n: int, seed: int) -> MonteCarloResult:
    """The cost-per-visit ratio for ``n`` seeded draws, and its summary.

    Parameters
    ----------
    params
        The parameter table.
    n
        How many draws (the notebook's ``mc_draws``, at least 10 000 there).
    seed
        Seed of the random generator (``mc_seed``), so the summary is reproducible.

    Returns
    -------
    MonteCarloResult
        The ratio per draw and a :class:`MonteCarloSummary`.
    """
    d = draw(params, n, seed)
    ratio = pd.Series(cost_per_visit_ratio(d), name="ratio")
    summary = MonteCarloSummary(
        n=n,
        seed=seed,
        median=float(ratio.median()),
        q025=float(ratio.quantile(LOWER_QUANTILE)),
        q975=float(ratio.quantile(UPPER_QUANTILE)),
        p_gt_1=float((ratio > 1).mean()),
        p_gt_2=float((ratio > 2).mean()),
        min=float(ratio.min()),
    )
    return MonteCarloResult(ratio, summary)
