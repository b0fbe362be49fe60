"""The report tables of notebook 02: labels and cells against numbers from the seed."""

from __future__ import annotations

from helpers.visits import report_tables
from helpers.visits.forecast import ModelForecast
from helpers.visits.published import seed_figures


def test_fmt_rr():
    assert report_tables.fmt_rr(1.1112, 1.036, 1.1937) == "1,11 (1,04–1,19)"


def test_annual_table_against_tabell2(daily, targets):
    tab = report_tables.annual_table(daily, targets).set_index("År")
    # Tabell 2's printed mean per day (line 1623) = total / (52 x days per week), rounded
    assert tab.loc["2022", "Tabell 2: snitt per dag (trykt)"] == "20"
    assert tab.loc["2022", "Tabell 2: besøk / (52 × dager)"] == "20,0"
    assert tab.loc["2024", "Besøk (register)"] == "14\u00a0897"


def test_forecast_table_golden(targets):
    fc = ModelForecast(
        year=2025, first_week=27, last_week=52, h2=1000.0, low=900.0, high=1100.0, level=0.95,
        open_days=128, actual=None, fit=None,
    )  # fmt: skip
    tab = report_tables.forecast_table(targets, int(targets.h1_2025.value), fc).set_index("Beregning")
    assert tab.loc["Trykt, basis (+15\u00a0%)", "Uke 27–52"] == "10\u00a0964"
    assert tab.loc["Som publisert: 9 901 / 27 × +15\u00a0% × 26, basis", "Uke 27–52"] == "10\u00a0964,4"
    assert tab.loc["Trykt, høyt (+20\u00a0%)", "Uke 1–52"] == "21\u00a0342"
    assert (
        tab.loc["Modell: kalender, ukedag, sesong, trend (95\u00a0% PI)", "Uke 27–52"]
        == "1\u00a0000 (900–1\u00a0100)"
    )
    assert "Faktisk i registeret" not in tab.index


def test_seed_figures_table_quotes_the_seed_lines(daily, targets):
    tab = report_tables.seed_figures_table(seed_figures(daily, targets), targets, calibrated=True)
    tab = tab.set_index("Størrelse")
    assert tab.loc["Besøk 2024", "Trykt i kilden"] == "14\u00a0897 (l. 1269)"
    assert tab.loc["Besøk 2024", "Merknad"].startswith("Tabell 2 (l. 1618) trykker 14\u00a0797; ")
    assert (
        tab.loc["Besøk per måned 2024", "Trykt i kilden"] == "stort sett 1\u00a0000–1\u00a0400 (l. 1079–1081)"
    )
    assert tab.loc["Snitt per åpen dag, uke 1–26", "Merknad"].endswith("totalen / (26 × 4) = 95,2")
    assert tab.loc["Snitt per dag i toppuken", "Merknad"].endswith("kilden deler på 5")
    assert tab.loc["Snitt per uke, uke 1–26", "Merknad"].startswith(
        "det trykte tallet er totalen delt på 27 uker"
    )


def test_model_and_truth_tables(fit, truth):
    m = report_tables.model_table(fit).set_index("Ledd")
    assert "Regimeskifte 4 dager → 5 dager" in m.index and "Søndag mot mandag" in m.index
    assert "Autokorrelasjon i residualer, etterslep 1" in m.index
    d = report_tables.demo_truth_table(truth).set_index("Parameter")
    assert d.loc["Årssyklus: amplitude (log)", "Sann verdi i generatoren"] == "0,15"
    assert d.loc["Negativ binomial: størrelse k (alpha = 1/k)", "Sann verdi i generatoren"] == "30,0"
