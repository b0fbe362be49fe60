"""Write the generated includes (``report/_generated/*.qmd``) before either renderer runs.

Quarto resolves ``{{< include >}}`` before any ``pre-render`` script, so a fresh clone needs these
files to exist first: ``make generated`` (a prerequisite of the render rule) runs
``python -m helpers.build.generated report``. The colophon names the renderer that will run:
Quarto when ``quarto`` is on PATH (or ``QUARTO`` names one), else the pandoc fallback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from helpers.build import colophon, freshness
from helpers.build.pandoc import pandoc_version
from helpers.build.project import RenderError, lookup, read_metadata_files
from helpers.core.writers import write_text_atomic

GENERATED_DIR = "_generated"
# chapter parts included only when a results key says so (see parts_spec)
PARTS_FILE = "_conditional.yml"


def find_quarto() -> str | None:
    """The Quarto to use: ``$QUARTO`` if set and executable, else ``quarto`` on PATH, else None.

    Returns
    -------
    str or None
        The full path of the Quarto executable, or None when the pandoc fallback must render.
    """
    named = os.environ.get("QUARTO")
    if named:
        return shutil.which(named)
    return shutil.which("quarto")


def renderer_description(quarto: str | None) -> str:
    """The renderer line of the colophon (Norwegian).

    Parameters
    ----------
    quarto : str or None
        The Quarto executable that will render (:func:`find_quarto`), or None for the fallback.

    Returns
    -------
    str
        Quarto and its version, or the pandoc version of the fallback with typst for the PDF.
    """
    if quarto:
        res = subprocess.run([quarto, "--version"], capture_output=True, text=True, check=False)
        return f"Quarto {res.stdout.strip() or '(ukjent versjon)'}"
    return f"pandoc {pandoc_version()} fra pypandoc-binary (reserveløsning uten Quarto), PDF med typst-hjulet"


def results_metadata(project_dir: Path) -> dict[str, Any]:
    """The results files named in ``_quarto.yml``'s ``metadata-files``, merged.

    Parameters
    ----------
    project_dir : Path
        The Quarto project (``report/``).

    Returns
    -------
    dict
        The merged results; a missing results file raises :class:`RenderError`.

    Raises
    ------
    RenderError
        If a results file named there does not exist (the notebooks have not run).
    """
    config = yaml.safe_load((project_dir / "_quarto.yml").read_text(encoding="utf-8")) or {}
    return read_metadata_files(project_dir, config)


def write_parts(project_dir: Path, meta: dict[str, Any]) -> list[Path]:
    """Write each conditional chapter part of ``_conditional.yml`` into ``_generated/``.

    Each entry of ``parts`` maps a generated file name to ``{source: <part>.qmd, when: <key>}``
    (or ``unless: <key>``). The generated file holds the part when the results key is true (false,
    for ``unless``) and is empty otherwise, so both renderers include the same text and a part that
    embeds demo-only cells disappears with its cross-references when the data cannot give them.

    Parameters
    ----------
    project_dir : Path
        The Quarto project (``report/``).
    meta : dict
        The results (:func:`results_metadata`).

    Returns
    -------
    list of Path
        The generated files, one per entry.

    Raises
    ------
    RenderError
        If an entry lacks ``source`` or ``when``/``unless`` or has other keys, or its results key is
        missing or not true/false.
    """
    spec_file = project_dir / PARTS_FILE
    spec = (yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {}) if spec_file.is_file() else {}
    written = []
    for target, entry in sorted((spec.get("parts") or {}).items()):
        key = entry.get("when") or entry.get("unless")
        if not key or set(entry) - {"source", "when", "unless"}:
            raise RenderError(f"{spec_file}: part {target!r} needs 'source' and one of 'when'/'unless'")
        value = lookup(meta, key)
        if not isinstance(value, bool):
            raise RenderError(
                f"{spec_file}: part {target!r}: results key {key!r} is {value!r}, not true/false"
            )
        shown = value if "when" in entry else not value
        text = (project_dir / entry["source"]).read_text(encoding="utf-8") if shown else ""
        path = project_dir / GENERATED_DIR / target
        write_text_atomic(path, text, make_target=True)
        written.append(path)
    return written


def write(project_dir: Path, quarto: str | None) -> list[Path]:
    """Write the data-source and colophon appendices into ``project_dir/_generated``; return them.

    They are make targets, so each is touched even when its text is unchanged (the colophon's
    writer skips unchanged files), or make would consider them out of date forever.

    Parameters
    ----------
    project_dir : Path
        The Quarto project (``report/``).
    quarto : str or None
        The Quarto that will render, or None for the fallback (named in the colophon).

    Returns
    -------
    list of Path
        The data-source and colophon appendices, then the conditional chapter parts
        (:func:`write_parts`).

    Raises
    ------
    RenderError
        If a results file is missing or ``_conditional.yml`` names a key that is not true/false.
    """
    written = colophon.write_generated(renderer_description(quarto), project_dir / GENERATED_DIR)
    for path in written:
        path.touch()
    return written + write_parts(project_dir, results_metadata(project_dir))


def main(argv: list[str] | None = None) -> int:
    """Command line: write ``report/_generated/`` and print each file written.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``): the project folder and ``--fallback``.

    Returns
    -------
    int
        The exit status, 0.
    """
    argv = sys.argv[1:] if argv is None else argv
    if (status := freshness.guard(argv)) is not None:  # never quote results of a failed run
        return status
    ap = argparse.ArgumentParser(description="Write report/_generated/*.qmd (data sources, colophon).")
    ap.add_argument("project", type=Path, nargs="?", default=Path("report"))
    ap.add_argument(
        "--fallback", action="store_true", help="describe the pandoc fallback even if Quarto exists"
    )
    args = ap.parse_args(argv)
    for path in write(args.project, None if args.fallback else find_quarto()):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
