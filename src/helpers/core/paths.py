"""Every path the project uses, from one place.

Notebooks and helpers ask this module for locations instead of building ``../data`` strings, so the
pipeline runs the same from the repository root, from ``notebooks/`` (papermill's working directory)
or from a test.
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    """Return the repository root.

    ``HUSET_ROOT`` overrides the search (used by tests that build a throw-away project tree);
    otherwise the root is the first ancestor of this file that holds ``pyproject.toml``.
    """
    override = os.environ.get("HUSET_ROOT")
    if override:
        return Path(override).resolve()
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file() and (parent / "data").is_dir():
            return parent
    raise RuntimeError(
        "Cannot locate the repository root (a folder with pyproject.toml and data/) above "
        f"{Path(__file__).resolve()}; set HUSET_ROOT to point at it."
    )


ROOT = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
DATAPACKAGE = RAW / "datapackage.json"
NOTEBOOKS = ROOT / "notebooks"
PARAMS = ROOT / "params"
REPORT = ROOT / "report"
REPORT_NOTEBOOKS = REPORT / "notebooks"
RESULTS = REPORT / "_results"
MANUSCRIPT_OUT = REPORT / "_manuscript"
SINGLE_OUT = REPORT / "_single"  # the single-file HTML for supervisors
GENERATED = REPORT / "_generated"  # appendices written at render time (data sources, colophon)


def raw(name: str) -> Path:
    """Path of a file in ``data/raw/``.

    Parameters
    ----------
    name : str
        The file name, as the ``path`` of its entry in ``data/raw/datapackage.json``.

    Returns
    -------
    Path
        ``<root>/data/raw/<name>``.
    """
    return RAW / name


def processed(name: str) -> Path:
    """Path of a file in ``data/processed/``.

    Parameters
    ----------
    name : str
        The file name (a processed table ``<table>.csv`` or ``datapackage.json``).

    Returns
    -------
    Path
        ``<root>/data/processed/<name>``.
    """
    return PROCESSED / name


def results_file(notebook_stem: str) -> Path:
    """Results file a notebook writes for the report text (``report/_results/<stem>.yml``).

    Parameters
    ----------
    notebook_stem : str
        The notebook's name without ``.ipynb`` (e.g. ``02_visit_counts``).

    Returns
    -------
    Path
        The YAML file whose keys the report reads with ``{{< meta … >}}``.
    """
    return RESULTS / f"{notebook_stem}.yml"


def resolve(path: str | os.PathLike[str]) -> Path:
    """Resolve a user-supplied path (e.g. from a papermill parameter).

    Absolute paths are kept; relative paths are taken relative to the repository root, so a params
    file can say ``data/raw/my_register.csv`` whatever the working directory is.

    Parameters
    ----------
    path : str or os.PathLike
        A path from a notebook parameter or a params file.

    Returns
    -------
    Path
        ``path`` itself when absolute, else the repository root joined with it.
    """
    p = Path(path)
    return p if p.is_absolute() else ROOT / p


def display(path: str | os.PathLike[str]) -> str:
    """A path as messages show it: relative to the repository root when it lies inside it.

    Parameters
    ----------
    path : str or path-like
        Any path.

    Returns
    -------
    str
        ``data/raw/x.csv`` for a file in the repository, else the path as given.
    """
    p = Path(path)
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)
