"""Disclosure control per layout: an attacker (tests/survey/attacker.py) recovers no hidden cell.

The fixtures are small hand-made answer lists whose counts are read off by eye; the relations the
attacker uses are written here from the printed layout, not taken from the code under test.
"""

import math

import pandas as pd
import pytest

from helpers.survey import crosstabs, disclosure, frequencies, multiple_response, statistics, suppression
from tests.survey.attacker import recovered

T = 5


def _cells(long: pd.DataFrame, stat: str) -> dict:
    c = long[long["statistic"] == stat]
    return {(int(r), int(k)): v for r, k, v in zip(c["row_order"], c["col_order"], c["value"], strict=True)}


def test_frequency_small_cell_percent_goes_with_count():
    # 3 × a, 20 × b, 12 × c: «a» (3) is below 5
    v = pd.Series([1] * 3 + [2] * 20 + [3] * 12)
    long = suppression.protect_frequency(frequencies.long_frequency(frequencies.frequency(v, LAB3)), T)
    counts = _cells(long, "count")
    pcts = {(r, 1): (p, (4, 1)) for (r, _c), p in _cells(long, "percent").items()}
    assert math.isnan(counts[(1, 1)]) and math.isnan(_cells(long, "percent")[(1, 2)])
    rel = [((4, 1), [(1, 1), (2, 1), (3, 1)])]
    assert recovered(counts, rel, pcts) == {}


def test_nested_totals_hidden_ikke_svart_is_not_a_difference():
    # 10 a, 15 b, 12 c answered, 2 did not: «Ikke svart» 2 hidden; grand total 39 is public
    v = pd.Series([1] * 10 + [2] * 15 + [3] * 12 + [None] * 2)
    table = frequencies.frequency(v, LAB3, show_missing=True)
    long = suppression.protect_frequency(frequencies.long_frequency(table), T, show_missing=True)
    counts = _cells(long, "count")
    assert math.isnan(counts[(5, 1)])  # Ikke svart
    assert counts[(6, 1)] == 39  # grand total printed
    rel = [((4, 1), [(1, 1), (2, 1), (3, 1)]), ((6, 1), [(4, 1), (5, 1)])]
    pcts = {(r, 1): (p, (4, 1)) for (r, _c), p in _cells(long, "percent").items()}
    assert recovered(counts, rel, pcts) == {}


def test_crosstab_margins_protected():
    rows = pd.Series([1] * 2 + [1] * 9 + [2] * 8 + [2] * 7 + [1] * 6 + [2] * 1)
    cols = pd.Series([1] * 2 + [2] * 9 + [1] * 8 + [2] * 7 + [3] * 6 + [3] * 1)
    long = suppression.apply_suppression(
        crosstabs.crosstab(rows, cols, {1: "M", 2: "K"}, {1: "x", 2: "y", 3: "z"}), T
    )
    counts = _cells(long, "count")
    assert math.isnan(counts[(1, 1)]) and math.isnan(counts[(2, 3)])
    rel = [((i, 4), [(i, 1), (i, 2), (i, 3)]) for i in (1, 2, 3)]
    rel += [((3, j), [(1, j), (2, j)]) for j in (1, 2, 3, 4)]
    pcts = {k: (p, (k[0], 4)) for k, p in _cells(long, "percent").items()}
    assert recovered(counts, rel, pcts) == {}


def test_compact_prosent_antall():
    items = {"r1": pd.Series([1] * 3 + [2] * 10 + [3] * 9), "r2": pd.Series([1] * 8 + [2] * 8 + [3] * 6)}
    long = suppression.protect_compact(frequencies.compact(items, LAB3), T)
    counts = _cells(long, "count")
    assert math.isnan(counts[(1, 1)])
    rel = [((r, 4), [(r, 1), (r, 2), (r, 3)]) for r in (1, 2)]
    pcts = {k: (p, (k[0], 4)) for k, p in _cells(long, "percent").items()}
    assert recovered(counts, rel, pcts) == {}


def test_likert_summary_linked_with_frequency():
    # codes 1..5: 2, 9, 8, 7, 6 -> uenig 11, verken 8, enig 13; «Svært uenig» (2) hidden
    v = pd.Series([1] * 2 + [2] * 9 + [3] * 8 + [4] * 7 + [5] * 6)
    lab = {1: "SU", 2: "LU", 3: "V", 4: "LE", 5: "SE"}
    freq = frequencies.long_frequency(frequencies.frequency(v, lab))
    summary = pd.DataFrame(
        [
            {"row_order": 1, "col_order": 1, "statistic": "count", "value": 11},
            {"row_order": 1, "col_order": 2, "statistic": "count", "value": 8},
            {"row_order": 1, "col_order": 3, "statistic": "count", "value": 13},
            {"row_order": 1, "col_order": 4, "statistic": "count", "value": 32},
            {"row_order": 1, "col_order": 5, "statistic": "mean", "value": 3.19},
        ]
    )
    f, s = suppression.protect_likert_item(freq, summary, {1: [1, 2], 2: [3], 3: [4, 5]}, T)
    counts = {("f", *k): v for k, v in _cells(f, "count").items()}
    counts |= {("s", *k): v for k, v in _cells(s, "count").items()}
    assert math.isnan(counts[("f", 1, 1)])
    rel = [(("f", 6, 1), [("f", i, 1) for i in range(1, 6)])]
    rel += [(("s", 1, 1), [("f", 1, 1), ("f", 2, 1)]), (("s", 1, 2), [("f", 3, 1)])]
    rel += [(("s", 1, 3), [("f", 4, 1), ("f", 5, 1)]), (("s", 1, 4), [("s", 1, j) for j in (1, 2, 3)])]
    assert recovered(counts, rel) == {}
    # the mean would give one more equation: hidden whenever a summary count is
    if s["suppressed"].any():
        assert s.loc[s["statistic"] == "mean", "value"].isna().all()


