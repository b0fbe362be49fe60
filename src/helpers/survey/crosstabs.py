"""SPSS-style crosstab with row percentages (Tabell 4.8/4.9)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.core.formatting import TOTALT
from helpers.survey.frequencies import pct


def crosstab(
    rows: pd.Series, cols: pd.Series, row_labels: Mapping, col_labels: Mapping, decimals: int = 1
) -> pd.DataFrame:
    """Counts and row percentages with «Totalt» row and column.

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
    r, c = rows[ok], cols[ok]
    for s, lab in ((r, row_labels), (c, col_labels)):
        bad = sorted(set(s) - set(lab))
        if bad:
            raise ValueError(f"{s.name}: values not in the code list: {bad}")
    tab = pd.crosstab(r, c).reindex(index=list(row_labels), columns=list(col_labels), fill_value=0)
    tab.index = [row_labels[k] for k in tab.index]
    tab.columns = [col_labels[k] for k in tab.columns]
    tab.loc[TOTALT] = tab.sum(axis=0)
    tab[TOTALT] = tab.sum(axis=1)
    out = []
    for i, (rlab, row) in enumerate(tab.iterrows(), start=1):
        for j, (clab, n) in enumerate(row.items(), start=1):
            cell = {"row_order": i, "row": rlab, "col_order": j, "col": clab}
            out.append(cell | {"statistic": "count", "value": int(n)})
            out.append(cell | {"statistic": "percent", "value": pct(n, row[TOTALT], decimals)})
    return pd.DataFrame(out)
