"""Tabulation engine on hand-computed fixtures, and the golden test against Tabell 4.14."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.core import catalogue
from helpers.core import formatting as fmt
from helpers.core.formatting import ANTALL_SVAR, PROSENT
from helpers.survey import tabulation as survey


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


@pytest.mark.parametrize(("cats", "counts"), [(["a"], [1, 2]), (["a", "a"], [1, 2]), (["a"], [-1])])
def test_bad_counts(cats, counts):
    with pytest.raises(ValueError):
        survey.frequency_table_from_counts(cats, counts)


def test_golden_lm_table_4_14():
    """Our engine on the printed counts gives every printed count and percentage of Tabell 4.14."""
    printed = catalogue.read_resource("lm2016_table_4_14").sort_values("category_order")
    totals = catalogue.read_resource("lm2016_table_4_14_printed_totals")
    ours = survey.frequency_table_from_counts(printed["category"].tolist(), printed["count"].tolist())
    cmp = survey.compare_with_published(ours, pd.concat([printed, totals]))
    assert len(cmp) == 7
    assert cmp["antall_match"].all() and cmp["prosent_match"].all()


def test_comparison_marks_a_mismatch():
    ours = survey.frequency_table_from_counts(["a", "b"], [1, 3])
    printed = pd.DataFrame(
        {"category": ["a", "b", "Total"], "count": [1, 3, 4], "percent": [25.0, 70.0, 100.0]}
    )
    shown = survey.format_comparison(survey.compare_with_published(ours, printed))
    assert shown["Samsvar"].tolist() == ["✓", "✗", "✓"]
    assert shown["Prosent (publisert)"].tolist() == ["25,0", "70,0", "100,0"]


# ------------------------------------------------------------------ engine on hand fixtures

LAB = {1: "a", 2: "b", 3: "c"}


def test_frequency_keeps_zero_categories_and_leaves_out_missing():
    t = survey.frequency(pd.Series([1, 1, 3, np.nan, 1, 3, 3, 3]), LAB)
    assert t[survey.CATEGORY].tolist() == ["a", "b", "c", "Total"]
    assert t[fmt.ANTALL_SVAR].tolist() == [3, 0, 4, 7]
    assert t[fmt.PROSENT].tolist() == [42.9, 0.0, 57.1, 100.0]  # 3/7 = 42,857…, 4/7 = 57,142…


def test_frequency_shows_missing_like_table_5_5():
    t = survey.frequency(pd.Series([1, 2, np.nan, np.nan]), LAB, show_missing=True)
    assert t[survey.CATEGORY].tolist()[-2:] == ["Ikke svart", "Total"]
    assert t[fmt.ANTALL_SVAR].tolist()[-3:] == [2, 2, 4]
    assert t[fmt.PROSENT].isna().tolist()[-2:] == [True, True]


def test_percentages_round_half_away_from_zero():
    assert survey.pct(1, 8, 0) == 13  # 12,5 -> 13 (Python's round would give 12)
    assert survey.pct(1, 16, 1) == 6.3  # 6,25 -> 6,3
    assert survey.pct(29, 93) == 31.2
    assert math.isnan(survey.pct(0, 0))


def test_unknown_code_is_an_error():
    with pytest.raises(ValueError, match="not in the code list"):
        survey.frequency(pd.Series([1, 4], name="q"), LAB)


def test_crosstab_row_percentages_and_totals():
    rows = pd.Series([1, 1, 1, 2, np.nan])
    cols = pd.Series([1, 2, 2, 2, 1])
    t = survey.crosstab(rows, cols, {1: "M", 2: "K"}, {1: "x", 2: "y"})
    cell = t.set_index(["row", "col", "statistic"])["value"]
    assert cell[("M", "x", "count")] == 1 and cell[("M", "y", "count")] == 2
    assert cell[("M", "x", "percent")] == 33.3 and cell[("M", "y", "percent")] == 66.7
    assert cell[("K", "x", "count")] == 0 and cell[("K", "Totalt", "count")] == 1
    assert cell[("Totalt", "Totalt", "count")] == 4 and cell[("Totalt", "y", "percent")] == 75.0


def test_compact_keeps_shown_categories_inside_the_full_base():
    s = pd.Series([1, 1, 2, 3])
    t = survey.compact({"r": s}, LAB, base_codes=[1, 2], total=None)
    pcts = t[t["statistic"] == "percent"]["value"].tolist()
    assert pcts == [50.0, 25.0]  # base 4, «c» not shown


def test_multiple_response_base_is_those_who_answered():
    a = pd.Series([1, 0, 1, np.nan])
    b = pd.Series([1, 1, 0, np.nan])
    t = survey.multiple_response({"A": a, "B": b})
    v = t.set_index(["row", "statistic"])["value"]
    assert v[("Antall svar (base)", "n")] == 3
    assert v[("A", "percent")] == 67 and v[("B", "percent")] == 67  # sums to more than 100


def test_collapse_and_mean_without_non_substantive_codes():
    s = pd.Series([1, 2, 4, 5, 6])
    assert survey.collapse(s, {"uenig": [1, 2], "enig": [4, 5]}).tolist()[:4] == [
        "uenig",
        "uenig",
        "enig",
        "enig",
    ]
    assert survey.likert_mean(s, [1, 2, 3, 4, 5]) == 3.0  # 6 («Uaktuelt») left out


def test_chi_square_is_uncorrected_pearson_by_hand():
    # 2x2 table [[10, 20], [30, 40]]: expected [[12, 18], [28, 42]]
    rows = pd.Series([0] * 30 + [1] * 70)
    cols = pd.Series([0] * 10 + [1] * 20 + [0] * 30 + [1] * 40)
    r = survey.chi_square(rows, cols)
    hand = 2**2 / 12 + 2**2 / 18 + 2**2 / 28 + 2**2 / 42
    assert r["chi2"] == pytest.approx(hand) and r["df"] == 1
    assert r["cramers_v"] == pytest.approx(math.sqrt(hand / 100))
    assert not r["rule_violated"] and math.isnan(r["fisher_p"])
    assert r["chi2"] != pytest.approx(stats.chi2_contingency([[10, 20], [30, 40]])[0])


def test_fisher_when_expected_counts_are_small():
    rows = pd.Series([0, 0, 0, 1, 1, 1, 1])
    cols = pd.Series([0, 0, 1, 1, 1, 1, 1])
    r = survey.chi_square(rows, cols)
    assert r["rule_violated"]
    assert r["fisher_p"] == pytest.approx(stats.fisher_exact([[2, 1], [0, 4]]).pvalue)


def test_t_tests_pooled_and_welch_by_hand():
    a, b = [1.0, 2, 3, 4, 5], [2.0, 2, 3, 3]
    vals = pd.Series(a + b)
    g = pd.Series([0] * 5 + [1] * 4)
    r = survey.t_tests(vals, g, 0, 1)
    ma, mb, va, vb = 3.0, 2.5, 2.5, 1 / 3
    sp2 = (4 * va + 3 * vb) / 7
    assert r["t_pooled"] == pytest.approx((ma - mb) / math.sqrt(sp2 * (1 / 5 + 1 / 4)))
    se2 = va / 5 + vb / 4
    assert r["t_welch"] == pytest.approx((ma - mb) / math.sqrt(se2))
    assert r["df_welch"] == pytest.approx(se2**2 / ((va / 5) ** 2 / 4 + (vb / 4) ** 2 / 3))
    gm = survey.group_means(vals, g, {0: "x", 1: "y"})
    assert gm["std_error"][0] == pytest.approx(math.sqrt(va / 5))


def test_ols_beta_is_the_slope_on_standardised_variables():
    rng = np.random.default_rng(1)
    x1, x2 = rng.normal(size=50), rng.normal(size=50)
    y = 2 + 0.5 * x1 - 0.3 * x2 + rng.normal(size=50)
    d = pd.DataFrame({"y": y, "x1": x1, "x2": x2})
    res = survey.ols(d, "y", ["x1", "x2"])
    z = (d - d.mean()) / d.std(ddof=1)
    Z = np.column_stack([np.ones(50), z["x1"], z["x2"]])
    beta_hand = np.linalg.lstsq(Z, z["y"], rcond=None)[0][1:]
    coef = res["coefficients"].set_index("row")
    assert coef.loc[["x1", "x2"], "beta"].tolist() == pytest.approx(beta_hand.tolist())
    X = np.column_stack([np.ones(50), x1, x2])
    assert coef["B"].tolist() == pytest.approx(np.linalg.lstsq(X, y, rcond=None)[0].tolist())
    assert math.isnan(coef.loc["(Constant)", "beta"]) and res["n"] == 50
    assert res["r"] ** 2 == pytest.approx(res["r2"])


def test_suppression_primary_and_secondary():
    t = pd.DataFrame([[2, 5, 6], [7, 8, 9], [4, 10, 11]])
    hide = survey.suppress(t, 3)
    assert hide.loc[0, 0]  # primary
    assert hide.sum(axis=1).ne(1).all() and hide.sum(axis=0).ne(1).all()  # not recoverable
    assert hide.to_numpy().sum() >= 4
    assert not survey.suppress(t, 0).to_numpy().any()  # off when reproducing tables


def test_apply_suppression_hides_count_and_percent():
    long = survey.crosstab(
        pd.Series([1, 1, 1, 2, 2, 2, 2]), pd.Series([1, 2, 2, 1, 2, 2, 2]), {1: "M", 2: "K"}, {1: "x", 2: "y"}
    )
    out = survey.apply_suppression(long, 2)
    hidden = out[out["value"].isna()]
    assert {("M", "x"), ("K", "x")} <= set(zip(hidden["row"], hidden["col"], strict=True))
    assert set(hidden["statistic"]) == {"count", "percent"}


def test_compare_and_layout_mark_a_wrong_cell():
    pub = pd.DataFrame(
        {
            "table": ["x"] * 2,
            "row_order": [1, 1],
            "row_label": ["r", "r"],
            "col_order": [1, 2],
            "col_label": ["Antall", "Prosent"],
            "statistic": ["count", "percent"],
            "value": [29.0, 32.2],
            "decimals": [0, 1],
        }
    )
    ours = pd.DataFrame(
        {"row_order": [1, 1], "col_order": [1, 2], "statistic": ["count", "percent"], "value": [29, 31.18]}
    )
    cmp = survey.compare("x", ours, pub)
    assert cmp["match"].tolist() == [True, False]
    cells = survey.layout(cmp).iloc[0].tolist()
    assert cells[1:] == ["29 ✓", "31,2 ✗ (trykt 32,2)"]


class _CB:
    """Minimal stand-in for a codebook: only item labels are needed."""

    def item(self, item_id):
        return {"item_label": f"påstand {item_id}"}


def test_likert_summary_from_counts_not_rounded_parts():
    s = pd.Series([1] * 36 + [2] * 24 + [3] * 30 + [4] * 23 + [5] * 22 + [np.nan] * 3)
    t = survey.likert_summary(pd.DataFrame({"x": s}), _CB(), {"x": "4.15"})
    row = t.iloc[0]
    assert row["N"] == "135"
    assert row["Uenig (%)"] == "44,4"  # 60/135 = 44,44; the rounded parts 26,7 + 17,8 give 44,5
    assert row["Enig (%)"] == "33,3" and row["Gjennomsnitt (1–5)"] == "2,79"  # 376/135 = 2,785


def test_mr_bases_per_column():
    a = pd.Series([1, 0, 1, np.nan])
    long = survey.multiple_response({"A": a}, pd.Series([1, 1, 2, 2]), {1: "x", 2: "y"})
    assert survey.mr_bases(long) == {1: 2, 2: 1, 3: 3}
