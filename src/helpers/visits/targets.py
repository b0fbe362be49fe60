"""Seed 000's published register figures, as typed values with the seed line each comes from.

:func:`targets_from_tables` builds :class:`CalibrationTargets` from the three transcriptions of
Bulukin (2025) in ``data/raw`` (Tabell 2 key figures, the Huset-only 2024 total, and the prose
figures of Del 3.1); :func:`helpers.visits.inputs.read_calibration_targets` reads those tables.
The demo register is calibrated to these figures, and notebook 02 sets them next to the same
figures recomputed from a register. Rows are picked by measure and seed line; no value is typed here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# the measure visits_week24 of the prose transcription is the total of ISO week 24 (line 1099)
PEAK_WEEK = 24


@dataclass(frozen=True)
class Printed:
    """One figure as printed in the seed: its value, the year it refers to and its seed line."""

    value: float
    line: str
    year: int | None = None

    @property
    def lines_nb(self) -> str:
        """The seed line or range for a Norwegian text (``1079–1081``)."""
        return self.line.replace("-", "–")


@dataclass(frozen=True)
class CalibrationTargets:
    """Seed 000's register figures (Bulukin 2025, Del 3.1 and Tabell 2).

    ``annual`` holds the totals the demo register reproduces (Tabell 2 for the years before 2024,
    line 1618; for 2024 the Huset-only total of line 1269, because the register is Huset without
    Natthuset, line 1053); ``annual_tabell2`` Tabell 2 as printed. H1 is ISO weeks 1-26 of 2025.
    The forecast fields are the published 2025 forecast (lines 1166-1199).
    """

    annual: dict[int, int]
    annual_tabell2: dict[int, int]
    tabell2_line: str
    opening_days: dict[int, int]
    mean_per_day_tabell2: dict[int, int]
    huset_only: Printed
    h1_2025: Printed
    h1_weekly_mean: Printed
    h1_daily_mean: Printed
    june_2025: Printed
    peak_week: int
    peak_week_visits: Printed
    peak_day_low: Printed
    peak_day_high: Printed
    capacity: Printed
    peak_week_per_day: Printed
    utilisation_avg: Printed
    utilisation_peak: Printed
    monthly_range: dict[int, tuple[Printed, Printed]]
    uplift_basis_pct: Printed
    uplift_high_pct: Printed
    h2_basis: Printed
    h2_high: Printed
    weekly_h2_basis: Printed
    weekly_h2_high: Printed
    year_basis: Printed
    year_high: Printed
    h2_high_in_sum: Printed

    @property
    def peak_week_divisor(self) -> int:
        """The days the seed divides the peak week's total by to get its printed mean per day."""
        return round(self.peak_week_visits.value / self.peak_week_per_day.value)


def _by_year(key: pd.DataFrame, measure: str) -> dict[int, int]:
    rows = key[key["measure"] == measure]
    return {int(y): int(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def _printed(table: pd.DataFrame, name: str, measure: str, line: int | str | None = None) -> Printed:
    rows = table[table["measure"] == measure]
    if line is not None:
        rows = rows[rows["source_line"].astype(str) == str(line)]
    if len(rows) != 1:
        raise KeyError(f"{name}: expected one row {measure!r} line {line}")
    r = rows.iloc[0]
    year = None if pd.isna(r["year"]) else int(r["year"])
    return Printed(value=float(r["value"]), line=str(r["source_line"]), year=year)


def targets_from_tables(key: pd.DataFrame, text: pd.DataFrame, prose: pd.DataFrame) -> CalibrationTargets:
    """Build the calibration targets from seed 000's transcribed tables.

    Parameters
    ----------
    key : pandas.DataFrame
        ``huset_key_figures`` (Tabell 2): ``measure, year, value, source_line``.
    text : pandas.DataFrame
        ``huset_text_figures``: the Huset-only 2024 total (line 1269).
    prose : pandas.DataFrame
        ``huset_cost_text_figures``: the prose figures of Del 3.1 (lines 1077-1199).

    Returns
    -------
    CalibrationTargets
        The published figures with their seed lines.
    """

    def pr(measure: str, line: int | str) -> Printed:
        return _printed(prose, "huset_cost_text_figures", measure, line)

    huset_only = _printed(text, "huset_text_figures", "visitors_huset_only")
    assert huset_only.year is not None
    tabell2 = _by_year(key, "visitors")
    annual = {y: v for y, v in tabell2.items() if y < huset_only.year}
    annual[huset_only.year] = int(huset_only.value)
    lows = [pr("visits_per_month_typical_low", 1079), pr("visits_per_month_typical_low", "1081-1083")]
    highs = [pr("visits_per_month_typical_high", "1079-1081"), pr("visits_per_month_typical_high", 1083)]
    return CalibrationTargets(
        annual=dict(sorted(annual.items())),
        annual_tabell2=tabell2,
        tabell2_line=str(key.loc[key["measure"] == "visitors", "source_line"].iloc[0]),
        opening_days=_by_year(key, "opening_days_per_week"),
        mean_per_day_tabell2=_by_year(key, "mean_visitors_per_day"),
        huset_only=huset_only,
        h1_2025=pr("visits_total_h1", 1170),
        h1_weekly_mean=pr("visits_per_week_avg_h1", 1168),
        h1_daily_mean=pr("visits_per_day_avg_h1", 1174),
        june_2025=pr("visits_month_max_jun", 1077),
        peak_week=PEAK_WEEK,
        peak_week_visits=pr("visits_week24", 1099),
        peak_day_low=pr("users_per_day_peak_low", 1097),
        peak_day_high=pr("users_per_day_peak_high", 1097),
        capacity=pr("theoretical_capacity_per_day", 1103),
        peak_week_per_day=pr("visits_per_day_avg_week24", 1101),
        utilisation_avg=pr("capacity_utilisation_avg", 1113),
        utilisation_peak=pr("capacity_utilisation_peak_day", 1111),
        monthly_range={int(lo.year or 0): (lo, hi) for lo, hi in zip(lows, highs, strict=True)},
        uplift_basis_pct=pr("maturation_effect_basis", 1190),
        uplift_high_pct=pr("maturation_effect_high_case", 1192),
        h2_basis=pr("visits_total_h2_basis", 1190),
        h2_high=pr("visits_total_h2_high", 1192),
        weekly_h2_basis=pr("visits_per_week_h2_basis", 1190),
        weekly_h2_high=pr("visits_per_week_h2_high", 1192),
        year_basis=pr("visits_total_year_basis", 1197),
        year_high=pr("visits_total_year_high", 1199),
        h2_high_in_sum=pr("visits_total_h2_high", 1199),
    )
