"""Disclosure control of count tables: primary and secondary cell suppression with an LP audit.

A table is a set of count cells (interior cells and every printed margin and nested total) and the
linear relations between them (``total = sum of parts``). Primary suppression hides every count
from 1 to ``threshold - 1``. Secondary suppression is the greedy method verified by a
linear-programming interval audit, the audit τ-ARGUS and sdcTable run after suppressing: for each
hidden cell the attacker's tightest interval is found by minimising and maximising it subject to
the printed cells, the relations and non-negativity (``scipy.optimize.linprog``). While some hidden
cell has an interval narrower than one (its value follows from printed cells), the smallest printed
non-public cell of a relation that pins it is hidden as well, and the audit runs again. The result
is protected but not minimal (τ-ARGUS' optimal or hypercube methods hide fewer cells).
Linked tables (several tables of one survey that count the same people) are one grid whose
printed cells are sums of the latent cells of their cover table (:mod:`helpers.survey.linked`).

A percentage is printed only when its count and its base are both printed, so a percentage times
its base cannot give back a hidden count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog

# an interval narrower than this (in counts) means the attacker knows the cell
MIN_WIDTH = 1.0
_TOL = 1e-6
# a cell is any hashable key (row and column orders, or a tagged tuple for linked tables)
Cell = Any


@dataclass(frozen=True)
class Relation:
    """``total`` equals the sum of ``parts`` (a margin or a nested total)."""

    total: Cell
    parts: tuple[Cell, ...]


@dataclass(frozen=True)
class Grid:
    """The count cells of one table (or of linked tables of one item) and their relations.

    ``public`` cells are known anyway (e.g. the number of respondents) and are never hidden.
    ``latent`` cells are printed by no table (the cells of the cover table that links several
    tables, e.g. women who did not answer housing): always unknown to the attacker, never hidden
    on purpose and not themselves protected.
    """

    values: Mapping[Cell, float]
    relations: tuple[Relation, ...]
    public: frozenset = frozenset()
    latent: frozenset = frozenset()


@dataclass(frozen=True)
class Protection:
    """The hidden cells and the attacker's interval for each (after the audit)."""

    hidden: frozenset
    intervals: Mapping[Cell, tuple[float, float]]

    def exposed(self) -> list[Cell]:
        """Hidden cells whose interval is narrower than :data:`MIN_WIDTH`.

        Returns
        -------
        list
            The cells an attacker can compute from the printed ones.
        """
        return [k for k, (lo, hi) in self.intervals.items() if hi - lo < MIN_WIDTH - _TOL]


class _FinalAudit(Mapping):
    """:func:`audit` of the final hidden cells, run when first read (the tables read only ``hidden``)."""

    def __init__(self, grid: Grid, hidden: frozenset) -> None:
        self._grid, self._hidden = grid, hidden
        self._intervals: dict[Cell, tuple[float, float]] | None = None

    def _done(self) -> dict[Cell, tuple[float, float]]:
        if self._intervals is None:
            self._intervals = _audit(self._grid, set(self._hidden), None)
        return self._intervals

    def __getitem__(self, key: Cell) -> tuple[float, float]:
        return self._done()[key]

    def __iter__(self) -> Iterator[Cell]:
        return iter(self._done())

    def __len__(self) -> int:
        return len(self._done())

    def __repr__(self) -> str:
        return repr(self._done())


def audit(grid: Grid, hidden: Iterable[Cell]) -> dict[Cell, tuple[float, float]]:
    """The interval each hidden cell can take given the printed cells (LP, cells >= 0).

    The grid's latent cells are unknowns of the LP too; no interval is reported for them.

    Parameters
    ----------
    grid
        The table.
    hidden
        The cells not printed.

    Returns
    -------
    dict
        Hidden cell -> (lowest, highest) feasible value; ``inf`` when unbounded.
    """
    return _audit(grid, set(hidden), None)


def _audit(grid: Grid, hidden: set, only: set | None) -> dict[Cell, tuple[float, float]]:
    """:func:`audit` of the cells in ``only`` (all hidden cells when None), one LP structure for all."""
    hid = sorted(hidden | set(grid.latent), key=repr)
    if not hid:
        return {}
    col = {k: i for i, k in enumerate(hid)}
    rows, rhs = [], []
    for rel in grid.relations:
        cells = (rel.total, *rel.parts)
        if not any(c in col for c in cells):
            continue
        row = np.zeros(len(hid))
        b = 0.0
        c: Cell
        for c, sign in [(rel.total, -1.0)] + [(p, 1.0) for p in rel.parts]:
            if c in col:
                row[col[c]] += sign
            else:
                b -= sign * float(grid.values[c])
        rows.append(row)
        rhs.append(b)
    a_eq = np.array(rows) if rows else None
    b_eq = np.array(rhs) if rows else None
    out = {}
    for k in hid:
        if k in grid.latent or (only is not None and k not in only):
            continue
        c = np.zeros(len(hid))
        c[col[k]] = 1.0
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        top = float(-hi.fun) if hi.status == 0 else float("inf")
        out[k] = (float(lo.fun) if lo.status == 0 else 0.0, top)
    return out


def _consistent(grid: Grid) -> bool:
    """Whether the grid's own values are a feasible point (relations hold exactly, no negative count).

    Then every audit LP is feasible and hiding one more cell only drops a constraint, so no
    interval narrows (the two facts :func:`protect`'s shortcuts rest on).
    """
    if any(float(v) < 0 for v in grid.values.values()):
        return False
    for rel in grid.relations:
        total = float(grid.values[rel.total])
        if abs(total - sum(float(grid.values[p]) for p in rel.parts)) > _TOL * max(1.0, abs(total)):
            return False
    return True


