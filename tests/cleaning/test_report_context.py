"""The context chapter's tables and numbers: printed values kept, partial columns marked."""

import pandas as pd
import pytest

from helpers.cleaning import context_tables, report_context
from helpers.core import catalogue


@pytest.fixture(scope="module")
def frames():
    return {n: catalogue.read_resource(n) for n in catalogue.resources()}


def test_as_printed_keeps_the_decimals():
    assert report_context.as_printed(598.67) == "598,67"
    assert report_context.as_printed(1318) == "1\u00a0318"
    assert report_context.as_printed(float("nan")) == ""


def test_show_cells_is_the_table_as_printed(frames):
    t = report_context.show_cells(frames["lm2016_agency_tables"], "Tabell 4.12")
    assert list(t.columns) == [
        "Rad", "2014 (sept.–des.) (delår)", "2015", "2016 (jan.–juni.) (delår)", "Totalt",
    ]  # fmt: skip
    row = t[t["Rad"] == "Danmarksplass/Solheim"].iloc[0]
    assert row["2014 (sept.–des.) (delår)"] == "" and row["Totalt"] == "84"
    a2 = report_context.show_cells(frames["lm2016_agency_tables"], "Tabell A.2")
    assert "Pucker – Menn" in set(a2["Rad"])


def test_services_table(frames):
    t = report_context.services_table(frames["lm2016_agency_services"], frames["lm2016_agency_tables"])
    got = dict(zip(t["Tiltak"], t["Årsverk"], strict=True))
    assert got == {"MO-Strax-huset": "20", "MO-Nesttun": "", "MO-Wergeland": "", "Møtestedet": "2,9",
                   "Halvardsstuen": "2,8"}  # fmt: skip


def test_context_numbers_quote_the_printed_cells(frames):
    cells = frames["lm2016_agency_tables"]
    flags = context_tables.context_flags(frames)
    n = report_context.context_numbers(frames, context_tables.partial_years(cells), flags)
    assert (n.exclusions_2015, n.strax_2015, n.wait_lar_2015) == ("1\u00a0318", "231", "37,86")
    assert n.vagsbunnen_pct_text == "87\u00a0%"
    assert (n.n_flags, n.n_sum_flags, n.n_text_flags) == ("18", "16", "2")
    assert n.oslo_registered == "542" and n.gunerius_exclusions == "4\u00a0995"


def test_a_missing_quoted_cell_is_an_error(frames):
    f = dict(frames)
    cells = frames["lm2016_agency_tables"]
    f["lm2016_agency_tables"] = cells[~((cells["table"] == "Tabell 3.1") & (cells["column"] == "2015"))]
    with pytest.raises(KeyError, match="no single cell"):
        report_context.context_numbers(f, pd.DataFrame(), pd.DataFrame({"resource": []}))
