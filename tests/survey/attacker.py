"""An attacker written apart from the code under test: recover hidden counts from printed cells.

Given the printed cells of a table (hidden = NaN) and the arithmetic a reader knows about the
layout (which cells sum to which total, which count a percentage is of which base), it tries:
1. percentage x base: a printed percentage of a printed base gives the count (to rounding);
2. sums: a relation with exactly one unknown gives it;
3. an integer-free LP interval (scipy linprog) of every hidden cell under all relations.
A cell counts as recovered when its interval is narrower than one count.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import linprog


def recovered(counts: dict, relations: list[tuple], percents: dict | None = None, decimals: int = 1) -> dict:
    """Hidden cells an attacker can pin down, with the value found.

    ``counts``: cell -> printed count or NaN (hidden). ``relations``: (total, [parts]).
    ``percents``: cell -> (printed percentage or NaN, base cell).
    """
    known = {k: v for k, v in counts.items() if not _nan(v)}
    found: dict = {}
    # 1. percentage x base
    for cell, (p, base) in (percents or {}).items():
        if cell in known or _nan(p) or base not in known:
            continue
        half = 0.5 * 10.0**-decimals
        lo = math.ceil((p - half) * known[base] / 100 - 1e-9)
        hi = math.floor((p + half) * known[base] / 100 + 1e-9)
        if lo == hi:
            found[cell] = lo
    # 2-3. sums and the LP interval
    hidden = sorted((k for k in counts if k not in known), key=repr)
    if not hidden:
        return found
    col = {k: i for i, k in enumerate(hidden)}
    a, b = [], []
    for total, parts in relations:
        row = np.zeros(len(hidden))
        rhs = 0.0
        for c, sign in [(total, -1.0)] + [(p, 1.0) for p in parts]:
            if c in col:
                row[col[c]] += sign
            else:
                rhs -= sign * known[c]
        if row.any():
            a.append(row)
            b.append(rhs)
    for k in hidden:
        if not a:
            break
        c = np.zeros(len(hidden))
        c[col[k]] = 1
        lo = linprog(c, A_eq=np.array(a), b_eq=np.array(b), bounds=(0, None), method="highs")
        hi = linprog(-c, A_eq=np.array(a), b_eq=np.array(b), bounds=(0, None), method="highs")
        if lo.status == 0 and hi.status == 0 and (-hi.fun) - lo.fun < 1 - 1e-6:
            found[k] = round(lo.fun)
    return found


def _nan(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def recovered_linked(tables: dict, links: list[tuple], latent: list) -> dict:
    """Hidden cells an attacker pins down by combining several printed tables of one survey.

    ``tables``: name -> (counts, relations, percents) as for :func:`recovered`; every cell is
    tagged ``(name, cell)``. ``links``: relations between tagged cells of different tables and
    ``latent`` cells, the counts no table prints (e.g. women who did not answer housing), which
    the attacker treats as unknown non-negative numbers. Only printed-table cells are reported.
    """
    counts: dict = {cell: float("nan") for cell in latent}
    relations: list[tuple] = list(links)
    percents: dict = {}
    for name, (c, rel, pct) in tables.items():
        counts |= {(name, k): v for k, v in c.items()}
        relations += [((name, t), [(name, p) for p in parts]) for t, parts in rel]
        percents |= {(name, k): (p, (name, b)) for k, (p, b) in (pct or {}).items()}
    return {k: v for k, v in recovered(counts, relations, percents).items() if k not in set(latent)}


def own_survey_links(n_sex: int, housing_rows: dict[int, list[int]], n_age: int) -> tuple[list, list]:
    """What a reader knows links the own survey's sex, housing and age tables (1-based cells).

    Tables: ``sex`` and ``bolig`` frequency tables (categories, Total, Ikke svart, all),
    ``age`` (``n``, ``missing``, ``all``), crosstabs ``xs`` (sex x housing group) and ``xa``
    (age group x housing group), each with a «Totalt» last row and column. ``housing_rows``:
    crosstab column -> the housing frequency rows it groups. Returns ``(links, latent)`` for
    :func:`recovered_linked`.
    """
    n_g = len(housing_rows)
    latent: list = [("u-nosex-nohousing",), ("u-age-out",)]
    links: list = []
    for s in range(1, n_sex + 1):  # a sex's count = its crosstab row + those who skipped housing
        latent.append(("u-sex-nohousing", s))
        links.append((("sex", s), [("xs", (s, n_g + 1)), ("u-sex-nohousing", s)]))
    for g, rows in housing_rows.items():  # a housing group = its codes = crosstab column + the rest
        latent += [(f"sum-{g}",), ("u-nosex", g), ("u-noage", g)]
        links.append(((f"sum-{g}",), [("bolig", r) for r in rows]))
        links.append(((f"sum-{g}",), [("xs", (n_sex + 1, g)), ("u-nosex", g)]))
        links.append(((f"sum-{g}",), [("xa", (n_age + 1, g)), ("u-noage", g)]))
    # age answered = the age-group margins + those outside the crosstab (no housing, under 18)
    links.append((("age", "n"), [("xa", (a, n_g + 1)) for a in range(1, n_age + 1)] + [("u-age-out",)]))
    # those who skipped sex are in no row of the sex crosstab
    links.append((("sex", n_sex + 2), [("u-nosex", g) for g in housing_rows] + [("u-nosex-nohousing",)]))
    return links, latent
