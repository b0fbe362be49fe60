"""Our tabulation beside the printed cells: match flags, per-table summary, mismatches and their reasons.

Counts must be equal; every other statistic must equal the printed value once ours is rounded
(half away from zero) to the printed number of decimals.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from helpers.core.formatting import printed_decimals, round_half_away
from helpers.survey import lm_variables as lmv
from helpers.survey.statistics import t_tests

COUNT_STATS = ("count", "n")
NOT_EXPLAINED = "ikke forklart"
REGRESSION_TOLERANCE = 0.02
SIGNIFICANCE = 0.05


def compare(table: str, ours: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Published cells of ``table`` beside ours, with a match flag per cell.

    Parameters
    ----------
    table
        Table number.
    ours
        Our cells (``row_order``, ``col_order``, ``statistic``, ``value``).
    published
        :func:`helpers.survey.published.read_published` output.

    Returns
    -------
    pandas.DataFrame
        The printed cells with ``printed``, ``ours`` and ``match`` (None where the engine does not
        produce the cell, e.g. the 2013 prices of 5.4, which come from another study).
    """
    pub = published[published["table"] == table]
    m = pub.merge(
        ours.rename(columns={"value": "ours"}), on=["row_order", "col_order", "statistic"], how="left"
    )
    ok: list[bool | None] = []
    for r in m.itertuples(index=False):
        if pd.isna(r.ours):
            ok.append(None)
        elif r.statistic in COUNT_STATS:
            ok.append(bool(round(r.ours) == r.value and float(r.ours).is_integer()))
        else:
            ok.append(bool(round_half_away(float(r.ours), int(r.decimals)) == r.value))
    m["match"] = ok
    return m.rename(columns={"value": "printed"})


