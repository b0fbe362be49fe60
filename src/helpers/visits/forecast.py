"""The forecast of ISO weeks 27-52 from the count model, as it should be done.

The count model is refitted on the days up to the end of week 26; every *open* day of weeks 27-52
(from the opening calendar: holidays closed, the current regime's opening days) is predicted, and
the interval is simulated from the coefficients' sampling distribution and the negative-binomial
noise (residual autocorrelation, if present, is not included).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from patsy import dmatrix

from helpers.visits import model
from helpers.visits.published import H1_LAST_WEEK, LAST_WEEK


@dataclass(frozen=True)
class ModelForecast:
    """The model forecast of weeks ``first_week``-``last_week`` of ``year``.

    ``h2`` is the point forecast (sum of expected visits over ``open_days`` open days), ``low`` and
    ``high`` the central prediction interval at ``level``; ``actual`` the registered total when the
    register covers the period (else None); ``fit`` the count model fitted up to week 26.
    """

    year: int
    first_week: int
    last_week: int
    h2: float
    low: float
    high: float
    level: float
    open_days: int
    actual: int | None
    fit: model.CountModelFit


def _future(daily: pd.DataFrame, cal: pd.DataFrame | None, year: int, h2: pd.Series) -> pd.DataFrame:
    if cal is None:
        return daily[h2]
    iso = cal["date"].dt.isocalendar()
    c = cal[(iso["year"] == year).to_numpy() & iso["week"].between(H1_LAST_WEEK + 1, LAST_WEEK).to_numpy()]
    c = c.assign(iso_year=year, iso_week=c["date"].dt.isocalendar()["week"].astype(int))
    return pd.concat(
        [c.assign(site=s, visits=np.nan, observed=False) for s in sorted(daily["site"].unique())],
        ignore_index=True,
    )


def _simulate(fit: model.CountModelFit, future: pd.DataFrame, n_sim: int, seed: int) -> np.ndarray:
    """Simulated totals: coefficients from their sampling distribution, then NB2 noise per day."""
    m = model.open_day_frame(fit, future)
    design = np.asarray(dmatrix(fit.result.model.data.model_spec, m, return_type="matrix"))
    rng = np.random.default_rng(seed)
    res = fit.result
    draws = rng.multivariate_normal(
        res.params.to_numpy(), res.cov_params().to_numpy(), size=n_sim, method="cholesky"
    )
    beta, alpha = draws[:, :-1], np.clip(draws[:, -1], 1e-6, None)
    mu_draws = np.exp(design @ beta.T).T  # n_sim x days
    shape = (1 / alpha)[:, None]
    lam = rng.gamma(np.broadcast_to(shape, mu_draws.shape), 1.0 / shape) * mu_draws
    return rng.poisson(lam).sum(axis=1)


def model_forecast(
    daily: pd.DataFrame,
    cal: pd.DataFrame | None = None,
    year: int = 2025,
    n_sim: int = 4000,
    seed: int = 1,
    level: float = 0.95,
    **fit_kwargs: Any,
) -> ModelForecast:
    """Forecast of ISO weeks 27-52 of ``year`` from data up to week 26.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`helpers.visits.series.daily_frame`).
    cal : pandas.DataFrame, optional
        The opening calendar; supplies the open days of weeks 27-52 when the register ends earlier.
    year : int
        The ISO year forecast.
    n_sim : int
        Simulation draws for the interval.
    seed : int
        Seed of the simulation.
    level : float
        Coverage of the central prediction interval.
    **fit_kwargs
        Passed to :func:`helpers.visits.model.fit_count_model`.

    Returns
    -------
    ModelForecast
        Point forecast, interval, number of open days and the actual total when covered.
    """
    cut = (daily["iso_year"] < year) | ((daily["iso_year"] == year) & (daily["iso_week"] <= H1_LAST_WEEK))
    h2 = (daily["iso_year"] == year) & (daily["iso_week"].between(H1_LAST_WEEK + 1, LAST_WEEK))
    fit = model.fit_count_model(daily[cut], **fit_kwargs)
    future = _future(daily, cal, year, h2)
    mu = model.predict_open_days(fit, future)
    sims = _simulate(fit, future, n_sim, seed)
    n_open = int(future["open"].sum())
    covered = (
        bool(h2.any())
        and int(daily.loc[h2, "observed"].sum()) == n_open
        and daily.loc[h2, "date"].max() >= future["date"].max()
    )
    tail = (1 - level) / 2
    return ModelForecast(
        year=year,
        first_week=H1_LAST_WEEK + 1,
        last_week=LAST_WEEK,
        h2=float(mu.sum()),
        low=float(np.quantile(sims, tail)),
        high=float(np.quantile(sims, 1 - tail)),
        level=level,
        open_days=len(mu),
        actual=int(daily.loc[h2, "visits"].sum()) if covered else None,
        fit=fit,
    )


@dataclass(frozen=True)
class ForecastSupport:
    """Whether the register can support a forecast of weeks 27-52 of ``year``.

    ``reason`` is ``"ok"``, ``"year_not_covered"`` (the register does not reach the end of week 26
    of ``year``) or ``"too_short"`` (fewer than ``min_weeks`` weeks up to the cut: the season, and
    so the forecast, cannot be told from the trend); ``weeks`` counts the weeks up to the cut.
    """

    year: int
    available: bool
    reason: str
    weeks: int
    min_weeks: int


def forecast_support(daily: pd.DataFrame, year: int, min_weeks: int) -> ForecastSupport:
    """Guard the forecast as the decomposition is guarded: the year covered, enough weeks before.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame.
    year : int
        The ISO year whose weeks 27-52 would be forecast.
    min_weeks : int
        Weeks of register needed up to the end of week 26 (two annual cycles, as for STL).

    Returns
    -------
    ForecastSupport
        Available or not, and why.
    """
    obs = daily[daily["observed"]]
    cut = (obs["iso_year"] < year) | ((obs["iso_year"] == year) & (obs["iso_week"] <= H1_LAST_WEEK))
    weeks = int(obs.loc[cut, ["iso_year", "iso_week"]].drop_duplicates().shape[0])
    last = obs.loc[cut]
    reaches = bool(len(last) and ((last["iso_year"] == year) & (last["iso_week"] >= H1_LAST_WEEK - 1)).any())
    if not reaches:
        return ForecastSupport(year, False, "year_not_covered", weeks, min_weeks)
    if weeks < min_weeks:
        return ForecastSupport(year, False, "too_short", weeks, min_weeks)
    return ForecastSupport(year, True, "ok", weeks, min_weeks)
