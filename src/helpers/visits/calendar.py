"""The opening calendar of a low-threshold service: which days it was open, and why not.

A day is *open* when its weekday belongs to the opening regime in force (e.g. Monday, Tuesday,
Thursday and Sunday from 2024) and it is neither a Norwegian public holiday (from the pinned
``holidays`` package, Sundays *not* counted as holidays) nor on the project's closure list
(``data/raw/huset_closures_demo.csv``: days such as 24 and 31 December that are not public
holidays but on which the service is assumed closed). A closed day is **missing exposure**, never
a day with zero visits: analyses drop it from per-day rates and count models.

Regimes and closures are data files described in ``data/raw/datapackage.json`` so that a student
with the real opening history replaces a file (params of notebook 02), not code; they are read by
:mod:`helpers.visits.inputs`. Nothing here opens a file.
"""

from __future__ import annotations

from pathlib import Path

import holidays
import pandas as pd

from helpers.core import validation

# Norwegian weekday abbreviations, Monday first (pandas' dayofweek 0..6)
WEEKDAYS_NB = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
WEEKDAY_NAMES_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def parse_weekdays(spec: str) -> tuple[int, ...]:
    """Parse a list of Norwegian weekday abbreviations.

    Parameters
    ----------
    spec : str
        Space-separated abbreviations from :data:`WEEKDAYS_NB`, e.g. ``"man tir tor søn"``.

    Returns
    -------
    tuple of int
        Sorted weekday numbers, Monday = 0 (``(0, 1, 3, 6)``).

    Raises
    ------
    ValueError
        For an unknown name, an empty list or a repeated day.
    """
    out = []
    for tok in str(spec).split():
        if tok not in WEEKDAYS_NB:
            raise ValueError(f"unknown weekday {tok!r}: use {' '.join(WEEKDAYS_NB)}")
        out.append(WEEKDAYS_NB.index(tok))
    if len(set(out)) != len(out) or not out:
        raise ValueError(f"weekday list {spec!r} is empty or repeats a day")
    return tuple(sorted(out))


def parse_regimes(df: pd.DataFrame, source: Path | str) -> pd.DataFrame:
    """Validate a table of opening regimes and parse its weekday lists.

    Each regime runs from its ``start_date`` to the day before the next regime's start.

    Parameters
    ----------
    df : pandas.DataFrame
        The regimes as read from the data package: ``regime, start_date, weekdays, days_per_week,
        basis`` (``weekdays`` as Norwegian abbreviations, e.g. ``"man tir tor søn"``).
    source : pathlib.Path or str
        The file the table came from, named in the error.

    Returns
    -------
    pandas.DataFrame
        ``regime, start (Timestamp), weekdays (tuple of 0..6), days_per_week, basis``.

    Raises
    ------
    helpers.core.validation.DataValidationError
        Naming row, line and column of every unknown weekday, of a ``days_per_week`` that does not
        match the weekdays listed, and of regimes out of date order.
    """
    out = df.assign(start=pd.to_datetime(df["start_date"], format="%Y-%m-%d"))
    problems: list[dict[str, object]] = []
    days: list[tuple[int, ...]] = []
    for i, (spec, n) in enumerate(zip(out["weekdays"], out["days_per_week"], strict=True)):
        where = {"row": i + 1, "line": i + 2}
        try:
            wd = parse_weekdays(spec)
        except ValueError as exc:
            problems.append({**where, "column": "weekdays", "value": spec, "check": str(exc)})
            wd = ()
        if wd and len(wd) != n:
            problems.append(
                {
                    **where,
                    "column": "days_per_week",
                    "value": n,
                    "check": f"{len(wd)} weekdays listed in 'weekdays'",
                }
            )
        days.append(wd)
    if not out["start"].is_monotonic_increasing:
        problems.append({"column": "start_date", "check": "regimes must be sorted by start date"})
    if problems:
        raise validation.DataValidationError(source, problems)
    out["weekdays"] = days
    return out[["regime", "start", "weekdays", "days_per_week", "basis"]].reset_index(drop=True)


