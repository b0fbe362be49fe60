"""Markdown building blocks for the report: pipe tables of formatted cells and the demo banner."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.core.formatting import MISSING, NBSP, isna


def md_table(df: pd.DataFrame, align: Iterable[str] | None = None, index: bool = False) -> str:
    """A pandoc pipe table of already-formatted cells.

    ``align`` gives one of ``left``/``right``/``center`` per column; by default text columns are
    left-aligned and all others right-aligned, judged from the first non-missing cell.

    Parameters
    ----------
    df : pandas.DataFrame
        A report table whose cells are already formatted (text from :mod:`helpers.core.formatting`);
        missing cells are shown as ``–``.
    align : iterable of str, optional
        ``left``, ``right`` or ``center`` for each column (of the index too, with ``index``).
    index : bool, default False
        Show the index as the first column(s).

    Returns
    -------
    str
        The pipe table, without a caption (the report's ``tbl-cap`` cell option gives that).
    """
    frame = df.reset_index() if index else df
    if align is None:
        align = ["right" if _looks_numeric(frame[c]) else "left" for c in frame.columns]
    cells = frame.astype(object).where(frame.notna(), MISSING).astype(str)
    return cells.to_markdown(index=False, colalign=list(align), disable_numparse=True)


def _looks_numeric(col: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(col):
        return True
    for v in col:
        if isna(v):
            continue
        s = str(v).replace(NBSP, "").replace(" ", "").replace(",", "").replace("%", "")
        s = s.replace("kr", "").replace("−", "-").replace("+", "")
        return s.replace(".", "", 1).lstrip("-").isdigit()
    return False


def demo_banner(synthetic: list[str]) -> str:
    """A visible notice (Quarto callout) when any input is synthetic; empty string otherwise.

    The list comes from the data package (``synthetic: true``), never from hand-typed text, so the
    banner disappears by itself when real data are supplied.

    Parameters
    ----------
    synthetic : list of str
        Names of the synthetic inputs of a notebook (:func:`helpers.core.catalogue.synthetic_inputs`).

    Returns
    -------
    str
        A Norwegian ``callout-warning`` naming the files, or ``""`` when ``synthetic`` is empty.
    """
    if not synthetic:
        return ""
    files = ", ".join(f"`{n}`" for n in synthetic)
    return (
        '::: {.callout-warning title="Demodata"}\n'
        f"Resultatene her bygger på syntetiske demodata ({files}), laget av en dokumentert "
        "generator. De er ikke funn om Huset eller Bergen.\n:::\n"
    )
