"""The audit and discrepancy tables of the cost chapter, with Norwegian headers and numbers."""

from __future__ import annotations

import pandas as pd

from helpers.core import formatting as fmt
from helpers.costs.audit import VERDICTS
from helpers.costs.claims import PRINTED, RECOMPUTED


def show_audit(aud: pd.DataFrame) -> pd.DataFrame:
    """The audit or the discrepancy table with Norwegian headers and numbers.

    Parameters
    ----------
    aud
        :func:`helpers.costs.audit.audit` or :func:`helpers.costs.audit.discrepancies`.

    Returns
    -------
    pandas.DataFrame
        Påstand (trykt), Del, Tabell/tekst, Linje, Trykt, Holdt mot, Beregnet, Differanse,
        Vurdering, Utregning, Hvorfor.
    """
    printed = [
        a if isinstance(a, str) and a else fmt.fmt_smart(p)
        for a, p in zip(aud["printed_as"].fillna(""), aud["printed"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Påstand (trykt)": aud["claim"],
            "Del": aud["section"],
            "Tabell/tekst": aud["table"],
            "Linje": aud["line"].astype(str),
            "Trykt": printed,
            "Holdt mot": aud["held_against"].map(HELD_AGAINST_NB),
            "Beregnet": aud["recomputed"].map(fmt.fmt_smart),
            "Differanse": aud["difference"].map(fmt.fmt_smart),
            "Vurdering": aud["verdict"],
            "Utregning": aud["how"],
            "Hvorfor": aud["why"].fillna(""),
        }
    )


HELD_AGAINST_NB = {PRINTED: "annen trykt opplysning", RECOMPUTED: "omregning"}


def show_findings(aud: pd.DataFrame) -> pd.DataFrame:
    """The findings as the report's appendix shows them: six columns that fit a page.

    The full table (:func:`show_audit`) has eleven columns, too many for a printed page; here the
    place in the source is one column, the difference is left out (it is printed minus computed)
    and the computation and the reason share a column. The notebook keeps the full table.

    Parameters
    ----------
    aud
        :func:`helpers.costs.audit.discrepancies` (or :func:`helpers.costs.audit.audit`).

    Returns
    -------
    pandas.DataFrame
        Påstand (trykt), Sted, Trykt, Holdt mot, Beregnet, Vurdering: utregning og grunn.
    """
    full = show_audit(aud)
    place = [
        _place(d, t, ln) for d, t, ln in zip(full["Del"], full["Tabell/tekst"], full["Linje"], strict=True)
    ]
    reason = [
        f"{v}: {h}" + (f"; {w}" if w else "")
        for v, h, w in zip(full["Vurdering"], full["Utregning"], full["Hvorfor"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Påstand (trykt)": full["Påstand (trykt)"],
            "Sted": place,
            "Trykt": full["Trykt"],
            "Holdt mot": full["Holdt mot"],
            "Beregnet": full["Beregnet"],
            "Vurdering: utregning og grunn": reason,
        }
    )


def _place(section: str, table: str, line: str) -> str:
    """«Del 3.1, tekst, linje 1113»; a section without a number (the summary) is named once."""
    parts = [f"Del {section}" if section[:1].isdigit() else section]
    if table != section:
        parts.append(table)
    text = ", ".join([*parts, f"linje {line}"])
    return text[:1].upper() + text[1:]


def verdict_counts(aud: pd.DataFrame) -> pd.DataFrame:
    """Number of checked figures per verdict, in the fixed verdict order.

    Parameters
    ----------
    aud
        The audit table, one row per claim with its ``verdict``.

    Returns
    -------
    pandas.DataFrame
        Vurdering, Antall; every verdict, also those with no claim.
    """
    n = aud["verdict"].value_counts()
    return pd.DataFrame({"Vurdering": list(VERDICTS), "Antall": [int(n.get(v, 0)) for v in VERDICTS]})
