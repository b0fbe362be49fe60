"""Reading the inputs of the cost comparison, through :mod:`helpers.core.catalogue` only."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from helpers.core import catalogue
from helpers.costs.analysis import CostInputs
from helpers.costs.parameters import check_parameters


def read_inputs(
    *,
    params_table: str,
    cost_tables: str,
    table5_printed: str,
    text_figures: str,
    key_figures: str,
    table1: str,
    claims: str,
    smahus_table: str,
    read: Callable[[str], pd.DataFrame] = catalogue.read_processed,
) -> CostInputs:
    """Read every input table by name and check the parameter table.

    Parameters
    ----------
    params_table, cost_tables, table5_printed, text_figures, key_figures, table1, claims, smahus_table
        Names of the tables (the notebook's parameters).
    read
        How a table is read: :func:`helpers.core.catalogue.read_processed` (the typed copies
        notebook 01 wrote) or :func:`helpers.core.catalogue.read_resource` (the raw files).

    Returns
    -------
    CostInputs
        The tables; the parameter table has passed
        :func:`helpers.costs.parameters.check_parameters`.
    """
    return CostInputs(
        params=check_parameters(read(params_table), params_table),
        tables=read(cost_tables),
        table5_printed=read(table5_printed),
        text_figures=read(text_figures),
        key_figures=read(key_figures),
        table1=read(table1),
        claims=read(claims),
        smahus=read(smahus_table),
    )
