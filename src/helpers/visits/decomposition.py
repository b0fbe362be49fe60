"""Seasonal decomposition of the weekly series of visits per open day, with guards.

Guards against what statsmodels does silently:

* ``STL`` with a NaN anywhere returns an all-NaN trend -> :func:`robust_stl` raises and names the
  first missing dates;
* ``STL`` accepts a period longer than half the series (e.g. 52 on 78 weeks) and returns a
  "seasonal" component fitted to a single cycle -> :func:`robust_stl` requires two full cycles;
* ``MSTL`` drops periods >= half the length with only a warning -> :func:`mstl_checked` raises.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.visits.model import YEAR_DAYS, CountModelFit


@dataclass(frozen=True)
class Decomposition:
    """A decomposition of the weekly log rate.

    ``mode`` is ``"stl"`` (annual STL) or ``"trend"`` (too short: a LOWESS trend only); ``reason``
    says why in English (the notebook words it in Norwegian); ``components`` has ``observed, trend,
    seasonal, resid``; ``amplitude`` and ``peak_doy`` describe the annual first harmonic of the
    seasonal component (NaN without one).
    """

    mode: str
    reason: str
    components: pd.DataFrame
    amplitude: float
    peak_doy: float


def weekly_rate_series(weekly: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Log visits per open day by week start, trimmed to observed ends; interior weeks with no
    observed day are filled by linear interpolation **explicitly** and returned as a flag series.

    Parameters
    ----------
    weekly : pandas.DataFrame
        Weekly totals (:func:`helpers.visits.series.period_totals` with ``freq="week"``).

    Returns
    -------
    (pandas.Series, pandas.Series)
        The log rate indexed by week start, and a boolean series marking the interpolated weeks.
    """
    s = pd.Series(
        np.log(weekly["per_open_day"].where(weekly["per_open_day"] > 0)).to_numpy(),
        index=pd.DatetimeIndex(weekly["start"]),
        name="log_rate",
    )
    s = s.loc[s.first_valid_index() : s.last_valid_index()]
    filled = s.isna()
    if filled.any():
        warnings.warn(
            f"{int(filled.sum())} week(s) without an observed open day were "
            "interpolated linearly before the decomposition",
            stacklevel=2,
        )
        s = s.interpolate(method="linear")
    return s, filled


def robust_stl(series: pd.Series, period: int, **kwargs: Any) -> Any:
    """Robust STL with guards: no missing values, at least two full cycles.

    The seasonal smoother is locally constant (``seasonal_deg=0``) unless ``kwargs`` say otherwise.

    statsmodels' STL returns an all-NaN trend when any value is NaN, and it accepts e.g. period 52
    on 78 weeks, fitting a "seasonal" pattern to a single cycle; both raise ValueError here.

    Parameters
    ----------
    series : pandas.Series
        The series, without missing values.
    period : int
        The seasonal period in observations.
    **kwargs
        Passed to :class:`statsmodels.tsa.seasonal.STL`.

    Returns
    -------
    statsmodels.tsa.seasonal.DecomposeResult
        ``trend``, ``seasonal`` and ``resid`` of the robust fit.

    Raises
    ------
    ValueError
        With a missing value or fewer than two full cycles.
    """
    s = pd.Series(series)
    n_missing = int(s.isna().sum())
    if n_missing:
        where = ", ".join(str(i)[:10] for i in s.index[s.isna()][:5])
        raise ValueError(
            f"STL input has {n_missing} missing value(s) (first: {where}); "
            "STL would return an all-NaN trend. Fill or drop them explicitly first."
        )
    if len(s) < 2 * period:
        raise ValueError(
            f"a seasonal period of {period} needs at least two full cycles "
            f"({2 * period} observations); the series has {len(s)}"
        )
    # with few cycles the default local-linear seasonal smoother (seasonal_deg=1) fits the first
    # and last cycle almost exactly (remainder ~0 there); a local mean across cycles does not
    opts = {"seasonal_deg": 0, **kwargs}
    from statsmodels.tsa.seasonal import STL

    return STL(s, period=period, robust=True, **opts).fit()


