"""The tables notebook 01 writes to ``data/processed/``: derived tables and every table's schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.core.schema import Resource


def annual_visits(strax: pd.DataFrame, huset: pd.DataFrame) -> pd.DataFrame:
    """Published annual visit counts in one long table.

    Parameters
    ----------
    strax
        ``strax_annual_visits`` (Lundeberg & Mjåland 2017).
    huset
        ``huset_key_figures`` (Tabell 2 of Bulukin 2025); its ``visitors`` rows are used.

    Returns
    -------
    pandas.DataFrame
        Columns site, session, year, visits, status, source, source_line; sorted by site, session
        and year.
    """
    s = strax.assign(
        site="Strax-huset", status="actual", source=lambda d: "lundeberg2017, " + d["source_table"]
    )
    s = s.rename(columns={"visits_total": "visits"})
    h = huset[huset["measure"] == "visitors"].assign(
        site="Huset", session="hele dagen", source="bulukin2025, Tabell 2"
    )
    h = h.rename(columns={"value": "visits"})
    cols = ["site", "session", "year", "visits", "status", "source", "source_line"]
    out = pd.concat([s[cols], h[cols]], ignore_index=True)
    out["visits"] = out["visits"].astype("int64")
    return out.sort_values(["site", "session", "year"]).reset_index(drop=True)


def _fields(*spec: tuple[str, str, str]) -> dict[str, Any]:
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in spec]}


# Table Schemas of the tables notebook 01 derives (the validated copies keep their raw schema)
DERIVED_SCHEMAS: dict[str, dict[str, Any]] = {
    "visits_annual": _fields(
        ("site", "string", "Strax-huset or Huset"), ("session", "string", "session, or 'hele dagen'"),
        ("year", "integer", "calendar year"), ("visits", "integer", "published visits in the year"),
        ("status", "string", "actual or forecast"), ("source", "string", "citation key and table"),
        ("source_line", "integer", "line of the seed text"),
    ),
    "source_flags": _fields(
        ("resource", "string", "the raw table of the flagged value"),
        ("source_line", "integer", "its seed line"), ("check", "string", "the check that flagged it"),
        ("printed", "number", "the value as printed (kept)"),
        ("recomputed", "number", "recomputed from other printed values; empty if none"),
        ("detail", "string", "the arithmetic that shows the conflict"),
    ),
    "cleaning_log": _fields(
        ("step", "integer", "its place in the log"), ("resource", "string", "the table the step worked on"),
        ("rows_in", "integer", "rows before the step"), ("rows_out", "integer", "rows after the step"),
        ("action", "string", "what was done"), ("reason", "string", "why"),
    ),
}  # fmt: skip


def processed_schemas(raw: Mapping[str, Resource], names: list[str]) -> dict[str, Mapping[str, Any]]:
    """The Table Schema of every processed table.

    Parameters
    ----------
    raw
        The raw resources (:func:`helpers.core.catalogue.resources`).
    names
        The processed tables' names.

    Returns
    -------
    dict
        For a validated copy of a raw file, the raw resource's schema; for a derived table, its
        entry of :data:`DERIVED_SCHEMAS`. A name with neither raises ``KeyError``.
    """
    out: dict[str, Mapping[str, Any]] = {}
    for name in names:
        if name in DERIVED_SCHEMAS:
            out[name] = DERIVED_SCHEMAS[name]
        elif name in raw:
            out[name] = raw[name].descriptor["schema"]
        else:
            raise KeyError(f"no Table Schema for processed table {name!r}")
    return out
