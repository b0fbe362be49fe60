"""Arithmetic on the printed tables that shows where they contradict each other.

Tabell 6.4 prints the respect answers of everybody; Tabell 6.5 prints N, mean and SD of the same
answers in the two police-control groups. A respondent file must satisfy both, which bounds the
sum of squares of the answers: :func:`respect_sum_of_squares` computes what the printed counts
allow and what the printed means and SDs need.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class SumOfSquaresCheck:
    """Sum of squares the 6.4 counts give (``available``) and the least that 6.4 + 6.5 need."""

    available: int
    required: int
    outside_n: int
    outside_sum: int

    @property
    def contradicts(self) -> bool:
        """Whether the two tables contradict each other.

        Returns
        -------
        bool
            True when no respondent file can give both tables.
        """
        return self.required > self.available


def _cell(published: pd.DataFrame, table: str, row: int, statistic: str, col: int | None = None) -> float:
    p = published[(published["table"] == table) & (published["row_order"] == row)]
    p = p[p["statistic"] == statistic]
    if col is not None:
        p = p[p["col_order"] == col]
    return float(p["value"].iloc[0])


def respect_sum_of_squares(
    published: pd.DataFrame, codes: tuple[int, ...] = (1, 2, 3, 4, 5)
) -> SumOfSquaresCheck:
    """Can the respect row of Tabell 6.4 and both groups of Tabell 6.5 hold at once?

    Parameters
    ----------
    published
        The transcribed tables (:func:`helpers.survey.published.read_published`).
    codes
        The answer codes of the five printed columns of 6.4.

    Returns
    -------
    SumOfSquaresCheck
        ``available`` = Σ code² x count of 6.4; ``required`` = the group sums of squares implied by
        the printed 6.5 means and SDs plus the least the answers outside both groups can add.
    """
    counts = [int(_cell(published, "6.4", 1, "count", col)) for col in range(1, len(codes) + 1)]
    available = sum(k * k * c for k, c in zip(codes, counts, strict=True))
    total = sum(k * c for k, c in zip(codes, counts, strict=True))
    need, n_groups, s_groups = 0, 0, 0
    for row in (1, 2):
        n = int(_cell(published, "6.5", row, "n"))
        s = round(_cell(published, "6.5", row, "mean") * n)  # group sum that gives the printed mean
        need += round(_cell(published, "6.5", row, "sd") ** 2 * (n - 1) + s * s / n)
        n_groups, s_groups = n_groups + n, s_groups + s
    outside_n, outside_sum = sum(counts) - n_groups, total - s_groups
    if outside_n < 0:
        raise ValueError("Tabell 6.5 has more respondents in its groups than Tabell 6.4 has answers")
    least_outside = 0
    if outside_n:  # the least sum of squares: the outside answers as equal as possible
        q, r = divmod(outside_sum, outside_n)
        least_outside = (outside_n - r) * q * q + r * (q + 1) ** 2
    return SumOfSquaresCheck(available, need + least_outside, outside_n, outside_sum)
