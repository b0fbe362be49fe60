"""χ², Fisher and t-tests against hand computations."""

import math

import pandas as pd
import pytest
from scipy import stats

from helpers.survey import statistics


def test_chi_square_is_uncorrected_pearson_by_hand():
    # 2x2 table [[10, 20], [30, 40]]: expected [[12, 18], [28, 42]]
    rows = pd.Series([0] * 30 + [1] * 70)
    cols = pd.Series([0] * 10 + [1] * 20 + [0] * 30 + [1] * 40)
    r = statistics.chi_square(rows, cols)
    hand = 2**2 / 12 + 2**2 / 18 + 2**2 / 28 + 2**2 / 42
    assert r.chi2 == pytest.approx(hand) and r.df == 1
    assert r.cramers_v == pytest.approx(math.sqrt(hand / 100))
    assert not r.rule_violated and math.isnan(r.fisher_p)
    assert r.chi2 != pytest.approx(stats.chi2_contingency([[10, 20], [30, 40]])[0])


def test_fisher_when_expected_counts_are_small():
    rows = pd.Series([0, 0, 0, 1, 1, 1, 1])
    cols = pd.Series([0, 0, 1, 1, 1, 1, 1])
    r = statistics.chi_square(rows, cols)
    assert r.rule_violated
    assert r.fisher_p == pytest.approx(stats.fisher_exact([[2, 1], [0, 4]]).pvalue)


def test_t_tests_pooled_and_welch_by_hand():
    a, b = [1.0, 2, 3, 4, 5], [2.0, 2, 3, 3]
    vals = pd.Series(a + b)
    g = pd.Series([0] * 5 + [1] * 4)
    r = statistics.t_tests(vals, g, 0, 1)
    ma, mb, va, vb = 3.0, 2.5, 2.5, 1 / 3
    sp2 = (4 * va + 3 * vb) / 7
    assert r.t_pooled == pytest.approx((ma - mb) / math.sqrt(sp2 * (1 / 5 + 1 / 4)))
    se2 = va / 5 + vb / 4
    assert r.t_welch == pytest.approx((ma - mb) / math.sqrt(se2))
    assert r.df_welch == pytest.approx(se2**2 / ((va / 5) ** 2 / 4 + (vb / 4) ** 2 / 3))
    gm = statistics.group_means(vals, g, {0: "x", 1: "y"})
    assert gm["std_error"][0] == pytest.approx(math.sqrt(va / 5))
