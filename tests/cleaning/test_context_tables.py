"""Partial years are listed and a partial cell without its period is refused; all checks combine."""

import pandas as pd
import pytest

from helpers.cleaning import checks, context_tables
from helpers.core import catalogue
from helpers.core.validation import DataValidationError


def _cells(covered):
    return pd.DataFrame(
        {
            "table": ["T"],
            "year": pd.array([2016], dtype="Int64"),
            "period_printed": ["2016"],
            "coverage": ["partial_year"],
            "period_covered": [covered],
            "value": [1.0],
        }
    )


def test_a_partial_cell_must_say_its_period():
    context_tables.require_partial_marked(_cells("januar–juni 2016"))
    for missing in (None, " "):
        with pytest.raises(DataValidationError, match=r"data row 1\), column .period_covered."):
            context_tables.require_partial_marked(_cells(missing))
    full = _cells(None).assign(coverage="full_year")
    context_tables.require_partial_marked(full)


def test_partial_years_of_the_real_file():
    cells = catalogue.read_resource("lm2016_agency_tables")
    p = context_tables.partial_years(cells)
    # by hand from the captions and headers: 3.1 ×2, fines ×2, 4.3, 4.11, 4.12 ×2, 4.21, A.2 ×6 (its
    # period total covers January-October, but only January-August for foil: sep./okt. are empty)
    assert len(p) == 15
    assert set(p.loc[p["table"] == "Tabell 4.12", "period_printed"]) == {
        "2014 (sept.–des.)",
        "2016 (jan.–juni.)",
    }
    assert int(p.loc[p["table"] == "Tabell 4.11", "cells"].iloc[0]) == 11


def test_context_flags_are_sorted_and_combine_with_the_old_ones():
    frames = {n: catalogue.read_resource(n) for n in catalogue.resources()}
    new = context_tables.context_flags(frames)
    assert len(new) == 18  # 11 sums + 4 means + 1 repeat + 2 text (see the golden tests)
    both = context_tables.combine_flags([checks.source_flags(frames), new])
    assert len(both) == len(new) + len(checks.source_flags(frames))
    assert list(both.columns) == checks.FLAG_COLUMNS
    key = both[["resource", "source_line", "check"]].astype(str).agg("|".join, axis=1)
    assert both.equals(both.sort_values(["resource", "source_line", "check"], ignore_index=True))
    assert key.is_unique
    assert context_tables.combine_flags([]).empty
