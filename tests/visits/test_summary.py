"""Trend, peak day and weekday profile with intervals, and the weekday weights (helpers.visits.summary)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.visits import model, series, summary


def test_trend_recovers_the_generator(fit, truth):
    tr = summary.trend_per_year(fit)
    assert tr.low < math.exp(truth.trend) < tr.high
    assert tr.low < tr.value < tr.high


def test_peak_day_recovers_the_generator(fit, truth):
    pk = summary.peak_day(fit)
    assert pk.available
    assert pk.low < truth.spec.peak_doy < pk.high
    assert pk.high - pk.low < 60  # a real interval, not the whole year


def test_no_season_no_peak(daily):
    short = daily[daily["date"] < "2022-10-01"]
    fit = model.fit_count_model(short)
    assert not summary.peak_day(fit).available
    assert math.isnan(summary.peak_day(fit).value)


def test_weekday_profile_mean_one_and_true_order(fit, truth):
    prof = summary.weekday_profile(fit)
    avg = (prof["index"] * prof["days"]).sum() / prof["days"].sum()
    assert abs(avg - 1) < 1e-9
    assert (prof["low"] < prof["index"]).all() and (prof["index"] < prof["high"]).all()
    # the reference weekday (Monday) has an interval of its own, not a point
    mon = prof.set_index("weekday_nb").loc["man"]
    assert mon["high"] - mon["low"] > 0.01
    # generator: Sunday is the quietest open day, Monday the busiest
    assert prof.set_index("weekday_nb")["index"].idxmin() == "søn"
    assert prof.set_index("weekday_nb")["index"].idxmax() == "man"
    assert truth.spec.weekday[6] == min(truth.spec.weekday)


def test_weekday_adjusted_rate_is_flat_under_a_pure_weekday_change():
    # two weeks of the same visits per weighted day: Mon/Wed/Fri, then Mon-Sat with a quiet Saturday
    dates = pd.date_range("2024-01-01", "2024-01-14")
    wd = dates.day_of_week
    open_ = np.r_[np.isin(wd[:7], [0, 2, 4]), wd[7:] <= 5]
    weight = {0: 1.2, 1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 0.5, 6: 1.0}
    visits = np.array([10 * weight[w] for w in wd]) * open_
    daily = pd.DataFrame(
        {
            "site": "A",
            "date": dates,
            "iso_year": dates.isocalendar().year.to_numpy(),
            "iso_week": dates.isocalendar().week.to_numpy(),
            "weekday": wd,
            "open": open_,
            "observed": open_,
            "visits": np.where(open_, visits, np.nan),
        }
    )
    w = pd.Series([weight[x] for x in wd]).where(pd.Series(open_))
    out = series.weekday_adjusted_weeks(daily, w / w.mean())
    adj, raw = out["per_open_day"].to_numpy(), out["per_open_day_raw"].to_numpy()
    assert abs(adj[0] - adj[1]) < 1e-9  # adjusted: no change
    assert raw[1] < raw[0] - 0.5  # unadjusted: the quiet Saturday looks like a fall
