"""Source-consistency checks on hand-made fixtures; the golden run on the real tables."""

import math

import pandas as pd
import pytest

from helpers.cleaning import checks
from helpers.core import catalogue, formatting


@pytest.mark.parametrize(
    ("x", "d", "want"),
    [
        (2.5, 0, 3.0),
        (-2.5, 0, -3.0),
        (0.125, 2, 0.13),
        (144.83, 0, 145.0),
        (30.7692, 1, 30.8),
        (1045.506, 0, 1046.0),
    ],
)
def test_round_half_away(x, d, want):
    assert formatting.round_half_away(x, d) == want


def _key(values, printed):
    return pd.DataFrame(
        {
            "measure": "m",
            "year": [2022, 2023, 2024],
            "value": values,
            "printed_change_pct": printed,
            "source_line": [10, 11, 12],
        }
    )


def test_printed_change_agrees():
    assert checks.check_printed_change(_key([20, 30, 60], [None, 50, 100]), "r").empty


def test_printed_change_flags_the_wrong_year():
    flags = checks.check_printed_change(_key([20, 29, 71], [None, 44, 146]), "r")
    assert flags["check"].tolist() == ["trykt endring m 2022→2023", "trykt endring m 2023→2024"]
    assert flags["recomputed"].tolist() == [45.0, 145.0]
    assert flags["source_line"].tolist() == [11, 12]


def _table2(visitors, printed_mean, printed_change):
    rows = []
    for y, v, m, c in zip([2022, 2023], visitors, printed_mean, printed_change, strict=True):
        rows += [
            {"measure": "visitors", "year": y, "value": v, "printed_change_pct": None},
            {"measure": "active_weeks", "year": y, "value": 52, "printed_change_pct": None},
            {
                "measure": "opening_days_per_week",
                "year": y,
                "value": 2 + y - 2022,
                "printed_change_pct": None,
            },
            {"measure": "mean_visitors_per_day", "year": y, "value": m, "printed_change_pct": c},
        ]
    return pd.DataFrame(rows).assign(source_line=1)


def test_printed_change_uses_unrounded_means_where_the_table_gives_them():
    # 2080 / (52 x 2) = 20 and 4505 / (52 x 3) = 28,88 (printed 29): the change is 44,4 %, printed 44
    ok = _table2([2080, 4505], [20, 29], [None, 44])
    assert checks.check_printed_change(ok, "r", ratios=checks.TABLE2_RATIOS).empty
    # the same table without the ratios compares the rounded means: 29 / 20 - 1 = 45 %
    assert checks.check_printed_change(ok, "r")["recomputed"].tolist() == [45.0]
    # a printed mean its column does not give (4505 / 156 is not 35) is used as printed
    off = _table2([2080, 4505], [20, 35], [None, 44])
    flags = checks.check_printed_change(off, "r", ratios=checks.TABLE2_RATIOS)
    assert flags["recomputed"].tolist() == [75.0]


def _strax(rows):
    return pd.DataFrame(
        rows, columns=["session", "year", "visits_total", "visits_mean_per_day", "period_note", "source_line"]
    )


def test_mean_per_day_flags_impossible_days_and_copies():
    df = _strax(
        [
            ("formiddag", 2010, 3650, 10.0, None, 1),  # 365 days: fine
            ("ettermiddag", 2010, 1000, 10.0, "1 em pr. uke", 2),  # 100 days > 53, and same mean
            ("formiddag", 2011, 3650, 10.0, None, 3),
            ("ettermiddag", 2011, 2600, 12.0, "5 em pr. uke", 4),  # 216.7 days: fine
        ]
    )
    flags = checks.check_mean_per_day(df, "r")
    names = sorted(flags["check"])
    assert names == [
        "samme snitt per dag formiddag og ettermiddag 2010",
        "utledede åpningsdager ettermiddag 2010",
    ]
    impl = flags[flags["check"].str.startswith("utledede")].iloc[0]
    assert (impl["printed"], impl["recomputed"]) == (53.0, 100.0)
    assert impl["detail"] == "1\u00a0000 / 10 = 100,0 dager, flere enn 53 mulige med «1 em pr. uke»"
    same = flags[flags["check"].str.startswith("samme")].iloc[0]
    assert same["source_line"] == 2 and math.isnan(same["recomputed"])


def test_frequency_table_check():
    freq = pd.DataFrame(
        {"category": ["a", "b"], "count": [1, 2], "percent": [33.3, 66.6], "source_line": [1, 2]}
    )
    totals = pd.DataFrame({"count": [4], "source_line": [3]})
    flags = checks.check_frequency_table(freq, totals, "r")
    assert flags["check"].tolist() == [
        "summen av antallene mot trykt total",
        "prosent for «a»",
        "prosent for «b»",
    ]
    assert flags["recomputed"].tolist()[1:] == [25.0, 50.0]


def test_published_sources_flags_as_recorded_in_provenance():
    """The checks find the contradictions the transcribers recorded by hand (provenance notes)."""
    key = catalogue.read_resource("huset_key_figures")
    # Tabell 2's +44 % and +146 % are exact from the unrounded means 28,88/20 and 71,14/28,88
    # (provenance note of huset_key_figures): no flag once the means enter unrounded
    assert checks.check_printed_change(key, "huset_key_figures", ratios=checks.TABLE2_RATIOS).empty
    strax = checks.check_mean_per_day(catalogue.read_resource("strax_annual_visits"), "s")
    assert sorted(strax["check"]) == [
        "samme snitt per dag formiddag og ettermiddag 2011",
        "samme snitt per dag formiddag og ettermiddag 2013",
        "samme snitt per dag formiddag og ettermiddag 2014",
        "utledede åpningsdager ettermiddag 2010",
    ]


def _frames():
    return {name: catalogue.read_resource(name) for name in catalogue.resources()}


def test_source_flags_on_the_embedded_data():
    flags = checks.source_flags(_frames())
    assert list(flags.columns) == checks.FLAG_COLUMNS
    # huset_key_figures: only the 2024 text-vs-table conflict; Tabell 2's +44 % and +146 % are exact
    # from the unrounded means (issue 13) and are no longer flagged
    assert flags["resource"].value_counts().to_dict() == {"huset_key_figures": 1, "strax_annual_visits": 4}
    assert not flags["check"].str.startswith("trykt endring").any()
    text = flags[flags["check"] == "Besøkende gjester 2024: tabell mot tekst"].iloc[0]
    assert (text["printed"], text["recomputed"], text["source_line"]) == (14797.0, 14897.0, 1618)
    assert flags.equals(flags.sort_values(["resource", "source_line", "check"], ignore_index=True))


def test_check_texts_are_norwegian_with_norwegian_numbers():
    flags = checks.source_flags(_frames())
    impl = flags[flags["check"].str.startswith("utledede")].iloc[0]
    # Tabell 4.2/4.3, line 5352: 2274 visits at 33.9 per day in a year of «1 em pr. uke»
    assert impl["detail"].startswith("2\u00a0274 / 33,9 = 67,1 dager")
    text = flags[flags["check"].str.endswith("tabell mot tekst")].iloc[0]
    assert text["detail"] == "teksten oppgir 14 897 på linje 1269"
    for word in ("table", "text", "days", "printed", "mean", "vs"):
        assert not flags["check"].str.contains(rf"\b{word}\b").any(), word
        assert not flags["detail"].str.contains(rf"\b{word}\b").any(), word