def mstl_checked(series: pd.Series, periods: list[int], **kwargs: Any) -> Any:
    """MSTL that raises instead of silently dropping periods >= half the series length.

    Parameters
    ----------
    series : pandas.Series
        The series, without missing values.
    periods : list of int
        The seasonal periods; each must be shorter than half the series.
    **kwargs
        Passed to :class:`statsmodels.tsa.seasonal.MSTL`.

    Returns
    -------
    statsmodels.tsa.seasonal.DecomposeResult
        One seasonal column per period, with trend and remainder.

    Raises
    ------
    ValueError
        With a missing value, or with a period MSTL would drop.
    """
    s = pd.Series(series)
    if s.isna().any():
        raise ValueError(f"MSTL input has {int(s.isna().sum())} missing value(s)")
    too_long = [p for p in periods if p >= len(s) / 2]
    if too_long:
        raise ValueError(
            f"MSTL would drop period(s) {too_long}: each period must be shorter "
            f"than half the series ({len(s)} observations)"
        )
    from statsmodels.tsa.seasonal import MSTL

    return MSTL(s, periods=periods, **kwargs).fit()


def first_harmonic(seasonal: pd.Series) -> tuple[float, float]:
    """Amplitude and peak day-of-year of the annual first harmonic fitted to a seasonal component.

    The half range (max - min) / 2 of an STL seasonal component is inflated by the noise it keeps
    (with four cycles, each week-of-year value averages only four noisy weeks); the least-squares
    first harmonic is the comparable measure of an annual cycle ``A cos(2 pi (doy - peak) / 365.25)``.
    Weekly values are placed at mid-week (start + 3 days).

    Parameters
    ----------
    seasonal : pandas.Series
        A weekly seasonal component indexed by week start.

    Returns
    -------
    (float, float)
        Amplitude (same scale as the input) and peak day of the year.
    """
    doy = (seasonal.index + pd.Timedelta(days=3)).day_of_year.to_numpy()
    x = 2 * np.pi * doy / YEAR_DAYS
    design = np.column_stack([np.sin(x), np.cos(x), np.ones(len(x))])
    b = np.linalg.lstsq(design, seasonal.to_numpy(), rcond=None)[0]
    return float(math.hypot(b[0], b[1])), float(
        (math.degrees(math.atan2(b[0], b[1])) % 360) / 360 * YEAR_DAYS
    )


def decompose_weekly(series: pd.Series, period: int = 52) -> Decomposition:
    """Annual STL when the weekly series has two full cycles; otherwise a trend only.

    Returns ``mode`` ('stl' or 'trend'), ``reason`` (English; the notebook words it in
    Norwegian), a frame ``components`` (observed, trend, seasonal, resid), and the annual
    ``amplitude`` and ``peak_doy`` of the seasonal component (:func:`first_harmonic`; NaN
    without one).

    Parameters
    ----------
    series : pandas.Series
        The weekly log rate (:func:`weekly_rate_series`, usually after :func:`remove_steps`).
    period : int
        The annual period in weeks.

    Returns
    -------
    Decomposition
        Mode, reason, components and the annual harmonic.
    """
    if len(series) >= 2 * period:
        res = robust_stl(series, period)
        comp = pd.DataFrame(
            {"observed": series, "trend": res.trend, "seasonal": res.seasonal, "resid": res.resid}
        )
        amp, peak = first_harmonic(comp["seasonal"])
        return Decomposition("stl", f"{len(series)} weeks >= two cycles of {period}", comp, amp, peak)
    from statsmodels.nonparametric.smoothers_lowess import lowess

    fitted = lowess(series.to_numpy(), np.arange(len(series)), frac=0.5, it=3, return_sorted=False)
    comp = pd.DataFrame(
        {"observed": series, "trend": fitted, "seasonal": 0.0, "resid": series.to_numpy() - fitted},
        index=series.index,
    )
    reason = f"{len(series)} weeks < two cycles of {period}"
    return Decomposition("trend", reason, comp, float("nan"), float("nan"))


def remove_steps(series: pd.Series, fit: CountModelFit, sign: int = -1) -> pd.Series:
    """Subtract the count model's regime steps from a weekly log-rate series.

    STL's trend smoother cannot follow a level shift: a step on 1 January would leak into the
    annual seasonal component. The steps are estimated by the count model (with trend and
    season), removed here, and the decomposition then describes the series *within* regimes.
    ``sign=+1`` adds them back (to draw the trend on the observed scale).

    Parameters
    ----------
    series : pandas.Series
        A weekly log-rate series indexed by week start.
    fit : helpers.visits.model.CountModelFit
        The count model whose step coefficients are removed.
    sign : int
        -1 removes the steps, +1 adds them back.

    Returns
    -------
    pandas.Series
        The adjusted series.
    """
    coefs = fit.result.params
    out = series.copy()
    for step, regime in zip(fit.steps, list(fit.starts.index)[1:], strict=True):
        out[out.index + pd.Timedelta(days=6) >= fit.starts[regime]] += sign * coefs[step]
    return out
