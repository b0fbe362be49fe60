"""The fallback's PDF: pandoc writes typst, the ``typst`` wheel compiles it.

It uses the same typst settings as Quarto, read from ``format: typst:`` in ``_quarto.yml`` (paper,
font size, margins, section numbering, the ``include-in-header`` text that lets tables and figures
break across pages) and the same filter, ``report/typst.lua`` (callouts as framed boxes, table
columns sized by typst, long file names breakable).

The PDF's creation and modification dates (and the ids typst derives from them) come from
:func:`source_date_epoch` (``SOURCE_DATE_EPOCH``, else the commit's time), so two builds of one
commit write the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from helpers.build.pandoc import citeproc_args, pandoc_document, run_pandoc
from helpers.build.project import Project, RenderError
from helpers.core.writers import write_bytes_atomic

TYPST_FILTER = "typst.lua"
# captions are already numbered by the resolver ("Figur 1: …"), so typst must not number them again
_FALLBACK_HEADER = "#set figure(numbering: none)\n"


def source_date_epoch(root: Path) -> int:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` if set, else the time of the commit checked out.

    Parameters
    ----------
    root : Path
        A folder inside the repository.

    Returns
    -------
    int
        Seconds since the epoch (0 when neither is available, e.g. outside git).
    """
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 0
    return int(out) if out.isdigit() else 0


def typst_variables(fmt: dict[str, Any]) -> list[str]:
    """``-V`` options from the ``format: typst:`` block (papersize, fontsize, margin, numbering).

    Parameters
    ----------
    fmt
        The typst format options of ``_quarto.yml``.

    Returns
    -------
    list of str
        pandoc arguments.
    """
    out: list[str] = []
    for key in ("papersize", "fontsize", "section-numbering"):
        if key in fmt:
            out += ["-V", f"{key}={fmt[key]}"]
    for side, value in (fmt.get("margin") or {}).items():
        out += ["-V", f"margin.{side}={value}"]
    return out


def typst_header(fmt: dict[str, Any]) -> str:
    """The fallback's header: its own lines, then Quarto's ``include-in-header`` text."""
    texts = [h.get("text", "") for h in _as_dicts(fmt.get("include-in-header"))]
    return _FALLBACK_HEADER + "".join(texts)


def _as_dicts(x: Any) -> list[dict[str, Any]]:
    items = x if isinstance(x, list) else ([x] if x else [])
    return [i for i in items if isinstance(i, dict)]


def render_pdf(project: Project, out_pdf: Path) -> None:
    """The article as PDF (``pdf`` mode of the resolver)."""
    import typst

    fmt = project.typst_format()
    lua = project.root / TYPST_FILTER
    if not lua.is_file():
        raise RenderError(f"{lua} does not exist (the typst filter both renderers use)")
    with tempfile.TemporaryDirectory(prefix="render-pdf-") as tmp:
        tmpdir = Path(tmp)
        md, meta = pandoc_document(project, tmpdir, "pdf")
        (tmpdir / "header.typ").write_text(typst_header(fmt), encoding="utf-8")
        typ = tmpdir / "article.typ"
        args = [str(md), "--from", "markdown", "--to", "typst", "--standalone", "--toc", "--number-sections"]
        args += ["--lua-filter", str(lua), "--include-in-header", str(tmpdir / "header.typ")]
        args += typst_variables(fmt)
        args += ["--resource-path", f"{tmpdir}{os.pathsep}{project.root}", "-o", str(typ)]
        run_pandoc(args + citeproc_args(project, meta))
        pdf = tmpdir / "article.pdf"
        try:
            typst.compile(
                str(typ), output=str(pdf), root=str(tmpdir), timestamp=source_date_epoch(project.root)
            )
        except Exception as exc:  # typst raises its own error types
            raise RenderError(f"typst failed to compile the article: {exc}") from None
        write_bytes_atomic(out_pdf, pdf.read_bytes(), make_target=True)
