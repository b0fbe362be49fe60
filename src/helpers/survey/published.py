"""Read the transcribed L&M tables, text figures and reasons through the data catalogue.

Every read goes through :func:`helpers.core.catalogue.read_resource` (hash, header and schema
checked). The published tables also need the number of decimals as transcribed («17,0» has one),
which the typed ``value`` column loses; it is taken from the text of the same validated file.
"""

from __future__ import annotations

import pandas as pd

from helpers.core import catalogue
from helpers.core.formatting import ANTALL_SVAR, PROSENT, TOTAL, printed_decimals
from helpers.core.validation import read_csv_as_text

PUBLISHED = "lm2016_published_tables"
TABLE_4_14 = "lm2016_table_4_14"
TABLE_4_14_TOTALS = "lm2016_table_4_14_printed_totals"
TEXT_FIGURES = "lm2016_text_figures"
CELL_REASONS = "lm2016_cell_reasons"
TEXT_REASONS = "lm2016_text_figure_reasons"
TEXT_FACTS = "lm2016_survey_text_facts"
TEXT_FACT_REASONS = "lm2016_survey_text_fact_reasons"


def _table_4_14_rows(t414: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Tabell 4.14 (categories and the printed total row) in the long layout of the other tables."""
    rows = []
    t = t414.sort_values("category_order")
    parts = [(int(r.category_order), r.category, r) for r in t.itertuples(index=False)]
    parts += [(len(t) + 1, TOTAL, r) for r in totals.itertuples(index=False)]
    for row_order, label, r in parts:
        base = {
            "table": "4.14",
            "row_order": row_order,
            "row_label": label,
            "source_line": str(r.source_line),
            "note": "",
        }
        rows.append(
            base
            | {
                "col_order": 1,
                "col_label": ANTALL_SVAR,
                "statistic": "count",
                "value": float(r.count),
                "decimals": 0,
            }
        )
        rows.append(
            base
            | {
                "col_order": 2,
                "col_label": PROSENT,
                "statistic": "percent",
                "value": float(r.percent),
                "decimals": 1,
            }
        )
    return pd.DataFrame(rows)


def read_published(
    name: str = PUBLISHED, table_4_14: str = TABLE_4_14, table_4_14_totals: str = TABLE_4_14_TOTALS
) -> pd.DataFrame:
    """The transcribed L&M tables with the transcribed number of decimals of every value.

    Parameters
    ----------
    name
        Resource of the published tables (long form, one number per row).
    table_4_14, table_4_14_totals
        Resources of Tabell 4.14 and its printed total row, added in the same layout.

    Returns
    -------
    pandas.DataFrame
        One row per printed cell with ``table``, ``row_order``, ``col_order``, ``statistic``,
        ``value``, ``decimals``, the labels and ``source_line``.
    """
    catalogue.read_resource(name)  # hash and schema; the text below is that same file
    pub = read_csv_as_text(catalogue.resources()[name].path)
    pub["decimals"] = pub["value"].map(printed_decimals)
    pub["value"] = pub["value"].astype(float)
    for c in ("row_order", "col_order"):
        pub[c] = pub[c].astype(int)
    t414 = _table_4_14_rows(catalogue.read_resource(table_4_14), catalogue.read_resource(table_4_14_totals))
    return pd.concat([pub, t414], ignore_index=True)


def read_text_figures(name: str = TEXT_FIGURES) -> pd.DataFrame:
    """Numbers quoted in L&M's running text, tied to an item.

    Parameters
    ----------
    name : str
        The resource (default ``lm2016_text_figures``).

    Returns
    -------
    pandas.DataFrame
        ``figure_id``, ``table``, ``item``, ``measure``, ``value``, ``value_as_printed``, ``source_line``.
    """
    return catalogue.read_resource(name)


def read_cell_reasons(name: str = CELL_REASONS) -> pd.DataFrame:
    """Why printed cells cannot be reproduced, one documented reason per cell, row or table.

    Parameters
    ----------
    name : str
        Data-package resource holding the reasons (default ``lm2016_cell_reasons``).

    Returns
    -------
    pandas.DataFrame
        ``table``, ``row_order``, ``col_order`` (missing = every row/column), ``reason``.
    """
    return catalogue.read_resource(name)


def read_text_reasons(name: str = TEXT_REASONS) -> dict[str, str]:
    """Why text figures differ from the counts.

    Parameters
    ----------
    name : str
        Resource with one reason per figure (default ``lm2016_text_figure_reasons``).

    Returns
    -------
    dict
        figure_id -> reason.
    """
    return _reasons(name, "figure_id")


def read_text_facts(name: str = TEXT_FACTS) -> pd.DataFrame:
    """Survey facts stated only in L&M's running text (sample, ages, shares of answers).

    Parameters
    ----------
    name : str
        The resource (default ``lm2016_survey_text_facts``).

    Returns
    -------
    pandas.DataFrame
        ``fact_id``, ``item``, ``measure``, ``codes``, ``group_item``, ``group_codes``, ``value``,
        ``value_as_printed``, ``source_line``, ``note``; missing codes and groups as empty strings.
    """
    facts = catalogue.read_resource(name)
    for c in ("codes", "group_item", "group_codes"):
        facts[c] = facts[c].fillna("").astype(str)
    return facts


def read_text_fact_reasons(name: str = TEXT_FACT_REASONS) -> dict[str, str]:
    """Why a text-only fact cannot be reproduced: the published table it contradicts, with the arithmetic.

    Parameters
    ----------
    name : str
        Resource with one reason per fact (default ``lm2016_survey_text_fact_reasons``).

    Returns
    -------
    dict
        fact_id -> reason.
    """
    return _reasons(name, "fact_id")


def _reasons(name: str, key: str) -> dict[str, str]:
    """A reasons resource as ``key`` -> reason."""
    r = catalogue.read_resource(name)
    return dict(zip(r[key], r["reason"], strict=True))
