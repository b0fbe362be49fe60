"""The audit of seed 000's derived figures: verdict rules, known discrepancies, checkable lines."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.core import catalogue, paths
from helpers.costs import audit
from tests.test_datapackage import _line_ranges, _printed_on


@pytest.mark.parametrize(
    ("exact", "printed", "unit", "kind", "expected"),
    [
        (340.38, 340, 1, "eq", audit.OK),  # 7 148 000 / 21 000
        (1045.51, 1045, 1, "eq", audit.ROUNDING),  # truncated instead of rounded
        (25.56, 25.5, 0.1, "eq", audit.ROUNDING),  # 25,56 printed 25,5
        (10972, 10964, 1, "eq", audit.ARITHMETIC),  # 422 x 26
        (29 / 20 * 100 - 100, 44, 1, "eq", audit.ARITHMETIC),  # float noise of 29/20 - 1 is not a rounding
        (46.46, 40, 1, "over", audit.OK),  # "over 40 mill."
        (0.35, 1, 1, "over", audit.INCONSISTENT),
        (21342, 21000, 1, "at_most", audit.INCONSISTENT),
        (0.304, 1 / 3, 0.05, "approx", audit.OK),  # "omtrent en tredel"
    ],
)
def test_verdict_rules(exact, printed, unit, kind, expected):
    if_differs = audit.INCONSISTENT if kind in ("over", "at_most") else audit.ARITHMETIC
    assert audit.verdict(exact, printed, unit, kind, if_differs) == expected


@pytest.fixture(scope="module")
def audit_tables(result):
    return result.audit, result.discrepancies


# Discrepancies recorded in data/raw/provenance/seed000_*.md (transcribers' notes), each with the
# verdict the audit must reach. Numbers in the comments are from the seed lines.
KNOWN = {
    "h1_per_week": audit.ARITHMETIC,  # 9 901 / 26 = 380,8, printed 367 (line 1168)
    "h1_per_day": audit.ARITHMETIC,  # 367 / 4 = 91,75, printed ca. 93 (line 1174)
    "h2_basis_total": audit.ARITHMETIC,  # 422 x 26 = 10 972, printed 10 964 (line 1190)
    "h2_high_total": audit.ARITHMETIC,  # 440 x 26 = 11 440, printed 11 441 (line 1192)
    "h2_high_twice": audit.INCONSISTENT,  # 11 441 (1192) vs 11 440 (1199)
    "year_high": audit.ARITHMETIC,  # 9 901 + 11 440 = 21 341, printed 21 342 (1199)
    "month_extra_high": audit.ARITHMETIC,  # 23 000 / 12 = 1 916,7, printed ≈ 2 000 (1220)
    "summary_range_high": audit.INCONSISTENT,  # 20 500-21 000 vs 21 342 (lines 1257, 1199)
    "summary_month_vs_exact": audit.INCONSISTENT,  # 1 708-1 750 vs ≈ 1 779 (1261, 1218)
    "visitors_2024": audit.INCONSISTENT,  # 14 897 (1269) vs Tabell 2 14 797 (1618)
    "visitors_2024_month": audit.ROUNDING,  # 14 897 / 12 = 1 241,4, printed ≈ 1 242
    "t2_change_mean_visitors_per_day_2023": audit.ARITHMETIC,  # 29/20 - 1 = 45 %, printed 44 %
    "t2_change_mean_visitors_per_day_2024": audit.ARITHMETIC,  # 71/29 - 1 = 144,8 %, printed 146 %
    "midpoint": audit.ARITHMETIC,  # (0,29 + 0,54) / 2 = 0,415, printed 0,36
    "employees_55": audit.SCOPE,  # whole company's employees with Huset's guests
    "gain_25_5": audit.ROUNDING,  # 25,56 printed 25,5
    "net_double": audit.ARITHMETIC,  # net (38,34 - 18) / 18 = 1,13, not 2
}


def test_known_discrepancies_are_found(audit_tables):
    aud, _ = audit_tables
    got = aud.set_index("id")["verdict"]
    assert {k: got[k] for k in KNOWN} == KNOWN


def test_claims_that_hold_are_not_flagged(audit_tables):
    aud, _ = audit_tables
    got = aud.set_index("id")["verdict"]
    for cid in (
        "week24_per_day",
        "year_basis",
        "month_basis",
        "month_high",
        "visitors_2024_week",
        "six_times",
        "gap_40",
        "comparable_7148",
        "example_435",
        "gain_100",
        "budget_18",
        "return_40",
        "natthuset_wages_96",
        "visitors_tenfold",
        "volunteer_sixfold",
    ):
        assert got[cid] == audit.OK, cid


def test_discrepancy_table_contains_the_table_cells(audit_tables):
    _, disc = audit_tables
    ids = set(disc["id"])
    assert {
        "t4_huset_salary_share_pct_2025",
        "t4_huset_other_costs_share_pct_2025",
        "t4_natthuset_operating_margin_pct_2025",
        "t5_mo_senter_alt2_visits_per_fte",
    } <= ids
    v = disc.set_index("id")["verdict"]
    assert v["t4_huset_salary_share_pct_2025"] == audit.SCOPE  # mixed denominators
    assert v["t4_natthuset_operating_margin_pct_2025"] == audit.ARITHMETIC  # -2,78 vs -2,76
    assert v["t5_mo_senter_alt2_visits_per_fte"] == audit.ROUNDING  # ~1 045 for 1 045,5
    assert set(disc["verdict"]) <= set(audit.VERDICTS) - {audit.OK}


def test_every_row_is_checkable_from_its_line_reference(audit_tables):
    """The printed value of each audit/discrepancy row is on the seed line(s) the row cites."""
    aud, disc = audit_tables
    seed = paths.ROOT.parent / "shared" / "seeds" / "000_ddd3c0d51f6bebd9.txt"
    if not seed.is_file():
        pytest.skip("seed texts not beside the repository")
    text = seed.read_text(encoding="utf-8").splitlines()
    rows = pd.concat([aud, disc]).drop_duplicates("id")
    missing = []
    for r in rows.itertuples(index=False):
        lines = " ".join(text[n - 1] for a, b in _line_ranges(str(r.line)) for n in range(a, b + 1))
        if isinstance(r.printed_as, str) and r.printed_as and not re.search(r"\d", r.printed_as):
            ok = re.sub(r"\s+", " ", r.printed_as) in re.sub(r"\s+", " ", lines)  # "tidobling"
        elif isinstance(r.printed_as, str) and r.printed_as.startswith("gevinst/kostnad"):
            ok = "overstiger" in lines
        else:
            ok = _printed_on(lines, float(r.printed))
        if not ok:
            missing.append(f"{r.id}: {r.printed} not on line {r.line}")
    assert not missing, missing


def test_audit_covers_every_derived_prose_figure(audit_tables):
    """Every prose figure transcribed as 'derived' in lines 1051-2325 is the subject of a claim."""
    aud, _ = audit_tables
    tx = catalogue.read_resource("huset_cost_text_figures")
    derived_lines = {int(str(s).split("-")[0]) for s in tx.loc[tx["status"] == "derived", "source_line"]}
    cited = {n for spec in aud["line"] for a, b in _line_ranges(str(spec)) for n in range(a, b + 1)}
    assert sorted(derived_lines - cited) == []
