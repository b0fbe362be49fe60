"""Seeded generator of a SYNTHETIC respondent file consistent with L&M's published survey tables.

Lundeberg & Mjåland (2017) did not publish their microdata. This generator builds a demo file of
166 respondents (the SPSS outputs in Tabell 5.3, 5.5 and 5.6 count 166 rows although the text says
N = 165; we follow the outputs, because only a file of 166 can give their «Ikke svart» counts) so
that the project's tabulation engine, run on it, gives the published cells. The targets are read
from the transcribed tables (``lm2016_published_tables`` and Tabell 4.14), never typed in here.

How each block is built (all randomness from one ``numpy.random.default_rng(seed)``):

1. sex × age group × housing: per housing group, the sexes of Tabell 4.8 and the age groups of
   Tabell 4.9 (plus «no age» for the difference) are shuffled and paired, so both tables hold at
   once. The seven housing answers inside a group, exact ages inside an age group and the 16
   respondents outside the tables are drawn at random (unconstrained).
2. violence (6.2): 114 respondents exposed (31 women, 83 men, the bases that reproduce the
   gender columns); each option of ⑮ is ticked for exactly the printed number of women and men.
   The printed totals that contradict the gender columns (Kvelning, Annet) cannot be met.
3. one-item frequency tables (4.14-4.17, 5.5, 5.6, 5.7, 6.1, 6.3, 6.4, 6.7): the printed counts
   are dealt out to randomly chosen respondents, the rest are «Ikke svart». 6.1 needs a base that
   is not printed: :func:`implied_base` finds the base that fits the most printed percentages
   (136, seven of nine); the difference to the printed counts is given to «Annet».
4. police control, respect and trust (6.4, 6.5, 6.6, A.4): the split of the 6.4 answers into the
   two control groups of 6.5/6.6 is searched exhaustively for the best match of N, mean, SD and
   SE; then the police-contact sum (A.4) is fitted by a seeded hill-climb, and the trust
   statement of Tabell 6.7 is permuted between respondents (counts unchanged) towards A.5.
5. prices (Figur 5.2, 5.3, 5.4): values with the printed n, minimum, maximum and median, then a hill-climb
   on pairs of values towards the printed mean and SD.
6. every other item: plausible random codes («ikke publisert» in the codebook appendix).
7. the survey facts stated only in the text (``lm2016_survey_text_facts``: sample, ages, born in
   Norway, prison, overdoses, treatment, violence, ...): the women and men outside Tabell 4.8 make
   the text's counts; exact ages and housing answers move inside their table groups, exposure
   to violence swaps between two respondents of the same sex (6.2 counts the exposed by sex),
   the police counts of a respondent are permuted or split anew with the same sum (what 6.5,
   6.6, A.4 and A.5 see) — these two on child generators (``rng.spawn``), so that the draws of
   the table fits after them stay the same — and every item no table fixes starts fully
   answered and is moved one or two answers at a time by :func:`helpers.survey.demo_text.climb`
   towards its facts, a fact on two questions at once («minst en utenlandskfødt forelder»,
   «verken er i eller har vært i» any treatment) after each item alone. A share the
   text states twice with two values («sterkt ruset», 38 % and 40 %) is aimed at as first
   stated (:func:`helpers.survey.demo_text.targets`). Facts a table or the text itself forbids
   (the tables count 166, not 165) are listed with the arithmetic in
   ``lm2016_survey_text_fact_reasons``.

The result is demo data: it reproduces published tables, it is not a finding about anybody.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from helpers.core import catalogue, paths, writers
from helpers.core.formatting import round_half_away
from helpers.survey import demo_fit, demo_moves, demo_text, published
from helpers.survey import lm_variables as lmv
from helpers.survey.codebook import Codebook
from helpers.survey.demo_resource import DEFAULT_SEED, DEMO_RESOURCE, N_RESPONDENTS, resource_descriptor
from helpers.survey.files import read_codebook
from helpers.survey.lm_tables import PRICE_ITEMS_F5_2, TABLE_ITEMS

# exact ages of the oldest age group are drawn up to this age
DEMO_MAX_AGE = demo_moves.DEMO_MAX_AGE


def _cells(published: pd.DataFrame, table: str, statistic: str = "count") -> pd.DataFrame:
    p = published[(published["table"] == table) & (published["statistic"] == statistic)]
    return p.sort_values(["row_order", "col_order"])


def _cell(published: pd.DataFrame, table: str, row: int, col: int) -> int:
    c = _cells(published, table)
    return int(c[(c.row_order == row) & (c.col_order == col)]["value"].iloc[0])


def implied_base(counts: list[float], percents: list[float], decimals: int = 1) -> int:
    """The base (at least the sum of the counts) that reproduces the most printed percentages.

    Parameters
    ----------
    counts
        Printed counts.
    percents
        Printed percentages of the same categories.
    decimals
        Printed decimals of the percentages.

    Returns
    -------
    int
        The base; the smallest such base when several tie.
    """
    best = (-1, 0)
    for base in range(int(sum(counts)), 10 * int(sum(counts)) + 10):
        fits = sum(
            round_half_away(100 * c / base, decimals) == p for c, p in zip(counts, percents, strict=True)
        )
        if fits > best[0]:
            best = (fits, base)
    return best[1]


def _deal(rng: np.random.Generator, n: int, counts: dict, eligible: np.ndarray) -> np.ndarray:
    """Values for ``n`` rows: ``counts`` (code -> how many) dealt to random ``eligible`` rows."""
    values = [code for code, k in counts.items() for _ in range(int(k))]
    if len(values) > len(eligible):
        raise ValueError(f"{len(values)} answers for {len(eligible)} eligible respondents")
    out = np.full(n, np.nan)
    chosen = rng.permutation(eligible)[: len(values)]
    out[chosen] = rng.permutation(np.array(values, dtype=float))
    return out


def _freq_counts(published: pd.DataFrame, table: str, n_categories: int, col: int = 1) -> dict[int, int]:
    c = _cells(published, table)
    c = c[(c["col_order"] == col) & (c["row_order"] <= n_categories)]
    return {int(r): int(v) for r, v in zip(c["row_order"], c["value"], strict=True)}


def _row_counts(published: pd.DataFrame, table: str, row: int, n_categories: int) -> dict:
    c = _cells(published, table)
    c = c[(c["row_order"] == row) & (c["col_order"] <= n_categories)]
    return {int(k): int(v) for k, v in zip(c["col_order"], c["value"], strict=True)}


def _stat(published: pd.DataFrame, table: str, row: int, statistic: str) -> float:
    p = published[
        (published["table"] == table)
        & (published["row_order"] == row)
        & (published["statistic"] == statistic)
    ]
    return float(p["value"].iloc[0])


# ------------------------------------------------------------------------------- the blocks


def _block_people(
    rng: np.random.Generator, published: pd.DataFrame, facts: pd.DataFrame, n: int, cols: dict
) -> np.ndarray:
    """Block 1: sex x age group x housing (4.8, 4.9) and the text's sex counts. Returns the sex codes."""
    sex, agegrp, house3 = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    pos = 0
    for h in (1, 2, 3):
        m, f = _cell(published, "4.8", 1, h), _cell(published, "4.8", 2, h)
        ages: list[float] = [a for a in (1, 2, 3) for _ in range(_cell(published, "4.9", a, h))]
        if len(ages) > m + f:
            raise ValueError("Tabell 4.9 has more respondents in a housing group than Tabell 4.8")
        ages += [np.nan] * (m + f - len(ages))
        k = m + f
        sex[pos : pos + k] = rng.permutation([2] * m + [1] * f)
        agegrp[pos : pos + k] = rng.permutation(np.array(ages, dtype=float))
        house3[pos : pos + k] = h
        pos += k
    outside = np.arange(n)[pos:]
    # the text's women and men (lm2016_survey_text_facts) less those in the tables; the rest unknown
    women, men = (_fact(facts, f) - int((sex == code).sum()) for f, code in (("women_n", 1), ("men_n", 2)))
    sex[outside] = rng.permutation([1] * women + [2] * men + [np.nan] * (len(outside) - women - men))
    agegrp[outside] = rng.choice([1, 2, 3, np.nan], len(outside))
    q42 = np.full(n, np.nan)
    for h in (1, 2, 3):
        sel = house3 == h
        q42[sel] = rng.choice([c for c, g in lmv.BOLIG3_FROM_Q42.items() if g == h], int(sel.sum()))
    age = np.full(n, np.nan)
    for g, (lo, hi) in lmv.AGE_GROUPS.items():
        sel = agegrp == g
        age[sel] = rng.integers(lo, (DEMO_MAX_AGE if hi is None else hi) + 1, int(sel.sum()))
    cols["q34_kjonn"], cols["q33_alder"], cols["q42_bolig"] = sex, age, q42
    # exact ages inside their age group, then housing inside its group, towards the text's facts
    moves = {"q33_alder": demo_moves.age_move(agegrp), "q42_bolig": demo_moves.housing_move(house3)}
    for item, move in moves.items():
        demo_text.climb(rng, cols, item, facts[facts["item"] == item], move)
    return sex


