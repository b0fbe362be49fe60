"""Small-cell suppression of tabulated private data (primary and secondary)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _secondary(hide: np.ndarray, values: np.ndarray) -> bool:
    """One pass: in each row and column with exactly one hidden cell hide the smallest other
    non-zero cell (any other cell when all are zero). Returns whether anything changed."""
    changed = False
    for axis in (0, 1):
        lines = hide.T if axis == 0 else hide
        vals = values.T if axis == 0 else values
        for i in range(lines.shape[0]):
            if lines[i].sum() != 1:
                continue
            cand = [(vals[i, j], j) for j in range(lines.shape[1]) if not lines[i, j] and vals[i, j] > 0]
            if not cand:
                cand = [(vals[i, j], j) for j in range(lines.shape[1]) if not lines[i, j]]
            if cand:
                lines[i, min(cand)[1]] = True
                changed = True
    return changed


def suppress(table: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Which cells of a count table (rows x columns, no margins) to hide.

    Primary: every count 1..threshold-1. Secondary: repeated until stable, so a hidden cell cannot
    be recovered from the row and column totals.

    Parameters
    ----------
    table
        Counts.
    threshold
        Smallest count shown; <= 1 hides nothing (used when reproducing published tables).

    Returns
    -------
    pandas.DataFrame
        Boolean mask, True = hide.
    """
    values = table.to_numpy(dtype=float)
    hide = (values > 0) & (values < threshold) if threshold > 1 else np.zeros_like(values, bool)
    changed = bool(hide.any())
    while changed:
        changed = _secondary(hide, values)
    return pd.DataFrame(hide, index=table.index, columns=table.columns)


def apply_suppression(long: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Hide small cells of a tabulated layout (count and percent alike).

    Parameters
    ----------
    long
        Long cells (``row_order``, ``col_order``, ``statistic``, ``value``).
    threshold
        As in :func:`suppress`.

    Returns
    -------
    pandas.DataFrame
        The cells with hidden values set to NaN (shown as «–»).
    """
    if threshold <= 1:
        return long
    body = long[(long["statistic"] == "count")]
    mat = body.pivot_table(index="row_order", columns="col_order", values="value", aggfunc="first")
    hide = suppress(mat.fillna(0), threshold)
    hidden = {(r, c) for r in hide.index for c in hide.columns if hide.loc[r, c]}
    mask = [
        (r, c) in hidden and s in ("count", "percent")
        for r, c, s in zip(long["row_order"], long["col_order"], long["statistic"], strict=True)
    ]
    return long.assign(value=long["value"].mask(mask))
