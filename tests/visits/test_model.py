"""The count model: season terms only with two years, and recovery of the demo generator's truth."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.visits import inputs, model, series


def test_no_fourier_terms_with_less_than_two_years(daily):
    short = daily[daily["date"] < "2023-06-01"]
    f = model.fit_count_model(short)
    assert f.season_order == 0 and "sin1" not in f.formula
    assert math.isnan(f.amplitude)


# ----------------------------------------------------------------------------- recovery
# Tolerances (stated): weekday log rate ratios +-0.06; regime steps +-0.06 and the true step
# inside the 95 % CI; trend +-0.06 per year; annual log amplitude +-0.03 (count model) and
# +-0.04 (STL first harmonic, tests/visits/test_decomposition.py); alpha +-0.01; weekday index
# within regimes +-0.08.


def test_recovers_weekday_profile(fit, truth):
    est = model.weekday_effects(fit).set_index("weekday")
    w = truth.spec.weekday
    assert len(est) > 1
    for wd, row in est.iterrows():
        assert math.log(row["rr"]) == pytest.approx(w[wd] - w[0], abs=0.06), wd


def test_recovers_regime_steps(fit, truth):
    eff = model.regime_effects(fit).set_index("change")
    assert len(truth.steps) == len(eff) > 0
    for change, step in truth.steps.items():
        assert math.log(eff.loc[change, "rr"]) == pytest.approx(step, abs=0.06), change
        assert eff.loc[change, "rr_low"] <= math.exp(step) <= eff.loc[change, "rr_high"]


def test_recovers_trend_amplitude_and_dispersion(fit, truth):
    t = fit.table.set_index("term")
    assert t.loc["t", "coef"] == pytest.approx(truth.trend, abs=0.06)
    assert fit.amplitude == pytest.approx(truth.spec.amplitude, abs=0.03)
    assert fit.alpha == pytest.approx(1 / truth.spec.size, abs=0.01)
    assert fit.poisson_dispersion > 1.5  # overdispersion is detected


def test_weekday_index_within_regimes(daily, truth):
    prof = series.weekday_profile(daily)
    regimes = inputs.read_regimes().set_index("regime")["weekdays"]
    assert prof["regime"].nunique() == len(regimes)
    for regime, g in prof.groupby("regime"):
        m = np.exp([truth.spec.weekday[w] for w in regimes[regime]])
        expected = dict(zip(regimes[regime], m / m.mean(), strict=True))
        for _, row in g.iterrows():
            assert row["index"] == pytest.approx(expected[row["weekday"]], abs=0.08)


def test_several_sites_are_modelled(cal):
    days = cal[cal["open"] & (cal["date"] >= "2024-01-01") & (cal["date"] < "2024-07-01")]["date"]
    rng = np.random.default_rng(3)
    reg = pd.concat(
        [
            pd.DataFrame({"site": s, "date": days, "visits": rng.poisson(v, len(days))})
            for s, v in (("A", 10), ("B", 30))
        ],
        ignore_index=True,
    )
    f = model.fit_count_model(series.daily_frame(reg, cal))
    assert "C(site)" in f.formula
    assert f.table.set_index("term").loc["C(site)[T.B]", "rr"] == pytest.approx(3, rel=0.1)
