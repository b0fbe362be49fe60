"""Moves of the demo generator that keep a published table true while the text's facts are approached.

Each move changes one respondent (or swaps two): an exact age inside the age group of Tabell 4.9, a housing
answer inside the housing group of Tabell 4.8, exposure to violence between two respondents of the
same sex (Tabell 6.2 counts the exposed by sex), or the three police counts of one respondent
(permuted or split anew, so the police-contact sum of Tabell 6.5/6.6/A.4/A.5 is kept; or, for a
respondent outside those tables, one count redrawn or left unanswered). The generic moves (one
respondent's code, a swap inside a group, one of several moves, two at once) are here too, and
:func:`calibrate_free`, which moves every item no table fixes towards the text's facts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.survey import demo_fit, demo_text
from helpers.survey import lm_variables as lmv
from helpers.survey.codebook import Codebook
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
        ``(rng, values) -> (rows, new values)``: one row and its new age.
    """
    rows = np.flatnonzero(~np.isnan(agegrp))

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        i = int(rows[rng.integers(len(rows))])
        lo, hi = lmv.AGE_GROUPS[int(agegrp[i])]
        return np.array([i]), np.array([rng.integers(lo, (DEMO_MAX_AGE if hi is None else hi) + 1)], float)

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
        ``(rng, values) -> (rows, new values)``: one row and its new answer.
    """
    rows = np.flatnonzero(~np.isnan(house3))

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        i = int(rows[rng.integers(len(rows))])
        codes = [c for c, g in lmv.BOLIG3_FROM_Q42.items() if g == house3[i]]
        return np.array([i]), np.array([codes[rng.integers(len(codes))]], float)

    return propose


def exposure_move(sex: np.ndarray) -> Proposal:
    """Exposure to violence moved without changing Tabell 6.2's exposed women and men.

    Either two respondents of the same sex swap their answers (an exposed one becomes «Nei» or
    unanswered and the other exposed), or one who is not exposed moves between «Nei» and
    unanswered.

    Parameters
    ----------
    sex
        Sex code of every respondent (NaN = not given; never swapped).

    Returns
    -------
    callable
        ``(rng, values) -> (rows, new values)``.
    """
    swap = swap_proposal(sex)

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if rng.random() < 0.5:
            return swap(rng, values)
        rows = np.flatnonzero(values != 1)
        return np.array([rows[rng.integers(len(rows))]]), np.array([[0.0, np.nan][rng.integers(2)]])

    return propose


def _police_move(rng: np.random.Generator, counts: np.ndarray, split: bool) -> np.ndarray:
    """New police counts for one respondent that keep what the tables see of him or her.

    A respondent with all three counts is in Tabell 6.5/6.6 and A.4/A.5 through their sum only:
    the counts are permuted or split anew with the same sum. A respondent outside those tables
    (at least one count unanswered) gets one count redrawn or left unanswered, so long as one
    stays unanswered.
    """
    answered = np.flatnonzero(~np.isnan(counts))
    if len(answered) == len(counts):
        total = int(counts.sum())
        if not split or total == 0 or rng.random() < 0.5:
            return rng.permutation(counts)
        return np.array(demo_fit.split_sum(rng, total), float)
    new = counts.copy()
    if not split:  # one answered count redrawn
        new[answered[rng.integers(len(answered))]] = float(rng.integers(0, POLICE_MAX + 1))
        return new
    new[rng.integers(len(new))] = [*range(POLICE_MAX + 1), np.nan][rng.integers(POLICE_MAX + 2)]
    return new if np.isnan(new).any() else counts


def climb_police(
    rng: np.random.Generator, cols: dict, facts: pd.DataFrame, rows: np.ndarray, split: bool = True
) -> None:
    """Move the three police counts towards the text's shares (bortvist, ransaket, anmeldt).

    Parameters
    ----------
    rng
        The demo generator's random number generator, or a child of it (``rng.spawn``).
    cols
        Item -> values; the three police-count columns are changed in place.
    facts
        ``lm2016_survey_text_facts``.
    rows
        Respondents that may change: those with at least one control (their counts are permuted
        or split anew with the same sum) and those outside the control groups (one count is
        redrawn or left unanswered, at least one stays unanswered).
    split
        False: only permute the counts, and redraw only an answered count outside the groups.
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
        police[i] = _police_move(rng, old, split)
        for j, c in enumerate(items):
            cols[c][i] = police[i, j]
        new = demo_text.loss(mine, cols)
        if new <= best:
            best = new
        else:
            police[i] = old
            for j, c in enumerate(items):
                cols[c][i] = old[j]


