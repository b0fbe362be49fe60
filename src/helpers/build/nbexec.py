"""Execute a notebook with papermill, strip volatile metadata, and move it into place atomically.

Usage (from the Makefile)::

    python -m helpers.build.nbexec notebooks/01_cleaning.ipynb params/01_cleaning.yml \
        report/notebooks/01_cleaning.ipynb

The notebook runs into a temporary file next to the target. Only when papermill succeeds is the
result stripped of timings and machine-specific metadata and moved onto the target, so a failed
run never leaves a half-executed notebook where ``make`` or Quarto would pick it up.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
import yaml

from helpers.core import paths
from helpers.core.writers import write_text_atomic

KERNEL_NAME = "huset-bergen"

# papermill's notebook-level metadata that is kept (everything else is volatile)
_KEEP_NB_PAPERMILL = ("parameters", "default_parameters", "version")


def load_params(path: Path) -> dict[str, Any]:
    """Parameters from a papermill YAML file (empty file -> no parameters)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a params file must be a mapping of name: value")
    return data


def strip_volatile(nb: nbformat.NotebookNode, input_path: str, output_path: str) -> None:
    """Remove timings, environment and other run-specific metadata, in place."""
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


def _rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(p)


def execute(source: Path, params_file: Path, target: Path, kernel_name: str = KERNEL_NAME) -> None:
    """Run ``source`` with the parameters in ``params_file`` and write the result to ``target``."""
    import papermill as pm  # imported here: importing papermill is slow and tests don't need it

    params = load_params(params_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".nbexec-") as tmpdir:
        tmp = Path(tmpdir) / target.name
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=params,
            kernel_name=kernel_name,
            cwd=str(paths.NOTEBOOKS),
            progress_bar=False,
            log_output=False,
        )
        nb = nbformat.read(tmp, as_version=4)
    strip_volatile(nb, _rel(source), _rel(target))
    write_text_atomic(target, nbformat.writes(nb) + "\n", make_target=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("params", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("--kernel", default=KERNEL_NAME)
    args = ap.parse_args(argv)
    try:
        execute(args.source, args.params, args.target, args.kernel)
    except Exception as exc:  # papermill's error already names the failing cell
        print(
            f"error: executing {args.source} failed; {args.target} was not written.\n{exc}", file=sys.stderr
        )
        return 1
    print(f"executed {_rel(args.source)} -> {_rel(args.target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
