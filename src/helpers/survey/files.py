"""Read and write survey respondent files: CSV, Excel and SPSS ``.sav`` (with value labels).

Every reader returns the same tidy frame: one row per respondent, ``resp_id`` first, one column per
codebook item holding numeric codes (empty = «Ikke svart»), validated against the codebook with
:func:`helpers.survey.codebook.validate`, so a bad code is reported with its row and column whatever the
file format. ``.sav`` files may carry value labels instead of codes in nothing but their metadata;
we read the codes (``apply_value_formats=False``) and check that the labels the file declares agree
with the codebook, so a student's SPSS file with a different coding is caught, not misread.
User-defined missing values in a ``.sav`` become empty cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat

from helpers.core import catalogue
from helpers.core.userfiles import read_user_table
from helpers.core.validation import DataValidationError
from helpers.survey import codebook as cbk

ID = "resp_id"
CODEBOOK_ITEMS = "lm2016_codebook_items"
CODEBOOK_VALUES = "lm2016_codebook_values"


def read_codebook(items: str = CODEBOOK_ITEMS, values: str = CODEBOOK_VALUES) -> cbk.Codebook:
    """The questionnaire codebook from the data package (validated resources).

    Parameters
    ----------
    items, values
        Resource names of the item table and the value labels.

    Returns
    -------
    Codebook
        The checked codebook.
    """
    return cbk.from_frames(catalogue.read_resource(items), catalogue.read_resource(values))


def read_survey(path: str | Path, cb: cbk.Codebook) -> pd.DataFrame:
    """Read a respondent file (``.csv``, ``.xlsx`` or ``.sav``) and validate it.

    Parameters
    ----------
    path
        The file.
    cb
        The codebook it must follow.

    Returns
    -------
    pandas.DataFrame
        ``resp_id`` and numeric codes; DataValidationError names file, row and column.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: survey file does not exist")
    raw, meta = read_user_table(path, what="survey")
    if meta is not None:  # .sav: its value labels must agree with the codebook
        _check_sav_labels(path, meta, cb)
    elif path.suffix.lower() == ".csv":
        raw = raw.replace({"": pd.NA})
    if ID not in raw.columns:
        raise DataValidationError(
            path,
            [{"line": 1, "row": 0, "column": ID, "check": f"the respondent id column '{ID}' is missing"}],
        )
    data = cbk.validate(raw, cb, file=str(path), id_column=ID)
    data[ID] = pd.to_numeric(data[ID], errors="raise").astype("Int64")
    return data.reset_index(drop=True)


def _check_sav_labels(path: Path, meta: Any, cb: cbk.Codebook) -> None:
    problems = []
    for col, labelset in meta.variable_to_label.items():
        if col not in cb.items.index:
            continue
        declared = meta.value_labels.get(labelset, {})
        expected = cb.labels(col)
        for code, label in declared.items():
            code = int(code) if float(code).is_integer() else code
            if code in expected and str(label).strip() != expected[code]:
                problems.append(
                    {
                        "line": None,
                        "row": None,
                        "column": col,
                        "value": code,
                        "check": f"value label {label!r} differs from the codebook's {expected[code]!r}",
                    }
                )
    if problems:
        raise DataValidationError(path, problems)


def write_sav(data: pd.DataFrame, path: str | Path, cb: cbk.Codebook) -> None:
    """Export to SPSS ``.sav`` with variable labels and value labels from the codebook.

    Written to a temporary file first and moved into place, so a failure leaves no half file.

    Parameters
    ----------
    data
        Respondent data.
    path
        Target ``.sav`` file.
    cb
        The codebook (labels).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    items = [c for c in data.columns if c != ID]
    out = data.copy()
    for c in items:
        if cb.items.loc[c, "item_type"] == "text":
            out[c] = out[c].astype("string").fillna("")
        else:
            out[c] = pd.to_numeric(out[c]).astype(float)
    column_labels: list[str | None] = [
        "Respondent" if c == ID else f"{cb.items.loc[c, 'question']}. {cb.items.loc[c, 'item_label']}"[:250]
        for c in out.columns
    ]
    value_labels = {c: {float(k): v for k, v in cb.labels(c).items()} for c in items if cb.labels(c)}
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        pyreadstat.write_sav(out, str(tmp), column_labels=column_labels, variable_value_labels=value_labels)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
