"""The data catalogue: raw files read against ``data/raw/datapackage.json``, processed tables read back.

:func:`read_resource` reads a raw file, checks its hash and header, and validates every cell with
the pandera schema built from its Table Schema (:mod:`helpers.core.schema`,
:mod:`helpers.core.validation`).

The data package is written in English for the people who maintain it; the few provenance fields
the report shows to readers have a Norwegian twin with the suffix ``_nb``: ``table_nb`` on every
resource (the "Tabell/figur" of the sources tables), ``lines_nb`` where ``lines`` holds words and
not only line numbers, and ``generator_nb`` where a synthetic file names its ``generator``.
:func:`shown_provenance` reads them; ``tests/test_datapackage.py`` requires them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.core import paths
from helpers.core.schema import Resource
from helpers.core.validation import DataValidationError, read_csv_as_text, validate_frame
from helpers.core.writers import write_csv, write_text_atomic


def load_datapackage(path: Path | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json``.

    Parameters
    ----------
    path : Path, optional
        A data package file (default: ``data/raw/datapackage.json``; ``data/processed`` has its own).

    Returns
    -------
    dict of str to Any
        The JSON document: ``resources`` with each file's path, provenance, hash and Table Schema.
    """
    path = path or paths.DATAPACKAGE
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def resources(path: Path | None = None) -> dict[str, Resource]:
    """All resources of the data package, by name.

    Parameters
    ----------
    path : Path, optional
        The data package file (default: ``data/raw/datapackage.json``); resource paths are taken
        relative to its folder.

    Returns
    -------
    dict of str to Resource
        Resource name (e.g. the ``name`` of a raw CSV in ``data/raw/datapackage.json``) -> its entry.
    """
    path = path or paths.DATAPACKAGE
    pkg = load_datapackage(path)
    return {r["name"]: Resource(r, path.parent) for r in pkg["resources"]}


NB_SUFFIX = "_nb"
# a ``lines`` value made of line numbers only (ranges, lists) needs no Norwegian twin
_LINE_NUMBERS = re.compile(r"[\d\s,;\-]+")


@dataclass(frozen=True)
class ShownProvenance:
    """The provenance of a raw file as readers see it (Norwegian).

    Attributes
    ----------
    table : str
        The table, figure or text of the source (``provenance.table_nb``).
    lines : str
        Its line range in the seed text (``provenance.lines_nb``, else ``provenance.lines``).
    generator : str or None
        The code that made a synthetic file (``provenance.generator_nb``), or None.
    """

    table: str
    lines: str
    generator: str | None


def needs_nb(field: str, value: object) -> bool:
    """Whether a provenance field shown to readers needs a Norwegian ``_nb`` twin.

    Parameters
    ----------
    field : str
        ``table``, ``lines`` or ``generator``.
    value : object
        The field's (English) value.

    Returns
    -------
    bool
        True for ``table`` and ``generator`` always, for ``lines`` unless it holds line numbers only.
    """
    if field == "lines":
        return not _LINE_NUMBERS.fullmatch(str(value))
    return field in ("table", "generator")


