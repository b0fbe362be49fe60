"""Totals and rates per open day: closed and unregistered days are missing exposure, never zero."""

from __future__ import annotations

import math

import pandas as pd

from helpers.visits import calendar, series


def test_closed_and_unregistered_days_are_missing_not_zero(cal):
    reg = pd.DataFrame(
        {
            "site": "Huset",
            "date": pd.to_datetime(["2025-09-01", "2025-09-02", "2025-09-04"]),
            "visits": [10, 20, 30],
        }
    )
    d = series.daily_frame(reg, cal).set_index("date")
    assert math.isnan(d.loc["2025-09-03", "visits"])  # open Wednesday without a row: a gap
    # a closed day inside the register's span (Friday 5 September, never scheduled) is missing too;
    # the register above ends on Thursday, so one more row on the Monday after spans that Friday
    later = pd.DataFrame({"site": "Huset", "date": [pd.Timestamp("2025-09-08")], "visits": [5]})
    d2 = series.daily_frame(pd.concat([reg, later], ignore_index=True), cal).set_index("date")
    assert not d2.loc["2025-09-05", "open"] and not d2.loc["2025-09-05", "observed"]
    assert math.isnan(d2.loc["2025-09-05", "visits"])
    wk = series.period_totals(d.reset_index(), "week")
    row = wk.iloc[0]
    assert row["visits"] == 60 and row["observed_days"] == 3 and row["gap_days"] == 1
    assert row["per_open_day"] == 20  # 60 / 3 observed days, not / 4 open days
    assert row["partial"]  # the register covers Monday-Thursday of the week only


def test_iso_week_53_and_partial_periods_flagged():
    regimes = pd.DataFrame(
        {
            "regime": ["alle"],
            "start": [pd.Timestamp("2026-01-01")],
            "weekdays": [(0, 1, 2, 3, 4, 5, 6)],
            "days_per_week": [7],
            "basis": ["test"],
        }
    )
    closures = pd.DataFrame({"month": [], "day": [], "name_nb": [], "rationale": []})
    c = calendar.opening_calendar("2026-12-20", "2027-01-20", regimes, closures)
    reg = pd.DataFrame({"site": "X", "date": c.loc[c["open"], "date"], "visits": 1})
    d = series.daily_frame(reg, c)
    wk = series.period_totals(d, "week")
    w53 = wk[wk["iso_week"] == 53]
    assert len(w53) == 1 and w53["week53"].all() and w53["iso_year"].iloc[0] == 2026
    assert wk["partial"].iloc[0] and wk["partial"].iloc[-1] and not wk["partial"].iloc[1:-1].any()
    mo = series.period_totals(d, "month")
    assert mo["partial"].tolist() == [True, True]
    assert not mo["week53"].any()


def test_weekly_totals_sum_to_the_register(daily):
    wk = series.period_totals(daily, "week")
    mo = series.period_totals(daily, "month")
    assert wk["visits"].sum() == mo["visits"].sum() == daily["visits"].sum()


def test_several_sites_are_summed(cal):
    days = cal[cal["open"] & (cal["date"] >= "2024-01-01") & (cal["date"] < "2024-03-01")]["date"]
    reg = pd.concat(
        [pd.DataFrame({"site": s, "date": days, "visits": v}) for s, v in (("A", 10), ("B", 30))],
        ignore_index=True,
    )
    d = series.daily_frame(reg, cal)
    wk = series.period_totals(d, "week")
    full = wk[~wk["partial"]]
    assert len(full) > 0
    assert (full["per_open_day"] == 20).all()  # (10 + 30) * n / (2 * n) observed site-days
    assert (full["days_in_span"] == 7).all()
