"""The text-only survey facts: parsed codes, computed values, and the demo file against them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core import paths
from helpers.survey import codebook, demo_text, files, published


def test_code_mask_reads_codes_alternatives_and_ranges():
    v = np.array([0, 1, 2, 3, 6, np.nan])
    assert demo_text.code_mask(v, "1").tolist() == [False, True, False, False, False, False]
    assert demo_text.code_mask(v, "2|6").tolist() == [False, False, True, False, True, False]
    assert demo_text.code_mask(v, "1-3").tolist() == [False, True, True, True, False, False]


def test_fact_value_counts_shares_of_the_answered_and_groups():
    cols = {"a": np.array([1, 1, 0, np.nan]), "g": np.array([1, 2, 2, 2])}
    fact = {"measure": "pct", "item": "a", "codes": "1", "group_item": "", "group_codes": ""}
    assert demo_text.fact_value(fact, cols) == 100 * 2 / 3
    assert demo_text.fact_value({**fact, "group_item": "g", "group_codes": "2"}, cols) == 50.0
    assert demo_text.fact_value({**fact, "measure": "missing"}, cols) == 1.0


def test_demo_file_gives_the_texts_sample_where_no_table_forbids_it():
    """Golden: 39 women and 122 men (text line 1358) are in the demo file as transcribed."""
    cb = files.read_codebook()
    data = codebook.validate(pd.read_csv(paths.raw("lm2016_survey_demo.csv")), cb)
    facts = published.read_text_facts()
    res = demo_text.check(facts, data, published.read_text_fact_reasons())
    ok = res.table.set_index("fact_id")["match"]
    assert ok["women_n"] and ok["men_n"] and ok["age_mean_women"] and ok["age_mean_men"]
    assert not ok["sample_n"]  # the tables count 166: a contradiction, listed with its reason
    listed = res.table[~res.table["reason"].isin(["", demo_text.NOT_EXPLAINED])]
    assert not listed["match"].any()
    assert res.n_reproduced == int(ok.sum()) and res.n_facts == len(facts)
