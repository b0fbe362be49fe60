"""Notebook views for the fallback site: an executed notebook as one HTML page (nbconvert, lab
template, no CDN scripts), as Quarto's manuscript writes ``notebooks/NN-preview.html``.

Markdown (markdown cells and ``text/markdown`` outputs) goes through pandoc first, in one call per
notebook with citeproc, so callouts are styled boxes and ``@key`` citations are resolved, with the
reference list at the end. Each labelled cell that the article embeds gets the article's number
(«Figur 3») with a link back to it.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from typing import Any

import nbformat

from helpers.build.pandoc import citeproc_args, run_pandoc
from helpers.build.project import Project, cell_options
from helpers.build.resolve import callouts
from helpers.core.writers import write_text_atomic

_SPLIT = "<!-- nbview-split -->"
_STYLE_FILE = Path(__file__).parent / "templates" / "notebook_view.css"


def _markdown_pieces(nb: nbformat.NotebookNode) -> list[tuple[Any, str]]:
    """(owner, markdown) for every markdown cell and every ``text/markdown`` output, in order."""
    pieces: list[tuple[Any, str]] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            pieces.append((cell, cell.source))
        for out in cell.get("outputs", []):
            md = out.get("data", {}).get("text/markdown")
            if md is not None:
                pieces.append((out, "".join(md)))
    return pieces


def markdown_to_html(project: Project, pieces: list[str]) -> tuple[list[str], str]:
    """Convert markdown pieces in one pandoc call; return their HTML and the reference list.

    Parameters
    ----------
    project : Project
        Gives the bibliography and CSL style.
    pieces : list of str
        Markdown texts (callout fences allowed).

    Returns
    -------
    tuple
        One HTML fragment per piece, and the HTML of the cited references (may be empty).
    """
    joined = f"\n\n{_SPLIT}\n\n".join(callouts(p) for p in pieces) + f"\n\n{_SPLIT}\n\n::: {{#refs}}\n:::\n"
    meta = project.metadata()
    out = run_pandoc(
        ["--from", "markdown", "--to", "html5", "--mathml", *citeproc_args(project, meta)], joined
    )
    parts = out.split(_SPLIT)
    return [p.strip() for p in parts[:-1]], parts[-1].strip()


def _html_block(fragment: str) -> str:
    """HTML with no blank lines, so the markdown renderer passes it through as one HTML block
    (nbconvert sanitises raw cells, so those would show the tags)."""
    return re.sub(r"\n\s*\n", "\n", fragment)


def _html_cell(fragment: str, cell_id: str) -> nbformat.NotebookNode:
    """A markdown cell holding HTML, with a fixed id (nbformat would draw a random one, and two
    renders would then differ)."""
    return nbformat.v4.new_markdown_cell(_html_block(fragment), id=cell_id)


def _back_link(label: str, ref: tuple[str, str]) -> nbformat.NotebookNode:
    text, href = ref
    return _html_cell(
        f'<p class="article-ref">↩ <a href="{html.escape(href)}">{html.escape(text)}</a></p>', f"back-{label}"
    )


def prepare(
    project: Project, nb: nbformat.NotebookNode, refs: dict[str, tuple[str, str]]
) -> nbformat.NotebookNode:
    """A copy of ``nb`` with markdown rendered, cell ids ``cell-<label>`` and back-links added.

    Parameters
    ----------
    project : Project
        The project (bibliography).
    nb : nbformat.NotebookNode
        The executed notebook.
    refs : dict of str to tuple of (str, str)
        Label -> (text, href) of the article's figure or table made by that cell.

    Returns
    -------
    nbformat.NotebookNode
        The notebook to export.
    """
    nb = copy.deepcopy(nb)
    pieces = _markdown_pieces(nb)
    fragments, bibliography = markdown_to_html(project, [md for _, md in pieces])
    for (owner, _), frag in zip(pieces, fragments, strict=True):
        if isinstance(owner, nbformat.NotebookNode) and owner.get("cell_type") == "markdown":
            owner["source"] = _html_block(frag)
        else:
            owner["data"] = {"text/html": frag}
    cells = []
    for cell in nb.cells:
        label = cell_options(cell).get("label") if cell.cell_type == "code" else None
        if label:
            cell["id"] = f"cell-{label}"
        cells.append(cell)
        if label in refs:
            cells.append(_back_link(label, refs[label]))
    if bibliography:
        cells.append(_html_cell(bibliography, "bibliography"))
    nb.cells = cells
    return nb


def render_notebook_view(
    project: Project,
    nb_path: Path,
    out_html: Path,
    title: str | None = None,
    refs: dict[str, tuple[str, str]] | None = None,
) -> None:
    """A self-contained HTML view of an executed notebook (no CDN scripts).

    Parameters
    ----------
    project : Project
        The report project (bibliography, CSL style, words).
    nb_path : Path
        The executed notebook (``report/notebooks/NN_name.ipynb``).
    out_html : Path
        Where the view is written (``_manuscript/notebooks/NN_name-preview.html``), atomically.
    title : str, optional
        The page title (default: the notebook's file name without suffix).
    refs : dict of str to tuple of (str, str), optional
        Label -> (number, link) of the article's figures and tables made by the notebook's cells
        (:func:`helpers.build.render.article_refs`), shown as back-links.
    """
    from nbconvert import HTMLExporter

    nb = prepare(project, nbformat.read(nb_path, as_version=4), refs or {})
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    for attr in ("require_js_url", "mathjax_url", "jupyter_widgets_base_url", "widget_renderer_url"):
        setattr(exporter, attr, "")
    for attr in ("jquery_url", "mermaid_js_url", "mermaid_layout_elk_js_url"):
        setattr(exporter, attr, "")
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title or nb_path.stem}})
    page = page.replace('id="cell-id=cell-', 'id="cell-')
    page = re.sub(r'<script[^>]*src="\s*"[^>]*>\s*</script>', "", page)
    # the lab template loads mermaid from a CDN when a notebook has diagrams; ours have none
    page = re.sub(
        r'<script type="module">(?:(?!</script>).)*mermaid(?:(?!</script>).)*</script>', "", page, flags=re.S
    )
    style = _STYLE_FILE.read_text(encoding="utf-8")
    page = page.replace("</head>", f"<style>\n{style}</style>\n</head>", 1)
    write_text_atomic(out_html, page)
