"""The mismatch list grouped by reason (issue 12): one row per reason, its tables, cells and count."""

import pandas as pd

from helpers.survey import report_tables
from helpers.survey.compare import MISMATCH_COLUMNS


def _bad() -> pd.DataFrame:
    rows = [
        ("A.4", 1, "(Constant)", "t", "t", 19.221, 15.868, 3, "regresjonen kan bare tilnærmes"),
        ("6.2", 3, "Kvelning", "Totalt", "count", 38, 37, 0, "Totalt 38 er ikke 18 + 19"),
        ("A.5", 2, "Kjønn", "B", "B", 0.059, 0.058, 3, "regresjonen kan bare tilnærmes"),
        ("A.4", 2, "Politikontakt", "Beta", "beta", -0.419, -0.319, 3, "regresjonen kan bare tilnærmes"),
    ]
    return pd.DataFrame(rows, columns=MISMATCH_COLUMNS)


def test_one_row_per_reason_in_first_order_with_cells_and_count():
    g = report_tables.group_mismatches(_bad())
    assert g["Grunn"].tolist() == ["regresjonen kan bare tilnærmes", "Totalt 38 er ikke 18 + 19"]
    assert g["Tabell"].tolist() == ["A.4, A.5", "6.2"]
    assert g["Antall celler"].tolist() == ["3", "1"]
    cells = g["Celler (trykt → beregnet)"].tolist()
    assert cells[0] == (
        "A.4 (Constant) – t (t): 19,221 → 15,868; A.5 Kjønn – B (B): 0,059 → 0,058; "
        "A.4 Politikontakt – Beta (Beta): \u22120,419 → \u22120,319"
    )
    assert cells[1] == "Kvelning – Totalt (Antall): 38 → 37"


def test_grouping_keeps_every_cell():
    bad = _bad()
    g = report_tables.group_mismatches(bad)
    assert sum(int(n) for n in g["Antall celler"]) == len(bad)
    assert sorted(g["Grunn"]) == sorted(set(bad["reason"]))
