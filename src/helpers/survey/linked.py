"""Linked tables of an own survey: every printed table that counts sex, age or housing, protected as one.

The frequency tables of sex (q34) and housing (q42), the age row of the number table (N and
«Ikke svart») and the crosstabs of housing by sex and by age group (Tabell 4.8/4.9) count the
same respondents, so a cell hidden in one could be the difference of cells printed in another
(a housing group's column margin is the sum of its codes in the frequency table, less those who
did not answer sex). They are protected as linked tables the way τ-ARGUS does it: through their
cover table, the full cross-classification sex × age group × housing code with «not answered» as
a category of each. Every printed count is a sum of cover cells; the cover cells are the
attacker's unknowns (latent, printed nowhere), and one primary and secondary suppression with the
LP interval audit of :mod:`helpers.survey.disclosure` runs over all printed cells at once, so a
shared count has one status in every table and no hidden cell is pinned by any combination of
printed ones (sdcTable's ``protectLinkedTables`` reaches the same goal by suppressing common
cells alike in each table in turn).

Not modelled: what the age statistics (mean, median, a printed minimum or maximum) tell about the
age groups, and the cover cells themselves (a count no table prints, e.g. the women who did not
answer housing, may follow from printed ones; only printed cells are protected, as in τ-ARGUS).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import product

import pandas as pd

from helpers.survey import lm_variables as lmv
from helpers.survey.codebook import Codebook
from helpers.survey.disclosure import Cell, Grid, Relation, protect

SEX, AGE, HOUSING = "q34_kjonn", "q33_alder", "q42_bolig"
LINKED_ITEMS = (SEX, AGE, HOUSING)
FREQUENCY_ITEMS = (SEX, HOUSING)
# crosstab name (as in helpers.survey.own_tables.CROSSTABS) -> its row variable in the cover
CROSSTAB_ROWS = {"kjonn": "sex", "alder": "age"}
NOT_ANSWERED = "not answered"
OUT_OF_GROUPS = "outside the age groups"
Cover = tuple  # (sex, age group, housing code)
# the cover cells a printed cell adds up: the allowed categories of each cover variable (None = all)
Pick = tuple[frozenset | None, ...]


@dataclass(frozen=True)
class LinkedProtection:
    """The hidden cells of the linked tables, keyed ``("f", item, row)``, ``("x", name, row, col)``
    or ``("n", item, statistic)``."""

    hidden: frozenset
    values: Mapping[Cell, float]

    def frequency(self, item: str, long: pd.DataFrame) -> pd.DataFrame:
        """Mask a frequency table (with «Ikke svart») of a linked item.

        Parameters
        ----------
        item
            :data:`SEX` or :data:`HOUSING`.
        long
            Its :func:`helpers.survey.frequencies.long_frequency` cells (``show_missing``).

        Returns
        -------
        pandas.DataFrame
            Hidden counts and the percentages of hidden counts or of a hidden base set to NaN,
            with a ``suppressed`` column.
        """
        total = int(long["row_order"].max()) - 2
        return self._mask(long, lambda r, c: ("f", item, r), lambda r, c: ("f", item, total))

    def crosstab(self, name: str, long: pd.DataFrame) -> pd.DataFrame:
        """Mask a linked crosstab (row percentages of the row total).

        Parameters
        ----------
        name
            A key of :data:`CROSSTAB_ROWS`.
        long
            Its :func:`helpers.survey.crosstabs.crosstab` cells.

        Returns
        -------
        pandas.DataFrame
            As :meth:`frequency`.
        """
        last = int(long["col_order"].max())
        return self._mask(long, lambda r, c: ("x", name, r, c), lambda r, c: ("x", name, r, last))

    def numeric_hidden(self, item: str) -> set[str]:
        """Which of the number table's ``n`` and ``missing`` of a linked item are hidden.

        Parameters
        ----------
        item
            :data:`AGE`.

        Returns
        -------
        set of str
            A subset of ``{"n", "missing"}``.
        """
        return {s for s in ("n", "missing") if ("n", item, s) in self.hidden}

    def _mask(self, long: pd.DataFrame, count_key: Callable, base_key: Callable) -> pd.DataFrame:
        hide = []
        for r, c, stat, v in zip(
            long["row_order"], long["col_order"], long["statistic"], long["value"], strict=True
        ):
            key = count_key(int(r), int(c))
            if stat == "count" and float(v) != self.values[key]:
                raise ValueError(f"linked cell {key}: table count {v} but cover sum {self.values[key]}")
            hidden_pct = key in self.hidden or base_key(int(r), int(c)) in self.hidden
            hide.append(key in self.hidden if stat == "count" else hidden_pct)
        return long.assign(value=long["value"].mask(hide), suppressed=hide)


def _categories(data: pd.DataFrame, cb: Codebook) -> tuple[pd.DataFrame, dict[str, list]]:
    """Each respondent's cover category: sex code, age group and housing code, «not answered» kept."""
    age = lmv.alder3(data[AGE])
    cats = pd.DataFrame(
        {
            "sex": data[SEX].map(lambda v: NOT_ANSWERED if pd.isna(v) else int(v)),
            "age": [
                NOT_ANSWERED if pd.isna(x) else (OUT_OF_GROUPS if pd.isna(g) else int(g))
                for x, g in zip(data[AGE], age, strict=True)
            ],
            "housing": data[HOUSING].map(lambda v: NOT_ANSWERED if pd.isna(v) else int(v)),
        }
    )
    domains = {
        "sex": [*cb.labels(SEX), NOT_ANSWERED],
        "age": [*lmv.AGE_GROUPS, OUT_OF_GROUPS, NOT_ANSWERED],
        "housing": [*cb.labels(HOUSING), NOT_ANSWERED],
    }
    return cats, domains


