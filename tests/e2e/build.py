"""Run the build's command line on a temporary copy of the project, as the end-to-end tests do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def build(root: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """``python -m helpers.build ARGS`` on the project copy at ``root`` (``HUSET_ROOT`` points at it).

    Parameters
    ----------
    root : Path
        The project copy.
    *args : str
        The command and its arguments, e.g. ``"run-notebook", "02_visit_counts"``.
    timeout : int
        Seconds before the run is stopped.

    Returns
    -------
    subprocess.CompletedProcess
        The finished process, its output captured as text; the caller checks the exit status.
    """
    env = {**os.environ, "HUSET_ROOT": str(root), "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "helpers.build", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
