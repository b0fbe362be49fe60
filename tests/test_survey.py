"""Tabulation engine on hand-computed fixtures, and the golden test against Tabell 4.14."""

import pandas as pd
import pytest

from helpers import io, survey
from helpers.formatting import ANTALL_SVAR, PROSENT


def test_counts_to_percent_hand_computed():
    t = survey.frequency_table_from_counts(["a", "b", "c"], [1, 2, 1])
    assert t[survey.CATEGORY].tolist() == ["a", "b", "c", "Total"]
    assert t[ANTALL_SVAR].tolist() == [1, 2, 1, 4]
    assert t[PROSENT].tolist() == [25.0, 50.0, 25.0, 100.0]


def test_rounding_is_half_away_from_zero():
    # 1/8 = 12.5 % -> 13 with 0 decimals (Python's round would give 12)
    t = survey.frequency_table_from_counts(["a", "b"], [1, 7], decimals=0)
    assert t[PROSENT].tolist()[:2] == [13.0, 88.0]


def test_zero_count_categories_kept_in_order_and_missing_excluded():
    answers = pd.Series(["c", "a", None, "c"])
    t = survey.frequency_table(answers, ["a", "b", "c"])
    assert t[survey.CATEGORY].tolist() == ["a", "b", "c", "Total"]
    assert t[ANTALL_SVAR].tolist() == [1, 0, 2, 3]
    assert t[PROSENT].tolist() == [33.3, 0.0, 66.7, 100.0]


def test_unknown_answer_is_an_error():
    with pytest.raises(ValueError, match="not in the category list"):
        survey.frequency_table(pd.Series(["x"]), ["a"])


@pytest.mark.parametrize(("cats", "counts"), [(["a"], [1, 2]), (["a", "a"], [1, 2]),
                                              (["a"], [-1])])
def test_bad_counts(cats, counts):
    with pytest.raises(ValueError):
        survey.frequency_table_from_counts(cats, counts)


def test_golden_lm_table_4_14():
    """Our engine on the printed counts gives every printed count and percentage of Tabell 4.14."""
    printed = io.read_resource("lm2016_table_4_14").sort_values("category_order")
    totals = io.read_resource("lm2016_table_4_14_printed_totals")
    ours = survey.frequency_table_from_counts(printed["category"].tolist(),
                                              printed["count"].tolist())
    cmp = survey.compare_with_published(ours, pd.concat([printed, totals]))
    assert len(cmp) == 7
    assert cmp["antall_match"].all() and cmp["prosent_match"].all()


def test_comparison_marks_a_mismatch():
    ours = survey.frequency_table_from_counts(["a", "b"], [1, 3])
    printed = pd.DataFrame({"category": ["a", "b", "Total"], "count": [1, 3, 4],
                            "percent": [25.0, 70.0, 100.0]})
    shown = survey.format_comparison(survey.compare_with_published(ours, printed))
    assert shown["Samsvar"].tolist() == ["✓", "✗", "✓"]
    assert shown["Prosent (publisert)"].tolist() == ["25,0", "70,0", "100,0"]