def _fact(facts: pd.DataFrame, fact_id: str) -> int:
    return int(facts.loc[facts["fact_id"] == fact_id, "value"].iloc[0])


def _block_violence(
    rng: np.random.Generator, published: pd.DataFrame, facts: pd.DataFrame, sex: np.ndarray, cols: dict
) -> None:
    """Block 2: exposure to violence and its types by sex (6.2)."""
    n, idx = len(sex), np.arange(len(sex))
    t62, p62 = _cells(published, "6.2"), _cells(published, "6.2", "percent")
    bases = {}
    for g, sex_code in ((1, 1), (2, 2)):  # col 1 Kvinne, col 2 Mann
        c = t62[t62.col_order == g].set_index("row_order")["value"]
        p = p62[p62.col_order == g].set_index("row_order")["value"]
        # the base is not printed for men: the smallest base that reproduces every percentage
        for base in range(int(c.max()), 1000):
            if all(round_half_away(100 * c[r] / base, 0) == p[r] for r in c.index):
                bases[sex_code] = base
                break
    exposed = np.zeros(n, bool)
    for sex_code, base in bases.items():
        exposed[rng.permutation(idx[sex == sex_code])[:base]] = True
    q12 = np.where(exposed, 1.0, 0.0)
    q12[(~exposed) & (rng.random(n) < 0.1)] = np.nan
    cols["q12_vold_utsatt_noen_gang"] = q12
    # the text's shares (72 %, by sex and age): the unexposed move between «Nei» and unanswered,
    # then (on a child generator, so the draws of the later table fits stay) exposure swaps between
    # two of the same sex too; 6.2's exposed women and men stay
    on = demo_text.facts_on(facts, "q12_vold_utsatt_noen_gang")
    on = on[on["item"] == "q12_vold_utsatt_noen_gang"]
    demo_text.climb(
        rng, cols, "q12_vold_utsatt_noen_gang", on, demo_moves.choice_proposal(idx[~exposed], [0, np.nan])
    )
    demo_text.climb(rng.spawn(1)[0], cols, "q12_vold_utsatt_noen_gang", on, demo_moves.exposure_move(sex))
    q12 = cols["q12_vold_utsatt_noen_gang"]
    exposed = q12 == 1
    for r, item in enumerate(lmv.Q15_ORDER_6_2, start=1):
        v = np.where(np.isnan(q12), np.nan, 0.0)
        for g, sex_code in ((1, 1), (2, 2)):
            k = int(t62[(t62.col_order == g) & (t62.row_order == r)]["value"].iloc[0])
            v[rng.permutation(idx[exposed & (sex == sex_code)])[:k]] = 1.0
        cols[item] = v
    cols["q15_ikke_utsatt"] = np.where(np.isnan(q12), np.nan, (q12 == 0).astype(float))


