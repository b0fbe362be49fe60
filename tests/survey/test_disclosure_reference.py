"""``protect``'s shortcuts hide the same cells as the plain method, with the same intervals.

The reference below is the method as first written: audit every hidden cell after each added
cell. ``protect`` re-audits only the cells whose interval can have narrowed (none can: hiding a
printed cell drops a constraint), treats a cell alone in a relation as exposed without an LP, and
audits the final cells when the intervals are read. Grids: random two-way tables with margins,
random three-way tables with every two-way margin, and linked tables through a latent cover.
"""

import numpy as np
import pytest

from helpers.survey import disclosure
from helpers.survey.disclosure import Grid, Protection, Relation


def _reference(grid: Grid, threshold: int) -> Protection:
    hidden = {
        k
        for k, v in grid.values.items()
        if 0 < float(v) < threshold and k not in grid.public and k not in grid.latent
    }
    while True:
        intervals = disclosure.audit(grid, hidden)
        exposed = Protection(frozenset(hidden), intervals).exposed()
        if not exposed:
            return Protection(frozenset(hidden), intervals)
        nxt = disclosure._candidate(grid, exposed, hidden)
        assert nxt is not None
        hidden.add(nxt)


def _two_way(rng) -> Grid:
    n_r, n_c = (int(x) for x in rng.integers(2, 5, 2))
    v = rng.choice([0, 1, 2, 3, 4, 6, 9, 15], size=(n_r, n_c))
    values = {(i, j): float(v[i, j]) for i in range(n_r) for j in range(n_c)}
    rels = []
    for i in range(n_r):
        values[(i, n_c)] = float(v[i].sum())
        rels.append(Relation((i, n_c), tuple((i, j) for j in range(n_c))))
    for j in range(n_c + 1):
        values[(n_r, j)] = float(sum(values[(i, j)] for i in range(n_r)))
        rels.append(Relation((n_r, j), tuple((i, j) for i in range(n_r))))
    return Grid(values, tuple(rels), frozenset({(n_r, n_c)}))


def _three_way(rng) -> Grid:
    shape = (*(int(x) for x in rng.integers(2, 4, 2)), 2)
    v = rng.choice([0, 1, 2, 5, 8], size=shape)
    values = {("c", *k): float(v[k]) for k in np.ndindex(shape)}
    rels = []
    for axis in range(3):
        for k in np.ndindex(*[s for a, s in enumerate(shape) if a != axis]):
            parts = tuple(("c", *k[:axis], m, *k[axis:]) for m in range(shape[axis]))
            key = ("m", axis, *k)
            values[key] = float(sum(values[p] for p in parts))
            rels.append(Relation(key, parts))
    return Grid(values, tuple(rels))


def _linked(rng) -> Grid:
    cover = rng.choice([0, 1, 2, 4, 7], size=(3, 3))
    values = {("u", i, j): float(cover[i, j]) for i in range(3) for j in range(3)}
    latent = frozenset(values)
    rels = []
    for i in range(3):  # table A prints the rows of the cover, table B its first two columns by row pair
        values[("a", i)] = float(cover[i].sum())
        rels.append(Relation(("a", i), tuple(("u", i, j) for j in range(3))))
    for j in range(2):
        values[("b", j)] = float(cover[:2, j].sum())
        rels.append(Relation(("b", j), tuple(("u", i, j) for i in range(2))))
    values[("all",)] = float(cover.sum())
    rels.append(Relation(("all",), tuple(("a", i) for i in range(3))))
    return Grid(values, tuple(rels), frozenset({("all",)}), latent)


@pytest.mark.parametrize("make", [_two_way, _three_way, _linked])
@pytest.mark.parametrize("seed", range(6))
def test_same_hidden_cells_and_intervals_as_the_plain_method(make, seed):
    grid = make(np.random.default_rng(seed))
    for threshold in (3, 5):
        got, want = disclosure.protect(grid, threshold), _reference(grid, threshold)
        assert got.hidden == want.hidden
        assert dict(got.intervals) == dict(want.intervals)
        assert got.exposed() == []


def test_inconsistent_grid_takes_the_plain_path():
    # the total is not the sum of its parts: no LP is feasible, nothing counts as exposed
    grid = Grid({"t": 10.0, "a": 2.0, "b": 5.0}, (Relation("t", ("a", "b")),))
    assert disclosure.protect(grid, 5) == _reference(grid, 5)
