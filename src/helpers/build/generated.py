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

from helpers.build import colophon
from helpers.build.pandoc import pandoc_version

GENERATED_DIR = "_generated"


def find_quarto() -> str | None:
    """The Quarto to use: ``$QUARTO`` if set and executable, else ``quarto`` on PATH, else None."""
    named = os.environ.get("QUARTO")
    if named:
        return shutil.which(named)
    return shutil.which("quarto")


def renderer_description(quarto: str | None) -> str:
    """The renderer line of the colophon (Norwegian)."""
    if quarto:
        res = subprocess.run([quarto, "--version"], capture_output=True, text=True, check=False)
        return f"Quarto {res.stdout.strip() or '(ukjent versjon)'}"
    return f"pandoc {pandoc_version()} fra pypandoc-binary (reserveløsning uten Quarto), PDF med typst-hjulet"


def write(project_dir: Path, quarto: str | None) -> list[Path]:
    """Write the data-source and colophon appendices into ``project_dir/_generated``; return them.

    They are make targets, so each is touched even when its text is unchanged (the colophon's
    writer skips unchanged files), or make would consider them out of date forever.
    """
    written = colophon.write_generated(renderer_description(quarto), project_dir / GENERATED_DIR)
    for path in written:
        path.touch()
    return written


def main(argv: list[str] | None = None) -> int:
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
