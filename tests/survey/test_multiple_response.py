"""Multiple-response tables: the base is those who answered."""

import numpy as np
import pandas as pd

from helpers.survey import multiple_response


def test_multiple_response_base_is_those_who_answered():
    a = pd.Series([1, 0, 1, np.nan])
    b = pd.Series([1, 1, 0, np.nan])
    t = multiple_response.multiple_response({"A": a, "B": b})
    v = t.set_index(["row", "statistic"])["value"]
    assert v[("Antall svar (base)", "n")] == 3
    assert v[("A", "percent")] == 67 and v[("B", "percent")] == 67  # sums to more than 100


def test_mr_bases_per_column():
    a = pd.Series([1, 0, 1, np.nan])
    long = multiple_response.multiple_response({"A": a}, pd.Series([1, 1, 2, 2]), {1: "x", 2: "y"})
    assert multiple_response.mr_bases(long) == {1: 2, 2: 1, 3: 3}
