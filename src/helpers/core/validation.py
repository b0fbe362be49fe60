"""Validation of a table of text cells against a resource's schema, with errors that name the place.

Any problem raises :class:`DataValidationError`, whose message names the file, the line and the
column, so a student who points the pipeline at their own file sees exactly what to fix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pandera is imported where a schema is checked, not when this module loads
    import pandera.pandas as pa

    from helpers.core.schema import Resource


class DataValidationError(ValueError):
    """Raised when an input file does not match its declared schema.

    ``problems`` holds one dict per failing cell with keys ``file``, ``line``, ``row``, ``column``,
    ``value`` and ``check``; ``str(err)`` lists them in plain words.
    """

    def __init__(self, file: Path | str, problems: list[dict[str, Any]]):
        self.file = str(file)
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in {self.file}:"]
        for p in problems[:25]:
            where = []
            if p.get("line") is not None:
                where.append(f"line {p['line']} (data row {p['row']})")
            if p.get("column") is not None:
                where.append(f"column '{p['column']}'")
            loc = ", ".join(where) or "file"
            val = "" if p.get("value") is None else f" value {p['value']!r}:"
            lines.append(f"  - {loc}:{val} {p['check']}")
        if len(problems) > 25:
            lines.append(f"  ... and {len(problems) - 25} more")
        super().__init__("\n".join(lines))


def read_csv_as_text(path: Path, text_columns: Collection[str] | None = None) -> pd.DataFrame:
    """Read a CSV file with every cell as text, for :func:`validate_frame` to type.

    Parameters
    ----------
    path : Path
        A raw file of ``data/raw/``, a processed table or a student's own CSV; UTF-8 with one
        header line.
    text_columns : collection of str, optional
        When given, only these columns are plain text; every other column is read as a
        categorical of its text cells (the same text, each distinct cell stored once: a column
        of codes in a large survey file takes a byte per cell, not a string object).

    Returns
    -------
    pandas.DataFrame
        The cells as ``str``, an empty cell as ``""`` (nothing is parsed or guessed).

    Raises
    ------
    DataValidationError
        If the file is not valid UTF-8 or not a well-formed CSV file.
    """
    try:
        dtype: Any = str
        if text_columns is not None:
            dtype = defaultdict(lambda: "category", dict.fromkeys(text_columns, str))
        return pd.read_csv(path, dtype=dtype, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(
            path, [{"check": f"file is not valid UTF-8 ({exc.reason} at byte {exc.start})"}]
        ) from exc
    except pd.errors.ParserError as exc:
        raise DataValidationError(path, [{"check": f"not a well-formed CSV file: {exc}"}]) from exc


def validate_frame(df_text: pd.DataFrame, resource: Resource, file: Path | str) -> pd.DataFrame:
    """Validate a frame of *text* cells against the resource schema and return it typed.

    Empty strings are missing values. Row numbers in errors are 1-based data rows; ``line`` is the
    line in a CSV file with one header line.

    Parameters
    ----------
    df_text : pandas.DataFrame
        The file's cells as text (:func:`read_csv_as_text`).
    resource : Resource
        The file's entry in ``data/raw/datapackage.json`` (or ``data/processed/datapackage.json``),
        whose Table Schema gives the columns, types and constraints.
    file : Path or str
        The file as named in error messages (relative to the repository root where possible).

    Returns
    -------
    pandas.DataFrame
        The table with the schema's types (``Int64``, ``float64``, ``boolean``, ``str``) and
        ``pd.NA`` for empty cells.

    Raises
    ------
    DataValidationError
        If the columns differ from the schema's fields, a cell cannot be read as its type, or a
        constraint or the primary key fails; one problem per failing cell, naming line and column.
    """
    import pandera.pandas as pa

    from helpers.core.schema import pandera_schema

    _check_columns(df_text, resource, file)
    df, problems = _coerce_types(df_text, resource)
    if problems:
        raise DataValidationError(file, problems)
    schema = pandera_schema(resource)
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise DataValidationError(file, _schema_problems(exc, file)) from None


def _check_columns(df_text: pd.DataFrame, resource: Resource, file: Path | str) -> None:
    """Raise :class:`DataValidationError` unless the columns are the schema's fields, in order."""
    expected = [f["name"] for f in resource.fields]
    got = list(df_text.columns)
    if got != expected:
        missing = [c for c in expected if c not in got]
        extra = [c for c in got if c not in expected]
        msg = []
        if missing:
            msg.append(f"missing column(s) {missing}")
        if extra:
            msg.append(f"unexpected column(s) {extra}")
        if not msg:
            msg.append(f"columns out of order: expected {expected}, got {got}")
        raise DataValidationError(file, [{"line": 1, "row": 0, "check": "; ".join(msg)}])


def _coerce_types(df_text: pd.DataFrame, resource: Resource) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The frame with numbers and booleans parsed, and one problem per cell that does not parse.

    Type coercion comes before the pandera schema, cell by cell, so that every unparsable cell is
    reported with its place.
    """
    df = df_text.replace({"": pd.NA})
    problems: list[dict[str, Any]] = []
    for field in resource.fields:
        col = field["name"]
        ftype = field.get("type", "string")
        if ftype in ("integer", "number"):
            num = pd.to_numeric(df[col], errors="coerce")
            bad = df[col].notna() & num.isna()
            if ftype == "integer":
                bad |= num.notna() & (num != num.round())
            for idx in df.index[bad]:
                problems.append(_problem(idx, col, df_text.loc[idx, col], f"not a valid {ftype}"))
            df[col] = num.where(~bad)
        elif ftype == "boolean":
            mapped = df[col].map({"true": True, "false": False}, na_action="ignore")
            bad = df[col].notna() & mapped.isna()
            for idx in df.index[bad]:
                problems.append(_problem(idx, col, df_text.loc[idx, col], "not 'true' or 'false'"))
            df[col] = mapped
    return df, problems


def _schema_problems(exc: pa.errors.SchemaErrors, file: Path | str) -> list[dict[str, Any]]:
    """One problem per failure case of pandera's lazy validation, sorted by line and column."""
    problems: list[dict[str, Any]] = []
    for _, fc in exc.failure_cases.iterrows():
        idx = fc["index"]
        col = fc["column"] if isinstance(fc["column"], str) else None
        row = None if pd.isna(idx) else int(idx)
        problems.append(
            {
                "file": str(file),
                "row": None if row is None else row + 1,
                "line": None if row is None else row + 2,
                "column": col,
                "value": None if pd.isna(fc["failure_case"]) else fc["failure_case"],
                "check": _describe_check(str(fc["check"])),
            }
        )
    problems.sort(key=lambda p: (p["line"] or 0, p["column"] or ""))
    return problems


def _problem(idx: int, col: str, value: Any, check: str) -> dict[str, Any]:
    return {"row": int(idx) + 1, "line": int(idx) + 2, "column": col, "value": value, "check": check}


def _describe_check(check: str) -> str:
    if check == "not_nullable":
        return "a value is required here (the cell is empty)"
    if check == "field_uniqueness":
        return "duplicate value in a column that must be unique"
    if check.startswith("multiple_fields_uniqueness") or check == "unique":
        return "duplicate row for the primary key"
    return f"fails check {check}"
