"""Cost comparison: seed 000's Tabell 5 rebuilt from its inputs.

Tabell 5 compares the annual cost, visits, cost per visit and visits per FTE of a proposed municipal
MO centre (budget "Alt. 2", visits of MO-Gyldenpris) with Huset Bergen (2025 budget and forecast).
:func:`table5` recomputes every derived cell from ``huset_table5_inputs`` and rounds it to the
number of decimals the printed cell shows, so the comparison with ``huset_table5_printed`` is cell
by cell. A cell that does not match is reported, never adjusted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

import pandas as pd

from helpers.core.formatting import round_half_away

MILLION = 1_000_000
MO, HUSET, RATIO = "mo_senter_alt2", "huset", "ratio_mo_over_huset"

Inputs = Mapping[tuple[str, str], float]


def _cost_per_visit(unit: str) -> Callable[[Inputs], float]:
    return lambda v: v[(unit, "annual_cost_mnok")] * MILLION / v[(unit, "annual_visits")]


def _visits_per_fte(unit: str, fte_unit: str) -> Callable[[Inputs], float]:
    return lambda v: v[(unit, "annual_visits")] / v[(fte_unit, "fte")]


Formula = Callable[[Inputs], float]


def _ratio(f_mo: Formula, f_h: Formula) -> Formula:
    return lambda v: f_mo(v) / f_h(v)


def _input(unit: str, measure: str) -> Callable[[Inputs], float]:
    return lambda v: v[(unit, measure)]


# (unit, measure) of each derived cell -> formula over the inputs, and a plain-words definition
TABLE5_FORMULAS: dict[tuple[str, str], tuple[Callable[[Inputs], float], str]] = {
    (MO, "cost_per_visit"): (_cost_per_visit(MO), "årlige kostnader / årlige besøk"),
    (HUSET, "cost_per_visit"): (_cost_per_visit(HUSET), "årlige kostnader / årlige besøk"),
    (MO, "visits_per_fte"): (
        _visits_per_fte(MO, "mo_gyldenpris"),
        "årlige besøk / årsverk MO-Gyldenpris (Tabell 1)",
    ),
    (HUSET, "visits_per_fte"): (_visits_per_fte(HUSET, HUSET), "årlige besøk / årsverk (Tabell 1)"),
    (RATIO, "ratio_annual_cost"): (
        _ratio(_input(MO, "annual_cost_mnok"), _input(HUSET, "annual_cost_mnok")),
        "MO / Huset",
    ),
    (RATIO, "ratio_annual_visits"): (
        _ratio(_input(MO, "annual_visits"), _input(HUSET, "annual_visits")),
        "MO / Huset",
    ),
    (RATIO, "ratio_cost_per_visit"): (
        _ratio(_cost_per_visit(MO), _cost_per_visit(HUSET)),
        "MO / Huset, av uavrundede verdier",
    ),
    (RATIO, "ratio_visits_per_fte"): (
        _ratio(_visits_per_fte(MO, "mo_gyldenpris"), _visits_per_fte(HUSET, HUSET)),
        "MO / Huset, av uavrundede verdier",
    ),
}


def printed_decimals(as_printed: str) -> int:
    """Decimals shown in a number printed the Norwegian way (``"6,1"`` -> 1, ``"~1 045"`` -> 0)."""
    m = re.search(r"\d[\d\s\u00a0]*(?:,(\d+))?", str(as_printed))
    if not m:
        raise ValueError(f"no number in {as_printed!r}")
    return len(m.group(1) or "")


def inputs_mapping(inputs: pd.DataFrame) -> dict[tuple[str, str], float]:
    """``{(unit, measure): value}`` from the inputs table."""
    return {(r.unit, r.measure): float(r.value) for r in inputs.itertuples(index=False)}


def table5(inputs: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Recompute every printed derived cell of Tabell 5 and compare it with the print.

    Columns: unit, measure, label, definition, exact, recomputed (rounded like the print),
    printed, printed_as, match, source_line.
    """
    v = inputs_mapping(inputs)
    rows = []
    for r in printed.itertuples(index=False):
        key = (r.unit, r.measure)
        if key not in TABLE5_FORMULAS:
            raise KeyError(f"no formula for printed Tabell 5 cell {key}")
        formula, definition = TABLE5_FORMULAS[key]
        exact = formula(v)
        dec = printed_decimals(r.value_as_printed)
        recomputed = round_half_away(exact, dec)
        rows.append(
            {
                "unit": r.unit,
                "unit_label": r.unit_label_nb,
                "measure": r.measure,
                "label": r.measure_label_nb,
                "definition": definition,
                "exact": exact,
                "recomputed": recomputed,
                "printed": float(r.value),
                "printed_as": r.value_as_printed,
                "decimals": dec,
                "match": recomputed == float(r.value),
                "source_line": int(r.source_line),
            }
        )
    return pd.DataFrame(rows)


# ============================================================================================
# The parameter table (data/raw/huset_cost_parameters.csv): the one source of every input
# ============================================================================================

MONTHS_PER_YEAR = 12  # calendar constant: monthly figures x 12 = annual figures
WEEKS_PER_YEAR = 52  # calendar constant; Tabell 2 also prints 52 "aktive uker" (line 1616)
PERCENT = 100

# the five inputs of the Tabell 5 cost-per-visit ratio, in the order they are shown
RATIO_PARAMS = (
    "mo_alt2_annual_cost",
    "mo_gyldenpris_annual_visits",
    "huset_total_operating_costs_2025",
    "huset_rent_2025",
    "huset_annual_visits_2025",
)
PARAM_FILE = "data/raw/huset_cost_parameters.csv"


def check_parameters(df: pd.DataFrame, file: str = PARAM_FILE) -> pd.DataFrame:
    """Check the parameter table's internal logic and return it unchanged.

    Raises :class:`helpers.core.validation.DataValidationError` naming the row and column when a range does
    not contain its value, a sampled parameter has no range, or a parameter name repeats.
    """
    from helpers.core.catalogue import DataValidationError

    problems = []

    def bad(i: int, col: str, value: object, check: str) -> None:
        problems.append({"row": i + 1, "line": i + 2, "column": col, "value": value, "check": check})

    for i, r in enumerate(df.itertuples(index=False)):
        has_lh = pd.notna(r.low) and pd.notna(r.high)
        if pd.notna(r.low) and r.low > r.value:
            bad(i, "low", r.low, f"low is above value {r.value}")
        if pd.notna(r.high) and r.high < r.value:
            bad(i, "high", r.high, f"high is below value {r.value}")
        if pd.notna(r.range_pct) and not 0 < r.range_pct < PERCENT:
            bad(i, "range_pct", r.range_pct, "must lie strictly between 0 and 100")
        if r.distribution == "uniform" and not has_lh:
            bad(i, "distribution", r.distribution, "uniform needs both low and high")
        if r.distribution == "triangular" and not (has_lh or pd.notna(r.range_pct)):
            bad(i, "distribution", r.distribution, "triangular needs low/high or range_pct")
    dup = df["param"].duplicated()
    for i in df.index[dup]:
        bad(int(i), "param", df.loc[i, "param"], "parameter name repeats")
    if problems:
        raise DataValidationError(file, problems)
    return df


def param_values(df: pd.DataFrame) -> dict[str, float]:
    """``{param: value}`` of the parameter table."""
    return {r.param: float(r.value) for r in df.itertuples(index=False)}


def param_ranges(df: pd.DataFrame) -> pd.DataFrame:
    """Low/high of every parameter with a distribution: printed low/high, else value +/- range_pct.

    Columns: param, label, value, low, high, distribution, range_reason, source_line.
    """
    rows = []
    for r in df.itertuples(index=False):
        if r.distribution == "fixed":
            continue
        if pd.notna(r.low) and pd.notna(r.high):
            low, high = float(r.low), float(r.high)
        else:
            low = float(r.value) * (1 - r.range_pct / PERCENT)
            high = float(r.value) * (1 + r.range_pct / PERCENT)
        rows.append(
            {
                "param": r.param,
                "label": r.label_nb,
                "value": float(r.value),
                "low": low,
                "high": high,
                "distribution": r.distribution,
                "range_reason": r.range_reason,
                "source_line": r.source_line,
            }
        )
    return pd.DataFrame(rows)


# ============================================================================================
# Reproduction of Tabell 3, 4, 5 and 6 from the parameters
# ============================================================================================


def _t3_inputs(p: Mapping[str, float], unit: str, year: int) -> dict[str, float]:
    rev = p[f"{unit}_operating_revenue_{year}"]
    sal = p[f"{unit}_salary_costs_{year}"]
    oth = p[f"{unit}_other_costs_{year}"]
    return {
        "operating_revenue_excl_transfers": rev,
        "salary_costs": sal,
        "other_operating_costs": oth,
        "total_operating_costs": sal + oth,
        "operating_result_excl_transfers": rev - (sal + oth),
    }


T3_DEFINITIONS = {
    "operating_revenue_excl_transfers": "parameter",
    "salary_costs": "parameter",
    "other_operating_costs": "parameter",
    "total_operating_costs": "lønn + andre driftskostnader",
    "operating_result_excl_transfers": "driftsinntekter − totale driftskostnader",
}


def table3(p: Mapping[str, float], printed: pd.DataFrame) -> pd.DataFrame:
    """Every printed Tabell 3 cell recomputed from the parameters (inputs are the parameters).

    Columns: unit, unit_label, year, measure, label, definition, derived, recomputed, printed,
    printed_as, match, source_line.
    """
    rows = []
    for r in printed[printed["table"] == "Tabell 3"].itertuples(index=False):
        values = _t3_inputs(p, r.unit, int(r.year))
        rec = values[r.measure]
        rows.append(
            {
                "unit": r.unit,
                "unit_label": r.unit_label_nb,
                "year": int(r.year),
                "measure": r.measure,
                "label": r.measure_label_nb,
                "definition": T3_DEFINITIONS[r.measure],
                "derived": T3_DEFINITIONS[r.measure] != "parameter",
                "recomputed": rec,
                "printed": float(r.value),
                "printed_as": r.value_as_printed,
                "match": rec == float(r.value),
                "source_line": str(r.source_line),
            }
        )
    return pd.DataFrame(rows)


