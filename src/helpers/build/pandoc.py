"""The pandoc side of the fallback: run pandoc, write the resolved article, render it as HTML.

The HTML uses ``templates/article.html`` and ``templates/fallback.css`` to look like Quarto's
manuscript page (title banner with the abstract, centred column, sticky contents list with the
notebooks under it, a PDF link on the site only), then ``report/styles.css`` as under Quarto.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpers.build.project import Project, RenderError, as_list, preview_name
from helpers.build.resolve import Resolver
from helpers.core.writers import write_text_atomic

TEMPLATES = Path(__file__).parent / "templates"
_DOC_KEYS = ("title", "subtitle", "author", "date", "abstract", "lang", "keywords")


def pandoc_path() -> str:
    """The pandoc binary of the ``pypandoc-binary`` wheel."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def pandoc_version() -> str:
    """The version of :func:`pandoc_path`."""
    import pypandoc

    return str(pypandoc.get_pandoc_version())


def run_pandoc(args: list[str], stdin: str | None = None) -> str:
    """Run pandoc; a failure or any ``[WARNING]`` is a :class:`RenderError`. Returns its stdout."""
    res = subprocess.run(
        [pandoc_path(), *args], input=stdin, capture_output=True, text=True, check=False, encoding="utf-8"
    )
    if res.returncode != 0:
        raise RenderError(f"pandoc failed ({res.returncode}):\n{res.stderr}")
    if "[WARNING]" in res.stderr:
        raise RenderError(f"pandoc warned (treated as an error):\n{res.stderr}")
    return res.stdout


def citeproc_args(project: Project, meta: dict[str, Any]) -> list[str]:
    """``--citeproc`` with the project's bibliography and CSL style."""
    args = ["--citeproc"]
    for bib in as_list(meta.get("bibliography")):
        args += ["--bibliography", str(project.root / bib)]
    if meta.get("csl"):
        args += ["--csl", str(project.root / meta["csl"])]
    return args


@dataclass(frozen=True)
class ResolvedArticle:
    """An article already resolved (:meth:`Resolver.resolve`), its images in ``root / "media"``."""

    body: str
    meta: dict[str, Any]
    root: Path


def resolve_article(project: Project, root: Path, mode: str) -> tuple[ResolvedArticle, Resolver]:
    """Resolve the article for ``mode``, its images into ``root / "media"``.

    Parameters
    ----------
    project : Project
        The loaded project.
    root : Path
        An existing folder (a temporary one) that holds the images while the article is converted.
    mode : str
        ``site``, ``single`` or ``pdf``.

    Returns
    -------
    tuple of (ResolvedArticle, Resolver)
        The resolved article and the resolver (its figure and table numbers, its notebooks).
    """
    media = root / "media"
    media.mkdir(exist_ok=True)
    resolver = Resolver(project, media, mode)
    body = resolver.resolve()
    return ResolvedArticle(body, resolver.meta, root), resolver


def pandoc_document(
    project: Project, tmpdir: Path, mode: str, article: ResolvedArticle | None = None
) -> tuple[Path, dict[str, Any]]:
    """Resolve the article for ``mode`` into a pandoc markdown file.

    Parameters
    ----------
    project
        The loaded project.
    tmpdir
        Where the markdown file and its images (``media/``) are written.
    mode
        ``site``, ``single`` or ``pdf``.
    article
        The article already resolved for ``mode`` with its images in ``tmpdir / "media"``
        (default: resolve it here).

    Returns
    -------
    tuple
        The markdown file and the full metadata (front matter and results).
    """
    if article is None:
        article, _ = resolve_article(project, tmpdir, mode)
    body = article.body
    meta = article.meta
    doc_meta = {k: v for k, v in meta.items() if k in _DOC_KEYS}
    if "author" in doc_meta:
        doc_meta["author"] = [
            a.get("name", "") if isinstance(a, dict) else a for a in as_list(doc_meta["author"])
        ]
    doc_meta["toc-title"] = project.word("toc-title")
    doc_meta["link-citations"] = mode != "pdf"
    doc_meta["lang"] = str(meta.get("lang", "nb"))
    md = tmpdir / f"article-{mode}.md"
    md.write_text("---\n" + yaml.safe_dump(doc_meta, allow_unicode=True) + "---\n\n" + body, encoding="utf-8")
    return md, meta


def _page_variables(project: Project, mode: str) -> list[str]:
    """Template variables: headings in the project's language; notebooks and PDF on the site only."""
    language = project.config.get("language", {})
    words = {
        "author-heading": "Forfatter" if project.lang == "nb" else "Author",
        "date-heading": "Dato" if project.lang == "nb" else "Date",
        "abstract-title": language.get(
            "section-title-abstract", "Sammendrag" if project.lang == "nb" else "Abstract"
        ),
        "formats-heading": project.word("related-formats-title"),
        "notebooks-heading": project.word("related-notebooks-title"),
    }
    args = [a for k, v in words.items() for a in ("-V", f"{k}={v}")] + ["-V", f"page-class={mode}"]
    if mode == "site":
        args += ["-V", f"pdf-link={project.article.stem}.pdf"]
    return args


def _notebook_links(project: Project, tmpdir: Path, mode: str) -> list[str]:
    if mode != "site":
        return []
    links = [
        {"title": e.get("title", e["notebook"]), "href": preview_name(e["notebook"])}
        for e in project.notebooks()
    ]
    meta = tmpdir / "notebooks.yml"
    meta.write_text(yaml.safe_dump({"notebook-links": links}, allow_unicode=True), encoding="utf-8")
    return ["--metadata-file", str(meta)]


def render_article(
    project: Project, out_html: Path, mode: str = "site", article: ResolvedArticle | None = None
) -> None:
    """The article as one self-contained HTML file (``site`` or ``single`` mode).

    Parameters
    ----------
    project : Project
        The loaded project.
    out_html : Path
        The HTML file, written atomically.
    mode : str, default "site"
        ``site`` or ``single``.
    article : ResolvedArticle, optional
        The article already resolved for ``mode`` (:func:`resolve_article`; default: resolve it here).
    """
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        tmpdir = Path(tmp) if article is None else article.root
        md, meta = pandoc_document(project, tmpdir, mode, article)
        args = [str(md), "--from", "markdown", "--to", "html5", "--standalone", "--embed-resources"]
        args += ["--template", str(TEMPLATES / "article.html"), "--mathml", "--toc", "--number-sections"]
        args += ["--resource-path", f"{tmpdir}{os.pathsep}{project.root}", "-o", str(tmpdir / "out.html")]
        args += ["--css", str(TEMPLATES / "fallback.css")]
        css = project.root / "styles.css"
        if css.is_file():
            args += ["--css", str(css)]
        args += _page_variables(project, mode) + _notebook_links(project, tmpdir, mode)
        run_pandoc(args + citeproc_args(project, meta))
        write_text_atomic(out_html, (tmpdir / "out.html").read_text(encoding="utf-8"), make_target=True)
