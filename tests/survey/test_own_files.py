"""An own survey's file: completeness, unique ids, label checks, and the opt-in .sav export."""

from __future__ import annotations

import stat

import pyreadstat
import pytest

from helpers.core.validation import DataValidationError
from helpers.survey import files
from tests.survey.own_fixture import FREE_TEXT, own_survey


@pytest.fixture(scope="module")
def cb():
    return files.read_codebook()


def _labels(cb):
    return {c: {float(k): v for k, v in cb.labels(c).items()} for c in cb.items.index if cb.labels(c)}


def test_reworded_value_label_warns_but_reads(cb, tmp_path):
    df = own_survey(cb).drop(columns=files.own_text_columns(cb))
    labels = _labels(cb)
    labels["q04_mat"] = {0.0: "Ikke krysset", 1.0: "Krysset av"}  # codebook: «Ikke krysset av»
    f = tmp_path / "s.sav"
    pyreadstat.write_sav(df, str(f), variable_value_labels=labels)
    with pytest.warns(UserWarning, match=r"q04_mat: 0=Ikke krysset"):
        back = files.read_survey(f, cb)
    assert len(back) == len(df)


def test_swapped_codes_fail(cb, tmp_path):
    df = own_survey(cb).drop(columns=files.own_text_columns(cb))
    labels = _labels(cb) | {"q34_kjonn": {1.0: "Mann", 2.0: "Kvinne"}}
    f = tmp_path / "s.sav"
    pyreadstat.write_sav(df, str(f), variable_value_labels=labels)
    with pytest.raises(DataValidationError, match=r"q34_kjonn: the coding differs.*1=Kvinne, 2=Mann"):
        files.read_survey(f, cb)


def test_labels_instead_of_codes_are_one_problem_per_column(cb, tmp_path):
    df = own_survey(cb)
    df["q34_kjonn"] = df["q34_kjonn"].map({1.0: "Kvinne", 2.0: "Mann"})
    f = tmp_path / "s.xlsx"
    df.to_excel(f, index=False)
    with pytest.raises(DataValidationError) as err:
        files.read_survey(f, cb)
    assert len(err.value.problems) == 1
    assert "q34_kjonn holds labels ('" in str(err.value) and "expected codes 1=Kvinne, 2=Mann" in str(
        err.value
    )


def test_missing_variable_and_repeated_id_name_file_row_column(cb, tmp_path):
    df = own_survey(cb)
    f = tmp_path / "s.csv"
    df.drop(columns="q42_bolig").to_csv(f, index=False)
    with pytest.raises(DataValidationError, match=r"s\.csv.*\n.*q42_bolig"):
        files.read_survey(f, cb, require_all=True)
    df.loc[7, "resp_id"] = df.loc[2, "resp_id"]
    df.to_csv(f, index=False)
    with pytest.raises(DataValidationError, match=r"line 9 \(data row 8\), column 'resp_id'.*repeats"):
        files.read_survey(f, cb, require_all=True)


def test_export_is_coded_only_owner_only_and_byte_identical(cb, tmp_path):
    df = own_survey(cb)
    a, b = tmp_path / "a.sav", tmp_path / "b.sav"
    files.write_sav(df, a, cb)
    files.write_sav(df, b, cb)
    assert a.read_bytes() == b.read_bytes()
    assert stat.S_IMODE(a.stat().st_mode) == 0o600
    assert FREE_TEXT.encode() not in a.read_bytes()
    back, _ = pyreadstat.read_sav(str(a))
    assert not set(files.own_text_columns(cb)) & set(back.columns)
    files.write_sav(df, b, cb, include_text=True)
    assert FREE_TEXT in pyreadstat.read_sav(str(b))[0]["q30_annet_tekst"].tolist()
