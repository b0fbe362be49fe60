"""The Quarto project as the fallback renderer reads it: config, article, includes, metadata, words.

Both renderers read the same sources: ``_quarto.yml`` (metadata files, notebooks, the ``language``
words and the filters' words such as ``appendix-word``), the article with its
``{{< include … >}}`` chapters, and the executed notebooks' Quarto cell options (``#| label: …``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

SINGLE_FILE = "rapport.html"

_CELL_OPT = re.compile(r"^#\|\s*([\w-]+)\s*:\s*(.*)$")
_INCLUDE = re.compile(r"^\{\{<\s*include\s+(\S+)\s*>\}\}\s*$", re.M)

# defaults when _quarto.yml names no word (keys as in Quarto's `language:` and our filters' metadata)
_WORDS = {
    "nb": {
        "crossref-fig-title": "Figur",
        "crossref-tbl-title": "Tabell",
        "crossref-sec-prefix": "avsnitt",
        "toc-title": "Innhold",
        "related-notebooks-title": "Notatbøker",
        "related-formats-title": "Andre formater",
        "appendix-word": "Vedlegg",
        "appendix-ref-word": "vedlegg",
        "source-word": "Kilde",
        "cell-word": "celle",
    },
    "en": {
        "crossref-fig-title": "Figure",
        "crossref-tbl-title": "Table",
        "crossref-sec-prefix": "Section",
        "toc-title": "Contents",
        "related-notebooks-title": "Notebooks",
        "related-formats-title": "Other formats",
        "appendix-word": "Appendix",
        "appendix-ref-word": "appendix",
        "source-word": "Source",
        "cell-word": "cell",
    },
}


class RenderError(RuntimeError):
    """Something in the report sources could not be resolved."""


def cell_options(cell: nbformat.NotebookNode) -> dict[str, Any]:
    """Quarto cell options of a code cell.

    Parameters
    ----------
    cell : nbformat.NotebookNode
        A notebook cell; its ``#| key: value`` lines at the top are read.

    Returns
    -------
    dict
        Option name to YAML value (empty for a cell without options).
    """
    opts: dict[str, Any] = {}
    for line in cell.source.splitlines():
        m = _CELL_OPT.match(line)
        if not m:
            break
        opts[m.group(1)] = yaml.safe_load(m.group(2)) if m.group(2).strip() else ""
    return opts


def find_cell(nb: nbformat.NotebookNode, label: str) -> nbformat.NotebookNode:
    """The code cell whose ``label`` option is ``label``; :class:`RenderError` if there is none.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook of ``report/notebooks/``.
    label : str
        The cell's ``#| label:`` option, as an ``{{< embed >}}`` names it (e.g. ``fig-…``, ``tbl-…``).

    Returns
    -------
    nbformat.NotebookNode
        The first code cell with that label.

    Raises
    ------
    RenderError
        If no code cell has that label.
    """
    for cell in nb.cells:
        if cell.cell_type == "code" and cell_options(cell).get("label") == label:
            return cell
    raise RenderError(f"no cell labelled '{label}'")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``---`` YAML front matter from a markdown text; return (metadata, body).

    Parameters
    ----------
    text : str
        A Quarto markdown file (the article ``report/index.qmd``).

    Returns
    -------
    tuple of (dict, str)
        The front matter (empty when there is none) and the text after it.
    """
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]
    return {}, text


def lookup(meta: dict[str, Any], key: str) -> Any:
    """The value of a dotted ``{{< meta a.b >}}`` key (list items 1-based, as in Quarto).

    Parameters
    ----------
    meta : dict of str to Any
        The document metadata: project keys, the results files of ``report/_results/`` and the
        front matter (:meth:`Project.metadata`).
    key : str
        The dotted key as written in the shortcode.

    Returns
    -------
    Any
        The value at that key.

    Raises
    ------
    RenderError
        If a part of the key is missing (a results key a notebook did not write).
    """
    value: Any = meta
    for part in key.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) - 1 < len(value):
            value = value[int(part) - 1]
        else:
            raise RenderError(f"{{{{< meta {key} >}}}}: no such key in the metadata or results")
    return value


def as_list(x: Any) -> list[Any]:
    """``None`` -> ``[]``, a scalar -> ``[x]``, a list unchanged.

    Parameters
    ----------
    x : Any
        A YAML value that may be given as one item or a list (e.g. ``bibliography``).

    Returns
    -------
    list
        The items.
    """
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def read_metadata_files(root: Path, config: dict[str, Any]) -> dict[str, Any]:
    """The ``metadata-files`` of ``_quarto.yml`` (the notebooks' results files), merged in order.

    Parameters
    ----------
    root : Path
        The Quarto project (``report/``).
    config : dict
        The parsed ``_quarto.yml``.

    Returns
    -------
    dict of str to Any
        The merged metadata; a later file overrides an earlier one.

    Raises
    ------
    RenderError
        If a file named there does not exist (the notebooks have not run).
    """
    meta: dict[str, Any] = {}
    for f in config.get("metadata-files", []):
        p = root / f
        if not p.is_file():
            raise RenderError(f"metadata file {p} does not exist (run the notebooks first)")
        meta.update(yaml.safe_load(p.read_text(encoding="utf-8")) or {})
    return meta


