"""The seeded generator of the synthetic demo register for Huset (2022-2025).

The real register is not public. :func:`generate_demo_register` makes a synthetic one from a
documented model (see :class:`DemoSpec`):

    visits_d ~ NegBin(mean mu_d * G_d),  G_d ~ Gamma(shape k, scale 1/k)
    log mu_d = level[regime] + trend * years_since_start + weekday[wd]
               + amplitude * cos(2 pi (doy - peak_doy) / 365.25) + adjacent * 1[next to a closed day]

on the open days of the opening calendar. The regime levels, the trend and nothing else are solved
from seed 000's published figures (:class:`helpers.visits.targets.CalibrationTargets`, read from
``data/raw``): the annual totals 2022-2024, the first-half-2025 total and the June 2025 total. The
realised counts are then conditioned on the published totals (multinomial allocation within blocks),
so the register reproduces 2022, 2023 and 2024 totals, the weeks 1-26 total of 2025, June 2025 and
the week-24 peak exactly. Weekday profile, annual amplitude, its phase, the holiday-adjacent effect
and the overdispersion are *assumptions* of the demo, given in :class:`DemoSpec`, and are what the
analysis in notebook 02 must recover. Writing the file is :mod:`helpers.visits.demo_file`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize

from helpers.visits import calendar
from helpers.visits.published import H1_LAST_WEEK
from helpers.visits.targets import CalibrationTargets

YEAR_DAYS = 365.25


@dataclass(frozen=True)
class DemoSpec:
    """Assumptions of the demo register (the *true* values the analysis should recover).

    ``weekday`` holds log multipliers by weekday (Monday first) relative to Tuesday; only the open
    weekdays matter. Sunday is lower because Huset's Sunday opening is 6 hours against 11 on
    weekdays (seed 000 Tabell 1, lines 1393-1401). ``amplitude`` is the log amplitude of the annual
    cycle with its peak on day-of-year ``peak_doy`` (a winter peak and a summer dip, as the seed's
    "warm weather" explanation suggests, lines 1134-1140). ``size`` is the negative-binomial size
    k (overdispersion alpha = 1/k).
    """

    seed: int = 20250602
    start: str = "2022-01-01"
    end: str = "2025-12-31"
    weekday: tuple[float, ...] = (0.12, 0.0, 0.05, -0.04, 0.0, 0.0, -0.30)
    amplitude: float = 0.15
    peak_doy: int = 20
    adjacent: float = 0.10
    size: float = 30.0


@dataclass(frozen=True)
class DemoTruth:
    """Everything the generator put in: the spec and the solved log levels, trend and steps.

    ``steps`` maps each change of regime (``"2 dager->3 dager"``) to its log step.
    """

    spec: DemoSpec
    regimes: list[str]
    levels: dict[str, float]
    trend: float
    steps: dict[str, float]


def _design(cal: pd.DataFrame, spec: DemoSpec) -> pd.DataFrame:
    d = cal[cal["open"]].copy()
    t0 = pd.Timestamp(spec.start)
    d["t"] = (d["date"] - t0).dt.days / YEAR_DAYS
    d["shape"] = (
        np.asarray(spec.weekday)[d["weekday"].to_numpy()]
        + spec.amplitude * np.cos(2 * np.pi * (d["date"].dt.day_of_year - spec.peak_doy) / YEAR_DAYS)
        + spec.adjacent * d["adjacent"].to_numpy()
    )
    iso = d["date"].dt.isocalendar()
    d["iso_year"], d["iso_week"] = iso["year"].astype(int), iso["week"].astype(int)
    return d.reset_index(drop=True)


def _h1_mask(d: pd.DataFrame, year: int) -> pd.Series:
    return (d["iso_year"] == year) & (d["iso_week"] <= H1_LAST_WEEK)


def _h1_year(targets: CalibrationTargets) -> int:
    if targets.h1_2025.year is None:
        raise ValueError("the first-half total has no year")
    return targets.h1_2025.year


def solve_parameters(cal: pd.DataFrame, targets: CalibrationTargets, spec: DemoSpec) -> DemoTruth:
    """Regime levels and trend so that *expected* totals equal the published ones.

    Given the trend, each regime level follows in closed form from one published total (2022, 2023
    and 2024 for the 2-, 3- and 4-day regimes, June 2025 for the 5-day regime); the trend is then
    the root that makes the expected weeks 1-26 total of 2025 equal the published one.

    Parameters
    ----------
    cal : pandas.DataFrame
        The opening calendar of the demo (:func:`demo_calendar`).
    targets : CalibrationTargets
        The published figures.
    spec : DemoSpec
        The assumptions.

    Returns
    -------
    DemoTruth
        The spec with the solved levels, trend and steps.
    """
    d = _design(cal, spec)
    regimes = list(dict.fromkeys(d["regime"]))
    year = d["date"].dt.year
    y1, y2, y3 = sorted(targets.annual)
    june = (year == _h1_year(targets)) & (d["date"].dt.month == 6)
    anchors = {regimes[0]: year == y1, regimes[1]: year == y2, regimes[2]: year == y3, regimes[3]: june}
    totals = {
        regimes[0]: targets.annual[y1],
        regimes[1]: targets.annual[y2],
        regimes[2]: targets.annual[y3],
        regimes[3]: int(targets.june_2025.value),
    }

    def levels(trend: float) -> dict[str, float]:
        base = trend * d["t"] + d["shape"]
        lv: dict[str, float] = {}
        for r in regimes:
            m = anchors[r]
            others = sum(np.exp(lv[q] + base[m & (d["regime"] == q)]).sum() for q in lv)
            own = np.exp(base[m & (d["regime"] == r)]).sum()
            lv[r] = float(np.log((totals[r] - others) / own))
        return lv

    def mu(trend: float) -> np.ndarray:
        lv = levels(trend)
        return np.exp(d["regime"].map(lv).to_numpy() + trend * d["t"] + d["shape"])

    h1 = _h1_mask(d, _h1_year(targets)).to_numpy()
    h1_total = int(targets.h1_2025.value)
    trend = optimize.brentq(lambda b: mu(b)[h1].sum() - h1_total, -2.0, 2.0, xtol=1e-12)
    lv = levels(trend)
    steps = {
        f"{regimes[i]}->{regimes[i + 1]}": lv[regimes[i + 1]] - lv[regimes[i]]
        for i in range(len(regimes) - 1)
    }
    return DemoTruth(spec=spec, regimes=regimes, levels=lv, trend=trend, steps=steps)


def demo_calendar(
    regimes: pd.DataFrame, closures: pd.DataFrame, spec: DemoSpec | None = None
) -> pd.DataFrame:
    """The opening calendar the demo register is generated on.

    Parameters
    ----------
    regimes, closures : pandas.DataFrame
        The embedded opening regimes and closure list (:mod:`helpers.visits.inputs`).
    spec : DemoSpec, optional
        The assumptions (its ``start`` and ``end``).

    Returns
    -------
    pandas.DataFrame
        The opening calendar (:func:`helpers.visits.calendar.opening_calendar`).
    """
    spec = spec or DemoSpec()
    return calendar.opening_calendar(spec.start, spec.end, regimes, closures)


def _allocate(rng: np.random.Generator, lam: np.ndarray, total: int) -> np.ndarray:
    if total < 0:
        raise ValueError(f"negative block total {total}: the targets are inconsistent")
    return rng.multinomial(total, lam / lam.sum())


def generate_demo_register(
    cal: pd.DataFrame, targets: CalibrationTargets, spec: DemoSpec | None = None
) -> pd.DataFrame:
    """The demo register (``date, visits``), reproducible from ``spec.seed``.

    Counts are drawn as gamma-Poisson (negative binomial) around the solved mean; within blocks
    whose totals seed 000 publishes, the Poisson step is replaced by a multinomial allocation of
    the published total (the Poisson counts conditioned on their sum), in this order: 2022, 2023,
    30 December 2024 (free, it belongs to ISO week 1 of 2025), the rest of 2024, week 24 of 2025,
    the rest of June 2025, the rest of weeks 1-26 of 2025, and the remaining days (free).

    Parameters
    ----------
    cal, targets : pandas.DataFrame, CalibrationTargets
        As for :func:`solve_parameters`.
    spec : DemoSpec, optional
        The assumptions; default :class:`DemoSpec`.

    Returns
    -------
    pandas.DataFrame
        ``date`` (ISO text) and ``visits`` (int64), one row per open day.
    """
    spec = spec or DemoSpec()
    par = solve_parameters(cal, targets, spec)
    d = _design(cal, spec)
    mu = np.exp(d["regime"].map(par.levels).to_numpy() + par.trend * d["t"] + d["shape"])
    rng = np.random.default_rng(spec.seed)
    lam = mu * rng.gamma(spec.size, 1.0 / spec.size, size=len(mu))
    y = np.full(len(mu), -1, dtype=np.int64)
    date, year, month = d["date"], d["date"].dt.year, d["date"].dt.month
    y1, y2, y3 = sorted(targets.annual)
    h1_year = _h1_year(targets)
    h1 = _h1_mask(d, h1_year)
    pv = int(targets.peak_week_visits.value)
    week = (d["iso_year"] == targets.peak_week_visits.year) & (d["iso_week"] == targets.peak_week)
    june = (year == h1_year) & (month == 6)

    def fill(mask: pd.Series, total: int | None) -> None:
        m = mask.to_numpy() & (y < 0)
        y[m] = rng.poisson(lam[m]) if total is None else _allocate(rng, lam[m], total)

    fill(year == y1, targets.annual[y1])
    fill(year == y2, targets.annual[y2])
    fill((year == y3) & h1, None)
    fill(year == y3, targets.annual[y3] - int(y[((year == y3) & h1).to_numpy()].sum()))
    fill(week, pv)
    fill(june, int(targets.june_2025.value) - pv)
    in_h1_done = int(y[(h1 & (y >= 0)).to_numpy()].sum())
    fill(h1, int(targets.h1_2025.value) - in_h1_done)
    fill(pd.Series(True, index=d.index), None)
    assert (y >= 0).all()
    return pd.DataFrame({"date": date.dt.strftime("%Y-%m-%d"), "visits": y})
