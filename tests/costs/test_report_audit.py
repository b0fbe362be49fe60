"""The audit tables as the report shows them: every row says what it is held against and why."""

from helpers.costs import audit, report_audit


def test_show_audit_has_the_columns_a_reader_needs(result):
    shown = report_audit.show_audit(result.discrepancies)
    assert list(shown.columns) == [
        "Påstand (trykt)",
        "Del",
        "Tabell/tekst",
        "Linje",
        "Trykt",
        "Holdt mot",
        "Beregnet",
        "Differanse",
        "Vurdering",
        "Utregning",
        "Hvorfor",
    ]
    assert set(shown["Holdt mot"]) == {"annen trykt opplysning", "omregning"}
    assert shown["Hvorfor"].str.len().gt(0).all()


def test_findings_table_fits_a_page_and_keeps_what_each_row_is_held_against(result):
    full = report_audit.show_audit(result.discrepancies)
    shown = report_audit.show_findings(result.discrepancies)
    assert list(shown.columns) == [
        "Påstand (trykt)",
        "Sted",
        "Trykt",
        "Holdt mot",
        "Beregnet",
        "Vurdering: utregning og grunn",
    ]
    assert len(shown) == len(full)
    assert shown["Sted"].str.contains("linje ").all()
    assert shown["Sted"].str[0].str.isupper().all()
    for verdict, how, why, cell in zip(
        full["Vurdering"],
        full["Utregning"],
        full["Hvorfor"],
        shown["Vurdering: utregning og grunn"],
        strict=True,
    ):
        assert cell.startswith(f"{verdict}: ") and how in cell and why in cell


def test_verdict_counts_list_every_class_in_order(result):
    counts = report_audit.verdict_counts(result.audit)
    assert counts["Vurdering"].tolist() == list(audit.VERDICTS)
    assert counts["Antall"].sum() == len(result.audit)
