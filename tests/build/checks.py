"""Checks of a rendered report that the fallback tests (test_render.py) and the Quarto test
(test_quarto.py) share: each takes the paths of the outputs and the article's source, and fails
with a message naming what is wrong. Neither renderer's code computes what is expected here; the
expectations come from the article's source text and the PDF's own geometry.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

APPENDIX_HEADINGS = re.compile(r"^# .*\{#(sec-[\w-]+) [^}]*\.appendix[^}]*\}", re.M)
CITED_KEYS = ("bulukin2025", "lundeberg2017", "uteseksjonen2020")
UNRESOLVED = ("{{<", ">}}", "@fig-", "@tbl-", "@sec-", "???", "?@", "callout-note title=")


class Collect(HTMLParser):
    """Ids, link targets, loaded resources and script text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        self._in_script = tag == "script"
        for key in ("src", "href", "data"):
            if tag in ("script", "img", "link", "iframe", "source", "video", "audio", "object") and a.get(
                key
            ):
                self.loads.append(a[key])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(path: Path) -> Collect:
    c = Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def visible_text(path: Path, without_code: bool = False) -> str:
    """The page's text with tags removed and entities (``&nbsp;``) decoded to plain spaces.

    ``without_code`` also leaves out ``<code>`` elements (file, module and variable names).
    """
    drop = r"<script.*?</script>|<style.*?</style>" + (r"|<code\b.*?</code>" if without_code else "")
    text = re.sub(drop, " ", path.read_text(encoding="utf-8"), flags=re.S | re.I)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\xa0", " ")


def check_no_unresolved_syntax(page: Path) -> None:
    text = visible_text(page)
    for token in UNRESOLVED:
        assert token not in text, f"{page.name}: unresolved {token!r}"


def check_embeds_and_crossrefs(page: Path, qmd: str) -> None:
    """Every embedded cell and every cross-reference target is an id; every #link resolves."""
    embeds = re.findall(r"\{\{< embed [^#]+#([\w-]+) >\}\}", qmd)
    refs = set(re.findall(r"@((?:fig|tbl|sec)-[\w-]*\w)", qmd))
    c = parse(page)
    assert embeds and set(embeds) <= c.ids, set(embeds) - c.ids
    assert refs <= c.ids, refs - c.ids
    internal = {h[1:] for h in c.links if h.startswith("#") and len(h) > 1}
    assert internal <= c.ids, internal - c.ids


def check_numbered(page: Path, qmd: str) -> None:
    """«Figur 1: …» … «Figur n: …» and «Tabell 1: …» … for every embedded figure and table."""
    text = re.sub(r"\s+", " ", visible_text(page))
    for kind, word in (("fig", "Figur"), ("tbl", "Tabell")):
        n = len(re.findall(rf"embed [^#]+#{kind}-", qmd))
        missing = [i for i in range(1, n + 1) if f"{word} {i}:" not in text]
        assert n and not missing, f"{page.name}: no caption «{word} i:» for i in {missing}"


def check_appendices_lettered(text: str, qmd: str) -> None:
    """The appendices are «Vedlegg A: …», «Vedlegg B: …» in order, and referenced as «vedlegg A»."""
    ids = APPENDIX_HEADINGS.findall(qmd)
    assert ids, "the article has no appendix"
    text = re.sub(r"\s+", " ", text)
    positions = [text.find(f"Vedlegg {chr(65 + i)}:") for i in range(len(ids))]
    assert -1 not in positions and positions == sorted(positions), positions
    for i, ident in enumerate(ids):
        if f"@{ident}" in qmd:
            assert f"vedlegg {chr(65 + i)}" in text, f"@{ident} is not written «vedlegg {chr(65 + i)}»"
    assert "Seksjon" not in text and "Bilag" not in text, "Quarto's default Norwegian words leaked"


def check_citations_under_references(text: str, entries: tuple[str, ...]) -> None:
    """The bibliography sits under «Referanser», before the first appendix, and holds the entries."""
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", re.sub(r"\s+", " ", text)))
    assert "Bibliografi" not in text, "typst's own bibliography heading"
    # the last «Vedlegg A:» is the heading (a contents list names it earlier)
    end = text.rfind("Vedlegg A:")
    start = text.rfind("Referanser", 0, end if end != -1 else None)
    assert start != -1, "no «Referanser» heading before the appendices"
    section = text[start:end]
    for entry in entries:
        assert entry in section, f"{entry!r} is not listed under «Referanser»"
    assert "Lundeberg og Mjåland (2017)" in text, "[-@lundeberg2017] did not print as (2017)"


