"""The survey facts L&M (2017) state only in their running text, as targets and as a check.

``lm2016_survey_text_facts`` holds, one per row, a number the text gives about the respondents
(sample composition, ages, and answers reported only as a share): the item, the measure
(``n``, ``count``, ``pct`` of those who answered, ``missing``, ``missing_pct``, ``answered``, ``mean``),
the answer codes counted (``1``, ``2|3``, ranges ``1-6``) and optionally a group (an item and its
codes). :func:`fact_value` computes a fact from respondent columns; :func:`climb` moves the codes
of one item, one respondent at a time, towards the facts on that item (seeded, deterministic);
:func:`check` sets every fact beside the demo file's value with a match flag.

A fact about two questions at once names its items joined by ``|`` (at least one of them has an
answer among the codes: «minst en utenlandskfødt forelder») or by ``&`` (all of them do: «verken
er i eller har vært i» any of three treatments); its base is those who answered every item named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.formatting import printed_decimals, round_half_away

NOT_EXPLAINED = "ikke forklart"
CLIMB_STEPS = 6000
# the least penalty of a fact not printed the same, whatever its distance
OUTSIDE = 1e-3
Columns = Mapping[str, np.ndarray]
# a move: (rng, values) -> (rows changed, their new values)
Proposal = Callable[[np.random.Generator, np.ndarray], tuple[np.ndarray, np.ndarray]]


def code_mask(values: np.ndarray, spec: str) -> np.ndarray:
    """Which ``values`` are among the codes ``spec`` («1», «2|3», «1-6»; ranges inclusive).

    Parameters
    ----------
    values
        Codes (floats, NaN = not answered).
    spec
        The codes, ``|``-separated, each a code or an inclusive range ``lo-hi``.

    Returns
    -------
    numpy.ndarray
        Boolean mask (False where the value is missing).
    """
    out = np.zeros(len(values), bool)
    for part in str(spec).split("|"):
        lo, _, hi = part.partition("-")
        out |= (values >= float(lo)) & (values <= float(hi or lo))
    return out


def fact_items(item: str) -> tuple[list[str], str]:
    """The codebook items a fact's ``item`` names and how they combine.

    Parameters
    ----------
    item
        One item, or several joined by ``|`` (any of them) or ``&`` (all of them).

    Returns
    -------
    tuple
        The items and the joiner (``|`` or ``&``; ``|`` for a single item).
    """
    joiner = "&" if "&" in item else "|"
    return item.split(joiner), joiner


def _hits(fact: Mapping, cols: Columns, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Answered and hit flags of the group's respondents for a fact on one or several items."""
    items, joiner = fact_items(str(fact["item"]))
    v = np.column_stack([np.asarray(cols[i], float)[group] for i in items])
    answered = ~np.isnan(v).any(axis=1)
    if not str(fact["codes"]):  # n, missing, answered, mean: no codes counted
        return answered, np.zeros(len(answered), bool)
    hit = np.column_stack([code_mask(v[:, j], str(fact["codes"])) for j in range(len(items))])
    return answered, (hit.all(axis=1) if joiner == "&" else hit.any(axis=1)) & answered


def _group_mask(fact: Mapping, cols: Columns, n: int) -> np.ndarray:
    if pd.isna(fact["group_item"]) or not str(fact["group_item"]):
        return np.ones(n, bool)
    return code_mask(np.asarray(cols[str(fact["group_item"])], float), str(fact["group_codes"]))


def fact_value(fact: Mapping, cols: Columns) -> float:
    """Our value of one text fact, unrounded.

    Parameters
    ----------
    fact
        One row of ``lm2016_survey_text_facts``.
    cols
        Item -> codes of every respondent (the demo file's columns).

    Returns
    -------
    float
        The count, share (percent) or mean; NaN when its base is empty.
    """
    n = len(next(iter(cols.values())))
    if fact["measure"] == "n":
        return float(n)
    group = _group_mask(fact, cols, n)
    answered, hit = _hits(fact, cols, group)
    measure = fact["measure"]
    if measure == "missing":
        return float((~answered).sum())
    if measure == "missing_pct":
        return 100.0 * float((~answered).sum()) / len(answered)
    if measure == "answered":
        return float(answered.sum())
    if measure == "mean":
        v = np.asarray(cols[str(fact["item"])], float)[group]
        return float(v[answered].mean()) if answered.any() else float("nan")
    hits = float(hit.sum())
    if measure == "count":
        return hits
    return 100.0 * hits / answered.sum() if answered.any() else float("nan")


def _decimals(fact: Mapping) -> int:
    return printed_decimals(str(fact["value_as_printed"]).replace("%", "").strip())


def reproduced(fact: Mapping, value: float) -> bool:
    """Whether ``value`` gives the printed number once rounded to its printed decimals.

    Parameters
    ----------
    fact
        One row of ``lm2016_survey_text_facts``.
    value
        Our unrounded value.

    Returns
    -------
    bool
        True when it is printed the same.
    """
    if np.isnan(value):
        return False
    dec = _decimals(fact)
    return bool(round_half_away(value, dec) == round_half_away(float(fact["value"]), dec))


