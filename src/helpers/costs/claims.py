"""The audit claims of seed 000's Del 3 as data: references, formulas and explanation templates.

Each claim is one row of ``huset_audit_claims`` (``data/raw/huset_audit_claims.csv``, documented in
``data/raw/datapackage.json``): where it is printed, which printed number it is (a *reference*),
the formula that recomputes it and the explanation shown in the report. Formulas and templates
name their numbers instead of typing them, so every number of an explanation is read from the raw
tables or computed:

* a reference is ``text:<line>:<measure>[:<unit>]`` (a prose figure), ``t1:<unit>:<measure>:<col>``
  (Tabell 1), ``t2:<measure>:<year>`` / ``t2_change:<measure>:<year>`` (Tabell 2),
  ``t6:<unit>:<measure>`` (Tabell 6), ``words:<fraction>`` (a number printed as a word, e.g.
  ``words:1/3`` for "en tredel") or ``seed:<seed>:<line>:<number>`` (a number printed on a line of
  any seed, e.g. ``seed:003:5682:18`` for "09–18" in Lundeberg & Mjåland (2017): a number of the
  summary or of another source that no transcribed table holds, transcribed here, with ``.`` as
  the decimal mark; a clock time ``hh.mm`` compares in the order of the day);
* ``operands`` binds short names to references (``a=text:1099:visits_week24; b=...``);
* ``recompute`` is an arithmetic expression (``+ - * /``, parentheses) over the operands, the
  parameters by name, ``printed`` and the calendar constants of :mod:`helpers.costs.parameters`,
  written from the least-rounded inputs the source itself had; ``printed_recompute`` (optional)
  is the same quantity from the printed, rounded operands, so an equation that only intermediate
  rounding breaks is told apart from an error (:func:`helpers.costs.audit.audit`);
* ``held_against`` says whether the claim is held against another printed statement or a
  recomputation, and ``why`` gives the reason for the verdict (a template like ``how``; the name
  ``precision`` is the print's precision);
* ``how`` is the explanation, with ``{expression}`` or ``{expression:format}`` placeholders
  (format ``int`` or a number of decimals; none = :func:`helpers.core.formatting.fmt_smart`).

The claims of Tabell 2 (year-on-year changes and visitors per day) follow from its rows and are
built by :func:`table2_claims`.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import pandas as pd

from helpers.core import formatting as fmt
from helpers.costs.parameters import MILLION, MONTHS_PER_YEAR, PERCENT, WEEKS_PER_YEAR

CONSTANTS: dict[str, float] = {
    "MILLION": MILLION,
    "MONTHS_PER_YEAR": MONTHS_PER_YEAR,
    "WEEKS_PER_YEAR": WEEKS_PER_YEAR,
    "PERCENT": PERCENT,
}
ARITHMETIC = "regnefeil"  # the verdict when a claim gives no other (see helpers.costs.audit)
INCONSISTENT = "motstrid med annen opplysning"  # two printed statements of one quantity disagree
EDITORIAL = "redaksjonell"  # the numbers hold, a word or caption does not
PRINTED = "printed statement"  # held against another printed statement of the same quantity
RECOMPUTED = "recomputation"  # held against a recomputation from the parameters or other prints

Key = tuple[str | int, ...]
SEED_REF = re.compile(r"seed:(\d{3}):(\d+):(\d+(?:\.\d+)?)")  # seed, line, the number as printed


@dataclass(frozen=True)
class Claim:
    """One checkable claim: where it is printed, what is printed, how it is recomputed and shown."""

    claim_id: str
    section: str
    table: str
    source_line: str
    claim: str
    printed: str
    printed_as: str
    shown_as: str | None
    operands: tuple[tuple[str, str], ...]
    recompute: str | Callable[[Mapping[str, float]], float]
    printed_recompute: str | None
    kind: str
    unit: float
    if_differs: str
    fixed: str | None
    how: str
    held_against: str = RECOMPUTED
    why: str = ""


def parse_ref(ref: str) -> Key | float:
    """The lookup key of a reference, or the value of a ``words:`` reference.

    Parameters
    ----------
    ref
        A reference such as ``text:1101:visits_per_day_avg_week24``, ``words:1/3`` or
        ``seed:003:5682:18``.

    Returns
    -------
    tuple or float
        ``("text", 1101, measure[, unit])``, ``("t1", unit, measure, column)``,
        ``("t2"|"t2_change", measure, year)``, ``("t6", unit, measure, 0)``, or a float (the value
        of a ``words:`` or ``seed:`` reference).
    """
    kind, *parts = ref.strip().split(":")
    if kind == "words" and len(parts) == 1:
        return float(Fraction(parts[0]))
    if kind == "seed" and len(parts) == 3 and SEED_REF.fullmatch(ref.strip()):
        return float(parts[2])
    if kind == "text" and len(parts) in (2, 3):
        return ("text", int(parts[0]), *parts[1:])
    if kind in ("t2", "t2_change") and len(parts) == 2:
        return (kind, parts[0], int(parts[1]))
    if kind == "t1" and len(parts) == 3:
        return ("t1", *parts)
    if kind == "t6" and len(parts) == 2:
        return ("t6", *parts, 0)
    raise ValueError(f"unreadable reference {ref!r}")


def _operands(spec: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(spec, str) or not spec.strip():
        return ()
    pairs = [part.split("=", 1) for part in spec.split(";")]
    return tuple((name.strip(), ref.strip()) for name, ref in pairs)


def _text(x: object) -> str | None:
    return x if isinstance(x, str) and x else None


def claims_from_table(df: pd.DataFrame) -> list[Claim]:
    """The claims of ``huset_audit_claims``, one per row, in file order.

    Parameters
    ----------
    df
        The claims table (columns as declared in ``datapackage.json``).

    Returns
    -------
    list of Claim
        One claim per row; every reference is parsed, so a malformed one fails here.
    """
    out = []
    for r in df.itertuples(index=False):
        c = Claim(
            claim_id=r.claim_id,
            section=r.section,
            table=r.table,
            source_line=str(r.source_line),
            claim=r.claim,
            printed=r.printed,
            printed_as=r.printed_as,
            shown_as=_text(r.shown_as),
            operands=_operands(r.operands),
            recompute=r.recompute,
            printed_recompute=_text(r.printed_recompute),
            kind=r.kind,
            unit=float(r.precision),
            if_differs=r.if_differs,
            fixed=_text(r.fixed),
            how=r.how,
            held_against=r.held_against,
            why=_text(r.why) or "",
        )
        for ref in (c.printed, *(ref for _, ref in c.operands)):
            parse_ref(ref)
        out.append(c)
    return out


TABLE2_LINES = "1614-1623"  # the lines of Tabell 2 in seed 000, from its header to its last row
MEAN = "mean_visitors_per_day"
_UNROUNDED_NB = "uavrundede snitt: besøkende / (uker × åpningsdager)"


def _per_day_expr(tag: str) -> str:
    return f"v{tag} / (w{tag} * d{tag})"


def _per_day_refs(tag: str, year: int) -> tuple[tuple[str, str], ...]:
    return (
        (f"v{tag}", f"t2:visitors:{year}"),
        (f"w{tag}", f"t2:active_weeks:{year}"),
        (f"d{tag}", f"t2:opening_days_per_week:{year}"),
    )


def _unrounded_mean(kf: pd.DataFrame, year: int) -> bool:
    """True when visitors / (weeks x days) of ``year`` rounds to the printed mean per day."""
    v = kf.set_index(["measure", "year"])["value"].astype(float)
    if not all((m, year) in v.index for m in ("visitors", "active_weeks", "opening_days_per_week", MEAN)):
        return False
    exact = v[("visitors", year)] / (v[("active_weeks", year)] * v[("opening_days_per_week", year)])
    return bool(fmt.round_half_away(exact, 0) == v[(MEAN, year)])


def _change_claim(kf: pd.DataFrame, r: Any) -> Claim:
    """One printed change; a mean per day enters unrounded where the table's own rows give it."""
    m, y, label = r.measure, int(r.year), r.measure_label_nb
    refs: tuple[tuple[str, str], ...] = (("a", f"t2:{m}:{y}"), ("b", f"t2:{m}:{y - 1}"))
    terms = {"a": "a", "b": "b"}
    if m == MEAN:
        for tag, year in (("a", y), ("b", y - 1)):
            if _unrounded_mean(kf, year):
                refs += _per_day_refs(tag, year)
                terms[tag] = _per_day_expr(tag)
    expr = f"(({terms['a']}) - ({terms['b']})) / ({terms['b']}) * PERCENT"
    how = f"{label} {y} / {y - 1} − 1"
    if terms != {"a": "a", "b": "b"}:
        shown = {t: "{" + e + (":2}" if e != t else "}") for t, e in terms.items()}
        how = f"({shown['a']} − {shown['b']}) / {shown['b']} ({_UNROUNDED_NB})"
    claim = f"{label} {y}: endring fra {y - 1}"
    return _t2_claim(f"t2_change_{m}_{y}", str(r.source_line), claim, f"t2_change:{m}:{y}", refs, expr, how)


