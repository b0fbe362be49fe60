"""Render the report: with Quarto when it is installed, otherwise with pandoc (fallback).

Quarto is the renderer of record (``report/`` is a Quarto manuscript project). Where Quarto cannot
be installed, this module renders the *same sources* with the pandoc binary shipped in the
``pypandoc-binary`` wheel, resolving the small subset of Quarto features the article uses:

- ``{{< include _file.qmd >}}``: the chapter files, expanded in place (paths relative to the
  including file, as in Quarto);
- ``{{< meta key.sub >}}`` from the document front matter and ``metadata-files`` (results files);
- ``{{< embed notebooks/NN_name.ipynb#label >}}``: the outputs of the labelled cell of an executed
  notebook, with its ``fig-cap``/``tbl-cap``/``fig-alt`` and a link to the notebook view;
- numbered figures and tables, and cross-references ``@fig-…``, ``@tbl-…``, ``@sec-…``;
- callouts (``::: {.callout-note title="…"}``) as styled blocks;
- citations through pandoc's citeproc.

- headings with the ``.appendix`` class as lettered appendices (Vedlegg A, B, …).

It writes three outputs from the one source, as Quarto does with the two project profiles:

- ``_manuscript/index.html`` (the manuscript site's article; every embedded figure and table links to
  its cell in the notebook view) plus, per notebook, a view made with nbconvert (CDN loaders removed);
- ``_single/rapport.html``: one self-contained file for supervisors, with no links to notebook views
  (they would break when the file is mailed): the source cell is named in plain text instead;
- ``_manuscript/index.pdf``: pandoc writes typst, and the ``typst`` wheel compiles it.

Before either renderer runs, :mod:`helpers.build.colophon` writes the data-source and colophon appendices
into ``_generated/``. Anything the fallback cannot resolve is an error, never a silent blank.

Usage: ``python -m helpers.build.render report`` (``--fallback`` forces pandoc even if Quarto exists).
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

from helpers.core.writers import write_bytes_atomic, write_text_atomic

CROSSREF_PREFIX = {
    "nb": {"fig": "Figur", "tbl": "Tabell", "sec": "avsnitt"},
    "en": {"fig": "Figure", "tbl": "Table", "sec": "Section"},
}
TOC_TITLE = {"nb": "Innhold", "en": "Contents"}
SOURCE_LABEL = {"nb": "Kilde", "en": "Source"}
APPENDIX_LABEL = {"nb": "Vedlegg", "en": "Appendix"}
MODES = ("site", "single", "pdf")  # manuscript article, single mailed file, PDF
SINGLE_FILE = "rapport.html"

_SHORTCODE = re.compile(r"\{\{<\s*(\w+)\s+(.*?)\s*>\}\}")
_XREF = re.compile(r"(?<![\w@/.])@(fig|tbl|sec)-([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)")
_CELL_OPT = re.compile(r"^#\|\s*([\w-]+)\s*:\s*(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
_CALLOUT = re.compile(
    r"^(:{3,})\s*\{\.callout-(note|tip|warning|important|caution)"
    r'(?:\s+title="([^"]*)")?\s*\}\s*$'
)


class RenderError(RuntimeError):
    """Something in the report sources could not be resolved."""


# --------------------------------------------------------------------------------------------
# notebooks
# --------------------------------------------------------------------------------------------


def cell_options(cell: nbformat.NotebookNode) -> dict[str, Any]:
    """Quarto cell options (``#| key: value`` lines at the top of a code cell)."""
    opts: dict[str, Any] = {}
    for line in cell.source.splitlines():
        m = _CELL_OPT.match(line)
        if not m:
            break
        opts[m.group(1)] = yaml.safe_load(m.group(2)) if m.group(2).strip() else ""
    return opts


def find_cell(nb: nbformat.NotebookNode, label: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "code" and cell_options(cell).get("label") == label:
            return cell
    raise RenderError(f"no cell labelled '{label}'")


@dataclass
class Embed:
    notebook: str  # path relative to the project
    label: str
    kind: str  # fig | tbl | other
    caption: str = ""
    alt: str = ""
    outputs: list[Any] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# the article
# --------------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]
    return {}, text


def lookup(meta: dict[str, Any], key: str) -> Any:
    value: Any = meta
    for part in key.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) - 1 < len(value):
            value = value[int(part) - 1]
        else:
            raise RenderError(f"{{{{< meta {key} >}}}}: no such key in the metadata or results")
    return value


@dataclass
class Project:
    root: Path
    config: dict[str, Any]
    front: dict[str, Any]
    body: str

    @property
    def lang(self) -> str:
        lang = str(self.front.get("lang", self.config.get("lang", "en")))
        return "nb" if lang.split("-")[0] in ("nb", "no", "nn") else "en"

    @property
    def article(self) -> Path:
        return self.root / self.config.get("manuscript", {}).get("article", "index.qmd")

    def notebooks(self) -> list[dict[str, str]]:
        entries = self.config.get("manuscript", {}).get("notebooks", [])
        return [e if isinstance(e, dict) else {"notebook": e} for e in entries]

    def metadata(self) -> dict[str, Any]:
        meta: dict[str, Any] = {}
        for key in ("lang", "bibliography", "csl", "title", "subtitle", "author", "date"):
            if key in self.config:
                meta[key] = self.config[key]
        for f in self.config.get("metadata-files", []):
            p = self.root / f
            if not p.is_file():
                raise RenderError(f"metadata file {p} does not exist (run the notebooks first)")
            meta.update(yaml.safe_load(p.read_text(encoding="utf-8")) or {})
        meta.update(self.front)
        return meta


_INCLUDE = re.compile(r"^\{\{<\s*include\s+(\S+)\s*>\}\}\s*$", re.M)


def expand_includes(text: str, base: Path, _stack: tuple[Path, ...] = ()) -> str:
    """Replace each ``{{< include file >}}`` line by the file's text, recursively."""

    def sub(m: re.Match[str]) -> str:
        path = (base / m.group(1)).resolve()
        if path in _stack:
            raise RenderError(f"include {m.group(1)}: circular include")
        if not path.is_file():
            raise RenderError(f"include {m.group(1)}: file {path} does not exist")
        inner = path.read_text(encoding="utf-8")
        return expand_includes(inner, path.parent, (*_stack, path)).rstrip("\n") + "\n"

    return _INCLUDE.sub(sub, text)


def load_project(root: Path) -> Project:
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8")) or {}
    project = Project(root, config, {}, "")
    text = project.article.read_text(encoding="utf-8")
    project.front, body = split_front_matter(text)
    project.body = expand_includes(body, project.article.parent)
    return project


def preview_name(notebook: str) -> str:
    """Where the notebook view of ``notebooks/x.ipynb`` lands (Quarto's naming)."""
    return str(Path(notebook).with_suffix("")) + "-preview.html"


class Resolver:
    """Turns the article's Quarto markdown into plain pandoc markdown."""

    def __init__(self, project: Project, media_dir: Path, mode: str = "site"):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.mode = mode
        self.p = project
        self.meta = project.metadata()
        self.media = media_dir
        self.numbers: dict[str, dict[str, int]] = {"fig": {}, "tbl": {}}
        self.sections: dict[str, str] = {}
        self.appendices: dict[str, str] = {}
        self._nb_cache: dict[str, nbformat.NotebookNode] = {}

    # -- embeds ---------------------------------------------------------------------------
    def _notebook(self, rel: str) -> nbformat.NotebookNode:
        if rel not in self._nb_cache:
            path = self.p.root / rel
            if not path.is_file():
                raise RenderError(f"embed: notebook {path} does not exist (run make notebooks)")
            self._nb_cache[rel] = nbformat.read(path, as_version=4)
        return self._nb_cache[rel]

    def embed(self, arg: str) -> Embed:
        target = arg.split()[0]
        if "#" not in target:
            raise RenderError(f"{{{{< embed {arg} >}}}}: embed needs notebook.ipynb#label")
        rel, label = target.split("#", 1)
        try:
            cell = find_cell(self._notebook(rel), label)
        except RenderError as exc:
            raise RenderError(f"embed {rel}#{label}: {exc}") from None
        opts = cell_options(cell)
        kind = label.split("-", 1)[0] if label.split("-", 1)[0] in ("fig", "tbl") else "other"
        caption = str(opts.get(f"{kind}-cap", "")) if kind != "other" else ""
        if kind != "other" and not caption:
            raise RenderError(f"embed {rel}#{label}: the cell has no '{kind}-cap' option")
        if not cell.get("outputs") and kind != "other":
            raise RenderError(f"embed {rel}#{label}: the cell has no outputs (not executed?)")
        return Embed(rel, label, kind, caption, str(opts.get("fig-alt", "")), cell.outputs)

    def _number(self, kind: str, label: str) -> int:
        table = self.numbers[kind]
        if label in table:
            raise RenderError(f"duplicate label '{label}'")
        table[label] = len(table) + 1
        return table[label]

    def render_embed(self, e: Embed) -> str:
        prefix = CROSSREF_PREFIX[self.p.lang]
        if self.mode == "site":
            source = (
                f"[{SOURCE_LABEL[self.p.lang]}: {Path(e.notebook).name}]"
                f"({preview_name(e.notebook)}#cell-{e.label}){{.embed-source}}"
            )
        else:  # no links that break when the file is mailed or printed
            source = f"[{SOURCE_LABEL[self.p.lang]}: `{e.notebook}`, celle `{e.label}`]{{.embed-source}}"
        if e.kind == "fig":
            n = self._number("fig", e.label)
            png = next((o for o in e.outputs if "image/png" in o.get("data", {})), None)
            if png is None:
                raise RenderError(f"embed {e.notebook}#{e.label}: figure cell has no PNG output")
            img = self.media / f"{e.label}.png"
            img.write_bytes(base64.b64decode(png["data"]["image/png"]))
            alt = (e.alt or e.caption).replace('"', "'")
            cap = f"{prefix['fig']} {n}: {e.caption}"
            width = ' width="100%"' if self.mode == "pdf" else ""
            return (
                f"::: {{#{e.label} .quarto-figure}}\n\n![{cap}](media/{img.name})"
                f'{{fig-alt="{alt}"{width}}}\n\n{source}\n\n:::\n'
            )
        body = "\n\n".join(self._output_markdown(o, e) for o in e.outputs)
        if e.kind == "other" and not body.strip():
            return ""  # e.g. a demo-data banner cell that prints nothing on real data
        if e.kind == "tbl":
            n = self._number("tbl", e.label)
            cap = f"{prefix['tbl']} {n}: {e.caption}"
            return f"::: {{#{e.label} .quarto-table}}\n\n{body.rstrip()}\n\n: {cap}\n\n{source}\n\n:::\n"
        return f"::: {{#{e.label} .embed}}\n\n{body}\n\n{source}\n\n:::\n"

    @staticmethod
    def _output_markdown(o: Any, e: Embed) -> str:
        if o.get("output_type") == "stream":
            if o.get("name") == "stderr":
                raise RenderError(f"embed {e.notebook}#{e.label}: the cell wrote to stderr")
            return "```\n" + "".join(o["text"]).rstrip() + "\n```"
        data = o.get("data", {})
        if "text/markdown" in data:
            return "".join(data["text/markdown"])
        if "text/html" in data:
            return "```{=html}\n" + "".join(data["text/html"]) + "\n```"
        if "text/plain" in data:
            return "```\n" + "".join(data["text/plain"]) + "\n```"
        raise RenderError(f"embed {e.notebook}#{e.label}: no output type the fallback can show")

    # -- the document ---------------------------------------------------------------------
    def shortcodes(self, text: str) -> str:
        def sub(m: re.Match[str]) -> str:
            name, arg = m.group(1), m.group(2).strip()
            if name == "meta":
                value = lookup(self.meta, arg)
                if isinstance(value, (dict, list)):
                    raise RenderError(f"{{{{< meta {arg} >}}}} is not a single value")
                return str(value)
            if name == "embed":
                return self.render_embed(self.embed(arg))
            if name == "pagebreak":
                return ""
            raise RenderError(f"shortcode '{name}' is not supported by the fallback renderer")

        return _SHORTCODE.sub(sub, text)

    def number_sections(self, text: str) -> None:
        counters = [0] * 6
        in_code = False
        for line in text.splitlines():
            if line.startswith("```"):
                in_code = not in_code
            m = None if in_code else _HEADING.match(line)
            if not m:
                continue
            attrs = m.group(3) or ""
            ident = re.search(r"#([\w-]+)", attrs)
            if re.search(r"\.appendix\b", attrs) and len(m.group(1)) == 1:
                letter = chr(ord("A") + len(self.appendices))
                self.appendices[m.group(2)] = letter
                if ident:
                    self.sections[ident.group(1)] = letter
                continue
            if ".unnumbered" in attrs or re.search(r"[{\s]-[\s}]", attrs):  # {-} shorthand
                continue
            level = len(m.group(1))
            counters[level - 1] += 1
            counters[level:] = [0] * (6 - level)
            if ident:
                self.sections[ident.group(1)] = ".".join(str(c) for c in counters[:level])

    def appendix_headings(self, text: str) -> str:
        """``# Title {.appendix}`` -> ``# Vedlegg A: Title {.appendix .unnumbered}``."""
        word = APPENDIX_LABEL[self.p.lang]

        def sub(m: re.Match[str]) -> str:
            attrs = m.group(3) or ""
            if m.group(1) != "#" or not re.search(r"\.appendix\b", attrs):
                return m.group(0)
            letter = self.appendices[m.group(2)]
            return f"# {word} {letter}: {m.group(2)} {attrs[:-1].rstrip()} .unnumbered}}"

        return re.sub(_HEADING.pattern, sub, text, flags=re.M)

    def callouts(self, text: str) -> str:
        out = []
        for line in text.splitlines():
            m = _CALLOUT.match(line)
            if m:
                out.append(f"{m.group(1)} {{.callout .callout-{m.group(2)}}}")
                if m.group(3):
                    out.append(f"\n[{m.group(3)}]{{.callout-title}}\n")
            else:
                out.append(line)
        return "\n".join(out) + "\n"

    def crossrefs(self, text: str) -> str:
        prefix = CROSSREF_PREFIX[self.p.lang]

        def sub(m: re.Match[str]) -> str:
            kind, name = m.group(1), m.group(2)
            label = f"{kind}-{name}"
            if kind == "sec":
                if label not in self.sections:
                    raise RenderError(f"cross-reference @{label}: no heading with that id")
                number = self.sections[label]
                word = APPENDIX_LABEL[self.p.lang].lower() if number.isalpha() else prefix["sec"]
                return f"[{word} {number}](#{label})"
            if label not in self.numbers[kind]:
                raise RenderError(f"cross-reference @{label}: no figure/table with that label")
            return f"[{prefix[kind]} {self.numbers[kind][label]}](#{label})"

        return _XREF.sub(sub, text)

    def resolve(self) -> str:
        text = self.shortcodes(self.p.body)
        self.number_sections(text)
        text = self.appendix_headings(text)
        text = self.callouts(text)
        return self.crossrefs(text)


# --------------------------------------------------------------------------------------------
# pandoc and nbconvert
# --------------------------------------------------------------------------------------------


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def pandoc_version() -> str:
    import pypandoc

    return pypandoc.get_pandoc_version()


def _pandoc_document(project: Project, tmpdir: Path, mode: str) -> tuple[Path, dict[str, Any]]:
    """Resolve the article for ``mode`` into a pandoc markdown file; return it and its metadata."""
    media = tmpdir / "media"
    media.mkdir(exist_ok=True)
    resolver = Resolver(project, media, mode)
    body = resolver.resolve()
    meta = resolver.meta
    doc_meta = {
        k: v
        for k, v in meta.items()
        if k in ("title", "subtitle", "author", "date", "abstract", "lang", "keywords")
    }
    if "author" in doc_meta:
        doc_meta["author"] = [
            a.get("name", "") if isinstance(a, dict) else a for a in _as_list(doc_meta["author"])
        ]
    doc_meta["toc-title"] = TOC_TITLE[project.lang]
    doc_meta["link-citations"] = mode != "pdf"
    doc_meta["lang"] = str(meta.get("lang", "nb"))
    md = tmpdir / f"article-{mode}.md"
    md.write_text("---\n" + yaml.safe_dump(doc_meta, allow_unicode=True) + "---\n\n" + body, encoding="utf-8")
    return md, meta


def _pandoc(args: list[str]) -> None:
    res = subprocess.run([pandoc_path(), *args], capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RenderError(f"pandoc failed ({res.returncode}):\n{res.stderr}")
    if "[WARNING]" in res.stderr:
        raise RenderError(f"pandoc warned (treated as an error):\n{res.stderr}")


def _citeproc_args(project: Project, meta: dict[str, Any]) -> list[str]:
    args = ["--citeproc"]
    for bib in _as_list(meta.get("bibliography")):
        args += ["--bibliography", str(project.root / bib)]
    if meta.get("csl"):
        args += ["--csl", str(project.root / meta["csl"])]
    return args


def render_article(project: Project, out_html: Path, mode: str = "site") -> None:
    """The article as one self-contained HTML file (``site`` or ``single`` mode)."""
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        tmpdir = Path(tmp)
        md, meta = _pandoc_document(project, tmpdir, mode)
        args = [
            str(md),
            "--from",
            "markdown",
            "--to",
            "html5",
            "--standalone",
            "--embed-resources",
            "--mathml",
            "--toc",
            "--number-sections",
            "--resource-path",
            f"{tmpdir}{os.pathsep}{project.root}",
            "-o",
            str(tmpdir / "out.html"),
            *_citeproc_args(project, meta),
        ]
        css = project.root / "styles.css"
        if css.is_file():
            args += ["--css", str(css)]
        _pandoc(args)
        write_text_atomic(out_html, (tmpdir / "out.html").read_text(encoding="utf-8"), make_target=True)


# typst: callouts become framed blocks, and captions are already numbered ("Figur 1: …")
_TYPST_FILTER = """
-- let typst size table columns itself, and let long file names break after '_' and '/'
local ZWSP = utf8.char(0x200B)
local function breakable(text) return (text:gsub('([_/])', '%1' .. ZWSP)) end
function Table(t)
  for i, spec in ipairs(t.colspecs) do t.colspecs[i] = {spec[1], nil} end
  return t:walk({
    Str = function(s) return pandoc.Str(breakable(s.text)) end,
    Code = function(c) return pandoc.Code(breakable(c.text), c.attr) end,
  })
end
function Div(el)
  if el.classes:includes('callout') then
    local out = {pandoc.RawBlock('typst',
      '#block(width: 100%, inset: 8pt, radius: 3pt, stroke: 1pt + rgb("#9a3412"), '
      .. 'fill: rgb("#fff7ed"))[')}
    for _, b in ipairs(el.content) do table.insert(out, b) end
    table.insert(out, pandoc.RawBlock('typst', ']'))
    return out
  end
end
"""
_TYPST_HEADER = """#set figure(numbering: none)
#show figure: set block(breakable: true)
#show figure.caption: set text(size: 9pt)
#set table(inset: 4pt)
#show table: set par(justify: false)
#show table: set text(size: 8pt)
#show raw: set text(size: 7pt)
#show link: set text(fill: rgb("#1d4ed8"))
"""


def render_pdf(project: Project, out_pdf: Path) -> None:
    """The article as PDF: pandoc writes typst, the ``typst`` wheel compiles it."""
    import typst

    with tempfile.TemporaryDirectory(prefix="render-pdf-") as tmp:
        tmpdir = Path(tmp)
        md, meta = _pandoc_document(project, tmpdir, "pdf")
        (tmpdir / "callouts.lua").write_text(_TYPST_FILTER, encoding="utf-8")
        (tmpdir / "header.typ").write_text(_TYPST_HEADER, encoding="utf-8")
        typ = tmpdir / "article.typ"
        _pandoc(
            [
                str(md),
                "--from",
                "markdown",
                "--to",
                "typst",
                "--standalone",
                "--toc",
                "--number-sections",
                "--lua-filter",
                str(tmpdir / "callouts.lua"),
                "--include-in-header",
                str(tmpdir / "header.typ"),
                "-V",
                "papersize=a4",
                "-V",
                "fontsize=10pt",
                "-V",
                "margin.x=2.2cm",
                "-V",
                "margin.y=2.5cm",
                "-V",
                "section-numbering=1.1",
                "--resource-path",
                f"{tmpdir}{os.pathsep}{project.root}",
                "-o",
                str(typ),
                *_citeproc_args(project, meta),
            ]
        )
        pdf = tmpdir / "article.pdf"
        try:
            typst.compile(str(typ), output=str(pdf), root=str(tmpdir))
        except Exception as exc:  # typst raises its own error types
            raise RenderError(f"typst failed to compile the article: {exc}") from None
        write_bytes_atomic(out_pdf, pdf.read_bytes(), make_target=True)


def _as_list(x: Any) -> list[Any]:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def render_notebook_view(nb_path: Path, out_html: Path, title: str | None = None) -> None:
    """A self-contained HTML view of an executed notebook (no CDN scripts)."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        label = cell_options(cell).get("label") if cell.cell_type == "code" else None
        if label:
            cell["id"] = f"cell-{label}"
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    exporter.require_js_url = ""
    exporter.mathjax_url = ""
    exporter.jupyter_widgets_base_url = ""
    exporter.widget_renderer_url = ""
    exporter.jquery_url = ""
    exporter.mermaid_js_url = ""
    exporter.mermaid_layout_elk_js_url = ""
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title or nb_path.stem}})
    html = html.replace('id="cell-id=cell-', 'id="cell-')
    html = re.sub(r'<script[^>]*src="\s*"[^>]*>\s*</script>', "", html)
    # the lab template loads mermaid from a CDN when a notebook has diagrams; ours have none
    html = re.sub(
        r'<script type="module">(?:(?!</script>).)*mermaid(?:(?!</script>).)*</script>', "", html, flags=re.S
    )
    write_text_atomic(out_html, html)


def single_output_dir(root: Path) -> Path:
    """Where the single-file HTML lands (the ``single`` profile's output-dir)."""
    profile = root / "_quarto-single.yml"
    conf = yaml.safe_load(profile.read_text(encoding="utf-8")) if profile.is_file() else {}
    return root / ((conf or {}).get("project", {}).get("output-dir", "_single"))


def fallback_render(root: Path, pdf: bool = True) -> list[Path]:
    """Render the site article, the notebook views, the single file and the PDF; return them."""
    project = load_project(root)
    out_dir = root / project.config.get("project", {}).get("output-dir", "_manuscript")
    outputs = []
    for entry in project.notebooks():
        nb = entry["notebook"]
        render_notebook_view(root / nb, out_dir / preview_name(nb), entry.get("title"))
        outputs.append(out_dir / preview_name(nb))
    single = single_output_dir(root) / SINGLE_FILE
    render_article(project, single, mode="single")
    outputs.append(single)
    if pdf:
        out_pdf = out_dir / (project.article.stem + ".pdf")
        render_pdf(project, out_pdf)
        outputs.append(out_pdf)
    # the site article last: it is the make target, so its mtime must be the newest
    out_html = out_dir / (project.article.stem + ".html")
    render_article(project, out_html, mode="site")
    outputs.append(out_html)
    return outputs


def renderer_description(quarto: str | None) -> str:
    if quarto:
        res = subprocess.run([quarto, "--version"], capture_output=True, text=True, check=False)
        return f"Quarto {res.stdout.strip() or '(ukjent versjon)'}"
    return f"pandoc {pandoc_version()} fra pypandoc-binary (reserveløsning uten Quarto), PDF med typst-hjulet"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Render the Quarto project (Quarto or pandoc).")
    ap.add_argument("project", type=Path, nargs="?", default=Path("report"))
    ap.add_argument("--fallback", action="store_true", help="use pandoc even if Quarto exists")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF (fallback only)")
    args = ap.parse_args(argv)
    quarto = None if args.fallback else shutil.which("quarto")
    from helpers.build import colophon

    colophon.write_generated(renderer_description(quarto), args.project / "_generated")
    if quarto:
        for cmd in (
            [quarto, "render", str(args.project)],
            [quarto, "render", str(args.project), "--profile", "single", "--to", "html"],
        ):
            res = subprocess.run(cmd, check=False)
            if res.returncode != 0:
                return res.returncode
        print(
            f"renderer: Quarto ({quarto}); manuscript site and PDF in "
            f"{args.project}/_manuscript/, single file in {single_output_dir(args.project)}/"
        )
        return 0
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
