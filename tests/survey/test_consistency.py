"""The arithmetic behind the 6.5 entry of the mismatch list, on the transcribed counts."""

from __future__ import annotations

import pandas as pd

from helpers.survey import consistency


def test_6_4_and_6_5_cannot_both_hold(lm_codebook_and_published):
    """The respect answers of 6.4 (counts 57, 29, 19, 35, 15 for codes 1-5, lines 9407-9422) have a
    sum of squares of 1 279; the printed 6.5 means and SDs (3,39 / 1,946 for 36, 2,30 / 1,374 for
    112, lines 9524-9529) need at least 546 + 804 + 7 = 1 357: the 7 answers outside the groups
    must sum to 7, all ones."""
    _, printed = lm_codebook_and_published
    chk = consistency.respect_sum_of_squares(printed)
    assert (chk.available, chk.required, chk.outside_n, chk.outside_sum) == (1279, 1357, 7, 7)
    assert chk.contradicts


def _tables(counts: list[int], groups: list[tuple[int, float, float]]) -> pd.DataFrame:
    rows = [
        {"table": "6.4", "row_order": 1, "col_order": c, "statistic": "count", "value": float(v)}
        for c, v in enumerate(counts, start=1)
    ]
    for r, (n, mean, sd) in enumerate(groups, start=1):
        rows += [
            {"table": "6.5", "row_order": r, "col_order": j, "statistic": s, "value": v}
            for j, (s, v) in enumerate((("n", n), ("mean", mean), ("sd", sd)), start=1)
        ]
    return pd.DataFrame(rows)


def test_consistent_tables_pass():
    """Group 0 = 1, 1, 2 (mean 4/3, SD 0,577…), group 1 = 5, 5; nothing outside: Σx² = 56 both ways."""
    t = _tables([2, 1, 0, 0, 2], [(3, 4 / 3, 0.5773502691896257), (2, 5.0, 0.0)])
    chk = consistency.respect_sum_of_squares(t)
    assert (chk.available, chk.required, chk.outside_n, chk.outside_sum) == (56, 56, 0, 0)
    assert not chk.contradicts
