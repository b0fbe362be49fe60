"""Likert statements collapsed from the counts, not from rounded parts."""

import numpy as np
import pandas as pd

from helpers.survey import likert, report_tables


def test_collapse_and_mean_without_non_substantive_codes():
    s = pd.Series([1, 2, 4, 5, 6])
    assert likert.collapse(s, {"uenig": [1, 2], "enig": [4, 5]}).tolist()[:4] == [
        "uenig",
        "uenig",
        "enig",
        "enig",
    ]
    assert likert.likert_mean(s, [1, 2, 3, 4, 5]) == 3.0  # 6 («Uaktuelt») left out


class _CB:
    """Minimal stand-in for a codebook: only item labels are needed."""

    def item(self, item_id):
        return {"item_label": f"påstand {item_id}"}


def test_likert_summary_from_counts_not_rounded_parts():
    s = pd.Series([1] * 36 + [2] * 24 + [3] * 30 + [4] * 23 + [5] * 22 + [np.nan] * 3)
    rows = likert.likert_rows(pd.DataFrame({"x": s}), {"x": "4.15"})
    t = report_tables.likert_table(rows, _CB())
    row = t.iloc[0]
    assert row["N"] == "135"
    assert row["Uenig (%)"] == "44,4"  # 60/135 = 44,44; the rounded parts 26,7 + 17,8 give 44,5
    assert row["Enig (%)"] == "33,3" and row["Gjennomsnitt (1–5)"] == "2,79"  # 376/135 = 2,785
    assert rows[0].n == 135 and rows[0].shares["uenig"] == 44.4
