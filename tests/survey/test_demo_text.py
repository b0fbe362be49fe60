"""The text-only survey facts: parsed codes, computed values, and the demo file against them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core import paths
from helpers.survey import codebook, demo_moves, demo_text, files, published


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


def test_swap_keeps_each_groups_counts_and_either_picks_a_move():
    rng = np.random.default_rng(0)
    groups = np.array([1, 1, 2, 2, np.nan])
    values = np.array([1.0, 0.0, 1.0, np.nan, 1.0])
    swap = demo_moves.swap_proposal(groups)
    for _ in range(50):
        rows, new = swap(rng, values)
        assert len(rows) == 2 and groups[rows[0]] == groups[rows[1]] and rows.max() < 4
        values[rows] = new
        assert np.nansum(values[:2]) == 1 and np.nansum(values[2:4]) == 1 and values[4] == 1
    one = demo_moves.choice_proposal(np.array([4]), [7.0])
    rows, new = demo_moves.either(one)(rng, values)
    assert rows.tolist() == [4] and new.tolist() == [7.0]


def test_a_share_stated_twice_is_aimed_at_as_first_stated():
    """Golden: «sterkt ruset» is 38 % at text line 8859 and 40 % at line 9707; 8859 is the target."""
    facts = published.read_text_facts()
    aimed = demo_text.targets(facts)
    ruset = facts[facts["item"] == "q17_ruset"]
    assert sorted(ruset["value"].tolist()) == [38, 40]
    assert aimed.loc[aimed["item"] == "q17_ruset", "source_line"].tolist() == [8859]
    assert len(aimed) == len(facts) - 1


def test_demo_file_reproduces_every_text_fact_no_table_or_text_forbids():
    """Golden: every fact without a recorded reason is printed the same from the demo file."""
    cb = files.read_codebook()
    data = codebook.validate(pd.read_csv(paths.raw("lm2016_survey_demo.csv")), cb)
    reasons = published.read_text_fact_reasons()
    res = demo_text.check(published.read_text_facts(), data, reasons)
    assert (res.table["reason"] != demo_text.NOT_EXPLAINED).all()
    assert set(res.table.loc[~res.table["match"], "fact_id"]) == set(reasons)
    ok = res.table.set_index("fact_id")["match"]
    assert ok["born_abroad_n"] and ok["born_abroad_pct"] and ok["born_norway_pct"]  # 13 (8 %), 92 %
    assert ok["reason_intoxicated_pct"] and not ok["reason_intoxicated_summary_pct"]


def test_a_fact_on_several_questions_counts_any_or_all_of_those_who_answered_each():
    cols = {"a": np.array([1, 2, 2, 1, np.nan]), "b": np.array([2, 2, 1, 1, 2])}
    fact = {"measure": "pct", "item": "a|b", "codes": "2", "group_item": "", "group_codes": ""}
    assert demo_text.fact_value(fact, cols) == 100 * 3 / 4  # base: the four who answered both
    assert demo_text.fact_value({**fact, "item": "a&b"}, cols) == 100 * 1 / 4
    assert demo_text.items_of(pd.DataFrame({"item": ["a&b", "c", "b|d"]})) == {"a", "b", "c", "d"}
    assert demo_text.fact_items("a&b&c") == (["a", "b", "c"], "&")


def test_two_question_facts_are_transcribed_and_reproduced():
    """Golden: 19 % with a foreign-born parent (line 1375), 22 % never in any treatment (line 6499)."""
    facts = published.read_text_facts().set_index("fact_id")
    assert facts.loc["parent_abroad_pct", ["item", "value", "source_line"]].tolist() == [
        "q36_mor_fra|q37_far_fra",
        19,
        1375,
    ]
    assert facts.loc["treatment_never_pct", ["item", "value", "source_line"]].tolist() == [
        "q07_lar&q07_poliklinisk&q07_institusjon",
        22,
        6499,
    ]
    cb = files.read_codebook()
    data = codebook.validate(pd.read_csv(paths.raw("lm2016_survey_demo.csv")), cb)
    res = demo_text.check(facts.reset_index(), data, published.read_text_fact_reasons())
    ok = res.table.set_index("fact_id")["match"]
    assert ok["parent_abroad_pct"] and ok["treatment_never_pct"]
