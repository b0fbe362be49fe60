"""What the report states about a register, with intervals: trend, peak day, weekday profile.

The count model gives the trend (rate ratio per year, log-linear trend only) and the annual peak
day (first harmonic, only with season terms); their intervals come from the coefficients' sampling
distribution. The weekday profile is the model's weekday rate ratios relative to the mean open day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.visits.model import YEAR_DAYS, CountModelFit, weekday_effects

Z95 = 1.959963984540054
PEAK_DRAWS = 4000


@dataclass(frozen=True)
class Interval:
    """A point estimate with a central 95 % interval (NaN when the model has no such term)."""

    value: float
    low: float
    high: float

    @property
    def available(self) -> bool:
        """True when the estimate exists."""
        return not math.isnan(self.value)


NONE = Interval(float("nan"), float("nan"), float("nan"))


def trend_per_year(fit: CountModelFit) -> Interval:
    """Rate ratio of visits per open day per year from a log-linear trend, with 95 % CI.

    Parameters
    ----------
    fit : CountModelFit
        The count model; a spline trend (``trend_df > 1``) has no single rate ratio.

    Returns
    -------
    Interval
        The rate ratio per year, or NaN without a term ``t``.
    """
    t = fit.table.set_index("term")
    if "t" not in t.index:
        return NONE
    return Interval(float(t.loc["t", "rr"]), float(t.loc["t", "rr_low"]), float(t.loc["t", "rr_high"]))


def _circular_interval(doy: np.ndarray, centre: float) -> tuple[float, float]:
    """Central 95 % interval of day-of-year draws around ``centre`` (wrapped to +-half a year)."""
    off = (doy - centre + YEAR_DAYS / 2) % YEAR_DAYS - YEAR_DAYS / 2
    lo, hi = np.quantile(off, [0.025, 0.975])
    return float(centre + lo), float(centre + hi)


def peak_day(fit: CountModelFit, seed: int = 1) -> Interval:
    """Day of the year of the annual peak (first harmonic), with a simulated 95 % interval.

    Parameters
    ----------
    fit : CountModelFit
        The count model; without season terms there is no peak.
    seed : int
        Seed of the draws from the coefficients' sampling distribution.

    Returns
    -------
    Interval
        Peak day of the year (may run below 1 or above 365 at the ends: it is circular).
    """
    if not fit.season_order:
        return NONE
    names = ["sin1", "cos1"]
    mean = fit.result.params[names].to_numpy()
    cov = fit.result.cov_params().loc[names, names].to_numpy()
    draws = np.random.default_rng(seed).multivariate_normal(mean, cov, size=PEAK_DRAWS)
    doy = (np.degrees(np.arctan2(draws[:, 0], draws[:, 1])) % 360) / 360 * YEAR_DAYS
    low, high = _circular_interval(doy, fit.peak_doy)
    return Interval(fit.peak_doy, low, high)


def weekday_profile(fit: CountModelFit, seed: int = 1) -> pd.DataFrame:
    """The model's weekday rate ratios rescaled so that the mean observed open day is 1.

    The interval is simulated from the weekday coefficients' sampling distribution (each draw
    rescaled the same way), so the reference weekday has an interval too.

    Parameters
    ----------
    fit : CountModelFit
        The count model.
    seed : int
        Seed of the draws.

    Returns
    -------
    pandas.DataFrame
        ``weekday, weekday_nb, index, low, high, days`` for the weekdays with observed days.
    """
    eff = weekday_effects(fit).set_index("weekday_nb")
    days = fit.frame["weekday_nb"].value_counts()
    eff = eff.loc[[w for w in eff.index if w in days.index]]
    n = days.reindex(eff.index).to_numpy(dtype=float)
    terms = {w: f"C(weekday_nb, Treatment('man'))[T.{w}]" for w in eff.index}
    names = [t for t in terms.values() if t in fit.result.params.index]
    mean = fit.result.params[names].to_numpy()
    cov = fit.result.cov_params().loc[names, names].to_numpy()
    draws = np.random.default_rng(seed).multivariate_normal(mean, cov, size=PEAK_DRAWS)
    log_rr = np.zeros((PEAK_DRAWS, len(eff)))
    for j, w in enumerate(eff.index):
        if terms[w] in names:
            log_rr[:, j] = draws[:, names.index(terms[w])]
    rr = np.exp(log_rr)
    index = rr / ((rr * n).sum(axis=1, keepdims=True) / n.sum())
    point = eff["rr"].to_numpy() / float((eff["rr"].to_numpy() * n).sum() / n.sum())
    out = pd.DataFrame(
        {
            "weekday_nb": eff.index,
            "weekday": eff["weekday"].to_numpy(),
            "index": point,
            "low": np.quantile(index, 0.025, axis=0),
            "high": np.quantile(index, 0.975, axis=0),
            "days": n.astype(int),
        }
    )
    return out.sort_values("weekday").reset_index(drop=True)


def weekday_weights(fit: CountModelFit, daily: pd.DataFrame) -> pd.Series:
    """Each observed day's weekday weight (the model's weekday rate ratio, mean 1 over the days).

    Parameters
    ----------
    fit : CountModelFit
        The count model.
    daily : pandas.DataFrame
        The daily frame.

    Returns
    -------
    pandas.Series
        Weight per row of ``daily`` (NaN on days that are not observed).
    """
    rr = weekday_effects(fit).set_index("weekday_nb")["rr"]
    w = daily["weekday_nb"].map(rr).where(daily["observed"])
    return w / w.mean()
