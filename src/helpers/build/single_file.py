"""The single file from the site article's HTML: one article conversion serves both HTML outputs.

The site article (``_manuscript/index.html``) and the single file (``_single/rapport.html``) are
the same conversion of the same resolved article, both self-contained (``--embed-resources``);
they differ only where the page links into the site:

- each embed's source line: a link to the cell in the notebook view on the site, the notebook and
  cell named in plain text in the single file (:func:`helpers.build.embed_markdown.source_line`);
- the PDF link under the title and the list of notebook views under the contents (site only);
- the ``<body>`` class (``site`` / ``single``).

:func:`single_from_site` rewrites exactly these parts of the site's HTML. The source lines are
paragraphs of their own, which pandoc wraps at its line width, so pandoc writes them: one small
conversion of the source lines alone, in both modes (no citations, no images), gives each line
exactly as the article conversion writes it. Each part must be found as often as the article
says, so a template change can never leave a site link in the mailed file;
``tests/build/test_single_file.py`` compares the result byte for byte with a conversion of the
whole article in ``single`` mode (:func:`helpers.build.pandoc.render_article`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.build.embed_markdown import source_line
from helpers.build.pandoc import run_pandoc
from helpers.build.project import Project, RenderError

# the template's site-only parts (templates/article.html): the PDF link, the notebook list
_PDF_LINK = re.compile(
    r'<div><div class="meta-heading">[^<]*</div><p><a class="format-link" href="[^"]*">PDF</a></p></div>\n'
)
_NOTEBOOK_LIST = re.compile(
    r'<h2 class="notebooks-title">[^<]*</h2>\n<ul class="notebook-list">\n(?:<li>.*?</li>\n)*</ul>\n', re.S
)
# the article's writer options that shape a paragraph: --embed-resources re-writes every tag
# (pandoc's wrapped `<a\nhref` becomes `<a href`), so the source lines go through it too
_FRAGMENT = ["--from", "markdown", "--to", "html5", "--embed-resources"]
# a source line as pandoc writes it: a paragraph holding only the span (wrapped at its width)
_SOURCE = re.compile(r'<p><span class="embed-source">.*?</span></p>', re.S)


def source_paragraphs(project: Project, embeds: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Each embed's source line as pandoc writes it in the article's HTML, on the site and in the single file.

    Parameters
    ----------
    project : Project
        The loaded project (its words).
    embeds : sequence of tuple of (str, str)
        (notebook, label) of the embeds, in the article's order.

    Returns
    -------
    tuple of (list of str, list of str)
        One ``<p><span class="embed-source">…</span></p>`` per embed, for the site and for the
        single file; one pandoc run writes both.
    """
    if not embeds:
        return [], []
    lines = [source_line(project, nb, label, mode) for mode in ("site", "single") for nb, label in embeds]
    out = _SOURCE.findall(run_pandoc(_FRAGMENT, stdin="\n\n".join(lines) + "\n"))
    if len(out) != len(lines):
        raise RenderError(f"single file: pandoc wrote {len(out)} source lines for {len(lines)}")
    return out[: len(embeds)], out[len(embeds) :]


def _remove_once(text: str, pattern: re.Pattern[str], what: str) -> str:
    out, found = pattern.subn("", text, count=2)
    if found != 1:
        raise RenderError(f"single file: {what} found {found} times in the site article, expected once")
    return out


def single_from_site(project: Project, site_html: str, embeds: Sequence[tuple[str, str]]) -> str:
    """The single file's HTML from the site article's: its links into the site made plain text.

    Parameters
    ----------
    project : Project
        The loaded project.
    site_html : str
        The site article as pandoc wrote it (``site`` mode, resources embedded).
    embeds : sequence of tuple of (str, str)
        (notebook, label) of every embed the article shows with a source line, in order
        (:attr:`helpers.build.resolve.Resolver.sources` of the site's resolver).

    Returns
    -------
    str
        The HTML a conversion of the whole article in ``single`` mode writes.

    Raises
    ------
    RenderError
        If a part to rewrite is not found as often as expected, or a source line differs from
        the one its embed gives (the template or the source line changed without this module).
    """
    body = '<body class="site">'
    if (found := site_html.count(body)) != 1:
        raise RenderError(f"single file: the site's <body> found {found} times in the site article")
    out = site_html.replace(body, '<body class="single">')
    out = _remove_once(out, _PDF_LINK, "the PDF link")
    out = _remove_once(out, _NOTEBOOK_LIST, "the list of notebook views")
    parts = _SOURCE.split(out)  # the text around the source lines
    site_lines = _SOURCE.findall(out)
    if len(site_lines) != len(embeds):
        raise RenderError(
            f"single file: {len(site_lines)} source lines in the site article, {len(embeds)} embeds"
        )
    expected, singles = source_paragraphs(project, embeds)
    for (notebook, label), line, want in zip(embeds, site_lines, expected, strict=True):
        if line != want:
            raise RenderError(f"single file: the source line of {notebook}#{label} is not the one expected")
    return parts[0] + "".join(line + rest for line, rest in zip(singles, parts[1:], strict=True))
