"""A made-up own survey with every codebook variable, drawn at test time (seeded).

Not a real respondent: codes are drawn uniformly from each item's value set (with some blanks),
numbers from a small range, one free-text answer names a workplace so the privacy tests can look
for it in every output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FREE_TEXT = "jobber på Kiwi Danmarksplass"


def own_survey(cb, n: int = 40, seed: int = 2026) -> pd.DataFrame:
    """``n`` respondents, ``resp_id`` 1..n, one column per codebook item."""
    rng = np.random.default_rng(seed)
    cols: dict[str, object] = {"resp_id": np.arange(1, n + 1)}
    for item, it in cb.items.iterrows():
        kind = it["item_type"]
        if kind == "text":
            cols[item] = [""] * n
        elif kind == "number":
            cols[item] = np.where(rng.random(n) < 0.1, np.nan, rng.integers(20, 70, n)).astype(float)
        else:
            codes = np.array(sorted(cb.labels(item)), dtype=float)
            draw = rng.choice(codes, n)
            cols[item] = np.where(rng.random(n) < 0.08, np.nan, draw)
    df = pd.DataFrame(cols)
    df.loc[3, "q30_annet_tekst"] = FREE_TEXT
    return df
