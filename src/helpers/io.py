"""Reading raw data against its data package, validation, and atomic writes.

``data/raw/datapackage.json`` (a Frictionless Data Package) is the single description of every raw
file: provenance, units, a sha256, and a Table Schema of its columns. :func:`read_resource` reads a
file, checks its hash and header, and validates every cell with a pandera schema built from that
Table Schema. Any problem raises :class:`DataValidationError`, whose message names the file, the
line and the column, so a student who points the pipeline at their own file sees exactly what to fix.

Writers never leave a half-written file behind: they write to a temporary file in the target folder
and move it into place, and they leave an unchanged file untouched (so reruns do not disturb ``make``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import yaml

from helpers import paths

# Table Schema type -> the dtype pandera coerces the column to
_TYPES: dict[str, str] = {
    "string": "str",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
}


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


# --------------------------------------------------------------------------------------------
# data package
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """One entry of the data package."""

    descriptor: Mapping[str, Any]
    base: Path

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def path(self) -> Path:
        return self.base / self.descriptor["path"]

    @property
    def fields(self) -> list[Mapping[str, Any]]:
        return list(self.descriptor["schema"]["fields"])

    @property
    def primary_key(self) -> list[str]:
        pk = self.descriptor["schema"].get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)

    @property
    def synthetic(self) -> bool:
        """True for files made by a generator (demo data), False for transcriptions."""
        return bool(self.descriptor.get("synthetic", False))

    @property
    def sha256(self) -> str | None:
        h = self.descriptor.get("hash")
        return h.split(":", 1)[1] if h and h.startswith("sha256:") else h


def load_datapackage(path: Path | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json``."""
    path = path or paths.DATAPACKAGE
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def resources(path: Path | None = None) -> dict[str, Resource]:
    """All resources of the data package, by name."""
    path = path or paths.DATAPACKAGE
    pkg = load_datapackage(path)
    return {r["name"]: Resource(r, path.parent) for r in pkg["resources"]}


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------


def _column_schema(field: Mapping[str, Any]) -> pa.Column:
    ftype = field.get("type", "string")
    if ftype not in _TYPES:
        raise ValueError(f"unsupported Table Schema type {ftype!r} for field {field['name']!r}")
    cons = field.get("constraints", {})
    checks = []
    if "minimum" in cons:
        checks.append(pa.Check.ge(cons["minimum"]))
    if "maximum" in cons:
        checks.append(pa.Check.le(cons["maximum"]))
    if "enum" in cons:
        checks.append(pa.Check.isin(cons["enum"]))
    if "pattern" in cons:
        checks.append(pa.Check.str_matches(rf"^(?:{cons['pattern']})$"))
    return pa.Column(
        _TYPES[ftype],
        checks=checks,
        nullable=not cons.get("required", False),
        unique=bool(cons.get("unique", False)),
        coerce=True,
        title=field.get("title"),
        description=field.get("description"),
    )


def pandera_schema(resource: Resource) -> pa.DataFrameSchema:
    """A pandera schema equivalent to the resource's Table Schema (names, types, constraints)."""
    return pa.DataFrameSchema(
        {f["name"]: _column_schema(f) for f in resource.fields},
        strict=True,
        ordered=True,
        unique=resource.primary_key or None,
        name=resource.name,
    )