def choice_proposal(movable: np.ndarray, choices: list[float]) -> Proposal:
    """A move: one random respondent among ``movable`` gets one random code of ``choices``.

    Parameters
    ----------
    movable
        Row numbers that may change.
    choices
        Codes to draw from (NaN = not answered).

    Returns
    -------
    callable
        ``(rng, values) -> (rows, new values)``, one row.
    """
    opts = np.array(choices, float)

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        row = np.array([movable[rng.integers(len(movable))]], int)
        return row, np.array([opts[rng.integers(len(opts))]], float)

    return propose


def swap_proposal(groups: np.ndarray) -> Proposal:
    """A move that swaps the values of two respondents of the same group (the group's counts stay).

    Parameters
    ----------
    groups
        Group code of every respondent (NaN = never swapped), e.g. the sex codes.

    Returns
    -------
    callable
        ``(rng, values) -> (rows, new values)``, two rows.
    """
    rows = np.flatnonzero(~np.isnan(groups))

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        i = int(rows[rng.integers(len(rows))])
        mates = rows[groups[rows] == groups[i]]
        pair = np.array([i, int(mates[rng.integers(len(mates))])], int)
        return pair, values[pair[::-1]].copy()

    return propose


def either(*proposals: Proposal) -> Proposal:
    """A move that is one of ``proposals``, chosen at random each time.

    Parameters
    ----------
    *proposals
        The moves to choose from.

    Returns
    -------
    callable
        ``(rng, values) -> (rows, new values)``.
    """

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return proposals[int(rng.integers(len(proposals)))](rng, values)

    return propose


def pair_of(proposal: Proposal) -> Proposal:
    """A move made of two moves of ``proposal`` at once (out of a state no single move improves).

    Parameters
    ----------
    proposal
        A one-row move.

    Returns
    -------
    callable
        ``(rng, values) -> (rows, new values)``, two rows.
    """

    def propose(rng: np.random.Generator, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        (r1, v1), (r2, v2) = proposal(rng, values), proposal(rng, values)
        return np.concatenate([r1, r2]), np.concatenate([v1, v2])

    return propose


MISSING_MEASURES = ("missing", "missing_pct", "answered")


# a number item's answers range up to this multiple of its printed mean (a long right tail)
NUMBER_SPAN = 3


def _choices(cb: Codebook, item: str, values: np.ndarray, facts: pd.DataFrame) -> list[float]:
    t = cb.items.loc[item, "item_type"]
    if t == "multiple_response":
        return [0.0, 1.0]
    if t == "number":
        means = facts.loc[facts["measure"] == "mean", "value"].astype(float)
        top = np.nanmax(values) if np.isfinite(values).any() else 0.0
        hi = max(top, NUMBER_SPAN * means.max() if len(means) else 0.0)
        return [float(c) for c in range(int(hi) + 1)]
    return [float(c) for c in cb.labels(item)]


def calibrate_free(
    rng: np.random.Generator, cols: dict, facts: pd.DataFrame, cb: Codebook, frozen: set[str]
) -> None:
    """Move every item no published table constrains towards the text facts on it.

    Each item first against the facts on it alone, then the items of a fact on several questions
    again against all their facts (so that no item is bent to fit another that is not fitted yet).
    Each climb changes answers first and lets «Ikke svart» in after, only as far as the facts ask
    (a share of those who answered depends on how many answered), one or two answers at a time.

    Parameters
    ----------
    rng
        The generator's random number generator.
    cols
        Item -> values of every respondent, changed in place.
    facts
        ``lm2016_survey_text_facts``.
    cb
        The codebook (answer codes of each item).
    frozen
        Items a published table fixes (left alone, as are items moved by their own block).
    """
    several = facts["item"].map(lambda i: len(demo_text.fact_items(str(i))[0]) > 1)
    free = sorted(demo_text.items_of(facts) - frozen - {"resp_id"})
    rounds = ((facts[~several], free), (facts, [i for i in free if i in demo_text.items_of(facts[several])]))
    for aimed, items in rounds:
        for item in items:
            on = demo_text.facts_on(aimed, item)
            values = np.asarray(cols[item], float)
            choices = _choices(cb, item, values, facts[facts["item"] == item])
            movable = np.arange(len(values))
            demo_text.climb(rng, cols, item, on, choice_proposal(movable, choices))
            either_one = choice_proposal(movable, [*choices, float("nan")])
            demo_text.climb(rng, cols, item, on, either(either_one, pair_of(either_one)))
