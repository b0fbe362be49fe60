"""The decomposition's guards against what statsmodels does silently, and the STL after the steps."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.seasonal import MSTL, STL

from helpers.visits import decomposition, series


def _noisy(n, period=52, seed=0):
    rng = np.random.default_rng(seed)
    x = np.arange(n)
    idx = pd.date_range("2020-01-06", periods=n, freq="7D")
    return pd.Series(np.sin(2 * np.pi * x / period) + 0.01 * x + rng.normal(0, 0.1, n), idx)


def test_stl_guard_nan():
    s = _noisy(156)
    s.iloc[40] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert STL(s, period=52, robust=True).fit().trend.isna().all()  # what statsmodels does
    with pytest.raises(ValueError, match="missing value"):
        decomposition.robust_stl(s, 52)


def test_stl_guard_needs_two_cycles():
    s = _noisy(78)
    STL(s, period=52).fit()  # statsmodels accepts one and a half cycles silently
    with pytest.raises(ValueError, match="two full cycles"):
        decomposition.robust_stl(s, 52)
    assert decomposition.robust_stl(_noisy(104), 52).seasonal.notna().all()


def test_mstl_guard_long_period():
    s = _noisy(150)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        res = MSTL(s, periods=[4, 80]).fit()  # 80 >= 150/2: dropped with only a warning
    assert res.seasonal.ndim == 1  # only the period-4 component is left
    assert any("Removing these period" in str(x.message) for x in w)
    with pytest.raises(ValueError, match="would drop period"):
        decomposition.mstl_checked(s, [4, 80])
    assert decomposition.mstl_checked(s, [4, 52]).seasonal.shape[1] == 2


def test_mstl_guard_nan():
    s = _noisy(150)
    s.iloc[3] = np.nan
    with pytest.raises(ValueError, match="missing value"):
        decomposition.mstl_checked(s, [4])


def test_weekly_series_interpolation_is_explicit():
    wk = pd.DataFrame(
        {
            "start": pd.date_range("2024-01-01", periods=5, freq="7D"),
            "per_open_day": [np.nan, 10.0, np.nan, 40.0, np.nan],
        }
    )
    with pytest.warns(UserWarning, match="interpolated"):
        s, filled = decomposition.weekly_rate_series(wk)
    assert len(s) == 3 and filled.tolist() == [False, True, False]
    assert s.iloc[1] == pytest.approx((math.log(10) + math.log(40)) / 2)


def test_short_series_gets_trend_only():
    out = decomposition.decompose_weekly(_noisy(80), period=52)
    assert out.mode == "trend" and math.isnan(out.amplitude)
    assert (out.components["seasonal"] == 0).all()


# Tolerance (stated): annual log amplitude +-0.04 (STL first harmonic).


def test_stl_amplitude_after_removing_steps(daily, fit, truth):
    wk = series.period_totals(daily, "week")
    s, _ = decomposition.weekly_rate_series(wk)
    dec = decomposition.decompose_weekly(decomposition.remove_steps(s, fit))
    assert dec.mode == "stl"
    assert dec.amplitude == pytest.approx(truth.spec.amplitude, abs=0.04)


def test_remove_steps_round_trip(daily, fit):
    s, _ = decomposition.weekly_rate_series(series.period_totals(daily, "week"))
    back = decomposition.remove_steps(decomposition.remove_steps(s, fit), fit, sign=+1)
    assert np.allclose(back, s)
    assert decomposition.remove_steps(s, fit).iloc[0] == s.iloc[0]  # first regime unchanged
