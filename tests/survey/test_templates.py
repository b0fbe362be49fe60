"""The empty templates: every codebook variable, labels and value labels, and they read back."""

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
