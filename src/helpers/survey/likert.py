"""Likert items collapsed to disagree / neither / agree, with the mean of the substantive codes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.survey.frequencies import pct

LIKERT_GROUPS = {"uenig": (1, 2), "verken": (3,), "enig": (4, 5)}
LIKERT_CODES = (1, 2, 3, 4, 5)
# the statements of question 11 and the L&M table that prints each
LIKERT_TABLES = {
    "q11_lettere_behandling": "4.15",
    "q11_livssituasjon_bedre": "4.16",
    "q11_bedre_helse": "4.17",
    "q11_pris_opp": "5.5",
    "q11_mer_vold": "6.3",
    "q11_tryggere": "6.3",
    "q11_mindre_tillit_politi": "6.7",
}


def collapse(values: pd.Series, groups: Mapping[str, Sequence]) -> pd.Series:
    """Recode codes into named groups (e.g. uenig = 1, 2; enig = 4, 5).

    Parameters
    ----------
    values
        Answer codes.
    groups
        Group name -> its codes.

    Returns
    -------
    pandas.Series
        Group names; other codes become missing.
    """
    mapping = {code: name for name, codes in groups.items() for code in codes}
    return values.map(mapping)


def likert_mean(values: pd.Series, substantive: Sequence) -> float:
    """Mean of the substantive codes only (e.g. «Uaktuelt» left out).

    Parameters
    ----------
    values
        Answer codes.
    substantive
        The codes that enter the mean.

    Returns
    -------
    float
        The mean, NaN when no answer is substantive.
    """
    v = values[values.isin(list(substantive))]
    return float(v.mean()) if len(v) else float("nan")


@dataclass(frozen=True)
class LikertRow:
    """One statement collapsed: N, the percentage per group of :data:`LIKERT_GROUPS`, the mean."""

    item: str
    table: str
    n: int
    shares: dict[str, float]
    mean: float


def likert_rows(
    data: pd.DataFrame, items: Mapping[str, str] | None = None, decimals: int = 1
) -> list[LikertRow]:
    """Collapsed agreement and mean of each statement.

    The collapsed percentages are computed from the counts, not added from rounded parts (the
    text of L&M sometimes adds rounded parts).

    Parameters
    ----------
    data
        Respondent data.
    items
        Item id -> L&M table (default :data:`LIKERT_TABLES`).
    decimals
        Decimals of the percentages.

    Returns
    -------
    list of LikertRow
        One per item, in the order given.
    """
    rows = []
    for item, table in (items or LIKERT_TABLES).items():
        s = data[item]
        grouped = collapse(s, LIKERT_GROUPS)
        n = int(grouped.notna().sum())
        shares = {g: pct((grouped == g).sum(), n, decimals) for g in LIKERT_GROUPS}
        rows.append(LikertRow(item, table, n, shares, likert_mean(s, LIKERT_CODES)))
    return rows