def _block_frequencies(rng: np.random.Generator, published: pd.DataFrame, n: int, cols: dict) -> None:
    """Block 3: the printed counts of the one-item tables dealt to random respondents."""
    idx = np.arange(n)
    single = {
        "q09_hjelp_far": ("4.14", 6),
        "q11_lettere_behandling": ("4.15", 5),
        "q11_livssituasjon_bedre": ("4.16", 5),
        "q11_bedre_helse": ("4.17", 5),
        "q11_pris_opp": ("5.5", 5),
        "q31_tilgang_endring": ("5.6", 3),
    }
    for item, (table, k) in single.items():
        cols[item] = _deal(rng, n, _freq_counts(published, table, k), idx)
    for r, item in enumerate(lmv.Q32_ITEMS_5_7, start=1):
        cols[item] = _deal(rng, n, _row_counts(published, "5.7", r, 3), idx)
    c61 = _cells(published, "6.1").set_index("row_order")["value"]
    q16 = {code: int(c61[i]) for i, code in enumerate(lmv.Q16_ORDER_6_1, start=1)}
    p61 = _cells(published, "6.1", "percent").set_index("row_order")["value"]
    q16[10] = implied_base(c61.tolist(), p61.tolist()) - sum(q16.values())
    cols["q16_vold_sted_sist"] = _deal(rng, n, q16, idx)
    for r, item in enumerate(("q11_mer_vold", "q11_tryggere"), start=1):
        cols[item] = _deal(rng, n, _row_counts(published, "6.3", r, 5), idx)
    cols["q26_politi_trygghet"] = _deal(rng, n, _row_counts(published, "6.4", 3, 5), idx)


