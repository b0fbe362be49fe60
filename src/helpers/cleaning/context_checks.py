"""Checks of the agency tables of Lundeberg & Mjåland (2017) against themselves and their text.

The tables are one row per printed cell (``lm2016_agency_tables``). Three kinds of check, each
returning flag rows in the columns of :data:`helpers.cleaning.checks.FLAG_COLUMNS`:

* internal sums: the parts of a table against the total it prints (:data:`SUM_SPECS`), a printed
  mean of a total against the means of its parts, and a row printed twice for two years;
* text against table: each number of ``lm2016_agency_text_figures`` against the cells it restates,
  splits, sums or changes (the file's ``kind`` column says which);
* partial years are not a flag but a property of a cell (``coverage``); :mod:`.context_tables`
  lists them and refuses an unmarked one.

Nothing is corrected: a flag keeps the printed value and shows the arithmetic, in Norwegian with
numbers formatted by :mod:`helpers.core.formatting` (the flags are shown in the report).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.cleaning.checks import FLAG_COLUMNS
from helpers.core.formatting import fmt_general, fmt_int

TABLES = "lm2016_agency_tables"
TEXT = "lm2016_agency_text_figures"
JOIN = " + "  # how the text-figure file joins several row or column labels


@dataclass(frozen=True)
class SumSpec:
    """Where a table prints a total of its own cells.

    Attributes
    ----------
    table : str
        The ``table`` value of the cells.
    group_by : tuple of str
        Cell columns that stay fixed within one sum (e.g. ``("year",)``).
    dim : str
        ``"row"`` or ``"column"``: the label that varies between the parts.
    total : str
        The start of the label (of ``dim``) of the printed total (``"Totalt"`` matches a printed
        «Totalt pr. okt 16»).
    measure : str or None
        Only cells of this measure (a table that also prints means).
    parts : tuple of str or None
        Only these labels are parts (None: every label but the total).
    caveat : str
        Said with every flag of this spec: why the sum need not hold, if the source allows a reason.
    """

    table: str
    group_by: tuple[str, ...]
    dim: str
    total: str
    measure: str | None = None
    parts: tuple[str, ...] | None = None
    caveat: str = ""


OVERLAP = "en person kan telles i begge radene; kilden sier ikke om totalen er unike personer"

SEVERAL = "en innleggelse kan oppgi flere rusmidler, eller ingen; kilden sier ikke hvordan de telles"

# the cell columns a sum is grouped by, as the flag names them
KEY_NB = {"year": "år", "row": "rad", "column": "kolonne", "panel": "panel"}

SUM_SPECS: tuple[SumSpec, ...] = (
    SumSpec("Tabell 4.3 (overdosetilsyn)", ("year",), "column", "Personer", parts=("Kvinne", "Mann")),
    SumSpec("Tabell 4.10", ("year",), "row", "Totalt", measure="persons", caveat=OVERLAP),
    SumSpec("Tabell 4.11", ("year",), "row", "Innleggelser", caveat=SEVERAL),
    SumSpec("Tabell 4.12", ("row",), "column", "Totalt"),
    SumSpec("Tabell 4.18", ("year",), "row", "Sum"),
    SumSpec("Tabell 4.20", ("column",), "row", "Sum"),
    SumSpec("Tabell A.2", ("panel", "column"), "row", "Totalt"),
    SumSpec("Tabell A.2", ("panel", "row"), "column", "Totalt"),
)


def _flags(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


def _key_text(keys: tuple[str, ...], values: object) -> str:
    vals = values if isinstance(values, tuple) else (values,)
    return ", ".join(
        f"{KEY_NB.get(k, k)} {v}" for k, v in zip(keys, vals, strict=True) if str(v) not in ("", "<NA>")
    )


def check_internal_sums(cells: pd.DataFrame, specs: tuple[SumSpec, ...] = SUM_SPECS) -> pd.DataFrame:
    """Flag printed totals that differ from the sum of the printed parts.

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``: one row per printed cell.
    specs
        Where each table prints a total.

    Returns
    -------
    pandas.DataFrame
        One flag per total that the parts do not reproduce (an empty cell counts as no part).
    """
    rows = []
    for spec in specs:
        t = cells[cells["table"] == spec.table]
        if spec.measure is not None:
            t = t[t["measure"] == spec.measure]
        for key, g in t.fillna({"panel": ""}).groupby(list(spec.group_by), sort=True, dropna=False):
            is_total = g[spec.dim].str.startswith(spec.total)
            total, parts = g[is_total], g[~is_total]
            if spec.parts is not None:
                parts = parts[parts[spec.dim].isin(spec.parts)]
            if total.empty or parts.empty:
                continue
            printed, summed = float(total["value"].iloc[0]), round(float(parts["value"].sum()), 6)
            if printed == summed:
                continue
            labels = ", ".join(parts[spec.dim])
            detail = f"{fmt_int(len(parts))} deler ({labels}) summerer til {fmt_general(summed)}"
            rows.append(
                {
                    "resource": TABLES,
                    "source_line": int(total["source_line"].iloc[0]),
                    "check": f"{spec.table}: delene mot trykt {spec.total} ({_key_text(spec.group_by, key)})",
                    "printed": printed,
                    "recomputed": summed,
                    "detail": detail + (f"; {spec.caveat}" if spec.caveat else ""),
                }
            )
    return _flags(rows)


def check_total_mean_within_parts(
    cells: pd.DataFrame, table: str, measure: str, total: str, caveat: str = OVERLAP
) -> pd.DataFrame:
    """Flag a printed mean of a total that lies outside the range of its parts' printed means.

    A mean over the union of two groups is a weighted mean of the groups' means and so lies
    between them, unless persons are in both groups (then their times may add up).

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``.
    table, measure
        The table and the measure that holds the means.
    total
        The row label of the total.
    caveat
        Said with every flag.

    Returns
    -------
    pandas.DataFrame
        One flag per year whose total mean is outside [min, max] of the parts' means.
    """
    t = cells[(cells["table"] == table) & (cells["measure"] == measure)]
    rows = []
    for year, g in t.groupby("year", sort=True):
        tot, parts = g[g["row"] == total], g[g["row"] != total]
        if tot.empty or parts.empty:
            continue
        v, lo, hi = float(tot["value"].iloc[0]), float(parts["value"].min()), float(parts["value"].max())
        if lo <= v <= hi:
            continue
        rows.append(
            {
                "resource": TABLES,
                "source_line": int(tot["source_line"].iloc[0]),
                "check": f"{table}: {total} utenfor delene, {measure} ({int(year)})",
                "printed": v,
                "recomputed": hi if v > hi else lo,
                "detail": f"delenes snitt fra {fmt_general(lo)} til {fmt_general(hi)}; {caveat}",
            }
        )
    return _flags(rows)


def check_repeated_year(cells: pd.DataFrame, table: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """Flag a year whose cells in ``columns`` repeat another year's exactly (a possible copy).

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``.
    table
        The table to look in.
    columns
        The column labels compared together.

    Returns
    -------
    pandas.DataFrame
        One flag on each later year that repeats an earlier one (``printed``: the first value).
    """
    t = cells[(cells["table"] == table) & cells["column"].isin(columns)].dropna(subset=["year"])
    wide = t.pivot_table(index="year", columns="column", values="value", aggfunc="first")[list(columns)]
    lines = t.groupby("year")["source_line"].first()
    rows: list[dict[str, object]] = []
    seen: dict[tuple[float, ...], int] = {}
    for year, vals in wide.iterrows():
        key = tuple(vals)
        if key in seen:
            rows.append(
                {
                    "resource": TABLES,
                    "source_line": int(lines[year]),
                    "check": f"{table}: {int(year)} gjentar {int(seen[key])} i {', '.join(columns)}",
                    "printed": float(vals.iloc[0]),
                    "recomputed": float("nan"),
                    "detail": f"de samme {fmt_int(len(columns))} cellene som linje {int(lines[seen[key]])}",
                }
            )
        else:
            seen[key] = int(str(year))
    return _flags(rows)
