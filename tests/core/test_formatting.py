import pandas as pd
import pytest

from helpers.core import formatting as fmt
from helpers.core import markdown as md
from helpers.core import style

NB = "\u00a0"


def test_norwegian_numbers():
    assert fmt.fmt_int(14797) == f"14{NB}797"
    assert fmt.fmt_num(2075.976, 1) == f"2{NB}076,0"
    assert fmt.fmt_num(0.37, 2) == "0,37"
    assert fmt.fmt_pct(12.34) == f"12,3{NB}%"
    assert fmt.fmt_pct(5, sign=True) == f"+5,0{NB}%"
    assert fmt.fmt_nok(340.38) == f"340{NB}kr"
    assert fmt.fmt_mill_nok(53.61) == f"53,61{NB}mill.{NB}kr"
    assert fmt.fmt_auto(14797.0) == f"14{NB}797" and fmt.fmt_auto(33.9) == "33,9"
    assert fmt.fmt_int(None) == fmt.MISSING and fmt.fmt_pct(float("nan")) == fmt.MISSING


def test_negative_numbers_carry_the_real_minus_sign():
    minus = "\u2212"
    assert fmt.fmt_num(-0.56, 2) == f"{minus}0,56"
    assert fmt.fmt_int(-14797) == f"{minus}14{NB}797"
    assert fmt.fmt_pct(-3.24, 1, sign=True) == f"{minus}3,2{NB}%"
    assert fmt.fmt_nok(-340) == f"{minus}340{NB}kr"
    assert "-" not in fmt.fmt_num(-1234.5, 1)


def test_fmt_general_keeps_the_decimals_a_value_has():
    assert fmt.fmt_general(8041.17) == f"8{NB}041,17"
    assert fmt.fmt_general(2274.0) == f"2{NB}274"
    assert fmt.fmt_general(33.9) == "33,9"
    assert fmt.fmt_general(48.23456789) == "48,2346"
    assert fmt.fmt_general(1234567.0) == f"1{NB}234{NB}567"
    assert fmt.fmt_general(-0.512) == "\u22120,512"
    assert fmt.fmt_general(None) == fmt.MISSING


def test_one_rule_for_cells_without_a_number():
    assert fmt.SUPPRESSED == ":"
    assert fmt.MISSING == fmt.NOT_APPLICABLE == "\u2013"
    assert fmt.MINUS == "\u2212"


def test_match_marker():
    assert [fmt.match_marker(x) for x in (True, False, None)] == ["✓", "✗", "–"]


def test_md_table_aligns_text_left_numbers_right():
    t = md.md_table(pd.DataFrame({"a": ["x", "y"], "b": [f"1{NB}000", "2,5"]}))
    assert t.splitlines()[1] == "|:----|------:|"


def test_demo_banner_only_for_synthetic_inputs():
    assert md.demo_banner([]) == ""
    b = md.demo_banner(["huset_register_demo"])
    assert b.startswith("::: {.callout-warning") and "huset_register_demo" in b
    assert "ikke funn om Huset" in b


def test_fmt_smart_uses_only_the_decimals_a_number_has():
    from helpers.core import formatting as fmt

    assert fmt.fmt_smart(7.5) == "7,5"
    assert fmt.fmt_smart(21000) == "21\u00a0000"
    assert fmt.fmt_smart(380.80769) == "380,8"
    assert fmt.fmt_smart(6.0987) == "6,1"
    assert fmt.fmt_smart(0.30364) == "0,304"
    assert fmt.fmt_smart(-13.807) == "\u221213,81"
    assert fmt.fmt_smart(None) == fmt.MISSING


def test_demo_stamp_marks_figures_only_for_synthetic_inputs():
    import matplotlib.pyplot as plt

    real, demo = plt.figure(), plt.figure()
    style.demo_stamp(real, [])
    style.demo_stamp(demo, ["huset_daily_register_demo"])
    assert [t.get_text() for t in real.texts] == []
    assert [t.get_text() for t in demo.texts] == [style.DEMO_STAMP]
    plt.close("all")


@pytest.mark.parametrize(
    ("s", "d"),
    [
        ("6,1", 1),
        ("~1 045", 0),
        ("0,37", 2),
        ("2 076", 0),
        ("53,61", 2),
        ("7,148", 3),
        ("44,5 %", 1),
        ("26.10", 2),
        ("t(146)", 0),
        ("0,000", 3),
        ("-0.512", 3),
    ],
)
def test_printed_decimals(s, d):
    assert fmt.printed_decimals(s) == d


def test_printed_decimals_needs_a_number():
    with pytest.raises(ValueError, match="no number"):
        fmt.printed_decimals("–")


def test_clock_times_are_printed_as_the_sources_print_them():
    # Handlingsplanen (seed 001) line 806 prints «18.30»; Tabell 1 (seed 000) line 1415 «09.00»
    assert fmt.fmt_clock(18.3) == "18.30"
    assert fmt.fmt_clock(9.0) == "09.00"
    assert fmt.fmt_clock(20.3) == "20.30"
    assert fmt.fmt_clock(None) == fmt.MISSING
