"""Refuse to render on results that no successful run of their notebook wrote.

The papermill runner writes a notebook's results file and then its executed copy, and sets the
results file's time after the copy's; a failed run removes both. A results file that is missing,
or older than its executed notebook, or an executed notebook without results, therefore means the
numbers the text would quote are not the ones the executed notebook shows (a failed or
interrupted run, or a results file written by hand). :func:`guard` stops ``render`` and
``generated`` then, naming the file and the command that rebuilds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.build import pipeline


def stale(root: Path) -> list[str]:
    """Why the executed notebooks and results files under ``root`` do not belong together.

    Parameters
    ----------
    root : Path
        The checkout holding ``report/notebooks/`` and ``report/_results/``.

    Returns
    -------
    list of str
        One line per declared notebook whose executed copy or results file is missing, or whose
        results file is older than its executed copy; empty when all agree.
    """
    out = []
    for nb in pipeline.NOTEBOOKS:
        executed, results = root / nb.executed, root / nb.results
        if not executed.is_file():
            out.append(f"{nb.executed} is missing (its last run failed or never ran)")
        elif not results.is_file():
            out.append(f"{nb.results} is missing (its last run failed or never ran)")
        elif results.stat().st_mtime < executed.stat().st_mtime:
            out.append(f"{nb.results} is older than {nb.executed} (not written by the run that made it)")
    return out


def _project(argv: list[str]) -> Path:
    names = [a for a in argv if not a.startswith("-")]
    return Path(names[0] if names else "report")


def guard(argv: list[str]) -> int | None:
    """Exit status 1 (after saying why) when the report project's inputs are stale, else None.

    Parameters
    ----------
    argv : list of str
        The arguments of ``render`` / ``generated``; the first positional one is the project
        (default ``report``). Only the repository's own report project is checked.

    Returns
    -------
    int or None
        1 when :func:`stale` found problems; None to go on.
    """
    from helpers.core import paths

    if _project(argv).resolve() != paths.REPORT.resolve():
        return None
    problems = stale(paths.ROOT)
    if not problems:
        return None
    print(
        "error: the report would quote results no successful notebook run wrote:\n  "
        + "\n  ".join(problems)
        + "\nrun `make report` (or `python -m helpers.build run-notebook STEM` for each) first.",
        file=sys.stderr,
    )
    return 1
