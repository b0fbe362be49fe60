"""Reading the inputs of notebook 02: the register, the opening regimes, the closures, seed figures.

Every raw file goes through :mod:`helpers.core.catalogue` (validated against ``datapackage.json``,
and hash-checked when it is the embedded file); a student's own register (CSV, Excel or SPSS) is
read with :mod:`helpers.core.userfiles`. The notebook passes the names and paths of its parameter
cell, so its params control every input. An empty path means the embedded file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.core import catalogue, paths, userfiles
from helpers.visits import calendar, register, targets

DEMO_RESOURCE = "huset_daily_register_demo"
REGIMES_RESOURCE = "huset_opening_regimes_demo"
CLOSURES_RESOURCE = "huset_closures_demo"
KEY_FIGURES_RESOURCE = "huset_key_figures"
TEXT_FIGURES_RESOURCE = "huset_text_figures"
PROSE_FIGURES_RESOURCE = "huset_cost_text_figures"


def _own(path: Path | str | None) -> Path | str | None:
    """``""`` (a parameter cell's "embedded file") is no path."""
    return path if path not in ("", None) else None


def read_register(path: Path | str | None = None, sheet: str | int = 0) -> pd.DataFrame:
    """Read and validate a daily register.

    Parameters
    ----------
    path : pathlib.Path or str, optional
        A register file (``.csv``, ``.xlsx`` or ``.sav``, relative to the repository root or
        absolute); empty or None reads the embedded synthetic demo register through the catalogue.
    sheet : str or int
        The Excel sheet (name or number).

    Returns
    -------
    pandas.DataFrame
        ``site, date, visits`` sorted by site and date (:func:`helpers.visits.register.validate_register`).

    Raises
    ------
    FileNotFoundError
        When the file does not exist.
    helpers.core.validation.DataValidationError
        Naming file, row and column of every problem.
    """
    own = _own(path)
    if own is None:
        raw = catalogue.read_resource(DEMO_RESOURCE)
        return register.validate_register(raw, catalogue.resources()[DEMO_RESOURCE].path)
    file = paths.resolve(own)
    if not file.is_file():
        raise FileNotFoundError(f"{file}: register file does not exist")
    raw, _meta = userfiles.read_user_table(file, sheet=sheet, what="register")
    word = userfiles.USER_TABLE_FORMATS[file.suffix.lower()]
    return register.validate_register(raw, file, offset=1 if word == "SPSS case" else 2, word=word)


def read_regimes(path: Path | str | None = None) -> pd.DataFrame:
    """Opening regimes, validated (:func:`helpers.visits.calendar.parse_regimes`).

    Parameters
    ----------
    path : pathlib.Path or str, optional
        A regimes file with the columns of ``huset_opening_regimes_demo``; empty or None reads the
        embedded file.

    Returns
    -------
    pandas.DataFrame
        ``regime, start, weekdays (tuple), days_per_week, basis``.
    """
    own = _own(path)
    df = catalogue.read_resource(REGIMES_RESOURCE, own)
    return calendar.parse_regimes(df, own or catalogue.resources()[REGIMES_RESOURCE].path)


def read_closures(path: Path | str | None = None) -> pd.DataFrame:
    """The project closure list (recurring month/day), validated against its Table Schema.

    Parameters
    ----------
    path : pathlib.Path or str, optional
        Own closure list (columns as ``huset_closures_demo``); empty or None: the embedded list.

    Returns
    -------
    pandas.DataFrame
        Columns ``month, day, name_nb, rationale``.
    """
    df = catalogue.read_resource(CLOSURES_RESOURCE, _own(path))
    return df[["month", "day", "name_nb", "rationale"]].reset_index(drop=True)


def published_figure_rows(resource: str = DEMO_RESOURCE) -> pd.DataFrame:
    """Which row of the prose figures is which printed register figure, from ``datapackage.json``.

    The list is the ``published_figures`` property of the demo register's descriptor: the figures
    it is calibrated to and compared with (target, measure, seed line).

    Parameters
    ----------
    resource : str
        The resource whose descriptor holds the list.

    Returns
    -------
    pandas.DataFrame
        ``target, measure, source_line, note``.
    """
    return pd.DataFrame(catalogue.resources()[resource].descriptor["published_figures"]["rows"])


def read_calibration_targets(
    key_figures: str = KEY_FIGURES_RESOURCE,
    text_figures: str = TEXT_FIGURES_RESOURCE,
    prose_figures: str = PROSE_FIGURES_RESOURCE,
) -> targets.CalibrationTargets:
    """Seed 000's published register figures, read from their transcriptions in ``data/raw``.

    Parameters
    ----------
    key_figures, text_figures, prose_figures : str
        Data-package resources: Tabell 2, the Huset-only 2024 total, the prose figures of Del 3.1.

    Returns
    -------
    helpers.visits.targets.CalibrationTargets
        The figures with their seed lines (:func:`helpers.visits.targets.targets_from_tables`).
    """
    return targets.targets_from_tables(
        catalogue.read_resource(key_figures),
        catalogue.read_resource(text_figures),
        catalogue.read_resource(prose_figures),
        published_figure_rows(),
    )
