"""Norwegian text fragments of notebook 02."""

from __future__ import annotations

import pandas as pd

from helpers.visits import inputs, report_text


def test_text_helpers():
    assert report_text.fmt_date(pd.Timestamp("2025-06-02")) == "2. juni 2025"
    assert (
        report_text.closures_text(inputs.read_closures())
        == "24. desember (julaften) og 31. desember (nyttårsaften)"
    )
    assert report_text.regimes_text(inputs.read_regimes()).endswith("og 5 dager per uke fra 2. juni 2025")


def test_closed_days_text(daily):
    assert report_text.closed_days_text(daily, 2025, 24) == "andre pinsedag (9. juni 2025)"
    assert report_text.closed_days_text(daily, 2025, 25) == "ingen"
