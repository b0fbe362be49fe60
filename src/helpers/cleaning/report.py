"""Report tables and quoted numbers of notebook 01 (Norwegian labels), for the notebook only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.core import formatting as fmt
from helpers.core.catalogue import shown_provenance

# Norwegian column headers of the flag table and the cleaning log
HEADERS_NB = {
    "resource": "Fil",
    "source_line": "Linje",
    "check": "Kontroll",
    "printed": "Trykt",
    "recomputed": "Beregnet",
    "detail": "Utregning",
    "step": "Steg",
    "rows_in": "Rader inn",
    "rows_out": "Rader ut",
    "action": "Handling",
    "reason": "Begrunnelse",
}


def sources_overview(
    descriptors: Mapping[str, Mapping[str, Any]], frames: Mapping[str, pd.DataFrame]
) -> pd.DataFrame:
    """One row per raw file with its source, table, seed lines and number of rows.

    Parameters
    ----------
    descriptors
        The data package's resource descriptors by name.
    frames
        The validated tables by name.

    Returns
    -------
    pandas.DataFrame
        Fil, Kilde, Tabell/figur, Linjer, Rader, Syntetisk; sorted by name.
    """
    rows = []
    for name in sorted(frames):
        d = descriptors[name]
        shown = shown_provenance(d)  # the Norwegian provenance fields (table_nb, lines_nb)
        rows.append(
            {
                "Fil": d["path"],
                "Kilde": f"@{d['provenance']['citation_key']}",
                "Tabell/figur": shown.table,
                "Linjer": shown.lines,
                "Rader": len(frames[name]),
                "Syntetisk": "ja" if d.get("synthetic") else "nei",
            }
        )
    return pd.DataFrame(rows)


def show_flags(flags: pd.DataFrame) -> pd.DataFrame:
    """The source flags with Norwegian headers and numbers in Norwegian format.

    Parameters
    ----------
    flags
        :func:`helpers.cleaning.checks.source_flags`.

    Returns
    -------
    pandas.DataFrame
        Fil, Linje, Kontroll, Trykt, Beregnet, Utregning.
    """
    shown = flags.assign(
        printed=flags["printed"].map(fmt.fmt_auto), recomputed=flags["recomputed"].map(fmt.fmt_auto)
    )
    return shown.rename(columns=HEADERS_NB)


def show_log(log: pd.DataFrame) -> pd.DataFrame:
    """The cleaning log with Norwegian headers.

    Parameters
    ----------
    log
        :meth:`helpers.cleaning.log.CleaningLog.frame`.

    Returns
    -------
    pandas.DataFrame
        Steg, Fil, Rader inn, Rader ut, Handling, Begrunnelse.
    """
    return log.rename(columns=HEADERS_NB)


@dataclass(frozen=True)
class CleaningNumbers:
    """The numbers the report quotes about the cleaning (``{{< meta cleaning.* >}}``), formatted."""

    n_files: str
    n_rows: str
    n_flags: str
    n_flag_files: str
    n_synthetic: str


def cleaning_numbers(
    frames: Mapping[str, pd.DataFrame], flags: pd.DataFrame, synthetic: list[str]
) -> CleaningNumbers:
    """Count files, rows, flags and synthetic inputs for the report text.

    Parameters
    ----------
    frames
        The validated raw tables by name.
    flags
        The source flags.
    synthetic
        Names of the synthetic (demo) tables.

    Returns
    -------
    CleaningNumbers
        The counts in Norwegian format.
    """
    return CleaningNumbers(
        n_files=fmt.fmt_int(len(frames)),
        n_rows=fmt.fmt_int(sum(len(df) for df in frames.values())),
        n_flags=fmt.fmt_int(len(flags)),
        n_flag_files=fmt.fmt_int(flags["resource"].nunique()),
        n_synthetic=fmt.fmt_int(len(synthetic)),
    )
