"""Our cells beside the printed ones: match flags, the layout with markers, reasons, decimals."""

import pandas as pd

from helpers.survey import compare, report_layout


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
    cmp = compare.compare("x", ours, pub)
    assert cmp["match"].tolist() == [True, False]
    cells = report_layout.layout(cmp).iloc[0].tolist()
    assert cells[1:] == ["29 ✓", "31,2 ✗ (trykt 32,2)"]


def test_the_most_specific_reason_wins():
    reasons = pd.DataFrame(
        {
            "table": ["t", "t", "u"],
            "row_order": [1, 1, None],
            "col_order": [2, None, None],
            "reason": ["cell", "row", "table"],
        }
    )
    assert compare.reason(reasons, "t", 1, 2) == "cell"
    assert compare.reason(reasons, "t", 1, 3) == "row"
    assert compare.reason(reasons, "u", 4, 4) == "table"
    assert compare.reason(reasons, "t", 2, 2) == "ikke forklart"
