"""The count model of daily visits: negative-binomial (NB2) regression on open days.

``log E[visits] = log(exposure) + weekday + holiday-adjacent + steps at each change of opening days
+ trend (linear, or a natural cubic spline) + annual Fourier terms``. Closed days are not rows
(missing exposure), so a regime with more opening days is compared per open day.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.visits import calendar

YEAR_DAYS = 365.25
LJUNG_BOX_LAGS = (7, 14)
ACF_LAG = 1
# BLAS threads for the small model fits: more threads only add overhead and swing with machine load
BLAS_THREADS = 1


@dataclass(frozen=True)
class CountModelFit:
    """A fitted count model and its checks.

    ``result`` is the statsmodels results object; ``table`` the coefficients with rate ratios and
    CI (``term, coef, se, low, high, p, rr, rr_low, rr_high``); ``steps`` maps each step dummy to
    its change of regime (``"step1" -> "2 dager->3 dager"``); ``t0`` and ``starts`` (regime -> first
    date) define the trend and the steps for predictions. ``poisson_dispersion`` is Pearson
    chi2/df of the Poisson model with the same terms, ``nb_dispersion`` that of the NB2 model;
    ``acf`` the residual autocorrelation at lag ``acf_lag``. ``amplitude`` and ``peak_doy`` describe
    the annual first harmonic (NaN without season terms).
    """

    result: Any
    formula: str
    frame: pd.DataFrame
    table: pd.DataFrame
    fitted: pd.Series
    alpha: float
    alpha_ci: tuple[float, float]
    poisson_dispersion: float
    nb_dispersion: float
    ljung_box: pd.DataFrame
    acf: float
    acf_lag: int
    season_order: int
    span_years: float
    amplitude: float
    peak_doy: float
    steps: dict[str, str]
    t0: pd.Timestamp
    starts: pd.Series


def regime_starts(daily: pd.DataFrame) -> pd.Series:
    """First date of each regime in a daily frame, in date order.

    Parameters
    ----------
    daily : pandas.DataFrame
        A daily frame with ``regime`` and ``date``.

    Returns
    -------
    pandas.Series
        First date indexed by regime.
    """
    return daily.groupby("regime")["date"].min().sort_values()


def model_frame(daily: pd.DataFrame, t0: pd.Timestamp, starts: pd.Series) -> pd.DataFrame:
    """Observed open days with the regressors of :func:`fit_count_model`.

    Parameters
    ----------
    daily : pandas.DataFrame
        A daily frame (:func:`helpers.visits.series.daily_frame`).
    t0 : pandas.Timestamp
        Origin of the trend ``t`` (years).
    starts : pandas.Series
        Regime -> first date; defines the step dummies ``step1, step2, ...``. Pass the fit's
        starts for a forecast period that holds one regime only.

    Returns
    -------
    pandas.DataFrame
        The observed days with ``weekday_nb, t, sin1, cos1, sin2, cos2, adjacent (0/1), exposure``
        and the step dummies.
    """
    d = daily[daily["observed"]].copy()
    d["weekday_nb"] = [calendar.WEEKDAYS_NB[w] for w in d["weekday"]]
    d["t"] = (d["date"] - t0).dt.days / YEAR_DAYS
    doy = d["date"].dt.day_of_year
    for k in (1, 2):
        d[f"sin{k}"] = np.sin(2 * np.pi * k * doy / YEAR_DAYS)
        d[f"cos{k}"] = np.cos(2 * np.pi * k * doy / YEAR_DAYS)
    d["adjacent"] = d["adjacent"].astype(int)
    d["exposure"] = 1.0  # one open day; closed days are not rows (missing exposure)
    for i, r in enumerate(list(starts.index)[1:], start=1):
        d[f"step{i}"] = (d["date"] >= starts[r]).astype(int)
    return d.reset_index(drop=True)


def _step_labels(starts: pd.Series) -> dict[str, str]:
    regimes = list(starts.index)
    return {f"step{i}": f"{regimes[i - 1]}->{regimes[i]}" for i in range(1, len(regimes))}


def _formula(d: pd.DataFrame, steps: dict[str, str], season: int, trend_df: int) -> str:
    terms = ["C(weekday_nb, Treatment('man'))", "adjacent", *list(steps)]
    terms.append("t" if trend_df <= 1 else f"cr(t, df={trend_df})")
    for k in range(1, season + 1):
        terms += [f"sin{k}", f"cos{k}"]
    if len(d["site"].unique()) > 1:
        terms.append("C(site)")
    return "visits ~ " + " + ".join(terms)


def _coef_table(res: Any) -> pd.DataFrame:
    ci = res.conf_int()
    table = pd.DataFrame(
        {
            "term": res.params.index,
            "coef": res.params.to_numpy(),
            "se": res.bse.to_numpy(),
            "low": ci[0].to_numpy(),
            "high": ci[1].to_numpy(),
            "p": res.pvalues.to_numpy(),
        }
    )
    table["rr"], table["rr_low"], table["rr_high"] = (
        np.exp(table["coef"]),
        np.exp(table["low"]),
        np.exp(table["high"]),
    )
    return table


def _residual_series(d: pd.DataFrame, pearson: pd.Series) -> pd.Series:
    """Pearson residuals in date order (the mean over sites per date with several sites)."""
    if len(d["site"].unique()) > 1:
        return pd.Series(pearson.groupby(d["date"]).mean().to_numpy())
    return pd.Series(pearson.to_numpy()[d["date"].argsort(kind="stable")])


def _harmonic(res: Any, season: int) -> tuple[float, float]:
    if not season:
        return float("nan"), float("nan")
    b_s, b_c = float(res.params["sin1"]), float(res.params["cos1"])
    return math.hypot(b_s, b_c), (math.degrees(math.atan2(b_s, b_c)) % 360) / 360 * YEAR_DAYS


def _fit_nb_and_poisson(formula: str, d: pd.DataFrame) -> tuple[Any, Any]:
    """The NB2 fit (BFGS, then Newton from its estimate) and the Poisson GLM of the same design.

    The formula is turned into a design matrix once; the Poisson GLM reuses it. BLAS is pinned
    to :data:`BLAS_THREADS` threads for the fits (small matrices: threads only add overhead).
    """
    import statsmodels.api as sm
    import statsmodels.formula.api as smf
    from threadpoolctl import threadpool_limits

    exposure = d["exposure"].to_numpy()
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = smf.negativebinomial(formula, d, exposure=exposure)
        res = model.fit(disp=0, maxiter=300, method="bfgs")
        res = model.fit(start_params=res.params, disp=0, maxiter=100, method="newton")
        pois = sm.GLM(model.endog, model.exog, family=sm.families.Poisson(), exposure=exposure).fit()
    return res, pois


def _ljung_box(resid: pd.Series) -> pd.DataFrame:
    from statsmodels.stats.diagnostic import acorr_ljungbox

    return acorr_ljungbox(resid, lags=list(LJUNG_BOX_LAGS)).reset_index(names="lag")


def fit_count_model(
    daily: pd.DataFrame, fourier_order: int = 1, trend_df: int = 1, min_years_for_season: float = 2.0
) -> CountModelFit:
    """Negative-binomial (NB2) regression of daily visits on open days.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`helpers.visits.series.daily_frame`).
    fourier_order, min_years_for_season : int, float
        Annual harmonics, used only when the observed span covers ``min_years_for_season`` years.
    trend_df : int
        1: log-linear trend; more: a natural cubic spline with this many degrees of freedom.

    Returns
    -------
    CountModelFit
        The fit, coefficient table, overdispersion and residual-autocorrelation checks, and the
        annual amplitude (log scale).
    """
    t0, starts = daily["date"].min(), regime_starts(daily)
    steps = _step_labels(starts)
    d = model_frame(daily, t0, starts)
    span_years = (d["date"].max() - d["date"].min()).days / YEAR_DAYS
    season = fourier_order if span_years >= min_years_for_season else 0
    formula = _formula(d, steps, season, trend_df)
    res, pois = _fit_nb_and_poisson(formula, d)
    ci = res.conf_int()
    mu = res.predict(d, exposure=d["exposure"].to_numpy())
    alpha = float(res.params["alpha"])
    pearson = (d["visits"] - mu) / np.sqrt(mu + alpha * mu**2)
    resid_series = _residual_series(d, pearson)
    amp, phase = _harmonic(res, season)
    return CountModelFit(
        result=res,
        formula=formula,
        frame=d,
        table=_coef_table(res),
        fitted=mu,
        alpha=alpha,
        alpha_ci=(float(ci.loc["alpha", 0]), float(ci.loc["alpha", 1])),
        poisson_dispersion=float(pois.pearson_chi2 / pois.df_resid),
        nb_dispersion=float((pearson**2).sum() / (len(d) - len(res.params))),
        ljung_box=_ljung_box(resid_series),
        acf=float(resid_series.autocorr(ACF_LAG)),
        acf_lag=ACF_LAG,
        season_order=season,
        span_years=span_years,
        amplitude=amp,
        peak_doy=phase,
        steps=steps,
        t0=t0,
        starts=starts,
    )


def regime_effects(fit: CountModelFit) -> pd.DataFrame:
    """Rate ratio (visits per open day) at each change of opening regime, with 95 % CI.

    Parameters
    ----------
    fit : CountModelFit
        The model whose step terms (``fit.steps``) are read.

    Returns
    -------
    pandas.DataFrame
        One row per change in date order: ``change, rr, rr_low, rr_high, p``.
    """
    t = fit.table.set_index("term")
    rows = [
        {
            "change": label,
            "rr": t.loc[s, "rr"],
            "rr_low": t.loc[s, "rr_low"],
            "rr_high": t.loc[s, "rr_high"],
            "p": t.loc[s, "p"],
        }
        for s, label in fit.steps.items()
    ]
    return pd.DataFrame(rows)


def weekday_effects(fit: CountModelFit) -> pd.DataFrame:
    """Weekday rate ratios relative to Monday, with 95 % CI (Monday = 1).

    Parameters
    ----------
    fit : CountModelFit
        Its weekday terms ``C(weekday_nb, Treatment('man'))[T.…]`` are read.

    Returns
    -------
    pandas.DataFrame
        Sorted by weekday: ``weekday_nb, rr, rr_low, rr_high, weekday``.
    """
    t = fit.table
    rows = [{"weekday_nb": "man", "rr": 1.0, "rr_low": 1.0, "rr_high": 1.0}]
    for _, r in t[t["term"].str.startswith("C(weekday_nb")].iterrows():
        rows.append(
            {
                "weekday_nb": r["term"].split("[T.")[1].rstrip("]"),
                "rr": r["rr"],
                "rr_low": r["rr_low"],
                "rr_high": r["rr_high"],
            }
        )
    out = pd.DataFrame(rows)
    out["weekday"] = out["weekday_nb"].map(calendar.WEEKDAYS_NB.index)
    return out.sort_values("weekday").reset_index(drop=True)


def open_day_frame(fit: CountModelFit, daily: pd.DataFrame) -> pd.DataFrame:
    """Every *open* day of ``daily`` (observed or not) with the fit's regressors.

    Parameters
    ----------
    fit : CountModelFit
        A fitted count model (its ``t0`` and ``starts`` define trend and steps).
    daily : pandas.DataFrame
        A daily frame, possibly a future period without visits.

    Returns
    -------
    pandas.DataFrame
        :func:`model_frame` of the open days (unknown visits set to 0).
    """
    d = daily[daily["open"]].copy()
    d["observed"] = True
    d["visits"] = d["visits"].fillna(0)
    return model_frame(d, t0=fit.t0, starts=fit.starts)


def predict_open_days(fit: CountModelFit, daily: pd.DataFrame) -> pd.Series:
    """Expected visits on every *open* calendar day of ``daily`` (observed or not).

    Parameters
    ----------
    fit : CountModelFit
        A fitted count model.
    daily : pandas.DataFrame
        A daily frame.

    Returns
    -------
    pandas.Series
        Expected visits indexed by date.
    """
    m = open_day_frame(fit, daily)
    return pd.Series(
        fit.result.predict(m, exposure=m["exposure"].to_numpy()).to_numpy(), index=m["date"].to_numpy()
    )
