"""Report tables of the cost chapter: layout."""

from helpers.costs import report_tables, reproduction


def test_show_table6_layout(real):
    params, _, tables = real
    shown = report_tables.show_table6(reproduction.table6(params, tables))
    assert shown.columns[0] == "Reduksjon" and len(shown) == 5 and shown.shape[1] == 8
    assert shown.iloc[0, 1].endswith("✓")
