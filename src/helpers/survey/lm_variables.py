"""Derived variables and item groups of Lundeberg & Mjåland (2017): housing and age groups, police control.

The groupings are defined by their codes and bounds; their labels are built from them (the age
groups from their bounds, the police-control groups from their codes), so no label repeats a
number by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BOLIG3 = {1: "Egen eller leid leilighet/hus", 2: "Institusjon og annet", 3: "Hospits eller uten bopel"}
# q42 codes -> BOLIG3 (the report does not state the mapping; this one reproduces 4.8 and 4.9
# together with the 7-way split in the text, lines 6017-6019)
BOLIG3_FROM_Q42 = {1: 1, 2: 2, 3: 2, 4: 2, 6: 2, 5: 3, 7: 3}
# age groups of Tabell 4.9: code -> (lowest, highest age; None = no upper bound)
AGE_GROUPS: dict[int, tuple[int, int | None]] = {1: (18, 34), 2: (35, 44), 3: (45, None)}
POLICE_COUNTS = ("q21_bortvist", "q22_ransaket", "q23_anmeldt")
PRICE_ITEMS_5_3 = (
    "q29_pris_stesolid",
    "q29_pris_xanor",
    "q29_pris_rivotril",
    "q29_pris_clonazepan",
    "q29_pris_lyrica",
    "q29_pris_sobril",
)
PRICE_ITEMS_5_4 = ("q29_pris_heroin", "q29_pris_amfetamin", "q29_pris_kokain", "q29_pris_hasj")
Q16_ORDER_6_1 = (3, 1, 6, 9, 2, 4, 8, 5, 7)  # printed order (by frequency); «Annet» (10) not shown
Q15_ORDER_6_2 = ("q15_slag", "q15_spark", "q15_kvelning", "q15_knivstikking", "q15_voldtekt", "q15_annet")
Q32_ITEMS_5_7 = ("q32_heroin", "q32_amfetamin", "q32_hasj", "q32_piller")
POLICE_ITEMS_6_4 = ("q24_respekt_politi", "q25_tillit_politi", "q26_politi_trygghet")


def _age_label(lo: int, hi: int | None) -> str:
    return f"{lo} år og eldre" if hi is None else f"{lo}–{hi} år"


ALDER3 = {code: _age_label(lo, hi) for code, (lo, hi) in AGE_GROUPS.items()}
# police control groups of Tabell 6.5/6.6, labelled with their code as printed
KONTROLL = {code: f"{name} ({code})" for code, name in ((0, "Ingen kontroll"), (1, "Minst en kontroll"))}


def bolig3(q42: pd.Series) -> pd.Series:
    """Housing in the three groups of Tabell 4.8/4.9.

    Parameters
    ----------
    q42
        Codes of question 42 (housing).

    Returns
    -------
    pandas.Series
        Group codes of :data:`BOLIG3` (missing where q42 is).
    """
    return q42.map(BOLIG3_FROM_Q42)


def alder3(age: pd.Series) -> pd.Series:
    """Age groups as cut in Tabell 4.9 (:data:`AGE_GROUPS`; younger than the first -> missing).

    Parameters
    ----------
    age
        Age in years.

    Returns
    -------
    pandas.Series
        Group codes (float, NaN outside every group).
    """
    out = pd.Series(np.nan, index=age.index)
    for code, (lo, hi) in AGE_GROUPS.items():
        out[(age >= lo) & (age <= (np.inf if hi is None else hi))] = code
    return out


def politikontroll(data: pd.DataFrame) -> pd.Series:
    """0 = never sent away, searched or reported since the park closed, 1 = at least once
    (text lines 9504-9507).

    Parameters
    ----------
    data
        Respondent data with the three police-count items.

    Returns
    -------
    pandas.Series
        0/1, missing when any of the three questions is unanswered.
    """
    x = data[list(POLICE_COUNTS)]
    return (x.sum(axis=1) > 0).astype(float).where(x.notna().all(axis=1))


def politikontakt_sum(data: pd.DataFrame) -> pd.Series:
    """«Politikontaktny»: the sum of the three count codes (text lines 9593-9595).

    Parameters
    ----------
    data : pandas.DataFrame
        Respondents with ``q21_bortvist``, ``q22_ransaket`` and ``q23_anmeldt``.

    Returns
    -------
    pandas.Series
        The sum, missing when any of the three is unanswered.
    """
    x = data[list(POLICE_COUNTS)]
    return x.sum(axis=1).where(x.notna().all(axis=1))
