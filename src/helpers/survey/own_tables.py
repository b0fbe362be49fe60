"""The tables of a student's own survey, protected: every item, the L&M crosstabs, Likert, multiple response.

Every table is long cells (``row_order``, ``row``, ``col_order``, ``col``, ``statistic``,
``value``, ``suppressed``) after the disclosure control of :mod:`helpers.survey.suppression`;
the tables that count sex, age or housing are protected together as linked tables
(:mod:`helpers.survey.linked`). Free-text items are never tabulated (they can name a person or a
workplace).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.formatting import ANTALL_SVAR, PROSENT, TOTAL
from helpers.survey import linked, suppression
from helpers.survey import lm_variables as lmv
from helpers.survey.codebook import CODED_TYPES, Codebook
from helpers.survey.crosstabs import crosstab
from helpers.survey.disclosure import Grid, Relation, extreme_printable, protect
from helpers.survey.frequencies import IKKE_SVART, counts, frequency, long_frequency, pct
from helpers.survey.likert import LIKERT_CODES, LIKERT_GROUPS
from helpers.survey.multiple_response import multiple_response

# the L&M crosstabs: name -> (row variable, its grouping); the columns are the housing groups
CROSSTABS = {"kjonn": "4.8", "alder": "4.9"}  # name -> the L&M table it follows
NUMERIC_STATS = ("n", "missing", "mean", "median", "sd", "min", "max")
_LINKED_MEMO: dict[tuple, linked.LinkedProtection] = {}


def _linked(data: pd.DataFrame, cb: Codebook, threshold: int) -> linked.LinkedProtection | None:
    """The linked tables' protection (None without them or with suppression off), computed once."""
    if threshold <= 1 or not linked.applies(data):
        return None
    key = (tuple(pd.util.hash_pandas_object(data[list(linked.LINKED_ITEMS)], index=False)), threshold)
    if key not in _LINKED_MEMO:
        _LINKED_MEMO.clear()
        _LINKED_MEMO[key] = linked.protect_linked(data, cb, threshold)
    return _LINKED_MEMO[key]


@dataclass(frozen=True)
class OwnTable:
    """One protected table: what it shows (``key``: item, question or crosstab), its kind, its cells."""

    key: str
    kind: str
    cells: pd.DataFrame


def _labelled_frequency(long: pd.DataFrame, labels: list[str], show_missing: bool) -> pd.DataFrame:
    rows = [*labels, TOTAL] + ([IKKE_SVART, TOTAL] if show_missing else [])
    return long.assign(
        row=long["row_order"].map(lambda r: rows[int(r) - 1]),
        col=long["col_order"].map({1: ANTALL_SVAR, 2: PROSENT}),
    )


def _likert_summary(values: pd.Series, decimals: int = 1) -> pd.DataFrame:
    c = counts(values, list(LIKERT_CODES))
    g = [int(c[list(codes)].sum()) for codes in LIKERT_GROUPS.values()]
    n = sum(g)
    cells = []
    for j, (name, k) in enumerate(zip(LIKERT_GROUPS, g, strict=True), start=1):
        cells.append({"row_order": 1, "col_order": j, "col": name, "statistic": "count", "value": k})
        cells.append(
            {"row_order": 1, "col_order": j, "col": name, "statistic": "percent", "value": pct(k, n)}
        )
    v = values[values.isin(list(LIKERT_CODES))]
    mean = float(v.mean()) if len(v) else float("nan")
    last = len(g) + 1
    cells.append({"row_order": 1, "col_order": last, "col": TOTAL, "statistic": "count", "value": n})
    cells.append({"row_order": 1, "col_order": last + 1, "col": "mean", "statistic": "mean", "value": mean})
    return pd.DataFrame(cells)


def item_tables(data: pd.DataFrame, cb: Codebook, threshold: int) -> tuple[list[OwnTable], OwnTable]:
    """Frequency tables of every coded item and the Likert summary (linked to them), protected.

    Parameters
    ----------
    data
        Validated respondent codes.
    cb
        The codebook.
    threshold
        Smallest count printed (``suppress_below``).

    Returns
    -------
    tuple
        The frequency tables (with «Ikke svart» and all respondents) in codebook order, and
        the Likert summary (one row per statement).
    """
    freqs: list[OwnTable] = []
    likert_rows: list[pd.DataFrame] = []
    link = _linked(data, cb, threshold)
    for item in cb.items.index:
        it = cb.items.loc[item]
        if it["item_type"] not in CODED_TYPES or item not in data.columns:
            continue
        lab = cb.labels(item)
        long = long_frequency(frequency(data[item], lab, show_missing=True))
        if it["item_type"] == "likert5":
            groups = {
                j: [list(lab).index(c) + 1 for c in codes]
                for j, codes in enumerate(LIKERT_GROUPS.values(), 1)
            }
            long, summ = suppression.protect_likert_item(
                long, _likert_summary(data[item]), groups, threshold, show_missing=True
            )
            likert_rows.append(summ.assign(row=item, row_order=len(likert_rows) + 1))
        elif link is not None and item in linked.FREQUENCY_ITEMS:
            long = link.frequency(item, long)
        else:
            long = suppression.protect_frequency(long, threshold, show_missing=True)
        freqs.append(OwnTable(item, "frequency", _labelled_frequency(long, list(lab.values()), True)))
    likert = pd.concat(likert_rows, ignore_index=True) if likert_rows else pd.DataFrame()
    return freqs, OwnTable("likert", "likert", likert)


