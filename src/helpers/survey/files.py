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

import os
import re
import warnings
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat

from helpers.core import catalogue
from helpers.core.userfiles import read_user_table
from helpers.core.validation import DataValidationError, read_csv_as_text
from helpers.survey import codebook as cbk

ID = "resp_id"
CODEBOOK_ITEMS = "lm2016_codebook_items"
CODEBOOK_VALUES = "lm2016_codebook_values"
# the .sav header's creation date and time (ReadStat writes the clock): fixed, so two exports of
# the same data are byte-identical. Offsets from the SPSS system-file header record layout.
SAV_STAMP_OFFSET = 92
SAV_STAMP = b"01 Jan 7000:00:00"
OWNER_ONLY = 0o600


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


def read_survey(path: str | Path, cb: cbk.Codebook, require_all: bool = False) -> pd.DataFrame:
    """Read a respondent file (``.csv``, ``.xlsx`` or ``.sav``) and validate it.

    ``resp_id`` is one row's respondent number (any whole number, unique in the file, never a
    name or a personal number); every other column is a codebook variable holding codes.

    Parameters
    ----------
    path
        The file.
    cb
        The codebook it must follow.
    require_all
        Every codebook variable must be a column (an own survey for the report).

    Returns
    -------
    pandas.DataFrame
        ``resp_id`` and numeric codes; DataValidationError names file, row and column.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: survey file does not exist")
    data = _plain_csv(path, cb, require_all) if path.suffix.lower() == ".csv" else None
    if data is None:
        data = _read_and_validate(path, cb, require_all)
    data[ID] = pd.to_numeric(data[ID], errors="raise").astype("Int64")
    _check_unique_ids(path, data)
    return data.reset_index(drop=True)


def _read_and_validate(path: Path, cb: cbk.Codebook, require_all: bool) -> pd.DataFrame:
    """Any respondent file read as text (codes) and validated cell by cell against the codebook."""
    if path.suffix.lower() == ".csv":
        raw, meta = _read_csv(path, cb), None
    else:
        raw, meta = read_user_table(path, what="survey")
    if meta is not None:  # .sav: its value labels must agree with the codebook
        _check_sav_labels(path, meta, cb)
    if ID not in raw.columns:
        raise DataValidationError(
            path,
            [{"line": 1, "row": 0, "column": ID, "check": f"the respondent id column '{ID}' is missing"}],
        )
    if require_all:
        _check_complete(path, raw, cb)
    return cbk.validate(raw, cb, file=str(path), id_column=ID)


def _plain_csv(path: Path, cb: cbk.Codebook, require_all: bool) -> pd.DataFrame | None:
    """A valid CSV whose codes are plain numbers, read with the codes as numbers; None otherwise.

    The coded columns are parsed as floats by pandas' reader, which refuses anything but a number
    or an empty cell. That gives the same frame as :func:`_read_and_validate` when every coded
    column has an empty cell (so both make floats, not integers), no code is written ``-0``, and
    the data pass the codebook; any other file (or problem) is left to :func:`_read_and_validate`,
    which names file, row and column as before.
    """
    kinds = cb.items["item_type"]
    coded = kinds.index[kinds.isin([*cbk.CODED_TYPES, "multiple_response"])].tolist()
    dtype = defaultdict(lambda: str, dict.fromkeys(coded, "float64"))
    try:
        raw = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""], encoding="utf-8")
    except ValueError:  # a cell that is not a number, or not UTF-8, or not a well-formed CSV
        return None
    if ID not in raw.columns or not len(raw):
        return None
    for col in set(coded) & set(raw.columns):
        codes = raw[col].to_numpy(dtype=float)
        if not np.isnan(codes).any() or bool((np.signbit(codes) & (codes == 0)).any()):
            return None
    if require_all and set(cb.items.index) - set(own_text_columns(cb)) - set(raw.columns):
        return None
    try:
        return cbk.validate(raw, cb, file=str(path), id_column=ID)
    except DataValidationError:
        return None


def _read_csv(path: Path, cb: cbk.Codebook) -> pd.DataFrame:
    """A survey CSV's cells as text, an empty cell missing; coded columns stored as categoricals.

    The respondent id and the free-text items are plain text; every other column (codes,
    numbers) holds a few distinct cells, read once each, so a large file stays small in memory.
    """
    raw = read_csv_as_text(path, text_columns=[ID, *own_text_columns(cb)])
    for col in raw.columns:
        cells = raw[col]
        if isinstance(cells.dtype, pd.CategoricalDtype):
            if (cells.cat.categories == "").any():
                raw[col] = cells.cat.remove_categories([""])
        else:
            raw[col] = cells.replace({"": pd.NA})
    return raw


def _check_complete(path: Path, raw: pd.DataFrame, cb: cbk.Codebook) -> None:
    optional = set(own_text_columns(cb))  # free text is never tabulated, so it may be left out
    missing = [c for c in cb.items.index if c not in raw.columns and c not in optional]
    if missing:
        shown = ", ".join(missing[:10]) + (", …" if len(missing) > 10 else "")
        check = f"{len(missing)} codebook variable(s) missing: {shown} (empty columns are fine)"
        raise DataValidationError(path, [{"line": 1, "row": 0, "column": None, "check": check}])


def _check_unique_ids(path: Path, data: pd.DataFrame) -> None:
    ids = data[ID]
    missing = np.flatnonzero(ids.isna().to_numpy())
    repeated = np.flatnonzero((ids.duplicated(keep="first") & ids.notna()).to_numpy())
    problems = [
        {"line": i + 2, "row": i + 1, "column": ID, "value": ids.iloc[i], "check": check}
        for rows, check in (
            (missing, "respondent id is missing"),
            (repeated, "respondent id repeats an earlier row"),
        )
        for i in rows.tolist()
    ]
    if problems:
        raise DataValidationError(path, problems)


def _check_sav_labels(path: Path, meta: Any, cb: cbk.Codebook) -> None:
    """Swapped codes fail (a label of the codebook on another code); other wording only warns."""
    problems, wording = [], []
    for col, labelset in meta.variable_to_label.items():
        if col not in cb.items.index:
            continue
        expected = cb.labels(col)
        by_label = {str(lab).strip().casefold(): c for c, lab in expected.items()}
        swapped: list[str] = []
        reworded: list[str] = []
        for code, label in meta.value_labels.get(labelset, {}).items():
            code = int(code) if float(code).is_integer() else code
            if code not in expected or str(label).strip() == expected[code]:
                continue
            other = by_label.get(str(label).strip().casefold())
            (swapped if other is not None and other != code else reworded).append(f"{code}={label}")
        want = ", ".join(f"{c}={lab}" for c, lab in expected.items())
        if swapped:
            check = (
                f"{col}: the coding differs from the codebook ({', '.join(swapped)}); expected codes {want}"
            )
            problems.append({"line": None, "row": None, "column": col, "value": None, "check": check})
        if reworded:
            wording.append(f"{col}: {', '.join(reworded)} (codebook: {want})")
    if wording:
        warnings.warn(
            f"{path}: value labels worded differently from the codebook: " + "; ".join(wording), stacklevel=3
        )
    if problems:
        raise DataValidationError(path, problems)


def write_sav(data: pd.DataFrame, path: str | Path, cb: cbk.Codebook, include_text: bool = False) -> None:
    """Export to SPSS ``.sav`` with variable labels and value labels from the codebook.

    Only coded variables (and numbers) are written unless ``include_text``; the file is readable
    by its owner only (0600), its header date and time are fixed (two exports of the same data are
    byte-identical), and it is written to a temporary file first and moved into place, so a
    failure leaves no half file.

    Parameters
    ----------
    data
        Respondent data.
    path
        Target ``.sav`` file.
    cb
        The codebook (labels).
    include_text
        Also write the free-text variables (they can name people or workplaces).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = [c for c in data.columns if c != ID and cb.items.loc[c, "item_type"] == "text"]
    out = data.drop(columns=[] if include_text else text).copy()
    items = [c for c in out.columns if c != ID]
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
        _fix_stamp(tmp)
        os.chmod(tmp, OWNER_ONLY)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _fix_stamp(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.seek(SAV_STAMP_OFFSET)
        if len(fh.read(len(SAV_STAMP))) != len(SAV_STAMP):
            raise ValueError(f"{path}: too short for an SPSS header")
        fh.seek(SAV_STAMP_OFFSET)
        fh.write(SAV_STAMP)


def own_text_columns(cb: cbk.Codebook) -> list[str]:
    """The free-text variables of the codebook (never tabulated; exported only on request).

    Parameters
    ----------
    cb
        The codebook.

    Returns
    -------
    list of str
        Item ids.
    """
    return [c for c in cb.items.index if cb.items.loc[c, "item_type"] == "text"]


TEMPLATE_STEM = "survey_template"
TEMPLATE_SHEETS = ("svar", "kodebok")
# the .xlsx template's document dates and zip entry dates (openpyxl writes the clock): fixed at
# the zip format's first date, so two writes from one codebook are byte-identical
XLSX_EPOCH = (1980, 1, 1, 0, 0, 0)
XLSX_EPOCH_W3C = "1980-01-01T00:00:00Z"
XLSX_DATES = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def write_templates(outdir: str | Path, cb: cbk.Codebook) -> list[Path]:
    """Empty respondent files with the codebook's variables: ``.xlsx`` and ``.sav``.

    The ``.xlsx`` has a sheet of column names to fill (``resp_id`` first, one row per respondent)
    and a sheet with each variable's question, label and codes; the ``.sav`` has the variable labels
    and value labels. Both are written atomically (the ``.sav`` owner-only, as every export).

    Parameters
    ----------
    outdir
        Folder to write into (created).
    cb
        The codebook.

    Returns
    -------
    list of Path
        The two files.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    columns = [ID, *cb.items.index]
    empty = pd.DataFrame(
        {c: pd.Series(dtype="string" if c in own_text_columns(cb) else float) for c in columns}
    )
    sav = outdir / f"{TEMPLATE_STEM}.sav"
    write_sav(empty, sav, cb, include_text=True)
    book = pd.DataFrame(
        {
            "variabel": cb.items.index,
            "spørsmål": cb.items["question"].to_numpy(),
            "tekst": cb.items["item_label"].to_numpy(),
            "type": cb.items["item_type"].to_numpy(),
            "koder": ["; ".join(f"{k}={v}" for k, v in cb.labels(str(i)).items()) for i in cb.items.index],
        }
    )
    xlsx = outdir / f"{TEMPLATE_STEM}.xlsx"
    tmp = xlsx.with_name(f".{xlsx.name}.tmp")
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            pd.DataFrame(columns=columns).to_excel(xw, sheet_name=TEMPLATE_SHEETS[0], index=False)
            book.to_excel(xw, sheet_name=TEMPLATE_SHEETS[1], index=False)
        _fix_xlsx_dates(tmp)
        tmp.replace(xlsx)
    finally:
        tmp.unlink(missing_ok=True)
    return [xlsx, sav]


def _fix_xlsx_dates(path: Path) -> None:
    """Rewrite an .xlsx with fixed document and zip entry dates (same order, same content otherwise)."""
    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = XLSX_DATES.sub(rf"\g<1>{XLSX_EPOCH_W3C}\g<2>", data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=XLSX_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
