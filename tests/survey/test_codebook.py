"""The questionnaire codebook: transcription against the seed, structure, and data validation."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.core import catalogue, paths
from helpers.core.validation import DataValidationError
from helpers.survey import codebook, files

SEED = paths.ROOT.parent / "shared" / "seeds" / "003_27a9ed8394f5b75e.txt"


@pytest.fixture(scope="module")
def cb():
    return files.read_codebook()


def _norm(s: str) -> str:
    s = s.replace("\u00a0", " ").replace("\u2010", "-")
    return re.sub(r"\s+", " ", s).strip()


def label_is_printed(label: str, spec: str, lines: list[str]) -> bool:
    """The label occurs in the cited line range (line breaks and hyphenation joined)."""
    a, _, b = spec.partition("-")
    text = _norm(" ".join(lines[n - 1] for n in range(int(a), int(b or a) + 1)))
    variants = {text, text.replace("- ", "-"), text.replace("- ", ""), text.replace("/ ", "/")}
    target = _norm(label)
    return any(target in v for v in variants)


def _seed_lines():
    if not SEED.is_file():
        pytest.skip("seed text not available (shared/ lies beside the repository)")
    return SEED.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    "resource,column", [("lm2016_codebook_items", "item_label"), ("lm2016_codebook_values", "label")]
)
def test_every_label_is_printed_on_its_source_line(resource, column):
    """Golden test of the codebook transcription (its numbers are labels, not values)."""
    lines = _seed_lines()
    df = catalogue.read_resource(resource)
    fixed = {"Annet (stoff)"}  # a label we had to name: the seed prints only 'Annet:____'
    missing = [
        f"{r[column]!r} not on {r['source_line']}"
        for _, r in df.iterrows()
        if r[column] not in fixed and not label_is_printed(r[column], r["source_line"], lines)
    ]
    assert not missing, "; ".join(missing[:10])


def test_label_check_can_fail():
    lines = _seed_lines()
    assert label_is_printed("Botreningssenter", "10984-10986", lines)
    assert not label_is_printed("Botreningssenter", "10988", lines)
    assert not label_is_printed("I stor grad", "10803-10811", lines)


def test_all_48_questions_in_order(cb):
    qs = cb.items["question"].astype(int)
    assert sorted(qs.unique()) == list(range(1, 49))
    assert cb.items["row_order"].is_monotonic_increasing


def test_grids_and_multiple_response_are_separate_items(cb):
    assert len(cb.question_items(11, "likert5")) == 9  # nine statements, lines 10683-10700
    assert len(cb.question_items(15, "multiple_response")) == 7
    assert cb.labels("q15_slag") == {0: "Ikke krysset av", 1: "Krysset av"}
    assert list(cb.labels("q24_respekt_politi").values()) == [
        "I svært liten grad",
        "I liten grad",
        "Verken eller",
        "I noen grad",
        "I svært stor grad",
    ]


def test_every_coded_item_has_value_labels(cb):
    for iid, it in cb.items.iterrows():
        if it["item_type"] in codebook.CODED_TYPES:
            assert cb.labels(iid), iid


def test_bad_codebook_is_rejected(cb):
    items = cb.items.reset_index(drop=True).copy()
    items.loc[0, "item_type"] = "slider"
    with pytest.raises(ValueError, match="unknown item_type 'slider'"):
        codebook.from_frames(items, cb.values)


def _frame(**cols):
    return pd.DataFrame({"resp_id": [1, 2, 3], **cols})


def test_valid_data_pass_and_become_numbers(cb):
    out = codebook.validate(_frame(q34_kjonn=["1", "", "2"], q33_alder=["40", "51", ""]), cb)
    assert out["q34_kjonn"].tolist()[::2] == [1, 2] and pd.isna(out["q34_kjonn"][1])


@pytest.mark.parametrize(
    "cols,column,row,words",
    [
        ({"q34_kjonn": ["1", "3", "2"]}, "q34_kjonn", 2, "unknown code"),
        ({"q33_alder": ["40", "x", "30"]}, "q33_alder", 2, "not a number"),
        ({"q33_alder": ["40", "30", "140"]}, "q33_alder", 3, "outside"),
        ({"q15_slag": ["1", "0", "2"]}, "q15_slag", 3, "unknown code"),
        ({"q24_respekt_politi": ["1.5", "2", "3"]}, "q24_respekt_politi", 1, "whole number"),
    ],
)
def test_bad_data_name_row_and_column(cb, cols, column, row, words):
    with pytest.raises(DataValidationError) as err:
        codebook.validate(_frame(**cols), cb, file="my_survey.csv")
    msg = str(err.value)
    assert "my_survey.csv" in msg and f"column '{column}'" in msg
    assert f"data row {row})" in msg and words in msg


def test_unknown_column_is_an_error(cb):
    with pytest.raises(DataValidationError, match="not an item of the codebook"):
        codebook.validate(_frame(q99_x=["1", "2", "3"]), cb)
