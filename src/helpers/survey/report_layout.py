"""Report cells of a reproduced table in its printed layout: our value with ✓/✗ (and the printed one)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.core.formatting import fmt_int, fmt_num, match_marker, round_half_away
from helpers.survey.compare import compare
from helpers.survey.report_text import MISSING_CELL, PRINTED, STAT_NO

COMPACT_TABLES = ("5.7", "6.1", "6.2", "6.3", "6.4", "6.7")  # printed as «prosent (antall)»


def _num(v: float, dec: int) -> str:
    return MISSING_CELL if pd.isna(v) else fmt_num(round_half_away(float(v), dec), dec)


def _compact_cell(parts: list[Any], show_printed: bool) -> dict:
    pc = next(p for p in parts if p.statistic == "percent")
    ct = next(p for p in parts if p.statistic == "count")
    flags = [pc.match, ct.match]
    ok = None if any(f is None for f in flags) else all(flags)
    text = f"{_num(pc.ours, int(pc.decimals))} ({_num(ct.ours, 0)}) {match_marker(ok)}"
    if ok is False and show_printed:
        text += f" ({PRINTED} {fmt_num(pc.printed, int(pc.decimals))} ({fmt_int(ct.printed)}))"
    return {"row": pc.row_label, "stat": "", "col": pc.col_label, "cell": text}


def _plain_cell(r: Any, show_printed: bool) -> dict:
    dec = int(r.decimals)
    text = MISSING_CELL if pd.isna(r.ours) else f"{_num(r.ours, dec)} {match_marker(r.match)}"
    if r.match is False and show_printed:
        text += f" ({PRINTED} {fmt_num(r.printed, dec)})"
    return {
        "row": r.row_label,
        "stat": STAT_NO.get(r.statistic, r.statistic),
        "col": r.col_label,
        "cell": text,
    }


def _cells(cmp: pd.DataFrame, show_printed: bool) -> pd.DataFrame:
    compact_ = bool(len(cmp)) and cmp["table"].iloc[0] in COMPACT_TABLES
    cells = []
    for (ro, co), g in cmp.groupby(["row_order", "col_order"], sort=True):
        parts = list(g.itertuples(index=False))
        if compact_ and {p.statistic for p in parts} >= {"percent", "count"}:
            cells.append({"row_order": ro, "col_order": co} | _compact_cell(parts, show_printed))
            continue
        cells += [{"row_order": ro, "col_order": co} | _plain_cell(r, show_printed) for r in parts]
    return pd.DataFrame(cells)


def layout(cmp: pd.DataFrame, show_printed: bool = True) -> pd.DataFrame:
    """Report cells in the printed layout: our value with ✓/✗; a ✗ cell also shows the printed one.

    Rows and columns are the printed ones in printed order. Tables printed as «prosent (antall)»
    get one cell per row and column; where a printed row holds different statistics in different
    columns (4.8, 4.9) a sub-row per statistic is added, as in the SPSS output.

    Parameters
    ----------
    cmp
        :func:`helpers.survey.compare.compare` output.
    show_printed
        Show the printed value beside a ✗.

    Returns
    -------
    pandas.DataFrame
        One string cell per printed row (and statistic) and column.
    """
    df = _cells(cmp, show_printed)
    # a sub-row per statistic only where one printed row mixes statistics across columns
    mixed = (
        df.groupby("row_order")["stat"].nunique().max() > 1
        and df.groupby("col_order")["stat"].nunique().max() > 1
    )
    if not mixed:
        df["stat"] = ""
    stat_order = {s: i for i, s in enumerate(dict.fromkeys(df["stat"]))}
    df["stat_order"] = df["stat"].map(stat_order)
    wide = df.pivot_table(
        index=["row_order", "stat_order", "row", "stat"],
        columns=["col_order", "col"],
        values="cell",
        aggfunc="first",
    )
    wide = wide.sort_index(axis=0).sort_index(axis=1)
    wide.columns = [c for _, c in wide.columns]
    wide = wide.reset_index().drop(columns=["row_order", "stat_order"])
    wide = wide.rename(columns={"row": "", "stat": " "})
    if not mixed:
        wide = wide.drop(columns=[" "])
    return wide.fillna("")


def layout_plain(table: str, ours: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Our table in the printed layout (labels and decimals from the printed table), no markers.

    Parameters
    ----------
    table : str
        The L&M table whose printed layout is used.
    ours : pandas.DataFrame
        Our cells (possibly suppressed).
    published
        The transcribed tables (labels and decimals).

    Returns
    -------
    pandas.DataFrame
        String cells, how the student's own survey is shown.
    """
    cmp = compare(table, ours, published)
    cmp["match"] = None
    wide = layout(cmp, show_printed=False)
    return wide.replace(to_replace=r" –$", value="", regex=True)
