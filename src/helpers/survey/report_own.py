"""The own survey's protected tables as Norwegian report cells: «:» hidden, «–» not applicable."""

from __future__ import annotations

import pandas as pd

from helpers.core import markdown as md
from helpers.core.formatting import fmt_int, fmt_num, isna
from helpers.survey.codebook import Codebook
from helpers.survey.own_tables import CROSSTABS, OwnTable
from helpers.survey.report_text import (
    LEGEND,
    LEGEND_OFF,
    LIKERT_HEADERS,
    MISSING_CELL,
    OWN_CAPTION,
    OWN_STAT_HEADERS,
    PCT_COUNT,
    SUPPRESSED_CELL,
)

DECIMALS = {
    "count": 0,
    "n": 0,
    "missing": 0,
    "percent": 1,
    "mean": 2,
    "median": 1,
    "sd": 2,
    "min": 0,
    "max": 0,
}


def _one(value: float, suppressed: bool, statistic: str) -> str:
    if suppressed:
        return SUPPRESSED_CELL
    if isna(value):
        return MISSING_CELL
    dec = DECIMALS.get(statistic, 1)
    return fmt_int(value) if dec == 0 else fmt_num(value, dec)


def _cell_text(g: pd.DataFrame) -> str:
    parts = {s: (v, h) for s, v, h in zip(g["statistic"], g["value"], g["suppressed"], strict=True)}
    if "percent" in parts and "count" in parts:
        return f"{_one(*parts['percent'], 'percent')} ({_one(*parts['count'], 'count')})"
    s, (v, h) = next(iter(parts.items()))
    return _one(v, h, s)


def wide(table: OwnTable, cb: Codebook) -> pd.DataFrame:
    """One protected table as string cells in its printed layout.

    Parameters
    ----------
    table
        An :class:`helpers.survey.own_tables.OwnTable`.
    cb
        The codebook (item labels for row names).

    Returns
    -------
    pandas.DataFrame
        First column the row labels, then one column per printed column.
    """
    rows = []
    for (ro, co), g in table.cells.groupby(["row_order", "col_order"], sort=True):
        rows.append(
            {"ro": ro, "co": co, "row": g["row"].iloc[0], "col": g["col"].iloc[0], "cell": _cell_text(g)}
        )
    df = pd.DataFrame(rows)
    if table.kind in ("likert", "numeric"):
        df["row"] = df["row"].map(lambda i: str(cb.items.loc[i, "item_label"]))
        heads = LIKERT_HEADERS if table.kind == "likert" else OWN_STAT_HEADERS
        df["col"] = df["col"].map(heads)
    if table.kind == "multiple_response":
        df["col"] = PCT_COUNT
    out = df.pivot_table(index=["ro", "row"], columns=["co", "col"], values="cell", aggfunc="first")
    out = out.sort_index(axis=0).sort_index(axis=1)
    out.columns = [c for _, c in out.columns]
    out = out.reset_index().drop(columns="ro").rename(columns={"row": ""})
    return out.fillna("")


def caption(table: OwnTable, cb: Codebook) -> str:
    """The caption of a frequency, multiple-response or crosstab table (from the codebook).

    Parameters
    ----------
    table
        The table.
    cb
        The codebook.

    Returns
    -------
    str
        Norwegian caption.
    """
    if table.kind == "frequency":
        it = cb.items.loc[table.key]
        return OWN_CAPTION["frequency"].format(question=it["question"], label=it["item_label"])
    if table.kind == "multiple_response":
        first = cb.question_items(table.key, "multiple_response")[0]
        text = str(cb.items.loc[first, "question_text"]).strip()
        return OWN_CAPTION["multiple_response"].format(question=table.key, text=text)
    return OWN_CAPTION[table.key].format(table=CROSSTABS[table.key])


def tables_markdown(tables: list[OwnTable], cb: Codebook) -> str:
    """Several protected tables as pipe tables, each with its caption (``Table:`` line).

    Parameters
    ----------
    tables
        The tables, in the order shown.
    cb
        The codebook.

    Returns
    -------
    str
        Markdown.
    """
    return "\n\n".join(f"{md.md_table(wide(t, cb))}\n\nTable: {caption(t, cb)}" for t in tables) + "\n"


def legend(threshold: int) -> str:
    """The legend of the suppression symbols.

    Parameters
    ----------
    threshold
        ``suppress_below``.

    Returns
    -------
    str
        Norwegian sentence.
    """
    return LEGEND.format(threshold=fmt_int(threshold)) if threshold > 1 else LEGEND_OFF
