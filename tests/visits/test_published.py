"""Seed 000's register figures and forecast arithmetic, recomputed; the targets as read."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.visits import published, series


def test_published_forecast_reproduces_the_printed_numbers(targets):
    """Golden: 9 901/27 x (1 + uplift) x 26 gives the printed H2 and year totals (lines 1168-1199)."""
    t = targets
    b = published.published_forecast(t.h1_2025.value, t.uplift_basis_pct.value, weeks_divisor=27)
    h = published.published_forecast(t.h1_2025.value, t.uplift_high_pct.value, weeks_divisor=27)
    assert round(b.weekly_h1) == t.h1_weekly_mean.value
    assert round(b.h2) == t.h2_basis.value and round(h.h2) == t.h2_high.value
    assert round(b.weekly_h2) == t.weekly_h2_basis.value
    assert round(h.weekly_h2) == t.weekly_h2_high.value
    assert round(b.year) == t.year_basis.value and round(h.year) == t.year_high.value
    assert b.h2_weeks == 26
    # dividing by the 26 weeks the text names does not give the printed mean
    assert (
        round(published.published_forecast(t.h1_2025.value, 15, weeks_divisor=26).weekly_h1)
        != t.h1_weekly_mean.value
    )


def test_the_printed_weekly_mean_implies_27_weeks(targets):
    assert published.implied_weeks_divisor(targets) == 27


def test_seed_figures_recomputed_from_the_demo(daily, targets):
    t = targets
    f = published.seed_figures(daily, t)
    assert f.total_prev_year == t.annual[2024] and f.h1_total == t.h1_2025.value
    assert f.june_total == t.june_2025.value and f.june_is_max_month_h1
    assert (2025, f.peak_week, f.peak_week_visits) == (2025, 24, t.peak_week_visits.value)
    assert f.peak_week_open_days == 4  # Whit Monday 9 June 2025 falls in week 24
    assert f.h1_weekly_mean == pytest.approx(t.h1_2025.value / 26)
    assert f.h1_weekly_mean_published == pytest.approx(t.h1_2025.value / 27)
    assert f.h1_days_per_week == 4 and f.h1_per_day_nominal == pytest.approx(t.h1_2025.value / (26 * 4))


def test_several_sites_are_summed_per_date(cal, targets):
    days = cal[cal["open"] & (cal["date"] >= "2024-01-01") & (cal["date"] < "2024-03-01")]["date"]
    reg = pd.concat(
        [pd.DataFrame({"site": s, "date": days, "visits": v}) for s, v in (("A", 10), ("B", 30))],
        ignore_index=True,
    )
    f = published.seed_figures(series.daily_frame(reg, cal), targets, year=2024)
    assert f.peak_day == 40  # sites summed per date


def test_tabell2_mean_per_day():
    assert published.tabell2_mean_per_day(2080, 2) == pytest.approx(20.0)
