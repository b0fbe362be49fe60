"""Render the report: with Quarto when it is installed, otherwise with pandoc (fallback).

Quarto is the renderer of record (``report/`` is a Quarto manuscript project). Where Quarto cannot
be installed, the fallback renders the *same sources* with the pandoc binary of the
``pypandoc-binary`` wheel and the ``typst`` wheel, in modules that each do one job:

- :mod:`helpers.build.project`: ``_quarto.yml``, the article, includes, metadata, words;
- :mod:`helpers.build.resolve`: shortcodes, embeds, numbering, appendices, cross-references;
- :mod:`helpers.build.pandoc`: the HTML article (site and single file);
- :mod:`helpers.build.single_file`: the single file derived from the site's HTML (one conversion);
- :mod:`helpers.build.typst_pdf`: the PDF;
- :mod:`helpers.build.notebook_view`: the notebook views of the site.

Both renderers write the same three outputs: ``_manuscript/index.html`` (the site's article, each
figure and table linked to its cell in the notebook view), ``_single/rapport.html`` (one
self-contained file, the source cell named in plain text) and ``_manuscript/index.pdf``.
The generated includes (``_generated/``) must exist before Quarto runs: ``make generated``
(:mod:`helpers.build.generated`) writes them, and :func:`main` rewrites them for the renderer it
picks. Anything the fallback cannot resolve is an error.

Usage: ``python -m helpers.build.render report`` (``--fallback`` forces pandoc even if Quarto exists).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from helpers.build import freshness, generated, single_file, typst_pdf
from helpers.build.generated import find_quarto
from helpers.build.notebook_view import render_notebook_view
from helpers.build.pandoc import pandoc_version, render_article, resolve_article
from helpers.build.project import (
    SINGLE_FILE,
    Project,
    RenderError,
    as_list,
    cell_options,
    expand_includes,
    find_cell,
    load_project,
    lookup,
    preview_name,
    single_output_dir,
    split_front_matter,
)
from helpers.build.resolve import MODES, Resolver
from helpers.build.typst_pdf import render_pdf
from helpers.core.writers import write_text_atomic

# the conversions run side by side in threads (pandoc and typst do their work outside Python)
JOBS = 3

# the names other modules and tests use from here (defined in helpers.build.project / resolve)
__all__ = [
    "MODES",
    "SINGLE_FILE",
    "Project",
    "RenderError",
    "Resolver",
    "cell_options",
    "expand_includes",
    "fallback_render",
    "find_cell",
    "load_project",
    "lookup",
    "main",
    "preview_name",
    "quarto_render",
    "single_output_dir",
    "split_front_matter",
]


def article_refs(project: Project, resolver: Resolver | None = None) -> dict[str, dict[str, tuple[str, str]]]:
    """Per notebook, label -> («Figur 3», link to it in the site article), for the notebook views.

    Parameters
    ----------
    project : Project
        The loaded report project (:func:`load_project`).
    resolver : Resolver, optional
        A resolver that has resolved the site article (default: resolve it here).

    Returns
    -------
    dict of str to dict of str to tuple of (str, str)
        For each notebook of the manuscript, each embedded cell's label -> its number in the
        article's words and the link to it in the site article.
    """
    if resolver is None:
        with tempfile.TemporaryDirectory(prefix="render-refs-") as tmp:
            resolver = Resolver(project, Path(tmp), "site")
            resolver.resolve()
    article = f"../{project.article.stem}.html"
    refs: dict[str, dict[str, tuple[str, str]]] = {e["notebook"]: {} for e in project.notebooks()}
    for kind, numbers in resolver.numbers.items():
        word = project.word(f"crossref-{kind}-title")
        for label, n in numbers.items():
            for nb in refs:
                if any(cell_options(c).get("label") == label for c in resolver.notebook(nb).cells):
                    refs[nb][label] = (f"{word} {n}", f"{article}#{label}")
    return refs


# what a notebook view is made from besides its notebook and back-links: the code that renders it
# and the project files it reads (words, bibliography, style)
_VIEW_CODE = tuple(
    Path(__file__).parent / name
    for name in ("notebook_view.py", "pandoc.py", "project.py", "render.py", "templates/notebook_view.css")
)
# the keys of the last notebook views (in Quarto's own git-ignored folder, never on the site)
VIEW_KEYS = Path(".quarto") / "fallback-views"


def view_key(project: Project, nb_path: Path, title: str | None, refs: dict[str, tuple[str, str]]) -> str:
    """A digest of everything a notebook view is made from, to skip rewriting an unchanged view.

    Parameters
    ----------
    project : Project
        The loaded report project (its ``_quarto.yml``, bibliography and CSL style count).
    nb_path : Path
        The executed notebook.
    title : str or None
        The view's title.
    refs : dict of str to tuple of (str, str)
        The back-links into the article (:func:`article_refs`).

    Returns
    -------
    str
        The hex sha256 of the notebook, the back-links, the title, the rendering code and the
        project files the view reads.
    """
    digest = hashlib.sha256()
    meta = project.metadata()
    project_files = [project.root / "_quarto.yml"] + [
        project.root / f for f in (*as_list(meta.get("bibliography")), meta.get("csl")) if f
    ]
    for f in (nb_path, *_VIEW_CODE, *project_files):
        digest.update(f.name.encode() + b"\0" + (f.read_bytes() if f.is_file() else b"") + b"\0")
    digest.update(json.dumps([title, sorted(refs.items())], ensure_ascii=False).encode())
    return digest.hexdigest()


def _render_view(project: Project, entry: dict[str, str], refs: dict[str, tuple[str, str]]) -> Path:
    """One notebook view, skipped when its key (:func:`view_key`) matches the one of its last render."""
    nb_path = project.root / entry["notebook"]
    view = project.out_dir / preview_name(entry["notebook"])
    stamp = project.root / VIEW_KEYS / f"{view.name}.sha256"
    key = view_key(project, nb_path, entry.get("title"), refs)
    if view.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return view
    stamp.unlink(missing_ok=True)
    render_notebook_view(project, nb_path, view, entry.get("title"), refs)
    write_text_atomic(stamp, key)  # makes its folder
    return view


def fallback_render(root: Path, pdf: bool = True) -> list[Path]:
    """Render the notebook views, the single file, the PDF and the site article; return them.

    The conversions are independent, so they run side by side (pandoc and typst work outside
    Python); a notebook view whose notebook, back-links and code are unchanged is not rewritten.

    Parameters
    ----------
    root : Path
        The Quarto project (``report/``).
    pdf : bool, default True
        Also render the PDF with typst.

    Returns
    -------
    list of Path
        The files written, the site article last (it is the make target).

    Raises
    ------
    RenderError
        If anything in the sources cannot be resolved.
    """
    project = load_project(root)
    out_dir = project.out_dir
    single = single_output_dir(root) / SINGLE_FILE
    out_pdf = out_dir / (project.article.stem + ".pdf")
    out_html = out_dir / (project.article.stem + ".html")
    # the site article is resolved and converted once: for itself, for the single file (derived
    # from its HTML, helpers.build.single_file) and for the views' back-links
    with tempfile.TemporaryDirectory(prefix="render-site-") as tmp, ThreadPoolExecutor(JOBS) as pool:
        site, resolver = resolve_article(project, Path(tmp), "site")
        refs = article_refs(project, resolver)
        views = [
            pool.submit(_render_view, project, e, refs.get(e["notebook"], {})) for e in project.notebooks()
        ]
        site_job = pool.submit(render_article, project, out_html, "site", site)
        pdf_job = pool.submit(render_pdf, project, out_pdf) if pdf else None
        site_job.result()
        try:  # while the PDF and the views are still being written
            html = single_file.single_from_site(
                project, out_html.read_text(encoding="utf-8"), resolver.sources
            )
        except RenderError:
            out_html.unlink()  # the make target: no site article without its single file
            raise
        write_text_atomic(single, html, make_target=True)
        outputs = [f.result() for f in views]
        if pdf_job is not None:
            pdf_job.result()
    outputs += [single] + ([out_pdf] if pdf else []) + [out_html]
    # the site article is the make target: its mtime must be the newest of the outputs
    os.utime(out_html)
    return outputs


def quarto_render(quarto: str, project: Path) -> int:
    """The site and PDF, then the single file (profile ``single``); Quarto's exit status.

    Parameters
    ----------
    quarto : str
        The Quarto executable (:func:`find_quarto`).
    project : Path
        The Quarto project (``report/``).

    Returns
    -------
    int
        0 when both renders succeeded, else the exit status of the first that failed.
    """
    for cmd in (
        [quarto, "render", str(project)],
        [quarto, "render", str(project), "--profile", "single", "--to", "html"],
    ):
        res = subprocess.run(cmd, check=False)
        if res.returncode != 0:
            return res.returncode
    # the site article is the make target: touch it last (the single-file render came after it)
    (project / "_manuscript" / "index.html").touch()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: rewrite the generated includes, then render with Quarto or the fallback.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``): the project folder, ``--fallback``, ``--no-pdf``.

    Returns
    -------
    int
        The exit status: Quarto's, or 0 for a fallback render and 1 when it failed.
    """
    argv = sys.argv[1:] if argv is None else argv
    if (status := freshness.guard(argv)) is not None:  # never quote results of a failed run
        return status
    # the PDF's dates: the commit's time, for Quarto's typst too (typst reads SOURCE_DATE_EPOCH)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(typst_pdf.source_date_epoch(Path.cwd())))
    ap = argparse.ArgumentParser(description="Render the Quarto project (Quarto or pandoc).")
    ap.add_argument("project", type=Path, nargs="?", default=Path("report"))
    ap.add_argument("--fallback", action="store_true", help="use pandoc even if Quarto exists")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF (fallback only)")
    args = ap.parse_args(argv)
    quarto = None if args.fallback else find_quarto()
    # `make generated` wrote these before (so a bare `quarto render` finds them); rewrite them here
    # so the colophon names the renderer that actually runs (PATH may differ from that run)
    generated.write(args.project, quarto)
    if quarto:
        rc = quarto_render(quarto, args.project)
        if rc == 0:
            print(
                f"renderer: Quarto ({quarto}); manuscript site and PDF in "
                f"{args.project}/_manuscript/, single file in {single_output_dir(args.project)}/"
            )
        return rc
    try:
        outputs = fallback_render(args.project, pdf=not args.no_pdf)
    except RenderError as exc:
        print(f"error: rendering {args.project} failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"renderer: Quarto not found on PATH, so pandoc {pandoc_version()} (pypandoc-binary "
        "fallback) and typst rendered:"
    )
    for out in outputs:
        print(f"  {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
