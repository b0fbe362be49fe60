"""Reading the inputs of the cost comparison, through :mod:`helpers.core.catalogue` only."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from helpers.core import catalogue, paths
from helpers.costs.analysis import CostInputs
from helpers.costs.parameters import check_parameters

OWN_COPY_NOTE = "the cleaning notebook's copy of the file given in input_overrides of its params file"


def read_parameters(
    params_table: str,
    own_parameters: str = "",
    read: Callable[[str], pd.DataFrame] = catalogue.read_processed,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The parameter table in use and the embedded (source) one, both checked.

    Parameters
    ----------
    params_table
        The parameter table's resource name (``huset_cost_parameters``).
    own_parameters
        Path of a student's own copy of the parameter table (empty: none). It is validated like the
        raw file, against the resource's schema, and errors name this file.
    read
        How the table in use is read when ``own_parameters`` is empty:
        :func:`helpers.core.catalogue.read_processed` (notebook 01's copy, which holds the
        ``input_overrides`` file when one is given) or :func:`helpers.core.catalogue.read_resource`.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(params, source_params)``: the table in use, checked against the embedded one (every
        parameter present, none unknown, the same units, nothing negative, at least one row), and
        the embedded table itself.
    """
    source = check_parameters(catalogue.read_resource(params_table), params_table)
    if own_parameters:
        file = str(paths.resolve(own_parameters))
        own = catalogue.read_resource(params_table, path=own_parameters, check_hash=False)
    else:
        own = read(params_table)
        file = f"{paths.processed(params_table + '.csv')} ({OWN_COPY_NOTE})"
    return check_parameters(own, file, reference=source), source


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
    own_parameters: str = "",
    read: Callable[[str], pd.DataFrame] = catalogue.read_processed,
) -> CostInputs:
    """Read every input table by name and check the parameter table.

    Parameters
    ----------
    params_table, cost_tables, table5_printed, text_figures, key_figures, table1, claims, smahus_table
        Names of the tables (the notebook's parameters).
    own_parameters
        Path of a student's own parameter table, or empty (:func:`read_parameters`).
    read
        How a table is read: :func:`helpers.core.catalogue.read_processed` (the typed copies
        notebook 01 wrote) or :func:`helpers.core.catalogue.read_resource` (the raw files).

    Returns
    -------
    CostInputs
        The tables; both parameter tables have passed
        :func:`helpers.costs.parameters.check_parameters`.
    """
    params, source = read_parameters(params_table, own_parameters, read)
    return CostInputs(
        params=params,
        source_params=source,
        tables=read(cost_tables),
        table5_printed=read(table5_printed),
        text_figures=read(text_figures),
        key_figures=read(key_figures),
        table1=read(table1),
        claims=read(claims),
        smahus=read(smahus_table),
    )
