"""The markdown of one embed's parts: the cell it names, its outputs, the line naming its source.

:mod:`helpers.build.resolve` builds each ``{{< embed >}}`` from these; :mod:`helpers.build.single_file`
writes the source lines of both HTML outputs with :func:`source_line`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.build.project import Project, RenderError, preview_name


@dataclass
class Embed:
    """One ``{{< embed >}}``: the notebook, the cell label, its kind and caption, and its outputs."""

    notebook: str  # path relative to the project
    label: str
    kind: str  # fig | tbl | other
    caption: str = ""
    alt: str = ""
    outputs: list[Any] = field(default_factory=list)


def output_markdown(o: Any, e: Embed) -> str:
    """One cell output as markdown (stream text and plain text as code blocks, HTML as raw HTML).

    Parameters
    ----------
    o : Any
        One output of the embedded cell (an nbformat output: ``stream``, ``display_data`` or
        ``execute_result``).
    e : Embed
        The embed the output belongs to (named in errors).

    Returns
    -------
    str
        ``text/markdown`` as it is, ``text/html`` as a raw HTML block, plain text as a code block.

    Raises
    ------
    RenderError
        If the output is written to stderr or has no type the fallback can show.
    """
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


def source_line(project: Project, notebook: str, label: str, mode: str) -> str:
    """The markdown line under an embed that names its source cell.

    Parameters
    ----------
    project : Project
        The loaded project (its words ``source-word`` and ``cell-word``).
    notebook : str
        The embedded notebook, relative to the project (``notebooks/NN_name.ipynb``).
    label : str
        The embedded cell's label.
    mode : str
        ``site`` (a link to the cell in the notebook view), ``single`` or ``pdf``.

    Returns
    -------
    str
        A ``[…]{.embed-source}`` span.
    """
    word = project.word("source-word")
    if mode == "site":
        target = f"{preview_name(notebook)}#cell-{label}"
        return f"[{word}: [{Path(notebook).name}]({target})]{{.embed-source}}"
    # no links that break when the file is mailed or printed
    return f"[{word}: `{notebook}`, {project.word('cell-word')} `{label}`]{{.embed-source}}"
