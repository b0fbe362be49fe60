"""Crosstab with row percentages on a hand fixture."""

import numpy as np
import pandas as pd

from helpers.survey import crosstabs


def test_crosstab_row_percentages_and_totals():
    rows = pd.Series([1, 1, 1, 2, np.nan])
    cols = pd.Series([1, 2, 2, 2, 1])
    t = crosstabs.crosstab(rows, cols, {1: "M", 2: "K"}, {1: "x", 2: "y"})
    cell = t.set_index(["row", "col", "statistic"])["value"]
    assert cell[("M", "x", "count")] == 1 and cell[("M", "y", "count")] == 2
    assert cell[("M", "x", "percent")] == 33.3 and cell[("M", "y", "percent")] == 66.7
    assert cell[("K", "x", "count")] == 0 and cell[("K", "Totalt", "count")] == 1
    assert cell[("Totalt", "Totalt", "count")] == 4 and cell[("Totalt", "y", "percent")] == 75.0