def table2_claims(key_figures: pd.DataFrame) -> list[Claim]:
    """Tabell 2's claims: each printed year-on-year change and the mean visitors per day.

    A printed change is recomputed from the least-rounded values the table itself holds: a mean
    per day from visitors / (active weeks x opening days) when that rounds to the printed mean
    (the printed mean otherwise, e.g. a forecast that does not follow from its column).

    Parameters
    ----------
    key_figures
        Tabell 2 (``huset_key_figures``).

    Returns
    -------
    list of Claim
        One claim per printed change (sorted by measure and year), then one per year with a mean
        of visitors per day.
    """
    kf = key_figures.sort_values(["measure", "year"])
    out = [_change_claim(kf, r) for r in kf[kf["printed_change_pct"].notna()].itertuples(index=False)]
    for y in sorted(kf.loc[kf["measure"] == MEAN, "year"].astype(int)):
        how = "besøkende / (aktive uker × åpningsdager per uke) = {v / (w * d)}"
        claim = f"gj.snitt besøkende pr. dag {y}"
        c = _t2_claim(f"t2_per_day_{y}", TABLE2_LINES, claim, f"t2:{MEAN}:{y}", _per_day_refs("", y), "", how)
        why = "snittet følger ikke av besøkende, aktive uker og åpningsdager i samme kolonne"
        out.append(replace(c, recompute=_per_day_expr(""), if_differs=INCONSISTENT, why=why))
    return out


