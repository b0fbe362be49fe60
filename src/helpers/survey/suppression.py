"""Small-cell suppression of the survey table layouts (the rules are in :mod:`helpers.survey.disclosure`).

Each layout of the table engine (frequency with nested totals, crosstab with margins, «prosent
(antall)», multiple response with bases) is turned into its count cells and the relations between
them, protected by :func:`helpers.survey.disclosure.protect`, and hidden cells are set to NaN with
``suppressed = True`` (printed «:»), percentages with them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers.survey.disclosure import Grid, Protection, Relation, hide_percentages, protect

Key = Any
COUNTS = ("count", "n")


def suppress(table: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Which interior cells of a count table to hide when its row and column totals are printed.

    Parameters
    ----------
    table
        Counts (rows x columns, no margins); the margins are taken as printed.
    threshold
        Smallest count shown; <= 1 hides nothing (used when reproducing published tables).

    Returns
    -------
    pandas.DataFrame
        Boolean mask, True = hide.
    """
    values = table.to_numpy(dtype=float)
    n_r, n_c = values.shape
    cells: dict[Any, float] = {(i, j): values[i, j] for i in range(n_r) for j in range(n_c)}
    rels = []
    for i in range(n_r):
        cells[("row", i)] = values[i].sum()
        rels.append(Relation(("row", i), tuple((i, j) for j in range(n_c))))
    for j in range(n_c):
        cells[("col", j)] = values[:, j].sum()
        rels.append(Relation(("col", j), tuple((i, j) for i in range(n_r))))
    public = frozenset(k for k in cells if isinstance(k[0], str))
    hidden = protect(Grid(cells, tuple(rels), public), threshold).hidden
    mask = np.zeros((n_r, n_c), dtype=bool)
    inner = [k for k in hidden if isinstance(k[0], int)]
    if inner:
        mask[tuple(np.array(inner).T)] = True
    return pd.DataFrame(mask, index=table.index, columns=table.columns)


def _count_values(long: pd.DataFrame) -> dict[Any, float]:
    c = long[long["statistic"].isin(COUNTS)]
    keys = zip(c["row_order"].astype(int).tolist(), c["col_order"].astype(int).tolist(), strict=True)
    return dict(zip(keys, c["value"].astype(float).tolist(), strict=True))


def _member(keys: pd.MultiIndex, cells: frozenset) -> np.ndarray:
    """Which (row, column) keys are among ``cells`` (one hash lookup per table, not per cell)."""
    grid_cells = [k for k in cells if isinstance(k, tuple) and len(k) == 2]
    if not grid_cells:
        return np.zeros(len(keys), dtype=bool)
    return np.asarray(keys.isin(grid_cells))


def _mask(long: pd.DataFrame, hidden: frozenset, percent_of: dict[Key, tuple[Key, Key]]) -> pd.DataFrame:
    """Hide the ``hidden`` counts and every percentage whose count or base is hidden (or unknown)."""
    pct_hidden = hide_percentages(percent_of, hidden)
    keys = pd.MultiIndex.from_arrays([long["row_order"].astype(int), long["col_order"].astype(int)])
    stat = long["statistic"]
    is_count = stat.isin(COUNTS).to_numpy()
    is_pct = (stat == "percent").to_numpy()
    mask = (is_count & _member(keys, hidden)) | (
        is_pct & (_member(keys, pct_hidden) | ~_member(keys, frozenset(percent_of)))
    )
    return long.assign(value=long["value"].mask(mask), suppressed=mask.tolist())


def _apply(
    long: pd.DataFrame, grid: Grid, percent_of: dict[Key, tuple[Key, Key]], threshold: int
) -> pd.DataFrame:
    """Protect ``grid`` and hide its counts, and every percentage whose count or base is hidden."""
    prot: Protection = protect(grid, threshold)
    return _mask(long, prot.hidden, percent_of)


