"""The results keys of the generic chapter (helpers.visits.report_results)."""

from __future__ import annotations

import pandas as pd

from helpers.visits import decomposition, forecast, model, register, report_results, series


def test_sites_sum_and_average_sentences(daily):
    one = report_results.sites_results(daily)
    assert one["n_sites"] == "1" and "ett sted" in one["sites_text"]
    two = pd.concat([daily, daily.assign(site="B")], ignore_index=True)
    r = report_results.sites_results(two)
    assert r["n_sites"] == "2" and "B (" in r["sites_text"]
    assert "summen over stedene" in r["sites_note"] and "sted-dag" in r["sites_note"]


def test_gaps_and_closed_rows_are_listed(daily, cal):
    reg = daily.loc[daily["observed"], ["site", "date", "visits"]].astype({"visits": "int64"})
    week = reg["date"].between("2023-03-06", "2023-03-12")  # ISO week 10 of 2023
    extra = pd.DataFrame({"site": ["Huset"], "date": [pd.Timestamp("2023-12-24")], "visits": [5]})
    reg = pd.concat([reg[~week], extra], ignore_index=True).sort_values(["site", "date"])
    checks = register.check_against_calendar(reg, cal)
    d = series.daily_frame(reg, cal)
    weekly = series.period_totals(d, "week")
    _, filled = decomposition.weekly_rate_series(weekly)
    out = report_results.register_results(reg, d, checks, weekly, filled)
    assert "uke 10 i 2023" in out["gap_weeks_text"]
    assert "24. desember 2023" in out["closed_rows_text"]
    assert out["n_filled_weeks"] == "1"


def test_one_regime_and_short_register_state_what_is_missing(daily):
    short = daily[(daily["date"] >= "2024-01-01") & (daily["date"] < "2024-10-01")]
    fit = model.fit_count_model(short)
    effects = model.regime_effects(fit)
    assert effects.empty  # one regime in 2024 up to September
    from helpers.visits import summary

    out = report_results.model_results(
        fit, effects, summary.weekday_profile(fit), summary.trend_per_year(fit), summary.peak_day(fit), "x"
    )
    assert out["has_regime_change"] is False and "ett åpningsregime" in out["regime_note"]
    assert out["peak_available"] is False and "ingen årssyklus" in out["peak_note"]
    assert "sesong" in out["trend_note"]
    f = report_results.forecast_results(forecast.forecast_support(short, 2024, 104), None)
    assert f["forecast_available"] is False and "104" in f["forecast_reason"]
