"""Linked tables: a cell hidden in one table of an own survey is not recoverable from another.

The frequency tables of sex and housing, the age row of the number table and the two crosstabs
(housing by sex, housing by age group) count the same respondents. The attacker
(tests/survey/attacker.py) combines them: the crosstab's column margin of a housing group is the
sum of the frequency table's housing codes in that group minus those who did not answer sex, its
row margin of a sex is the frequency count minus those of that sex who did not answer housing.
The relations are written here from the printed layouts, not taken from the code under test.
"""

import pandas as pd
import pytest

from helpers.survey import files, own_tables
from tests.survey.attacker import own_survey_links, recovered_linked

T = 5
SEX = {1: "Kvinne", 2: "Mann"}
# housing code -> the crosstab column (the grouping of the codebook, Tabell 4.8/4.9)
GROUP = {1: 1, 2: 2, 3: 2, 4: 2, 6: 2, 5: 3, 7: 3}


@pytest.fixture(scope="module")
def cb():
    return files.read_codebook()


def _survey(groups: list[tuple[int, int, int, float]]) -> pd.DataFrame:
    rows = [(s, b, a) for n, s, b, a in groups for _ in range(n)]
    df = pd.DataFrame(rows, columns=["q34_kjonn", "q42_bolig", "q33_alder"], dtype=float)
    df.insert(0, "resp_id", range(1, len(df) + 1))
    return df


# 4 in institutions (code 2 and 3: hidden in the crosstab), 13 «uten fast bopel» (code 5, printed
# in the housing frequency table): before the linked audit the crosstab hid its column margin 13
# only, so the hidden 4 was 34 − 17 − 13.
CASE_MARGIN = [(2, 1, 2, 30), (2, 2, 3, 40), (9, 1, 1, 30), (8, 2, 1, 50), (6, 1, 5, 40), (7, 2, 5, 30)]
# 3 did not answer housing (hidden «Ikke svart»); sex and age complete, so without the link the
# crosstab's printed grand total would give it as respondents − total
CASE_MISSING = [(9, 1, 1, 30), (8, 2, 1, 50), (6, 1, 5, 40), (7, 2, 5, 30), (5, 1, 2, 60), (3, 2, None, 40)]


def _freq_counts(table) -> tuple[dict, list, dict]:
    c = table.cells
    counts = {
        int(r): v
        for r, v in zip(
            c.loc[c.statistic == "count", "row_order"], c.loc[c.statistic == "count", "value"], strict=True
        )
    }
    k = len(counts) - 3  # categories; then Total, Ikke svart, all respondents
    pcts = {
        int(r): (v, k + 1)
        for r, v in zip(
            c.loc[c.statistic == "percent", "row_order"],
            c.loc[c.statistic == "percent", "value"],
            strict=True,
        )
    }
    rel = [(k + 1, list(range(1, k + 1))), (k + 3, [k + 1, k + 2])]
    return counts, rel, pcts


def _cross_counts(table) -> tuple[dict, list, dict]:
    c = table.cells
    cnt = c[c.statistic == "count"]
    counts = {(int(i), int(j)): v for i, j, v in zip(cnt.row_order, cnt.col_order, cnt.value, strict=True)}
    n_r, n_c = max(i for i, _ in counts), max(j for _, j in counts)
    rel = [((i, n_c), [(i, j) for j in range(1, n_c)]) for i in range(1, n_r + 1)]
    rel += [((n_r, j), [(i, j) for i in range(1, n_r)]) for j in range(1, n_c + 1)]
    pc = c[c.statistic == "percent"]
    pcts = {
        (int(i), int(j)): (v, (int(i), n_c))
        for i, j, v in zip(pc.row_order, pc.col_order, pc.value, strict=True)
    }
    return counts, rel, pcts


def _numeric_counts(table, n_resp: int) -> tuple[dict, list, dict]:
    c = table.cells.set_index(["row", "statistic"])["value"]
    counts = {"n": c[("q33_alder", "n")], "missing": c[("q33_alder", "missing")], "all": float(n_resp)}
    return counts, [("all", ["n", "missing"])], {}


def _attack(df: pd.DataFrame, cb) -> dict:
    freqs, _ = own_tables.item_tables(df, cb, T)
    by_key = {t.key: t for t in freqs}
    kjonn, alder = own_tables.crosstab_tables(df, cb, T)
    numeric = own_tables.numeric_table(df, cb, T)
    tables = {
        "sex": _freq_counts(by_key["q34_kjonn"]),
        "bolig": _freq_counts(by_key["q42_bolig"]),
        "age": _numeric_counts(numeric, len(df)),
        "xs": _cross_counts(kjonn),
        "xa": _cross_counts(alder),
    }
    rows = {g: [code for code, grp in GROUP.items() if grp == g] for g in (1, 2, 3)}  # row = code
    links, latent = own_survey_links(len(SEX), rows, 3)
    return recovered_linked(tables, links, latent)


@pytest.mark.parametrize("case", [CASE_MARGIN, CASE_MISSING], ids=["crosstab-margin", "ikke-svart"])
def test_linked_tables_hide_nothing_recoverable(case, cb):
    df = _survey(case)
    assert _attack(df, cb) == {}


def test_linked_cells_are_hidden_in_every_table_that_prints_them(cb):
    df = _survey(CASE_MARGIN)
    freqs, _ = own_tables.item_tables(df, cb, T)
    bolig = {t.key: t for t in freqs}["q42_bolig"].cells
    kjonn = own_tables.crosstab_tables(df, cb, T)[0].cells
    shown_13 = bolig[(bolig.statistic == "count") & (bolig.value == 13)]
    hidden_13 = kjonn[
        (kjonn.statistic == "count") & kjonn.suppressed & (kjonn.row_order == 3) & (kjonn.col_order == 3)
    ]
    assert shown_13.empty or hidden_13.empty  # not printed in one table and hidden in the other
