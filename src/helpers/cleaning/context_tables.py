"""The agency tables as notebook 01 uses them: partial years listed and enforced, all checks run."""

from __future__ import annotations

import pandas as pd

from helpers.cleaning import context_checks as cc
from helpers.cleaning.context_text import check_text_figures
from helpers.core.validation import DataValidationError

PARTIAL = "partial_year"


def require_partial_marked(cells: pd.DataFrame) -> None:
    """Refuse a partial-year cell that does not say which part of the year it covers.

    Parameters
    ----------
    cells
        ``lm2016_agency_tables`` as read and validated.

    Raises
    ------
    helpers.core.validation.DataValidationError
        Naming the file, the data row and the column, if a ``partial_year`` cell has an empty
        ``period_covered``.
    """
    problems = []
    for i, r in cells.reset_index(drop=True).iterrows():
        if r["coverage"] == PARTIAL and (
            pd.isna(r["period_covered"]) or not str(r["period_covered"]).strip()
        ):
            problems.append(
                {
                    "line": int(i) + 2,
                    "row": int(i) + 1,
                    "column": "period_covered",
                    "check": "a partial year needs the part of the year it covers",
                }
            )
    if problems:
        raise DataValidationError(f"{cc.TABLES}.csv", problems)


def partial_years(cells: pd.DataFrame) -> pd.DataFrame:
    """One row per table and period that covers less than a calendar year.

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``, each cell with its ``coverage``.

    Returns
    -------
    pandas.DataFrame
        table, year, period_printed, period_covered, cells (how many); sorted.
    """
    p = cells[cells["coverage"] == PARTIAL]
    keys = ["table", "year", "period_printed", "period_covered"]
    out = p.groupby(keys, sort=True, dropna=False).agg(cells=("value", "size")).reset_index()
    out["cells"] = out["cells"].astype("int64")
    return out


def context_flags(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every check of the agency tables and their text.

    Parameters
    ----------
    frames
        The validated raw tables by resource name (needs ``lm2016_agency_tables`` and
        ``lm2016_agency_text_figures``).

    Returns
    -------
    pandas.DataFrame
        The flags (columns :data:`helpers.cleaning.checks.FLAG_COLUMNS`).
    """
    cells = frames[cc.TABLES]
    require_partial_marked(cells)
    parts = [
        cc.check_internal_sums(cells),
        cc.check_total_mean_within_parts(cells, "Tabell 4.10", "mean_stay_months", "Totalt"),
        cc.check_repeated_year(cells, "Tabell 4.3 (overdosetilsyn)", ("Personer", "Kvinne", "Mann")),
        check_text_figures(frames[cc.TEXT], cells),
    ]
    return combine_flags(parts)


def combine_flags(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate flag tables and sort them as :func:`helpers.cleaning.checks.source_flags` does.

    Parameters
    ----------
    parts
        Flag tables.

    Returns
    -------
    pandas.DataFrame
        All flags sorted by resource, source_line and check.
    """
    kept = [p for p in parts if not p.empty]
    if not kept:
        return cc._flags([])
    flags = pd.concat(kept, ignore_index=True)
    return flags.sort_values(["resource", "source_line", "check"], ignore_index=True)