def test_multiple_response_groups_and_bases():
    g = pd.Series([1] * 12 + [2] * 3)
    opts = {"a": pd.Series([1] * 8 + [0] * 4 + [1] * 2 + [0]), "b": pd.Series([1] * 6 + [0] * 6 + [1, 1, 1])}
    long = suppression.protect_multiple_response(
        multiple_response.multiple_response(opts, g, {1: "K", 2: "M"}), T
    )
    counts = _cells(long, "count") | _cells(long, "n")
    assert math.isnan(counts[(3, 2)])  # the base of a group of 3
    rel = [((r, 3), [(r, 1), (r, 2)]) for r in (1, 2, 3)]
    pcts = {k: (p, (3, k[1])) for k, p in _cells(long, "percent").items()}
    assert recovered(counts, rel, pcts, decimals=0) == {}


def test_group_of_one_prints_no_statistic():
    values = pd.Series([4.0, 2, 3, 3, 4, 2, 5, 1, 3])
    groups = pd.Series([1] + [0] * 8)
    g = statistics.group_means(values, groups, {0: "Ingen", 1: "Minst én"})
    out = suppression.protect_group_stats(g, T)
    for c in ("n", "mean", "sd", "std_error"):
        assert out[c].isna().all()  # the lone respondent, and the other group (else N − n gives it)
    assert out["suppressed"].all()


def test_extreme_printed_only_when_shared():
    assert not disclosure.extreme_printable([1, 2, 2, 2, 2, 2, 9], 9, T)
    assert disclosure.extreme_printable([9, 9, 9, 9, 9, 2], 9, T)


def test_audit_finds_a_difference_of_printed_cells():
    grid = disclosure.Grid({"a": 3, "b": 7, "t": 10}, (disclosure.Relation("t", ("a", "b")),))
    assert disclosure.audit(grid, {"a"})["a"] == pytest.approx((3, 3))
    prot = disclosure.protect(grid, T)
    assert prot.exposed() == [] and "a" in prot.hidden and len(prot.hidden) >= 2


LAB3 = {1: "a", 2: "b", 3: "c"}


def test_multiple_response_small_non_response_is_not_respondents_minus_base():
    # 40 respondents, 38 answered: the 2 who did not would be 40 − 38
    answered = pd.Series([1.0] * 20 + [0.0] * 18 + [None] * 2)
    opts = {"a": answered, "b": answered.map({1.0: 0.0, 0.0: 1.0})}
    long = suppression.protect_multiple_response(multiple_response.multiple_response(opts), T, respondents=40)
    counts = _cells(long, "count") | _cells(long, "n")
    assert math.isnan(counts[(3, 1)])  # the base
    counts[("not", 1)] = float("nan")
    counts[("all", 1)] = 40
    pcts = {k: (p, (3, 1)) for k, p in _cells(long, "percent").items()}
    assert recovered(counts, [(("all", 1), [(3, 1), ("not", 1)])], pcts, decimals=0) == {}
    assert _cells(long, "percent")[(1, 1)] != _cells(long, "percent")[(1, 1)]  # NaN: base hidden


def test_likert_item_with_ikke_svart_linked():
    v = pd.Series([1] * 6 + [2] * 9 + [3] * 8 + [4] * 7 + [5] * 6 + [None] * 2)
    lab = {1: "SU", 2: "LU", 3: "V", 4: "LE", 5: "SE"}
    freq = frequencies.long_frequency(frequencies.frequency(v, lab, show_missing=True))
    summary = pd.DataFrame(
        [
            {"row_order": 1, "col_order": j, "statistic": "count", "value": x}
            for j, x in ((1, 15), (2, 8), (3, 13), (4, 36))
        ]
    )
    f, s = suppression.protect_likert_item(
        freq, summary, {1: [1, 2], 2: [3], 3: [4, 5]}, T, show_missing=True
    )
    counts = {("f", *k): v for k, v in _cells(f, "count").items()}
    counts |= {("s", *k): v for k, v in _cells(s, "count").items()}
    assert math.isnan(counts[("f", 7, 1)]) and counts[("f", 8, 1)] == 38  # Ikke svart hidden, all printed
    rel = [(("f", 6, 1), [("f", i, 1) for i in range(1, 6)]), (("f", 8, 1), [("f", 6, 1), ("f", 7, 1)])]
    rel += [(("s", 1, 1), [("f", 1, 1), ("f", 2, 1)]), (("s", 1, 2), [("f", 3, 1)])]
    rel += [(("s", 1, 3), [("f", 4, 1), ("f", 5, 1)]), (("s", 1, 4), [("s", 1, j) for j in (1, 2, 3)])]
    assert recovered(counts, rel) == {}