T4_NUMERATOR = {
    "salary_share_pct": "salary_costs",
    "other_costs_share_pct": "other_operating_costs",
    "operating_margin_pct": "operating_result_excl_transfers",
}


def table4(p: Mapping[str, float], printed: pd.DataFrame) -> pd.DataFrame:
    """Tabell 4 shares recomputed on the revenue basis (and, for comparison, the cost basis).

    ``recomputed`` = numerator / driftsinntekter x 100, rounded to the printed decimals; ``basis``
    says which denominator reproduces the printed cell (``inntekter``, ``kostnader``, ``ingen``).
    """
    rows = []
    for r in printed[printed["table"] == "Tabell 4"].itertuples(index=False):
        v = _t3_inputs(p, r.unit, int(r.year))
        num = v[T4_NUMERATOR[r.measure]]
        on_rev = num / v["operating_revenue_excl_transfers"] * PERCENT
        on_cost = num / v["total_operating_costs"] * PERCENT
        dec = printed_decimals(r.value_as_printed)
        rec, alt = round_half_away(on_rev, dec), round_half_away(on_cost, dec)
        basis = "inntekter" if rec == r.value else ("kostnader" if alt == r.value else "ingen")
        rows.append(
            {
                "unit": r.unit,
                "unit_label": r.unit_label_nb,
                "year": int(r.year),
                "measure": r.measure,
                "label": r.measure_label_nb,
                "exact": on_rev,
                "exact_cost_basis": on_cost,
                "decimals": dec,
                "recomputed": rec,
                "recomputed_cost_basis": alt,
                "printed": float(r.value),
                "printed_as": r.value_as_printed,
                "match": rec == float(r.value),
                "basis": basis,
                "source_line": str(r.source_line),
            }
        )
    return pd.DataFrame(rows)


def huset_comparable_cost_mnok(p: Mapping[str, float]) -> float:
    """Huset's 2025 costs excluding rent, in NOK million (the source's 8,258 − 1,11 = 7,148)."""
    return p["huset_total_operating_costs_2025"] / MILLION - p["huset_rent_2025"]


def table5_inputs_from_params(p: Mapping[str, float]) -> pd.DataFrame:
    """The Tabell 5 inputs in the ``(unit, measure, value)`` form :func:`table5` reads."""
    rows = [
        (MO, "annual_cost_mnok", p["mo_alt2_annual_cost"]),
        (MO, "annual_visits", p["mo_gyldenpris_annual_visits"]),
        (HUSET, "annual_cost_mnok", huset_comparable_cost_mnok(p)),
        (HUSET, "annual_visits", p["huset_annual_visits_2025"]),
        ("mo_gyldenpris", "fte", p["mo_gyldenpris_fte"]),
        (HUSET, "fte", p["huset_fte"]),
    ]
    return pd.DataFrame(rows, columns=["unit", "measure", "value"])


_T6 = re.compile(r"social_gain_(guests|employees|sum)_(low|mid|high)_reduction_(\d+)pct")


def table6_cell(
    p: Mapping[str, float], lo_hi: Mapping[str, float], group: str, level: str, reduction_pct: float
) -> float:
    """One Tabell 6 cell: group size x gain per participant x reduction (NOK million).

    ``lo_hi`` maps ``low``/``mid``/``high`` to the gain per participant; ``sum`` = guests + employees
    (mid scenario, unrounded).
    """
    sizes = {"guests": p["huset_core_guests"], "employees": p["huset_bergen_as_employees_2025"]}
    if group == "sum":
        return sum(table6_cell(p, lo_hi, g, "mid", reduction_pct) for g in sizes)
    return sizes[group] * lo_hi[level] * reduction_pct / PERCENT


def gain_levels(df: pd.DataFrame) -> dict[str, float]:
    """Gain per participant: LAV/MIDT/HØY of Tabell 6 = printed low, printed 'midtpunkt', high."""
    row = df.set_index("param").loc["gatelag_gain_per_participant"]
    return {"low": float(row["low"]), "mid": float(row["value"]), "high": float(row["high"])}


