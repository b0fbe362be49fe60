"""Resolve the article's Quarto markdown into plain pandoc markdown (the fallback's Quarto subset).

- ``{{< meta key.sub >}}`` from the front matter and the results files;
- ``{{< embed notebooks/NN_name.ipynb#label >}}``: the outputs of the labelled cell, numbered and
  captioned, followed by the source line (a link to the cell in the notebook view on the site, the
  notebook and cell in plain text in the single file and the PDF, as ``report/embed-source.lua``
  writes them under Quarto);
- numbered sections, lettered appendices (``# Title {.appendix}`` -> ``Vedlegg A: Title``, as
  ``report/appendix.lua`` does under Quarto) and cross-references ``@fig-…``, ``@tbl-…``, ``@sec-…``;
- callouts (``::: {.callout-note title="…"}``) as styled blocks.

Anything that cannot be resolved is a :class:`RenderError`, never a silent blank.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat

from helpers.build.embed_markdown import Embed, output_markdown, source_line
from helpers.build.project import Project, RenderError, cell_options, find_cell, lookup

MODES = ("site", "single", "pdf")  # manuscript article, single mailed file, PDF

_SHORTCODE = re.compile(r"\{\{<\s*(\w+)\s+(.*?)\s*>\}\}")
_XREF = re.compile(r"(?<![\w@/.])@(fig|tbl|sec)-([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
_CALLOUT = re.compile(
    r"^(:{3,})\s*\{\.callout-(note|tip|warning|important|caution)"
    r'(?:\s+title="([^"]*)")?\s*\}\s*$'
)


def callouts(text: str) -> str:
    """Quarto callout fences -> ``::: {.callout .callout-KIND}`` with a ``.callout-title`` span.

    Parameters
    ----------
    text : str
        Markdown with ``::: {.callout-KIND title="…"}`` fences.

    Returns
    -------
    str
        Markdown pandoc renders as styled blocks (and ``report/typst.lua`` as typst boxes).
    """
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


class Resolver:
    """Turns the article's Quarto markdown into plain pandoc markdown for one output mode."""

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
        # (notebook, label) of every embed shown with its source line, in order (helpers.build.single_file)
        self.sources: list[tuple[str, str]] = []
        self._nb_cache: dict[str, nbformat.NotebookNode] = {}

    # -- embeds ---------------------------------------------------------------------------
    def notebook(self, rel: str) -> nbformat.NotebookNode:
        """The executed notebook an embed names, read once.

        Parameters
        ----------
        rel : str
            Its path relative to the project (``notebooks/NN_name.ipynb``).

        Returns
        -------
        nbformat.NotebookNode
            The notebook.

        Raises
        ------
        RenderError
            If the notebook does not exist (the notebooks have not run).
        """
        if rel not in self._nb_cache:
            path = self.p.root / rel
            if not path.is_file():
                raise RenderError(f"embed: notebook {path} does not exist (run make notebooks)")
            self._nb_cache[rel] = nbformat.read(path, as_version=4)
        return self._nb_cache[rel]

    def embed(self, arg: str) -> Embed:
        """Read the cell an ``{{< embed notebook#label >}}`` argument names.

        Parameters
        ----------
        arg : str
            The shortcode's argument, ``notebooks/NN_name.ipynb#label``.

        Returns
        -------
        Embed
            The cell's kind (``fig``, ``tbl`` or ``other`` from the label's prefix), caption,
            ``fig-alt`` and outputs.

        Raises
        ------
        RenderError
            If the argument has no ``#label``, the cell does not exist, a figure or table has no
            caption option, or it has no outputs.
        """
        target = arg.split()[0]
        if "#" not in target:
            raise RenderError(f"{{{{< embed {arg} >}}}}: embed needs notebook.ipynb#label")
        rel, label = target.split("#", 1)
        try:
            cell = find_cell(self.notebook(rel), label)
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

    def _source_line(self, e: Embed) -> str:
        return source_line(self.p, e.notebook, e.label, self.mode)

    def render_embed(self, e: Embed) -> str:
        """Markdown for one embed: numbered figure, numbered table or plain output, plus its source.

        A figure's PNG is written to the media folder.

        Parameters
        ----------
        e : Embed
            The embedded cell (:meth:`embed`).

        Returns
        -------
        str
            A ``::: {#label}`` div with the figure or table and its number and caption in the
            project's words, and the source line for this mode; ``""`` for an ``other`` cell that
            printed nothing.

        Raises
        ------
        RenderError
            If a label is used twice, or a figure cell has no PNG output.
        """
        source = self._source_line(e)
        if e.kind == "fig":
            n = self._number("fig", e.label)
            png = next((o for o in e.outputs if "image/png" in o.get("data", {})), None)
            if png is None:
                raise RenderError(f"embed {e.notebook}#{e.label}: figure cell has no PNG output")
            img = self.media / f"{e.label}.png"
            img.write_bytes(base64.b64decode(png["data"]["image/png"]))
            alt = (e.alt or e.caption).replace('"', "'")
            cap = f"{self.p.word('crossref-fig-title')} {n}: {e.caption}"
            width = ' width="100%"' if self.mode == "pdf" else ""
            self.sources.append((e.notebook, e.label))
            return (
                f"::: {{#{e.label} .quarto-figure}}\n\n![{cap}](media/{img.name})"
                f'{{fig-alt="{alt}"{width}}}\n\n{source}\n\n:::\n'
            )
        body = "\n\n".join(output_markdown(o, e) for o in e.outputs)
        if e.kind == "other" and not body.strip():
            return ""  # e.g. a demo-data banner cell that prints nothing on real data
        self.sources.append((e.notebook, e.label))
        if e.kind == "tbl":
            n = self._number("tbl", e.label)
            cap = f"{self.p.word('crossref-tbl-title')} {n}: {e.caption}"
            return f"::: {{#{e.label} .quarto-table}}\n\n{body.rstrip()}\n\n: {cap}\n\n{source}\n\n:::\n"
        return f"::: {{#{e.label} .embed}}\n\n{body}\n\n{source}\n\n:::\n"

    # -- the document ---------------------------------------------------------------------
    def shortcodes(self, text: str) -> str:
        """Resolve ``meta``, ``embed`` and ``pagebreak`` shortcodes; any other is an error.

        Parameters
        ----------
        text : str
            The article body (includes expanded).

        Returns
        -------
        str
            The text with each ``meta`` replaced by its value (from the results files or the
            metadata), each ``embed`` by :meth:`render_embed` and each ``pagebreak`` removed.

        Raises
        ------
        RenderError
            If a shortcode is unknown, a ``meta`` key is missing or not a single value, or an embed
            fails.
        """

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
        """Record the number of every section and the letter of every appendix, by id.

        Parameters
        ----------
        text : str
            The article after :meth:`shortcodes`; headings inside code blocks are skipped.
        """
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
        """``# Title {.appendix}`` -> ``# Vedlegg A: Title {.appendix .unnumbered}``.

        Parameters
        ----------
        text : str
            The article after :meth:`number_sections` (which gave each appendix its letter).

        Returns
        -------
        str
            The text with each top-level appendix heading lettered in the project's word.
        """
        word = self.p.word("appendix-word")

        def sub(m: re.Match[str]) -> str:
            attrs = m.group(3) or ""
            if m.group(1) != "#" or not re.search(r"\.appendix\b", attrs):
                return m.group(0)
            letter = self.appendices[m.group(2)]
            return f"# {word} {letter}: {m.group(2)} {attrs[:-1].rstrip()} .unnumbered}}"

        return re.sub(_HEADING.pattern, sub, text, flags=re.M)

    def crossrefs(self, text: str) -> str:
        """``@fig-x`` -> ``[Figur 3](#fig-x)``; ``@sec-x`` -> ``avsnitt 2.1`` or ``vedlegg B``.

        Parameters
        ----------
        text : str
            The article after embeds were numbered and sections recorded.

        Returns
        -------
        str
            The text with every ``@fig-``, ``@tbl-`` and ``@sec-`` reference a link with its number.

        Raises
        ------
        RenderError
            If a reference names no heading, figure or table.
        """

        def sub(m: re.Match[str]) -> str:
            kind, name = m.group(1), m.group(2)
            label = f"{kind}-{name}"
            if kind == "sec":
                if label not in self.sections:
                    raise RenderError(f"cross-reference @{label}: no heading with that id")
                number = self.sections[label]
                word = self.p.word("appendix-ref-word" if number.isalpha() else "crossref-sec-prefix")
                return f"[{word} {number}](#{label})"
            if label not in self.numbers[kind]:
                raise RenderError(f"cross-reference @{label}: no figure/table with that label")
            return f"[{self.p.word(f'crossref-{kind}-title')} {self.numbers[kind][label]}](#{label})"

        return _XREF.sub(sub, text)

    def resolve(self) -> str:
        """The whole article as pandoc markdown.

        Returns
        -------
        str
            The article body with shortcodes, appendices, callouts and cross-references resolved,
            for this resolver's mode.

        Raises
        ------
        RenderError
            If anything cannot be resolved (see the steps).
        """
        text = self.shortcodes(self.p.body)
        self.number_sections(text)
        text = self.appendix_headings(text)
        text = callouts(text)
        return self.crossrefs(text)
