"""Survey files in CSV, Excel and SPSS .sav, and a student's .sav run through notebook 03."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import numpy as np
import pandas as pd
import pyreadstat
import pytest
import yaml

from helpers.core import catalogue, paths
from helpers.core.validation import DataValidationError
from helpers.survey import demo_resource, files
from tests.survey.own_fixture import own_survey


@pytest.fixture(scope="module")
def cb():
    return files.read_codebook()


def student_frame(n: int = 40, seed: int = 7) -> pd.DataFrame:
    """A small made-up 'student survey' with a subset of the codebook's variables."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "resp_id": np.arange(1, n + 1),
            "q34_kjonn": rng.choice([1.0, 2.0, np.nan], n),
            "q33_alder": rng.integers(18, 70, n).astype(float),
            "q42_bolig": rng.choice([1.0, 2, 3, 4, 5, 6, 7], n),
            "q09_hjelp_far": rng.choice([1.0, 2, 3, 4, 5, 6, np.nan], n),
            "q11_bedre_helse": rng.choice([1.0, 2, 3, 4, 5], n),
        }
    )


def test_sav_round_trip_keeps_codes_and_value_labels(cb, tmp_path):
    demo = catalogue.read_resource(demo_resource.DEMO_RESOURCE)
    f = tmp_path / "demo.sav"
    files.write_sav(demo, f, cb)
    _, meta = pyreadstat.read_sav(str(f), metadataonly=True)
    assert meta.variable_value_labels["q42_bolig"][4.0] == "Botreningssenter"
    assert meta.column_names_to_labels["q24_respekt_politi"].startswith("24.")
    back = files.read_survey(f, cb)
    num = [c for c in demo.columns if c == "resp_id" or cb.items.loc[c, "item_type"] != "text"]
    pd.testing.assert_frame_equal(back[num].astype(float), demo[num].astype(float), check_dtype=False)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_csv_and_excel_give_the_same_frame(cb, tmp_path, suffix):
    df = student_frame()
    f = tmp_path / f"s{suffix}"
    df.to_csv(f, index=False) if suffix == ".csv" else df.to_excel(f, index=False)
    back = files.read_survey(f, cb)
    pd.testing.assert_frame_equal(back.astype(float), df.astype(float), check_dtype=False)


def test_sav_with_other_value_labels_is_rejected(cb, tmp_path):
    f = tmp_path / "other.sav"
    pyreadstat.write_sav(
        student_frame(), str(f), variable_value_labels={"q34_kjonn": {1.0: "Mann", 2.0: "Kvinne"}}
    )  # the codebook has 1 = Kvinne
    with pytest.raises(DataValidationError, match=r"q34_kjonn.*differs from the codebook"):
        files.read_survey(f, cb)


def test_bad_code_in_sav_names_row_and_column(cb, tmp_path):
    df = student_frame()
    df.loc[4, "q42_bolig"] = 9
    f = tmp_path / "bad.sav"
    pyreadstat.write_sav(df, str(f))
    with pytest.raises(DataValidationError, match=r"data row 5\), column 'q42_bolig'"):
        files.read_survey(f, cb)


def test_failed_export_leaves_no_file(cb, tmp_path):
    bad = pd.DataFrame({"resp_id": [1], "q34_kjonn": ["not a number"]})
    with pytest.raises(ValueError):
        files.write_sav(bad, tmp_path / "x.sav", cb)
    assert list(tmp_path.iterdir()) == []


def test_student_sav_runs_through_notebook_03_by_params_only(cb, tmp_path):
    """A student's .sav with value labels, a parameter, and no code change.

    Changed on purpose (issue 11): an own survey must hold every codebook variable, and its tables
    are the labelled own-survey tables (not the L&M comparison layout headed «Tabell 4.8»).
    """
    f = tmp_path / "student.sav"
    files.write_sav(own_survey(cb), f, cb)
    params = tmp_path / "p.yml"
    params.write_text(yaml.safe_dump({"survey_file": str(f), "suppress_below": 5, "export_sav": False}))
    out = tmp_path / "03.ipynb"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.build.nbexec",
            str(paths.NOTEBOOKS / "03_survey_tabulation.ipynb"),
            str(params),
            str(out),
            "--kernel",
            "huset-bergen",
        ],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    text = "\n".join(
        o.get("data", {}).get("text/markdown", "")
        for c in nbformat.read(out, 4).cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert "Table: Spørsmål 34: Kjønn" in text and "Egen eller leid leilighet/hus" in text
    assert "«:» = skjult" in text


def test_subset_file_is_refused_naming_the_missing_variables(cb, tmp_path):
    f = tmp_path / "subset.sav"
    files.write_sav(student_frame(), f, cb)
    with pytest.raises(DataValidationError, match=r"codebook variable\(s\) missing: q01_vagsbunnen"):
        files.read_survey(f, cb, require_all=True)
