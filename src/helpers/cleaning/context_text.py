"""Numbers in the running text of Lundeberg & Mjåland (2017) against the agency tables they restate.

Each row of ``lm2016_agency_text_figures`` names the cells it is about (``rows`` and ``columns``,
several joined by ``" + "``) and how it relates to them (``kind``). Percentages are compared after
rounding the recomputed value to the decimals the text prints; a text part-sum is a contradiction
only if the text says the parts are complete (``parts_of_cell``) or if they exceed the cell
(``subset_of_cell``). The flag texts are Norwegian, their numbers formatted by
:mod:`helpers.core.formatting`.
"""

from __future__ import annotations

import pandas as pd

from helpers.cleaning.checks import FLAG_COLUMNS
from helpers.cleaning.context_checks import JOIN, TEXT
from helpers.core.formatting import fmt_general, printed_decimals, round_half_away


def _labels(spec: object) -> list[str]:
    return [s.strip() for s in str(spec).split(JOIN)] if isinstance(spec, str) and spec else []


def cell_sum(cells: pd.DataFrame, table: str, rows: object, columns: object) -> float:
    """Sum of the printed cells of ``table`` in the given rows and columns.

    Parameters
    ----------
    cells : pandas.DataFrame
        ``lm2016_agency_tables``.
    table : str
        The table.
    rows, columns
        Labels joined by ``" + "``; ``rows`` may be ``"*"``: every row that is not a total.

    Returns
    -------
    float
        The sum.

    Raises
    ------
    KeyError
        If no cell matches (a label in the text-figure file that the table does not have).
    """
    t = cells[cells["table"] == table]
    t = t[t["column"].isin(_labels(columns))]
    t = t[~t["is_total"].astype(bool)] if rows == "*" else t[t["row"].isin(_labels(rows))]
    if t.empty:
        raise KeyError(f"{TEXT}: no cell of {table!r} in rows {rows!r}, columns {columns!r}")
    return float(t["value"].sum())


def _recomputed(fig: pd.Series, cells: pd.DataFrame, text: pd.DataFrame) -> tuple[float, str] | None:
    """What the text figure should be, from the table (and the text), with the arithmetic."""
    kind, table = fig["kind"], fig["table"]
    if kind == "context":
        return None
    if kind in ("equals_cell", "sum_of_cells"):
        v = cell_sum(cells, table, fig["rows"], fig["columns"])
        return v, f"{table}, {fig['rows']}, {fig['columns']}: {fmt_general(v)}"
    if kind == "share_of_cell":
        num = float(text.loc[text["figure_id"] == fig["numerator_figure"], "value"].iloc[0])
        den = cell_sum(cells, table, fig["rows"], fig["columns"])
        return 100.0 * num / den, f"{fmt_general(num)} / {fmt_general(den)} ({table}, {fig['columns']})"
    if kind == "pct_share":
        num = cell_sum(cells, table, fig["rows"], fig["columns"])
        den = cell_sum(cells, table, "*", fig["columns"])
        return 100.0 * num / den, f"{fmt_general(num)} / {fmt_general(den)} (alle steder, {fig['columns']})"
    if kind == "pct_change":
        new = cell_sum(cells, table, fig["rows"], fig["columns"])
        old = cell_sum(cells, table, fig["rows"], fig["columns_from"])
        how = f"{fmt_general(old)} → {fmt_general(new)} ({table}, {fig['rows']})"
        return abs(100.0 * (new / old - 1.0)), how
    raise ValueError(f"{TEXT}: figure {fig['figure_id']!r} has unknown kind {kind!r}")


def check_text_figures(text: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """Flag text figures that the table cells they refer to do not reproduce.

    Parameters
    ----------
    text
        ``lm2016_agency_text_figures``.
    cells
        ``lm2016_agency_tables``.

    Returns
    -------
    pandas.DataFrame
        Flags (columns :data:`helpers.cleaning.checks.FLAG_COLUMNS`), one per figure that differs
        and one per group of part figures whose sum contradicts its cell.
    """
    rows = []
    singles = text[~text["kind"].isin(["parts_of_cell", "subset_of_cell"])]
    for _, fig in singles.iterrows():
        got = _recomputed(fig, cells, text)
        if got is None:
            continue
        exact, how = got
        recomputed = round_half_away(exact, printed_decimals(fig["value_as_printed"]))
        if recomputed != float(fig["value"]):
            check = f"{fig['figure_id']}: tekst mot tabell"
            rows.append(_row(fig, check, float(fig["value"]), recomputed, how))
    groups = text[text["kind"].isin(["parts_of_cell", "subset_of_cell"])]
    for group, g in groups.groupby("text_group", sort=True):
        first = g.iloc[0]
        cell = cell_sum(cells, first["table"], first["rows"], first["columns"])
        summed = float(g["value"].sum())
        complete = bool((g["kind"] == "parts_of_cell").all())
        if summed == cell or (not complete and summed < cell):
            continue
        parts = " + ".join(fmt_general(v) for v in g["value"])
        how = f"{parts} = {fmt_general(summed)}; tabellen oppgir {fmt_general(cell)}"
        rows.append(_row(first, f"{group}: tekstens deler mot tabell", cell, summed, how))
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


def _row(fig: pd.Series, check: str, printed: float, recomputed: float, how: str) -> dict[str, object]:
    return {
        "resource": TEXT,
        "source_line": int(str(fig["source_line"]).split("-")[0]),
        "check": check,
        "printed": printed,
        "recomputed": recomputed,
        "detail": f"{how} (tekstlinje {fig['source_line']})",
    }