def loss(facts: list[dict], cols: Columns) -> float:
    """How far the facts are from being printed the same: 0 when all are.

    Parameters
    ----------
    facts
        Fact rows (``to_dict("records")`` of ``lm2016_survey_text_facts``).
    cols
        Item -> values.

    Returns
    -------
    float
        Sum over the facts of the distance outside the printed rounding interval, relative.
    """
    total = 0.0
    for f in facts:
        v = fact_value(f, cols)
        if np.isnan(v):
            total += 2.0
        elif not reproduced(f, v):
            # distance outside the printed number's rounding interval, so that small steps count
            half = 0.5 * 10.0 ** -_decimals(f)
            off = max(abs(v - float(f["value"])) - half, 0.0) + OUTSIDE
            total += off / max(abs(float(f["value"])), 1.0)
    return total


def facts_on(facts: pd.DataFrame, item: str) -> pd.DataFrame:
    """The facts whose value depends on ``item`` (as the item counted or as the group).

    Parameters
    ----------
    facts
        ``lm2016_survey_text_facts``.
    item
        A codebook item.

    Returns
    -------
    pandas.DataFrame
        The rows about ``item``.
    """
    names = facts["item"].map(lambda i: item in fact_items(str(i))[0])
    return facts[names | (facts["group_item"] == item)]


def items_of(facts: pd.DataFrame) -> set[str]:
    """Every codebook item the facts count (each item of a fact on several questions).

    Parameters
    ----------
    facts
        ``lm2016_survey_text_facts``.

    Returns
    -------
    set of str
        The items.
    """
    return {i for item in facts["item"] for i in fact_items(str(item))[0]}


def targets(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts the generator aims at: a quantity the text states twice is aimed at as first stated.

    The text gives some shares twice, the second time in a chapter summary; where the two differ
    («sterkt ruset»), only one can be reproduced, and the first statement, in the results section
    that reports the item's answers, is the target. The other stays in the check with its reason.

    Parameters
    ----------
    facts
        ``lm2016_survey_text_facts``.

    Returns
    -------
    pandas.DataFrame
        The facts without the later statements of a quantity already stated.
    """
    key = ["item", "measure", "codes", "group_item", "group_codes"]
    ordered = facts.sort_values(["source_line", "fact_id"], kind="stable")
    first = ordered.drop_duplicates(key, keep="first")
    return facts[facts["fact_id"].isin(first["fact_id"])]


def climb(
    rng: np.random.Generator,
    cols: dict,
    item: str,
    facts: pd.DataFrame,
    propose: Proposal,
    steps: int = CLIMB_STEPS,
) -> None:
    """Change ``cols[item]`` one value at a time, keeping a move when the facts fit no worse.

    Parameters
    ----------
    rng
        The generator's random number generator.
    cols
        Item -> values; ``cols[item]`` is replaced.
    item
        The item moved.
    facts
        The facts on ``item`` (:func:`facts_on`).
    propose
        The move (:func:`choice_proposal` or an item's own).
    steps
        Number of moves tried.
    """
    if facts.empty:
        return
    values = np.asarray(cols[item], float).copy()
    cols[item] = values
    rows = facts.to_dict("records")
    best = loss(rows, cols)
    for _ in range(steps):
        if best == 0.0:
            break
        at, new = propose(rng, values)
        old = values[at].copy()
        values[at] = new
        now = loss(rows, cols)
        if now <= best:
            best = now
        else:
            values[at] = old


@dataclass(frozen=True)
class TextFactCheck:
    """The text-only facts beside the demo file: one row each, and how many it reproduces."""

    table: pd.DataFrame
    n_facts: int
    n_reproduced: int
    n_contradicted: int


def check(facts: pd.DataFrame, data: pd.DataFrame, reasons: Mapping[str, str]) -> TextFactCheck:
    """Each text-only fact beside the respondent file's value, rounded as printed, with a flag.

    Parameters
    ----------
    facts
        ``lm2016_survey_text_facts``.
    data
        Respondent data (validated codes).
    reasons
        fact_id -> why a table forbids it (``lm2016_survey_text_fact_reasons``).

    Returns
    -------
    TextFactCheck
        ``table`` has ``fact_id``, ``item``, ``measure``, ``source_line``, ``printed``, ``ours``,
        ``decimals``, ``match``, ``reason`` (empty when it matches).
    """
    cols = {c: pd.to_numeric(data[c], errors="coerce").to_numpy(float) for c in data.columns}
    cols["resp_id"] = np.arange(len(data), dtype=float)
    rows = []
    for _, f in facts.sort_values(["source_line", "fact_id"]).iterrows():
        v = fact_value(f, cols)
        ok = reproduced(f, v)
        dec = _decimals(f)
        rows.append(
            {
                "fact_id": f["fact_id"],
                "item": f["item"],
                "measure": f["measure"],
                "source_line": int(f["source_line"]),
                "printed": float(f["value"]),
                "ours": v if np.isnan(v) else round_half_away(v, dec),
                "decimals": dec,
                "match": ok,
                "reason": "" if ok else reasons.get(str(f["fact_id"]), NOT_EXPLAINED),
            }
        )
    table = pd.DataFrame(rows)
    n_ok = int(table["match"].sum())
    n_contra = int(((~table["match"]) & (table["reason"] != NOT_EXPLAINED)).sum())
    return TextFactCheck(table=table, n_facts=len(table), n_reproduced=n_ok, n_contradicted=n_contra)
