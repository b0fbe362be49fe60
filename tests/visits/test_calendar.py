"""The opening calendar: holidays, closures, regimes."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import catalogue, validation
from helpers.visits import calendar, inputs


@pytest.fixture(scope="module")
def cal():
    return calendar.opening_calendar(
        "2022-01-01", "2025-12-31", inputs.read_regimes(), inputs.read_closures()
    )


def test_norwegian_holidays_known_dates():
    h = calendar.norwegian_holidays("2025-01-01", "2025-12-31")
    for day in (
        "2025-01-01",
        "2025-04-17",
        "2025-04-18",
        "2025-04-21",
        "2025-05-01",
        "2025-05-17",
        "2025-05-29",
        "2025-06-09",
        "2025-12-25",
        "2025-12-26",
    ):
        assert pd.Timestamp(day) in h.index, day
    assert h[pd.Timestamp("2025-05-17")] == "Grunnlovsdag"


def test_ordinary_sundays_are_not_holidays():
    """holidays.Norway counts every Sunday by default; the calendar must not."""
    h = calendar.norwegian_holidays("2025-01-01", "2025-12-31")
    assert pd.Timestamp("2025-03-02") not in h.index  # an ordinary Sunday
    assert len(h) == 12


def test_closed_days_are_not_open(cal):
    c = cal.set_index("date")
    assert not c.loc["2024-12-24", "open"]  # Julaften: closure list (Tuesday, scheduled)
    assert c.loc["2024-12-24", "scheduled"] and c.loc["2024-12-24", "closure"] == "Julaften"
    assert not c.loc["2025-06-09", "open"]  # Andre pinsedag, a Monday
    assert c.loc["2025-06-10", "adjacent"]  # Tuesday after it
    assert not c.loc["2025-06-06", "open"]  # a Friday: never scheduled


def test_open_days_per_ordinary_week_equal_days_per_week(cal):
    for start, n in (("2022-03-07", 2), ("2023-03-06", 3), ("2024-03-04", 4), ("2025-09-01", 5)):
        week = cal[(cal["date"] >= start) & (cal["date"] < pd.Timestamp(start) + pd.Timedelta(7, "D"))]
        assert week["open"].sum() == n and set(week["days_per_week"]) == {n}


def test_regimes_match_the_published_opening_days_per_year():
    """Days per week in force at the end of each year = seed 000 Tabell 2 (line 1614)."""
    key = catalogue.read_resource("huset_key_figures")
    pub = key[key["measure"] == "opening_days_per_week"].set_index("year")["value"]
    reg = inputs.read_regimes()
    assert len(pub) > 1
    for year, days in pub.items():
        in_force = reg[reg["start"] <= pd.Timestamp(f"{year}-12-31")].iloc[-1]
        assert in_force["days_per_week"] == days, year


def test_fifth_day_starts_in_iso_week_23():
    """The documented choice between week 23 (seed line 1180) and week 24 (line 1093)."""
    reg = inputs.read_regimes()
    five = reg[reg["days_per_week"] == 5].iloc[0]
    assert tuple(five["start"].isocalendar())[:2] == (2025, 23)
    assert five["start"].day_of_week == 0 and 2 in five["weekdays"]


def test_bad_weekday_is_reported_with_row_and_column(tmp_path):
    src = catalogue.resources()[inputs.REGIMES_RESOURCE].path.read_text(encoding="utf-8")
    bad = tmp_path / "regimes.csv"
    bad.write_text(src.replace("man tor søn", "man tor sun", 1), encoding="utf-8")
    with pytest.raises(validation.DataValidationError) as err:
        inputs.read_regimes(bad)
    assert "line 3" in str(err.value) and "column 'weekdays'" in str(err.value)
    assert str(bad) in str(err.value)


def test_days_per_week_must_match_weekdays(tmp_path):
    src = catalogue.resources()[inputs.REGIMES_RESOURCE].path.read_text(encoding="utf-8")
    bad = tmp_path / "regimes.csv"
    bad.write_text(src.replace("man tor,2,", "man tor,3,", 1), encoding="utf-8")
    with pytest.raises(validation.DataValidationError, match="column 'days_per_week'"):
        inputs.read_regimes(bad)


def test_calendar_before_first_regime_is_an_error():
    with pytest.raises(ValueError, match="before the first opening regime"):
        calendar.opening_calendar("2021-06-01", "2022-02-01", inputs.read_regimes(), inputs.read_closures())


def test_regimes_out_of_date_order_are_an_error():
    df = pd.DataFrame(
        {
            "regime": ["b", "a"],
            "start_date": ["2023-01-01", "2022-01-01"],
            "weekdays": ["man", "tir"],
            "days_per_week": [1, 1],
            "basis": ["x", "x"],
        }
    )
    with pytest.raises(validation.DataValidationError, match="sorted by start date"):
        calendar.parse_regimes(df, "regimes.csv")


def test_parse_weekdays():
    assert calendar.parse_weekdays("søn man tor") == (0, 3, 6)
    with pytest.raises(ValueError):
        calendar.parse_weekdays("man man")


def test_opening_days_by_year(cal):
    by_year = calendar.opening_days_by_period(cal, "YS").set_index(cal["date"].dt.year.unique())
    # 2024: Mon, Tue, Thu, Sun scheduled = 210 days (leap year); 10 closed by holidays/closures
    assert by_year.loc[2024, "scheduled_days"] == 210
    assert (by_year["open_days"] + by_year["closed_scheduled_days"] == by_year["scheduled_days"]).all()
    assert by_year.loc[2024, "closed_scheduled_days"] == int(
        (cal["scheduled"] & ~cal["open"] & (cal["date"].dt.year == 2024)).sum()
    )