def _frequency_cells(item: str, var: int, codes: list) -> dict[Cell, Pick]:
    k = len(codes)
    cells: dict[Cell, Pick] = {}
    for i, c in enumerate(codes, start=1):
        cells[("f", item, i)] = _pick(var, [c])
    cells[("f", item, k + 1)] = _pick(var, codes)
    cells[("f", item, k + 2)] = _pick(var, [NOT_ANSWERED])
    cells[("f", item, k + 3)] = (None, None, None)
    return cells


def _pick(var: int, allowed: list) -> Pick:
    return tuple(frozenset(allowed) if d == var else None for d in range(3))


def _crosstab_cells(name: str, var: int, rows: list) -> dict[Cell, Pick]:
    """Crosstab cells: a row category (or all) by the housing codes of a group (or of all groups)."""
    groups = list(lmv.BOLIG3)
    n_r, n_c = len(rows) + 1, len(groups) + 1
    cells: dict[Cell, Pick] = {}
    for i, j in product(range(1, n_r + 1), range(1, n_c + 1)):
        row_ok = frozenset([rows[i - 1]] if i < n_r else rows)
        col_ok = [groups[j - 1]] if j < n_c else groups
        codes = frozenset(c for c, g in lmv.BOLIG3_FROM_Q42.items() if g in col_ok)
        cells[("x", name, i, j)] = (row_ok, None, codes) if var == 0 else (None, row_ok, codes)
    return cells


def _published(cb: Codebook, domains: dict[str, list]) -> dict[Cell, Pick]:
    cells = _frequency_cells(SEX, 0, domains["sex"][:-1])
    cells |= _frequency_cells(HOUSING, 2, domains["housing"][:-1])
    cells[("n", AGE, "n")] = _pick(1, domains["age"][:-1])
    cells[("n", AGE, "missing")] = _pick(1, [NOT_ANSWERED])
    cells[("n", AGE, "all")] = (None, None, None)
    cells |= _crosstab_cells("kjonn", 0, list(cb.labels(SEX)))
    cells |= _crosstab_cells("alder", 1, list(lmv.AGE_GROUPS))
    return cells


def _matches(pick: Pick, u: Cover) -> bool:
    return all(allowed is None or x in allowed for allowed, x in zip(pick, u, strict=True))


def linked_grid(data: pd.DataFrame, cb: Codebook) -> Grid:
    """The linked tables as one grid: printed cells, each the sum of its cover cells (latent).

    Parameters
    ----------
    data
        Validated respondent codes with the columns of :data:`LINKED_ITEMS`.
    cb
        The codebook.

    Returns
    -------
    Grid
        Printed cells keyed as in :class:`LinkedProtection`, cover cells ``("u", sex, age,
        housing)``; the number of respondents (every table's grand total) is public.
    """
    cats, domains = _categories(data, cb)
    tally = cats.value_counts().to_dict()
    cover = list(product(domains["sex"], domains["age"], domains["housing"]))
    values: dict[Cell, float] = {("u", *u): float(tally.get(u, 0)) for u in cover}
    rels = []
    for key, pick in _published(cb, domains).items():
        parts = tuple(("u", *u) for u in cover if _matches(pick, u))
        values[key] = sum(values[p] for p in parts)
        rels.append(Relation(key, parts))
    rels += _table_relations(values)
    public = frozenset(k for k in values if k[0] == "f" and k[2] == _last_row(values, k[1])) | {
        ("n", AGE, "all")
    }
    latent = frozenset(k for k in values if k[0] == "u")
    return Grid(values, tuple(rels), public, latent)


def _last_row(values: Mapping[Cell, float], item: str) -> int:
    return max(k[2] for k in values if k[0] == "f" and k[1] == item)


def _table_relations(values: Mapping[Cell, float]) -> list[Relation]:
    """Each table's own margins between printed cells (they guide the choice of secondary cells)."""
    rels = []
    for item in FREQUENCY_ITEMS:
        last = _last_row(values, item)
        total = last - 2
        rels.append(Relation(("f", item, total), tuple(("f", item, i) for i in range(1, total))))
        rels.append(Relation(("f", item, last), (("f", item, total), ("f", item, total + 1))))
    rels.append(Relation(("n", AGE, "all"), (("n", AGE, "n"), ("n", AGE, "missing"))))
    for name in CROSSTAB_ROWS:
        keys = [k for k in values if k[0] == "x" and k[1] == name]
        n_r, n_c = max(k[2] for k in keys), max(k[3] for k in keys)
        rels += [
            Relation(("x", name, i, n_c), tuple(("x", name, i, j) for j in range(1, n_c)))
            for i in range(1, n_r + 1)
        ]
        rels += [
            Relation(("x", name, n_r, j), tuple(("x", name, i, j) for i in range(1, n_r)))
            for j in range(1, n_c + 1)
        ]
    return rels


def applies(data: pd.DataFrame) -> bool:
    """Whether the survey has every linked variable (an own survey for the report does).

    Parameters
    ----------
    data
        Respondent codes.

    Returns
    -------
    bool
        True when all of :data:`LINKED_ITEMS` are columns.
    """
    return all(c in data.columns for c in LINKED_ITEMS)


def protect_linked(data: pd.DataFrame, cb: Codebook, threshold: int) -> LinkedProtection:
    """Primary and secondary suppression of the linked tables together, checked by the LP audit.

    Parameters
    ----------
    data, cb
        As for :func:`linked_grid`.
    threshold
        Smallest count printed (``suppress_below``); <= 1 hides nothing.

    Returns
    -------
    LinkedProtection
        The hidden printed cells and every printed cell's count.
    """
    grid = linked_grid(data, cb)
    return LinkedProtection(protect(grid, threshold).hidden, dict(grid.values))
