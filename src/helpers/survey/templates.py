"""Write the empty survey templates from the codebook: ``python -m helpers.survey.templates OUTDIR``.

``OUTDIR/survey_template.xlsx`` (a sheet to fill and a sheet with the codebook) and
``OUTDIR/survey_template.sav`` (variable and value labels). Fill one row per respondent with a
unique ``resp_id`` and the codes, then set ``survey_file`` in ``params/03_survey_tabulation.yml``.
"""

from __future__ import annotations

import argparse
import sys

from helpers.survey import files


def main(argv: list[str] | None = None) -> int:
    """Command line: write both templates into the folder given.

    Parameters
    ----------
    argv
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status.
    """
    ap = argparse.ArgumentParser(description="Write empty .xlsx and .sav survey templates from the codebook.")
    ap.add_argument("outdir", help="folder to write into, e.g. data/own")
    args = ap.parse_args(argv)
    for path in files.write_templates(args.outdir, files.read_codebook()):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
