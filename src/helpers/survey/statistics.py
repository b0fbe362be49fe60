"""Significance tests of the L&M tables: χ² with the expected-count rule, group means, t-tests."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import pandas as pd

# the expected-count rule: at most this share of the expected counts below EXPECTED_MIN, none below 1
EXPECTED_MIN = 5
EXPECTED_SHARE = 0.2


@dataclass(frozen=True)
class ChiSquare:
    """Uncorrected Pearson χ², Cramér's V and the expected-count rule (Fisher's p when broken)."""

    chi2: float
    df: int
    p: float
    n: int
    cramers_v: float
    share_expected_below_5: float
    min_expected: float
    rule_violated: bool
    fisher_p: float


def chi_square(rows: pd.Series, cols: pd.Series) -> ChiSquare:
    """Pearson χ² without continuity correction, Cramér's V, and Fisher when the rule is broken.

    Parameters
    ----------
    rows, cols
        Codes of the two variables; respondents missing on either are left out.

    Returns
    -------
    ChiSquare
        ``rule_violated`` when more than 20 % of the expected counts are below 5 or any is
        below 1; then ``fisher_p`` is Fisher's exact test (NaN otherwise).
    """
    from scipy import stats

    ok = rows.notna() & cols.notna()
    tab = pd.crosstab(rows[ok], cols[ok]).to_numpy()
    chi2, p, dof, expected = stats.chi2_contingency(tab, correction=False)
    n = int(tab.sum())
    k = min(tab.shape) - 1
    small = float((expected < EXPECTED_MIN).mean())
    violated = small > EXPECTED_SHARE or bool((expected < 1).any())
    return ChiSquare(
        chi2=float(chi2),
        df=int(dof),
        p=float(p),
        n=n,
        cramers_v=math.sqrt(chi2 / (n * k)) if n and k else float("nan"),
        share_expected_below_5=small,
        min_expected=float(expected.min()),
        rule_violated=violated,
        fisher_p=float(stats.fisher_exact(tab).pvalue) if violated else float("nan"),
    )


def group_means(values: pd.Series, groups: pd.Series, group_labels: Mapping) -> pd.DataFrame:
    """N, mean, SD and standard error of the mean per group (SPSS «Group Statistics»).

    Parameters
    ----------
    values
        The answers averaged.
    groups
        Which group each respondent belongs to.
    group_labels
        Group code -> row label, in printed order.

    Returns
    -------
    pandas.DataFrame
        ``row_order``, ``row``, ``n``, ``mean``, ``sd``, ``std_error``.
    """
    rows = []
    for i, (g, lab) in enumerate(group_labels.items(), start=1):
        v = values[(groups == g) & values.notna()].astype(float)
        n = len(v)
        sd = float(v.std(ddof=1)) if n > 1 else float("nan")
        se = sd / math.sqrt(n) if n > 1 else float("nan")
        rows.append({"row_order": i, "row": lab, "n": n, "mean": float(v.mean()), "sd": sd, "std_error": se})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class TTests:
    """Independent-samples t-test, pooled (equal variances) and Welch."""

    t_pooled: float
    df_pooled: int
    p_pooled: float
    t_welch: float
    df_welch: float
    p_welch: float
    mean_diff: float


def t_tests(values: pd.Series, groups: pd.Series, g0: Hashable, g1: Hashable) -> TTests:
    """Pooled and Welch t-tests of ``values`` between two groups, as in Tabell 6.5/6.6.

    Parameters
    ----------
    values
        The variable.
    groups
        Group code per respondent.
    g0, g1
        The two group codes (the difference is g0 minus g1).

    Returns
    -------
    TTests
        Both tests and the difference in means.
    """
    from scipy import stats

    a = values[(groups == g0) & values.notna()].astype(float)
    b = values[(groups == g1) & values.notna()].astype(float)
    pooled = stats.ttest_ind(a, b, equal_var=True)
    welch = stats.ttest_ind(a, b, equal_var=False)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    welch_df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return TTests(
        t_pooled=float(pooled.statistic),
        df_pooled=len(a) + len(b) - 2,
        p_pooled=float(pooled.pvalue),
        t_welch=float(welch.statistic),
        df_welch=float(welch_df),
        p_welch=float(welch.pvalue),
        mean_diff=float(a.mean() - b.mean()),
    )
