"""The opening calendar of a low-threshold service: which days it was open, and why not.

A day is *open* when its weekday belongs to the opening regime in force (e.g. Monday, Tuesday,
Thursday and Sunday from 2024) and it is neither a Norwegian public holiday (from the pinned
``holidays`` package, Sundays *not* counted as holidays) nor on the project's closure list
(``data/raw/huset_closures_demo.csv``: days such as 24 and 31 December that are not public
holidays but on which the service is assumed closed). A closed day is **missing exposure**, never
a day with zero visits: analyses drop it from per-day rates and count models.

Regimes and closures are data files described in ``data/raw/datapackage.json`` so that a student
with the real opening history replaces a file (params of notebook 02), not code.
"""

from __future__ import annotations

from pathlib import Path

import holidays
import pandas as pd

from helpers.core import catalogue, validation

# Norwegian weekday abbreviations, Monday first (pandas' dayofweek 0..6)
WEEKDAYS_NB = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
WEEKDAY_NAMES_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

REGIMES_RESOURCE = "huset_opening_regimes_demo"
CLOSURES_RESOURCE = "huset_closures_demo"


def parse_weekdays(spec: str) -> tuple[int, ...]:
    """``"man tir tor søn"`` -> ``(0, 1, 3, 6)``; unknown names raise ValueError."""
    out = []
    for tok in str(spec).split():
        if tok not in WEEKDAYS_NB:
            raise ValueError(f"unknown weekday {tok!r}: use {' '.join(WEEKDAYS_NB)}")
        out.append(WEEKDAYS_NB.index(tok))
    if len(set(out)) != len(out) or not out:
        raise ValueError(f"weekday list {spec!r} is empty or repeats a day")
    return tuple(sorted(out))


def read_regimes(path: Path | str | None = None) -> pd.DataFrame:
    """Opening regimes, validated: ``regime, start, weekdays (tuple), days_per_week, basis``.

    Each regime runs from its ``start`` date to the day before the next regime's start.
    """
    df = catalogue.read_resource(REGIMES_RESOURCE, path)
    out = df.assign(start=pd.to_datetime(df["start_date"], format="%Y-%m-%d"))
    problems = []
    days = []
    for i, row in out.iterrows():
        try:
            wd = parse_weekdays(row["weekdays"])
        except ValueError as exc:
            problems.append(
                {
                    "row": i + 1,
                    "line": i + 2,
                    "column": "weekdays",
                    "value": row["weekdays"],
                    "check": str(exc),
                }
            )
            wd = ()
        if wd and len(wd) != row["days_per_week"]:
            problems.append(
                {
                    "row": i + 1,
                    "line": i + 2,
                    "column": "days_per_week",
                    "value": row["days_per_week"],
                    "check": f"{len(wd)} weekdays listed in 'weekdays'",
                }
            )
        days.append(wd)
    if not out["start"].is_monotonic_increasing:
        problems.append({"column": "start_date", "check": "regimes must be sorted by start date"})
    if problems:
        raise validation.DataValidationError(path or catalogue.resources()[REGIMES_RESOURCE].path, problems)
    out["weekdays"] = days
    return out[["regime", "start", "weekdays", "days_per_week", "basis"]].reset_index(drop=True)


def read_closures(path: Path | str | None = None) -> pd.DataFrame:
    """Project closure list (recurring month/day), validated: ``month, day, name_nb, rationale``."""
    df = catalogue.read_resource(CLOSURES_RESOURCE, path)
    return df[["month", "day", "name_nb", "rationale"]].reset_index(drop=True)


def norwegian_holidays(start: str | pd.Timestamp, end: str | pd.Timestamp) -> pd.Series:
    """Norwegian public holidays between ``start`` and ``end`` (inclusive), date -> name.

    ``holidays.Norway`` counts every Sunday as a holiday by default (``include_sundays``); that is
    switched off here, because a service open on Sundays is not closed by it.
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

    Columns: ``date, weekday (0=Monday), regime, days_per_week, scheduled, holiday, closure,
    open, adjacent`` where ``adjacent`` marks open days next to a public holiday or closure.
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
    """Open and scheduled days per period (``YS`` years, ``MS`` months)."""
    g = cal.groupby(pd.Grouper(key="date", freq=freq))
    out = g.agg(
        scheduled_days=("scheduled", "sum"), open_days=("open", "sum"), calendar_days=("date", "size")
    ).reset_index()
    out["closed_scheduled_days"] = out["scheduled_days"] - out["open_days"]
    return out


def calendar_for(
    register: pd.DataFrame, regimes: pd.DataFrame, closures: pd.DataFrame, until_year: int | None = None
) -> pd.DataFrame:
    """The opening calendar over a register's span, extended to 31 December of ``until_year``
    (so a forecast can count the open days the register does not reach yet)."""
    end = register["date"].max()
    if until_year is not None:
        end = max(end, pd.Timestamp(f"{until_year}-12-31"))
    return opening_calendar(register["date"].min(), end, regimes, closures)
