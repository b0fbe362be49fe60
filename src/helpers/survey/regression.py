"""OLS in the SPSS «Coefficients» layout (Tabell A.4/A.5)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

CONSTANT = "(Constant)"


@dataclass(frozen=True)
class OLSResult:
    """Coefficients (``row_order``, ``row``, ``B``, ``std_error``, ``beta``, ``t``, ``sig``), R, R², N."""

    coefficients: pd.DataFrame
    r: float
    r2: float
    n: int


def ols(data: pd.DataFrame, y: str, xs: Sequence[str], labels: Mapping[str, str] | None = None) -> OLSResult:
    """OLS with listwise deletion; Beta is the SPSS standardised coefficient B·sd(x)/sd(y).

    Parameters
    ----------
    data
        The variables.
    y
        Dependent variable.
    xs
        Regressors (a constant is added; it has no Beta).
    labels
        Optional row labels per variable.

    Returns
    -------
    OLSResult
        The coefficient table and the fit.
    """
    import statsmodels.api as sm

    d = data[[y, *xs]].dropna().astype(float)
    x = sm.add_constant(d[list(xs)], has_constant="add")
    fit = sm.OLS(d[y], x).fit()
    labels = labels or {}
    rows = []
    for i, name in enumerate(["const", *xs], start=1):
        beta = (
            float("nan")
            if name == "const"
            else float(fit.params[name] * d[name].std(ddof=1) / d[y].std(ddof=1))
        )
        rows.append(
            {
                "row_order": i,
                "row": labels.get(name, CONSTANT if name == "const" else name),
                "B": float(fit.params[name]),
                "std_error": float(fit.bse[name]),
                "beta": beta,
                "t": float(fit.tvalues[name]),
                "sig": float(fit.pvalues[name]),
            }
        )
    return OLSResult(
        pd.DataFrame(rows), math.sqrt(max(fit.rsquared, 0.0)), float(fit.rsquared), int(fit.nobs)
    )
