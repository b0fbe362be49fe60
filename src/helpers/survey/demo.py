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
5. prices (5.3, 5.4): values with the printed n, minimum, maximum and median, then a hill-climb
   on pairs of values towards the printed mean and SD.
6. every other item: plausible random codes («ikke publisert» in the codebook appendix).

The result is demo data: it reproduces published tables, it is not a finding about anybody.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from helpers.core import catalogue, writers
from helpers.core.formatting import round_half_away
from helpers.survey import tabulation as survey

DEFAULT_SEED = 20160615
N_RESPONDENTS = 166

# which published table constrains which item (shown in the codebook appendix)
CONSTRAINED = {
    "q34_kjonn": "4.8, 6.2, A.5",
    "q33_alder": "4.9, A.5",
    "q42_bolig": "4.8, 4.9 (3 grupper)",
    "q09_hjelp_far": "4.14",
    "q11_lettere_behandling": "4.15",
    "q11_livssituasjon_bedre": "4.16",
    "q11_bedre_helse": "4.17",
    "q11_pris_opp": "5.5",
    "q31_tilgang_endring": "5.6",
    "q32_heroin": "5.7",
    "q32_amfetamin": "5.7",
    "q32_hasj": "5.7",
    "q32_piller": "5.7",
    "q16_vold_sted_sist": "6.1",
    "q12_vold_utsatt_noen_gang": "6.2 (base)",
    "q11_mer_vold": "6.3",
    "q11_tryggere": "6.3",
    "q24_respekt_politi": "6.4, 6.5",
    "q25_tillit_politi": "6.4, 6.6, A.4",
    "q26_politi_trygghet": "6.4",
    "q11_mindre_tillit_politi": "6.7, A.5",
    "q21_bortvist": "6.5, 6.6, A.4, A.5",
    "q22_ransaket": "6.5, 6.6, A.4, A.5",
    "q23_anmeldt": "6.5, 6.6, A.4, A.5",
    **{k: "6.2" for k in survey.Q15_ORDER_6_2},
    **{k: "5.3" for k in survey.PRICE_ITEMS_5_3},
    **{k: "5.4 (median)" for k in survey.PRICE_ITEMS_5_4},
}


def _cells(published: pd.DataFrame, table: str, statistic: str = "count") -> pd.DataFrame:
    p = published[(published["table"] == table) & (published["statistic"] == statistic)]
    return p.sort_values(["row_order", "col_order"])


def implied_base(counts: list[float], percents: list[float], decimals: int = 1) -> int:
    """The base (at least the sum of the counts) that reproduces the most printed percentages;
    the smallest such base when several tie."""
    best = (-1, 0)
    for base in range(int(sum(counts)), 10 * int(sum(counts)) + 10):
        fits = sum(
            round_half_away(100 * c / base, decimals) == p for c, p in zip(counts, percents, strict=True)
        )
        if fits > best[0]:
            best = (fits, base)
    return best[1]


def _deal(rng, n: int, counts: dict, eligible: np.ndarray) -> np.ndarray:
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


# --------------------------------------------------------------------------------- block 4


def _compositions(total: int, parts: int) -> np.ndarray:
    """All vectors of ``parts`` non-negative integers summing to ``total``."""
    out = []
    for cuts in itertools.combinations(range(total + parts - 1), parts - 1):
        prev, comp = -1, []
        for c in cuts:
            comp.append(c - prev - 1)
            prev = c
        comp.append(total + parts - 2 - prev)
        out.append(comp)
    return np.array(out, dtype=int)


def _moments(comp: np.ndarray, codes: np.ndarray):
    n = comp.sum(axis=-1)
    s = (comp * codes).sum(axis=-1)
    ss = (comp * codes**2).sum(axis=-1)
    mean = s / n
    sd = np.sqrt(np.maximum(ss - s**2 / n, 0) / (n - 1))
    return mean, sd, sd / np.sqrt(n)


