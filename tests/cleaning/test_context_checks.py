"""Internal-sum checks of the agency tables: hand-made cells, then the golden run on the real file."""

import pandas as pd
import pytest

from helpers.cleaning import context_checks as cc
from helpers.core import catalogue


def _cells(rows):
    cols = [
        "table",
        "panel",
        "row",
        "column",
        "measure",
        "year",
        "coverage",
        "is_total",
        "value",
        "source_line",
    ]
    return pd.DataFrame(rows, columns=cols)


TINY = [
    ("T", "", "a", "2020", "m", 2020, "full_year", False, 2, 5),
    ("T", "", "b", "2020", "m", 2020, "full_year", False, 3, 6),
    ("T", "", "Sum", "2020", "m", 2020, "full_year", True, 5, 7),
    ("T", "", "a", "2021", "m", 2021, "full_year", False, 4, 5),
    ("T", "", "b", "2021", "m", 2021, "full_year", False, 4, 6),
    ("T", "", "Sum", "2021", "m", 2021, "full_year", True, 9, 7),
]


def test_sums_that_add_up_raise_nothing_and_one_that_does_not_is_flagged():
    spec = (cc.SumSpec("T", ("year",), "row", "Sum"),)
    flags = cc.check_internal_sums(_cells(TINY), spec)
    assert len(flags) == 1
    f = flags.iloc[0]
    assert (f["printed"], f["recomputed"], f["source_line"]) == (9.0, 8.0, 7)
    assert "2021" in f["check"]


def test_parts_filter_and_measure_filter_are_respected():
    rows = [*TINY, ("T", "", "c", "2020", "other", 2020, "full_year", False, 100, 8)]
    spec = (cc.SumSpec("T", ("year",), "row", "Sum", measure="m", parts=("a", "b")),)
    flags = cc.check_internal_sums(_cells(rows), spec)
    assert list(flags["recomputed"]) == [8.0]


def test_total_mean_outside_its_parts_is_flagged_only_then():
    # per year: parts a = 3.0 and b = 4.0, total 3.5 (inside) in 2020 and 4.4 (outside) in 2021
    rows = [
        ("T", "", r, str(y), "mean", y, "full_year", r == "Totalt", v, 2 if r == "Totalt" else 1)
        for y, total in [(2020, 3.5), (2021, 4.4)]
        for r, v in [("a", 3.0), ("b", 4.0), ("Totalt", total)]
    ]
    flags = cc.check_total_mean_within_parts(_cells(rows), "T", "mean", "Totalt")
    assert list(flags["printed"]) == [4.4] and list(flags["recomputed"]) == [4.0]


def test_a_repeated_year_is_flagged_on_the_later_year():
    rows = [
        ("T", "", "2015", c, "m", 2015, "full_year", False, v, 10)
        for c, v in [("P", 95), ("K", 14), ("M", 81)]
    ] + [
        ("T", "", "2016", c, "m", 2016, "partial_year", False, v, 12)
        for c, v in [("P", 95), ("K", 14), ("M", 81)]
    ]
    flags = cc.check_repeated_year(_cells(rows), "T", ("P", "K", "M"))
    assert list(flags["source_line"]) == [12]
    rows[-1] = ("T", "", "2016", "M", "m", 2016, "partial_year", False, 82, 12)
    assert cc.check_repeated_year(_cells(rows), "T", ("P", "K", "M")).empty


@pytest.fixture(scope="module")
def real():
    return catalogue.read_resource("lm2016_agency_tables")


def test_golden_internal_sums_of_the_real_tables(real):
    flags = cc.check_internal_sums(real)
    got = {(f["check"].split(":")[0], f["printed"], f["recomputed"]) for _, f in flags.iterrows()}
    # worked out by hand from the seed lines (provenance/seed003_agency_tables.md)
    assert got == {
        ("Tabell 4.10", 405, 501),
        ("Tabell 4.10", 417, 517),
        ("Tabell 4.10", 414, 531),
        ("Tabell 4.10", 401, 517),
        ("Tabell 4.11", 2416, 2619),
        ("Tabell 4.11", 2426, 2299),
        ("Tabell 4.11", 1215, 1340),
        ("Tabell 4.20", 107, 153),
        ("Tabell 4.20", 1570, 1571),
        ("Tabell A.2", 683.5, 696.5),
        ("Tabell A.2", 8028.17, 8041.17),
    }


def test_golden_means_and_repeats_of_the_real_tables(real):
    means = cc.check_total_mean_within_parts(real, "Tabell 4.10", "mean_stay_months", "Totalt")
    assert list(means["printed"]) == [4.4, 3.86, 3.89, 3.78]
    rep = cc.check_repeated_year(real, "Tabell 4.3 (overdosetilsyn)", ("Personer", "Kvinne", "Mann"))
    assert list(rep["source_line"]) == [5512]


def test_flag_texts_are_norwegian_with_norwegian_numbers(real):
    sums = cc.check_internal_sums(real)
    a2 = sums[(sums["printed"] == 8028.17)].iloc[0]
    # Tabell A.2, panel PUCKER: Kvinner + Menn sum to 8041,17 against a printed 8028,17
    assert a2["check"] == "Tabell A.2: delene mot trykt Totalt (panel PUCKER, kolonne Totalt pr. okt 16)"
    assert a2["detail"] == "2 deler (Kvinner, Menn) summerer til 8\u00a0041,17"
    t410 = sums[sums["check"].str.startswith("Tabell 4.10")].iloc[0]
    assert t410["check"].endswith("(år 2012)") and t410["detail"].endswith(cc.OVERLAP)
    means = cc.check_total_mean_within_parts(real, "Tabell 4.10", "mean_stay_months", "Totalt")
    assert means["detail"].iloc[0].startswith("delenes snitt fra 3,53 til 3,99; ")
    rep = cc.check_repeated_year(real, "Tabell 4.3 (overdosetilsyn)", ("Personer", "Kvinne", "Mann"))
    assert rep["check"].iloc[0] == "Tabell 4.3 (overdosetilsyn): 2016 gjentar 2015 i Personer, Kvinne, Mann"
    assert rep["detail"].iloc[0] == "de samme 3 cellene som linje 5510"


def test_overdose_deaths_given_only_in_text_are_transcribed_as_context(real):
    """Seed 003 line 6411: «var 31 i 2013 og 2014, sank antallet overdosedødsfall til 17 i 2015» (Bergen).

    Figur 4.13 is by county and prints no points, so no table cell holds them: they are context,
    and the text-vs-table check raises nothing for them.
    """
    from helpers.cleaning.context_text import check_text_figures

    text = catalogue.read_resource("lm2016_agency_text_figures")
    deaths = text[text["figure_id"].str.startswith("overdose_deaths_")].set_index("figure_id")
    assert deaths["value"].to_dict() == {
        "overdose_deaths_2013": 31,
        "overdose_deaths_2014": 31,
        "overdose_deaths_2015": 17,
    }
    assert set(deaths["kind"]) == {"context"} and set(deaths["source_line"].astype(str)) == {"6411"}
    assert set(deaths["table"]) == {"Figur 4.13"}
    flags = check_text_figures(text, real)
    assert not flags["check"].str.contains("overdose_deaths").any()
