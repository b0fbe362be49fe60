"""Execute a notebook with papermill, strip volatile metadata, and move it into place atomically.

The Makefile runs a declared notebook as ``python -m helpers.build run-notebook 01_cleaning``;
any notebook runs with explicit paths as::

    python -m helpers.build.nbexec notebooks/01_cleaning.ipynb params/01_cleaning.yml \
        report/notebooks/01_cleaning.ipynb

The notebook runs into a temporary file next to the target. Only when papermill succeeds is the
result stripped of timings and machine-specific metadata and moved onto the target, so a failed
run never leaves a half-executed notebook where ``make`` or Quarto would pick it up (and
:func:`run` removes the executed copy and results of an earlier run). With a
declared results file the run also fails when the notebook did not write it, and the file's
modification time is set to the run's end, so ``make`` can track it beside the executed notebook
(the results writer leaves an unchanged file untouched).

The runner sets :data:`helpers.core.writers.RUNNER_ENV` for the kernel: only then does
:func:`helpers.core.writers.write_results` write into ``report/_results/`` (a notebook run in
Jupyter writes to ``report/_scratch/``). The temporary folder is named after the target
(``.nbexec-<stem>-*``), so the next run of that notebook sweeps one a hard kill left behind.
Papermill writes the notebook only at the end of the run (not after every cell), and the kernel is
shut down at once rather than asked to exit. Papermill's injected-parameters cell gets a fixed id
(papermill draws a random one), and the kernel's "running over TCP without encryption" warning is
silenced (the kernel listens on localhost only, for this one run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
import yaml

from helpers.core import paths
from helpers.core.writers import RUNNER_ENV, write_text_atomic

KERNEL_NAME = "huset-bergen"
INJECTED_TAG = "injected-parameters"
INJECTED_ID = "injected-parameters"  # a fixed cell id: papermill draws a random one per run
# the kernel logs only errors (hides its warning about unencrypted TCP on localhost)
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]

# papermill's notebook-level metadata that is kept (everything else is volatile)
_KEEP_NB_PAPERMILL = ("parameters", "default_parameters", "version")


def load_params(path: Path | str) -> dict[str, Any]:
    """Parameters from a papermill YAML file.

    Parameters
    ----------
    path : Path or str
        The params file.

    Returns
    -------
    dict
        The mapping in the file, name to value (an empty file means no parameters);
        ``ValueError`` when the file holds something other than a mapping.
    """
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a params file must be a mapping of name: value")
    return data


def strip_volatile(nb: nbformat.NotebookNode, input_path: str, output_path: str) -> None:
    """Remove timings, environment and other run-specific metadata, in place.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook; changed in place.
    input_path, output_path : str
        Paths recorded in its papermill metadata (relative to the repository root, so they do not
        depend on where the repository lies).

    Returns
    -------
    None
    """
    pm = nb.metadata.get("papermill", {})
    kept = {k: pm[k] for k in _KEEP_NB_PAPERMILL if k in pm}
    kept["input_path"] = input_path
    kept["output_path"] = output_path
    nb.metadata["papermill"] = kept
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_ID


def _tmp_prefix(target: Path) -> str:
    return f".nbexec-{target.stem}-"


def sweep(target: Path) -> list[Path]:
    """Remove the temporary folders an interrupted run of this target left behind.

    Parameters
    ----------
    target : Path
        The executed notebook; its folder holds the runner's ``.nbexec-<stem>-*`` folders (make
        never runs one target twice at once, so none of them belongs to a live run).

    Returns
    -------
    list of Path
        The folders removed.
    """
    found = sorted(target.parent.glob(_tmp_prefix(target) + "*")) if target.parent.is_dir() else []
    for d in found:
        shutil.rmtree(d, ignore_errors=True)
    return found


def remove_outputs(target: Path, results: Path | None) -> str:
    """Delete an earlier run's executed copy and results file (after a failure).

    Parameters
    ----------
    target, results : Path
        The executed notebook and its results file (None: none).

    Returns
    -------
    str
        ``"; removed the earlier <path>"`` for each file removed (empty when none was there).
    """
    stale = [p for p in (target, results) if p is not None and p.is_file()]
    for p in stale:
        p.unlink()
    return "".join(f"; removed the earlier {paths.display(p)}" for p in stale)


def execute(
    source: Path,
    params_file: Path,
    target: Path,
    kernel_name: str = KERNEL_NAME,
    results: Path | None = None,
) -> None:
    """Run ``source`` with the parameters in ``params_file`` and write the result to ``target``.

    Parameters
    ----------
    source : Path
        The stripped source notebook.
    params_file : Path
        Its papermill parameters (YAML mapping).
    target : Path
        Where the executed, stripped notebook goes; written only when the run succeeds.
    kernel_name : str
        The Jupyter kernel to run it in.
    results : Path, optional
        The results file the notebook must write; a run that leaves it missing fails and writes
        no ``target``. Its modification time is set after a successful run.

    Returns
    -------
    None
    """
    import papermill as pm  # imported here: importing papermill is slow and tests don't need it

    params = load_params(params_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep(target)
    os.environ[RUNNER_ENV] = "1"  # the kernel inherits it: results go to report/_results/
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=_tmp_prefix(target)) as tmpdir:
        tmp = Path(tmpdir) / target.name
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=params,
            kernel_name=kernel_name,
            cwd=str(paths.NOTEBOOKS),
            progress_bar=False,
            log_output=False,
            extra_arguments=KERNEL_ARGS,
            # write the notebook once, at the end (papermill saves it twice per cell otherwise)
            request_save_on_cell_execute=False,
            # the kernel is ours for this one run: stop it at once instead of asking it to exit
            shutdown_kernel="immediate",
        )
        nb = nbformat.read(tmp, as_version=4)
    if results is not None and not results.is_file():
        raise FileNotFoundError(
            f"the notebook ran but did not write its results file {paths.display(results)}"
        )
    strip_volatile(nb, paths.display(source), paths.display(target))
    write_text_atomic(target, nbformat.writes(nb) + "\n", make_target=True)
    if results is not None:
        os.utime(results)


def run(
    source: Path, params_file: Path, target: Path, kernel_name: str = KERNEL_NAME, results: Path | None = None
) -> int:
    """:func:`execute`, reporting to the terminal as a command does.

    Parameters
    ----------
    source, params_file, target, kernel_name, results
        As for :func:`execute`.

    Returns
    -------
    int
        0 on success; 1 after printing why the run failed (papermill's message names the cell).
        A failed run also removes an earlier ``target`` and ``results``, so no render quotes
        the numbers of a run that did not succeed.
    """
    try:
        execute(source, params_file, target, kernel_name, results)
    except Exception as exc:  # papermill's error already names the failing cell
        # an earlier run's executed copy and results would outlive the failure: remove them
        removed = remove_outputs(target, results)
        print(f"error: executing {paths.display(source)} failed{removed}.\n{exc}", file=sys.stderr)
        return 1
    print(f"executed {paths.display(source)} -> {paths.display(target)}")
    return 0


def _main(argv: list[str] | None = None) -> int:
    """``python -m helpers.build.nbexec SOURCE PARAMS TARGET [--kernel NAME]``: :func:`run`'s status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("params", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("--kernel", default=KERNEL_NAME)
    args = ap.parse_args(argv)
    return run(args.source, args.params, args.target, args.kernel)


if __name__ == "__main__":
    sys.exit(_main())
