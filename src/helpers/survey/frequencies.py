"""Frequency tables in the L&M layout: «Antall svar», «Prosent» of valid answers, «Total».

Also the compact «prosent (antall)» layout of several items with one value set, and the
percentage rule of every table (half away from zero, of the valid answers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.core.formatting import ANTALL_SVAR, PROSENT, TOTAL, round_half_away

CATEGORY = "Svar"
IKKE_SVART = "Ikke svart"
TOTAL_N = "Total N"
# whole-number codes spanning fewer values than this are counted by offset (see `counts`)
CODE_SPAN = 1024


def pct(count: float, base: float, decimals: int = 1) -> float:
    """``100 * count / base`` rounded half away from zero.

    Parameters
    ----------
    count
        Numerator.
    base
        Denominator.
    decimals
        Decimals kept.

    Returns
    -------
    float
        The percentage, NaN when the base is 0.
    """
    return round_half_away(100.0 * count / base, decimals) if base else float("nan")


def counts(values: pd.Series, codes: Sequence) -> pd.Series:
    """Counts of each code in ``codes`` (in that order, zeros kept); missing values are left out.

    Numeric answers are counted in one pass with numpy (each answer placed among the sorted codes
    and the places counted), other answers with pandas' ``value_counts``.

    Parameters
    ----------
    values
        Answer codes of one item.
    codes
        The codes of its value set.

    Returns
    -------
    pandas.Series
        Count per code. A value that is not among ``codes`` raises ValueError.
    """
    codes = list(codes)
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return _counts_by_value(values, codes)
    answers = values.to_numpy(dtype=float, na_value=np.nan)
    given = np.flatnonzero(~np.isnan(answers))
    n = _count_numbers(answers[given], np.asarray(codes, dtype=float))
    if n is None:  # some answer is not a code: name the unknown values as given
        position = pd.Index(codes).get_indexer(answers[given])
        _raise_unknown(values.iloc[given[position < 0]], values.name)
    return pd.Series(n, index=pd.Index(codes, name=values.name), name="count")


def _count_numbers(answers: np.ndarray, codes: np.ndarray) -> np.ndarray | None:
    """Count per code of numeric answers (no missing values); None when an answer is not a code.

    Whole-number codes in a short range are counted by offset from the smallest (one pass of
    arithmetic and :func:`numpy.bincount`), others by lookup in an index of the codes.
    """
    whole = codes.size and bool((codes == np.floor(codes)).all())
    if whole and codes.max() - codes.min() < CODE_SPAN:
        offset = answers - codes.min()
        n_by_offset = np.bincount(offset.clip(0, CODE_SPAN).astype(np.intp), minlength=CODE_SPAN + 1)
        n = n_by_offset[(codes - codes.min()).astype(np.intp)]
        exact = int(n.sum()) == answers.size and int(n_by_offset[-1]) == 0
        exact = exact and bool(((offset >= 0) & (offset == np.floor(offset))).all())
        return n.astype(np.int64) if exact else None
    position = pd.Index(codes).get_indexer(answers)
    if (position < 0).any():
        return None
    return np.bincount(position, minlength=codes.size).astype(np.int64)


def _counts_by_value(values: pd.Series, codes: list) -> pd.Series:
    valid = values.dropna()
    known = valid.isin(codes)
    if not known.all():
        _raise_unknown(valid[~known], values.name)
    return valid.value_counts().reindex(codes, fill_value=0).astype(int)


def _raise_unknown(unknown: pd.Series, name: object) -> None:
    raise ValueError(f"{name}: values not in the code list: {sorted(set(unknown))}")


def frequency(
    values: pd.Series, labels: Mapping, decimals: int = 1, show_missing: bool = False
) -> pd.DataFrame:
    """L&M frequency table: «Antall svar» and «Prosent» of valid answers, «Total».

    Parameters
    ----------
    values
        Answer codes of one item.
    labels
        Code -> label in questionnaire order.
    decimals
        Decimals of the percentages.
    show_missing
        Add an «Ikke svart» row and a grand «Total» of all respondents (Tabell 5.5/5.6), with
        blank percentages.

    Returns
    -------
    pandas.DataFrame
        Columns ``Svar``, ``Antall svar``, ``Prosent``, one row per category then the totals.
    """
    c = counts(values, list(labels))
    n = int(c.sum())
    pcts = [pct(k, n, decimals) for k in c.tolist()]
    table = pd.DataFrame(
        {CATEGORY: [str(v) for v in labels.values()], ANTALL_SVAR: c.tolist(), PROSENT: pcts}
    )
    total = pd.DataFrame({CATEGORY: [TOTAL], ANTALL_SVAR: [n], PROSENT: [100.0 if n else None]})
    table = pd.concat([table, total], ignore_index=True)
    if show_missing:
        n_miss = int(values.isna().sum())
        extra = pd.DataFrame(
            {CATEGORY: [IKKE_SVART, TOTAL], ANTALL_SVAR: [n_miss, len(values)], PROSENT: [np.nan, np.nan]}
        )
        table = pd.concat([table, extra], ignore_index=True)
    return table


def long_frequency(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`frequency` table as cells: count in column 1, percent (where not blank) in column 2.

    Parameters
    ----------
    table
        Output of :func:`frequency`.

    Returns
    -------
    pandas.DataFrame
        ``row_order``, ``col_order``, ``statistic``, ``value``.
    """
    out = []
    for i, r in enumerate(table.itertuples(index=False), start=1):
        out.append({"row_order": i, "col_order": 1, "statistic": "count", "value": int(r[1])})
        if not pd.isna(r[2]):
            out.append({"row_order": i, "col_order": 2, "statistic": "percent", "value": float(r[2])})
    return pd.DataFrame(out)


def _cell(i: int, row: str, j: int, col: str, statistic: str, value: float) -> dict:
    return {"row_order": i, "row": row, "col_order": j, "col": col, "statistic": statistic, "value": value}


def compact(
    items: Mapping[str, pd.Series],
    labels: Mapping,
    decimals: int = 1,
    total: str | None = "count",
    base_codes: Sequence | None = None,
) -> pd.DataFrame:
    """«prosent (antall)» table, one row per item (Tabell 5.7, 6.1, 6.3, 6.4, 6.7).

    Parameters
    ----------
    items
        Row name -> answer codes.
    labels
        Code -> label of the shared value set.
    decimals
        Decimals of the percentages.
    total
        The last column: ``"count"`` (the number who answered, «Total»), ``"n"`` (the «Total N»
        column of 6.4) or None.
    base_codes
        Restricts the categories shown while the base stays all valid answers.

    Returns
    -------
    pandas.DataFrame
        Long cells: ``row_order``, ``row``, ``col_order``, ``col``, ``statistic``, ``value``.
    """
    shown = list(base_codes) if base_codes is not None else list(labels)
    out = []
    for i, (name, s) in enumerate(items.items(), start=1):
        c = counts(s, list(labels))
        base = int(c.sum())
        for j, code in enumerate(shown, start=1):
            out.append(_cell(i, name, j, labels[code], "percent", pct(c[code], base, decimals)))
            out.append(_cell(i, name, j, labels[code], "count", int(c[code])))
        if total:
            out.append(_cell(i, name, len(shown) + 1, TOTAL_N if total == "n" else TOTAL, total, base))
    return pd.DataFrame(out)