def apply_suppression(long: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Protect a crosstab (:func:`helpers.survey.crosstabs.crosstab`): interior cells and margins.

    Parameters
    ----------
    long
        Long cells (``row_order``, ``col_order``, ``statistic``, ``value``) with a «Totalt» last
        row and column.
    threshold
        As in :func:`helpers.survey.disclosure.protect`.

    Returns
    -------
    pandas.DataFrame
        The cells with hidden values set to NaN and a ``suppressed`` column.
    """
    if threshold <= 1:
        return long.assign(suppressed=False)
    values = _count_values(long)
    n_r = max(r for r, _ in values)
    n_c = max(c for _, c in values)
    rels = [Relation((i, n_c), tuple((i, j) for j in range(1, n_c))) for i in range(1, n_r + 1)]
    rels += [Relation((n_r, j), tuple((i, j) for i in range(1, n_r))) for j in range(1, n_c + 1)]
    base = {(i, j): ((i, j), (i, n_c)) for i in range(1, n_r + 1) for j in range(1, n_c + 1)}
    return _apply(long, Grid(values, tuple(rels)), base, threshold)


def protect_frequency(long: pd.DataFrame, threshold: int, show_missing: bool = False) -> pd.DataFrame:
    """Protect a frequency table (:func:`helpers.survey.frequencies.long_frequency`).

    The answered «Total» is the sum of the categories; with ``show_missing`` the grand «Total»
    (all respondents, known from the text, so public) is the answered total plus «Ikke svart».

    Parameters
    ----------
    long
        Long cells: counts in column 1, percentages of the answered total in column 2.
    threshold
        As in :func:`helpers.survey.disclosure.protect`.
    show_missing
        The table ends with «Ikke svart» and the grand total.

    Returns
    -------
    pandas.DataFrame
        The cells, hidden ones NaN, with a ``suppressed`` column.
    """
    if threshold <= 1:
        return long.assign(suppressed=False)
    values = _count_values(long)
    n_rows = max(r for r, _ in values)
    total = n_rows - 2 if show_missing else n_rows
    rels = [Relation((total, 1), tuple((i, 1) for i in range(1, total)))]
    public: frozenset = frozenset()
    if show_missing:
        rels.append(Relation((n_rows, 1), ((total, 1), (total + 1, 1))))
        public = frozenset({(n_rows, 1)})
    base = {(i, 2): ((i, 1), (total, 1)) for i in range(1, total + 1)}
    return _apply(long, Grid(values, tuple(rels), public), base, threshold)


def protect_compact(long: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Protect a «prosent (antall)» table (:func:`helpers.survey.frequencies.compact`, with total).

    Each row's last column (the number who answered) is the sum of its categories; percentages
    are of that total.

    Parameters
    ----------
    long
        Long cells with a ``count`` (or ``n``) total in the last column of every row.
    threshold
        As in :func:`helpers.survey.disclosure.protect`.

    Returns
    -------
    pandas.DataFrame
        As :func:`protect_frequency` returns.
    """
    values = _count_values(long)
    if threshold <= 1:
        return long.assign(suppressed=False)
    last = max(c for _, c in values)
    rows = sorted({r for r, _ in values})
    rels = [Relation((r, last), tuple((r, j) for j in range(1, last))) for r in rows]
    base = {(r, j): ((r, j), (r, last)) for r in rows for j in range(1, last + 1)}
    return _apply(long, Grid(values, tuple(rels)), base, threshold)


def protect_multiple_response(
    long: pd.DataFrame, threshold: int, respondents: int | None = None
) -> pd.DataFrame:
    """Protect a multiple-response table (:func:`helpers.survey.multiple_response.multiple_response`).

    With group columns, «Totalt» is the sum of the groups in every option row and in the base row.
    A percentage is of its column's base. With ``respondents`` (printed elsewhere, so public) the
    last column's base plus those who did not answer the question is that number, so a small
    non-response is protected like an «Ikke svart» cell.

    Parameters
    ----------
    long
        Long cells: option counts and percentages, and the base row (statistic ``n``).
    threshold, respondents
        As in :func:`helpers.survey.disclosure.protect`; all respondents (or None).

    Returns
    -------
    pandas.DataFrame
        The cells after :func:`helpers.survey.disclosure.protect`, with a ``suppressed`` column.
    """
    if threshold <= 1:
        return long.assign(suppressed=False)
    values = _count_values(long)
    base_row = max(r for r, _ in values)
    n_c = max(c for _, c in values)
    rels = []
    if n_c > 1:
        rels = [Relation((r, n_c), tuple((r, j) for j in range(1, n_c))) for r in range(1, base_row + 1)]
    public: frozenset = frozenset()
    if respondents is not None:
        values[("not answered", n_c)] = respondents - values[(base_row, n_c)]
        values[("respondents", n_c)] = respondents
        rels.append(Relation(("respondents", n_c), ((base_row, n_c), ("not answered", n_c))))
        public = frozenset({("respondents", n_c)})
    base = {(r, j): ((r, j), (base_row, j)) for r in range(1, base_row) for j in range(1, n_c + 1)}
    return _apply(long, Grid(values, tuple(rels), public), base, threshold)


def protect_group_stats(groups: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Hide the statistics of groups below the threshold (SPSS «Group Statistics», 6.5/6.6).

    A group smaller than ``threshold`` shows no N, mean, SD or standard error (a group of one
    would print that person's answer). When exactly one group is hidden, the smallest other group
    is hidden too, so the hidden N and mean are not the difference of a printed total and the
    printed groups.

    Parameters
    ----------
    groups
        :func:`helpers.survey.statistics.group_means` output.
    threshold
        As in :func:`helpers.survey.disclosure.protect`.

    Returns
    -------
    pandas.DataFrame
        The same rows, hidden statistics NaN, with a boolean ``suppressed`` column.
    """
    out = groups.copy()
    hide = (out["n"] < threshold) if threshold > 1 else pd.Series(False, index=out.index)
    if int(hide.sum()) == 1 and len(out) > 1:
        hide.loc[out.loc[~hide, "n"].idxmin()] = True
    for c in ("n", "mean", "sd", "std_error", "min", "max"):
        if c in out.columns:
            out[c] = out[c].astype(float).mask(hide)
    return out.assign(suppressed=hide)


def protect_likert_item(
    freq_long: pd.DataFrame,
    summary_long: pd.DataFrame,
    groups: dict[int, list[int]],
    threshold: int,
    show_missing: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Protect an item's frequency table and its collapsed summary row together (linked tables).

    The summary's group counts are sums of the frequency table's categories, so the two are
    audited as one table: a category hidden in one cannot be the difference of cells printed in
    the other. The summary's mean is hidden when any of its counts is.

    Parameters
    ----------
    freq_long
        :func:`helpers.survey.frequencies.long_frequency` cells of the item.
    summary_long
        One row (``row_order`` 1): group counts and percentages in columns ``1..g``, their total in
        column ``g + 1`` and the mean (statistic ``mean``) after it.
    groups
        Summary column -> the frequency rows (categories) it adds up.
    threshold
        As in :func:`helpers.survey.disclosure.protect`.
    show_missing
        The frequency table ends with «Ikke svart» and all respondents (public).

    Returns
    -------
    tuple of pandas.DataFrame
        The protected frequency cells and summary cells, each with a ``suppressed`` column.
    """
    if threshold <= 1:
        return freq_long.assign(suppressed=False), summary_long.assign(suppressed=False)
    f = {("f", *k): v for k, v in _count_values(freq_long).items()}
    s = {("s", *k): v for k, v in _count_values(summary_long).items()}
    n_rows = max(r for _, r, _c in f)
    total = n_rows - 2 if show_missing else n_rows
    last = max(c for _, _r, c in s)
    rels = [Relation(("f", total, 1), tuple(("f", i, 1) for i in range(1, total)))]
    public: frozenset = frozenset()
    if show_missing:  # all respondents (public) = answered + «Ikke svart»
        rels.append(Relation(("f", n_rows, 1), (("f", total, 1), ("f", total + 1, 1))))
        public = frozenset({("f", n_rows, 1)})
    rels += [Relation(("s", 1, g), tuple(("f", i, 1) for i in rows)) for g, rows in groups.items()]
    rels.append(Relation(("s", 1, last), tuple(("s", 1, g) for g in groups)))
    prot = protect(Grid({**f, **s}, tuple(rels), public), threshold)
    hidden_f = frozenset((r, c) for t, r, c in prot.hidden if t == "f")
    hidden_s = frozenset((r, c) for t, r, c in prot.hidden if t == "s")
    f_out = _mask(freq_long, hidden_f, {(i, 2): ((i, 1), (total, 1)) for i in range(1, total + 1)})
    s_out = _mask(summary_long, hidden_s, {(1, g): ((1, g), (1, last)) for g in [*groups, last]})
    if hidden_s:
        is_mean = s_out["statistic"] == "mean"
        s_out = s_out.assign(value=s_out["value"].mask(is_mean), suppressed=s_out["suppressed"] | is_mean)
    return f_out, s_out