def _read_csv_as_text(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(
            path, [{"check": f"file is not valid UTF-8 ({exc.reason} at byte {exc.start})"}]
        ) from exc
    except pd.errors.ParserError as exc:
        raise DataValidationError(path, [{"check": f"not a well-formed CSV file: {exc}"}]) from exc


# the formats a student's own file may come in (register, survey); .xls would need xlrd
USER_TABLE_FORMATS = {".csv": "line", ".xlsx": "Excel row", ".xlsm": "Excel row", ".sav": "SPSS case"}


def read_user_table(path: Path, *, sheet: str | int = 0, what: str = "file") -> tuple[pd.DataFrame, Any]:
    """The raw cells of a user-supplied ``.csv``, ``.xlsx``/``.xlsm`` or SPSS ``.sav`` file.

    CSV cells are text (``""`` when empty), Excel cells as stored, ``.sav`` values as codes. The
    second item is pyreadstat's metadata for a ``.sav`` (value labels), otherwise None. An unreadable
    or unsupported file raises :class:`DataValidationError` naming it.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv_as_text(path), None
    if suffix in (".xlsx", ".xlsm"):
        return pd.read_excel(path, sheet_name=sheet, dtype=object), None
    if suffix == ".sav":
        import pyreadstat

        return pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=False)
    raise DataValidationError(
        path, [{"check": f"unsupported {what} format {suffix!r}: use .csv, .xlsx or .sav"}]
    )


def validate_frame(df_text: pd.DataFrame, resource: Resource, file: Path | str) -> pd.DataFrame:
    """Validate a frame of *text* cells against the resource schema and return it typed.

    Empty strings are missing values. Row numbers in errors are 1-based data rows; ``line`` is the
    line in a CSV file with one header line.
    """
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

    df = df_text.replace({"": pd.NA})
    problems: list[dict[str, Any]] = []
    # Type coercion first, cell by cell, so that every unparsable cell is reported with its place.
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
    if problems:
        raise DataValidationError(file, problems)

    schema = pandera_schema(resource)
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
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
        raise DataValidationError(file, problems) from None


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


def read_resource(
    name: str, path: Path | str | None = None, *, check_hash: bool = True, datapackage: Path | None = None
) -> pd.DataFrame:
    """Read and validate one raw resource of the data package.

    ``path`` replaces the file while keeping the declared schema: this is how a student points the
    pipeline at their own data with the same columns. The sha256 is only checked for the embedded
    file (``check_hash`` and no ``path``).
    """
    res = resources(datapackage)[name]
    file = paths.resolve(path) if path is not None else res.path
    if not file.is_file():
        raise FileNotFoundError(f"{file}: input file for resource '{name}' does not exist")
    if check_hash and path is None and res.sha256 and sha256_file(file) != res.sha256:
        raise DataValidationError(
            file,
            [
                {
                    "check": "sha256 differs from data/raw/datapackage.json: raw data are read-only; "
                    "if the change is a deliberate correction, record it and update the hash"
                }
            ],
        )
    return validate_frame(_read_csv_as_text(file), res, _display(file))


def _display(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(file)


# --------------------------------------------------------------------------------------------
# atomic writers
# --------------------------------------------------------------------------------------------


def write_text_atomic(path: Path, text: str, *, make_target: bool = False) -> bool:
    """Write ``text`` to ``path`` via a temporary file; skip if the content is unchanged.

    A ``make_target`` is always (re)written, even when unchanged, so that its modification time
    tells ``make`` it is newer than its prerequisites. Returns True when the file was written.
    """
    return write_bytes_atomic(path, text.encode("utf-8"), make_target=make_target)


def write_bytes_atomic(path: Path, data: bytes, *, make_target: bool = False) -> bool:
    """:func:`write_text_atomic` for bytes (e.g. a PDF)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not make_target and path.is_file() and path.read_bytes() == data:
        return False
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for others to read and serve
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_csv(df: pd.DataFrame, path: Path) -> bool:
    """Write a frame as UTF-8 CSV (dot decimals, ``\\n`` line ends, no index), atomically."""
    return write_text_atomic(path, df.to_csv(index=False, lineterminator="\n"))


def write_results(key: str, values: Mapping[str, Any], path: Path) -> None:
    """Write numbers quoted by the report text as a Quarto metadata file ``{key: values}``.

    Values should already be formatted for the text (Norwegian number format, see
    :mod:`helpers.formatting`); the article pulls them with ``{{< meta key.name >}}``.
    Returns nothing, so a notebook cell ending with this call shows no output (whether the file
    changed must not change the notebook's outputs, which nbval compares).
    """
    clean = {k: _plain(v) for k, v in sorted(values.items())}
    text = yaml.safe_dump({key: clean}, allow_unicode=True, sort_keys=True, width=1000)
    write_text_atomic(path, text)


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in sorted(v.items())}
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return v


# --------------------------------------------------------------------------------------------
# processed data
# --------------------------------------------------------------------------------------------


def read_processed(name: str) -> pd.DataFrame:
    """Read a table that notebook 01 wrote to ``data/processed/<name>.csv``."""
    file = paths.processed(f"{name}.csv")
    if not file.is_file():
        raise FileNotFoundError(f"{file} does not exist: run notebook 01 first (make data)")
    return pd.read_csv(file, keep_default_na=True)


def synthetic_inputs(names: list[str] | None = None, datapackage: Path | None = None) -> list[str]:
    """Names of the given resources (default: all) that are synthetic/demo data."""
    res = resources(datapackage)
    return sorted(n for n in (names or res) if res[n].synthetic)


# --------------------------------------------------------------------------------------------
# maintenance: refresh the recorded hashes after a deliberate edit of data/raw
# --------------------------------------------------------------------------------------------


def rehash(datapackage: Path | None = None) -> list[str]:
    """Update ``hash`` and ``bytes`` of every resource whose file changed; return their names.

    Only for maintainers who edited or added a raw file on purpose: the hash check exists to
    catch *unintended* edits, so run this in the same commit as the edit and say why.
    """
    path = datapackage or paths.DATAPACKAGE
    pkg = load_datapackage(path)
    changed = []
    for r in pkg["resources"]:
        file = path.parent / r["path"]
        digest = f"sha256:{sha256_file(file)}"
        if r.get("hash") != digest or r.get("bytes") != file.stat().st_size:
            r["hash"], r["bytes"] = digest, file.stat().st_size
            changed.append(r["name"])
    pkg["resources"].sort(key=lambda r: r["name"])
    write_text_atomic(path, json.dumps(pkg, indent=2, ensure_ascii=False) + "\n")
    return changed


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["rehash"]:
        sys.exit("usage: python -m helpers.io rehash   (refresh hashes in data/raw/datapackage.json)")
    print("rehashed:", ", ".join(rehash()) or "nothing changed")
