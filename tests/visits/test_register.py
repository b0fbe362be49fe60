"""The daily register: reading and validation, and the comparison with the opening calendar."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import validation
from helpers.visits import inputs, register


def _csv(tmp_path, text, name="reg.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_reads_a_valid_csv(tmp_path):
    df = inputs.read_register(_csv(tmp_path, "date,visits\n2025-01-06,12\n02.01.2025,3\n"))
    assert list(df.columns) == ["site", "date", "visits"]
    assert df["date"].tolist() == [pd.Timestamp("2025-01-02"), pd.Timestamp("2025-01-06")]
    assert df["visits"].tolist() == [3, 12] and set(df["site"]) == {"Huset"}


@pytest.mark.parametrize(
    "row, column, words",
    [
        ("2025-13-01,4", "date", "not a date"),
        (",4", "date", "required"),
        ("2025-01-07,-1", "visits", "negative"),
        ("2025-01-07,2.5", "visits", "whole number"),
        ("2025-01-07,mange", "visits", "not a number"),
        ("2025-01-07,", "visits", "required"),
        ("2025-01-06,4", "date", "duplicate date"),
    ],
)
def test_bad_cells_name_file_line_and_column(tmp_path, row, column, words):
    p = _csv(tmp_path, f"date,visits\n2025-01-06,12\n{row}\n")
    with pytest.raises(validation.DataValidationError) as err:
        inputs.read_register(p)
    msg = str(err.value)
    assert str(p) in msg and "line 3" in msg and f"column '{column}'" in msg and words in msg


def test_all_problems_are_reported_together(tmp_path):
    p = _csv(tmp_path, "date,visits\nx,1\n2025-01-02,-3\n")
    with pytest.raises(validation.DataValidationError) as err:
        inputs.read_register(p)
    assert len(err.value.problems) == 2


def test_missing_column(tmp_path):
    with pytest.raises(validation.DataValidationError, match="missing column"):
        inputs.read_register(_csv(tmp_path, "dato,besok\n2025-01-06,12\n"))


def test_unsupported_format(tmp_path):
    with pytest.raises(validation.DataValidationError, match="unsupported register format"):
        inputs.read_register(_csv(tmp_path, "x", name="reg.json"))


def test_excel_round_trip_and_error_row(tmp_path):
    p = tmp_path / "reg.xlsx"
    pd.DataFrame(
        {"date": pd.to_datetime(["2025-01-06", "2025-01-07"]), "visits": [5, 7], "site": ["A", "A"]}
    ).to_excel(p, index=False)
    df = inputs.read_register(p)
    assert df["visits"].tolist() == [5, 7] and set(df["site"]) == {"A"}
    pd.DataFrame({"date": ["2025-01-06", "2025-01-07"], "visits": [5, -7]}).to_excel(p, index=False)
    with pytest.raises(validation.DataValidationError, match=r"Excel row 3"):
        inputs.read_register(p)


def test_spss_round_trip(tmp_path):
    import pyreadstat

    p = tmp_path / "reg.sav"
    df = pd.DataFrame({"date": pd.to_datetime(["2025-01-06", "2025-01-09"]), "visits": [5.0, 9.0]})
    pyreadstat.write_sav(df, str(p))
    out = inputs.read_register(p)
    assert out["visits"].tolist() == [5, 9]
    assert out["date"].tolist() == [pd.Timestamp("2025-01-06"), pd.Timestamp("2025-01-09")]
    pyreadstat.write_sav(df.assign(visits=[5.0, 1.5]), str(p))
    with pytest.raises(validation.DataValidationError, match=r"SPSS case 2"):
        inputs.read_register(p)


def test_gaps_and_rows_on_closed_days_are_reported(cal):
    reg = pd.DataFrame(
        {
            "site": "Huset",
            "date": pd.to_datetime(["2025-06-02", "2025-06-03", "2025-06-09", "2025-06-11"]),
            "visits": [1, 2, 3, 4],
        }
    )
    out = register.check_against_calendar(reg, cal)
    assert out.gaps["date"].tolist() == [
        pd.Timestamp("2025-06-04"),
        pd.Timestamp("2025-06-05"),
        pd.Timestamp("2025-06-10"),
    ]
    assert out.on_closed_days["date"].tolist() == [pd.Timestamp("2025-06-09")]
    assert out.on_closed_days["holiday"].iloc[0] == "Andre pinsedag"


def test_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="register file does not exist"):
        inputs.read_register(tmp_path / "nope.csv")


def test_empty_register(tmp_path):
    with pytest.raises(validation.DataValidationError, match="no rows"):
        inputs.read_register(_csv(tmp_path, "date,visits\n"))


def test_validate_register_names_the_source_and_sorts():
    raw = pd.DataFrame({"Date": ["2025-01-07", "2025-01-06"], "VISITS": ["3", "1 200"], "site": ["A", "A"]})
    out = register.validate_register(raw, "egen.csv")
    assert out["visits"].tolist() == [1200, 3] and out["date"].is_monotonic_increasing
    with pytest.raises(validation.DataValidationError, match=r"egen\.csv"):
        register.validate_register(raw.assign(site=["A", " "]), "egen.csv")