def summary(cmps: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per table: printed cells, cells compared, matched, and the same for counts and percentages.

    Parameters
    ----------
    cmps
        Table number -> :func:`compare` output.

    Returns
    -------
    pandas.DataFrame
        ``table``, ``printed``, ``compared``, ``matched``, ``count_pct_compared``, ``count_pct_matched``.
    """
    rows = []
    for t, c in cmps.items():
        comp = c[c["match"].notna()]
        counts_pct = comp[comp["statistic"].isin(("count", "n", "percent"))]
        rows.append(
            {
                "table": t,
                "printed": len(c),
                "compared": len(comp),
                "matched": int(comp["match"].sum()),
                "count_pct_compared": len(counts_pct),
                "count_pct_matched": int(counts_pct["match"].sum()),
            }
        )
    return pd.DataFrame(rows)


def reason(reasons: pd.DataFrame, table: str, row: int, col: int) -> str:
    """The documented reason a printed cell is not reproduced.

    Parameters
    ----------
    reasons
        :func:`helpers.survey.published.read_cell_reasons` output (missing row/column = any).
    table, row, col
        The cell.

    Returns
    -------
    str
        The most specific matching reason, or «ikke forklart».
    """
    r = reasons[reasons["table"] == table]
    fits = r[
        (r["row_order"].isna() | (r["row_order"] == row)) & (r["col_order"].isna() | (r["col_order"] == col))
    ]
    if fits.empty:
        return NOT_EXPLAINED
    specific = fits["row_order"].notna().astype(int) + fits["col_order"].notna().astype(int)
    return str(fits.loc[specific.idxmax(), "reason"])


MISMATCH_COLUMNS = ["table", "row_order", "row", "col", "statistic", "printed", "ours", "decimals", "reason"]


def mismatches(cmps: Mapping[str, pd.DataFrame], reasons: pd.DataFrame) -> pd.DataFrame:
    """Every ✗ cell with the printed and reproduced value and its reason.

    Parameters
    ----------
    cmps
        Table number -> :func:`compare` output.
    reasons
        The documented reasons (:func:`reason`).

    Returns
    -------
    pandas.DataFrame
        One row per cell that does not match.
    """
    rows = []
    for t, c in cmps.items():
        for r in c[c["match"] == False].itertuples(index=False):  # noqa: E712
            rows.append(
                {
                    "table": t,
                    "row_order": r.row_order,
                    "row": r.row_label,
                    "col": r.col_label,
                    "statistic": r.statistic,
                    "printed": r.printed,
                    "ours": r.ours,
                    "decimals": r.decimals,
                    "reason": reason(reasons, t, int(r.row_order), int(r.col_order)),
                }
            )
    return pd.DataFrame(rows, columns=MISMATCH_COLUMNS)


def regression_check(cmp: pd.DataFrame, tolerance: float = REGRESSION_TOLERANCE) -> pd.DataFrame:
    """Per coefficient: B printed and ours, within ``tolerance``, same sign, same significance.

    Parameters
    ----------
    cmp
        :func:`compare` output of a regression table.
    tolerance
        Largest accepted absolute difference of B.

    Returns
    -------
    pandas.DataFrame
        ``row``, ``B_printed``, ``B_ours``, ``within``, ``same_sign``, ``same_significance``
        (at the 5 % level).
    """
    rows = []
    for _, g in cmp.groupby("row_order", sort=True):
        b = g[g["statistic"] == "B"]
        s = g[g["statistic"] == "sig"]
        if b.empty:
            continue
        bp, bo = float(b["printed"].iloc[0]), float(b["ours"].iloc[0])
        sp, so = float(s["printed"].iloc[0]), float(s["ours"].iloc[0])
        rows.append(
            {
                "row": g["row_label"].iloc[0],
                "B_printed": bp,
                "B_ours": bo,
                "within": abs(bo - bp) <= tolerance,
                "same_sign": np.sign(bo) == np.sign(bp),
                "same_significance": (sp < SIGNIFICANCE) == (so < SIGNIFICANCE),
            }
        )
    return pd.DataFrame(rows)


_SHARE_CODES = {"agree_pct": (4, 5), "disagree_pct": (1, 2), "neutral_pct": (3,)}


def text_figure_value(measure: str, item: str, data: pd.DataFrame) -> float:
    """Our value of one number quoted in L&M's text (see ``lm2016_text_figures``).

    Parameters
    ----------
    measure
        The ``measure`` of the figure (a share, a count of «Ja», or a t-test number).
    item
        The codebook item.
    data
        Respondent data.

    Returns
    -------
    float
        Our value, unrounded.
    """
    s = data[item]
    if measure in _SHARE_CODES:
        valid = s[s.isin([1, 2, 3, 4, 5])]
        return 100.0 * valid.isin(_SHARE_CODES[measure]).sum() / len(valid)
    if measure == "n_yes":
        return float((s == 1).sum())
    res = t_tests(s, lmv.politikontroll(data), 0, 1)
    field = {
        "t_pooled_df": "df_pooled",
        "t_pooled_p": "p_pooled",
        "t_welch_df": "df_welch",
        "t_welch_p": "p_welch",
    }
    return float(getattr(res, field.get(measure, measure)))


def compare_text_figures(figs: pd.DataFrame, data: pd.DataFrame, reasons: Mapping[str, str]) -> pd.DataFrame:
    """Each transcribed text number beside ours, rounded to the printed decimals, with a flag.

    Parameters
    ----------
    figs
        ``lm2016_text_figures``.
    data
        Respondent data.
    reasons
        figure_id -> why it differs (``lm2016_text_figure_reasons``).

    Returns
    -------
    pandas.DataFrame
        ``figure_id``, ``table``, ``measure``, ``source_line``, ``printed``, ``ours``, ``decimals``,
        ``match`` and ``reason`` (empty when it matches, «ikke forklart» when no reason is known).
    """
    rows = []
    for r in figs.sort_values("source_line").itertuples(index=False):
        dec = printed_decimals(r.value_as_printed)
        rounded = round_half_away(text_figure_value(r.measure, r.item, data), dec)
        ok = bool(rounded == round_half_away(float(r.value), dec))
        rows.append(
            {
                "figure_id": r.figure_id,
                "table": r.table,
                "measure": r.measure,
                "source_line": int(r.source_line),
                "printed": float(r.value),
                "ours": rounded,
                "decimals": dec,
                "match": ok,
                "reason": "" if ok else reasons.get(r.figure_id, NOT_EXPLAINED),
            }
        )
    return pd.DataFrame(rows)
