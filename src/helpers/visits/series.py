"""The daily frame of a register on its opening calendar, and totals and rates built from it.

Closed days and open days without a register row are *missing exposure*: they carry no visits value
and never count as zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.visits import calendar


def daily_frame(register: pd.DataFrame, cal: pd.DataFrame) -> pd.DataFrame:
    """One row per site and calendar day of the register's span, with calendar columns.

    ``observed`` is true on open days with a register row; ``visits`` is NaN on every other day
    (closed, or open but missing from the register). Register rows on closed days are kept out of
    the analysis (see :func:`helpers.visits.register.check_against_calendar`).

    Parameters
    ----------
    register : pandas.DataFrame
        ``site, date, visits`` (:func:`helpers.visits.register.validate_register`).
    cal : pandas.DataFrame
        An opening calendar covering the register (:func:`helpers.visits.calendar.calendar_for`).

    Returns
    -------
    pandas.DataFrame
        ``site, date, iso_year, iso_week, weekday, weekday_nb, regime, days_per_week, scheduled,
        holiday, closure, open, adjacent, observed, visits``.

    Raises
    ------
    ValueError
        When the calendar does not cover a site's register.
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
    cols = ["site", "date", "iso_year", "iso_week", "weekday", "weekday_nb", "regime", "days_per_week"]
    cols += ["scheduled", "holiday", "closure", "open", "adjacent", "observed", "visits"]
    return out[cols]


def period_totals(daily: pd.DataFrame, freq: str = "week") -> pd.DataFrame:
    """Totals per ISO week (``freq='week'``) or calendar month (``'month'``), all sites summed.

    Columns: the period keys, ``start``, ``visits``, ``open_days`` (calendar), ``observed_days``,
    ``gap_days`` (open but unregistered), ``per_open_day`` (visits / observed days; NaN when no
    day was observed), ``days_in_span`` and flags ``partial`` (the period extends beyond the
    register's first or last day) and ``week53``.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`daily_frame`).
    freq : str
        ``"week"`` or ``"month"``.

    Returns
    -------
    pandas.DataFrame
        One row per period, sorted.
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

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`daily_frame`).

    Returns
    -------
    pandas.DataFrame
        ``regime, weekday, weekday_nb, index, n_weeks, se``, regimes in date order.
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


def weekday_adjusted_weeks(daily: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Weekly totals whose ``per_open_day`` is adjusted for the mix of opening weekdays.

    A week's rate is its visits divided by the sum of its observed days' weekday weights (mean 1
    over the register, :func:`helpers.visits.summary.weekday_weights`) instead of the number of
    days, so a change of opening weekdays (e.g. a busy Monday joined by quiet Saturdays) does not
    move the rate; ``per_open_day_raw`` keeps the unadjusted rate.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`daily_frame`).
    weights : pandas.Series
        Weight per row of ``daily`` (NaN where not observed).

    Returns
    -------
    pandas.DataFrame
        :func:`period_totals` by week, with the adjusted ``per_open_day`` and ``per_open_day_raw``.
    """
    weekly = period_totals(daily, "week")
    wsum = daily.assign(w=weights.fillna(0)).groupby(["iso_year", "iso_week"], sort=True)["w"].sum()
    wsum = wsum.reindex(pd.MultiIndex.from_frame(weekly[["iso_year", "iso_week"]])).to_numpy()
    weekly["per_open_day_raw"] = weekly["per_open_day"]
    weekly["per_open_day"] = np.where(
        weekly["observed_days"] > 0, weekly["visits"] / np.where(wsum > 0, wsum, 1), np.nan
    )
    return weekly
