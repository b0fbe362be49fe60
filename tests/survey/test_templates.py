"""The empty templates: every codebook variable, labels and value labels, and they read back."""

import time
import zipfile
from datetime import date

import pandas as pd
import pyreadstat

from helpers.survey import files, templates


def test_templates_from_one_command(tmp_path):
    assert templates.main([str(tmp_path)]) == 0
    cb = files.read_codebook()
    data, meta = pyreadstat.read_sav(str(tmp_path / "survey_template.sav"))
    assert list(data.columns) == ["resp_id", *cb.items.index]
    assert meta.variable_value_labels["q42_bolig"][4.0] == "Botreningssenter"
    assert meta.variable_value_labels["q04_mat"] == {0.0: "Ikke krysset av", 1.0: "Krysset av"}
    assert meta.column_names_to_labels["q34_kjonn"] == "34. Kjønn?"
    sheets = pd.read_excel(tmp_path / "survey_template.xlsx", sheet_name=None)
    assert list(sheets["svar"].columns) == ["resp_id", *cb.items.index]
    book = sheets["kodebok"].set_index("variabel")
    assert book.loc["q34_kjonn", "koder"] == "1=Kvinne; 2=Mann"
    for name in ("survey_template.sav", "survey_template.xlsx"):
        assert len(files.read_survey(tmp_path / name, cb, require_all=True)) == 0


def test_xlsx_template_is_byte_identical_across_writes(tmp_path):
    cb = files.read_codebook()
    a, b = tmp_path / "a", tmp_path / "b"
    files.write_templates(a, cb)
    time.sleep(2.1)  # the zip format stores seconds in steps of two: a clock date would now differ
    files.write_templates(b, cb)
    for name in ("survey_template.xlsx", "survey_template.sav"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    with zipfile.ZipFile(a / "survey_template.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core and str(date.today().year) not in core