def norwegian_holidays(start: str | pd.Timestamp, end: str | pd.Timestamp) -> pd.Series:
    """Norwegian public holidays between ``start`` and ``end`` (inclusive).

    ``holidays.Norway`` counts every Sunday as a holiday by default (``include_sundays``); that is
    switched off here, because a service open on Sundays is not closed by it.

    Parameters
    ----------
    start, end : str or pandas.Timestamp
        First and last day.

    Returns
    -------
    pandas.Series
        Holiday name (Norwegian) indexed by date.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    cal = holidays.Norway(years=range(start.year, end.year + 1), include_sundays=False, language="no")
    s = pd.Series({pd.Timestamp(d): name for d, name in sorted(cal.items())}, dtype=object)
    if s.empty:
        return pd.Series(dtype=object, index=pd.DatetimeIndex([]))
    return s[(s.index >= start) & (s.index <= end)]


def opening_calendar(
    start: str | pd.Timestamp, end: str | pd.Timestamp, regimes: pd.DataFrame, closures: pd.DataFrame
) -> pd.DataFrame:
    """One row per calendar day with the regime in force and whether the service was open.

    Parameters
    ----------
    start, end : str or pandas.Timestamp
        First and last day of the calendar.
    regimes : pandas.DataFrame
        Opening regimes as returned by :func:`parse_regimes`.
    closures : pandas.DataFrame
        Recurring closures: ``month, day, name_nb``.

    Returns
    -------
    pandas.DataFrame
        ``date, weekday (0=Monday), regime, days_per_week, scheduled, holiday, closure, open,
        adjacent`` where ``adjacent`` marks open days next to a public holiday or closure.

    Raises
    ------
    ValueError
        When the calendar starts before the first regime.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start < regimes["start"].min():
        raise ValueError(
            f"the calendar starts {start.date()}, before the first opening regime "
            f"({regimes['start'].min().date()}): extend the regimes file"
        )
    dates = pd.date_range(start - pd.Timedelta(days=1), end + pd.Timedelta(days=1), freq="D")
    cal = pd.DataFrame({"date": dates, "weekday": dates.day_of_week})
    idx = regimes["start"].searchsorted(cal["date"], side="right") - 1
    idx = idx.clip(min=0)
    cal["regime"] = regimes["regime"].to_numpy()[idx]
    cal["days_per_week"] = regimes["days_per_week"].to_numpy()[idx].astype(int)
    wds = regimes["weekdays"].to_numpy()[idx]
    cal["scheduled"] = [w in s for w, s in zip(cal["weekday"], wds, strict=True)]
    hol = norwegian_holidays(dates[0], dates[-1])
    cal["holiday"] = cal["date"].map(hol).fillna("").astype(str)
    key = dict(zip(zip(closures["month"], closures["day"], strict=True), closures["name_nb"], strict=True))
    cal["closure"] = [key.get((d.month, d.day), "") for d in cal["date"]]
    shut = (cal["holiday"] != "") | (cal["closure"] != "")
    cal["open"] = cal["scheduled"] & ~shut
    near = shut.shift(1, fill_value=False) | shut.shift(-1, fill_value=False)
    cal["adjacent"] = cal["open"] & near
    cal = cal.iloc[1:-1].reset_index(drop=True)
    return cal


def opening_days_by_period(cal: pd.DataFrame, freq: str = "YS") -> pd.DataFrame:
    """Open and scheduled days per period.

    Parameters
    ----------
    cal : pandas.DataFrame
        An opening calendar (:func:`opening_calendar`).
    freq : str
        A pandas frequency: ``"YS"`` years, ``"MS"`` months.

    Returns
    -------
    pandas.DataFrame
        ``date`` (period start), ``scheduled_days, open_days, calendar_days,
        closed_scheduled_days``.
    """
    g = cal.groupby(pd.Grouper(key="date", freq=freq))
    out = g.agg(
        scheduled_days=("scheduled", "sum"), open_days=("open", "sum"), calendar_days=("date", "size")
    ).reset_index()
    out["closed_scheduled_days"] = out["scheduled_days"] - out["open_days"]
    return out


def calendar_for(
    register: pd.DataFrame, regimes: pd.DataFrame, closures: pd.DataFrame, until_year: int | None = None
) -> pd.DataFrame:
    """The opening calendar over a register's span, extended to the end of ``until_year``.

    Extending the calendar lets a forecast count the open days the register does not reach yet.

    Parameters
    ----------
    register : pandas.DataFrame
        A register with a ``date`` column.
    regimes, closures : pandas.DataFrame
        As for :func:`opening_calendar`.
    until_year : int, optional
        Extend the calendar to 31 December of this year.

    Returns
    -------
    pandas.DataFrame
        The opening calendar (:func:`opening_calendar`).
    """
    end = register["date"].max()
    if until_year is not None:
        end = max(end, pd.Timestamp(f"{until_year}-12-31"))
    return opening_calendar(register["date"].min(), end, regimes, closures)