def crosstab_tables(data: pd.DataFrame, cb: Codebook, threshold: int) -> list[OwnTable]:
    """Housing by sex and by age group, as in L&M's Tabell 4.8 and 4.9, protected with margins.

    Parameters
    ----------
    data, cb, threshold
        The respondents, the codebook and ``suppress_below``, as for :func:`item_tables`.

    Returns
    -------
    list of OwnTable
        One per crosstab of :data:`CROSSTABS`.
    """
    housing = lmv.bolig3(data["q42_bolig"])
    sex = cb.labels("q34_kjonn")
    spec = {
        "kjonn": (data["q34_kjonn"], sex),
        "alder": (lmv.alder3(data["q33_alder"]), lmv.ALDER3),
    }
    out = []
    link = _linked(data, cb, threshold)
    for name in CROSSTABS:
        rows, labels = spec[name]
        table = crosstab(rows, housing, labels, lmv.BOLIG3)
        long = link.crosstab(name, table) if link else suppression.apply_suppression(table, threshold)
        out.append(OwnTable(name, "crosstab", long))
    return out


def multiple_response_tables(data: pd.DataFrame, cb: Codebook, threshold: int) -> list[OwnTable]:
    """Percent of respondents who ticked each option, one table per multiple-response question.

    Parameters
    ----------
    data, cb, threshold
        As for :func:`item_tables`.

    Returns
    -------
    list
        An :class:`OwnTable` per question (keyed by its number); the base is those who answered it.
    """
    mr = cb.items[cb.items["item_type"] == "multiple_response"]
    out = []
    for q in dict.fromkeys(mr["question"].astype(str)):
        items = [i for i in cb.question_items(q, "multiple_response") if i in data.columns]
        if not items:
            continue
        opts = {str(cb.items.loc[i, "item_label"]): data[i] for i in items}
        long = suppression.protect_multiple_response(
            multiple_response(opts, decimals=1), threshold, respondents=len(data)
        )
        out.append(OwnTable(q, "multiple_response", long))
    return out


def _count_hidden(n: int, miss: int, n_resp: int, threshold: int) -> set[str]:
    """N and «Ikke svart» of one item, protected: they add up to the (printed) respondents."""
    grid = Grid(
        {"n": n, "missing": miss, "all": n_resp}, (Relation("all", ("n", "missing")),), frozenset({"all"})
    )
    return set(protect(grid, threshold).hidden)


def _numeric_row(
    v: pd.Series, n_resp: int, threshold: int, counts_hidden: set[str] | None = None
) -> tuple[dict[str, float], set[str]]:
    x = v.dropna().astype(float)
    n, miss = len(x), n_resp - len(x)
    small = threshold > 1 and n < threshold
    row = {
        "n": float(n),
        "missing": float(miss),
        "mean": float(x.mean()) if n else np.nan,
        "median": float(x.median()) if n else np.nan,
        "sd": float(x.std(ddof=1)) if n > 1 else np.nan,
        "min": float(x.min()) if n else np.nan,
        "max": float(x.max()) if n else np.nan,
    }
    hidden = _count_hidden(n, miss, n_resp, threshold) if counts_hidden is None else set(counts_hidden)
    if small:
        hidden |= set(NUMERIC_STATS) - {"missing"}
    for e in ("min", "max"):
        if n and not extreme_printable(x.tolist(), row[e], threshold):
            hidden.add(e)
    return {k: (np.nan if k in hidden else val) for k, val in row.items()}, hidden


def numeric_table(data: pd.DataFrame, cb: Codebook, threshold: int) -> OwnTable:
    """N, «Ikke svart», mean, median, SD, min and max of every number item, protected.

    A group below the threshold shows no statistic; N and «Ikke svart» add up to the printed
    number of respondents and are protected as a table (a small one hides the other), age's
    with the linked tables (:mod:`helpers.survey.linked`); min and max are shown only when at
    least ``threshold`` respondents gave that value.

    Parameters
    ----------
    data, cb, threshold
        Validated respondent codes, the codebook and ``suppress_below`` (see :func:`item_tables`).

    Returns
    -------
    OwnTable
        One row per item, one column per statistic of :data:`NUMERIC_STATS`.
    """
    cells = []
    items = [i for i in cb.items.index if cb.items.loc[i, "item_type"] == "number" and i in data.columns]
    link = _linked(data, cb, threshold)
    for r, item in enumerate(items, start=1):
        counts_hidden = link.numeric_hidden(item) if link and item in linked.LINKED_ITEMS else None
        row, hidden = _numeric_row(data[item], len(data), threshold, counts_hidden)
        for j, stat in enumerate(NUMERIC_STATS, start=1):
            cells.append(
                {
                    "row_order": r,
                    "row": item,
                    "col_order": j,
                    "col": stat,
                    "statistic": stat,
                    "value": row[stat],
                    "suppressed": stat in hidden,
                }
            )
    return OwnTable("number", "numeric", pd.DataFrame(cells))
