"""Seed 000's register figures and its 2025 forecast arithmetic, recomputed from a register.

Bulukin (2025, Del 3.1) defines the first half of 2025 as ISO weeks 1-26 (line 1166) and forecasts
weeks 27-52 as the first-half weekly mean times an uplift times the weeks left.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.visits.targets import CalibrationTargets

H1_FIRST_WEEK = 1
H1_LAST_WEEK = 26  # the seed's first half: ISO weeks 1-26 (line 1166)
H1_WEEKS = H1_LAST_WEEK - H1_FIRST_WEEK + 1
LAST_WEEK = 52  # the forecast runs to ISO week 52
# Tabell 2's mean per day is the annual total / (52 weeks x opening days per week), without holidays
TABELL2_WEEKS = 52


@dataclass(frozen=True)
class SeedFigures:
    """Seed 000's register figures recomputed from a register (all sites summed).

    ``h1_weekly_mean`` divides the first-half total by its 26 weeks, ``h1_weekly_mean_published``
    by the divisor the seed's printed mean implies (:func:`implied_weeks_divisor`);
    ``h1_per_day_nominal`` divides it by weeks x the days per week mostly in force
    (``h1_days_per_week``), as a printed mean per day without holidays would.
    """

    year: int
    total_prev_year: int
    h1_total: int
    h1_weeks: int
    h1_weekly_mean: float
    weeks_divisor: int
    h1_weekly_mean_published: float
    h1_open_days: int
    h1_per_open_day: float
    h1_days_per_week: int
    h1_per_day_nominal: float
    june_total: int
    months_prev_year: pd.Series
    months_first_half: pd.Series
    june_is_max_month_h1: bool
    peak_week: int
    peak_week_visits: int
    peak_week_open_days: int
    peak_day: int
    days_at_or_above_peak_low: int
    utilisation_mean_pct: float
    utilisation_peak_pct: float
    days_over_capacity: int

    @property
    def peak_week_per_open_day(self) -> float:
        """Visits per open day in the peak week."""
        return self.peak_week_visits / self.peak_week_open_days


@dataclass(frozen=True)
class PublishedForecast:
    """Seed 000's forecast arithmetic for weeks 27-52.

    ``h2 = h1_total / weeks_divisor x (1 + uplift_pct / 100) x h2_weeks``; ``year = h1_total + h2``.
    """

    h1_total: float
    uplift_pct: float
    weeks_divisor: int
    h2_weeks: int
    weekly_h1: float
    weekly_h2: float
    h2: float
    year: float


def implied_weeks_divisor(targets: CalibrationTargets) -> int:
    """The number of weeks the seed's printed first-half weekly mean divides by.

    The seed prints the weekly mean of weeks 1-26 as 367 (line 1168), and 9 901 / 367 is 27, not 26.

    Parameters
    ----------
    targets : CalibrationTargets
        The published figures.

    Returns
    -------
    int
        ``round(h1 total / printed weekly mean)``.
    """
    return round(targets.h1_2025.value / targets.h1_weekly_mean.value)


def published_forecast(
    h1_total: float, uplift_pct: float, weeks_divisor: int, h2_weeks: int = LAST_WEEK - H1_LAST_WEEK
) -> PublishedForecast:
    """Seed 000's 2025 forecast arithmetic: H2 = H1 / ``weeks_divisor`` x (1 + uplift) x ``h2_weeks``.

    The seed's H2 totals (lines 1190-1192) follow from the undivided H1 / 27 mean, not from the
    printed weekly means times 26; see the provenance notes of ``huset_cost_text_figures``.

    Parameters
    ----------
    h1_total : float
        Visits in weeks 1-26.
    uplift_pct : float
        The assumed increase of the weekly mean ("modningseffekt"), in percent.
    weeks_divisor : int
        The weeks H1 is divided by (the seed: :func:`implied_weeks_divisor`).
    h2_weeks : int
        Weeks in the forecast period.

    Returns
    -------
    PublishedForecast
        Weekly means, the H2 total and the year total.
    """
    weekly = h1_total / weeks_divisor
    h2 = weekly * (1 + uplift_pct / 100) * h2_weeks
    return PublishedForecast(
        h1_total=h1_total,
        uplift_pct=uplift_pct,
        weeks_divisor=weeks_divisor,
        h2_weeks=h2_weeks,
        weekly_h1=weekly,
        weekly_h2=weekly * (1 + uplift_pct / 100),
        h2=h2,
        year=h1_total + h2,
    )


def tabell2_mean_per_day(total: float, days_per_week: float) -> float:
    """A year's mean visits per day as Tabell 2 of seed 000 computes it (no holidays deducted).

    Parameters
    ----------
    total : float
        The year's visits.
    days_per_week : float
        Opening days per week.

    Returns
    -------
    float
        ``total / (TABELL2_WEEKS x days_per_week)``.
    """
    return total / (TABELL2_WEEKS * days_per_week)


def _by_date(daily: pd.DataFrame) -> pd.DataFrame:
    how = {"visits": "sum", "open": "any", "observed": "any"}
    how |= dict.fromkeys(("iso_year", "iso_week", "days_per_week"), "first")
    return daily.groupby("date", sort=True).agg(how).reset_index()


def seed_figures(daily: pd.DataFrame, targets: CalibrationTargets, year: int = 2025) -> SeedFigures:
    """Seed 000's register figures recomputed from a register (all sites summed).

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`helpers.visits.series.daily_frame`).
    targets : CalibrationTargets
        The published figures: the capacity per day, the low end of the printed peak-day range and
        the weekly mean's divisor come from here.
    year : int
        The year whose first half (ISO weeks 1-26) is recomputed; the year before gives the
        annual total and months.

    Returns
    -------
    SeedFigures
        The recomputed figures.
    """
    capacity, peak_low = targets.capacity.value, targets.peak_day_low.value
    d = _by_date(daily)
    h1 = d[(d["iso_year"] == year) & d["iso_week"].between(H1_FIRST_WEEK, H1_LAST_WEEK)]
    weeks = h1.groupby("iso_week").agg(visits=("visits", "sum"), open_days=("open", "sum"))
    pw = int(weeks["visits"].idxmax())
    obs = h1[h1["observed"]]
    prev = d[d["date"].dt.year == year - 1]
    june = d[(d["date"].dt.year == year) & (d["date"].dt.month == 6)]
    jan_jun = d[(d["date"].dt.year == year) & (d["date"].dt.month <= 6)]
    first_half_months = jan_jun.groupby(jan_jun["date"].dt.month)["visits"].sum()
    n_weeks = H1_WEEKS
    divisor = implied_weeks_divisor(targets)
    dpw = int(h1["days_per_week"].mode().iloc[0])
    total = h1["visits"].sum()
    return SeedFigures(
        year=year,
        total_prev_year=int(prev["visits"].sum()),
        h1_total=int(total),
        h1_weeks=int(h1["iso_week"].nunique()),
        h1_weekly_mean=float(total / n_weeks),
        weeks_divisor=divisor,
        h1_weekly_mean_published=float(total / divisor),
        h1_open_days=int(h1["open"].sum()),
        h1_per_open_day=float(obs["visits"].mean()),
        h1_days_per_week=dpw,
        h1_per_day_nominal=float(total / (dpw * n_weeks)),
        june_total=int(june["visits"].sum()),
        months_prev_year=prev.groupby(prev["date"].dt.month)["visits"].sum(),
        months_first_half=first_half_months,
        june_is_max_month_h1=bool(june["visits"].sum() >= first_half_months.max()),
        peak_week=pw,
        peak_week_visits=int(weeks.loc[pw, "visits"]),
        peak_week_open_days=int(weeks.loc[pw, "open_days"]),
        peak_day=int(obs["visits"].max()),
        days_at_or_above_peak_low=int((obs["visits"] >= peak_low).sum()),
        utilisation_mean_pct=float(100 * obs["visits"].mean() / capacity),
        utilisation_peak_pct=float(100 * obs["visits"].max() / capacity),
        days_over_capacity=int((obs["visits"] > capacity).sum()),
    )
