"""Text figures against the agency tables: each kind on hand-made data, then the golden run."""

import pandas as pd
import pytest

from helpers.cleaning import context_text as ctx
from helpers.core import catalogue

CELLS = pd.DataFrame(
    {
        "table": "T",
        "row": ["a", "b", "Sum", "a", "b", "Sum"],
        "column": ["2012", "2012", "2012", "2015", "2015", "2015"],
        "is_total": [False, False, True, False, False, True],
        "value": [60.0, 40.0, 100.0, 90.0, 30.0, 120.0],
    }
)
TEXT_COLS = ["figure_id", "table", "value", "value_as_printed", "source_line", "kind", "text_group", "rows",
             "columns", "columns_from", "numerator_figure"]  # fmt: skip


def _text(*rows):
    return pd.DataFrame(list(rows), columns=TEXT_COLS)


def test_cell_sum_joins_labels_and_star_means_all_non_totals():
    assert ctx.cell_sum(CELLS, "T", "a + b", "2012 + 2015") == 220.0
    assert ctx.cell_sum(CELLS, "T", "*", "2015") == 120.0
    with pytest.raises(KeyError, match="no cell"):
        ctx.cell_sum(CELLS, "T", "c", "2012")


def test_each_kind_agrees_or_is_flagged():
    ok = _text(
        ("e", "T", 60, "60", "1", "equals_cell", "", "a", "2012", "", ""),
        ("s", "T", 100, "100", "2", "sum_of_cells", "", "a + b", "2012", "", ""),
        ("c", "T", 20, "20 %", "3", "pct_change", "", "Sum", "2015", "2012", ""),
        ("p", "T", 75, "75 %", "4", "pct_share", "", "a", "2015", "", ""),
        ("n", "T", 50.0, "50,0 %", "5", "share_of_cell", "", "Sum", "2015", "", "e"),
        ("x", "T", 999, "999", "6", "context", "", "", "", "", ""),
    )
    assert ctx.check_text_figures(ok, CELLS).empty
    bad = ok.copy()
    bad.loc[bad["figure_id"] == "c", "value"] = 21
    bad.loc[bad["figure_id"] == "e", "value"] = 61  # also changes the share's numerator: 61/120
    flags = ctx.check_text_figures(bad, CELLS)
    assert sorted(flags["source_line"]) == [1, 3, 5]


def test_part_groups_complete_vs_subset():
    parts = _text(
        ("h1", "T", 50, "50", "7", "parts_of_cell", "g", "Sum", "2015", "", ""),
        ("h2", "T", 60, "60", "7", "parts_of_cell", "g", "Sum", "2015", "", ""),
    )
    flags = ctx.check_text_figures(parts, CELLS)
    assert list(flags["recomputed"]) == [110.0] and list(flags["printed"]) == [120.0]
    subset = parts.assign(kind="subset_of_cell")
    assert ctx.check_text_figures(subset, CELLS).empty  # fewer than the cell: not said to be complete
    over = subset.assign(value=[70, 60])
    assert len(ctx.check_text_figures(over, CELLS)) == 1  # more than the cell: impossible


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown kind"):
        ctx.check_text_figures(_text(("z", "T", 1, "1", "1", "guess", "", "a", "2012", "", "")), CELLS)


def test_golden_text_flags_of_the_real_file():
    text = catalogue.read_resource("lm2016_agency_text_figures")
    cells = catalogue.read_resource("lm2016_agency_tables")
    flags = ctx.check_text_figures(text, cells)
    got = {(f["check"], f["printed"], f["recomputed"]) for _, f in flags.iterrows()}
    # 861 + 282 = 1143 vs 1318; 109 + 80 + 26 + 18 = 233 vs 231 (by hand, seed lines 3308, 5537-5538)
    assert got == {
        ("halves_2015: tekstens deler mot tabell", 1318, 1143),
        ("time_of_day_2015: tekstens deler mot tabell", 231, 233),
    }
