"""Frequency tables on hand-computed fixtures, and the golden test against Tabell 4.14."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers.core import catalogue
from helpers.core import formatting as fmt
from helpers.core.formatting import ANTALL_SVAR, PROSENT
from helpers.survey import frequencies

LAB = {1: "a", 2: "b", 3: "c"}


def test_counts_to_percent_hand_computed():
    t = frequencies.frequency(pd.Series([1, 2, 2, 3]), LAB)
    assert t[frequencies.CATEGORY].tolist() == ["a", "b", "c", "Total"]
    assert t[ANTALL_SVAR].tolist() == [1, 2, 1, 4]
    assert t[PROSENT].tolist() == [25.0, 50.0, 25.0, 100.0]


def test_rounding_is_half_away_from_zero():
    # 1/8 = 12.5 % -> 13 with 0 decimals (Python's round would give 12)
    t = frequencies.frequency(pd.Series([1] + [2] * 7), {1: "a", 2: "b"}, decimals=0)
    assert t[PROSENT].tolist()[:2] == [13.0, 88.0]


def test_zero_count_categories_kept_in_order_and_missing_excluded():
    t = frequencies.frequency(pd.Series([3, 1, None, 3]), LAB)
    assert t[frequencies.CATEGORY].tolist() == ["a", "b", "c", "Total"]
    assert t[ANTALL_SVAR].tolist() == [1, 0, 2, 3]
    assert t[PROSENT].tolist() == [33.3, 0.0, 66.7, 100.0]


def test_golden_lm_table_4_14():
    """Our engine on respondents with the printed counts gives every printed count and percentage
    of Tabell 4.14, the total row included."""
    printed = catalogue.read_resource("lm2016_table_4_14").sort_values("category_order")
    totals = catalogue.read_resource("lm2016_table_4_14_printed_totals")
    labels = dict(zip(printed["category_order"], printed["category"], strict=True))
    answers = pd.Series(
        [k for k, c in zip(printed["category_order"], printed["count"], strict=True) for _ in range(c)]
    )
    ours = frequencies.frequency(answers, labels)
    assert len(ours) == 7
    assert ours[frequencies.CATEGORY].tolist() == [*printed["category"], *totals["category"]]
    assert ours[ANTALL_SVAR].tolist() == [*printed["count"], *totals["count"]]
    assert ours[PROSENT].tolist() == [*printed["percent"], *totals["percent"]]


def test_frequency_keeps_zero_categories_and_leaves_out_missing():
    t = frequencies.frequency(pd.Series([1, 1, 3, np.nan, 1, 3, 3, 3]), LAB)
    assert t[frequencies.CATEGORY].tolist() == ["a", "b", "c", "Total"]
    assert t[fmt.ANTALL_SVAR].tolist() == [3, 0, 4, 7]
    assert t[fmt.PROSENT].tolist() == [42.9, 0.0, 57.1, 100.0]  # 3/7 = 42,857…, 4/7 = 57,142…


def test_frequency_shows_missing_like_table_5_5():
    t = frequencies.frequency(pd.Series([1, 2, np.nan, np.nan]), LAB, show_missing=True)
    assert t[frequencies.CATEGORY].tolist()[-2:] == ["Ikke svart", "Total"]
    assert t[fmt.ANTALL_SVAR].tolist()[-3:] == [2, 2, 4]
    assert t[fmt.PROSENT].isna().tolist()[-2:] == [True, True]


def test_percentages_round_half_away_from_zero():
    assert frequencies.pct(1, 8, 0) == 13  # 12,5 -> 13 (Python's round would give 12)
    assert frequencies.pct(1, 16, 1) == 6.3  # 6,25 -> 6,3
    assert frequencies.pct(29, 93) == 31.2
    assert math.isnan(frequencies.pct(0, 0))


def test_unknown_code_is_an_error():
    with pytest.raises(ValueError, match="not in the code list"):
        frequencies.frequency(pd.Series([1, 4], name="q"), LAB)


def test_compact_keeps_shown_categories_inside_the_full_base():
    s = pd.Series([1, 1, 2, 3])
    t = frequencies.compact({"r": s}, LAB, base_codes=[1, 2], total=None)
    pcts = t[t["statistic"] == "percent"]["value"].tolist()
    assert pcts == [50.0, 25.0]  # base 4, «c» not shown
