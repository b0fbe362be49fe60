"""Norwegian text fragments of notebook 02's report (dates, closed days, regimes, closures).

Only notebooks import this module.
"""

from __future__ import annotations

import pandas as pd
from babel.dates import format_date

from helpers.core.formatting import fmt_num

# any non-leap year: closures are recurring month/day pairs, printed without a year
_NON_LEAP_YEAR = 2001


def fmt_date(d: pd.Timestamp) -> str:
    """A date in Norwegian bokmål: ``2. juni 2025``.

    Parameters
    ----------
    d : pandas.Timestamp
        The date.

    Returns
    -------
    str
        Day, month name and year.
    """
    return format_date(pd.Timestamp(d).date(), format="d. MMMM y", locale="nb_NO")


def join_words(parts: list[str]) -> str:
    """Join words Norwegian style: ``a, b og c``.

    Parameters
    ----------
    parts : list of str
        The words.

    Returns
    -------
    str
        The joined words.
    """
    return ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else "".join(parts)


def closed_days_text(daily: pd.DataFrame, iso_year: int, iso_week: int) -> str:
    """Scheduled days of an ISO week closed by a holiday or closure.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`helpers.visits.series.daily_frame`).
    iso_year, iso_week : int
        The week.

    Returns
    -------
    str
        ``andre pinsedag (9. juni 2025)``; ``ingen`` when there are none.
    """
    d = daily[
        (daily["iso_year"] == iso_year)
        & (daily["iso_week"] == iso_week)
        & daily["scheduled"]
        & ~daily["open"]
    ].drop_duplicates("date")
    if d.empty:
        return "ingen"
    names = [
        f"{(h or c).lower()} ({fmt_date(t)})"
        for t, h, c in zip(d["date"], d["holiday"], d["closure"], strict=True)
    ]
    return " og ".join(names)


def regimes_text(regimes: pd.DataFrame) -> str:
    """The opening regimes in words.

    Parameters
    ----------
    regimes : pandas.DataFrame
        Opening regimes (:func:`helpers.visits.inputs.read_regimes`).

    Returns
    -------
    str
        ``2 dager per uke fra 1. januar 2022, 3 dager per uke fra ... og ...``.
    """
    return join_words(
        [
            f"{fmt_num(r['days_per_week'])} dager per uke fra {fmt_date(r['start'])}"
            for _, r in regimes.iterrows()
        ]
    )


def closures_text(closures: pd.DataFrame) -> str:
    """The closure list in words.

    Parameters
    ----------
    closures : pandas.DataFrame
        The closure list (:func:`helpers.visits.inputs.read_closures`).

    Returns
    -------
    str
        ``24. desember (julaften) og 31. desember (nyttårsaften)``.
    """
    parts = []
    for _, r in closures.iterrows():
        day = fmt_date(pd.Timestamp(_NON_LEAP_YEAR, int(r["month"]), int(r["day"])))[:-5]
        parts.append(f"{day} ({r['name_nb'].lower()})")
    return join_words(parts)