def _group_targets(published: pd.DataFrame, table: str) -> list[dict]:
    tg = []
    for row in (1, 2):
        p = published[(published["table"] == table) & (published["row_order"] == row)]
        v = dict(zip(p["statistic"], p["value"], strict=True))
        v["decimals"] = dict(zip(p["statistic"], p["decimals"], strict=True))
        tg.append(v)
    return tg


def _block_police(
    rng: np.random.Generator, published: pd.DataFrame, facts: pd.DataFrame, n: int, cols: dict
) -> None:
    """Block 4: police control groups, respect and trust (6.4-6.6), police-contact sum (A.4)."""
    targets = {t: _group_targets(published, t) for t in ("6.5", "6.6")}
    n0, n1 = int(targets["6.5"][0]["n"]), int(targets["6.5"][1]["n"])
    perm = rng.permutation(np.arange(n))
    g0, g1, rest = perm[:n0], perm[n0 : n0 + n1], perm[n0 + n1 :]
    for item, table, row in (("q24_respekt_politi", "6.5", 1), ("q25_tillit_politi", "6.6", 2)):
        total = _row_counts(published, "6.4", row, 5)
        comp0, comp1 = demo_fit.split_groups(total, targets[table])
        v = np.full(n, np.nan)
        v[g0] = rng.permutation(np.repeat(np.arange(1, 6), comp0))
        v[g1] = rng.permutation(np.repeat(np.arange(1, 6), comp1))
        left = np.repeat(np.arange(1, 6), np.array(list(total.values())) - comp0 - comp1)
        v[rng.permutation(rest)[: len(left)]] = rng.permutation(left)
        cols[item] = v
    a4 = (_stat(published, "A.4", 2, "B"), _stat(published, "A.4", 1, "B"), _stat(published, "A.4", 3, "r2"))
    sums = demo_fit.fit_sums(rng, cols["q25_tillit_politi"][np.concatenate([g0, g1])], n0, a4)
    police = np.full((n, 3), np.nan)
    police[g0] = 0
    for i, s in zip(g1, sums[n0:], strict=True):
        police[i] = demo_fit.split_sum(rng, int(s))
    # respondents outside the groups: at least one of the three unanswered
    for i in rest:
        police[i] = [rng.integers(0, 6), rng.integers(0, 6), np.nan]
        police[i] = rng.permutation(police[i])
    for j, item in enumerate(lmv.POLICE_COUNTS):
        cols[item] = police[:, j]
    # permuting the counts first, then (on a child generator) splitting their sums anew too
    demo_moves.climb_police(rng, cols, facts, np.concatenate([g1, rest]), split=False)
    demo_moves.climb_police(rng.spawn(1)[0], cols, facts, np.concatenate([g1, rest]), split=True)
    # 6.7 and A.5: deal the printed counts, then swap answers between respondents towards A.5
    y = _deal(rng, n, _row_counts(published, "6.7", 1, 5), np.arange(n))
    x = np.column_stack([police.sum(axis=1), cols["q34_kjonn"], cols["q33_alder"]])
    target = tuple(_stat(published, "A.5", r, "B") for r in (1, 2, 3, 4))
    cols["q11_mindre_tillit_politi"] = demo_fit.fit_swaps(rng, y, x, target)


def _block_prices(rng: np.random.Generator, published: pd.DataFrame, n: int, cols: dict) -> None:
    """Block 5: prices with the printed n, median, minimum, maximum, mean and SD (F5.2, 5.3, 5.4)."""
    idx = np.arange(n)
    for table, items in (("5.3", lmv.PRICE_ITEMS_5_3), ("F5.2", PRICE_ITEMS_F5_2)):
        _price_columns(rng, published, table, items, cols)
    for j, item in enumerate(lmv.PRICE_ITEMS_5_4, start=1):
        med = _stat(published[published["col_order"] == j], "5.4", 2, "other")
        k = int(rng.integers(60, 110)) | 1  # odd, so the median is one answer
        vals = demo_fit.prices(rng, k, (med, 0.5 * med, 2 * med))
        v = np.full(n, np.nan)
        v[rng.permutation(idx)[:k]] = rng.permutation(vals)
        cols[item] = v