def check_self_contained(page: Path, strict_scripts: bool = True) -> None:
    """No resource loaded from the network; with ``strict_scripts`` no URL at all in script text
    (the fallback), otherwise none that a script loads (Quarto inlines libraries whose licence
    comments name their home pages)."""
    c = parse(page)
    external = [u for u in c.loads if re.match(r"(?i)(https?:)?//", u)]
    script = "\n".join(c.scripts)
    if strict_scripts:
        external += re.findall(r"(?i)https?://[^\s\"'`)]+", script)
    else:
        external += re.findall(
            r"(?i)(?:src|href|import|from|url\(|fetch\()\s*=?\s*[\"'](?:https?:)?//[^\"']+", script
        )
    assert external == [], f"{page.name} loads {external}"


def check_no_dead_links(page: Path) -> None:
    """A mailed file links only inside itself (and to DOIs or mail addresses)."""
    c = parse(page)
    outside = [h for h in c.links if not h.startswith(("#", "mailto:")) and "doi.org" not in h]
    assert outside == [], f"{page.name} links to other files: {outside[:5]}"
    internal = {h[1:] for h in c.links if h.startswith("#") and len(h) > 1}
    assert internal <= c.ids, internal - c.ids


def check_notebook_links(page: Path, minimum: int) -> None:
    """Links to notebook views exist and land on an id of the view."""
    c = parse(page)
    nb_links = [h for h in c.links if "-preview.html" in h]
    assert len(nb_links) >= minimum, nb_links
    for h in nb_links:
        file, _, anchor = h.partition("#")
        target = page.parent / file
        assert target.is_file(), h
        assert not anchor or anchor in parse(target).ids, h


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_words_outside(pdf: Path, margin_x_pt: float, margin_y_pt: float, tol: float = 5.0) -> list[str]:
    """Words (per ``pdftotext -bbox``) outside the text area, except the page number in the footer.

    The text area is the page less the margins, with ``tol`` points of slack for hyphens and
    hanging punctuation. Needs ``pdftotext`` (poppler-utils).
    """
    if shutil.which("pdftotext") is None:
        raise RuntimeError("pdftotext not installed (apt-get install poppler-utils)")
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    bad = []
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S)
    for n, (w, h, body) in enumerate(pages, start=1):
        width, height = float(w), float(h)
        for m in re.finditer(
            r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)', body
        ):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            word = html_lib.unescape(m.group(5))
            if word == str(n) and y0 > height - margin_y_pt:
                continue  # the page number in the footer
            if (
                x0 < margin_x_pt - tol
                or x1 > width - margin_x_pt + tol
                or y0 < margin_y_pt - tol
                or y1 > height - margin_y_pt + tol
            ):
                bad.append(f"page {n}: {word!r} at ({x0:.0f}, {y0:.0f})-({x1:.0f}, {y1:.0f})")
    return bad


def pdf_pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-"), f"{pdf} is not a PDF"
    assert b"/ObjStm" not in data, "object streams: count pages with a PDF library instead"
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


# issue 12's list: English words a reader must not meet in the Norwegian report
ENGLISH_WORDS = ("table", "none", "untitled", "visitors", "calibration", "synthetic")


def english_words(page: Path, words: tuple[str, ...] = ENGLISH_WORDS) -> list[str]:
    """Each hit of ``words`` in the page's reader-visible text, with 40 characters of context.

    Code (``<code>``), scripts, styles and tags (with their data URIs) are left out, and so are file,
    module and path names (a word joined to ``.``, ``/``, ``_`` or ``-``, or followed by a file extension).
    """
    text = visible_text(page, without_code=True)
    hits = []
    for word in words:
        pattern = rf"(?<![\w./_-]){re.escape(word)}(?![\w/_-]|\.(?:csv|json|py|md|txt|yml|qmd|ipynb))"
        for m in re.finditer(pattern, text, flags=re.I):
            hits.append(" ".join(text[max(0, m.start() - 40) : m.end() + 40].split()))
    return hits


def pdf_article_pages(pdf: Path) -> int:
    """Pages before the first appendix: the page before the one that opens with «Vedlegg A».

    The table of contents also lists «Vedlegg A», but with dot leaders and a page number; the
    heading itself stands alone on its line.
    """
    pages = pdf_text(pdf).split("\f")
    for n, page in enumerate(pages, start=1):
        if re.search(r"^Vedlegg A\b(?!.*\.\s*\.)", page, flags=re.M):
            return n - 1
    raise AssertionError(f"{pdf}: no page opens the appendices («Vedlegg A»)")


def check_sized_for_readers(pdf: Path) -> None:
    """Issue 12: the article before the appendices at most 25 pages, the whole PDF at most 50."""
    article, total = pdf_article_pages(pdf), pdf_pages(pdf)
    assert 5 <= article <= 25, f"the article before the appendices has {article} pages"
    assert total <= 50, f"the PDF has {total} pages"


def check_no_english_words(page: Path) -> None:
    """Issue 12: none of :data:`ENGLISH_WORDS` outside code and file names."""
    hits = english_words(page)
    assert hits == [], f"{len(hits)} English words, e.g. {hits[:5]}"