def _pinned(grid: Grid, hidden: set, among: set) -> set:
    """Cells of ``among`` that are the only unknown of some relation: they equal printed sums."""
    unknown = hidden | set(grid.latent)
    out = set()
    for rel in grid.relations:
        coef: dict[Cell, float] = {}
        for c, sign in [(rel.total, -1.0)] + [(p, 1.0) for p in rel.parts]:
            if c in unknown:
                coef[c] = coef.get(c, 0.0) + sign
        if len(coef) == 1:
            ((k, a),) = coef.items()
            if a != 0 and k in among:
                out.add(k)
    return out


def _candidate(grid: Grid, exposed: list[Cell], hidden: set) -> Cell | None:
    """The printed cell to hide next, from the relations that hold an exposed cell.

    Preferred: the cell in most relations that hold exactly one hidden cell (it closes a
    rectangle of hidden cells), then interior before totals, then the smallest positive count.
    """
    hidden = hidden | set(grid.latent)  # the cover cells are unknown, never candidates
    totals = {r.total for r in grid.relations}
    single = [r for r in grid.relations if sum(c in hidden for c in (r.total, *r.parts)) == 1]
    pool = {
        c
        for r in grid.relations
        if any(e in (r.total, *r.parts) for e in exposed)
        for c in (r.total, *r.parts)
        if c not in hidden and c not in grid.public
    }
    if grid.latent:  # linked tables: also the printed cells of other tables that count the same people
        pool |= _linked_pool(grid, exposed, hidden)
    if not pool:  # pinned through a chain of relations: widen to every relation with a hidden cell
        pool = {
            c
            for r in grid.relations
            if any(h in (r.total, *r.parts) for h in hidden)
            for c in (r.total, *r.parts)
            if c not in hidden and c not in grid.public
        }
    if not pool:
        return None

    def rank(c: Cell) -> tuple:
        v = float(grid.values[c])
        closes = sum(c in (r.total, *r.parts) for r in single)
        return (-closes, c in totals, v <= 0, v, repr(c))

    return min(pool, key=rank)


def _linked_pool(grid: Grid, exposed: list[Cell], hidden: set) -> set:
    """Printed cells whose cover (the latent cells they add up) overlaps an exposed cell's cover."""
    cover: dict[Cell, set] = {}
    for r in grid.relations:
        cover.setdefault(r.total, set()).update(p for p in r.parts if p in grid.latent)
    reach = set().union(*(cover.get(e, set()) for e in exposed))
    return {
        c
        for c, cov in cover.items()
        if cov & reach and c not in hidden and c not in grid.public and c not in grid.latent
    }


def protect(grid: Grid, threshold: int) -> Protection:
    """Primary suppression of small counts and secondary suppression until the audit holds.

    Parameters
    ----------
    grid
        The table.
    threshold
        Smallest count printed; <= 1 hides nothing.

    Returns
    -------
    Protection
        The hidden cells and their audited intervals. Raises ValueError when a cell cannot be
        protected (every cell that could hide it is public).
    """
    if threshold <= 1:
        return Protection(frozenset(), {})
    hidden = {
        k
        for k, v in grid.values.items()
        if 0 < float(v) < threshold and k not in grid.public and k not in grid.latent
    }
    fast = _consistent(grid)
    check = set(hidden)  # the cells whose interval may have become narrower than MIN_WIDTH
    while True:
        pinned = _pinned(grid, hidden, check) if fast else set()
        intervals = _audit(grid, hidden, check - pinned if fast else None)
        exposed = sorted(pinned | set(Protection(frozenset(), intervals).exposed()), key=repr)
        if not exposed:
            if fast and check != hidden:  # the cells not re-audited widened since: audit them all
                return Protection(frozenset(hidden), _FinalAudit(grid, frozenset(hidden)))
            return Protection(frozenset(hidden), intervals)
        nxt = _candidate(grid, exposed, hidden)
        if nxt is None:
            raise ValueError(f"cells {sorted(exposed, key=repr)} cannot be protected: the others are public")
        hidden.add(nxt)
        if fast:  # a printed cell hidden only widens intervals: a protected cell stays protected
            check = set(exposed) | {nxt}


def hide_percentages(percent_of: Mapping[Cell, tuple[Cell, Cell]], hidden: frozenset) -> frozenset:
    """The percentages not to print: those whose count or whose base is hidden.

    Parameters
    ----------
    percent_of
        Percentage cell -> (its count cell, its base cell).
    hidden
        Hidden count cells.

    Returns
    -------
    frozenset
        Percentage cells to hide.
    """
    return frozenset(p for p, (cnt, base) in percent_of.items() if cnt in hidden or base in hidden)


def extreme_printable(values: Iterable[float], extreme: float, threshold: int) -> bool:
    """Whether a minimum or maximum may be printed: at least ``threshold`` respondents share it.

    A minimum or maximum is one respondent's exact answer unless several gave it (k-anonymity).

    Parameters
    ----------
    values
        The answers of the group.
    extreme
        Its minimum or maximum.
    threshold
        As in :func:`protect`.

    Returns
    -------
    bool
        True when it may be printed.
    """
    if threshold <= 1:
        return True
    return int(sum(1 for v in values if v == extreme)) >= threshold


def check_threshold(value: object) -> int:
    """The ``suppress_below`` parameter, checked: a whole number >= 0.

    Parameters
    ----------
    value
        As given in the params file.

    Returns
    -------
    int
        The threshold; ValueError names the parameter otherwise.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"parameter suppress_below must be a whole number, not negative; got {value!r}")
    return value