def split_groups(total: dict[int, int], targets: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Split the answer counts of one item into group 0, group 1 and «outside both groups».

    ``targets`` gives per group ``n``, ``mean``, ``sd``, ``std_error`` as printed (and the printed
    decimals). Exhaustive over group 0; for the best candidates, exhaustive over the outside
    respondents; group 1 is the rest. Returns the two group compositions (counts per code),
    chosen to match the most printed cells, ties broken by the smallest relative deviation.
    """
    codes = np.array(sorted(total), dtype=float)
    tot = np.array([total[int(c)] for c in codes])
    t0, t1 = targets
    comps0 = _compositions(int(t0["n"]), len(codes))
    comps0 = comps0[(comps0 <= tot).all(axis=1)]

    def score(comp, t):
        mean, sd, se = _moments(comp, codes)
        miss = np.zeros(len(comp))
        dev = np.zeros(len(comp))
        for name, val in (("mean", mean), ("sd", sd), ("std_error", se)):
            d = t["decimals"][name]
            # a missed mean counts a little more, so the means are kept when not all can hold
            miss += (np.round(val * 10**d + 1e-9) / 10**d != t[name]) * (1.5 if name == "mean" else 1.0)
            dev += np.abs(val - t[name]) / max(abs(t[name]), 1e-9)
        return miss, dev

    m0, d0 = score(comps0, t0)
    order = np.lexsort((d0, m0))[:200]
    n_out = int(tot.sum() - t0["n"] - t1["n"])
    outs = _compositions(n_out, len(codes))
    best = None
    for i in order:
        rest = tot - comps0[i]
        ok = (outs <= rest).all(axis=1)
        comps1 = rest - outs[ok]
        m1, d1 = score(comps1, t1)
        j = int(np.lexsort((d1, m1))[0])
        key = (m0[i] + m1[j], d0[i] + d1[j])
        if best is None or key < best[0]:
            best = (key, comps0[i], comps1[j])
    return best[1], best[2]


# --------------------------------------------------------------------------------- OLS fit


def _ols(y: np.ndarray, X: np.ndarray):
    X1 = np.column_stack([np.ones(len(y)), X])
    coef, *_ = np.linalg.lstsq(X1, y, rcond=None)
    resid = y - X1 @ coef
    sigma2 = resid @ resid / (len(y) - X1.shape[1])
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(X1.T @ X1)))
    r2 = 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))
    return coef, se, r2


def _fit_sums(
    rng, y: np.ndarray, fixed0: int, target_b: float, target_c: float, target_r2: float, steps: int = 3000
) -> np.ndarray:
    """Police-contact sums (0 for the first ``fixed0`` respondents, 1..15 for the others) so
    that the OLS of ``y`` on them comes close to the printed constant, slope and R²."""
    n = len(y)

    def loss(v):
        coef, _, r2 = _ols(y, v[:, None])
        return abs(coef[1] - target_b) * 10 + abs(coef[0] - target_c) * 10 + abs(r2 - target_r2) * 5

    # start from the best of a grid of linear rules x = a + b*(y - mean) + noise, then climb
    y1 = y[fixed0:] - y[fixed0:].mean()
    noise = rng.normal(0, 1, n - fixed0)
    best = None
    for a in np.linspace(2, 10, 17):
        for b in np.linspace(-5, 0, 21):
            for sigma in (0.0, 1.0, 2.0, 3.0):
                cand = np.zeros(n)
                cand[fixed0:] = np.clip(np.round(a + b * y1 + sigma * noise), 1, 15)
                val = loss(cand)
                if best is None or val < best[0]:
                    best = (val, cand)
    s = best[1]
    cur = best[0]
    for _ in range(steps):
        i = int(rng.integers(fixed0, n))
        new = s[i] + (1 if rng.random() < 0.5 else -1)
        if not 1 <= new <= 15:
            continue
        old = s[i]
        s[i] = new
        val = loss(s)
        if val <= cur:
            cur = val
        else:
            s[i] = old
    return s


def _split_sum(rng, total: int) -> tuple[int, int, int]:
    """Three counts 0..5 summing to ``total`` (1..15), at random."""
    while True:
        a = rng.integers(0, 6, 2)
        c = total - a.sum()
        if 0 <= c <= 5:
            return int(a[0]), int(a[1]), int(c)


# ---------------------------------------------------------------------------------- prices


def _prices(
    rng,
    n: int,
    median: float,
    vmin: float,
    vmax: float,
    mean: float | None,
    sd: float | None,
    steps: int = 20000,
    sd_decimals: int = 3,
) -> np.ndarray:
    """``n`` whole-krone prices with the given median, minimum and maximum, pushed towards the
    printed mean and SD by single-value moves that keep every value on its side of the median
    (so the median, minimum and maximum stay as printed)."""
    n_mid = 1 if n % 2 else 2
    n_side = (n - n_mid) // 2
    spread = max(median * 0.3, 5)
    lower = np.clip(np.round(rng.normal(median, spread, n_side) / 5) * 5, vmin, median)
    upper = np.clip(np.round(rng.normal(median, spread, n_side) / 5) * 5, median, vmax)
    lower[0], upper[-1] = vmin, vmax
    v = np.concatenate([lower, np.full(n_mid, median), upper])
    if mean is None:
        return v
    target_sum = round(mean * n)
    movable = [(i, vmin, median) for i in range(1, n_side)] + [
        (i, median, vmax) for i in range(n_side + n_mid, n - 1)
    ]

    def loss(x):
        return abs(x.sum() - target_sum) * 10 + abs(x.std(ddof=1) - sd) * 100

    # phase 1: single moves until the sum (the printed mean) is met
    picks = rng.integers(len(movable), size=steps)
    for k in range(steps):
        gap = target_sum - v.sum()
        if gap == 0:
            break
        i, lo_b, hi_b = movable[picks[k]]
        new = v[i] + np.sign(gap) * min(abs(gap), 5)
        if lo_b <= new <= hi_b:
            v[i] = new
    # phase 2: pair moves that keep the sum, towards the printed SD (sum of squares tracked)
    total, ss = float(v.sum()), float((v * v).sum())

    def sd_of(sq):
        return math.sqrt(max(sq - total * total / n, 0.0) / (n - 1))

    cur = abs(sd_of(ss) - sd)
    pairs = rng.integers(len(movable), size=(steps, 2))
    sizes = rng.choice([1, 5], size=steps)
    for k in range(steps):
        if round_half_away(sd_of(ss), sd_decimals) == sd:
            break
        (i, lo_i, hi_i), (j, lo_j, hi_j) = movable[pairs[k, 0]], movable[pairs[k, 1]]
        step = int(sizes[k])
        if i == j or not (lo_i <= v[i] + step <= hi_i and lo_j <= v[j] - step <= hi_j):
            continue
        new_ss = ss + 2 * step * (v[i] - v[j]) + 2 * step * step
        val = abs(sd_of(new_ss) - sd)
        if val <= cur:
            cur, ss = val, new_ss
            v[i] += step
            v[j] -= step
    return v


# ------------------------------------------------------------------------------- generator


def generate(cb, published: pd.DataFrame, seed: int = DEFAULT_SEED, n: int = N_RESPONDENTS) -> pd.DataFrame:
    """The demo respondent file: ``resp_id`` and one column per codebook item, codes as numbers.

    ``published`` is :func:`helpers.survey.tabulation.read_published` output (with Tabell 4.14).
    """
    rng = np.random.default_rng(seed)
    items = cb.items
    cols: dict[str, np.ndarray] = {}
    idx = np.arange(n)

    # 1. sex x age group x housing (4.8, 4.9)
    t48 = _cells(published, "4.8")
    t49 = _cells(published, "4.9")
    sex = np.full(n, np.nan)
    agegrp = np.full(n, np.nan)
    house3 = np.full(n, np.nan)
    pos = 0
    for h in (1, 2, 3):
        m = int(t48[(t48.row_order == 1) & (t48.col_order == h)]["value"].iloc[0])
        f = int(t48[(t48.row_order == 2) & (t48.col_order == h)]["value"].iloc[0])
        ages = [
            a
            for a in (1, 2, 3)
            for _ in range(int(t49[(t49.row_order == a) & (t49.col_order == h)]["value"].iloc[0]))
        ]
        if len(ages) > m + f:
            raise ValueError("Tabell 4.9 has more respondents in a housing group than 4.8")
        ages += [np.nan] * (m + f - len(ages))
        sexes = rng.permutation([2] * m + [1] * f)
        ages = rng.permutation(np.array(ages, dtype=float))
        k = m + f
        sex[pos : pos + k] = sexes
        agegrp[pos : pos + k] = ages
        house3[pos : pos + k] = h
        pos += k
    outside = idx[pos:]
    extra_sex = rng.permutation([1] * 4 + [2] * 6 + [np.nan] * (len(outside) - 10))
    sex[outside] = extra_sex
    agegrp[outside] = rng.choice([1, 2, 3, np.nan], len(outside))
    q42 = np.full(n, np.nan)
    members = {h: [c for c, g in survey.BOLIG3_FROM_Q42.items() if g == h] for h in (1, 2, 3)}
    for h, codes in members.items():
        sel = house3 == h
        q42[sel] = rng.choice(codes, int(sel.sum()))
    age = np.full(n, np.nan)
    for g, (lo, hi) in {1: (18, 34), 2: (35, 44), 3: (45, 66)}.items():
        sel = agegrp == g
        age[sel] = rng.integers(lo, hi + 1, int(sel.sum()))
    cols["q34_kjonn"], cols["q33_alder"], cols["q42_bolig"] = sex, age, q42

    # 2. violence: exposure and types by sex (6.2)
    t62 = _cells(published, "6.2")
    p62 = _cells(published, "6.2", "percent")
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
        pool = idx[sex == sex_code]
        exposed[rng.permutation(pool)[:base]] = True
    q12 = np.where(exposed, 1.0, 0.0)
    q12[(~exposed) & (rng.random(n) < 0.1)] = np.nan
    cols["q12_vold_utsatt_noen_gang"] = q12
    for r, item in enumerate(survey.Q15_ORDER_6_2, start=1):
        v = np.where(np.isnan(q12), np.nan, 0.0)
        for g, sex_code in ((1, 1), (2, 2)):
            k = int(t62[(t62.col_order == g) & (t62.row_order == r)]["value"].iloc[0])
            pool = idx[exposed & (sex == sex_code)]
            v[rng.permutation(pool)[:k]] = 1.0
        cols[item] = v
    cols["q15_ikke_utsatt"] = np.where(np.isnan(q12), np.nan, (q12 == 0).astype(float))

    # 3. one-item frequency tables
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
    for r, item in enumerate(("q32_heroin", "q32_amfetamin", "q32_hasj", "q32_piller"), start=1):
        cols[item] = _deal(rng, n, _row_counts(published, "5.7", r, 3), idx)
    c61 = _cells(published, "6.1").set_index("row_order")["value"]
    q16 = {code: int(c61[i]) for i, code in enumerate(survey.Q16_ORDER_6_1, start=1)}
    p61 = _cells(published, "6.1", "percent").set_index("row_order")["value"]
    q16[10] = implied_base(c61.tolist(), p61.tolist()) - sum(q16.values())
    cols["q16_vold_sted_sist"] = _deal(rng, n, q16, idx)
    for r, item in enumerate(("q11_mer_vold", "q11_tryggere"), start=1):
        cols[item] = _deal(rng, n, _row_counts(published, "6.3", r, 5), idx)
    cols["q26_politi_trygghet"] = _deal(rng, n, _row_counts(published, "6.4", 3, 5), idx)

    # 4. police control groups, respect and trust (6.4-6.6), police-contact sum (A.4)
    targets = {}
    for table in ("6.5", "6.6"):
        tg = []
        for row in (1, 2):
            p = published[(published["table"] == table) & (published["row_order"] == row)]
            v = dict(zip(p["statistic"], p["value"], strict=True))
            v["decimals"] = dict(zip(p["statistic"], p["decimals"], strict=True))
            tg.append(v)
        targets[table] = tg
    n0, n1 = int(targets["6.5"][0]["n"]), int(targets["6.5"][1]["n"])
    perm = rng.permutation(idx)
    g0, g1, rest = perm[:n0], perm[n0 : n0 + n1], perm[n0 + n1 :]
    for item, table, row in (("q24_respekt_politi", "6.5", 1), ("q25_tillit_politi", "6.6", 2)):
        total = _row_counts(published, "6.4", row, 5)
        comp0, comp1 = split_groups(total, targets[table])
        v = np.full(n, np.nan)
        v[g0] = rng.permutation(np.repeat(np.arange(1, 6), comp0))
        v[g1] = rng.permutation(np.repeat(np.arange(1, 6), comp1))
        left = np.repeat(np.arange(1, 6), np.array(list(total.values())) - comp0 - comp1)
        v[rng.permutation(rest)[: len(left)]] = rng.permutation(left)
        cols[item] = v
    a4 = {s: _stat(published, "A.4", 2 if s != "r2" else 3, s) for s in ("B", "r2")}
    a4["const"] = _stat(published, "A.4", 1, "B")
    order = np.concatenate([g0, g1])
    sums = _fit_sums(rng, cols["q25_tillit_politi"][order], n0, a4["B"], a4["const"], a4["r2"])
    police = np.full((n, 3), np.nan)
    police[g0] = 0
    for i, s in zip(g1, sums[n0:], strict=True):
        police[i] = _split_sum(rng, int(s))
    # respondents outside the groups: at least one of the three unanswered
    for i in rest:
        police[i] = [rng.integers(0, 6), rng.integers(0, 6), np.nan]
        police[i] = rng.permutation(police[i])
    for j, item in enumerate(survey.POLICE_COUNTS):
        cols[item] = police[:, j]

    # 6.7 and A.5: deal the printed counts, then swap answers between respondents towards A.5
    cols["q11_mindre_tillit_politi"] = _deal(rng, n, _row_counts(published, "6.7", 1, 5), idx)
    cols["q11_mindre_tillit_politi"] = _fit_a5(rng, cols, published)

    # 5. prices
    for j, item in enumerate(survey.PRICE_ITEMS_5_3, start=1):
        col = published[(published["table"] == "5.3") & (published["col_order"] == j)]
        st = {int(r): float(v) for r, v in zip(col["row_order"], col["value"], strict=True)}
        k = int(st[1])
        sd_dec = int(col.loc[col["row_order"] == 5, "decimals"].iloc[0])
        vals = _prices(rng, k, st[4], st[6], st[7], st[3], st[5], sd_decimals=sd_dec)
        v = np.full(n, np.nan)
        v[rng.permutation(idx)[:k]] = rng.permutation(vals)
        cols[item] = v
    for j, item in enumerate(survey.PRICE_ITEMS_5_4, start=1):
        med = float(
            published[
                (published["table"] == "5.4") & (published["row_order"] == 2) & (published["col_order"] == j)
            ]["value"].iloc[0]
        )
        k = int(rng.integers(60, 110)) | 1  # odd, so the median is one answer
        vals = _prices(rng, k, med, 0.5 * med, 2 * med, None, None)
        v = np.full(n, np.nan)
        v[rng.permutation(idx)[:k]] = rng.permutation(vals)
        cols[item] = v

    # 6. everything else: plausible, unconstrained values
    for iid, it in items.iterrows():
        if iid in cols:
            continue
        t = it["item_type"]
        miss = rng.random(n) < 0.12
        if t == "text":
            cols[iid] = np.full(n, np.nan)
            continue
        if t == "multiple_response":
            v = (rng.random(n) < 0.3).astype(float)
        elif t == "number":
            hi = {"q40": 20000, "q46": 5}.get(iid[:3], 300)
            v = np.round(rng.random(n) * hi)
        else:
            v = rng.choice(list(cb.labels(iid)), n).astype(float)
        v[miss] = np.nan
        cols[iid] = v

    out = pd.DataFrame({iid: cols[iid] for iid in items.index})
    out = out.iloc[rng.permutation(n)].reset_index(drop=True)
    out.insert(0, "resp_id", np.arange(1, n + 1))
    for c in out.columns:
        if c != "resp_id" and items.loc[c, "item_type"] != "text":
            out[c] = out[c].astype("Int64") if (out[c].dropna() % 1 == 0).all() else out[c]
    return out


def _fit_a5(rng, cols: dict, published: pd.DataFrame, steps: int = 8000) -> np.ndarray:
    """Swap «Jeg har fått mindre tillit til politiet» answers between respondents (its counts stay
    those of Tabell 6.7) so that the A.5 regression moves towards the printed coefficients."""
    y = cols["q11_mindre_tillit_politi"].copy()
    police = np.column_stack([cols[c] for c in survey.POLICE_COUNTS])
    xsum = police.sum(axis=1)
    X = np.column_stack([xsum, cols["q34_kjonn"], cols["q33_alder"]])
    target = {r: _stat(published, "A.5", r, "B") for r in (1, 2, 3, 4)}

    def loss(v):
        ok = ~np.isnan(v) & ~np.isnan(X).any(axis=1)
        if ok.sum() < 20:
            return math.inf
        coef, _, _ = _ols(v[ok], X[ok])
        return (
            abs(coef[0] - target[1]) * 5
            + abs(coef[1] - target[2]) * 20
            + abs(coef[2] - target[3]) * 20
            + abs(coef[3] - target[4]) * 50
        )

    cur = loss(y)
    n = len(y)
    for _ in range(steps):
        i, j = rng.integers(0, n, 2)
        if y[i] == y[j] or (np.isnan(y[i]) and np.isnan(y[j])):
            continue
        y[i], y[j] = y[j], y[i]
        val = loss(y)
        if val <= cur:
            cur = val
        else:
            y[i], y[j] = y[j], y[i]
    return y


DEMO_RESOURCE = "lm2016_survey_demo"


def table_schema(cb) -> dict:
    """Table Schema of a respondent file for the codebook (used for the demo resource)."""
    fields = [
        {
            "name": "resp_id",
            "type": "integer",
            "description": "respondent number",
            "constraints": {"required": True, "unique": True, "minimum": 1},
        }
    ]
    for iid, it in cb.items.iterrows():
        t = it["item_type"]
        f = {"name": iid, "description": f"{it['question']}: {it['item_label']}"[:200]}
        if t == "text":
            f["type"] = "string"
        elif t == "number":
            f["type"] = "number"
            f["constraints"] = {"minimum": 0}
        else:
            f["type"] = "integer"
            f["constraints"] = {"enum": sorted(cb.labels(iid))}
        fields.append(f)
    return {"fields": fields, "primaryKey": ["resp_id"]}


def resource_descriptor(cb, seed: int = DEFAULT_SEED) -> dict:
    """The data-package entry of the demo file (``synthetic: true``)."""
    return {
        "name": DEMO_RESOURCE,
        "path": f"{DEMO_RESOURCE}.csv",
        "title": "DEMO: syntetisk respondentfil for spørreundersøkelsen 2016 (ikke ekte svar)",
        "description": (
            "SYNTHETIC demo microdata: 166 made-up respondents generated by "
            f"helpers.survey.demo.generate(seed={seed}) so that the project's tabulation engine "
            "reproduces the tables Lundeberg & Mjåland (2017) published (targets read from "
            "lm2016_published_tables and lm2016_table_4_14). Not the survey's data and not a "
            "finding about anybody. Items never published hold random, unconstrained values."
        ),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "synthetic": True,
        "sources": [
            {
                "title": "Lundeberg & Mjåland (2017). Åpne russcener i Bergen (targets)",
                "path": "shared/seeds/003_27a9ed8394f5b75e.txt",
            }
        ],
        "provenance": {
            "generator": f"helpers.survey.demo.generate(cb, published, seed={seed}, n=166); "
            "write with `.venv/bin/python -m helpers.survey.demo`",
            "document": "Generated; calibrated to Lundeberg & Mjåland (2017) published tables",
            "seed_file": "shared/seeds/003_27a9ed8394f5b75e.txt",
            "citation_key": "lundeberg2017",
            "table": "calibration targets: Tabell 4.8, 4.9, 4.14-4.17, 5.3-5.7, 6.1-6.7, A.4, A.5",
            "lines": "see lm2016_published_tables and lm2016_table_4_14 (their source_line)",
            "units": "one row per synthetic respondent; answer codes of lm2016_codebook_values",
            "period": "June 2016 (the survey the targets come from)",
            "licence_note": "Synthetic data made by this project's code (MIT/CC BY as the repository).",
            "notes": "provenance/seed003_lm2016_codebook.md (section 'Demo respondent file')",
        },
        "schema": table_schema(cb),
    }


def main() -> None:
    """Write ``data/raw/lm2016_survey_demo.csv`` and its data-package entry (then rehash)."""
    import json

    from helpers.core import paths
    from helpers.survey import codebook

    cb = codebook.load()
    published = survey.read_published(
        paths.raw("lm2016_published_tables.csv"),
        catalogue.read_resource("lm2016_table_4_14"),
        catalogue.read_resource("lm2016_table_4_14_printed_totals"),
    )
    demo = generate(cb, published)
    writers.write_csv(demo, paths.raw(f"{DEMO_RESOURCE}.csv"))
    pkg = catalogue.load_datapackage()
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] != DEMO_RESOURCE]
    pkg["resources"].append(resource_descriptor(cb))
    pkg["resources"].sort(key=lambda r: r["name"])
    writers.write_text_atomic(paths.DATAPACKAGE, json.dumps(pkg, indent=2, ensure_ascii=False) + "\n")
    print("rehashed:", ", ".join(catalogue.rehash()))


if __name__ == "__main__":
    main()
