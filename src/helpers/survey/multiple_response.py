"""Multiple-response tables: percent of respondents who ticked each option, by group (Tabell 6.2)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.core.formatting import TOTALT
from helpers.survey.frequencies import pct

BASE_ROW = "Antall svar (base)"


def multiple_response(
    options: Mapping[str, pd.Series],
    groups: pd.Series | None = None,
    group_labels: Mapping | None = None,
    decimals: int = 0,
) -> pd.DataFrame:
    """Percent of respondents who ticked each option, per group column and «Totalt».

    Parameters
    ----------
    options
        Option name -> 1 (ticked) / 0 / missing (question not answered).
    groups
        Group code per respondent, or None for one «Totalt» column.
    group_labels
        Group code -> column label.
    decimals
        Decimals of the percentages.

    Returns
    -------
    pandas.DataFrame
        Long cells with a ``base`` row (statistic ``n``) per column. The base of a group is the
        respondents who answered the question, so a column can sum to more than 100.
    """
    frame = pd.DataFrame(options)
    answered = frame.notna().any(axis=1)
    if groups is None or group_labels is None:
        groups = pd.Series("Totalt", index=frame.index)
        group_labels = {"Totalt": TOTALT}
    cols = [(lab, groups == k) for k, lab in group_labels.items()]
    if len(cols) > 1:
        cols.append((TOTALT, groups.isin(list(group_labels))))
    out = []
    for j, (clab, member) in enumerate(cols, start=1):
        base = int((answered & member).sum())
        for i, (name, s) in enumerate(options.items(), start=1):
            n = int(((s == 1) & member & answered).sum())
            cell = {"row_order": i, "row": name, "col_order": j, "col": clab}
            out.append(cell | {"statistic": "percent", "value": pct(n, base, decimals)})
            out.append(cell | {"statistic": "count", "value": n})
        out.append(
            {
                "row_order": len(options) + 1,
                "row": BASE_ROW,
                "col_order": j,
                "col": clab,
                "statistic": "n",
                "value": base,
            }
        )
    return pd.DataFrame(out)


def mr_bases(long: pd.DataFrame) -> dict[int, int]:
    """The base (respondents who answered) of each column of a :func:`multiple_response` table.

    Parameters
    ----------
    long : pandas.DataFrame
        A table made by :func:`multiple_response` (its ``n`` rows are read).

    Returns
    -------
    dict
        Column order -> base.
    """
    b = long[long["statistic"] == "n"]
    return {int(c): int(v) for c, v in zip(b["col_order"], b["value"], strict=True)}
