"""Survey tabulation in the style of Lundeberg & Mjåland (2017).

Their frequency tables list the answer categories in questionnaire order with «Antall svar» and
«Prosent» (one decimal, of those who answered) and a «Total» row. The same functions tabulate
respondent-level data (:func:`frequency_table`) or counts transcribed from a published table
(:func:`frequency_table_from_counts`), so a reproduction goes through the code that will tabulate
the student's own survey.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.cleaning import round_half_away
from helpers.formatting import ANTALL_SVAR, PROSENT, TOTAL, fmt_int, fmt_num, match_marker

CATEGORY = "Svar"


def frequency_table_from_counts(categories: Sequence[str], counts: Sequence[int],
                                decimals: int = 1) -> pd.DataFrame:
    """Frequency table (numbers, not strings) from counts per category in questionnaire order.

    Returns columns ``Svar``, ``Antall svar``, ``Prosent`` and a last ``Total`` row; percentages
    are of the sum of the counts (valid answers), rounded half away from zero like SPSS output.
    """
    if len(categories) != len(counts):
        raise ValueError("categories and counts differ in length")
    if len(set(categories)) != len(categories):
        raise ValueError("duplicate category labels")
    counts = [int(c) for c in counts]
    if any(c < 0 for c in counts):
        raise ValueError("negative count")
    n = sum(counts)
    pct = [round_half_away(100.0 * c / n, decimals) if n else float("nan") for c in counts]
    table = pd.DataFrame({CATEGORY: list(categories), ANTALL_SVAR: counts, PROSENT: pct})
    total = pd.DataFrame({CATEGORY: [TOTAL], ANTALL_SVAR: [n], PROSENT: [100.0 if n else None]})
    return pd.concat([table, total], ignore_index=True)


def frequency_table(answers: pd.Series, categories: Sequence[str],
                    decimals: int = 1) -> pd.DataFrame:
    """Frequency table of respondent-level answers; categories never chosen are shown with 0.

    Missing answers (NaN) are left out of the base; an answer outside ``categories`` is an error.
    """
    valid = answers.dropna()
    unknown = sorted(set(valid) - set(categories))
    if unknown:
        raise ValueError(f"answers not in the category list: {unknown}")
    counts = valid.value_counts().reindex(list(categories), fill_value=0)
    return frequency_table_from_counts(list(categories), counts.tolist(), decimals)


def compare_with_published(ours: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Side-by-side frame: our counts and percentages beside the printed ones, with match flags.

    ``printed`` has columns ``category``, ``count``, ``percent`` (including the total row, whose
    category is ``Total``).
    """
    p = printed.set_index("category")
    rows = []
    for _, r in ours.iterrows():
        cat = r[CATEGORY]
        pr = p.loc[cat] if cat in p.index else None
        rows.append({
            CATEGORY: cat,
            "antall_ours": int(r[ANTALL_SVAR]),
            "antall_printed": None if pr is None else int(pr["count"]),
            "prosent_ours": r[PROSENT],
            "prosent_printed": None if pr is None else float(pr["percent"]),
        })
    out = pd.DataFrame(rows)
    out["antall_match"] = out["antall_ours"] == out["antall_printed"]
    out["prosent_match"] = out["prosent_ours"] == out["prosent_printed"]
    return out


def format_comparison(cmp: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """The comparison as report cells: printed table layout plus a match marker per cell."""
    return pd.DataFrame({
        "": cmp[CATEGORY],
        f"{ANTALL_SVAR} (publisert)": cmp["antall_printed"].map(fmt_int),
        f"{PROSENT} (publisert)": cmp["prosent_printed"].map(lambda v: fmt_num(v, decimals)),
        f"{ANTALL_SVAR} (beregnet)": cmp["antall_ours"].map(fmt_int),
        f"{PROSENT} (beregnet)": cmp["prosent_ours"].map(lambda v: fmt_num(v, decimals)),
        "Samsvar": [match_marker(a and b) for a, b in
                    zip(cmp["antall_match"], cmp["prosent_match"], strict=True)],
    })
