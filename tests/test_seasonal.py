"""Totals, rates, guards, the count model, and recovery of the demo generator's truth."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.seasonal import MSTL, STL

from helpers.core import paths
from helpers.visits import calendar, register, seasonal


@pytest.fixture(scope="module")
def cal():
    return register.demo_calendar()


@pytest.fixture(scope="module")
def daily(cal):
    reg = register.read_register(paths.raw(register.DEMO_FILE))
    return seasonal.daily_frame(reg, cal)


@pytest.fixture(scope="module")
def fit(daily):
    return seasonal.fit_count_model(daily)


@pytest.fixture(scope="module")
def truth():
    return register.true_parameters()


def _noisy(n, period=52, seed=0):
    rng = np.random.default_rng(seed)
    x = np.arange(n)
    idx = pd.date_range("2020-01-06", periods=n, freq="7D")
    return pd.Series(np.sin(2 * np.pi * x / period) + 0.01 * x + rng.normal(0, 0.1, n), idx)


# ----------------------------------------------------------------------------- totals and rates


def test_closed_and_unregistered_days_are_missing_not_zero(cal):
    reg = pd.DataFrame(
        {
            "site": "Huset",
            "date": pd.to_datetime(["2025-09-01", "2025-09-02", "2025-09-04"]),
            "visits": [10, 20, 30],
        }
    )
    d = seasonal.daily_frame(reg, cal).set_index("date")
    assert math.isnan(d.loc["2025-09-03", "visits"])  # open Wednesday without a row: a gap
    assert math.isnan(d.loc["2025-09-05", "visits"]) if "2025-09-05" in d.index else True
    wk = seasonal.period_totals(d.reset_index(), "week")
    row = wk.iloc[0]
    assert row["visits"] == 60 and row["observed_days"] == 3 and row["gap_days"] == 1
    assert row["per_open_day"] == 20  # 60 / 3 observed days, not / 4 open days
    assert row["partial"]  # the register covers Monday-Thursday of the week only


def test_iso_week_53_and_partial_periods_flagged():
    regimes = pd.DataFrame(
        {
            "regime": ["alle"],
            "start": [pd.Timestamp("2026-01-01")],
            "weekdays": [(0, 1, 2, 3, 4, 5, 6)],
            "days_per_week": [7],
            "basis": ["test"],
        }
    )
    closures = pd.DataFrame({"month": [], "day": [], "name_nb": [], "rationale": []})
    c = calendar.opening_calendar("2026-12-20", "2027-01-20", regimes, closures)
    reg = pd.DataFrame({"site": "X", "date": c.loc[c["open"], "date"], "visits": 1})
    d = seasonal.daily_frame(reg, c)
    wk = seasonal.period_totals(d, "week")
    w53 = wk[wk["iso_week"] == 53]
    assert len(w53) == 1 and w53["week53"].all() and w53["iso_year"].iloc[0] == 2026
    assert wk["partial"].iloc[0] and wk["partial"].iloc[-1] and not wk["partial"].iloc[1:-1].any()
    mo = seasonal.period_totals(d, "month")
    assert mo["partial"].tolist() == [True, True]
    assert not mo["week53"].any()


def test_weekly_totals_sum_to_the_register(daily):
    wk = seasonal.period_totals(daily, "week")
    mo = seasonal.period_totals(daily, "month")
    assert wk["visits"].sum() == mo["visits"].sum() == daily["visits"].sum()


# ----------------------------------------------------------------------------- guards


def test_stl_guard_nan():
    s = _noisy(156)
    s.iloc[40] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert STL(s, period=52, robust=True).fit().trend.isna().all()  # what statsmodels does
    with pytest.raises(ValueError, match="missing value"):
        seasonal.robust_stl(s, 52)


def test_stl_guard_needs_two_cycles():
    s = _noisy(78)
    STL(s, period=52).fit()  # statsmodels accepts one and a half cycles silently
    with pytest.raises(ValueError, match="two full cycles"):
        seasonal.robust_stl(s, 52)
    assert seasonal.robust_stl(_noisy(104), 52).seasonal.notna().all()


def test_mstl_guard_long_period():
    s = _noisy(150)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        res = MSTL(s, periods=[4, 80]).fit()  # 80 >= 150/2: dropped with only a warning
    assert res.seasonal.ndim == 1  # only the period-4 component is left
    assert any("Removing these period" in str(x.message) for x in w)
    with pytest.raises(ValueError, match="would drop period"):
        seasonal.mstl_checked(s, [4, 80])
    assert seasonal.mstl_checked(s, [4, 52]).seasonal.shape[1] == 2


def test_mstl_guard_nan():
    s = _noisy(150)
    s.iloc[3] = np.nan
    with pytest.raises(ValueError, match="missing value"):
        seasonal.mstl_checked(s, [4])


def test_weekly_series_interpolation_is_explicit():
    wk = pd.DataFrame(
        {
            "start": pd.date_range("2024-01-01", periods=5, freq="7D"),
            "per_open_day": [np.nan, 10.0, np.nan, 40.0, np.nan],
        }
    )
    with pytest.warns(UserWarning, match="interpolated"):
        s, filled = seasonal.weekly_rate_series(wk)
    assert len(s) == 3 and filled.tolist() == [False, True, False]
    assert s.iloc[1] == pytest.approx((math.log(10) + math.log(40)) / 2)


def test_short_series_gets_trend_only():
    out = seasonal.decompose_weekly(_noisy(80), period=52)
    assert out["mode"] == "trend" and math.isnan(out["amplitude"])
    assert (out["components"]["seasonal"] == 0).all()


def test_no_fourier_terms_with_less_than_two_years(daily):
    short = daily[daily["date"] < "2023-06-01"]
    f = seasonal.fit_count_model(short)
    assert f["season_order"] == 0 and "sin1" not in f["formula"]
    assert math.isnan(f["amplitude"])


# ----------------------------------------------------------------------------- recovery
# Tolerances (stated): weekday log rate ratios +-0.06; regime steps +-0.06 and the true step
# inside the 95 % CI; trend +-0.06 per year; annual log amplitude +-0.03 (count model) and
# +-0.04 (STL first harmonic); alpha +-0.01; weekday index within regimes +-0.08.


def test_recovers_weekday_profile(fit, truth):
    est = seasonal.weekday_effects(fit).set_index("weekday")
    w = truth["weekday"]
    for wd, row in est.iterrows():
        assert math.log(row["rr"]) == pytest.approx(w[wd] - w[0], abs=0.06), wd


def test_recovers_regime_steps(fit, truth):
    eff = seasonal.regime_effects(fit).set_index("change")
    for change, step in truth["steps"].items():
        assert math.log(eff.loc[change, "rr"]) == pytest.approx(step, abs=0.06), change
        assert eff.loc[change, "rr_low"] <= math.exp(step) <= eff.loc[change, "rr_high"]


def test_recovers_trend_amplitude_and_dispersion(fit, truth):
    t = fit["table"].set_index("term")
    assert t.loc["t", "coef"] == pytest.approx(truth["trend"], abs=0.06)
    assert fit["amplitude"] == pytest.approx(truth["amplitude"], abs=0.03)
    assert fit["alpha"] == pytest.approx(1 / truth["size"], abs=0.01)
    assert fit["poisson_dispersion"] > 1.5  # overdispersion is detected


def test_stl_amplitude_after_removing_steps(daily, fit, truth):
    wk = seasonal.period_totals(daily, "week")
    s, _ = seasonal.weekly_rate_series(wk)
    dec = seasonal.decompose_weekly(seasonal.remove_steps(s, fit))
    assert dec["mode"] == "stl"
    assert dec["amplitude"] == pytest.approx(truth["amplitude"], abs=0.04)


def test_weekday_index_within_regimes(daily, truth):
    prof = seasonal.weekday_profile(daily)
    regimes = calendar.read_regimes().set_index("regime")["weekdays"]
    for regime, g in prof.groupby("regime"):
        m = np.exp([truth["weekday"][w] for w in regimes[regime]])
        expected = dict(zip(regimes[regime], m / m.mean(), strict=True))
        for _, row in g.iterrows():
            assert row["index"] == pytest.approx(expected[row["weekday"]], abs=0.08)


# ----------------------------------------------------------------------------- seed figures


def test_published_forecast_reproduces_the_printed_numbers():
    """Golden: 9 901/27 x (1 + uplift) x 26 gives the printed H2 and year totals (lines 1168-1199)."""
    t = register.calibration_targets()
    b = seasonal.published_forecast(t["h1_2025"], t["uplift_basis_pct"])
    h = seasonal.published_forecast(t["h1_2025"], t["uplift_high_pct"])
    assert round(b["weekly_h1"]) == t["h1_weekly_mean_printed"]
    assert round(b["h2"]) == t["h2_basis_printed"] and round(h["h2"]) == t["h2_high_printed"]
    assert round(b["weekly_h2"]) == t["weekly_h2_basis_printed"]
    assert round(h["weekly_h2"]) == t["weekly_h2_high_printed"]
    assert round(b["year"]) == t["year_basis_printed"] and round(h["year"]) == t["year_high_printed"]
    # dividing by the 26 weeks the text names does not give the printed mean
    assert (
        round(seasonal.published_forecast(t["h1_2025"], 15, weeks_divisor=26)["weekly_h1"])
        != t["h1_weekly_mean_printed"]
    )


def test_seed_figures_recomputed_from_the_demo(daily):
    t = register.calibration_targets()
    f = seasonal.seed_figures(daily, t["capacity"], t["peak_day_low"])
    assert f["total_prev_year"] == t["annual"][2024] and f["h1_total"] == t["h1_2025"]
    assert f["june_total"] == t["june_2025"] and f["june_is_max_month_h1"]
    assert (2025, f["peak_week"], f["peak_week_visits"]) == t["peak_week"]
    assert f["peak_week_open_days"] == 4  # Whit Monday 9 June 2025 falls in week 24
    assert f["h1_weekly_mean"] == pytest.approx(t["h1_2025"] / 26)


def test_model_forecast_against_actual(daily):
    out = seasonal.model_forecast(daily, n_sim=500)
    assert out["low"] < out["h2"] < out["high"] and out["open_days"] == 128
    assert out["actual"] == int(
        daily[(daily["iso_year"] == 2025) & daily["iso_week"].between(27, 52)]["visits"].sum()
    )
    cut = daily[daily["date"] <= "2025-06-29"]
    short = seasonal.model_forecast(cut, cal=register.demo_calendar(), n_sim=200)
    assert short["actual"] is None and short["open_days"] == 128
    assert short["h2"] == pytest.approx(out["h2"])  # same data up to week 26, same calendar


def test_several_sites_are_summed_and_modelled(cal):
    days = cal[cal["open"] & (cal["date"] >= "2024-01-01") & (cal["date"] < "2024-03-01")]["date"]
    reg = pd.concat(
        [pd.DataFrame({"site": s, "date": days, "visits": v}) for s, v in (("A", 10), ("B", 30))],
        ignore_index=True,
    )
    d = seasonal.daily_frame(reg, cal)
    wk = seasonal.period_totals(d, "week")
    full = wk[~wk["partial"]]
    assert (full["per_open_day"] == 20).all()  # (10 + 30) * n / (2 * n) observed site-days
    assert (full["days_in_span"] == 7).all()
    f = seasonal.seed_figures(d, 120, 180, year=2024)
    assert f["peak_day"] == 40  # sites summed per date


# ----------------------------------------------------------------------------- report helpers


def test_text_helpers():
    assert seasonal.fmt_date(pd.Timestamp("2025-06-02")) == "2. juni 2025"
    assert (
        seasonal.closures_text(calendar.read_closures())
        == "24. desember (julaften) og 31. desember (nyttårsaften)"
    )
    assert seasonal.regimes_text(calendar.read_regimes()).endswith("og 5 dager per uke fra 2. juni 2025")
    assert seasonal.fmt_rr(1.1112, 1.036, 1.1937) == "1,11 (1,04–1,19)"


def test_closed_days_text(daily):
    assert seasonal.closed_days_text(daily, 2025, 24) == "andre pinsedag (9. juni 2025)"
    assert seasonal.closed_days_text(daily, 2025, 25) == "ingen"


def test_annual_table_against_tabell2(daily):
    t = register.calibration_targets()
    tab = seasonal.annual_table(daily, t).set_index("År")
    # Tabell 2's printed mean per day (line 1623) = total / (52 x days per week), rounded
    assert tab.loc["2022", "Tabell 2: snitt per dag (trykt)"] == "20"
    assert tab.loc["2022", "Tabell 2: besøk / (52 × dager)"] == "20,0"
    assert tab.loc["2024", "Besøk (register)"] == "14\u00a0897"


def test_forecast_table_golden(daily):
    t = register.calibration_targets()
    fc = {"h2": 1000.0, "low": 900.0, "high": 1100.0, "actual": None}
    tab = seasonal.forecast_table(t, t["h1_2025"], fc).set_index("Beregning")
    assert tab.loc["Trykt, basis (+15\u00a0%)", "Uke 27–52"] == "10\u00a0964"
    assert tab.loc["Som publisert: 9 901 / 27 × +15\u00a0% × 26, basis", "Uke 27–52"] == "10\u00a0964,4"
    assert tab.loc["Trykt, høyt (+20\u00a0%)", "Uke 1–52"] == "21\u00a0342"
    assert "Faktisk i registeret" not in tab.index


def test_model_and_truth_tables(fit, truth):
    m = seasonal.model_table(fit).set_index("Ledd")
    assert "Regimeskifte 4 dager → 5 dager" in m.index and "Søndag mot mandag" in m.index
    d = seasonal.demo_truth_table(truth).set_index("Parameter")
    assert d.loc["Årssyklus: amplitude (log)", "Sann verdi i generatoren"] == "0,15"


def test_figures_draw(daily, fit):
    import matplotlib.pyplot as plt

    wk = seasonal.period_totals(daily, "week")
    s, _ = seasonal.weekly_rate_series(wk)
    dec = seasonal.decompose_weekly(seasonal.remove_steps(s, fit))
    figs = [
        seasonal.fig_daily(daily),
        seasonal.fig_weekly_rate(wk, dec, daily, fit),
        seasonal.fig_weekday_profile(seasonal.weekday_profile(daily)),
        seasonal.fig_stl(dec),
        seasonal.fig_model(daily, fit, seasonal.regime_effects(fit)),
    ]
    assert [len(f.axes) for f in figs] == [1, 1, 1, 4, 2]
    assert figs[0].axes[0].get_ylabel() == "Besøk per åpningsdag"
    for f in figs:
        plt.close(f)


def test_remove_steps_round_trip(daily, fit):
    s, _ = seasonal.weekly_rate_series(seasonal.period_totals(daily, "week"))
    back = seasonal.remove_steps(seasonal.remove_steps(s, fit), fit, sign=+1)
    assert np.allclose(back, s)
    assert seasonal.remove_steps(s, fit).iloc[0] == s.iloc[0]  # first regime unchanged
