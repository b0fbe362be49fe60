"""Moves of the demo generator: each keeps what a published table sees of the respondents."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.survey import demo_moves, demo_text
from helpers.survey import lm_variables as lmv


def test_exposure_move_keeps_the_exposed_women_and_men():
    rng = np.random.default_rng(3)
    sex = np.array([1, 1, 1, 2, 2, 2, np.nan])
    values = np.array([1.0, 0.0, np.nan, 1.0, 1.0, 0.0, 0.0])
    move = demo_moves.exposure_move(sex)
    for _ in range(200):
        rows, new = move(rng, values)
        values[rows] = new
        assert (values[sex == 1] == 1).sum() == 1 and (values[sex == 2] == 1).sum() == 2
        assert values[6] != 1


def test_police_climb_keeps_the_sums_and_the_unanswered():
    """Permuted or split anew: the police-contact sum of Tabell 6.5/6.6/A.4 stays per respondent."""
    rng = np.random.default_rng(5)
    n = 40
    counts = np.column_stack([rng.integers(0, 6, n), rng.integers(0, 6, n), rng.integers(0, 6, n)]).astype(
        float
    )
    counts[30:, 2] = np.nan  # outside the control groups
    cols = {item: counts[:, j].copy() for j, item in enumerate(lmv.POLICE_COUNTS)}
    cols["q34_kjonn"] = np.where(np.arange(n) % 2 == 0, 1.0, 2.0)
    facts = pd.DataFrame(
        [
            {
                "fact_id": "x",
                "item": "q21_bortvist",
                "measure": "pct",
                "codes": "1-99",
                "group_item": "",
                "group_codes": "",
                "value": 10.0,
                "value_as_printed": "10 %",
            },
        ]
    )
    before = demo_text.fact_value(facts.iloc[0], cols)
    demo_moves.climb_police(rng, cols, facts, np.arange(n))
    after = np.column_stack([cols[c] for c in lmv.POLICE_COUNTS])
    assert np.array_equal(after[:30].sum(axis=1), counts[:30].sum(axis=1))
    assert np.isnan(after[30:]).any(axis=1).all() and not np.isnan(after[:30]).any()
    assert abs(demo_text.fact_value(facts.iloc[0], cols) - 10.0) < abs(before - 10.0)
