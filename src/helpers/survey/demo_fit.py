"""The search steps of the demo generator: group splits, the exact OLS it fits to, prices.

Every comparison that steers a search (accept a swap, keep a candidate) is made on numbers that
come out the same on every CPU: the regressions are solved exactly from integer cross products
(:func:`exact_ols`), not with LAPACK/OpenBLAS, whose last bits depend on the CPU kernel.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from helpers.core.formatting import round_half_away

# ---------------------------------------------------------------------------------- group split


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


def _moments(comp: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = comp.sum(axis=-1)
    s = (comp * codes).sum(axis=-1)
    ss = (comp * codes**2).sum(axis=-1)
    mean = s / n
    sd = np.sqrt(np.maximum(ss - s**2 / n, 0) / (n - 1))
    return mean, sd, sd / np.sqrt(n)


def _score(comp: np.ndarray, codes: np.ndarray, t: dict) -> tuple[np.ndarray, np.ndarray]:
    """Printed cells missed (a missed mean counts a little more) and relative deviation."""
    mean, sd, se = _moments(comp, codes)
    miss = np.zeros(len(comp))
    dev = np.zeros(len(comp))
    for name, val in (("mean", mean), ("sd", sd), ("std_error", se)):
        d = t["decimals"][name]
        miss += (np.round(val * 10**d + 1e-9) / 10**d != t[name]) * (1.5 if name == "mean" else 1.0)
        dev += np.abs(val - t[name]) / max(abs(t[name]), 1e-9)
    return miss, dev


def split_groups(total: dict[int, int], targets: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Split the answer counts of one item into group 0, group 1 and «outside both groups».

    Exhaustive over group 0; for the best candidates, exhaustive over the outside respondents;
    group 1 is the rest.

    Parameters
    ----------
    total
        Answer code -> count of the item (all respondents).
    targets
        Per group the printed ``n``, ``mean``, ``sd``, ``std_error`` and their ``decimals``.

    Returns
    -------
    tuple of numpy.ndarray
        The compositions (counts per code) of group 0 and group 1, chosen to match the most
        printed cells, ties broken by the smallest relative deviation.
    """
    codes = np.array(sorted(total), dtype=float)
    tot = np.array([total[int(c)] for c in codes])
    t0, t1 = targets
    comps0 = _compositions(int(t0["n"]), len(codes))
    comps0 = comps0[(comps0 <= tot).all(axis=1)]
    m0, d0 = _score(comps0, codes, t0)
    order = np.lexsort((d0, m0))[:200]
    outs = _compositions(int(tot.sum() - t0["n"] - t1["n"]), len(codes))
    best: tuple | None = None
    for i in order:
        rest = tot - comps0[i]
        comps1 = rest - outs[(outs <= rest).all(axis=1)]
        m1, d1 = _score(comps1, codes, t1)
        j = int(np.lexsort((d1, m1))[0])
        key = (m0[i] + m1[j], d0[i] + d1[j])
        if best is None or key < best[0]:
            best = (key, comps0[i], comps1[j])
    if best is None:
        raise ValueError("no split of the answers fits the printed group sizes")
    return best[1], best[2]


# ---------------------------------------------------------------------------------- exact OLS


@dataclass(frozen=True)
class ExactFit:
    """Coefficients (constant first) and R² of an OLS fit, each the float nearest the exact value."""

    coef: tuple[float, ...]
    r2: float


def _solve(a: list[list[Fraction]], b: list[Fraction]) -> list[Fraction]:
    """Gauss-Jordan elimination in exact fractions (the system is small: 2-4 unknowns)."""
    k = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(k):
        pivot = next((r for r in range(col, k) if m[r][col] != 0), None)
        if pivot is None:
            raise ValueError("the regressors are collinear: X'X is singular")
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(k):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][k] / m[i][i] for i in range(k)]


def exact_ols(y: np.ndarray, x: np.ndarray) -> ExactFit:
    """OLS of whole-number answers on whole-number regressors, solved exactly.

    Parameters
    ----------
    y
        Answers (whole numbers, no missing values).
    x
        Regressors, one column each (whole numbers, no missing values); a constant is added.

    Returns
    -------
    ExactFit
        Coefficients and R², the same floats on every CPU (integer cross products, exact fractions).
    """
    yi = np.asarray(y).astype(np.int64)
    x1 = np.column_stack([np.ones(len(yi), dtype=np.int64), np.asarray(x).astype(np.int64)])
    if not (np.array_equal(yi, y) and np.array_equal(x1[:, 1:], x)):
        raise ValueError("exact_ols needs whole numbers")
    xtx = [[Fraction(int(v)) for v in row] for row in x1.T @ x1]
    xty = [Fraction(int(v)) for v in x1.T @ yi]
    coef = _solve(xtx, xty)
    n, sy, syy = len(yi), int(yi.sum()), int(yi @ yi)
    rss = syy - sum(c * v for c, v in zip(coef, xty, strict=True))
    tss = syy - Fraction(sy * sy, n)
    return ExactFit(tuple(float(c) for c in coef), float(1 - rss / tss))


def _grid_start(
    rng: np.random.Generator, y: np.ndarray, fixed0: int, loss: Callable[[np.ndarray], float]
) -> tuple[float, np.ndarray]:
    """The best of a grid of linear rules x = a + b*(y - mean) + noise (clipped to 1..15)."""
    n = len(y)
    y1 = y[fixed0:] - y[fixed0:].mean()
    noise = rng.normal(0, 1, n - fixed0)
    best: tuple[float, np.ndarray] | None = None
    for a, b, sigma in itertools.product(
        np.linspace(2, 10, 17), np.linspace(-5, 0, 21), (0.0, 1.0, 2.0, 3.0)
    ):
        cand = np.zeros(n)
        cand[fixed0:] = np.clip(np.round(a + b * y1 + sigma * noise), 1, 15)
        val = loss(cand)
        if best is None or val < best[0]:
            best = (val, cand)
    assert best is not None
    return best


