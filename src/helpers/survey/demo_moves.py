"""Moves of the demo generator that keep a published table true while the text's facts are approached.

Each move changes one respondent: an exact age inside the age group of Tabell 4.9, a housing
answer inside the housing group of Tabell 4.8, or the three police counts of one respondent
(permuted, so the police-contact sum of Tabell 6.5/6.6/A.4 is kept; or, for a respondent outside
those tables, one answered count redrawn).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.survey import demo_text
from helpers.survey import lm_variables as lmv
from helpers.survey.demo_text import Proposal

# exact ages of the oldest age group are drawn up to this age
DEMO_MAX_AGE = 66
# police counts of respondents outside Tabell 6.5/6.6 are drawn from 0 up to this
POLICE_MAX = 5


def age_move(agegrp: np.ndarray) -> Proposal:
    """A new exact age for one respondent inside his or her age group of Tabell 4.9.

    Parameters
    ----------
    agegrp
        Age group code of every respondent (NaN = outside Tabell 4.9).

    Returns
    -------
    callable
        ``(rng, values) -> (row, new age)``.
    """
    rows = np.flatnonzero(~np.isnan(agegrp))

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[int, float]:
        i = int(rows[rng.integers(len(rows))])
        lo, hi = lmv.AGE_GROUPS[int(agegrp[i])]
        return i, float(rng.integers(lo, (DEMO_MAX_AGE if hi is None else hi) + 1))

    return propose


def housing_move(house3: np.ndarray) -> Proposal:
    """Another housing answer for one respondent inside his or her housing group of Tabell 4.8.

    Parameters
    ----------
    house3
        Housing group of every respondent (NaN = outside Tabell 4.8).

    Returns
    -------
    callable
        ``(rng, values) -> (row, new answer)``.
    """
    rows = np.flatnonzero(~np.isnan(house3))

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[int, float]:
        i = int(rows[rng.integers(len(rows))])
        codes = [c for c, g in lmv.BOLIG3_FROM_Q42.items() if g == house3[i]]
        return i, float(codes[rng.integers(len(codes))])

    return propose


def climb_police(rng: np.random.Generator, cols: dict, facts: pd.DataFrame, rows: np.ndarray) -> None:
    """Move the three police counts towards the text's shares (bortvist, ransaket, anmeldt).

    Parameters
    ----------
    rng
        The generator's random number generator.
    cols
        Item -> values; the three police-count columns are changed in place.
    facts
        ``lm2016_survey_text_facts``.
    rows
        Respondents that may change: those with at least one control (their counts are permuted)
        and those outside the control groups (one answered count is redrawn).
    """
    items = list(lmv.POLICE_COUNTS)
    mine = facts[facts["item"].isin(items)].to_dict("records")
    if not mine or len(rows) == 0:
        return
    police = np.column_stack([np.asarray(cols[c], float) for c in items])
    for j, c in enumerate(items):
        cols[c] = police[:, j]
    best = demo_text.loss(mine, cols)
    for _ in range(demo_text.CLIMB_STEPS):
        if best == 0.0:
            break
        i = int(rows[rng.integers(len(rows))])
        old = police[i].copy()
        answered = np.flatnonzero(~np.isnan(old))
        if len(answered) == len(items):
            police[i] = rng.permutation(old)
        else:
            police[i, answered[rng.integers(len(answered))]] = float(rng.integers(0, POLICE_MAX + 1))
        for j, c in enumerate(items):
            cols[c][i] = police[i, j]
        new = demo_text.loss(mine, cols)
        if new <= best:
            best = new
        else:
            police[i] = old
            for j, c in enumerate(items):
                cols[c][i] = old[j]
