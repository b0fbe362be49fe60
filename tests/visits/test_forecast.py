"""The model forecast of weeks 27-52 from the calendar and the count model."""

from __future__ import annotations

import pytest

from helpers.visits import forecast


def test_model_forecast_against_actual(daily, cal):
    out = forecast.model_forecast(daily, n_sim=500)
    assert out.low < out.h2 < out.high and out.open_days == 128
    assert (out.first_week, out.last_week, out.level) == (27, 52, 0.95)
    assert out.actual == int(
        daily[(daily["iso_year"] == 2025) & daily["iso_week"].between(27, 52)]["visits"].sum()
    )
    cut = daily[daily["date"] <= "2025-06-29"]
    short = forecast.model_forecast(cut, cal=cal, n_sim=200)
    assert short.actual is None and short.open_days == 128
    assert short.h2 == pytest.approx(out.h2)  # same data up to week 26, same calendar


def test_a_narrower_level_gives_a_narrower_interval(daily):
    wide = forecast.model_forecast(daily, n_sim=500, level=0.95)
    narrow = forecast.model_forecast(daily, n_sim=500, level=0.5)
    assert wide.low < narrow.low < narrow.high < wide.high


def test_forecast_support_reasons(daily):
    from helpers.visits import forecast

    ok = forecast.forecast_support(daily, 2025, 104)
    assert ok.available and ok.reason == "ok" and ok.weeks >= 104
    assert forecast.forecast_support(daily, 2027, 104).reason == "year_not_covered"
    short = daily[daily["date"] >= "2024-01-01"]
    s = forecast.forecast_support(short, 2025, 104)
    assert not s.available and s.reason == "too_short" and s.weeks < 104