def fit_sums(
    rng: np.random.Generator,
    y: np.ndarray,
    fixed0: int,
    target: tuple[float, float, float],
    steps: int = 3000,
) -> np.ndarray:
    """Police-contact sums (0 for the first ``fixed0`` respondents, 1..15 for the others) so that
    the OLS of ``y`` on them comes close to the printed constant, slope and R².

    Parameters
    ----------
    rng
        The generator's random number generator.
    y
        The answers regressed on the sums (whole numbers).
    fixed0
        Number of leading respondents whose sum is 0 (no police control).
    target
        Printed slope B, constant and R².
    steps
        Hill-climb steps after the grid start.

    Returns
    -------
    numpy.ndarray
        One sum per respondent.
    """
    target_b, target_c, target_r2 = target
    n = len(y)

    def loss(v: np.ndarray) -> float:
        fit = exact_ols(y, v[:, None])
        return (
            abs(fit.coef[1] - target_b) * 10 + abs(fit.coef[0] - target_c) * 10 + abs(fit.r2 - target_r2) * 5
        )

    cur, s = _grid_start(rng, y, fixed0, loss)
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


def split_sum(rng: np.random.Generator, total: int) -> tuple[int, int, int]:
    """Three counts 0..5 summing to ``total`` (1..15), at random.

    Parameters
    ----------
    rng
        The generator's random number generator.
    total
        The sum to split.

    Returns
    -------
    tuple of int
        The three counts.
    """
    while True:
        a = rng.integers(0, 6, 2)
        c = total - a.sum()
        if 0 <= c <= 5:
            return int(a[0]), int(a[1]), int(c)


def fit_swaps(
    rng: np.random.Generator, y: np.ndarray, x: np.ndarray, target: tuple[float, ...], steps: int = 8000
) -> np.ndarray:
    """Swap answers between respondents (their counts stay) so the OLS of ``y`` on ``x`` moves
    towards the printed coefficients (constant first; weights 5, 20, 20, 50 as the fit of A.5).

    Parameters
    ----------
    rng
        The generator's random number generator.
    y
        Answers (NaN = not answered); a copy is swapped.
    x
        Regressors (NaN rows are left out of the fit).
    target
        Printed B of the constant and of each regressor.
    steps
        Number of proposed swaps.

    Returns
    -------
    numpy.ndarray
        The swapped answers.
    """
    y = y.copy()
    weights = (5, 20, 20, 50)
    x_ok = ~np.isnan(x).any(axis=1)

    def loss(v: np.ndarray) -> float:
        ok = ~np.isnan(v) & x_ok
        if ok.sum() < 20:
            return math.inf
        fit = exact_ols(v[ok], x[ok])
        return sum(abs(c - t) * w for c, t, w in zip(fit.coef, target, weights, strict=True))

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


# ---------------------------------------------------------------------------------- prices


def _start_prices(rng: np.random.Generator, n: int, median: float, vmin: float, vmax: float) -> np.ndarray:
    n_mid = 1 if n % 2 else 2
    n_side = (n - n_mid) // 2
    spread = max(median * 0.3, 5)
    lower = np.clip(np.round(rng.normal(median, spread, n_side) / 5) * 5, vmin, median)
    upper = np.clip(np.round(rng.normal(median, spread, n_side) / 5) * 5, median, vmax)
    lower[0], upper[-1] = vmin, vmax
    return np.concatenate([lower, np.full(n_mid, median), upper])


def _climb_sd(
    rng: np.random.Generator, v: np.ndarray, movable: list, sd: float, steps: int, sd_decimals: int
) -> None:
    """Pair moves that keep the sum, towards the printed SD (sum of squares tracked); in place."""
    n = len(v)
    total, ss = float(v.sum()), float((v * v).sum())

    def sd_of(sq: float) -> float:
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


def prices(
    rng: np.random.Generator,
    n: int,
    printed: tuple[float, float, float],
    moments: tuple[float, float] | None = None,
    steps: int = 20000,
    sd_decimals: int = 3,
) -> np.ndarray:
    """``n`` whole-krone prices with the printed median, minimum and maximum, pushed towards the
    printed mean and SD by moves that keep every value on its side of the median.

    Parameters
    ----------
    rng
        The generator's random number generator.
    n
        Number of prices.
    printed
        Median, minimum and maximum.
    moments
        Printed mean and SD, or None to leave the start values.
    steps
        Steps of each phase.
    sd_decimals
        Decimals of the printed SD (the climb stops when it is met).

    Returns
    -------
    numpy.ndarray
        The prices (sorted by side of the median).
    """
    median, vmin, vmax = printed
    v = _start_prices(rng, n, median, vmin, vmax)
    if moments is None:
        return v
    mean, sd = moments
    n_mid = 1 if n % 2 else 2
    n_side = (n - n_mid) // 2
    target_sum = round(mean * n)
    movable = [(i, vmin, median) for i in range(1, n_side)] + [
        (i, median, vmax) for i in range(n_side + n_mid, n - 1)
    ]
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
    _climb_sd(rng, v, movable, sd, steps, sd_decimals)
    return v