def table6(params: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Every printed Tabell 6 cell recomputed from the parameters and rounded like the print."""
    p, lo_hi = param_values(params), gain_levels(params)
    levels = {int(v) for k, v in p.items() if re.fullmatch(r"harm_reduction_\d+pct", k)}
    rows = []
    for r in printed[printed["table"] == "Tabell 6"].itertuples(index=False):
        m = _T6.fullmatch(r.measure)
        if not m:
            raise KeyError(f"unrecognised Tabell 6 cell {r.measure!r}")
        group, level, pct = m.group(1), m.group(2), int(m.group(3))
        if pct not in levels:
            raise KeyError(f"Tabell 6 reduction level {pct} % is not in the parameter table")
        exact = table6_cell(p, lo_hi, group, level, pct)
        dec = printed_decimals(r.value_as_printed)
        rec = round_half_away(exact, dec)
        rows.append(
            {
                "group": group,
                "level": level,
                "reduction_pct": pct,
                "label": r.measure_label_nb,
                "exact": exact,
                "decimals": dec,
                "recomputed": rec,
                "printed": float(r.value),
                "printed_as": r.value_as_printed,
                "match": rec == float(r.value),
                "source_line": str(r.source_line),
            }
        )
    return pd.DataFrame(rows)


# ============================================================================================
# Audit: every derived figure of seed 000's Del 3, recomputed and checked against other claims
# ============================================================================================

OK = "stemmer"
ROUNDING = "avrunding"
ARITHMETIC = "regnefeil"
INCONSISTENT = "motstrid med annen opplysning"
SCOPE = "omfangsavvik"
VERDICTS = (OK, ROUNDING, ARITHMETIC, INCONSISTENT, SCOPE)


def printed_values(
    text: pd.DataFrame, tables: pd.DataFrame, key_figures: pd.DataFrame, table1: pd.DataFrame
) -> dict[tuple, float]:
    """Printed numbers of seed 000 by key, so audit claims never retype a number.

    Keys: ``("text", line, measure)`` for the prose (first line of ``source_line``; with the unit
    appended, ``("text", line, measure, unit)``, where two units print one measure on a line),
    ``("t3"|"t4"|"t6", unit, measure, year)`` for the table cells (year 0 for Tabell 6),
    ``("t2", measure, year)`` for Tabell 2 and ``("t1", unit, measure)`` for Tabell 1.
    """
    out: dict[tuple, float] = {}
    ambiguous = set()
    for r in text.itertuples(index=False):
        if pd.notna(r.value):
            key = ("text", int(str(r.source_line).split("-")[0]), r.measure)
            if key in out and out[key] != float(r.value):
                ambiguous.add(key)
            out[key] = float(r.value)
            out[(*key, r.unit)] = float(r.value)
    for key in ambiguous:  # two units print the same measure on one line: name the unit
        del out[key]
    for r in tables.itertuples(index=False):
        tab = {"Tabell 3": "t3", "Tabell 4": "t4", "Tabell 6": "t6"}[r.table]
        year = 0 if pd.isna(r.year) else int(r.year)
        out[(tab, r.unit, r.measure, year)] = float(r.value)
    for r in key_figures.itertuples(index=False):
        out[("t2", r.measure, int(r.year))] = float(r.value)
        if pd.notna(r.printed_change_pct):
            out[("t2_change", r.measure, int(r.year))] = float(r.printed_change_pct)
    for r in table1.itertuples(index=False):
        for col in ("value", "value_low", "value_high"):
            if pd.notna(getattr(r, col)):
                out[("t1", r.unit, r.measure, col)] = float(getattr(r, col))
    return out


class Lookup:
    """``g(key)`` or ``g[key]``: a parameter by name (str) or a printed number by key (tuple)."""

    def __init__(self, params: Mapping[str, float], printed: Mapping[tuple, float]):
        self.params, self.printed = params, printed

    def __call__(self, key: object) -> float:
        if isinstance(key, str):
            return self.params[key]
        if key not in self.printed:
            raise KeyError(f"no printed value {key!r} in the raw tables")
        return self.printed[key]

    __getitem__ = __call__


ONE_THIRD = 1 / 3  # the word "tredel" (line 1545)
RATIO_ONE = 1.0  # "overstiger kostnadene": gain / cost above 1


def verdict(exact: float, printed: float, unit: float, kind: str, if_differs: str) -> str:
    """Compare a recomputed value with a printed claim.

    ``kind`` is ``eq`` (the print equals ``exact`` rounded to ``unit``), ``over`` (the text says
    "over"/"mer enn": exact must exceed the print), ``at_most`` (exact must not exceed the print,
    e.g. the upper end of a printed range) or ``approx`` (within ``unit`` of the print, for words
    such as "omtrent en tredel"). For ``eq``, a print that equals
    ``exact`` truncated or rounded the other way at ``unit`` is ``avrunding``; anything else gets
    ``if_differs`` (regnefeil / motstrid / omfangsavvik).
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


def _text(line: int, measure: str) -> tuple:
    return ("text", line, measure)


def _claims() -> list[dict]:
    """Claim specifications: where, what is printed (key), how it is recomputed (g -> value)."""
    t = _text
    h1 = t(1170, "visits_total_h1")
    wk_h1 = t(1168, "visits_per_week_avg_h1")
    b18 = t(2279, "total_budget_all_departments")
    gain_lo = t(2170, "social_gain_per_participant_low")
    gain_hi = t(2170, "social_gain_per_participant_high")

    def sum6(pct: int) -> tuple:
        return ("t6", "huset_bergen_as", f"social_gain_sum_mid_reduction_{pct:02d}pct", 0)

    def company_mnok(g: Lookup) -> float:
        return (
            g("huset_total_operating_costs_2025")
            + g("natthuset_salary_costs_2025")
            + g("natthuset_other_costs_2025")
        ) / MILLION

    c: list[dict] = []

    def add(
        cid,
        section,
        table,
        line,
        claim,
        printed,
        recompute,
        how,
        unit=1.0,
        kind="eq",
        if_differs=ARITHMETIC,
        fixed=None,
        printed_as=None,
    ):
        c.append(
            dict(
                id=cid,
                section=section,
                table=table,
                line=line,
                claim=claim,
                printed=printed,
                recompute=recompute,
                how=how,
                unit=unit,
                kind=kind,
                if_differs=if_differs,
                fixed=fixed,
                printed_as=printed_as,
            )
        )

    s31 = "3.1"
    add(
        "week24_per_day",
        s31,
        "tekst",
        "1099-1101",
        "575 besøk i uke 24, snitt 115 per dag",
        t(1101, "visits_per_day_avg_week24"),
        lambda g: g(t(1099, "visits_week24")) / g(t(1089, "opening_days_per_week_after")),
        "575 / 5 åpningsdager",
    )
    add(
        "peak_utilisation",
        s31,
        "tekst",
        "1111",
        "betjeningsgrad opp mot 160 %",
        t(1111, "capacity_utilisation_peak_day"),
        lambda g: g(t(1097, "users_per_day_peak_high")) / g("huset_capacity_per_day") * PERCENT,
        "190 brukere (linje 1097) / kapasitet 120",
        unit=10,
    )
    add(
        "avg_utilisation_90",
        s31,
        "tekst",
        "1113",
        "gjennomsnittlig betjeningsgrad rundt 90 %",
        t(1113, "capacity_utilisation_avg"),
        lambda g: g(t(1174, "visits_per_day_avg_h1")) / g("huset_capacity_per_day") * PERCENT,
        "første halvårs snitt ca. 93 per dag (linje 1174) / 120; linje 1236 sier 70–75 %",
        unit=10,
        if_differs=INCONSISTENT,
    )
    add(
        "h1_per_week",
        s31,
        "tekst",
        "1168",
        "første halvår 367 besøkende per uke",
        t(1168, "visits_per_week_avg_h1"),
        lambda g: g(h1) / (WEEKS_PER_YEAR / 2),
        "9 901 / 26 uker (uke 1–26); 9 901 / 27 = 366,7 gir det trykte tallet",
    )
    add(
        "h1_per_day",
        s31,
        "tekst",
        "1174",
        "→ gjennomsnitt ca. 93 besøk per dag",
        t(1174, "visits_per_day_avg_h1"),
        lambda g: g(t(1168, "visits_per_week_avg_h1")) / g(t(1172, "opening_days_per_week_h1")),
        "367 per uke / 4 åpningsdager (linje 1172)",
    )
    add(
        "h2_basis_week",
        s31,
        "tekst",
        "1190",
        "basis (+15 %): 422 besøk/uke",
        t(1190, "visits_per_week_h2_basis"),
        lambda g: g(wk_h1) * (1 + g(t(1190, "maturation_effect_basis")) / PERCENT),
        "367 × 1,15",
    )
    add(
        "h2_basis_total",
        s31,
        "tekst",
        "1190",
        "422 besøk/uke = 10 964 totalt",
        t(1190, "visits_total_h2_basis"),
        lambda g: g(t(1190, "visits_per_week_h2_basis")) * WEEKS_PER_YEAR / 2,
        "422 × 26 uker; 10 964 = (9 901/27) × 1,15 × 26",
    )
    add(
        "h2_high_week",
        s31,
        "tekst",
        "1192",
        "høyt-case (+20 %): 440 besøk/uke",
        t(1192, "visits_per_week_h2_high"),
        lambda g: g(wk_h1) * (1 + g(t(1192, "maturation_effect_high_case")) / PERCENT),
        "367 × 1,20",
    )
    add(
        "h2_high_total",
        s31,
        "tekst",
        "1192",
        "440 besøk/uke = 11 441 totalt",
        t(1192, "visits_total_h2_high"),
        lambda g: g(t(1192, "visits_per_week_h2_high")) * WEEKS_PER_YEAR / 2,
        "440 × 26 uker; 11 441 = (9 901/27) × 1,20 × 26",
    )
    add(
        "year_basis",
        s31,
        "tekst",
        "1197",
        "9 901 + 10 964 = 20 865",
        t(1197, "visits_total_year_basis"),
        lambda g: g(t(1197, "visits_total_h1")) + g(t(1197, "visits_total_h2_basis")),
        "9 901 + 10 964",
    )
    add(
        "h2_high_twice",
        s31,
        "tekst",
        "1199",
        "høyt-case andre halvår 11 440 (linje 1192: 11 441)",
        t(1199, "visits_total_h2_high"),
        lambda g: g(t(1192, "visits_total_h2_high")),
        "samme størrelse trykt som 11 441 på linje 1192",
        if_differs=INCONSISTENT,
    )
    add(
        "year_high",
        s31,
        "tekst",
        "1199",
        "9 901 + 11 440 = 21 342",
        t(1199, "visits_total_year_high"),
        lambda g: g(t(1199, "visits_total_h1")) + g(t(1199, "visits_total_h2_high")),
        "9 901 + 11 440 = 21 341 (21 342 = 9 901 + 11 441)",
    )
    add(
        "extra_high_year",
        s31,
        "tekst",
        "1203-1205",
        "omkring 500 per uke gir opp mot 23 000",
        t(1205, "visits_total_year_extra_high"),
        lambda g: g(h1) + g(t(1203, "visits_per_week_recent_level")) * WEEKS_PER_YEAR / 2,
        "9 901 + 500 × 26",
        unit=1000,
    )
    add(
        "month_h1",
        s31,
        "tekst",
        "1210",
        "første halvår ca. 1 600–1 700 per måned (nedre)",
        t(1210, "visits_per_month_h1_low"),
        lambda g: g(h1) / (MONTHS_PER_YEAR / 2),
        "9 901 / 6 = 1 650 ligger i 1 600–1 700",
        kind="over",
    )
    add(
        "month_h2_high",
        s31,
        "tekst",
        "1212",
        "andre halvår ca. 1 800–2 000 per måned (øvre)",
        t(1212, "visits_per_month_h2_high"),
        lambda g: g(t(1192, "visits_total_h2_high")) / (MONTHS_PER_YEAR / 2),
        "11 441 / 6 = 1 906,8 ligger under 2 000",
        kind="at_most",
    )
    add(
        "month_basis",
        s31,
        "tekst",
        "1216",
        "basis ≈ 1 739 per måned",
        t(1216, "visits_per_month_year_basis"),
        lambda g: g(t(1197, "visits_total_year_basis")) / MONTHS_PER_YEAR,
        "20 865 / 12",
    )
    add(
        "month_high",
        s31,
        "tekst",
        "1218",
        "høyt-case ≈ 1 779 per måned",
        t(1218, "visits_per_month_year_high"),
        lambda g: g(t(1199, "visits_total_year_high")) / MONTHS_PER_YEAR,
        "21 342 / 12",
    )
    add(
        "month_extra_high",
        s31,
        "tekst",
        "1220",
        "ekstra høyt ≈ 2 000 per måned",
        t(1220, "visits_per_month_year_extra_high"),
        lambda g: g(t(1205, "visits_total_year_extra_high")) / MONTHS_PER_YEAR,
        "23 000 / 12 (nabolinjene oppgir hele besøk)",
    )
    add(
        "month_extra_high_twice",
        s31,
        "tekst",
        "1265",
        "ekstra høyt nær 1 900 per måned (linje 1220: ≈ 2 000)",
        t(1265, "visits_per_month_extra_high"),
        lambda g: g(t(1220, "visits_per_month_year_extra_high")),
        "samme scenario trykt som ≈ 2 000 på linje 1220",
        unit=100,
        if_differs=INCONSISTENT,
    )
    add(
        "day_avg_2025",
        s31,
        "tekst",
        "1225",
        "hele 2025: ca. 80–90 personer per dag (nedre)",
        t(1225, "persons_per_day_avg_low"),
        lambda g: (
            g(t(1197, "visits_total_year_basis"))
            / (WEEKS_PER_YEAR * g(("t2", "opening_days_per_week", 2025)))
        ),
        "20 865 / (52 uker × 5 dager)",
        unit=10,
    )
    add(
        "avg_util_low",
        s31,
        "tekst",
        "1236",
        "gjennomsnittlig betjeningsgrad ca. 70–75 % (nedre)",
        t(1236, "capacity_utilisation_avg_low"),
        lambda g: g(t(1225, "persons_per_day_avg_low")) / g("huset_capacity_per_day") * PERCENT,
        "80 / 120 = 66,7 %",
        unit=5,
    )
    add(
        "avg_util_high",
        s31,
        "tekst",
        "1236",
        "gjennomsnittlig betjeningsgrad ca. 70–75 % (øvre)",
        t(1236, "capacity_utilisation_avg_high"),
        lambda g: g(t(1225, "persons_per_day_avg_high")) / g("huset_capacity_per_day") * PERCENT,
        "90 / 120 = 75 %",
        unit=5,
    )
    add(
        "peak_util_range",
        s31,
        "tekst",
        "1238",
        "topper på 150–160 % (øvre)",
        t(1238, "capacity_utilisation_peak_high"),
        lambda g: g(t(1227, "persons_per_day_peak_high")) / g("huset_capacity_per_day") * PERCENT,
        "190 / 120 = 158,3 %",
        unit=10,
    )
    add(
        "util_trend",
        s31,
        "tekst",
        "1244-1246",
        "ca. 93 besøk/dag → opp mot 80 %",
        t(1246, "capacity_utilisation_avg_trend"),
        lambda g: g(t(1244, "visits_per_day_avg_h1")) / g("huset_capacity_per_day") * PERCENT,
        "93 / 120 = 77,5 %",
        unit=5,
    )
    add(
        "summary_range_high",
        s31,
        "tekst",
        "1257",
        "20 500–21 000 besøk per år (basis/høyt-case)",
        t(1257, "visits_total_year_basis_high_high"),
        lambda g: g(t(1199, "visits_total_year_high")),
        "høyt-case er 21 342 (linje 1199), over øvre grense",
        kind="at_most",
        if_differs=INCONSISTENT,
    )
    add(
        "summary_month_low",
        s31,
        "tekst",
        "1261",
        "månedlig nivå 1 708–1 750 (nedre)",
        t(1261, "visits_per_month_year_basis_high_low"),
        lambda g: g(t(1257, "visits_total_year_basis_high_low")) / MONTHS_PER_YEAR,
        "20 500 / 12",
    )
    add(
        "summary_month_vs_exact",
        s31,
        "tekst",
        "1261",
        "månedlig nivå 1 708–1 750 (øvre) mot ≈ 1 779 (linje 1218)",
        t(1261, "visits_per_month_year_basis_high_high"),
        lambda g: g(t(1218, "visits_per_month_year_high")),
        "høyt-case per måned er ≈ 1 779 på linje 1218",
        if_differs=INCONSISTENT,
    )
    add(
        "visitors_2024",
        s31,
        "tekst",
        "1269",
        "2024: 14 897 besøkende (Huset alene)",
        t(1269, "visitors_total"),
        lambda g: g(("t2", "visitors", 2024)),
        "Tabell 2 (linje 1618) har 14 797 for Huset Bergen AS inkl. Natthuset: delen er større enn helheten",
        if_differs=INCONSISTENT,
    )
    add(
        "visitors_2024_month",
        s31,
        "tekst",
        "1269",
        "gj.snitt besøk/mnd ≈ 1 242",
        t(1269, "visits_per_month_avg"),
        lambda g: g(t(1269, "visitors_total")) / MONTHS_PER_YEAR,
        "14 897 / 12 = 1 241,4",
    )
    add(
        "visitors_2024_week",
        s31,
        "tekst",
        "1271",
        "gj.snitt besøk/uke ≈ 286",
        t(1271, "visits_per_week_avg"),
        lambda g: g(t(1269, "visitors_total")) / WEEKS_PER_YEAR,
        "14 897 / 52",
    )
    add(
        "util_avg_range",
        s31,
        "tekst",
        "1275",
        "i snitt 70–90 % kapasitetsutnyttelse (øvre)",
        t(1275, "capacity_utilisation_avg_high"),
        lambda g: g(t(1236, "capacity_utilisation_avg_high")),
        "linje 1236 gir 70–75 % for hele 2025",
        if_differs=INCONSISTENT,
    )
    add(
        "util_peak_range",
        s31,
        "tekst",
        "1278",
        "enkeltdager 120–160 % (nedre)",
        t(1278, "capacity_utilisation_peak_low"),
        lambda g: g(t(1238, "capacity_utilisation_peak_low")),
        "linje 1238 gir topper på 150–160 %",
        if_differs=INCONSISTENT,
    )
    # Tabell 1 / Tabell 2
    add(
        "fte_third",
        "3.1",
        "tekst",
        "1537-1545",
        "omtrent en tredel av ressursinnsatsen",
        ONE_THIRD,
        lambda g: g("huset_fte") / g("mo_gyldenpris_fte"),
        "7,5 / 24,7 = 0,30 (en tredel = 0,33)",
        unit=0.05,
        kind="approx",
        printed_as="en tredel",
    )
    add(
        "volunteer_sixfold",
        "3.1",
        "tekst",
        "1635",
        "frivillig innsats mer enn seksdoblet",
        t(1635, "volunteer_hours_growth_factor_2022_2025"),
        lambda g: g(("t2", "volunteer_hours", 2025)) / g(("t2", "volunteer_hours", 2022)),
        "21 000* / 3 216 (Tabell 2; 2025 er prognose)",
        kind="over",
    )
    add(
        "visitors_tenfold",
        "3.1",
        "tekst",
        "1645",
        "besøkende 2 080 → ca. 21 000, en tidobling",
        t(1645, "visitors_growth_factor_2022_2025"),
        lambda g: g(("t2", "visitors", 2025)) / g(("t2", "visitors", 2022)),
        "21 000* / 2 080",
    )
    add(
        "t2_scope_21000",
        "3.2",
        "Tabell 2/5",
        "1618; 1979",
        "21 000 besøk: Tabell 2 «inkl. Natthuset», Tabell 5 for Huset alene",
        ("t2", "visitors", 2025),
        lambda g: g("huset_annual_visits_2025"),
        "samme tall brukt for Huset Bergen AS (Tabell 2, linje 1625) og Huset alene (Tabell 5)",
        fixed=SCOPE,
    )
    # Tabell 3/4 prose
    add(
        "natthuset_wages_96",
        "3.2",
        "tekst",
        "1757",
        "lønn over 96 % i Natthuset 2025",
        t(1757, "salary_share_pct"),
        lambda g: g("natthuset_salary_costs_2025") / g("natthuset_operating_revenue_2025") * PERCENT,
        "9 245 096 / 9 557 988 (andel av inntekter; av kostnader 94,1 %)",
        kind="over",
    )
    add(
        "deficit_huset",
        "3.2",
        "tekst",
        "1801",
        "underskudd 2025 –292 262 for Huset",
        ("text", 1801, "operating_result_excl_transfers", "huset"),
        lambda g: (
            g("huset_operating_revenue_2025") - g("huset_salary_costs_2025") - g("huset_other_costs_2025")
        ),
        "inntekter − lønn − andre kostnader (Tabell 3)",
    )
    # Tabell 5 prose
    add(
        "budget_8258",
        "3.2",
        "tekst",
        "1933",
        "budsjett (totale driftskostnader) 8,258 mill. kr",
        t(1933, "total_operating_costs"),
        lambda g: g("huset_total_operating_costs_2025") / MILLION,
        "8 258 236 kr (Tabell 3, kalt prognose der, linje 1687–1691)",
        unit=0.001,
    )
    add(
        "comparable_7148",
        "3.2",
        "tekst",
        "1937",
        "sammenlignbare driftskostnader ca. 7,148 mill. kr",
        t(1937, "comparable_operating_costs_excl_rent"),
        lambda g: huset_comparable_cost_mnok(g),
        "8,258236 − 1,11",
        unit=0.001,
    )
    add(
        "six_times",
        "3.2",
        "tekst",
        "2021",
        "om lag 6 ganger høyere kostnad pr. besøk",
        t(2021, "cost_per_visit_ratio"),
        lambda g: cost_per_visit_ratio(g),
        "Tabell 5: 2 076 / 340",
    )
    add(
        "gap_40",
        "3.2",
        "tekst",
        "2052",
        "et gap på over 40 mill. kr årlig",
        t(2052, "annual_cost_gap"),
        lambda g: g("mo_alt2_annual_cost") - huset_comparable_cost_mnok(g),
        "53,61 − 7,148",
        kind="over",
    )
    add(
        "t5_scope_mo",
        "3.2",
        "Tabell 5",
        "1519; 1973-1978",
        "MO-kolonnen: budsjett for foreslått senter (alt. 2) / besøk ved MO-Gyldenpris",
        ("t1", "mo_gyldenpris", "mean_visits_per_month", "value"),
        lambda g: g("mo_gyldenpris_annual_visits") / MONTHS_PER_YEAR,
        "besøkene (25 824 = 2 152 × 12) er fra et eksisterende senter uten brukerrom (linje 1464–1470); "
        "budsjettet er for et nytt senter med brukerrom (linje 1925)",
        fixed=SCOPE,
    )
    # Tabell 6 prose
    s33 = "3.3"
    add(
        "midpoint",
        s33,
        "tekst",
        "2170-2172",
        "midtpunkt 0,36 mellom 0,29 og 0,54",
        t(2172, "social_gain_per_participant_mid"),
        lambda g: (g(gain_lo) + g(gain_hi)) / 2,
        "(0,29 + 0,54) / 2 = 0,415",
        unit=0.01,
    )
    add(
        "example_435",
        s33,
        "tekst",
        "2180",
        "300 gjester × 0,29 mill. kr × 5 % = 4,35",
        t(2180, "example_social_gain_guests_low"),
        lambda g: g("huset_core_guests") * g(gain_lo) * g("harm_reduction_05pct") / PERCENT,
        "300 × 0,29 × 0,05",
        unit=0.01,
    )
    add(
        "core_group_300",
        s33,
        "tekst",
        "2147-2159",
        "kjernegruppe om lag 300 (av 220–250 unike per måned)",
        t(2159, "core_group_guests"),
        lambda g: g(t(2147, "unique_guests_per_month_high")),
        "en kjernegruppe «med jevnlig eksponering» burde være med i de 220–250 unike gjestene hver måned",
        unit=10,
        if_differs=INCONSISTENT,
    )
    add(
        "employees_55",
        s33,
        "tekst",
        "2159",
        "55 ansatte (hele Huset Bergen AS) lagt til Husets gjester",
        t(2159, "employees"),
        lambda g: g("huset_employees"),
        "Huset alene har 24 ansatte (Tabell 1, linje 1529); 55 inkluderer Natthuset (Tabell 2)",
        fixed=SCOPE,
    )
    add(
        "range_6_13_low",
        s33,
        "tekst",
        "2233",
        "5–10 % gir 6–13 millioner (nedre)",
        t(2233, "social_gain_annual_low"),
        lambda g: g(sum6(5)),
        "Tabell 6 SUM 5 % = 6,39",
    )
    add(
        "range_6_13_high",
        s33,
        "tekst",
        "2233",
        "5–10 % gir 6–13 millioner (øvre)",
        t(2233, "social_gain_annual_high"),
        lambda g: g(sum6(10)),
        "Tabell 6 SUM 10 % = 12,78",
    )
    add(
        "range_25_38_low",
        s33,
        "tekst",
        "2241",
        "20–30 % gir mellom 25 og 38 millioner (nedre)",
        t(2241, "social_gain_annual_low"),
        lambda g: g(sum6(20)),
        "Tabell 6 SUM 20 % = 25,56",
    )
    add(
        "range_25_38_high",
        s33,
        "tekst",
        "2241",
        "20–30 % gir mellom 25 og 38 millioner (øvre)",
        t(2241, "social_gain_annual_high"),
        lambda g: g(sum6(30)),
        "Tabell 6 SUM 30 % = 38,34",
    )
    add(
        "gain_100",
        s33,
        "tekst",
        "2247-2249",
        "100 % av Gatelagenes effekt: nær 128 millioner",
        t(2249, "social_gain_annual_at_100pct"),
        lambda g: table6_cell(
            g, {"mid": g("gatelag_gain_per_participant")}, "sum", "mid", g("harm_reduction_100pct")
        ),
        "(300 + 55) × 0,36 × 100 %",
    )
    add(
        "budget_18",
        s33,
        "tekst",
        "2277-2279",
        "samlede budsjettrammer rundt 18 millioner i 2025",
        t(2279, "total_budget_all_departments"),
        company_mnok,
        "Tabell 3 2025: 8 258 236 + 9 822 104 kr (prognose, ikke budsjett)",
    )
    add(
        "conservative_exceeds",
        s33,
        "tekst",
        "2279-2283",
        "selv konservative anslag overstiger kostnadene betydelig",
        RATIO_ONE,
        lambda g: g(sum6(5)) / company_mnok(g),
        "gevinst/kostnad ved laveste nivå i Tabell 6 (5 %, midt): 6,39 / 18,08",
        kind="over",
        if_differs=INCONSISTENT,
        printed_as="gevinst/kostnad > 1",
    )
    add(
        "gain_25_5",
        s33,
        "tekst",
        "2283-2287",
        "20 % i midtscenarioet: 25,5 millioner",
        t(2287, "social_gain_annual_mid_20pct"),
        lambda g: g(("t6", "huset_bergen_as", "social_gain_sum_mid_reduction_20pct", 0)),
        "Tabell 6 SUM 20 % = 25,56",
        unit=0.1,
    )
    add(
        "return_40",
        s33,
        "tekst",
        "2289",
        "avkastning på over 40 prosent",
        t(2289, "return_on_public_investment"),
        lambda g: (g(sum6(20)) - g(b18)) / g(b18) * PERCENT,
        "(25,56 − 18) / 18: netto gevinst / kostnad",
        kind="over",
    )
    add(
        "net_double",
        s33,
        "tekst",
        "2291-2295",
        "ved 30 %: netto gevinster nær det dobbelte av driftskostnadene",
        t(2293, "net_gain_to_operating_cost_ratio"),
        lambda g: (g(sum6(30)) - g(b18)) / g(b18),
        "(38,34 − 18) / 18 = 1,13; bare brutto gevinst (38,34 / 18 = 2,13) er det dobbelte",
        unit=0.1,
    )
    return c


def _t2_claims(key_figures: pd.DataFrame) -> list[dict]:
    """Tabell 2: printed year-on-year changes and the mean visitors per day."""
    out = []
    kf = key_figures.sort_values(["measure", "year"])
    for r in kf.itertuples(index=False):
        if pd.isna(r.printed_change_pct):
            continue
        m, y = r.measure, int(r.year)
        out.append(
            dict(
                id=f"t2_change_{m}_{y}",
                section="3.1",
                table="Tabell 2",
                line=str(r.source_line),
                claim=f"{r.measure_label_nb} {y}: endring fra {y - 1}",
                printed=("t2_change", m, y),
                recompute=lambda g, m=m, y=y: (g(("t2", m, y)) / g(("t2", m, y - 1)) - 1) * PERCENT,
                how=f"{r.measure_label_nb} {y} / {y - 1} − 1",
                unit=1.0,
                kind="eq",
                if_differs=ARITHMETIC,
                fixed=None,
                printed_as=None,
            )
        )
    for y in sorted(kf.loc[kf["measure"] == "mean_visitors_per_day", "year"].astype(int)):
        out.append(
            dict(
                id=f"t2_per_day_{y}",
                section="3.1",
                table="Tabell 2",
                line="1614-1623",
                claim=f"gj.snitt besøkende pr. dag {y}",
                printed=("t2", "mean_visitors_per_day", y),
                recompute=lambda g, y=y: (
                    g(("t2", "visitors", y))
                    / (g(("t2", "active_weeks", y)) * g(("t2", "opening_days_per_week", y)))
                ),
                how="besøkende / (aktive uker × åpningsdager per uke)",
                unit=1.0,
                kind="eq",
                if_differs=INCONSISTENT,
                fixed=None,
                printed_as=None,
            )
        )
    return out


def audit(
    params: pd.DataFrame,
    text: pd.DataFrame,
    tables: pd.DataFrame,
    key_figures: pd.DataFrame,
    table1: pd.DataFrame,
) -> pd.DataFrame:
    """Recompute every derived claim of Del 3 (prose, Tabell 2) and give a verdict.

    Columns: id, section, table, line, claim, printed, printed_as, recomputed, difference,
    verdict, how. Sorted by the first line number. Table cells of Tabell 3-6 are checked by
    :func:`table3`-:func:`table6` and enter the discrepancy list through :func:`discrepancies`.
    """
    printed = printed_values(text, tables, key_figures, table1)
    as_printed = {}
    for r in text.itertuples(index=False):
        key = ("text", int(str(r.source_line).split("-")[0]), r.measure)
        as_printed[key] = as_printed[(*key, r.unit)] = r.value_as_printed
    g = Lookup(param_values(params), printed)
    rows = []
    for c in _claims() + _t2_claims(key_figures):
        pv = c["printed"] if isinstance(c["printed"], float) else g(c["printed"])
        if c["printed_as"] is None and isinstance(c["printed"], tuple):
            c["printed_as"] = as_printed.get(c["printed"])
        exact = float(c["recompute"](g))
        v = c["fixed"] or verdict(exact, pv, c["unit"], c["kind"], c["if_differs"])
        rows.append(
            {
                "id": c["id"],
                "section": c["section"],
                "table": c["table"],
                "line": c["line"],
                "claim": c["claim"],
                "printed": pv,
                "printed_as": c["printed_as"],
                "recomputed": exact,
                "difference": pv - exact,
                "verdict": v,
                "how": c["how"],
            }
        )
    out = pd.DataFrame(rows)
    first = out["line"].str.extract(r"(\d+)")[0].astype(int)
    return out.assign(_l=first).sort_values(["_l", "id"]).drop(columns="_l").reset_index(drop=True)


# ============================================================================================
# Extensions: unit costs, one-way sensitivity, break-even, Monte Carlo, Tabell 6 scenarios
# ============================================================================================


def cost_per_visit_ratio(v: Mapping[str, float]) -> float:
    """MO cost per visit / Huset cost per visit, as in Tabell 5 (works on numpy arrays too).

    MO: ``mo_alt2_annual_cost`` (mill. kr) / ``mo_gyldenpris_annual_visits``; Huset: (total
    2025 costs − rent) / ``huset_annual_visits_2025``.
    """
    mo = v["mo_alt2_annual_cost"] * MILLION / v["mo_gyldenpris_annual_visits"]
    huset = (v["huset_total_operating_costs_2025"] - v["huset_rent_2025"] * MILLION) / v[
        "huset_annual_visits_2025"
    ]
    return mo / huset


_DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
_SPAN = re.compile(
    r"(?P<d1>[a-zæøå]+)(?:\s*-\s*(?P<d2>[a-zæøå]+))?\s+"
    r"(?P<h1>\d{1,2})[.:](?P<m1>\d{2})\s*-\s*(?P<h2>\d{1,2})[.:](?P<m2>\d{2})"
)


def weekly_opening_hours(text: str) -> float:
    """Hours open per week from a Tabell 1 cell such as ``"Mandag - torsdag 10.00 - 21.00"``.

    Segments are separated by ``;``; a day range counts every day from the first to the last.
    """
    total = 0.0
    for seg in str(text).split(";"):
        m = _SPAN.search(seg.strip().lower())
        if not m:
            raise ValueError(f"cannot read opening hours from {seg.strip()!r}")
        d1 = _DAYS.index(m["d1"])
        d2 = _DAYS.index(m["d2"]) if m["d2"] else d1
        hours = (int(m["h2"]) + int(m["m2"]) / 60) - (int(m["h1"]) + int(m["m1"]) / 60)
        total += (d2 - d1 + 1) * hours
    return total


def unit_costs(p: Mapping[str, float], table1: pd.DataFrame) -> pd.DataFrame:
    """Annual cost per visit, per unique user per month, per FTE and per opening hour.

    Huset: 2025 costs excl. rent (and incl. rent); MO alt. 2: the proposed centre's budget with
    MO-Gyldenpris' visits, users, FTEs and opening hours as the only available denominators;
    Natthuset: total 2025 costs only (seed 000 gives no bed count or bed-nights).
    Columns: unit, cost_basis, scope, cost_nok, per_visit, per_user_month_low, per_user_month_high,
    per_fte, per_opening_hour, weekly_hours.
    """
    t1 = table1.set_index(["unit", "measure"])
    hours = {
        u: weekly_opening_hours(t1.loc[(u, "opening_hours"), "value_as_printed"])
        for u in ("huset", "mo_gyldenpris")
    }
    huset_ex = huset_comparable_cost_mnok(p) * MILLION
    huset_in = p["huset_total_operating_costs_2025"]
    natt = p["natthuset_salary_costs_2025"] + p["natthuset_other_costs_2025"]
    mo = p["mo_alt2_annual_cost"] * MILLION
    users_lo = p["huset_unique_users_per_month"]
    users_hi = float(
        table1.set_index(["unit", "measure"]).loc[("huset", "mean_unique_users_per_month"), "value_high"]
    )
    rows = []

    def add(unit, basis, scope, cost, visits, u_lo, u_hi, fte, weekly):
        rows.append(
            {
                "unit": unit,
                "cost_basis": basis,
                "scope": scope,
                "cost_nok": cost,
                "per_visit": cost / visits if visits else math.nan,
                "per_user_month_low": cost / MONTHS_PER_YEAR / u_hi if u_hi else math.nan,
                "per_user_month_high": cost / MONTHS_PER_YEAR / u_lo if u_lo else math.nan,
                "per_fte": cost / fte if fte else math.nan,
                "per_opening_hour": cost / (weekly * WEEKS_PER_YEAR) if weekly else math.nan,
                "weekly_hours": weekly,
            }
        )

    add(
        "Huset",
        "2025, ekskl. husleie (som Tabell 5)",
        "dagtilbud; ingen brukerrom eller helserom; prognose",
        huset_ex,
        p["huset_annual_visits_2025"],
        users_lo,
        users_hi,
        p["huset_fte"],
        hours["huset"],
    )
    add(
        "Huset",
        "2025, inkl. husleie (Tabell 3)",
        "dagtilbud; ingen brukerrom eller helserom; prognose",
        huset_in,
        p["huset_annual_visits_2025"],
        users_lo,
        users_hi,
        p["huset_fte"],
        hours["huset"],
    )
    add(
        "Natthuset",
        "2025, totale driftskostnader (Tabell 3)",
        "nattilbud med senger; antall senger og overnattinger er ikke oppgitt",
        natt,
        None,
        None,
        None,
        None,
        None,
    )
    add(
        "MO-senter alt. 2",
        "budsjett (prisår ikke oppgitt)",
        "foreslått senter med dagavdeling og brukerrom, ekskl. husleie, helserom og overdoseteam; "
        "nevnere fra MO-Gyldenpris (uten brukerrom)",
        mo,
        p["mo_gyldenpris_annual_visits"],
        p["mo_gyldenpris_unique_users_per_month"],
        p["mo_gyldenpris_unique_users_per_month"],
        p["mo_gyldenpris_fte"],
        hours["mo_gyldenpris"],
    )
    return pd.DataFrame(rows)


def tornado(params: pd.DataFrame) -> pd.DataFrame:
    """One-way sensitivity of the cost-per-visit ratio over each ratio input's range.

    Columns: param, label, value, low, high, ratio_at_low, ratio_at_high, swing; sorted by swing
    (largest first). Inputs without a range (rent) are listed with a zero swing.
    """
    p = param_values(params)
    base = cost_per_visit_ratio(p)
    rng = param_ranges(params).set_index("param")
    labels = params.set_index("param")["label_nb"]
    rows = []
    for name in RATIO_PARAMS:
        lo, hi = (rng.loc[name, "low"], rng.loc[name, "high"]) if name in rng.index else (p[name], p[name])
        r_lo = cost_per_visit_ratio({**p, name: lo})
        r_hi = cost_per_visit_ratio({**p, name: hi})
        rows.append(
            {
                "param": name,
                "label": labels[name],
                "value": p[name],
                "low": lo,
                "high": hi,
                "ratio_at_low": r_lo,
                "ratio_at_high": r_hi,
                "base": base,
                "swing": abs(r_hi - r_lo),
            }
        )
    return pd.DataFrame(rows).sort_values(["swing", "param"], ascending=[False, True], ignore_index=True)


def worst_case_ratio(params: pd.DataFrame) -> float:
    """The ratio with every input at the end of its range least favourable to Huset."""
    p = param_values(params)
    rng = param_ranges(params).set_index("param")
    worst = dict(p)
    for name in RATIO_PARAMS:
        if name in rng.index:
            lo, hi = rng.loc[name, "low"], rng.loc[name, "high"]
            worst[name] = min((lo, hi), key=lambda x, n=name: cost_per_visit_ratio({**worst, n: x}))
    return cost_per_visit_ratio(worst)


def break_even(p: Mapping[str, float], targets: tuple[float, ...] = (1.0, 2.0)) -> pd.DataFrame:
    """The value of one input at which the ratio falls to each target, others unchanged.

    The ratio is proportional to the MO budget and to Huset's visits, and inversely proportional
    to MO's visits and to Huset's costs excl. rent, so each break-even value is a rescaling.
    Columns: param, value, target, break_even, change_pct.
    """
    base = cost_per_visit_ratio(p)
    rows = []
    for t in targets:
        f = t / base
        huset_ex = p["huset_total_operating_costs_2025"] - p["huset_rent_2025"] * MILLION
        cases = {
            "mo_alt2_annual_cost": p["mo_alt2_annual_cost"] * f,
            "huset_annual_visits_2025": p["huset_annual_visits_2025"] * f,
            "mo_gyldenpris_annual_visits": p["mo_gyldenpris_annual_visits"] / f,
            "huset_total_operating_costs_2025": huset_ex / f + p["huset_rent_2025"] * MILLION,
        }
        for name, be in cases.items():
            rows.append(
                {
                    "param": name,
                    "value": p[name],
                    "target": t,
                    "break_even": be,
                    "change_pct": (be / p[name] - 1) * PERCENT,
                }
            )
    return pd.DataFrame(rows)


def draw(params: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """``n`` independent draws of every ratio input from its distribution (seeded).

    Triangular(low, value, high) or uniform(low, high); fixed inputs are constant. Draw order is
    the order of :data:`RATIO_PARAMS`, so a seed always gives the same draws.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    p = param_values(params)
    ranges = param_ranges(params).set_index("param")
    out = {}
    for name in RATIO_PARAMS:
        if name not in ranges.index:
            out[name] = np.full(n, p[name])
            continue
        r = ranges.loc[name]
        if r["distribution"] == "triangular":
            out[name] = rng.triangular(r["low"], r["value"], r["high"], n)
        else:
            out[name] = rng.uniform(r["low"], r["high"], n)
    return pd.DataFrame(out)


def monte_carlo(params: pd.DataFrame, n: int, seed: int) -> tuple[pd.Series, dict[str, float]]:
    """Ratio for ``n`` seeded draws, and its summary (median, 2.5/97.5 % quantiles, P(ratio > 1), P(> 2))."""
    d = draw(params, n, seed)
    ratio = pd.Series(cost_per_visit_ratio(d), name="ratio")
    summary = {
        "n": n,
        "seed": seed,
        "median": float(ratio.median()),
        "q025": float(ratio.quantile(0.025)),
        "q975": float(ratio.quantile(0.975)),
        "p_gt_1": float((ratio > 1).mean()),
        "p_gt_2": float((ratio > 2).mean()),
        "min": float(ratio.min()),
    }
    return ratio, summary


def table6_scenarios(params: pd.DataFrame, table1: pd.DataFrame) -> pd.DataFrame:
    """Tabell 6 re-run under stated alternatives: gross gain, cost, net gain and break-even level.

    Scenarios (all *associations* transferred from Gatelagene, not causal effects of Huset):
    the source's assumptions; the arithmetic midpoint of 0,29-0,54; group sizes from Tabell 1
    (250 unique guests per month, Huset's own 24 employees); costs of Huset alone; and all three.
    Columns: scenario, guests, employees, gain_per_participant, cost_mnok, cost_label,
    reduction_pct, gross_mnok, net_mnok, gain_cost_ratio, break_even_pct.
    """
    p = param_values(params)
    g = gain_levels(params)
    arith_mid = (g["low"] + g["high"]) / 2
    t1 = table1.set_index(["unit", "measure"])
    register_guests = float(t1.loc[("huset", "mean_unique_users_per_month"), "value_high"])
    company = (
        p["huset_total_operating_costs_2025"]
        + p["natthuset_salary_costs_2025"]
        + p["natthuset_other_costs_2025"]
    ) / MILLION
    huset_only = p["huset_total_operating_costs_2025"] / MILLION
    src = dict(
        guests=p["huset_core_guests"],
        employees=p["huset_bergen_as_employees_2025"],
        gain=g["mid"],
        cost=company,
        cost_label="hele Huset Bergen AS (Tabell 3)",
    )
    scen = {
        "A Kildens forutsetninger": src,
        "B Aritmetisk midtpunkt": {**src, "gain": arith_mid},
        "C Gruppestørrelser fra Tabell 1": {
            **src,
            "guests": register_guests,
            "employees": p["huset_employees"],
        },
        "D Bare Huset (gjester, ansatte og kostnad)": {
            **src,
            "employees": p["huset_employees"],
            "cost": huset_only,
            "cost_label": "Huset alene (Tabell 3)",
        },
        "E C + B + bare Husets kostnad": {
            **src,
            "guests": register_guests,
            "employees": p["huset_employees"],
            "gain": arith_mid,
            "cost": huset_only,
            "cost_label": "Huset alene (Tabell 3)",
        },
    }
    levels = sorted(int(v) for k, v in p.items() if re.fullmatch(r"harm_reduction_\d+pct", k))
    rows = []
    for name, s in scen.items():
        per_pct = (s["guests"] + s["employees"]) * s["gain"] / PERCENT
        for lvl in levels:
            gross = per_pct * lvl
            rows.append(
                {
                    "scenario": name,
                    "guests": s["guests"],
                    "employees": s["employees"],
                    "gain_per_participant": s["gain"],
                    "cost_mnok": s["cost"],
                    "cost_label": s["cost_label"],
                    "reduction_pct": lvl,
                    "gross_mnok": gross,
                    "net_mnok": gross - s["cost"],
                    "gain_cost_ratio": gross / s["cost"],
                    "break_even_pct": s["cost"] / per_pct,
                }
            )
    return pd.DataFrame(rows)


def discrepancies(
    t3: pd.DataFrame, t4: pd.DataFrame, t5: pd.DataFrame, t6: pd.DataFrame, aud: pd.DataFrame
) -> pd.DataFrame:
    """One list of every finding: table cells that do not reproduce and audit claims not 'stemmer'.

    Columns as the audit table (claim, section, table, line, printed, recomputed, difference,
    verdict, how).
    """
    rows = []
    for r in t4[~t4["match"]].itertuples(index=False):
        cost_basis = r.basis == "kostnader"
        rows.append(
            {
                "id": f"t4_{r.unit}_{r.measure}_{r.year}",
                "section": "3.2",
                "table": "Tabell 4",
                "line": r.source_line,
                "claim": f"{r.unit_label} {r.year} {r.label} {r.printed_as}",
                "printed": r.printed,
                "printed_as": r.printed_as,
                "recomputed": r.exact,
                "difference": r.printed - r.exact,
                "verdict": SCOPE if cost_basis else ARITHMETIC,
                "how": (
                    "andel av totale kostnader, ikke av inntekter som resten av tabellen "
                    f"({fmt_pct_plain(r.exact_cost_basis)} av kostnader)"
                )
                if cost_basis
                else "driftsresultat / driftsinntekter",
            }
        )
    for r in t5[~t5["match"]].itertuples(index=False):
        rows.append(
            {
                "id": f"t5_{r.unit}_{r.measure}",
                "section": "3.2",
                "table": "Tabell 5",
                "line": str(r.source_line),
                "claim": f"{r.unit_label} {r.label} {r.printed_as}",
                "printed": r.printed,
                "printed_as": r.printed_as,
                "recomputed": r.exact,
                "difference": r.printed - r.exact,
                "verdict": verdict(r.exact, r.printed, 10.0**-r.decimals, "eq", ARITHMETIC),
                "how": r.definition,
            }
        )
    for t, name in ((t3, "Tabell 3"), (t6, "Tabell 6")):
        for r in t[~t["match"]].itertuples(index=False):
            rows.append(
                {
                    "id": f"{name}_{r.label}",
                    "section": "3.2",
                    "table": name,
                    "line": r.source_line,
                    "claim": f"{r.label} {r.printed_as}",
                    "printed": r.printed,
                    "printed_as": r.printed_as,
                    "recomputed": r.recomputed,
                    "difference": r.printed - r.recomputed,
                    "verdict": ARITHMETIC,
                    "how": "se reproduksjonen",
                }
            )
    bad = aud[aud["verdict"] != OK]
    out = pd.concat([pd.DataFrame(rows), bad], ignore_index=True)
    first = out["line"].astype(str).str.extract(r"(\d+)")[0].astype(int)
    return out.assign(_l=first).sort_values(["_l", "id"]).drop(columns="_l").reset_index(drop=True)


def fmt_pct_plain(x: float) -> str:
    """A share in percent with one decimal and a decimal comma, for explanations."""
    from helpers.core.formatting import fmt_pct

    return fmt_pct(x, 1)


# ============================================================================================
# Report tables (Norwegian labels, formatted cells) and the results the chapter quotes
# ============================================================================================

VERDICT_ORDER = {v: i for i, v in enumerate(VERDICTS)}
LEVEL_NB = {"low": "LAV", "mid": "MIDT", "high": "HØY"}
GROUP_NB = {"guests": "GJESTER", "employees": "ANSATTE", "sum": "SUM (MIDT)"}


UNIT_NB = {
    "FTE": "årsverk",
    "NOK": "kr",
    "NOK million": "mill. kr",
    "NOK million per participant per year": "mill. kr per deltaker per år",
    "percent of Gatelagene's effect": "% av Gatelagenes effekt",
    "persons": "personer",
    "persons per day": "personer per dag",
    "unique users per month": "unike brukere per måned",
    "visits per month": "besøk per måned",
    "visits per year": "besøk per år",
}
STATUS_NB = {
    "actual": "regnskap/faktisk",
    "budget": "budsjett",
    "forecast": "prognose",
    "assumption": "antakelse",
}
DISTRIBUTION_NB = {"fixed": "fast", "triangular": "trekant", "uniform": "uniform"}
SMAHUS_COMPONENT_NB = {
    "site_cost": "tomtekostnad",
    "build_cost": "byggekostnad",
    "project_management": "prosjektledelse mm.",
    "project_management_share_pct": "prosjektledelse, andel av byggekostnad",
    "total": "total kostnad",
    "total_net_low": "total netto, nedre",
    "total_net_high": "total netto, øvre",
    "total_estimate": "total, estimat",
}


def show_smahus(sm: pd.DataFrame) -> pd.DataFrame:
    """The seed 002 context table with Norwegian labels, cells as printed."""
    return pd.DataFrame(
        {
            "Kommune": sm["municipality"],
            "Bygg": sm["construction"],
            "Post": sm["cost_component"].map(SMAHUS_COMPONENT_NB),
            "Trykt": sm["value_as_printed"],
            "Prisnivå (byggeperiode)": sm["price_period"],
            "Linje": sm["source_line"].astype(str),
        }
    )


def show_parameters(params: pd.DataFrame) -> pd.DataFrame:
    """The parameter table as shown in the report."""
    from helpers.core import formatting as fmt

    rng = param_ranges(params).set_index("param")
    first_line = params["source_line"].str.extract(r"(\d+)")[0].astype(int)
    params = params.assign(_l=first_line).sort_values(["_l", "param"])
    rows = []
    for r in params.itertuples(index=False):
        lo, hi = (rng.loc[r.param, "low"], rng.loc[r.param, "high"]) if r.param in rng.index else (None, None)
        dec = 0 if abs(r.value) >= 100 else None
        lo_hi = (
            f"{fmt.fmt_num(lo, dec) if dec == 0 else fmt.fmt_smart(lo)}–"
            f"{fmt.fmt_num(hi, dec) if dec == 0 else fmt.fmt_smart(hi)}"
            if lo is not None
            else fmt.MISSING
        )
        rows.append(
            {
                "Parameter": r.label_nb,
                "Verdi": fmt.fmt_smart(r.value),
                "Enhet": UNIT_NB.get(r.unit_of_measure, r.unit_of_measure),
                "Prisår": str(int(r.price_year)) + (" (antatt)" if "assumed" in r.price_basis else "")
                if pd.notna(r.price_year)
                else "ikke oppgitt"
                if "NOK" in r.unit_of_measure
                else fmt.MISSING,
                "Status": STATUS_NB[r.status],
                "Spenn": lo_hi,
                "Fordeling": DISTRIBUTION_NB[r.distribution],
                "Kilde": f"{r.table}, linje {r.source_line}",
            }
        )
    return pd.DataFrame(rows)


def show_reproduction(t: pd.DataFrame, label_cols: list[str]) -> pd.DataFrame:
    """A reproduced table: label columns, printed, recomputed (with the print's decimals), marker."""
    from helpers.core import formatting as fmt

    dec = t["decimals"] if "decimals" in t else pd.Series(0, index=t.index)
    out = t[label_cols].copy()
    out["Trykt"] = t["printed_as"]
    out["Beregnet"] = [fmt.fmt_num(v, int(d)) for v, d in zip(t["recomputed"], dec, strict=True)]
    out["Samsvar"] = t["match"].map(fmt.match_marker)
    out["Linje"] = t["source_line"].astype(str)
    return out


def show_table6(t6: pd.DataFrame) -> pd.DataFrame:
    """Tabell 6 as printed (rows = reduction levels), each cell 'recomputed marker'."""
    from helpers.core import formatting as fmt

    cell = [
        f"{fmt.fmt_num(r.recomputed, r.decimals)} {fmt.match_marker(r.match)}"
        for r in t6.itertuples(index=False)
    ]
    col = [
        f"{GROUP_NB[g]}: {LEVEL_NB[lv]}" if g != "sum" else GROUP_NB[g]
        for g, lv in zip(t6["group"], t6["level"], strict=True)
    ]
    wide = pd.DataFrame(
        {
            "Reduksjon": [fmt.fmt_pct(x, 0) for x in t6["reduction_pct"]],
            "col": col,
            "cell": cell,
            "order": t6["reduction_pct"],
        }
    )
    piv = wide.pivot_table(index=["order", "Reduksjon"], columns="col", values="cell", aggfunc="first")
    cols = list(dict.fromkeys(col))
    return piv[cols].reset_index().drop(columns="order")


def show_audit(aud: pd.DataFrame) -> pd.DataFrame:
    """The audit / discrepancy table with Norwegian headers."""
    from helpers.core import formatting as fmt

    printed = [
        a if isinstance(a, str) and a else fmt.fmt_smart(p)
        for a, p in zip(aud["printed_as"].fillna(""), aud["printed"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Påstand (trykt)": aud["claim"],
            "Del": aud["section"],
            "Tabell/tekst": aud["table"],
            "Linje": aud["line"].astype(str),
            "Trykt": printed,
            "Beregnet": aud["recomputed"].map(fmt.fmt_smart),
            "Differanse": aud["difference"].map(fmt.fmt_smart),
            "Vurdering": aud["verdict"],
            "Utregning": aud["how"],
        }
    )


def verdict_counts(aud: pd.DataFrame) -> pd.DataFrame:
    """Number of checked figures per verdict, in the fixed verdict order."""
    n = aud["verdict"].value_counts()
    return pd.DataFrame({"Vurdering": list(VERDICTS), "Antall": [int(n.get(v, 0)) for v in VERDICTS]})


def show_unit_costs(uc: pd.DataFrame) -> pd.DataFrame:
    """Unit costs with money in Norwegian format."""
    from helpers.core import formatting as fmt

    def rng(lo: float, hi: float) -> str:
        if pd.isna(lo):
            return fmt.MISSING
        return fmt.fmt_nok(lo) if round(lo) == round(hi) else f"{fmt.fmt_int(lo)}–{fmt.fmt_nok(hi)}"

    return pd.DataFrame(
        {
            "Enhet": uc["unit"],
            "Kostnadsgrunnlag": uc["cost_basis"],
            "Årlig kostnad": uc["cost_nok"].map(fmt.fmt_nok),
            "Per besøk": uc["per_visit"].map(fmt.fmt_nok),
            "Per unik bruker per måned": [
                rng(a, b) for a, b in zip(uc["per_user_month_low"], uc["per_user_month_high"], strict=True)
            ],
            "Per årsverk": uc["per_fte"].map(fmt.fmt_nok),
            "Per åpningstime": uc["per_opening_hour"].map(fmt.fmt_nok),
            "Hva kostnaden dekker": uc["scope"],
        }
    )


PARAM_SHORT_NB = {
    "mo_alt2_annual_cost": "MO-budsjett (alt. 2)",
    "mo_gyldenpris_annual_visits": "MO-besøk (Gyldenpris)",
    "huset_total_operating_costs_2025": "Husets driftskostnader 2025",
    "huset_rent_2025": "Husets husleie",
    "huset_annual_visits_2025": "Husets besøk 2025",
}


def show_break_even(be: pd.DataFrame) -> pd.DataFrame:
    """Break-even values: the input value at which the ratio reaches 1 and 2."""
    from helpers.core import formatting as fmt

    def money(name: str, x: float) -> str:
        return (
            fmt.fmt_mill_nok(x)
            if name == "mo_alt2_annual_cost"
            else (fmt.fmt_mill_nok(x / MILLION) if name.endswith("costs_2025") else fmt.fmt_int(x))
        )

    return pd.DataFrame(
        {
            "Inndata": be["param"].map(PARAM_SHORT_NB),
            "Forhold": be["target"].map(fmt.fmt_int),
            "Kildens verdi": [money(n, v) for n, v in zip(be["param"], be["value"], strict=True)],
            "Verdi som gir forholdet": [
                money(n, v) for n, v in zip(be["param"], be["break_even"], strict=True)
            ],
            "Endring": be["change_pct"].map(lambda x: fmt.fmt_pct(x, 0, sign=True)),
        }
    )


def show_scenarios(sc: pd.DataFrame, levels: tuple[int, ...]) -> pd.DataFrame:
    """Tabell 6 scenarios at the given reduction levels, with the break-even level."""
    from helpers.core import formatting as fmt

    base = sc.drop_duplicates("scenario")[
        ["scenario", "guests", "employees", "gain_per_participant", "cost_mnok", "break_even_pct"]
    ]
    out = pd.DataFrame(
        {
            "Scenario": base["scenario"],
            "Gjester": base["guests"].map(fmt.fmt_int),
            "Ansatte": base["employees"].map(fmt.fmt_int),
            "Gevinst per deltaker": base["gain_per_participant"].map(lambda x: fmt.fmt_mill_nok(x, 3)),
            "Kostnad": base["cost_mnok"].map(fmt.fmt_mill_nok),
        }
    ).reset_index(drop=True)
    for lvl in levels:
        s = sc[sc["reduction_pct"] == lvl].reset_index(drop=True)
        out[f"Netto ved {lvl} %"] = s["net_mnok"].map(fmt.fmt_mill_nok)
    out["Nullpunkt (reduksjon)"] = base["break_even_pct"].map(lambda x: fmt.fmt_pct(x, 1)).to_numpy()
    return out


def results(
    params: pd.DataFrame,
    t3: pd.DataFrame,
    t4: pd.DataFrame,
    t5: pd.DataFrame,
    t6: pd.DataFrame,
    aud: pd.DataFrame,
    disc: pd.DataFrame,
    uc: pd.DataFrame,
    tor: pd.DataFrame,
    be: pd.DataFrame,
    mc: Mapping[str, float],
    sc: pd.DataFrame,
    levels: tuple[int, int] = (10, 30),
) -> dict[str, str]:
    """The numbers the chapter quotes (``costs.*``), formatted for Norwegian text.

    ``levels``: the low and high harm-reduction levels (percent) the chapter discusses.
    """
    from helpers.core import formatting as fmt

    p = param_values(params)
    cpv = t5.set_index(["unit", "measure"])
    derived3 = t3[t3["derived"]]
    repro = [derived3["match"], t4["match"], t5["match"], t6["match"]]
    n_repro = sum(len(m) for m in repro)
    n_ok = sum(int(m.sum()) for m in repro)
    dn = disc["verdict"].value_counts()
    huset_ex = uc.iloc[0]
    mo = uc[uc["unit"] == "MO-senter alt. 2"].iloc[0]
    bek = be.set_index(["param", "target"])
    a = sc[sc["scenario"].str.startswith("A ")].set_index("reduction_pct")
    d = sc[sc["scenario"].str.startswith("D ")].set_index("reduction_pct")
    e = sc[sc["scenario"].str.startswith("E ")].set_index("reduction_pct")
    g = gain_levels(params)
    lo, hi = levels
    return {
        "t5_cells": fmt.fmt_int(len(t5)),
        "t5_cells_matched": fmt.fmt_int(int(t5["match"].sum())),
        "mo_cost_per_visit": fmt.fmt_nok(cpv.loc[(MO, "cost_per_visit"), "recomputed"]),
        "huset_cost_per_visit": fmt.fmt_nok(cpv.loc[(HUSET, "cost_per_visit"), "recomputed"]),
        "ratio_cost_per_visit": fmt.fmt_num(cost_per_visit_ratio(p), 1),
        "t3_derived_cells": fmt.fmt_int(len(derived3)),
        "t3_derived_matched": fmt.fmt_int(int(derived3["match"].sum())),
        "t4_cells": fmt.fmt_int(len(t4)),
        "t4_cells_matched": fmt.fmt_int(int(t4["match"].sum())),
        "t6_cells": fmt.fmt_int(len(t6)),
        "t6_cells_matched": fmt.fmt_int(int(t6["match"].sum())),
        "repro_cells": fmt.fmt_int(n_repro),
        "repro_matched": fmt.fmt_int(n_ok),
        "audit_claims": fmt.fmt_int(len(aud)),
        "audit_ok": fmt.fmt_int(int((aud["verdict"] == OK).sum())),
        "figures_checked": fmt.fmt_int(n_repro + len(aud)),
        "n_params": fmt.fmt_int(len(params)),
        "n_discrepancies": fmt.fmt_int(len(disc)),
        "n_arithmetic": fmt.fmt_int(int(dn.get(ARITHMETIC, 0))),
        "n_inconsistent": fmt.fmt_int(int(dn.get(INCONSISTENT, 0))),
        "n_scope": fmt.fmt_int(int(dn.get(SCOPE, 0))),
        "n_rounding": fmt.fmt_int(int(dn.get(ROUNDING, 0))),
        "range_pct": fmt.fmt_int(params.set_index("param").loc["mo_alt2_annual_cost", "range_pct"]),
        "tornado_top": PARAM_SHORT_NB[tor.iloc[0]["param"]],
        "tornado_min": fmt.fmt_num(tor[["ratio_at_low", "ratio_at_high"]].min().min(), 1),
        "tornado_max": fmt.fmt_num(tor[["ratio_at_low", "ratio_at_high"]].max().max(), 1),
        "worst_case_ratio": fmt.fmt_num(worst_case_ratio(params), 1),
        "be1_mo_cost": fmt.fmt_mill_nok(bek.loc[("mo_alt2_annual_cost", 1.0), "break_even"]),
        "be2_mo_cost": fmt.fmt_mill_nok(bek.loc[("mo_alt2_annual_cost", 2.0), "break_even"]),
        "be1_huset_visits": fmt.fmt_int(bek.loc[("huset_annual_visits_2025", 1.0), "break_even"]),
        "be2_huset_visits": fmt.fmt_int(bek.loc[("huset_annual_visits_2025", 2.0), "break_even"]),
        "be2_huset_cost": fmt.fmt_mill_nok(
            bek.loc[("huset_total_operating_costs_2025", 2.0), "break_even"] / MILLION
        ),
        "mc_draws": fmt.fmt_int(mc["n"]),
        "mc_seed": str(int(mc["seed"])),
        "mc_median": fmt.fmt_num(mc["median"], 1),
        "mc_q025": fmt.fmt_num(mc["q025"], 1),
        "mc_q975": fmt.fmt_num(mc["q975"], 1),
        "mc_p_gt_1": fmt.fmt_pct(mc["p_gt_1"] * PERCENT, 1),
        "mc_p_gt_2": fmt.fmt_pct(mc["p_gt_2"] * PERCENT, 1),
        "mc_min": fmt.fmt_num(mc["min"], 1),
        "huset_per_fte": fmt.fmt_nok(huset_ex["per_fte"]),
        "mo_per_fte": fmt.fmt_nok(mo["per_fte"]),
        "huset_per_hour": fmt.fmt_nok(huset_ex["per_opening_hour"]),
        "mo_per_hour": fmt.fmt_nok(mo["per_opening_hour"]),
        "huset_per_user_low": fmt.fmt_nok(huset_ex["per_user_month_low"]),
        "huset_per_user_high": fmt.fmt_nok(huset_ex["per_user_month_high"]),
        "mo_per_user": fmt.fmt_nok(mo["per_user_month_low"]),
        "gain_mid_printed": fmt.fmt_num(g["mid"], 2),
        "gain_mid_arithmetic": fmt.fmt_num((g["low"] + g["high"]) / 2, 3),
        "t6_cost_company": fmt.fmt_mill_nok(a.iloc[0]["cost_mnok"]),
        "t6_cost_huset": fmt.fmt_mill_nok(d.iloc[0]["cost_mnok"]),
        "t6_breakeven_source": fmt.fmt_pct(a.iloc[0]["break_even_pct"], 1),
        "t6_breakeven_huset": fmt.fmt_pct(d.iloc[0]["break_even_pct"], 1),
        "t6_breakeven_e": fmt.fmt_pct(e.iloc[0]["break_even_pct"], 1),
        "t6_level_low": fmt.fmt_pct(lo, 0),
        "t6_level_high": fmt.fmt_pct(hi, 0),
        "t6_net_low_source": fmt.fmt_mill_nok(a.loc[lo, "net_mnok"]),
        "t6_net_high_source": fmt.fmt_mill_nok(a.loc[hi, "net_mnok"]),
        "t6_net_ratio_high_source": fmt.fmt_num(a.loc[hi, "net_mnok"] / a.loc[hi, "cost_mnok"], 2),
        "t6_gross_ratio_high_source": fmt.fmt_num(a.loc[hi, "gain_cost_ratio"], 2),
    }
