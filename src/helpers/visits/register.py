"""The daily visit register: validating its cells and comparing it with the opening calendar.

A register has one row per open day with columns ``date`` and ``visits`` (and optionally ``site``).
:func:`validate_register` checks that every date parses, that no (site, date) occurs twice and that
visits are non-negative whole numbers, and raises :class:`helpers.core.validation.DataValidationError`
naming the file, row and column of every problem. Gaps (open calendar days without a row) are
reported by :func:`check_against_calendar`. Reading the file (CSV, Excel or SPSS, or the embedded
demo register) is :func:`helpers.visits.inputs.read_register`; nothing here opens a file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.core import validation

REQUIRED = ("date", "visits")
DEFAULT_SITE = "Huset"
EMPTY_CELL = "a value is required here (the cell is empty)"


@dataclass(frozen=True)
class CalendarCheck:
    """A register compared with the opening calendar.

    ``gaps``: open calendar days with no register row (missing exposure, not zeros), columns
    ``site, date``. ``on_closed_days``: register rows on days the calendar says were closed (the
    calendar or the register is wrong; the notebook reports them), with ``holiday`` and ``closure``.
    """

    gaps: pd.DataFrame
    on_closed_days: pd.DataFrame


def _blank(v: Any) -> bool:
    return (
        v is None
        or (isinstance(v, float) and math.isnan(v))
        or v is pd.NaT
        or (isinstance(v, str) and not v.strip())
    )


def _parse_date(v: Any) -> pd.Timestamp | None:
    if isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "year"):
        ts = pd.Timestamp(v)
        return None if ts is pd.NaT else ts.normalize()
    s = str(v).strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return pd.to_datetime(s, format=fmt)
        except (ValueError, TypeError):
            continue
    return None


def _parse_count(v: Any) -> tuple[int | None, str | None]:
    if isinstance(v, str):
        s = v.strip().replace("\u00a0", "").replace(" ", "")
        try:
            x = float(s.replace(",", "."))
        except ValueError:
            return None, "not a number"
    else:
        try:
            x = float(v)
        except (TypeError, ValueError):
            return None, "not a number"
    if math.isnan(x):
        return None, "a value is required here (the cell is empty)"
    if x != round(x):
        return None, "not a whole number"
    if x < 0:
        return None, "negative count"
    return round(x), None


class _Problems:
    """Collects cell problems with the row number a user sees (CSV line, Excel row, SPSS case)."""

    def __init__(self, offset: int, word: str) -> None:
        self.offset = offset
        self.word = word
        self.items: list[dict[str, Any]] = []

    def add(self, i: int, col: str, value: Any, check: str) -> None:
        self.items.append(
            {
                "row": i + 1,
                "line": i + self.offset,
                "column": col,
                "value": None if _blank(value) else str(value),
                "check": check + ("" if self.word == "line" else f" ({self.word} {i + self.offset})"),
            }
        )


def _parse_cells(raw: pd.DataFrame, bad: _Problems) -> pd.DataFrame:
    dates, counts = [], []
    for i, (d, v) in enumerate(zip(raw["date"], raw["visits"], strict=True)):
        ts = None if _blank(d) else _parse_date(d)
        if _blank(d):
            bad.add(i, "date", d, "a date is required here (the cell is empty)")
        elif ts is None:
            bad.add(i, "date", d, "not a date (use YYYY-MM-DD or DD.MM.YYYY)")
        dates.append(ts)
        n, err = (None, EMPTY_CELL) if _blank(v) else _parse_count(v)
        if err:
            bad.add(i, "visits", v, err)
        counts.append(n)
    has_site = "site" in raw.columns
    sites = raw["site"].astype(str).str.strip() if has_site else pd.Series([DEFAULT_SITE] * len(raw))
    if has_site:
        for i, s in enumerate(raw["site"]):
            if _blank(s):
                bad.add(i, "site", s, "a site is required when the column is present")
    return pd.DataFrame({"site": sites.to_numpy(), "date": dates, "visits": counts})


def _duplicates(out: pd.DataFrame, bad: _Problems) -> None:
    seen: dict[tuple[str, pd.Timestamp], int] = {}
    for i, (s, d) in enumerate(zip(out["site"], out["date"], strict=True)):
        if d is None:
            continue
        if (s, d) in seen:
            first = seen[(s, d)] + 1
            bad.add(i, "date", d.date().isoformat(), f"duplicate date for site {s!r} (first at row {first})")
        else:
            seen[(s, d)] = i


def validate_register(
    raw: pd.DataFrame, source: Path | str, offset: int = 2, word: str = "line"
) -> pd.DataFrame:
    """Validate the cells of a daily register.

    Every problem is collected first and reported together, each with its line (CSV), Excel row or
    SPSS case number and the column.

    Parameters
    ----------
    raw : pandas.DataFrame
        The cells as read, with columns ``date``, ``visits`` and optionally ``site`` (names are
        matched case-insensitively).
    source : pathlib.Path or str
        The file the cells came from, named in the error.
    offset : int
        Number shown to a user for the first data row (2 for a CSV line or Excel row under a
        header, 1 for an SPSS case).
    word : str
        What a row is called in the file: ``"line"``, ``"Excel row"`` or ``"SPSS case"``.

    Returns
    -------
    pandas.DataFrame
        ``site, date, visits`` sorted by site and date (visits int64).

    Raises
    ------
    helpers.core.validation.DataValidationError
        For a missing column, any bad cell, duplicate dates, or an empty register.
    """
    raw = raw.set_axis([str(c).strip().lower() for c in raw.columns], axis=1)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        check = f"missing column(s) {missing}; found {list(raw.columns)}"
        raise validation.DataValidationError(source, [{"line": 1, "row": 0, "column": None, "check": check}])
    bad = _Problems(offset, word)
    out = _parse_cells(raw, bad)
    _duplicates(out, bad)
    if bad.items:
        raise validation.DataValidationError(source, sorted(bad.items, key=lambda p: (p["row"], p["column"])))
    if out.empty:
        raise validation.DataValidationError(source, [{"check": "the register has no rows"}])
    out["date"] = pd.to_datetime(out["date"])
    out["visits"] = out["visits"].astype("int64")
    return out.sort_values(["site", "date"]).reset_index(drop=True)


def check_against_calendar(register: pd.DataFrame, cal: pd.DataFrame) -> CalendarCheck:
    """Compare a register with the opening calendar over the register's date range.

    Parameters
    ----------
    register : pandas.DataFrame
        ``site, date, visits`` (:func:`validate_register`).
    cal : pandas.DataFrame
        The opening calendar (:func:`helpers.visits.calendar.opening_calendar`).

    Returns
    -------
    CalendarCheck
        The gaps and the rows on closed days.
    """
    c = cal.set_index("date")
    gaps, closed = [], []
    for site, g in register.groupby("site", sort=True):
        span = c.loc[g["date"].min() : g["date"].max()]
        have = set(g["date"])
        miss = span.index[span["open"] & ~span.index.isin(have)]
        gaps.append(pd.DataFrame({"site": site, "date": miss}))
        on = g[g["date"].map(lambda d: not bool(c["open"].get(d, False)))]
        closed.append(on.assign(holiday=on["date"].map(c["holiday"]), closure=on["date"].map(c["closure"])))
    return CalendarCheck(
        gaps=pd.concat(gaps, ignore_index=True), on_closed_days=pd.concat(closed, ignore_index=True)
    )
