"""Visit counts with the opening calendar: totals, rates per open day, decomposition, count model.

Everything here takes a daily frame built by :func:`daily_frame` from a register
(:mod:`helpers.visits.register`) and an opening calendar (:mod:`helpers.visits.calendar`).
Closed days and open
days without a register row are *missing exposure*: they carry no visits value and never count as
zero.

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
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
import statsmodels.formula.api as smf
from statsmodels.stats.diagnostic import acorr_ljungbox
from statsmodels.tsa.seasonal import MSTL, STL

from helpers.core.formatting import fmt_num
from helpers.core.style import WIDTH_IN, nb_axis
from helpers.visits import calendar

YEAR_DAYS = 365.25


# --------------------------------------------------------------------------------------------
# daily frame, totals, rates
# --------------------------------------------------------------------------------------------


def daily_frame(register: pd.DataFrame, cal: pd.DataFrame) -> pd.DataFrame:
    """One row per site and calendar day of the register's span, with calendar columns.

    ``observed`` is true on open days with a register row; ``visits`` is NaN on every other day
    (closed, or open but missing from the register). Register rows on closed days are kept out of
    the analysis (see :func:`helpers.visits.register.check_against_calendar`).
    """
    frames = []
    c = cal.set_index("date")
    for site, g in register.groupby("site", sort=True):
        span = c.loc[g["date"].min() : g["date"].max()].reset_index()
        if span.empty or span["date"].min() > g["date"].min() or span["date"].max() < g["date"].max():
            raise ValueError(
                f"site {site!r}: the opening calendar does not cover the register "
                f"({g['date'].min().date()} to {g['date'].max().date()})"
            )
        v = g.set_index("date")["visits"]
        span["site"] = site
        span["visits"] = span["date"].map(v).astype("float64")
        span["observed"] = span["open"] & span["visits"].notna()
        span.loc[~span["observed"], "visits"] = np.nan
        frames.append(span)
    out = pd.concat(frames, ignore_index=True)
    iso = out["date"].dt.isocalendar()
    out["iso_year"] = iso["year"].astype(int)
    out["iso_week"] = iso["week"].astype(int)
    out["weekday_nb"] = [calendar.WEEKDAYS_NB[w] for w in out["weekday"]]
    cols = [
        "site",
        "date",
        "iso_year",
        "iso_week",
        "weekday",
        "weekday_nb",
        "regime",
        "days_per_week",
        "scheduled",
        "holiday",
        "closure",
        "open",
        "adjacent",
        "observed",
        "visits",
    ]
    return out[cols]


def period_totals(daily: pd.DataFrame, freq: str = "week") -> pd.DataFrame:
    """Totals per ISO week (``freq='week'``) or calendar month (``'month'``), all sites summed.

    Columns: the period keys, ``start``, ``visits``, ``open_days`` (calendar), ``observed_days``,
    ``gap_days`` (open but unregistered), ``per_open_day`` (visits / observed days; NaN when no
    day was observed), ``days_in_span`` and flags ``partial`` (the period extends beyond the
    register's first or last day) and ``week53``.
    """
    d = daily.copy()
    if freq == "week":
        keys = ["iso_year", "iso_week"]
        d["start"] = d["date"] - pd.to_timedelta(d["weekday"], unit="D")
        full_len = pd.Series(7, index=d.index)
    elif freq == "month":
        d["year"], d["month"] = d["date"].dt.year, d["date"].dt.month
        keys = ["year", "month"]
        d["start"] = d["date"].dt.to_period("M").dt.start_time
        full_len = d["date"].dt.days_in_month
    else:
        raise ValueError(f"freq must be 'week' or 'month', not {freq!r}")
    d["full_len"] = full_len
    n_sites = d["site"].nunique()
    g = d.groupby(keys, sort=True)
    out = g.agg(
        start=("start", "min"),
        visits=("visits", "sum"),
        open_days=("open", "sum"),
        observed_days=("observed", "sum"),
        days_in_span=("date", "size"),
        full_len=("full_len", "first"),
    ).reset_index()
    out["days_in_span"] = out["days_in_span"] // n_sites
    out["gap_days"] = out["open_days"] - out["observed_days"]
    out["visits"] = out["visits"].astype("int64")
    out["per_open_day"] = np.where(
        out["observed_days"] > 0,
        out["visits"] / out["observed_days"].where(out["observed_days"] > 0, 1),
        np.nan,
    )
    out["partial"] = out["days_in_span"] < out["full_len"]
    out["week53"] = (out["iso_week"] == 53) if freq == "week" else False
    return out.drop(columns="full_len")


def weekday_profile(daily: pd.DataFrame) -> pd.DataFrame:
    """Weekday index within each opening regime, free of trend and season.

    For every complete week (all scheduled days open and registered) each day's visits are
    divided by that week's mean per open day; the index is the mean of these ratios over weeks
    (1 = an average open day of the regime), with its standard error and the number of weeks.
    """
    d = daily[daily["scheduled"]].copy()
    g = d.groupby(["site", "iso_year", "iso_week", "regime"], sort=True)
    full = g["observed"].transform("all") & (g["regime"].transform("nunique") == 1)
    d = d[full & d["observed"]]
    wk_mean = d.groupby(["site", "iso_year", "iso_week"])["visits"].transform("mean")
    d = d.assign(ratio=d["visits"] / wk_mean)
    d = d[wk_mean > 0]
    out = (
        d.groupby(["regime", "weekday", "weekday_nb"], sort=True)["ratio"]
        .agg(index="mean", sd="std", n_weeks="size")
        .reset_index()
    )
    out["se"] = out["sd"] / np.sqrt(out["n_weeks"])
    order = {r: i for i, r in enumerate(dict.fromkeys(daily.sort_values("date")["regime"]))}
    out = out.sort_values(
        ["regime", "weekday"], key=lambda s: s.map(order) if s.name == "regime" else s
    ).reset_index(drop=True)
    return out.drop(columns="sd")


# --------------------------------------------------------------------------------------------
# decomposition with guards
# --------------------------------------------------------------------------------------------


def weekly_rate_series(weekly: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Log visits per open day by week start, trimmed to observed ends; interior weeks with no
    observed day are filled by linear interpolation **explicitly** and returned as a flag series.
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


def robust_stl(series: pd.Series, period: int, **kwargs: Any):
    """Robust STL with guards: no missing values, at least two full cycles.

    The seasonal smoother is locally constant (``seasonal_deg=0``) unless ``kwargs`` say otherwise.

    statsmodels' STL returns an all-NaN trend when any value is NaN, and it accepts e.g. period 52
    on 78 weeks, fitting a "seasonal" pattern to a single cycle; both raise ValueError here.
    """
    s = pd.Series(series)
    if s.isna().any():
        where = ", ".join(str(i)[:10] for i in s.index[s.isna()][:5])
        raise ValueError(
            f"STL input has {int(s.isna().sum())} missing value(s) (first: {where}); "
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
    return STL(s, period=period, robust=True, **opts).fit()


def mstl_checked(series: pd.Series, periods: list[int], **kwargs: Any):
    """MSTL that raises instead of silently dropping periods >= half the series length."""
    s = pd.Series(series)
    if s.isna().any():
        raise ValueError(f"MSTL input has {int(s.isna().sum())} missing value(s)")
    too_long = [p for p in periods if p >= len(s) / 2]
    if too_long:
        raise ValueError(
            f"MSTL would drop period(s) {too_long}: each period must be shorter "
            f"than half the series ({len(s)} observations)"
        )
    return MSTL(s, periods=periods, **kwargs).fit()


def first_harmonic(seasonal: pd.Series) -> tuple[float, float]:
    """Amplitude and peak day-of-year of the annual first harmonic fitted to a seasonal component.

    The half range (max - min) / 2 of an STL seasonal component is inflated by the noise it keeps
    (with four cycles, each week-of-year value averages only four noisy weeks); the least-squares
    first harmonic is the comparable measure of an annual cycle ``A cos(2 pi (doy - peak) / 365.25)``.
    Weekly values are placed at mid-week (start + 3 days).
    """
    doy = (seasonal.index + pd.Timedelta(days=3)).day_of_year.to_numpy()
    x = 2 * np.pi * doy / YEAR_DAYS
    design = np.column_stack([np.sin(x), np.cos(x), np.ones(len(x))])
    b = np.linalg.lstsq(design, seasonal.to_numpy(), rcond=None)[0]
    return float(math.hypot(b[0], b[1])), float(
        (math.degrees(math.atan2(b[0], b[1])) % 360) / 360 * YEAR_DAYS
    )


def decompose_weekly(series: pd.Series, period: int = 52) -> dict[str, Any]:
    """Annual STL when the weekly series has two full cycles; otherwise a trend only.

    Returns ``mode`` ('stl' or 'trend'), ``reason`` (English; the notebook words it in
    Norwegian), a frame ``components`` (observed, trend, seasonal, resid), and the annual
    ``amplitude`` and ``peak_doy`` of the seasonal component (:func:`first_harmonic`; NaN
    without one).
    """
    if len(series) >= 2 * period:
        res = robust_stl(series, period)
        comp = pd.DataFrame(
            {"observed": series, "trend": res.trend, "seasonal": res.seasonal, "resid": res.resid}
        )
        amp, peak = first_harmonic(comp["seasonal"])
        return {
            "mode": "stl",
            "reason": f"{len(series)} weeks >= two cycles of {period}",
            "components": comp,
            "amplitude": amp,
            "peak_doy": peak,
        }
    from statsmodels.nonparametric.smoothers_lowess import lowess

    fitted = lowess(series.to_numpy(), np.arange(len(series)), frac=0.5, it=3, return_sorted=False)
    comp = pd.DataFrame(
        {"observed": series, "trend": fitted, "seasonal": 0.0, "resid": series.to_numpy() - fitted},
        index=series.index,
    )
    return {
        "mode": "trend",
        "reason": f"{len(series)} weeks < two cycles of {period}",
        "components": comp,
        "amplitude": float("nan"),
        "peak_doy": float("nan"),
    }


def remove_steps(series: pd.Series, fit: dict[str, Any], sign: int = -1) -> pd.Series:
    """Subtract the count model's regime steps from a weekly log-rate series.

    STL's trend smoother cannot follow a level shift: a step on 1 January would leak into the
    annual seasonal component. The steps are estimated by the count model (with trend and
    season), removed here, and the decomposition then describes the series *within* regimes.
    ``sign=+1`` adds them back (to draw the trend on the observed scale).
    """
    starts = fit["frame"].attrs["starts"]
    coefs = fit["result"].params
    out = series.copy()
    for step, regime in zip(fit["steps"], list(starts.index)[1:], strict=True):
        out[out.index + pd.Timedelta(days=6) >= starts[regime]] += sign * coefs[step]
    return out


# --------------------------------------------------------------------------------------------
# count model
# --------------------------------------------------------------------------------------------


def model_frame(
    daily: pd.DataFrame, t0: pd.Timestamp | None = None, starts: pd.Series | None = None
) -> pd.DataFrame:
    """Observed open days with the regressors of :func:`fit_count_model`.

    ``starts`` (regime -> first date) defines the step dummies; by default it is taken from
    ``daily`` itself, which is wrong for a forecast period that holds one regime only.
    """
    d = daily[daily["observed"]].copy()
    d["weekday_nb"] = [calendar.WEEKDAYS_NB[w] for w in d["weekday"]]
    t0 = t0 if t0 is not None else daily["date"].min()
    d["t"] = (d["date"] - t0).dt.days / YEAR_DAYS
    doy = d["date"].dt.day_of_year
    for k in (1, 2):
        d[f"sin{k}"] = np.sin(2 * np.pi * k * doy / YEAR_DAYS)
        d[f"cos{k}"] = np.cos(2 * np.pi * k * doy / YEAR_DAYS)
    d["adjacent"] = d["adjacent"].astype(int)
    d["exposure"] = 1.0  # one open day; closed days are not rows (missing exposure)
    if starts is None:
        starts = daily.groupby("regime")["date"].min().sort_values()
    regimes = list(starts.index)
    for i, r in enumerate(regimes[1:], start=1):
        d[f"step{i}"] = (d["date"] >= starts[r]).astype(int)
    d.attrs["steps"] = {f"step{i}": f"{regimes[i - 1]}->{regimes[i]}" for i in range(1, len(regimes))}
    d.attrs["t0"] = t0
    d.attrs["starts"] = starts
    return d.reset_index(drop=True)


def fit_count_model(
    daily: pd.DataFrame, fourier_order: int = 1, trend_df: int = 1, min_years_for_season: float = 2.0
) -> dict[str, Any]:
    """Negative-binomial (NB2) regression of daily visits on open days.

    ``log E[visits] = log(exposure) + weekday + holiday-adjacent + steps at each change of opening
    days + trend (linear, or a natural cubic spline with ``trend_df`` > 1) + annual Fourier terms``
    where the Fourier terms enter only when the observed span covers ``min_years_for_season``
    years. Returns the fitted result, a coefficient table (rate ratios with 95 % CI), alpha, the
    overdispersion and residual-autocorrelation checks, and the annual amplitude (log scale).
    """
    d = model_frame(daily)
    span_years = (d["date"].max() - d["date"].min()).days / YEAR_DAYS
    season = fourier_order if span_years >= min_years_for_season else 0
    terms = ["C(weekday_nb, Treatment('man'))", "adjacent", *list(d.attrs["steps"])]
    terms.append("t" if trend_df <= 1 else f"cr(t, df={trend_df})")
    for k in range(1, season + 1):
        terms += [f"sin{k}", f"cos{k}"]
    multi_site = len(d["site"].unique()) > 1
    if multi_site:
        terms.append("C(site)")
    formula = "visits ~ " + " + ".join(terms)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = smf.negativebinomial(formula, d, exposure=d["exposure"].to_numpy())
        res = model.fit(disp=0, maxiter=300, method="bfgs")
        res = model.fit(start_params=res.params, disp=0, maxiter=100, method="newton")
        pois = smf.glm(formula, d, family=_poisson(), exposure=d["exposure"].to_numpy()).fit()
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
    mu = res.predict(d, exposure=d["exposure"].to_numpy())
    alpha = float(res.params["alpha"])
    pearson = (d["visits"] - mu) / np.sqrt(mu + alpha * mu**2)
    n, k = len(d), len(res.params)
    order = d["date"].argsort(kind="stable")
    resid_series = pd.Series(pearson.to_numpy()[order])
    if multi_site:
        resid_series = pd.Series(pearson.groupby(d["date"]).mean().to_numpy())
    lb = acorr_ljungbox(resid_series, lags=[7, 14])
    amp = phase = float("nan")
    if season:
        b_s, b_c = float(res.params["sin1"]), float(res.params["cos1"])
        amp = math.hypot(b_s, b_c)
        phase = (math.degrees(math.atan2(b_s, b_c)) % 360) / 360 * YEAR_DAYS
    return {
        "result": res,
        "formula": formula,
        "frame": d,
        "table": table,
        "fitted": mu,
        "alpha": alpha,
        "alpha_ci": (float(ci.loc["alpha", 0]), float(ci.loc["alpha", 1])),
        "poisson_dispersion": float(pois.pearson_chi2 / pois.df_resid),
        "nb_dispersion": float((pearson**2).sum() / (n - k)),
        "ljung_box": lb.reset_index(names="lag"),
        "acf1": float(resid_series.autocorr(1)),
        "season_order": season,
        "span_years": span_years,
        "amplitude": amp,
        "peak_doy": phase,
        "steps": d.attrs["steps"],
    }


def _design_matrix(fit: dict[str, Any], daily: pd.DataFrame) -> np.ndarray:
    from patsy import dmatrix

    d = daily[daily["open"]].copy()
    d["observed"] = True
    d["visits"] = d["visits"].fillna(0)
    m = model_frame(d, t0=fit["frame"].attrs["t0"], starts=fit["frame"].attrs["starts"])
    info = fit["result"].model.data.model_spec
    return np.asarray(dmatrix(info, m, return_type="matrix"))


def _poisson():
    import statsmodels.api as sm

    return sm.families.Poisson()


def regime_effects(fit: dict[str, Any]) -> pd.DataFrame:
    """Rate ratio (visits per open day) at each change of opening regime, with 95 % CI."""
    t = fit["table"].set_index("term")
    rows = [
        {
            "change": label,
            "rr": t.loc[s, "rr"],
            "rr_low": t.loc[s, "rr_low"],
            "rr_high": t.loc[s, "rr_high"],
            "p": t.loc[s, "p"],
        }
        for s, label in fit["steps"].items()
    ]
    return pd.DataFrame(rows)


def weekday_effects(fit: dict[str, Any]) -> pd.DataFrame:
    """Weekday rate ratios relative to Monday, with 95 % CI (Monday = 1)."""
    t = fit["table"]
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


def predict_open_days(fit: dict[str, Any], daily: pd.DataFrame) -> pd.Series:
    """Expected visits on every *open* calendar day of ``daily`` (observed or not)."""
    d = daily[daily["open"]].copy()
    d["observed"] = True
    d["visits"] = d["visits"].fillna(0)
    m = model_frame(d, t0=fit["frame"].attrs["t0"], starts=fit["frame"].attrs["starts"])
    return pd.Series(
        fit["result"].predict(m, exposure=m["exposure"].to_numpy()).to_numpy(), index=m["date"].to_numpy()
    )


# --------------------------------------------------------------------------------------------
# seed 000's figures, recomputed
# --------------------------------------------------------------------------------------------


def seed_figures(daily: pd.DataFrame, capacity: float, peak_low: float, year: int = 2025) -> dict[str, Any]:
    """Seed 000's register figures recomputed from a register (all sites summed).

    First half = ISO weeks 1-26 of ``year`` (as the seed defines it, line 1166).
    """
    d = (
        daily.groupby("date", sort=True)
        .agg(
            visits=("visits", "sum"),
            open=("open", "any"),
            observed=("observed", "any"),
            iso_year=("iso_year", "first"),
            iso_week=("iso_week", "first"),
        )
        .reset_index()
    )
    h1 = d[(d["iso_year"] == year) & (d["iso_week"] <= 26)]
    weeks = h1.groupby("iso_week").agg(visits=("visits", "sum"), open_days=("open", "sum"))
    pw = int(weeks["visits"].idxmax())
    obs = h1[h1["observed"]]
    prev = d[d["date"].dt.year == year - 1]
    june = d[(d["date"].dt.year == year) & (d["date"].dt.month == 6)]
    jan_jun = d[(d["date"].dt.year == year) & (d["date"].dt.month <= 6)]
    first_half_months = jan_jun.groupby(jan_jun["date"].dt.month)["visits"].sum()
    prev_months = prev.groupby(prev["date"].dt.month)["visits"].sum()
    return {
        "total_prev_year": int(prev["visits"].sum()),
        "h1_total": int(h1["visits"].sum()),
        "h1_weeks": int(h1["iso_week"].nunique()),
        "h1_weekly_mean": float(h1["visits"].sum() / 26),
        "h1_weekly_mean_27": float(h1["visits"].sum() / 27),
        "h1_open_days": int(h1["open"].sum()),
        "h1_per_open_day": float(obs["visits"].mean()),
        "h1_per_day_4x26": float(h1["visits"].sum() / (4 * 26)),
        "june_total": int(june["visits"].sum()),
        "months_prev_year": prev_months,
        "months_first_half": first_half_months,
        "june_is_max_month_h1": bool(june["visits"].sum() >= first_half_months.max()),
        "peak_week": pw,
        "peak_week_visits": int(weeks.loc[pw, "visits"]),
        "peak_week_open_days": int(weeks.loc[pw, "open_days"]),
        "peak_day": int(obs["visits"].max()),
        "days_at_or_above_peak_low": int((obs["visits"] >= peak_low).sum()),
        "utilisation_mean_pct": float(100 * obs["visits"].mean() / capacity),
        "utilisation_peak_pct": float(100 * obs["visits"].max() / capacity),
        "days_over_capacity": int((obs["visits"] > capacity).sum()),
    }


def published_forecast(
    h1_total: float, uplift_pct: float, weeks_divisor: int = 27, h2_weeks: int = 26
) -> dict[str, float]:
    """Seed 000's 2025 forecast arithmetic: H2 = H1 / ``weeks_divisor`` x (1 + uplift) x 26.

    The seed prints the H1 weekly mean as 367 (line 1168), which is 9 901 / 27, although H1 is
    weeks 1-26; its H2 totals 10 964 and 11 441 (lines 1190-1192) follow from 9 901/27 x 1.15 x 26
    and 9 901/27 x 1.20 x 26, not from the printed 422 and 440 per week x 26.
    """
    weekly = h1_total / weeks_divisor
    h2 = weekly * (1 + uplift_pct / 100) * h2_weeks
    return {
        "weekly_h1": weekly,
        "weekly_h2": weekly * (1 + uplift_pct / 100),
        "h2": h2,
        "year": h1_total + h2,
    }


def model_forecast(
    daily: pd.DataFrame,
    cal: pd.DataFrame | None = None,
    year: int = 2025,
    n_sim: int = 4000,
    seed: int = 1,
    **fit_kwargs: Any,
) -> dict[str, Any]:
    """Forecast of ISO weeks 27-52 of ``year`` from data up to week 26, as it should be done.

    Refits the count model on the days up to the end of week 26, predicts every *open* day of
    weeks 27-52 from the calendar (holidays closed, the current regime's opening days), and gives
    a 95 % interval simulated from the coefficients' sampling distribution and the
    negative-binomial noise (residual autocorrelation, if present, is not included).
    Returns the point forecast, interval, and the actual total when the register covers it.
    ``cal`` (the opening calendar) supplies the open days of weeks 27-52 when the register
    ends earlier.
    """
    cut = (daily["iso_year"] < year) | ((daily["iso_year"] == year) & (daily["iso_week"] <= 26))
    h2 = (daily["iso_year"] == year) & (daily["iso_week"].between(27, 52))
    fit = fit_count_model(daily[cut], **fit_kwargs)
    future = daily[h2]
    if cal is not None:
        iso = cal["date"].dt.isocalendar()
        c = cal[(iso["year"] == year).to_numpy() & iso["week"].between(27, 52).to_numpy()]
        c = c.assign(iso_year=year, iso_week=c["date"].dt.isocalendar()["week"].astype(int))
        future = pd.concat(
            [c.assign(site=s, visits=np.nan, observed=False) for s in sorted(daily["site"].unique())],
            ignore_index=True,
        )
    mu = predict_open_days(fit, future)
    design = _design_matrix(fit, future)
    rng = np.random.default_rng(seed)
    res = fit["result"]
    draws = rng.multivariate_normal(
        res.params.to_numpy(), res.cov_params().to_numpy(), size=n_sim, method="cholesky"
    )
    beta, alpha = draws[:, :-1], np.clip(draws[:, -1], 1e-6, None)
    mu_draws = np.exp(design @ beta.T).T  # n_sim x days
    shape = (1 / alpha)[:, None]
    lam = rng.gamma(np.broadcast_to(shape, mu_draws.shape), 1.0 / shape) * mu_draws
    sims = rng.poisson(lam).sum(axis=1)
    n_open = int(future["open"].sum())
    covered = (
        bool(h2.any())
        and int(daily.loc[h2, "observed"].sum()) == n_open
        and daily.loc[h2, "date"].max() >= future["date"].max()
    )
    return {
        "h2": float(mu.sum()),
        "low": float(np.quantile(sims, 0.025)),
        "high": float(np.quantile(sims, 0.975)),
        "open_days": len(mu),
        "actual": int(daily.loc[h2, "visits"].sum()) if covered else None,
        "fit": fit,
    }


# --------------------------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------------------------


def _year_axis(ax: plt.Axes) -> None:
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _shade_regimes(ax: plt.Axes, daily: pd.DataFrame, label_y: float | None = None) -> None:
    spans = daily.groupby("regime", sort=False)["date"].agg(["min", "max"]).sort_values("min")
    colors = sns.color_palette("pastel", len(spans))
    for (regime, row), color in zip(spans.iterrows(), colors, strict=True):
        ax.axvspan(row["min"], row["max"] + pd.Timedelta(days=1), color=color, alpha=0.35, lw=0)
        if label_y is not None:
            ax.text(
                row["min"] + (row["max"] - row["min"]) / 2, label_y, regime, ha="center", va="top", fontsize=8
            )


def fig_daily(daily: pd.DataFrame) -> plt.Figure:
    """Daily visits on open days (all sites summed), opening regimes shaded."""
    d = daily[daily["observed"]].groupby("date")["visits"].sum()
    fig, ax = plt.subplots()
    top = float(d.max()) * 1.12
    _shade_regimes(ax, daily, label_y=top * 0.99)
    ax.plot(d.index, d.to_numpy(), ".", ms=2.5, color="0.25")
    ax.set_ylim(0, top)
    ax.set_ylabel("Besøk per åpningsdag")
    ax.set_xlabel("Dato")
    nb_axis(ax, "y")
    _year_axis(ax)
    return fig


def _rate_axis(ax: plt.Axes, top: float, xlabel: str) -> None:
    """The axis of a weekly visits-per-open-day panel drawn over the shaded regimes."""
    ax.set_ylim(0, top)
    ax.set_ylabel("Besøk per åpningsdag")
    ax.set_xlabel(xlabel)
    nb_axis(ax, "y")
    _year_axis(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.9))


def fig_weekly_rate(
    weekly: pd.DataFrame,
    decomposition: dict[str, Any],
    daily: pd.DataFrame,
    fit: dict[str, Any] | None = None,
) -> plt.Figure:
    """Weekly visits per open day with the decomposition's trend (back-transformed; with
    ``fit``, the regime steps removed before the decomposition are added back)."""
    fig, ax = plt.subplots()
    w = weekly[weekly["observed_days"] > 0]
    top = float(w["per_open_day"].max()) * 1.15
    _shade_regimes(ax, daily, label_y=top * 0.99)
    ax.plot(w["start"], w["per_open_day"], color="0.35", lw=1, label="Ukesnitt per åpningsdag")
    trend = decomposition["components"]["trend"]
    if fit is not None:
        trend = remove_steps(trend, fit, sign=+1)
    ax.plot(trend.index, np.exp(trend), color="C3", lw=2, label="Trend med regimesprang")
    _rate_axis(ax, top, "Uke (startdato)")
    return fig


def fig_weekday_profile(profile: pd.DataFrame) -> plt.Figure:
    """Weekday index by regime with ±2 standard errors."""
    fig, ax = plt.subplots()
    order = [w for w in calendar.WEEKDAYS_NB if w in set(profile["weekday_nb"])]
    regimes = list(dict.fromkeys(profile["regime"]))
    offsets = np.linspace(-0.24, 0.24, len(regimes)) if len(regimes) > 1 else [0.0]
    colors = sns.color_palette(n_colors=len(regimes))
    for r, off, col in zip(regimes, offsets, colors, strict=True):
        q = profile[profile["regime"] == r]
        x = [order.index(u) + off for u in q["weekday_nb"]]
        ax.errorbar(x, q["index"], yerr=2 * q["se"], fmt="o", color=col, ms=5, lw=1.2, label=r)
    ax.axhline(1, color="0.5", lw=0.8, ls="--")
    ax.set_xticks(range(len(order)))
    ax.set_xticklabels([w.capitalize() for w in order])
    ax.set_ylabel("Indeks (1 = snittdag i regimet)")
    ax.set_xlabel("Ukedag")
    nb_axis(ax, "y", 1)
    ax.legend(title="Åpningsregime", loc="lower left", ncols=2)
    return fig


def fig_stl(decomposition: dict[str, Any]) -> plt.Figure:
    """Observed log rate, trend, annual seasonal component and remainder in four panels."""
    comp = decomposition["components"]
    labels = {
        "observed": "Observert (log)\nuten sprang",
        "trend": "Trend",
        "seasonal": "Årssesong",
        "resid": "Rest",
    }
    fig, axes = plt.subplots(4, 1, sharex=True, figsize=(WIDTH_IN, WIDTH_IN * 0.9))
    for ax, (col, lab) in zip(axes, labels.items(), strict=True):
        ax.plot(comp.index, comp[col], color="C0" if col != "resid" else "0.4", lw=1)
        ax.set_ylabel(lab, fontsize=9)
        nb_axis(ax, "y", 1)
    axes[-1].axhline(0, color="0.5", lw=0.8)
    axes[-1].set_xlabel("Uke (startdato)")
    _year_axis(axes[-1])
    return fig


def fig_model(daily: pd.DataFrame, fit: dict[str, Any], effects: pd.DataFrame) -> plt.Figure:
    """Top: weekly visits per open day, observed and fitted; bottom: regime rate ratios with CI."""
    d = fit["frame"].assign(fitted=np.asarray(fit["fitted"]))
    d["start"] = d["date"] - pd.to_timedelta(d["weekday"], unit="D")
    w = d.groupby("start")[["visits", "fitted"]].mean()
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(WIDTH_IN, WIDTH_IN * 0.85), height_ratios=[2.2, 1])
    top = float(w.max().max()) * 1.15
    _shade_regimes(ax, daily, label_y=top * 0.99)
    ax.plot(w.index, w["visits"], color="0.4", lw=1, label="Observert (ukesnitt per dag)")
    ax.plot(w.index, w["fitted"], color="C3", lw=1.6, label="Modell (negativ binomial)")
    _rate_axis(ax, top, "")
    y = np.arange(len(effects))[::-1]
    ax2.errorbar(
        effects["rr"],
        y,
        xerr=[effects["rr"] - effects["rr_low"], effects["rr_high"] - effects["rr"]],
        fmt="o",
        color="C0",
        capsize=3,
    )
    ax2.axvline(1, color="0.5", lw=0.8, ls="--")
    ax2.set_yticks(y)
    ax2.set_yticklabels([c.replace("->", " → ") for c in effects["change"]])
    ax2.set_xlabel("Ratebrøk for besøk per åpningsdag ved regimeskifte (95 % KI)")
    nb_axis(ax2, "x", 2)
    return fig


def fig_monthly_published(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str,
    ylabel: str,
    legend_title: str,
    legend_loc: str = "lower right",
) -> plt.Figure:
    """Lines with markers of a published monthly series (x = month start)."""
    fig, ax = plt.subplots()
    sns.lineplot(data=df, x=x, y=y, hue=hue, style=hue, markers=True, dashes=False, ax=ax)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("Måned")
    months = sorted(df[x].unique())
    ax.set_xticks(months)
    ax.set_xticklabels([MONTHS_NB[pd.Timestamp(m).month - 1] for m in months])
    nb_axis(ax, "y")
    ax.legend(title=legend_title, loc=legend_loc)
    return fig


MONTHS_NB = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


def fmt_rr(rr: float, low: float, high: float) -> str:
    """``1,08 (0,97–1,21)``."""
    return f"{fmt_num(rr, 2)} ({fmt_num(low, 2)}–{fmt_num(high, 2)})"


# --------------------------------------------------------------------------------------------
# report tables (Norwegian labels, formatted cells)
# --------------------------------------------------------------------------------------------


def annual_table(daily: pd.DataFrame, targets: dict[str, Any]) -> pd.DataFrame:
    """Per year: opening days (Tabell 2 and calendar), registered visits, visits per open day,
    and Tabell 2's printed mean per day next to total / (52 x days per week)."""
    d = daily.assign(year=daily["date"].dt.year)
    g = d.groupby("year").agg(
        open_days=("open", "sum"),
        observed=("observed", "sum"),
        visits=("visits", "sum"),
        scheduled=("scheduled", "sum"),
    )
    rows = []
    n_sites = daily["site"].nunique()
    for year, r in g.iterrows():
        dpw = targets["opening_days"].get(int(year))
        printed = targets["mean_per_day_tabell2"].get(int(year))
        pub_total = targets["annual_tabell2"].get(int(year))
        rows.append(
            {
                "År": str(year),
                "Dager per uke (Tabell 2)": fmt_num(dpw),
                "Planlagte dager": fmt_num(r["scheduled"] / n_sites),
                "Åpne dager (kalender)": fmt_num(r["open_days"] / n_sites),
                "Besøk (register)": fmt_num(r["visits"]),
                "Besøk per åpen dag": fmt_num(r["visits"] / r["observed"], 1) if r["observed"] else "–",
                "Tabell 2: snitt per dag (trykt)": fmt_num(printed),
                "Tabell 2: besøk / (52 × dager)": fmt_num(pub_total / (52 * dpw), 1)
                if pub_total and dpw
                else "–",
            }
        )
    return pd.DataFrame(rows)


def seed_figures_table(figs: dict[str, Any], targets: dict[str, Any], calibrated: bool) -> pd.DataFrame:
    """Seed 000's register figures: as printed (with line) and recomputed from the register."""
    cal = "kalibreringsmål for demoregisteret" if calibrated else ""
    pct = "\u00a0%"
    rows = [
        (
            "Besøk 2024",
            f"{fmt_num(targets['annual'][2024])} (l. 1269)",
            fmt_num(figs["total_prev_year"]),
            f"Tabell 2 (l. 1618) trykker {fmt_num(targets['annual_tabell2'][2024])}; " + cal,
        ),
        ("Besøk uke 1–26 2025", f"{fmt_num(targets['h1_2025'])} (l. 1170)", fmt_num(figs["h1_total"]), cal),
        (
            "Snitt per uke, uke 1–26",
            f"{fmt_num(targets['h1_weekly_mean_printed'])} (l. 1168)",
            fmt_num(figs["h1_weekly_mean"], 1),
            f"det trykte tallet er totalen delt på 27 uker ({fmt_num(figs['h1_weekly_mean_27'], 1)})",
        ),
        (
            "Snitt per åpen dag, uke 1–26",
            f"ca. {fmt_num(targets['h1_daily_mean_printed'])} (l. 1174)",
            fmt_num(figs["h1_per_open_day"], 1),
            f"{fmt_num(figs['h1_open_days'])} åpne dager i kalenderen; totalen / (26 × 4) = "
            f"{fmt_num(figs['h1_per_day_4x26'], 1)}",
        ),
        (
            "Besøk juni 2025",
            f"{fmt_num(targets['june_2025'])} (l. 1077)",
            fmt_num(figs["june_total"]),
            (
                "høyeste måned i januar–juni; "
                if figs["june_is_max_month_h1"]
                else "ikke høyeste måned i januar–juni; "
            )
            + cal,
        ),
        *[
            (
                f"Besøk per måned {label}",
                f"stort sett {fmt_num(lo)}–{fmt_num(hi)} (l. {line})",
                f"{fmt_num(m.min())}–{fmt_num(m.max())}",
                f"{fmt_num(int(m.between(lo, hi).sum()))} av {fmt_num(len(m))} måneder i intervallet",
            )
            for label, (lo, hi), m, line in (
                ("2024", targets["monthly_range"][2024], figs["months_prev_year"], "1079–1081"),
                ("januar–juni 2025", targets["monthly_range"][2025], figs["months_first_half"], "1081–1083"),
            )
        ],
        (
            "Toppuke 2025 (uke 1–26)",
            f"uke {targets['peak_week'][1]}: {fmt_num(targets['peak_week'][2])} (l. 1099)",
            f"uke {figs['peak_week']}: {fmt_num(figs['peak_week_visits'])}",
            cal,
        ),
        (
            "Snitt per dag i toppuken",
            f"{fmt_num(targets['peak_week_per_day_printed'])} (l. 1101)",
            fmt_num(figs["peak_week_visits"] / figs["peak_week_open_days"], 1),
            f"{fmt_num(figs['peak_week_open_days'])} åpne dager i uken; kilden deler på 5",
        ),
        (
            "Høyeste enkeltdag",
            f"{fmt_num(targets['peak_day_low'])}–{fmt_num(targets['peak_day_high'])} (l. 1097)",
            fmt_num(figs["peak_day"]),
            f"{fmt_num(figs['days_at_or_above_peak_low'])} dager med minst "
            f"{fmt_num(targets['peak_day_low'])} besøk",
        ),
        (
            "Kapasitetsutnyttelse, snitt",
            f"rundt {fmt_num(targets['utilisation_avg_printed'])}{pct} (l. 1113)",
            f"{fmt_num(figs['utilisation_mean_pct'], 1)}{pct}",
            f"uke 1–26, mot {fmt_num(targets['capacity'])} per dag",
        ),
        (
            "Kapasitetsutnyttelse, topp",
            f"opp mot {fmt_num(targets['utilisation_peak_printed'])}{pct} (l. 1111)",
            f"{fmt_num(figs['utilisation_peak_pct'], 1)}{pct}",
            f"{fmt_num(figs['days_over_capacity'])} dager over {fmt_num(targets['capacity'])}",
        ),
    ]
    return pd.DataFrame(rows, columns=["Størrelse", "Trykt i kilden", "Fra registeret", "Merknad"])


def forecast_table(targets: dict[str, Any], h1_register: int, model: dict[str, Any]) -> pd.DataFrame:
    """The 2025 forecast for weeks 27-52: printed, rebuilt as published, as the text describes it,
    with the 26-week mean, the published method on the register, the model, and the actual."""
    rows = []
    h1 = targets["h1_2025"]
    for case, key, pct in (
        ("basis", "basis", targets["uplift_basis_pct"]),
        ("høyt", "high", targets["uplift_high_pct"]),
    ):
        up = f"+{fmt_num(pct)}\u00a0%"
        pub = published_forecast(h1, pct)
        rows.append(
            (
                f"Trykt, {case} ({up})",
                fmt_num(targets[f"h2_{key}_printed"]),
                fmt_num(targets[f"year_{key}_printed"]),
            )
        )
        rows.append(
            (f"Som publisert: 9 901 / 27 × {up} × 26, {case}", fmt_num(pub["h2"], 1), fmt_num(pub["year"], 1))
        )
        described = round(pub["weekly_h1"]) * (1 + pct / 100) * 26
        rows.append(
            (
                f"Som teksten beskriver: {fmt_num(round(pub['weekly_h1']))} × {up} × 26, {case}",
                fmt_num(described, 1),
                fmt_num(h1 + described, 1),
            )
        )
        w26 = published_forecast(h1, pct, weeks_divisor=26)
        rows.append((f"Med 26 uker i snittet, {case}", fmt_num(w26["h2"], 1), fmt_num(w26["year"], 1)))
        reg = published_forecast(h1_register, pct)
        rows.append(
            (f"Publisert metode på registeret, {case}", fmt_num(reg["h2"], 1), fmt_num(reg["year"], 1))
        )
    rows.append(
        (
            "Modell: kalender, ukedag, sesong, trend (95\u00a0% PI)",
            f"{fmt_num(model['h2'])} ({fmt_num(model['low'])}–{fmt_num(model['high'])})",
            fmt_num(h1_register + model["h2"]),
        )
    )
    if model["actual"] is not None:
        rows.append(
            ("Faktisk i registeret", fmt_num(model["actual"]), fmt_num(h1_register + model["actual"]))
        )
    return pd.DataFrame(rows, columns=["Beregning", "Uke 27–52", "Uke 1–52"])


def model_table(fit: dict[str, Any]) -> pd.DataFrame:
    """Rate ratios with 95 % CI for the report (weekday, holiday-adjacent, steps, trend)."""
    t = fit["table"].set_index("term")
    rows = []
    for _, r in weekday_effects(fit).iterrows():
        if r["weekday_nb"] == "man":
            continue
        rows.append(
            (
                f"{calendar.WEEKDAY_NAMES_NB[r['weekday']].capitalize()} mot mandag",
                fmt_rr(r["rr"], r["rr_low"], r["rr_high"]),
            )
        )
    rows.append(
        ("Dag ved siden av helligdag/stengt dag", fmt_rr(*t.loc["adjacent", ["rr", "rr_low", "rr_high"]]))
    )
    for _, r in regime_effects(fit).iterrows():
        rows.append(
            (f"Regimeskifte {r['change'].replace('->', ' → ')}", fmt_rr(r["rr"], r["rr_low"], r["rr_high"]))
        )
    if "t" in t.index:
        rows.append(("Trend per år", fmt_rr(*t.loc["t", ["rr", "rr_low", "rr_high"]])))
    if fit["season_order"]:
        rows.append(("Årssyklus, amplitude (log-skala)", fmt_num(fit["amplitude"], 3)))
    rows.append(
        (
            "Overspredning alpha (NB2)",
            f"{fmt_num(fit['alpha'], 3)} ({fmt_num(fit['alpha_ci'][0], 3)}–{fmt_num(fit['alpha_ci'][1], 3)})",
        )
    )
    rows.append(("Pearson χ²/fg, Poisson-modell", fmt_num(fit["poisson_dispersion"], 2)))
    rows.append(("Pearson χ²/fg, NB-modell", fmt_num(fit["nb_dispersion"], 2)))
    lb = fit["ljung_box"].set_index("lag")
    for lag in lb.index:
        rows.append((f"Ljung–Box, {lag} etterslep: p", fmt_num(lb.loc[lag, "lb_pvalue"], 3)))
    rows.append(("Autokorrelasjon i residualer, etterslep 1", fmt_num(fit["acf1"], 2)))
    return pd.DataFrame(rows, columns=["Ledd", "Ratebrøk (95 % KI) / verdi"])


def fmt_date(d: pd.Timestamp) -> str:
    """``2. juni 2025`` (Norwegian bokmål)."""
    from babel.dates import format_date

    return format_date(pd.Timestamp(d).date(), format="d. MMMM y", locale="nb_NO")


def demo_truth_table(truth: dict[str, Any]) -> pd.DataFrame:
    """The demo generator's true parameters, for the notebook header (log scale where stated)."""
    w = truth["weekday"]
    rows = [
        ("Frø (numpy default_rng)", str(truth["seed"])),
        ("Periode", f"{truth['start']} – {truth['end']}"),
    ]
    for i, name in enumerate(calendar.WEEKDAY_NAMES_NB):
        if name in ("fredag", "lørdag"):
            continue
        rows.append((f"Ukedagseffekt {name} (log, mot tirsdag)", fmt_num(w[i], 2)))
    rows += [
        ("Årssyklus: amplitude (log)", fmt_num(truth["amplitude"], 2)),
        ("Årssyklus: toppdag (dag i året)", fmt_num(truth["peak_doy"])),
        ("Dag ved siden av helligdag/stengt dag (log)", fmt_num(truth["adjacent"], 2)),
        ("Negativ binomial: størrelse k (alpha = 1/k)", fmt_num(truth["size"], 1)),
        ("Trend per år (log), løst fra kalibreringen", fmt_num(truth["trend"], 3)),
    ]
    for r, lv in truth["levels"].items():
        rows.append((f"Nivå {r} (log), løst fra kalibreringen", fmt_num(lv, 3)))
    for ch, st in truth["steps"].items():
        rows.append((f"Sprang {ch.replace('->', ' → ')} (log)", fmt_num(st, 3)))
    return pd.DataFrame(rows, columns=["Parameter", "Sann verdi i generatoren"])


def closed_days_text(daily: pd.DataFrame, iso_year: int, iso_week: int) -> str:
    """Scheduled days of an ISO week closed by a holiday or closure: ``andre pinsedag
    (9. juni 2025)``; ``ingen`` when there are none."""
    d = daily[
        (daily["iso_year"] == iso_year)
        & (daily["iso_week"] == iso_week)
        & daily["scheduled"]
        & ~daily["open"]
    ].drop_duplicates("date")
    if d.empty:
        return "ingen"
    names = [
        f"{(h or c).lower()} ({fmt_date(t)})"
        for t, h, c in zip(d["date"], d["holiday"], d["closure"], strict=True)
    ]
    return " og ".join(names)


def regimes_text(regimes: pd.DataFrame) -> str:
    """``2 dager per uke fra 1. januar 2022, 3 dager per uke fra ...``."""
    parts = [
        f"{fmt_num(r['days_per_week'])} dager per uke fra {fmt_date(r['start'])}"
        for _, r in regimes.iterrows()
    ]
    return ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else parts[0]


def closures_text(closures: pd.DataFrame) -> str:
    """``24. desember (julaften) og 31. desember (nyttårsaften)``."""
    parts = [
        f"{fmt_date(pd.Timestamp(2001, int(r['month']), int(r['day'])))[:-5]} ({r['name_nb'].lower()})"
        for _, r in closures.iterrows()
    ]
    return ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else "".join(parts)
