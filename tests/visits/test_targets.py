"""Seed 000's printed register figures, read with the seed line of each."""

from __future__ import annotations

import re

import pytest

from helpers.core import catalogue
from helpers.visits import inputs, targets


def _tables():
    names = (inputs.KEY_FIGURES_RESOURCE, inputs.TEXT_FIGURES_RESOURCE, inputs.PROSE_FIGURES_RESOURCE)
    return [catalogue.read_resource(n) for n in names] + [inputs.published_figure_rows()]


def test_targets_carry_values_and_seed_lines(targets):
    assert targets.annual == {2022: 2080, 2023: 4505, 2024: 14897}  # 2024: Huset only, line 1269
    assert targets.annual_tabell2[2024] == 14797 and targets.tabell2_line == "1618"
    assert (targets.h1_2025.value, targets.h1_2025.line) == (9901, "1170")
    assert targets.monthly_range[2024][1].lines_nb == "1079–1081"
    assert targets.peak_week_divisor == 5  # 575 / 115 (lines 1099, 1101)


def test_an_unknown_target_row_is_named():
    key, text, prose, rows = _tables()
    rows.loc[2, "target"] = "h1_typo"
    with pytest.raises(KeyError, match=r"row 3, column 'target': unknown 'h1_typo'"):
        targets.targets_from_tables(key, text, prose, rows)


def test_a_missing_target_row_is_named():
    key, text, prose, rows = _tables()
    with pytest.raises(KeyError, match="no row for \\['capacity'\\]"):
        targets.targets_from_tables(key, text, prose, rows[rows["target"] != "capacity"])


def test_a_row_that_picks_no_prose_row_is_named():
    key, text, prose, rows = _tables()
    rows.loc[0, "source_line"] = "1171"
    with pytest.raises(KeyError, match="visits_total_h1' line 1171"):
        targets.targets_from_tables(key, text, prose, rows)


def test_every_published_figure_row_cites_a_line_the_register_declares():
    """The rows lie inside the seed lines the demo register's provenance names (1053-1199, ...)."""
    declared = catalogue.resources()[inputs.DEMO_RESOURCE].descriptor["provenance"]["lines"]
    ranges = [(int(a), int(b or a)) for a, b in re.findall(r"(\d+)(?:-(\d+))?", declared)]
    rows = inputs.published_figure_rows()
    assert rows["target"].is_unique and len(rows) > 20
    for spec in rows["source_line"]:
        for a, b in re.findall(r"(\d+)(?:-(\d+))?", spec):
            assert any(lo <= int(a) and int(b or a) <= hi for lo, hi in ranges), spec