@dataclass
class Project:
    """The parsed project: its root, ``_quarto.yml``, the article's front matter and expanded body."""

    root: Path
    config: dict[str, Any]
    front: dict[str, Any]
    body: str

    @property
    def lang(self) -> str:
        """The words' language: ``nb`` for Norwegian (``nb``, ``no``, ``nn``), else ``en``."""
        lang = str(self.front.get("lang", self.config.get("lang", "en")))
        return "nb" if lang.split("-")[0] in ("nb", "no", "nn") else "en"

    @property
    def article(self) -> Path:
        """The article file (``manuscript: article:`` of ``_quarto.yml``, default ``index.qmd``)."""
        return self.root / self.config.get("manuscript", {}).get("article", "index.qmd")

    @property
    def out_dir(self) -> Path:
        """The output folder (``project: output-dir:``, default ``_manuscript``)."""
        return self.root / self.config.get("project", {}).get("output-dir", "_manuscript")

    def word(self, key: str) -> str:
        """A reader-visible word: ``language:`` or top-level metadata of the project, else the default.

        Parameters
        ----------
        key : str
            The word's key as in Quarto's ``language:`` or our filters' metadata (e.g.
            ``crossref-fig-title``, ``appendix-word``).

        Returns
        -------
        str
            The word from the front matter, ``language:``, the project's top level, or the default
            of the project's language.
        """
        for source in (self.front, self.config.get("language", {}), self.config):
            if key in source:
                return str(source[key])
        return _WORDS[self.lang][key]

    def notebooks(self) -> list[dict[str, str]]:
        """The manuscript's notebooks as ``_quarto.yml`` lists them.

        Returns
        -------
        list of dict of str to str
            One entry per notebook with at least ``notebook`` (the executed notebook's path relative
            to ``report/``) and, when given, ``title``.
        """
        entries = self.config.get("manuscript", {}).get("notebooks", [])
        return [e if isinstance(e, dict) else {"notebook": e} for e in entries]

    def metadata(self) -> dict[str, Any]:
        """Document metadata: project keys, then the results files, then the front matter.

        Returns
        -------
        dict of str to Any
            What ``{{< meta >}}`` shortcodes read; a later source overrides an earlier one.

        Raises
        ------
        RenderError
            If a ``metadata-files`` entry (a results file) does not exist.
        """
        meta: dict[str, Any] = {}
        for key in ("lang", "bibliography", "csl", "title", "subtitle", "author", "date"):
            if key in self.config:
                meta[key] = self.config[key]
        meta.update(read_metadata_files(self.root, self.config))
        meta.update(self.front)
        return meta

    def typst_format(self) -> dict[str, Any]:
        """The ``format: typst:`` options of ``_quarto.yml``.

        Returns
        -------
        dict of str to Any
            The options (empty when the project sets none), for the fallback PDF.
        """
        return dict((self.config.get("format") or {}).get("typst") or {})


def expand_includes(text: str, base: Path, _stack: tuple[Path, ...] = ()) -> str:
    """Replace each ``{{< include file >}}`` line by the file's text, recursively.

    Parameters
    ----------
    text : str
        Markdown with include lines.
    base : Path
        Folder the include paths are relative to (the including file's folder, as in Quarto).

    Returns
    -------
    str
        The text with every include expanded; a missing or circular include is a :class:`RenderError`.

    Raises
    ------
    RenderError
        If an included file does not exist (for ``_generated/``: run ``make generated``) or includes
        itself through a chain of includes.
    """

    def sub(m: re.Match[str]) -> str:
        path = (base / m.group(1)).resolve()
        if path in _stack:
            raise RenderError(f"include {m.group(1)}: circular include")
        if not path.is_file():
            hint = " (run `make generated` first)" if "_generated" in path.parts else ""
            raise RenderError(f"include {m.group(1)}: file {path} does not exist{hint}")
        inner = path.read_text(encoding="utf-8")
        return expand_includes(inner, path.parent, (*_stack, path)).rstrip("\n") + "\n"

    return _INCLUDE.sub(sub, text)


def load_project(root: Path) -> Project:
    """Read ``root/_quarto.yml`` and the article with its includes expanded.

    Parameters
    ----------
    root : Path
        The Quarto project (``report/``).

    Returns
    -------
    Project
        The configuration, the article's front matter and its body with every include expanded.

    Raises
    ------
    RenderError
        If an include is missing or circular.
    """
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8")) or {}
    project = Project(root, config, {}, "")
    text = project.article.read_text(encoding="utf-8")
    project.front, body = split_front_matter(text)
    project.body = expand_includes(body, project.article.parent)
    return project


def preview_name(notebook: str) -> str:
    """Where the notebook view of ``notebooks/x.ipynb`` lands (Quarto's naming).

    Parameters
    ----------
    notebook : str
        The executed notebook's path relative to the project (``notebooks/NN_name.ipynb``).

    Returns
    -------
    str
        ``notebooks/NN_name-preview.html``, relative to the output folder.
    """
    return str(Path(notebook).with_suffix("")) + "-preview.html"


def single_output_dir(root: Path) -> Path:
    """Where the single-file HTML lands (the ``single`` profile's output-dir).

    Parameters
    ----------
    root : Path
        The Quarto project (``report/``), holding ``_quarto-single.yml``.

    Returns
    -------
    Path
        The profile's ``project: output-dir:`` under ``root`` (default ``_single``).
    """
    profile = root / "_quarto-single.yml"
    conf = yaml.safe_load(profile.read_text(encoding="utf-8")) if profile.is_file() else {}
    return root / ((conf or {}).get("project", {}).get("output-dir", "_single"))
