"""Seed 000's published register figures, as typed values with the seed line each comes from.

:func:`targets_from_tables` builds :class:`CalibrationTargets` from the three transcriptions of
Bulukin (2025) in ``data/raw`` (Tabell 2 key figures, the Huset-only 2024 total, and the prose
figures of Del 3.1); :func:`helpers.visits.inputs.read_calibration_targets` reads those tables.
The demo register is calibrated to these figures, and notebook 02 sets them next to the same
figures recomputed from a register. Which prose row is which figure (measure and seed line) is
itself data: the ``published_figures`` of the demo register's entry in ``data/raw/datapackage.json``
(:func:`helpers.visits.inputs.published_figure_rows`). No value is typed here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, cast

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
    month_low_prev: Printed
    month_high_prev: Printed
    month_low_h1: Printed
    month_high_h1: Printed
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
    def monthly_range(self) -> dict[int, tuple[Printed, Printed]]:
        """The printed typical monthly range by year: ``{year: (low, high)}``."""
        pairs = ((self.month_low_prev, self.month_high_prev), (self.month_low_h1, self.month_high_h1))
        return {int(lo.year or 0): (lo, hi) for lo, hi in pairs}

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


def targets_from_tables(
    key: pd.DataFrame, text: pd.DataFrame, prose: pd.DataFrame, rows: pd.DataFrame
) -> CalibrationTargets:
    """Build the calibration targets from seed 000's transcribed tables.

    Parameters
    ----------
    key : pandas.DataFrame
        ``huset_key_figures`` (Tabell 2): ``measure, year, value, source_line``.
    text : pandas.DataFrame
        ``huset_text_figures``: the Huset-only 2024 total (line 1269).
    prose : pandas.DataFrame
        ``huset_cost_text_figures``: the prose figures of Del 3.1 (lines 1077-1199).
    rows : pandas.DataFrame
        ``target, measure, source_line``, naming the prose row of each printed figure
        (:func:`helpers.visits.inputs.published_figure_rows`).

    Returns
    -------
    CalibrationTargets
        The published figures with their seed lines.

    Raises
    ------
    KeyError
        When a named row is missing from the prose table or occurs twice.
    """
    huset_only = _printed(text, "huset_text_figures", "visitors_huset_only")
    if huset_only.year is None:
        raise KeyError("huset_text_figures: visitors_huset_only has no year")
    tabell2 = _by_year(key, "visitors")
    annual = {y: v for y, v in tabell2.items() if y < huset_only.year}
    annual[huset_only.year] = int(huset_only.value)
    names = {f.name for f in fields(CalibrationTargets) if f.type in ("Printed", Printed)} - {"huset_only"}
    printed: dict[str, Printed] = {}
    for i, r in enumerate(rows.itertuples(index=False)):
        if str(r.target) not in names:
            raise KeyError(f"published_figures: row {i + 1}, column 'target': unknown {r.target!r}")
        printed[str(r.target)] = _printed(
            prose, "huset_cost_text_figures", str(r.measure), str(r.source_line)
        )
    if set(printed) != names:
        raise KeyError(f"published_figures: no row for {sorted(names - set(printed))}")
    return CalibrationTargets(
        annual=dict(sorted(annual.items())),
        annual_tabell2=tabell2,
        tabell2_line=str(key.loc[key["measure"] == "visitors", "source_line"].iloc[0]),
        opening_days=_by_year(key, "opening_days_per_week"),
        mean_per_day_tabell2=_by_year(key, "mean_visitors_per_day"),
        huset_only=huset_only,
        peak_week=PEAK_WEEK,
        **cast(dict[str, Any], printed),
    )