def _t2_claim(
    cid: str, line: str, claim: str, printed: str, refs: tuple[tuple[str, str], ...], expr: str, how: str
) -> Claim:
    return Claim(
        claim_id=cid,
        section="3.1",
        table="Tabell 2",
        source_line=line,
        claim=claim,
        printed=printed,
        printed_as="",
        shown_as=None,
        operands=refs,
        recompute=expr,
        printed_recompute=None,
        kind="eq",
        unit=1.0,
        if_differs=ARITHMETIC,
        fixed=None,
        how=how,
    )


_OPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def evaluate(expr: str, names: Mapping[str, float]) -> float:
    """Evaluate an arithmetic expression of a claim (``+ - * /``, parentheses, names, numbers).

    Parameters
    ----------
    expr
        The expression, e.g. ``"a / huset_capacity_per_day * PERCENT"``.
    names
        The value of every name the expression may use.

    Returns
    -------
    float
        The value; an unknown name or any other syntax raises ``ValueError``.
    """

    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in names:
                raise ValueError(f"unknown name {node.id!r} in {expr!r}")
            return float(names[node.id])
        raise ValueError(f"not an arithmetic expression: {expr!r}")

    return ev(ast.parse(expr.strip(), mode="eval"))


_PLACEHOLDER = re.compile(r"\{([^{}]+?)(?::(int|clock|\d))?\}")


def render(template: str, names: Mapping[str, float]) -> str:
    """Fill an explanation template's placeholders with formatted values.

    Parameters
    ----------
    template
        Text with ``{expression}`` or ``{expression:format}`` placeholders; the format is a number
        of decimals, ``int`` or ``clock`` (a clock time ``hh.mm``, as the sources print it).
    names
        The names the expressions may use.

    Returns
    -------
    str
        The explanation. Numbers are formatted by :mod:`helpers.core.formatting` and their no-break
        spaces written as plain spaces, as the explanation column has always been printed.
    """

    def one(m: re.Match[str]) -> str:
        x = evaluate(m.group(1), names)
        spec = m.group(2)
        text = (
            fmt.fmt_smart(x)
            if spec is None
            else fmt.fmt_int(x)
            if spec == "int"
            else fmt.fmt_clock(x)
            if spec == "clock"
            else fmt.fmt_num(x, int(spec))
        )
        return text.replace(fmt.NBSP, " ")

    return _PLACEHOLDER.sub(one, template)
