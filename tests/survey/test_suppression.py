"""Small-cell suppression: primary and secondary, count and percent alike."""

import pandas as pd

from helpers.survey import crosstabs, suppression


def test_suppression_primary_and_secondary():
    t = pd.DataFrame([[2, 5, 6], [7, 8, 9], [4, 10, 11]])
    hide = suppression.suppress(t, 3)
    assert hide.loc[0, 0]  # primary
    assert hide.sum(axis=1).ne(1).all() and hide.sum(axis=0).ne(1).all()  # not recoverable
    assert hide.to_numpy().sum() >= 4
    assert not suppression.suppress(t, 0).to_numpy().any()  # off when reproducing tables


def test_apply_suppression_hides_count_and_percent():
    long = crosstabs.crosstab(
        pd.Series([1, 1, 1, 2, 2, 2, 2]), pd.Series([1, 2, 2, 1, 2, 2, 2]), {1: "M", 2: "K"}, {1: "x", 2: "y"}
    )
    out = suppression.apply_suppression(long, 2)
    hidden = out[out["value"].isna()]
    assert {("M", "x"), ("K", "x")} <= set(zip(hidden["row"], hidden["col"], strict=True))
    assert set(hidden["statistic"]) == {"count", "percent"}
