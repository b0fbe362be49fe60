"""Rewriting the demo register file: ``python -m helpers.visits.demo_file``.

Reads the embedded regimes, closures and calibration targets (:mod:`helpers.visits.inputs`),
generates the register (:func:`helpers.visits.demo.generate_demo_register`) and writes
``data/raw/huset_daily_register_demo.csv`` atomically. After a change, rehash the data package
(``python -m helpers.core.catalogue rehash``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from helpers.core import catalogue, writers
from helpers.visits import demo, inputs


def embedded_demo_register(spec: demo.DemoSpec | None = None) -> pd.DataFrame:
    """The demo register generated from the embedded regimes, closures and targets.

    Parameters
    ----------
    spec : helpers.visits.demo.DemoSpec, optional
        The assumptions; the default is the one the file was made with.

    Returns
    -------
    pandas.DataFrame
        ``date, visits`` (:func:`helpers.visits.demo.generate_demo_register`).
    """
    cal = demo.demo_calendar(inputs.read_regimes(), inputs.read_closures(), spec)
    return demo.generate_demo_register(cal, inputs.read_calibration_targets(), spec)


def write_demo_register(path: Path | None = None, spec: demo.DemoSpec | None = None) -> Path:
    """Write the demo register CSV atomically.

    Parameters
    ----------
    path : pathlib.Path, optional
        Target file; default ``data/raw/huset_daily_register_demo.csv``.
    spec : helpers.visits.demo.DemoSpec, optional
        The assumptions.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = path or catalogue.resources()[inputs.DEMO_RESOURCE].path
    writers.write_csv(embedded_demo_register(spec), path)
    return path


if __name__ == "__main__":
    if sys.argv[1:]:
        target = catalogue.resources()[inputs.DEMO_RESOURCE].path
        sys.exit(f"usage: python -m helpers.visits.demo_file   (rewrite {target})")
    print("wrote", write_demo_register())
