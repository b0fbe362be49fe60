"""The daily visit register: reading and validating it, and the seeded generator of the demo register.

**Reading.** A register has one row per open day with columns ``date`` and ``visits`` (and
optionally ``site``), as CSV, Excel (``.xlsx``) or SPSS (``.sav``). :func:`read_register` checks
that every date parses, that no (site, date) occurs twice and that visits are non-negative whole
numbers, and raises :class:`helpers.core.validation.DataValidationError` naming the file, row and column of
every problem. Gaps (open calendar days without a row) are reported by :func:`check_against_calendar`.

**Demo register.** The real register is not public. :func:`generate_demo_register` makes a
synthetic one for Huset (2022-2025) from a documented model (see :class:`DemoSpec`):

    visits_d ~ NegBin(mean mu_d * G_d),  G_d ~ Gamma(shape k, scale 1/k)
    log mu_d = level[regime] + trend * years_since_start + weekday[wd]
               + amplitude * cos(2 pi (doy - peak_doy) / 365.25) + adjacent * 1[next to a closed day]

on the open days of the opening calendar. The regime levels, the trend and nothing else are solved
from seed 000's published figures (read from ``data/raw``, never typed here): the annual totals
2022-2024, the first-half-2025 total and the June 2025 total. The realised counts are then
conditioned on the published totals (multinomial allocation within blocks), so the register
reproduces 2022, 2023 and 2024 totals, the weeks 1-26 total of 2025, June 2025 and the week-24 peak
exactly. Weekday profile, annual amplitude, its phase, the holiday-adjacent effect and the
overdispersion are *assumptions* of the demo, given in :class:`DemoSpec`, and are what the analysis
in notebook 02 must recover.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

from helpers.core import catalogue, paths, userfiles, validation, writers
from helpers.visits import calendar

DEMO_FILE = "huset_daily_register_demo.csv"
DEMO_RESOURCE = "huset_daily_register_demo"
REQUIRED = ("date", "visits")
DEFAULT_SITE = "Huset"


# --------------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------------


def _load_raw(file: Path, sheet: str | int) -> tuple[pd.DataFrame, int, str]:
    """Return the cells, the offset from data-row index to the number shown to a user, and its word."""
    df, _meta = userfiles.read_user_table(file, sheet=sheet, what="register")
    word = userfiles.USER_TABLE_FORMATS[file.suffix.lower()]
    return df, (1 if word == "SPSS case" else 2), word


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


def read_register(path: Path | str, sheet: str | int = 0) -> pd.DataFrame:
    """Read and validate a daily register; return ``site, date, visits`` sorted by site and date.

    Every problem is collected first and reported together, each with its line (CSV), Excel row or
    SPSS case number and the column.
    """
    file = paths.resolve(path)
    if not file.is_file():
        raise FileNotFoundError(f"{file}: register file does not exist")
    raw, offset, word = _load_raw(file, sheet)
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise validation.DataValidationError(
            file,
            [
                {
                    "line": 1,
                    "row": 0,
                    "column": None,
                    "check": f"missing column(s) {missing}; found {list(raw.columns)}",
                }
            ],
        )
    problems: list[dict[str, Any]] = []

    def bad(i: int, col: str, value: Any, check: str) -> None:
        problems.append(
            {
                "row": i + 1,
                "line": i + offset,
                "column": col,
                "value": None if _blank(value) else str(value),
                "check": check + ("" if word == "line" else f" ({word} {i + offset})"),
            }
        )

    dates, counts = [], []
    for i, (d, v) in enumerate(zip(raw["date"], raw["visits"], strict=True)):
        ts = None if _blank(d) else _parse_date(d)
        if _blank(d):
            bad(i, "date", d, "a date is required here (the cell is empty)")
        elif ts is None:
            bad(i, "date", d, "not a date (use YYYY-MM-DD or DD.MM.YYYY)")
        dates.append(ts)
        n, err = (None, "a value is required here (the cell is empty)") if _blank(v) else _parse_count(v)
        if err:
            bad(i, "visits", v, err)
        counts.append(n)
    sites = (
        raw["site"].astype(str).str.strip() if "site" in raw.columns else pd.Series([DEFAULT_SITE] * len(raw))
    )
    if "site" in raw.columns:
        for i, s in enumerate(raw["site"]):
            if _blank(s):
                bad(i, "site", s, "a site is required when the column is present")
    out = pd.DataFrame({"site": sites.to_numpy(), "date": dates, "visits": counts})
    seen: dict[tuple[str, pd.Timestamp], int] = {}
    for i, (s, d) in enumerate(zip(out["site"], out["date"], strict=True)):
        if d is None:
            continue
        if (s, d) in seen:
            bad(
                i,
                "date",
                d.date().isoformat(),
                f"duplicate date for site {s!r} (first at row {seen[(s, d)] + 1})",
            )
        else:
            seen[(s, d)] = i
    if problems:
        problems.sort(key=lambda p: (p["row"], p["column"]))
        raise validation.DataValidationError(file, problems)
    if out.empty:
        raise validation.DataValidationError(file, [{"check": "the register has no rows"}])
    out["date"] = pd.to_datetime(out["date"])
    out["visits"] = out["visits"].astype("int64")
    return out.sort_values(["site", "date"]).reset_index(drop=True)


def check_against_calendar(register: pd.DataFrame, cal: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Compare a register with the opening calendar over the register's date range.

    Returns ``gaps`` (open calendar days with no register row: missing exposure, not zeros) and
    ``on_closed_days`` (rows on days the calendar says were closed: the calendar or the register
    is wrong, and the notebook reports them).
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
    return {
        "gaps": pd.concat(gaps, ignore_index=True),
        "on_closed_days": pd.concat(closed, ignore_index=True),
    }


# --------------------------------------------------------------------------------------------
# calibration targets (from data/raw, never typed here)
# --------------------------------------------------------------------------------------------


def calibration_targets() -> dict[str, Any]:
    """Seed 000's published figures the demo register is calibrated to, read from ``data/raw``.

    Keys: ``annual`` {year: total} (2022-2023 Tabell 2 line 1618; 2024 the Huset-only total of
    line 1269, because the register is Huset without Natthuset, line 1053), ``h1_2025`` (weeks
    1-26, line 1170), ``june_2025`` (line 1077), ``peak_week`` (2025, 24, 575; line 1099),
    ``peak_day_low/high`` (180-190, line 1097), ``capacity`` (120, line 1103),
    ``opening_days`` {year: days per week} (Tabell 2 line 1614), and the published forecast inputs.
    """
    key = catalogue.read_resource("huset_key_figures")
    text = catalogue.read_resource("huset_text_figures")
    prose = catalogue.read_resource("huset_cost_text_figures")

    def kf(measure: str) -> dict[int, int]:
        rows = key[key["measure"] == measure]
        return {int(y): int(v) for y, v in zip(rows["year"], rows["value"], strict=True)}

    def pr(measure: str, line: int | str) -> float:
        rows = prose[(prose["measure"] == measure) & (prose["source_line"].astype(str) == str(line))]
        if len(rows) != 1:
            raise KeyError(f"huset_cost_text_figures: expected one row {measure!r} line {line}")
        return float(rows["value"].iloc[0])

    annual = {y: v for y, v in kf("visitors").items() if y <= 2023}
    annual[2024] = int(text.loc[text["measure"] == "visitors_huset_only", "value"].iloc[0])
    return {
        "annual": dict(sorted(annual.items())),
        "annual_tabell2": kf("visitors"),
        "opening_days": kf("opening_days_per_week"),
        "h1_2025": int(pr("visits_total_h1", 1170)),
        "h1_weekly_mean_printed": pr("visits_per_week_avg_h1", 1168),
        "h1_daily_mean_printed": pr("visits_per_day_avg_h1", 1174),
        "june_2025": int(pr("visits_month_max_jun", 1077)),
        "peak_week": (2025, 24, int(pr("visits_week24", 1099))),
        "peak_day_low": int(pr("users_per_day_peak_low", 1097)),
        "peak_day_high": int(pr("users_per_day_peak_high", 1097)),
        "capacity": int(pr("theoretical_capacity_per_day", 1103)),
        "peak_week_per_day_printed": pr("visits_per_day_avg_week24", 1101),
        "utilisation_avg_printed": pr("capacity_utilisation_avg", 1113),
        "utilisation_peak_printed": pr("capacity_utilisation_peak_day", 1111),
        "mean_per_day_tabell2": kf("mean_visitors_per_day"),
        "monthly_range": {
            2024: (
                pr("visits_per_month_typical_low", 1079),
                pr("visits_per_month_typical_high", "1079-1081"),
            ),
            2025: (
                pr("visits_per_month_typical_low", "1081-1083"),
                pr("visits_per_month_typical_high", 1083),
            ),
        },
        "uplift_basis_pct": pr("maturation_effect_basis", 1190),
        "uplift_high_pct": pr("maturation_effect_high_case", 1192),
        "h2_basis_printed": int(pr("visits_total_h2_basis", 1190)),
        "h2_high_printed": int(pr("visits_total_h2_high", 1192)),
        "weekly_h2_basis_printed": int(pr("visits_per_week_h2_basis", 1190)),
        "weekly_h2_high_printed": int(pr("visits_per_week_h2_high", 1192)),
        "year_basis_printed": int(pr("visits_total_year_basis", 1197)),
        "year_high_printed": int(pr("visits_total_year_high", 1199)),
        "h2_high_in_sum_printed": int(pr("visits_total_h2_high", 1199)),
    }


# --------------------------------------------------------------------------------------------
# the generator
# --------------------------------------------------------------------------------------------


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


def _design(cal: pd.DataFrame, spec: DemoSpec) -> pd.DataFrame:
    d = cal[cal["open"]].copy()
    t0 = pd.Timestamp(spec.start)
    d["t"] = (d["date"] - t0).dt.days / 365.25
    d["shape"] = (
        np.asarray(spec.weekday)[d["weekday"].to_numpy()]
        + spec.amplitude * np.cos(2 * np.pi * (d["date"].dt.day_of_year - spec.peak_doy) / 365.25)
        + spec.adjacent * d["adjacent"].to_numpy()
    )
    iso = d["date"].dt.isocalendar()
    d["iso_year"], d["iso_week"] = iso["year"].astype(int), iso["week"].astype(int)
    return d.reset_index(drop=True)


def _h1_mask(d: pd.DataFrame, year: int) -> pd.Series:
    return (d["iso_year"] == year) & (d["iso_week"] <= 26)


def solve_parameters(cal: pd.DataFrame, targets: dict[str, Any], spec: DemoSpec) -> dict[str, Any]:
    """Regime levels and trend so that *expected* totals equal the published ones.

    Given the trend, each regime level follows in closed form from one published total (2022, 2023
    and 2024 for the 2-, 3- and 4-day regimes, June 2025 for the 5-day regime); the trend is then
    the root that makes the expected weeks 1-26 total of 2025 equal the published one.
    """
    d = _design(cal, spec)
    regimes = list(dict.fromkeys(d["regime"]))
    year = d["date"].dt.year
    june = (year == 2025) & (d["date"].dt.month == 6)
    anchors = {regimes[0]: year == 2022, regimes[1]: year == 2023, regimes[2]: year == 2024, regimes[3]: june}
    totals = {
        regimes[0]: targets["annual"][2022],
        regimes[1]: targets["annual"][2023],
        regimes[2]: targets["annual"][2024],
        regimes[3]: targets["june_2025"],
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

    h1 = _h1_mask(d, 2025).to_numpy()
    trend = optimize.brentq(lambda b: mu(b)[h1].sum() - targets["h1_2025"], -2.0, 2.0, xtol=1e-12)
    lv = levels(trend)
    steps = {
        f"{regimes[i]}->{regimes[i + 1]}": lv[regimes[i + 1]] - lv[regimes[i]]
        for i in range(len(regimes) - 1)
    }
    return {"levels": lv, "trend": trend, "steps": steps, "regimes": regimes}


def true_parameters(spec: DemoSpec | None = None) -> dict[str, Any]:
    """Everything the generator put in: the spec and the solved levels, trend and steps."""
    spec = spec or DemoSpec()
    cal = demo_calendar(spec)
    out = solve_parameters(cal, calibration_targets(), spec)
    out.update(asdict(spec))
    return out


def demo_calendar(spec: DemoSpec | None = None) -> pd.DataFrame:
    """The opening calendar the demo register is generated on (embedded regimes and closures)."""
    spec = spec or DemoSpec()
    return calendar.opening_calendar(spec.start, spec.end, calendar.read_regimes(), calendar.read_closures())


def _allocate(rng: np.random.Generator, lam: np.ndarray, total: int) -> np.ndarray:
    if total < 0:
        raise ValueError(f"negative block total {total}: the targets are inconsistent")
    return rng.multinomial(total, lam / lam.sum())


def generate_demo_register(spec: DemoSpec | None = None) -> pd.DataFrame:
    """The demo register (``date, visits``), reproducible from ``spec.seed``.

    Counts are drawn as gamma-Poisson (negative binomial) around the solved mean; within blocks
    whose totals seed 000 publishes, the Poisson step is replaced by a multinomial allocation of
    the published total (the Poisson counts conditioned on their sum), in this order: 2022, 2023,
    30 December 2024 (free, it belongs to ISO week 1 of 2025), the rest of 2024, week 24 of 2025,
    the rest of June 2025, the rest of weeks 1-26 of 2025, and the remaining days (free).
    """
    spec = spec or DemoSpec()
    targets = calibration_targets()
    cal = demo_calendar(spec)
    par = solve_parameters(cal, targets, spec)
    d = _design(cal, spec)
    mu = np.exp(d["regime"].map(par["levels"]).to_numpy() + par["trend"] * d["t"] + d["shape"])
    rng = np.random.default_rng(spec.seed)
    lam = mu * rng.gamma(spec.size, 1.0 / spec.size, size=len(mu))
    y = np.full(len(mu), -1, dtype=np.int64)
    date, year, month = d["date"], d["date"].dt.year, d["date"].dt.month
    h1 = _h1_mask(d, 2025)
    py, pw, pv = targets["peak_week"]
    week = (d["iso_year"] == py) & (d["iso_week"] == pw)
    june = (year == 2025) & (month == 6)

    def fill(mask: pd.Series, total: int | None) -> None:
        m = mask.to_numpy() & (y < 0)
        if total is None:
            y[m] = rng.poisson(lam[m])
        else:
            y[m] = _allocate(rng, lam[m], total)

    fill(year == 2022, targets["annual"][2022])
    fill(year == 2023, targets["annual"][2023])
    fill((year == 2024) & h1, None)
    fill(year == 2024, targets["annual"][2024] - int(y[((year == 2024) & h1).to_numpy()].sum()))
    fill(week, pv)
    fill(june, targets["june_2025"] - pv)
    in_h1_done = int(y[(h1 & (y >= 0)).to_numpy()].sum())
    fill(h1, targets["h1_2025"] - in_h1_done)
    fill(pd.Series(True, index=d.index), None)
    assert (y >= 0).all()
    return pd.DataFrame({"date": date.dt.strftime("%Y-%m-%d"), "visits": y})


def write_demo_register(path: Path | None = None, spec: DemoSpec | None = None) -> Path:
    """Write the demo register CSV atomically (``data/raw/huset_daily_register_demo.csv``)."""
    path = path or paths.raw(DEMO_FILE)
    writers.write_csv(generate_demo_register(spec), path)
    return path


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["demo"]:
        sys.exit("usage: python -m helpers.visits.register demo   (rewrite data/raw/" + DEMO_FILE + ")")
    print("wrote", write_demo_register())
