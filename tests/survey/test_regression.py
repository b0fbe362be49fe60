"""OLS in the SPSS layout: B, Beta on standardised variables, R²."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers.survey import regression


def test_ols_beta_is_the_slope_on_standardised_variables():
    rng = np.random.default_rng(1)
    x1, x2 = rng.normal(size=50), rng.normal(size=50)
    y = 2 + 0.5 * x1 - 0.3 * x2 + rng.normal(size=50)
    d = pd.DataFrame({"y": y, "x1": x1, "x2": x2})
    res = regression.ols(d, "y", ["x1", "x2"])
    z = (d - d.mean()) / d.std(ddof=1)
    Z = np.column_stack([np.ones(50), z["x1"], z["x2"]])
    beta_hand = np.linalg.lstsq(Z, z["y"], rcond=None)[0][1:]
    coef = res.coefficients.set_index("row")
    assert coef.loc[["x1", "x2"], "beta"].tolist() == pytest.approx(beta_hand.tolist())
    X = np.column_stack([np.ones(50), x1, x2])
    assert coef["B"].tolist() == pytest.approx(np.linalg.lstsq(X, y, rcond=None)[0].tolist())
    assert math.isnan(coef.loc["(Constant)", "beta"]) and res.n == 50
    assert res.r**2 == pytest.approx(res.r2)
