"""Report tables and quoted numbers of the context chapter (agency statistics, Oslo), Norwegian."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.cleaning.context_tables import PARTIAL
from helpers.core import formatting as fmt

OSLO = ("oslo_registered_persons_2019", "oslo_security_incidents_2019")  # one source table each
PARTIAL_MARK = " (delår)"  # after a column header whose cells cover less than a calendar year
# Norwegian headers of the table of partial years
PARTIAL_HEADERS = {
    "table": "Tabell", "year": "År", "period_printed": "Periode som trykt",
    "period_covered": "Dekker", "cells": "Celler",
}  # fmt: skip


def as_printed(x: float | int | None) -> str:
    """A number with as many decimals as it has (at most three), in Norwegian format.

    Parameters
    ----------
    x : float, int or None
        The value.

    Returns
    -------
    str
        ``598,67`` for 598.67, ``1 318`` for 1318, the missing mark for NaN.
    """
    if x is None or fmt.isna(x):
        return ""
    dec = next((d for d in range(4) if round(float(x), d) == float(x)), 3)
    return fmt.fmt_num(x, dec)


def show_cells(cells: pd.DataFrame, table: str) -> pd.DataFrame:
    """One source table as printed: its rows by its columns, in the order of the file.

    Parameters
    ----------
    cells : pandas.DataFrame
        ``lm2016_agency_tables``.
    table
        The table to show.

    Returns
    -------
    pandas.DataFrame
        A first column with the row label (with the block, for Tabell A.2), one column per printed
        column; a column whose cells cover part of a year carries :data:`PARTIAL_MARK`; a cell the
        source leaves empty is empty.
    """
    t = cells[cells["table"] == table].fillna({"panel": ""}).copy()
    t["label"] = (t["panel"].str.capitalize() + " – " + t["row"]).where(t["panel"] != "", t["row"])
    partial = set(t.loc[t["coverage"] == PARTIAL, "column"])
    t["header"] = t["column"].map(lambda c: c + PARTIAL_MARK if c in partial else c)
    rows, cols = list(dict.fromkeys(t["label"])), list(dict.fromkeys(t["header"]))
    wide = t.pivot_table(index="label", columns="header", values="value", aggfunc="first").reindex(
        index=rows, columns=cols
    )
    out = wide.apply(lambda col: col.map(as_printed)).reset_index()
    return out.rename(columns={"label": "Rad"}).rename_axis(columns=None)


def services_table(services: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """Tabell 4.1: the services with owner, district, profile and their printed FTEs.

    Parameters
    ----------
    services : pandas.DataFrame
        ``lm2016_agency_services``.
    cells : pandas.DataFrame
        ``lm2016_agency_tables`` (its ``Tabell 4.1`` cells: fte, volunteers).

    Returns
    -------
    pandas.DataFrame
        Tiltak, Eier, Bydel, Terskel / profil, Årsverk, Frivillige, Periode (as printed).
    """
    t = cells[cells["table"] == "Tabell 4.1"]
    fte = t[t["measure"] == "fte"].set_index("row")
    vol = t[t["measure"] == "volunteers"].set_index("row")
    out = services.rename(
        columns={
            "service": "Tiltak",
            "owner": "Eier",
            "district": "Bydel",
            "threshold_profile": "Terskel / profil",
        }
    )[["Tiltak", "Eier", "Bydel", "Terskel / profil"]].copy()
    out["Årsverk"] = out["Tiltak"].map(fte["value"]).map(as_printed)
    out["Frivillige"] = out["Tiltak"].map(vol["value"]).map(as_printed)
    out["Periode"] = out["Tiltak"].map(fte["period_printed"]).fillna("")
    return out


def partial_table(partial: pd.DataFrame) -> pd.DataFrame:
    """The partial years with Norwegian headers.

    Parameters
    ----------
    partial : pandas.DataFrame
        One row per partial period, as :func:`helpers.cleaning.context_tables.partial_years`
        returns it.

    Returns
    -------
    pandas.DataFrame
        The same rows with the headers Tabell, År, Periode som trykt, Dekker, Celler.
    """
    out = partial.assign(year=partial["year"].map(lambda y: "" if fmt.isna(y) else str(int(y))))
    return out.rename(columns=PARTIAL_HEADERS)


def oslo_table(persons: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """Uteseksjonen's counts for Brugata/Storgata and the two shopping centres, one row per number.

    Parameters
    ----------
    persons, incidents : pandas.DataFrame
        ``oslo_registered_persons_2019`` (Figur 3) and ``oslo_security_incidents_2019`` (the
        Gunerius/Storo table).

    Returns
    -------
    pandas.DataFrame
        Sted, Hva, År, Antall.
    """
    p = persons.assign(Hva="Registrerte personer (Figur 3)").rename(columns={"area": "Sted", "persons": "n"})
    i = incidents.rename(columns={"site": "Sted", "measure_printed": "Hva", "count": "n"})
    out = pd.concat([p[["Sted", "Hva", "year", "n"]], i[["Sted", "Hva", "year", "n"]]], ignore_index=True)
    out["År"] = out["year"].astype(str)
    out["Antall"] = out["n"].map(fmt.fmt_int)
    return out[["Sted", "Hva", "År", "Antall"]]


# field of ContextNumbers -> (table, panel, row, column) of the printed cell it quotes; row and column
# are the starts of the printed labels (``"2016"`` finds «2016 (pr. 8 mnd.)»), and must find one cell
QUOTED_CELLS: dict[str, tuple[str, str, str, str]] = {
    "exclusions_2014": ("Tabell 3.1", "", "Antall bortvisninger", "2014"),
    "exclusions_2015": ("Tabell 3.1", "", "Antall bortvisninger", "2015"),
    "exclusions_2016": ("Tabell 3.1", "", "Antall bortvisninger", "2016"),
    "fines_2015": ("Antall forelegg (uten nummer)", "", "Antall forelegg", "2015"),
    "syringes_2011": ("Tabell 4.4", "", "2011", "Total Sprøyter"),
    "syringes_2012": ("Tabell 4.4", "", "2012", "Total Sprøyter"),
    "syringes_2015": ("Tabell 4.4", "", "2015", "Total Sprøyter"),
    "foil_2011": ("Tabell 4.4", "", "2011", "Folie"),
    "foil_2015": ("Tabell 4.4", "", "2015", "Folie"),
    "syringes_2016_oct": ("Tabell A.2", "SPRØYTER", "Totalt", "Totalt"),
    "strax_2014": ("Tabell 4.3 (overdosetilsyn)", "", "2014", "Antall tilsyn"),
    "strax_2015": ("Tabell 4.3 (overdosetilsyn)", "", "2015", "Antall tilsyn"),
    "strax_persons_2015": ("Tabell 4.3 (overdosetilsyn)", "", "2015", "Personer"),
    "strax_2016": ("Tabell 4.3 (overdosetilsyn)", "", "2016", "Antall tilsyn"),
    "rusakutten_2014": ("Tabell 4.11", "", "Innleggelser", "2014"),
    "rusakutten_2015": ("Tabell 4.11", "", "Innleggelser", "2015"),
    "rusakutten_2016": ("Tabell 4.11", "", "Innleggelser", "2016"),
    "laksevag_2015": ("Tabell 4.12", "", "Laksevåg", "2015"),
    "hospits_2012": ("Tabell 4.10", "", "Totalt", "2012 Antall"),
    "hospits_2015": ("Tabell 4.10", "", "Totalt", "2015 Antall"),
    "referrals_2012": ("Tabell 4.18", "", "Sum", "2012"),
    "referrals_2015": ("Tabell 4.18", "", "Sum", "2015"),
    "wait_lar_2012": ("Tabell 4.19", "", "LAR", "2012 Primær"),
    "wait_lar_2015": ("Tabell 4.19", "", "LAR", "2015 Primær"),
    "inpatient_2012": ("Tabell 4.21", "", "Sum alle poster", "2012"),
    "inpatient_2015": ("Tabell 4.21", "", "Sum alle poster", "2015"),
}
# field -> figure_id of lm2016_agency_text_figures (quoted as the text prints it)
QUOTED_TEXT: dict[str, str] = {
    "fines_total_text": "fines_total",
    "vagsbunnen_pct_text": "exclusions_2015_vagsbunnen_pct",
    "found_share_text": "found_2016_share",
    "outpatient_change_text": "outpatient_change",
    "inpatient_change_text": "inpatient_change",
}


@dataclass(frozen=True)
class ContextNumbers:
    """The numbers the context chapter quotes (``{{< meta cleaning.kontekst.* >}}``), formatted."""

    exclusions_2014: str
    exclusions_2015: str
    exclusions_2016: str
    fines_2015: str
    syringes_2011: str
    syringes_2012: str
    syringes_2015: str
    foil_2011: str
    foil_2015: str
    syringes_2016_oct: str
    strax_2014: str
    strax_2015: str
    strax_persons_2015: str
    strax_2016: str
    rusakutten_2014: str
    rusakutten_2015: str
    rusakutten_2016: str
    laksevag_2015: str
    hospits_2012: str
    hospits_2015: str
    referrals_2012: str
    referrals_2015: str
    wait_lar_2012: str
    wait_lar_2015: str
    inpatient_2012: str
    inpatient_2015: str
    fines_total_text: str
    vagsbunnen_pct_text: str
    found_share_text: str
    outpatient_change_text: str
    inpatient_change_text: str
    oslo_registered: str
    gunerius_exclusions: str
    storo_exclusions: str
    n_tables: str
    n_cells: str
    n_text_figures: str
    n_partial_periods: str
    n_flags: str
    n_sum_flags: str
    n_text_flags: str


def _cell(cells: pd.DataFrame, table: str, panel: str, row: str, column: str) -> float:
    hit = cells[
        (cells["table"] == table)
        & (cells["panel"].fillna("") == panel)
        & cells["row"].str.startswith(row)
        & cells["column"].str.startswith(column)
    ]
    if len(hit) != 1:
        raise KeyError(f"lm2016_agency_tables: no single cell {table!r} / {panel!r} / {row!r} / {column!r}")
    return float(hit["value"].iloc[0])


def context_numbers(
    frames: dict[str, pd.DataFrame], partial: pd.DataFrame, flags: pd.DataFrame
) -> ContextNumbers:
    """Pick and format the numbers of the context chapter.

    Parameters
    ----------
    frames
        The validated raw tables (the agency tables, their text figures, services and the two
        Oslo tables).
    partial
        :func:`helpers.cleaning.context_tables.partial_years`.
    flags
        :func:`helpers.cleaning.context_tables.context_flags`.

    Returns
    -------
    ContextNumbers
        Cells as printed (Norwegian format), text figures as the text prints them, counts.
    """
    cells, text = frames["lm2016_agency_tables"], frames["lm2016_agency_text_figures"]
    incidents = frames["oslo_security_incidents_2019"].set_index(["site", "measure"])["count"]
    quoted = {k: as_printed(_cell(cells, *spec)) for k, spec in QUOTED_CELLS.items()}
    by_id = text.set_index("figure_id")["value_as_printed"]
    quoted |= {k: str(by_id[fid]).replace(" %", "\u00a0%") for k, fid in QUOTED_TEXT.items()}
    oslo_cells = sum(len(frames[name]) for name in OSLO)
    return ContextNumbers(
        **quoted,
        oslo_registered=fmt.fmt_int(frames["oslo_registered_persons_2019"]["persons"].iloc[0]),
        gunerius_exclusions=fmt.fmt_int(incidents[("Gunerius", "exclusions")]),
        storo_exclusions=fmt.fmt_int(incidents[("Storo storsenter", "exclusions")]),
        n_tables=fmt.fmt_int(cells["table"].nunique() + len(OSLO)),
        n_cells=fmt.fmt_int(len(cells) + oslo_cells),
        n_text_figures=fmt.fmt_int(len(text)),
        n_partial_periods=fmt.fmt_int(len(partial)),
        n_flags=fmt.fmt_int(len(flags)),
        n_sum_flags=fmt.fmt_int((flags["resource"] == "lm2016_agency_tables").sum()),
        n_text_flags=fmt.fmt_int((flags["resource"] == "lm2016_agency_text_figures").sum()),
    )