def shown_provenance(descriptor: Mapping[str, Any]) -> ShownProvenance:
    """The Norwegian provenance fields of a resource, for the report's source tables.

    Parameters
    ----------
    descriptor : Mapping
        A resource of ``datapackage.json`` (:attr:`helpers.core.schema.Resource.descriptor`).

    Returns
    -------
    ShownProvenance
        Table, lines and generator as readers see them.

    Raises
    ------
    ValueError
        Naming the resource and the field, if a field that needs a Norwegian twin (:func:`needs_nb`)
        has none.
    """
    prov = descriptor.get("provenance", {})
    shown: dict[str, str | None] = {}
    for field in ("table", "lines", "generator"):
        value = prov.get(field)
        nb = prov.get(field + NB_SUFFIX)
        if value is not None and needs_nb(field, value) and not nb:
            raise ValueError(
                f"datapackage.json: resource {descriptor.get('name')!r} needs "
                f"provenance.{field}{NB_SUFFIX} (the Norwegian text shown for {field!r})"
            )
        shown[field] = nb or (None if value is None else str(value))
    return ShownProvenance(
        table=str(shown["table"] or ""), lines=str(shown["lines"] or ""), generator=shown["generator"]
    )


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes.

    Parameters
    ----------
    path : Path
        The file to hash (a raw file whose recorded ``hash`` is checked or refreshed).

    Returns
    -------
    str
        The lowercase hex digest, without the ``sha256:`` prefix the data package writes.
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def read_resource(
    name: str, path: Path | str | None = None, *, check_hash: bool = True, datapackage: Path | None = None
) -> pd.DataFrame:
    """Read and validate one raw resource of the data package.

    ``path`` replaces the file while keeping the declared schema: this is how a student points the
    pipeline at their own data with the same columns. The sha256 is only checked for the embedded
    file (``check_hash`` and no ``path``).

    Parameters
    ----------
    name : str
        The resource name in ``data/raw/datapackage.json``.
    path : Path or str, optional
        A file with the same columns to read instead of the embedded one (a notebook parameter;
        relative paths are taken from the repository root).
    check_hash : bool, default True
        Compare the embedded file's sha256 with the recorded ``hash``.
    datapackage : Path, optional
        The data package to read the resource from (default: ``data/raw/datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The file's rows, typed by the resource's Table Schema (see :func:`validate_frame`).

    Raises
    ------
    KeyError
        If the data package has no resource ``name``.
    FileNotFoundError
        If the file does not exist.
    DataValidationError
        If the embedded file's hash differs from the recorded one, or a cell, column or row does not
        match the schema (the message names file, line and column).
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
    return validate_frame(read_csv_as_text(file), res, paths.display(file))


# --------------------------------------------------------------------------------------------
# processed data
# --------------------------------------------------------------------------------------------


PROCESSED_PACKAGE = "datapackage.json"


def processed_package() -> Path:
    """The data package that describes ``data/processed/`` (written by notebook 01).

    Returns
    -------
    pathlib.Path
        ``data/processed/datapackage.json``.
    """
    return paths.processed(PROCESSED_PACKAGE)


def write_processed(tables: Mapping[str, pd.DataFrame], schemas: Mapping[str, Mapping[str, Any]]) -> None:
    """Write tables to ``data/processed/<name>.csv`` and their Table Schemas to its data package.

    Parameters
    ----------
    tables : Mapping of str to pandas.DataFrame
        The tables by name (the file name in ``data/processed/`` without ``.csv``).
    schemas : Mapping of str to Mapping
        A Table Schema (``{"fields": [...]}``) for every table: the raw resource's schema for a
        validated copy, a declared one for a derived table.

    Returns
    -------
    None
        Every CSV is written atomically (unchanged files are left alone), then
        ``data/processed/datapackage.json``, so :func:`read_processed` reads each table back with
        its declared types.

    Raises
    ------
    ValueError
        If a table has no schema, or its columns differ from its schema's fields (nothing is
        written then).
    """
    missing = sorted(set(tables) - set(schemas))
    if missing:
        raise ValueError(f"no Table Schema for processed table(s) {missing}")
    for name in sorted(tables):
        fields = [f["name"] for f in schemas[name]["fields"]]
        if list(tables[name].columns) != fields:
            raise ValueError(
                f"processed table {name!r}: columns {list(tables[name].columns)} != schema {fields}"
            )
        write_csv(tables[name], paths.processed(f"{name}.csv"))
    pkg = {
        "name": "processed",
        "description": "The tables of data/processed, with the Table Schema each is read back with.",
        "resources": [{"name": n, "path": f"{n}.csv", "schema": dict(schemas[n])} for n in sorted(tables)],
    }
    write_text_atomic(processed_package(), json.dumps(pkg, indent=2, ensure_ascii=False) + "\n")


def read_processed(name: str) -> pd.DataFrame:
    """Read a table that notebook 01 wrote to ``data/processed/<name>.csv``, typed by its schema.

    Parameters
    ----------
    name : str
        The table's name (a raw resource's name, or a derived table such as ``visits_annual``).

    Returns
    -------
    pandas.DataFrame
        The table with the column types of its Table Schema in ``data/processed/datapackage.json``
        (integers as ``Int64``, numbers as ``float64``, text as ``str``), validated like a raw file.

    Raises
    ------
    FileNotFoundError
        If the table or ``data/processed/datapackage.json`` does not exist (notebook 01 has not run).
    KeyError
        If the processed data package does not describe the table.
    DataValidationError
        If the file does not match its schema.
    """
    file = paths.processed(f"{name}.csv")
    if not file.is_file() or not processed_package().is_file():
        raise FileNotFoundError(f"{file} does not exist: run notebook 01 first (make data)")
    found = resources(processed_package())
    if name not in found:
        where = paths.display(processed_package())
        raise KeyError(f"table {name!r} in {where} does not exist: run notebook 01 first (make data)")
    return validate_frame(read_csv_as_text(file), found[name], paths.display(file))


def synthetic_inputs(names: list[str] | None = None, datapackage: Path | None = None) -> list[str]:
    """Names of the given resources (default: all) that are synthetic/demo data.

    Parameters
    ----------
    names : list of str, optional
        Resource names in ``data/raw/datapackage.json`` that a notebook reads (default: all).
    datapackage : Path, optional
        The data package (default: ``data/raw/datapackage.json``).

    Returns
    -------
    list of str
        The sorted names among ``names`` whose entry says ``synthetic: true``: the inputs a demo
        banner or figure stamp must name.
    """
    res = resources(datapackage)
    return sorted(n for n in (names or res) if res[n].synthetic)


# --------------------------------------------------------------------------------------------
# maintenance: refresh the recorded hashes after a deliberate edit of data/raw
# --------------------------------------------------------------------------------------------


def rehash(datapackage: Path | None = None) -> list[str]:
    """Update ``hash`` and ``bytes`` of every resource whose file changed; return their names.

    Only for maintainers who edited or added a raw file on purpose: the hash check exists to
    catch *unintended* edits, so run this in the same commit as the edit and say why.

    Parameters
    ----------
    datapackage : Path, optional
        The data package to update in place (default: ``data/raw/datapackage.json``).

    Returns
    -------
    list of str
        Names of the resources whose recorded ``hash`` or ``bytes`` changed.
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
        sys.exit(
            "usage: python -m helpers.core.catalogue rehash   (refresh hashes in data/raw/datapackage.json)"
        )
    print("rehashed:", ", ".join(rehash()) or "nothing changed")
