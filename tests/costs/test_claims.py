"""The audit claims as data: each printed number is on its seed line, and the formula engine is strict."""

from __future__ import annotations

import re

import pytest

from helpers.core import catalogue
from helpers.costs import audit, claims
from tests.conftest import SEEDS
from tests.test_datapackage import _line_ranges, _printed_on

SEED = SEEDS / "000_ddd3c0d51f6bebd9.txt"


@pytest.fixture(scope="module")
def table():
    return catalogue.read_resource("huset_audit_claims")


@pytest.fixture(scope="module")
def printed():
    r = catalogue.read_resource
    return audit.printed_values(
        r("huset_cost_text_figures"),
        r("huset_cost_tables"),
        r("huset_key_figures"),
        r("huset_mo_comparison_table1"),
    )


def _lines(spec: str) -> str:
    text = SEED.read_text(encoding="utf-8").splitlines()
    return " ".join(text[n - 1] for a, b in _line_ranges(spec) for n in range(a, b + 1))


def test_each_printed_value_is_on_its_seed_line(table, printed):
    """printed_as stands on the claim's source_line, and so does the number its reference resolves to."""
    if not SEED.is_file():
        pytest.skip("seed texts not beside the repository")
    missing = []
    for r in table.itertuples(index=False):
        lines = re.sub(r"\s+", " ", _lines(r.source_line))
        if re.sub(r"\s+", " ", r.printed_as) not in lines:
            missing.append(f"{r.claim_id}: {r.printed_as!r} not on line {r.source_line}")
        key = claims.parse_ref(r.printed)
        # a number printed as a word ('seksdoblet', 'det dobbelte') is checked by its word alone
        if isinstance(key, tuple) and re.search(r"\d", r.printed_as) and not _printed_on(lines, printed[key]):
            missing.append(f"{r.claim_id}: {printed[key]} not on line {r.source_line}")
    assert not missing, missing


def _seed_refs(table):
    for r in table.itertuples(index=False):
        for ref in (r.printed, *(ref for _, ref in claims._operands(r.operands))):
            m = claims.SEED_REF.fullmatch(ref)
            if m:
                yield r.claim_id, m.group(1), int(m.group(2)), m.group(3)


def _number_on(line: str, number: str) -> bool:
    """A seed: reference's number on a line, as a value (thousands space, decimal comma) or as printed."""
    as_printed = r"(?<!\d)" + re.escape(number).replace(r"\.", "[.,:]") + r"(?!\d)"
    return _printed_on(line, float(number)) or re.search(as_printed, line) is not None


def test_each_seed_reference_is_on_its_line():
    """A number transcribed in the claims file (seed:<seed>:<line>:<number>) is printed on that line."""
    seeds = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
    if not seeds:
        pytest.skip("seed texts not beside the repository")
    refs = list(_seed_refs(catalogue.read_resource("huset_audit_claims")))
    assert {s for _, s, _, _ in refs} >= {"000", "001", "003"}
    missing = []
    for cid, seed, line, number in refs:
        text = seeds[seed].read_text(encoding="utf-8").splitlines()[line - 1]
        if not _number_on(text, number):
            missing.append(f"{cid}: {number} not on line {line} of seed {seed}")
    assert not missing, missing


def test_the_seed_reference_check_can_fail():
    assert _number_on("Mandag - fredag 09.00 - 18.00", "18.00") and _number_on("fra 09–18", "09")
    assert not _number_on("fra 09–18", "19") and not _number_on("09.00 - 18.00", "8.00")
    assert _number_on("rundt 21 000 besøk", "21000") and not _number_on("rundt 21 000 besøk", "2100")


def test_the_check_can_fail():
    if not SEED.is_file():
        pytest.skip("seed texts not beside the repository")
    assert "115" in _lines("1101") and "116" not in _lines("1101")


def test_every_claim_parses_and_ids_are_unique(table):
    specs = claims.claims_from_table(table)
    assert len(specs) == len(table) and len({c.claim_id for c in specs}) == len(specs)


def test_no_explanation_or_formula_types_a_number(table):
    """Digits outside placeholders only name things (lines, tables, weeks); formulas name their inputs."""
    from tests.typed_numbers import hand_typed_numbers

    for r in table.itertuples(index=False):
        for text in (r.how, r.why if isinstance(r.why, str) else ""):
            outside = re.sub(r"\{[^{}]*\}", " ", text)
            assert set(hand_typed_numbers(outside)) <= {"2"}, (r.claim_id, outside)  # "(a + b) / 2", a mean
        for expr in (r.recompute, r.printed_recompute if isinstance(r.printed_recompute, str) else ""):
            literals = set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?", expr))
            assert literals <= {"1", "2"}, (r.claim_id, expr)  # one, and the half of a year


@pytest.mark.parametrize(
    ("expr", "names", "value"),
    [
        ("a / b", {"a": 575, "b": 5}, 115),
        ("(a + b) / 2", {"a": 0.29, "b": 0.54}, 0.415),
        ("-a * 2", {"a": 3}, -6),
    ],
)
def test_evaluate_hand_computed(expr, names, value):
    assert claims.evaluate(expr, names) == pytest.approx(value)


@pytest.mark.parametrize("expr", ["a ** 2", "__import__('os')", "f(a)", "a if a else b", "c"])
def test_evaluate_rejects_anything_but_arithmetic(expr):
    with pytest.raises(ValueError):
        claims.evaluate(expr, {"a": 1.0, "b": 2.0})


def test_render_formats_the_numbers():
    # 9 901 / 27 = 366,7; whole numbers with a thousands space; a fixed number of decimals on request
    assert claims.render("{a} / {b + 1} = {a / (b + 1)}", {"a": 9901, "b": 26}) == "9 901 / 27 = 366,7"
    assert claims.render("{x:int} og {y:2}", {"x": 1650.17, "y": 1.2}) == "1 650 og 1,20"


@pytest.mark.parametrize(
    "ref", ["text:12", "t2:visitors", "nope:1:2", "words:x", "seed:3:1:2", "seed:003:1:x"]
)
def test_parse_ref_rejects_malformed_references(ref):
    with pytest.raises(ValueError):
        claims.parse_ref(ref)


def test_parse_ref_hand_made():
    assert claims.parse_ref("text:1101:visits_per_day_avg_week24") == (
        "text",
        1101,
        "visits_per_day_avg_week24",
    )
    assert claims.parse_ref("t6:huset_bergen_as:x") == ("t6", "huset_bergen_as", "x", 0)
    assert claims.parse_ref("words:1/3") == pytest.approx(1 / 3)
    assert claims.parse_ref("seed:003:5682:18") == 18.0
    assert claims.parse_ref("seed:001:807:15.30") == pytest.approx(15.3)
