"""The data package's resources and their Table Schemas as pandera schemas.

``data/raw/datapackage.json`` (a Frictionless Data Package) is the single description of every raw
file: provenance, units, a sha256, and a Table Schema of its columns. :class:`Resource` wraps one
entry; :func:`pandera_schema` turns its Table Schema into the pandera schema that validates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandera is imported where a schema is built: a kernel that reads no raw table skips it
    import pandera.pandas as pa

# Table Schema type -> the dtype pandera coerces the column to
_TYPES: dict[str, str] = {
    "string": "str",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
}


@dataclass(frozen=True)
class Resource:
    """One entry of the data package."""

    descriptor: Mapping[str, Any]
    base: Path

    @property
    def name(self) -> str:
        """The resource name (``name`` of the entry)."""
        return self.descriptor["name"]

    @property
    def path(self) -> Path:
        """The file, its ``path`` taken relative to the data package's folder."""
        return self.base / self.descriptor["path"]

    @property
    def fields(self) -> list[Mapping[str, Any]]:
        """The Table Schema's field descriptors (``name``, ``type``, ``constraints``…), in column order."""
        return list(self.descriptor["schema"]["fields"])

    @property
    def primary_key(self) -> list[str]:
        """The columns of the schema's ``primaryKey`` (empty when it declares none)."""
        pk = self.descriptor["schema"].get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)

    @property
    def synthetic(self) -> bool:
        """True for files made by a generator (demo data), False for transcriptions."""
        return bool(self.descriptor.get("synthetic", False))

    @property
    def sha256(self) -> str | None:
        """The recorded hex sha256 of the file (``hash`` without ``sha256:``), None if not recorded."""
        h = self.descriptor.get("hash")
        return h.split(":", 1)[1] if h and h.startswith("sha256:") else h


def _column_schema(field: Mapping[str, Any]) -> pa.Column:
    import pandera.pandas as pa

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
    """A pandera schema equivalent to the resource's Table Schema (names, types, constraints).

    Parameters
    ----------
    resource : Resource
        An entry of ``data/raw/datapackage.json`` (or of ``data/processed/datapackage.json``).

    Returns
    -------
    pandera.DataFrameSchema
        A strict, ordered schema: one coercing column per field with its ``minimum``, ``maximum``,
        ``enum``, ``pattern``, ``required`` and ``unique`` constraints, and the primary key as a
        unique row constraint.

    Raises
    ------
    ValueError
        If a field has a Table Schema type other than string, integer, number or boolean.
    """
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {f["name"]: _column_schema(f) for f in resource.fields},
        strict=True,
        ordered=True,
        unique=resource.primary_key or None,
        name=resource.name,
    )
