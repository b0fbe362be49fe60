"""Group statistics of an own survey: the own chapter prints none by group, and a group of one
prints no statistic in any own-survey path that prints a mean (the number table, the Likert summary).

The own chapter (report/_survey-egen.qmd) embeds only the own-* cells of notebook 03; the group
statistics of Tabell 6.5/6.6, the t-tests and the χ² tests are computed from the demo file only.
"""

import json
import math
import re

import pandas as pd
import pytest

from helpers.core import paths
from helpers.survey import files, own_tables

T = 5
GROUP_STAT_CALLS = ("lm_tables.reproduce", "t_test_table", "chi_square_pairs", "group_means", "chi_square(")


@pytest.fixture(scope="module")
def cb():
    return files.read_codebook()


def _code_cells() -> list[str]:
    nb = json.loads((paths.ROOT / "notebooks" / "03_survey_tabulation.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_group_statistics_are_computed_from_the_demo_file_only():
    calls = [
        line for src in _code_cells() for line in src.splitlines() if any(f in line for f in GROUP_STAT_CALLS)
    ]
    assert calls  # the demo chapter has them
    for line in calls:
        assert re.search(r"\bdemo\b", line) and not re.search(r"\bown\b", line), line


def test_own_chapter_embeds_only_own_cells():
    qmd = (paths.REPORT / "_survey-egen.qmd").read_text(encoding="utf-8")
    labels = re.findall(r"03_survey_tabulation\.ipynb#([\w-]+)", qmd)
    assert labels and all(lab.startswith(("own-", "tbl-own-")) for lab in labels), labels


def _one_answer(cb, item: str, value: float) -> pd.DataFrame:
    df = pd.DataFrame({"resp_id": range(1, 21), item: [value] + [None] * 19})
    return df


def test_group_of_one_prints_no_statistic_in_the_number_table(cb):
    df = _one_answer(cb, "q29_pris_heroin", 250.0)
    cells = own_tables.numeric_table(df, cb, T).cells.set_index("statistic")
    for stat in ("n", "missing", "mean", "median", "sd", "min", "max"):
        assert math.isnan(cells.loc[stat, "value"]) and cells.loc[stat, "suppressed"], stat
    # «Ikke svart» 19 of 20 printed respondents would give the one answer's N back


def test_group_of_one_prints_no_mean_in_the_likert_summary(cb):
    df = _one_answer(cb, "q10_bruke", 4.0)
    _, likert = own_tables.item_tables(df, cb, T)
    shown = likert.cells[~likert.cells["suppressed"]]
    assert set(shown["statistic"]) <= {"count"} and (shown["value"] == 0).all(), shown  # empty groups only
    assert math.isnan(likert.cells.loc[likert.cells["statistic"] == "mean", "value"].iloc[0])
