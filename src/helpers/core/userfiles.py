"""Reading a student's own table (register, survey) from .csv, .xlsx or SPSS .sav."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from helpers.core.validation import DataValidationError, read_csv_as_text

# the formats a student's own file may come in (register, survey); .xls would need xlrd
USER_TABLE_FORMATS = {".csv": "line", ".xlsx": "Excel row", ".xlsm": "Excel row", ".sav": "SPSS case"}


def read_user_table(path: Path, *, sheet: str | int = 0, what: str = "file") -> tuple[pd.DataFrame, Any]:
    """The raw cells of a user-supplied ``.csv``, ``.xlsx``/``.xlsm`` or SPSS ``.sav`` file.

    CSV cells are text (``""`` when empty), Excel cells as stored, ``.sav`` values as codes. The
    second item is pyreadstat's metadata for a ``.sav`` (value labels), otherwise None. An unreadable
    or unsupported file raises :class:`DataValidationError` naming it.

    Parameters
    ----------
    path : Path
        The student's own file (a visit register or survey data named in a notebook parameter).
    sheet : str or int, default 0
        The Excel sheet to read (name or position); ignored for other formats.
    what : str, default "file"
        What the file is, for the error message (e.g. ``register``).

    Returns
    -------
    tuple of (pandas.DataFrame, Any)
        The raw cells, and pyreadstat's metadata for a ``.sav`` file (None otherwise).

    Raises
    ------
    DataValidationError
        If the format is not supported, or a CSV file is not UTF-8 or not well-formed.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv_as_text(path), None
    if suffix in (".xlsx", ".xlsm"):
        return pd.read_excel(path, sheet_name=sheet, dtype=object), None
    if suffix == ".sav":
        import pyreadstat

        return pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=False)
    raise DataValidationError(
        path, [{"check": f"unsupported {what} format {suffix!r}: use .csv, .xlsx or .sav"}]
    )
