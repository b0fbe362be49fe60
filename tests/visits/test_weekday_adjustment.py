"""A change of opening weekdays must not bias the STL trend or amplitude (issue 11).

Seeded simulation: registers drawn like the demo generator (negative binomial around a log-linear
trend, an annual cosine, a weekday profile and a level step at the regime change) on a calendar
whose opening days change from Mon/Wed/Fri to Mon-Sat, then analysed as notebook 02 does. With the
weekly rate adjusted for the weekday mix, the mean STL trend slope and annual amplitude over the
registers must lie within three standard errors (plus the smoothing tolerance named below) of the
truth; without the adjustment the trend is biased (shown, and asserted, so the test can fail both
ways). ``python -m tests.visits.test_weekday_adjustment [N]`` prints the figures.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pandas as pd
import pytest

from helpers.visits import calendar, decomposition, model, series, summary
from helpers.visits.model import YEAR_DAYS

TREND, AMPLITUDE, PEAK_DOY, STEP, SIZE, LEVEL = 0.08, 0.15, 20, 0.10, 30.0, 30.0
# Mon..Sun log effects: the demo generator's profile with a quiet Saturday, so the change of mix matters
WEEKDAY = np.array([0.12, 0.0, 0.05, -0.04, 0.0, -0.40, -0.30])
REGIMES = pd.DataFrame(
    {
        "regime": ["3 dager", "6 dager"],
        "start_date": ["2022-01-01", "2023-07-03"],
        "weekdays": ["man ons fre", "man tir ons tor fre lør"],
        "days_per_week": [3, 6],
        "basis": ["simulation", "simulation"],
    }
)
CLOSURES = pd.DataFrame({"month": [12], "day": [24], "name_nb": ["Julaften"], "rationale": ["simulation"]})
START, END = "2022-01-01", "2025-12-31"


def _calendar() -> pd.DataFrame:
    return calendar.opening_calendar(START, END, calendar.parse_regimes(REGIMES, "simulation"), CLOSURES)


def _draw(cal: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    d = cal[cal["open"]]
    t = (d["date"] - pd.Timestamp(START)).dt.days.to_numpy() / YEAR_DAYS
    doy = d["date"].dt.day_of_year.to_numpy()
    step = (d["date"] >= pd.Timestamp(REGIMES["start_date"].iloc[1])).to_numpy() * STEP
    mu = LEVEL * np.exp(
        TREND * t
        + AMPLITUDE * np.cos(2 * np.pi * (doy - PEAK_DOY) / YEAR_DAYS)
        + WEEKDAY[d["weekday"]]
        + step
    )
    y = rng.poisson(mu * rng.gamma(SIZE, 1 / SIZE, size=len(mu)))
    return pd.DataFrame({"site": "Sim", "date": d["date"].to_numpy(), "visits": y})


def _slope(trend: pd.Series) -> float:
    t = (trend.index - trend.index[0]).days.to_numpy() / YEAR_DAYS
    return float(np.polyfit(t, trend.to_numpy(), 1)[0])


def simulate(n: int, seed: int = 20251) -> pd.DataFrame:
    """Trend slope (log per year) and amplitude (log) of the STL, adjusted and unadjusted, per register."""
    cal, rng, rows = _calendar(), np.random.default_rng(seed), []
    for _ in range(n):
        daily = series.daily_frame(_draw(cal, rng), cal)
        fit = model.fit_count_model(daily)
        weeks = {
            "adjusted": series.weekday_adjusted_weeks(daily, summary.weekday_weights(fit, daily)),
            "unadjusted": series.period_totals(daily, "week"),
        }
        row = {}
        for name, w in weeks.items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rate, _ = decomposition.weekly_rate_series(w)
            dec = decomposition.decompose_weekly(decomposition.remove_steps(rate, fit))
            row[f"{name}_slope"], row[f"{name}_amplitude"] = _slope(dec.components["trend"]), dec.amplitude
        rows.append(row)
    return pd.DataFrame(rows)


def summarise(sims: pd.DataFrame) -> pd.DataFrame:
    """Mean, standard error and bias against the truth of each measure."""
    truth = {"slope": TREND, "amplitude": AMPLITUDE}
    out = []
    for col in sims.columns:
        m, se = sims[col].mean(), sims[col].std(ddof=1) / np.sqrt(len(sims))
        t = truth[col.split("_")[1]]
        out.append(
            {"measure": col, "truth": t, "mean": m, "se": se, "bias": m - t, "bias_in_se": (m - t) / se}
        )
    return pd.DataFrame(out)


@pytest.mark.slow
def test_weekday_change_does_not_bias_trend_or_amplitude():
    s = summarise(simulate(100)).set_index("measure")
    print(s.to_string())
    for m in ("adjusted_slope", "adjusted_amplitude"):
        assert abs(s.loc[m, "bias_in_se"]) < 3, s.loc[m]
    assert abs(s.loc["unadjusted_slope", "bias_in_se"]) > 3  # the bias the adjustment removes


if __name__ == "__main__":
    print(summarise(simulate(int(sys.argv[1]) if len(sys.argv) > 1 else 200)).round(4).to_string(index=False))