def _price_columns(
    rng: np.random.Generator, published: pd.DataFrame, table: str, items: tuple[str, ...], cols: dict
) -> None:
    """Prices with the printed n, median, minimum, maximum, mean and SD of a 5.3-layout table."""
    n = len(cols["q34_kjonn"])
    for j, item in enumerate(items, start=1):
        col = published[(published["table"] == table) & (published["col_order"] == j)]
        st = {int(r): float(v) for r, v in zip(col["row_order"], col["value"], strict=True)}
        k = int(st[1])
        sd_dec = int(col.loc[col["row_order"] == 5, "decimals"].iloc[0])
        vals = demo_fit.prices(rng, k, (st[4], st[6], st[7]), (st[3], st[5]), sd_decimals=sd_dec)
        v = np.full(n, np.nan)
        v[rng.permutation(np.arange(n))[:k]] = rng.permutation(vals)
        cols[item] = v


def _block_others(rng: np.random.Generator, cb: Codebook, n: int, cols: dict, answered: set[str]) -> None:
    """Block 6: every other item gets plausible, unconstrained values.

    Items in ``answered`` (those the text states facts about) start with every respondent
    answering: the text's shares are of those who answered, and the climb of block 7 lets
    «Ikke svart» in only as far as the facts allow.
    """
    for iid, it in cb.items.iterrows():
        if iid in cols:
            continue
        t = it["item_type"]
        miss = (rng.random(n) < 0.12) & (iid not in answered)
        if t == "text":
            cols[iid] = np.full(n, np.nan)
            continue
        if t == "multiple_response":
            v = (rng.random(n) < 0.3).astype(float)
        elif t == "number":
            hi = {"q40": 20000, "q46": 5}.get(str(iid)[:3], 300)
            v = np.round(rng.random(n) * hi)
        else:
            v = rng.choice(list(cb.labels(str(iid))), n).astype(float)
        v[miss] = np.nan
        cols[iid] = v


def generate(
    cb: Codebook,
    published: pd.DataFrame,
    facts: pd.DataFrame,
    seed: int = DEFAULT_SEED,
    n: int = N_RESPONDENTS,
) -> pd.DataFrame:
    """The demo respondent file: ``resp_id`` and one column per codebook item, codes as numbers.

    Parameters
    ----------
    cb
        The codebook.
    published
        The published tables with Tabell 4.14 (:func:`helpers.survey.published.read_published`).
    facts
        The text-only survey facts (:func:`helpers.survey.published.read_text_facts`).
    seed
        Seed of the one random number generator.
    n
        Number of respondents.

    Returns
    -------
    pandas.DataFrame
        The synthetic respondents, in random order.
    """
    rng = np.random.default_rng(seed)
    facts = demo_text.targets(facts)
    cols: dict = {}
    sex = _block_people(rng, published, facts, n, cols)
    _block_violence(rng, published, facts, sex, cols)
    _block_frequencies(rng, published, n, cols)
    _block_police(rng, published, facts, n, cols)
    _block_prices(rng, published, n, cols)
    _block_others(rng, cb, n, cols, demo_text.items_of(facts))
    frozen = {item for items in TABLE_ITEMS.values() for item in items} | {"q33_alder", "q42_bolig"}
    demo_moves.calibrate_free(rng, cols, facts, cb, frozen)
    items = cb.items
    out = pd.DataFrame({iid: cols[iid] for iid in items.index})
    out = out.iloc[rng.permutation(n)].reset_index(drop=True)
    out.insert(0, "resp_id", np.arange(1, n + 1))
    for c in out.columns:
        if c != "resp_id" and items.loc[c, "item_type"] != "text":
            out[c] = out[c].astype("Int64") if (out[c].dropna() % 1 == 0).all() else out[c]
    return out


def main() -> None:
    """Write ``data/raw/lm2016_survey_demo.csv`` and its data-package entry (then rehash)."""
    cb = read_codebook()
    demo = generate(cb, published.read_published(), published.read_text_facts())
    writers.write_csv(demo, paths.raw(f"{DEMO_RESOURCE}.csv"))
    pkg = catalogue.load_datapackage()
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] != DEMO_RESOURCE]
    pkg["resources"].append(resource_descriptor(cb))
    pkg["resources"].sort(key=lambda r: r["name"])
    writers.write_text_atomic(paths.DATAPACKAGE, json.dumps(pkg, indent=2, ensure_ascii=False) + "\n")
    print("rehashed:", ", ".join(catalogue.rehash()))


if __name__ == "__main__":
    main()
