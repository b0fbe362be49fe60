"""Audit of seed 000's Del 3: every derived claim recomputed, compared with the print, given a verdict.

The claims are data (:mod:`helpers.costs.claims`); this module looks up their printed numbers in
the raw tables, recomputes them from the least-rounded inputs, and applies the verdict rules
(:func:`verdict`). Each finding has one class of :data:`FINDINGS` (rounding is never an error);
:data:`JUDGEMENT` marks two statements that are not of the same quantity (no finding). The table
cells of Tabell 3-6 that do not reproduce join the audit's findings in :func:`discrepancies`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from helpers.core.formatting import fmt_pct, round_half_away
from helpers.costs.claims import (
    ARITHMETIC,
    CONSTANTS,
    EDITORIAL,
    INCONSISTENT,
    RECOMPUTED,
    Claim,
    Key,
    evaluate,
    parse_ref,
    render,
)

OK = "stemmer"
ROUNDING = "avrunding"
SCOPE = "omfangsavvik"
JUDGEMENT = "skjønn, ikke avvik"  # two statements that are not of the same quantity: no finding
VERDICTS = (OK, JUDGEMENT, ROUNDING, ARITHMETIC, INCONSISTENT, SCOPE, EDITORIAL)
FINDINGS = (ROUNDING, ARITHMETIC, INCONSISTENT, SCOPE, EDITORIAL)  # the classes of a finding
_TABLE_KEY = {"Tabell 3": "t3", "Tabell 4": "t4", "Tabell 6": "t6"}


def _text_key(source_line: object, measure: str) -> Key:
    return ("text", int(str(source_line).split("-")[0]), measure)


def printed_values(
    text: pd.DataFrame, tables: pd.DataFrame, key_figures: pd.DataFrame, table1: pd.DataFrame
) -> dict[Key, float]:
    """Printed numbers of seed 000 by key, so audit claims never retype a number.

    Parameters
    ----------
    text
        The prose figures (``huset_cost_text_figures``).
    tables
        The printed cells of Tabell 3, 4 and 6 (``huset_cost_tables``).
    key_figures
        Tabell 2 (``huset_key_figures``).
    table1
        Tabell 1 (``huset_mo_comparison_table1``).

    Returns
    -------
    dict
        Keys ``("text", line, measure)`` for the prose (first line of ``source_line``; with the
        unit appended, ``("text", line, measure, unit)``, where two units print one measure on a
        line), ``("t3"|"t4"|"t6", unit, measure, year)`` for the table cells (year 0 for Tabell 6),
        ``("t2", measure, year)`` and ``("t2_change", measure, year)`` for Tabell 2 and
        ``("t1", unit, measure, column)`` for Tabell 1.
    """
    out: dict[Key, float] = {}
    ambiguous = set()
    for r in text.itertuples(index=False):
        if pd.notna(r.value):
            key = _text_key(r.source_line, r.measure)
            if key in out and out[key] != float(r.value):
                ambiguous.add(key)
            out[key] = float(r.value)
            out[(*key, r.unit)] = float(r.value)
    for key in ambiguous:  # two units print the same measure on one line: name the unit
        del out[key]
    for r in tables.itertuples(index=False):
        year = 0 if pd.isna(r.year) else int(r.year)
        out[(_TABLE_KEY[r.table], r.unit, r.measure, year)] = float(r.value)
    for r in key_figures.itertuples(index=False):
        out[("t2", r.measure, int(r.year))] = float(r.value)
        if pd.notna(r.printed_change_pct):
            out[("t2_change", r.measure, int(r.year))] = float(r.printed_change_pct)
    for r in table1.itertuples(index=False):
        for col in ("value", "value_low", "value_high"):
            if pd.notna(getattr(r, col)):
                out[("t1", r.unit, r.measure, col)] = float(getattr(r, col))
    return out


def verdict(exact: float, printed: float, unit: float, kind: str, if_differs: str) -> str:
    """Compare a recomputed value with a printed claim.

    Parameters
    ----------
    exact
        The recomputed value.
    printed
        The printed value.
    unit
        The precision of the print (``eq``, ``approx``).
    kind
        ``eq`` (the print equals ``exact`` rounded to ``unit``), ``over`` (the text says
        "over"/"mer enn": exact must exceed the print), ``at_most`` (exact must not exceed the
        print, e.g. the upper end of a printed range) or ``approx`` (within ``unit`` of the print,
        for words such as "omtrent en tredel").
    if_differs
        The verdict when the check fails (regnefeil / motstrid / omfangsavvik).

    Returns
    -------
    str
        ``stemmer``; for ``eq``, ``avrunding`` when the print equals ``exact`` truncated or
        rounded the other way at ``unit``; else ``if_differs``.
    """
    if kind == "over":
        return OK if exact > printed else if_differs
    if kind == "at_most":
        return OK if exact <= printed else if_differs
    if kind == "approx":
        return OK if abs(exact - printed) <= unit else if_differs
    q = round(exact / unit, 9)  # drop float noise such as 44.99999999 for 45
    if math.isclose(round_half_away(q) * unit, printed, rel_tol=1e-9, abs_tol=1e-9):
        return OK
    if any(math.isclose(f(q) * unit, printed, rel_tol=1e-9, abs_tol=1e-9) for f in (math.floor, math.ceil)):
        return ROUNDING
    return if_differs


def _lookup(ref: str, printed: Mapping[Key, float]) -> float:
    key = parse_ref(ref)
    if isinstance(key, float):
        return key
    if key not in printed:
        raise KeyError(f"no printed value {key!r} in the raw tables")
    return printed[key]


def _judge(c: Claim, exact: float, pv: float, names: Mapping[str, float]) -> str:
    """The verdict: from the least-rounded recomputation, then from the printed operands.

    A print that the least-rounded inputs give is right; when the same claim's printed (rounded)
    operands miss it by more than the print's precision, the difference is intermediate rounding.
    """
    if c.fixed:
        return c.fixed
    v = verdict(exact, pv, c.unit, c.kind, c.if_differs)
    if v == OK and c.printed_recompute:
        shown = evaluate(c.printed_recompute, names)
        if abs(shown - pv) > c.unit * (1 + 1e-9):
            return ROUNDING
    return v


def _row(c: Claim, params: Mapping[str, float], printed: Mapping[Key, float], as_printed: Mapping[Key, str]):
    names = {**params, **CONSTANTS, **{n: _lookup(ref, printed) for n, ref in c.operands}}
    names["precision"] = c.unit
    pv = names["printed"] = _lookup(c.printed, printed)
    exact = c.recompute(names) if callable(c.recompute) else evaluate(c.recompute, names)
    key = parse_ref(c.printed)
    shown = c.shown_as if c.shown_as is not None else as_printed.get(key) if isinstance(key, tuple) else None
    if shown is None and c.printed.startswith("seed:"):  # transcribed in the claims file itself
        shown = c.printed_as
    return {
        "id": c.claim_id,
        "section": c.section,
        "table": c.table,
        "line": c.source_line,
        "claim": c.claim,
        "printed": pv,
        "printed_as": shown,
        "recomputed": exact,
        "difference": pv - exact,
        "verdict": _judge(c, exact, pv, names),
        "how": render(c.how, names),
        "held_against": c.held_against,
        "why": render(c.why, names),
    }


def _by_first_line(df: pd.DataFrame) -> pd.DataFrame:
    first = df["line"].astype(str).str.extract(r"(\d+)")[0].astype(int)
    return df.assign(_l=first).sort_values(["_l", "id"]).drop(columns="_l").reset_index(drop=True)


def audit(
    params: Mapping[str, float],
    claims: Iterable[Claim],
    text: pd.DataFrame,
    tables: pd.DataFrame,
    key_figures: pd.DataFrame,
    table1: pd.DataFrame,
) -> pd.DataFrame:
    """Recompute every claim and give a verdict.

    Parameters
    ----------
    params
        Parameter values by name.
    claims
        The claims (:func:`helpers.costs.claims.claims_from_table` and
        :func:`helpers.costs.claims.table2_claims`).
    text, tables, key_figures, table1
        The raw tables the printed numbers are looked up in (:func:`printed_values`).

    Returns
    -------
    pandas.DataFrame
        Columns id, section, table, line, claim, printed, printed_as, recomputed, difference,
        verdict, how, held_against, why; sorted by the first line number.
    """
    printed = printed_values(text, tables, key_figures, table1)
    as_printed: dict[Key, str] = {}
    for r in text.itertuples(index=False):
        key = _text_key(r.source_line, r.measure)
        as_printed[key] = as_printed[(*key, r.unit)] = r.value_as_printed
    rows = [_row(c, params, printed, as_printed) for c in claims]
    return _by_first_line(pd.DataFrame(rows))


_WHY_T4_BASIS = "nevneren er kostnadene, ikke inntektene som i resten av tabellen"
_WHY_T4_NONE = "verken inntektene eller kostnadene som nevner gir det trykte tallet"
_WHY_TRUNCATED = "avkuttet eller avrundet feil vei, ikke en regnefeil"
_WHY_NOT_REPRODUCED = "gjenskapes ikke fra de trykte inndataene"


def _finding(
    table: str, cell_id: str, r: Any, claim: str, exact: float, verdict_: str, how: str, why: str
) -> dict:
    return {
        "id": cell_id,
        "section": "3.2",
        "table": table,
        "line": str(r.source_line),
        "claim": claim,
        "printed": r.printed,
        "printed_as": r.printed_as,
        "recomputed": exact,
        "difference": r.printed - exact,
        "verdict": verdict_,
        "how": how,
        "held_against": RECOMPUTED,
        "why": why,
    }


def discrepancies(
    t3: pd.DataFrame, t4: pd.DataFrame, t5: pd.DataFrame, t6: pd.DataFrame, aud: pd.DataFrame
) -> pd.DataFrame:
    """One list of every finding: table cells that do not reproduce and audit claims of a finding class.

    Parameters
    ----------
    t3, t4, t5, t6
        The reproduced tables (:mod:`helpers.costs.reproduction`).
    aud
        The audit (:func:`audit`).

    Returns
    -------
    pandas.DataFrame
        Columns as the audit table; sorted by the first line number.
    """
    rows = []
    for r in t4[~t4["match"]].itertuples(index=False):
        on_costs = r.basis == "kostnader"
        how = (
            "andel av totale kostnader, ikke av inntekter som resten av tabellen "
            f"({fmt_pct(r.exact_cost_basis, 1)} av kostnader)"
            if on_costs
            else "driftsresultat / driftsinntekter"
        )
        claim = f"{r.unit_label} {r.year} {r.label} {r.printed_as}"
        cell = f"t4_{r.unit}_{r.measure}_{r.year}"
        verdict_, why = (SCOPE, _WHY_T4_BASIS) if on_costs else (ARITHMETIC, _WHY_T4_NONE)
        rows.append(_finding("Tabell 4", cell, r, claim, r.exact, verdict_, how, why))
    for r in t5[~t5["match"]].itertuples(index=False):
        v = verdict(r.exact, r.printed, 10.0**-r.decimals, "eq", ARITHMETIC)
        claim = f"{r.unit_label} {r.label} {r.printed_as}"
        why = _WHY_TRUNCATED if v == ROUNDING else _WHY_NOT_REPRODUCED
        rows.append(_finding("Tabell 5", f"t5_{r.unit}_{r.measure}", r, claim, r.exact, v, r.definition, why))
    for t, name in ((t3, "Tabell 3"), (t6, "Tabell 6")):
        for r in t[~t["match"]].itertuples(index=False):
            claim = f"{r.label} {r.printed_as}"
            how = "se reproduksjonen"
            rows.append(
                _finding(
                    name, f"{name}_{r.label}", r, claim, r.recomputed, ARITHMETIC, how, _WHY_NOT_REPRODUCED
                )
            )
    bad = aud[aud["verdict"].isin(FINDINGS)]
    return _by_first_line(pd.concat([pd.DataFrame(rows), bad], ignore_index=True))
