"""SPSS-style crosstab with row percentages (Tabell 4.8/4.9), counted on code positions with numpy."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from helpers.core.formatting import TOTALT
from helpers.survey.frequencies import pct


def _positions(values: pd.Series, labels: Mapping) -> np.ndarray:
    """Each answer's place in the code list (one lookup per column); ValueError names unknown codes."""
    position = pd.Index(list(labels)).get_indexer(values)
    if (position < 0).any():
        bad = sorted(set(values[position < 0]))
        raise ValueError(f"{values.name}: values not in the code list: {bad}")
    return position


def crosstab(
    rows: pd.Series, cols: pd.Series, row_labels: Mapping, col_labels: Mapping, decimals: int = 1
) -> pd.DataFrame:
    """Counts and row percentages with «Totalt» row and column.

    The answers are counted in one pass (:func:`numpy.bincount` of row place x columns + column
    place), so every code of both lists has a cell, zeros included.

    Parameters
    ----------
    rows, cols
        Codes of the row and column variables; respondents missing on either are left out.
    row_labels, col_labels
        Code -> label, in printed order.
    decimals
        Decimals of the percentages.

    Returns
    -------
    pandas.DataFrame
        Long cells: ``row_order``, ``row``, ``col_order``, ``col``, ``statistic``
        (``count``/``percent``), ``value``.
    """
    ok = rows.notna() & cols.notna()
    r = _positions(rows[ok], row_labels)
    c = _positions(cols[ok], col_labels)
    n_r, n_c = len(row_labels), len(col_labels)
    inner = np.bincount(r * n_c + c, minlength=n_r * n_c).reshape(n_r, n_c)
    tab = np.vstack([inner, inner.sum(axis=0)])
    tab = np.hstack([tab, tab.sum(axis=1, keepdims=True)])
    counts = tab.ravel().tolist()
    totals = np.repeat(tab[:, -1], n_c + 1).tolist()
    percents = [pct(n, base, decimals) for n, base in zip(counts, totals, strict=True)]
    row_names = [*row_labels.values(), TOTALT]
    col_names = [*col_labels.values(), TOTALT]
    i = np.repeat(np.arange(1, n_r + 2), 2 * (n_c + 1))
    j = np.tile(np.repeat(np.arange(1, n_c + 2), 2), n_r + 1)
    value = np.empty(2 * len(counts))
    value[0::2], value[1::2] = counts, percents
    return pd.DataFrame(
        {
            "row_order": i,
            "row": [row_names[k - 1] for k in i],
            "col_order": j,
            "col": [col_names[k - 1] for k in j],
            "statistic": ["count", "percent"] * len(counts),
            "value": value,
        }
    )
