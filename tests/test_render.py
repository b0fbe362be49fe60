"""The pandoc fallback renderer: unit tests on a tiny project, and checks of the real report."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers import paths, render
from tests.conftest import require_built

PNG_1PX = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()


def _tiny_project(tmp_path: Path, body: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(
            '#| label: fig-a\n#| fig-cap: "En figur."\n#| fig-alt: "Alt."\nplot()',
            outputs=[nbformat.v4.new_output("display_data", data={"image/png": PNG_1PX,
                                                                  "text/plain": "<Figure>"})]),
        nbformat.v4.new_code_cell(
            '#| label: tbl-b\n#| tbl-cap: "En tabell."\nshow()',
            outputs=[nbformat.v4.new_output("display_data", data={
                "text/markdown": "| x | y |\n|:--|--:|\n| a | 1 |"})]),
        nbformat.v4.new_code_cell("#| label: fig-empty\n#| fig-cap: \"Tom.\"\npass"),
    ])
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "n.ipynb")
    (tmp_path / "_results").mkdir()
    (tmp_path / "_results" / "r.yml").write_text("res:\n  n: 1 234\n")
    cfg = {"project": {"type": "manuscript"}, "manuscript": {
        "article": "index.qmd", "notebooks": [{"notebook": "notebooks/n.ipynb", "title": "N"}]},
        "metadata-files": ["_results/r.yml"], "lang": "nb"}
    (tmp_path / "_quarto.yml").write_text(yaml.safe_dump(cfg))
    (tmp_path / "index.qmd").write_text("---\ntitle: T\n---\n\n" + body)
    return tmp_path


def _resolve(tmp_path, body):
    proj = render.load_project(_tiny_project(tmp_path, body))
    media = tmp_path / "media"
    media.mkdir()
    return render.Resolver(proj, media).resolve()


def test_embeds_numbers_and_crossrefs(tmp_path):
    out = _resolve(tmp_path, "# Del {#sec-del}\n\nSe @tbl-b og @fig-a i @sec-del, n = "
                             "{{< meta res.n >}}.\n\n{{< embed notebooks/n.ipynb#fig-a >}}\n\n"
                             "{{< embed notebooks/n.ipynb#tbl-b >}}\n")
    assert "[Tabell 1](#tbl-b)" in out and "[Figur 1](#fig-a)" in out
    assert "[avsnitt 1](#sec-del)" in out and "n = 1 234." in out
    assert "::: {#fig-a .quarto-figure}" in out and "Figur 1: En figur." in out
    assert 'fig-alt="Alt."' in out
    assert ": Tabell 1: En tabell." in out and "| a | 1 |" in out
    assert "(notebooks/n-preview.html#cell-fig-a)" in out
    assert (tmp_path / "media" / "fig-a.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("body", "words"), [
    ("{{< meta res.nope >}}", "no such key"),
    ("{{< embed notebooks/n.ipynb#fig-zzz >}}", "no cell labelled 'fig-zzz'"),
    ("{{< embed notebooks/missing.ipynb#fig-a >}}", "does not exist"),
    ("{{< embed notebooks/n.ipynb#fig-empty >}}", "no outputs"),
    ("See @fig-zzz.", "@fig-zzz"),
    ("See @sec-zzz.", "@sec-zzz"),
    ("{{< video x >}}", "not supported"),
    ("{{< embed notebooks/n.ipynb#fig-a >}}{{< embed notebooks/n.ipynb#fig-a >}}", "duplicate"),
])
def test_unresolvable_sources_are_errors(tmp_path, body, words):
    with pytest.raises(render.RenderError, match=re.escape(words)):
        _resolve(tmp_path, body)


def test_citations_and_emails_are_not_crossrefs(tmp_path):
    out = _resolve(tmp_path, "Se [@bulukin2025] og a@fig-a.no.\n")
    assert out.strip() == "Se [@bulukin2025] og a@fig-a.no."


def test_callout_title_becomes_a_styled_block(tmp_path):
    out = _resolve(tmp_path, '::: {.callout-warning title="Demodata"}\nTekst.\n:::\n')
    assert "::: {.callout .callout-warning}" in out and "[Demodata]{.callout-title}" in out


def test_fallback_end_to_end_on_tiny_project(tmp_path):
    root = _tiny_project(tmp_path, "Se @fig-a.\n\n{{< embed notebooks/n.ipynb#fig-a >}}\n")
    out = render.fallback_render(root)
    html = out.read_text()
    assert 'id="fig-a"' in html and 'href="#fig-a"' in html and "data:image/png;base64" in html
    assert (root / "_manuscript" / "notebooks" / "n-preview.html").is_file()


# ------------------------------------------------------------------ the real rendered report


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.loads, self.scripts = set(), [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        self._in_script = tag == "script"
        for key in ("src", "href", "data"):
            if tag in ("script", "img", "link", "iframe", "source", "video", "audio", "object") \
                    and a.get(key):
                self.loads.append(a[key])


    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _parse(path: Path) -> _Collect:
    c = _Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


@pytest.fixture(scope="module")
def article() -> Path:
    return require_built(paths.MANUSCRIPT_OUT / "index.html")


def test_article_has_no_unresolved_quarto_syntax(article):
    html = article.read_text(encoding="utf-8")
    for token in ("{{<", ">}}", "@fig-", "@tbl-", "@sec-", "???", "callout-note title="):
        assert token not in html, token


def test_every_embed_and_crossref_resolves(article):
    qmd = (paths.REPORT / "index.qmd").read_text(encoding="utf-8")
    embeds = re.findall(r"\{\{< embed [^#]+#([\w-]+) >\}\}", qmd)
    refs = set(re.findall(r"@((?:fig|tbl|sec)-[\w-]*\w)", qmd))
    c = _parse(article)
    assert embeds and set(embeds) <= c.ids
    assert refs <= c.ids
    internal = [h[1:] for h in c.links if h.startswith("#")]
    assert set(internal) <= c.ids, set(internal) - c.ids


def test_no_external_resource_loads(article):
    for page in [article, *sorted((article.parent / "notebooks").glob("*-preview.html"))]:
        c = _parse(page)
        external = [u for u in c.loads if re.match(r"(?i)(https?:)?//", u)]
        external += re.findall(r"(?i)https?://[^\s\"'`)]+", "\n".join(c.scripts))
        assert external == [], f"{page.name} loads {external}"


def test_notebook_links_work(article):
    c = _parse(article)
    nb_links = [h for h in c.links if "-preview.html" in h]
    assert len(nb_links) >= 4
    for h in nb_links:
        file, _, anchor = h.partition("#")
        target = article.parent / file
        assert target.is_file(), h
        assert anchor in _parse(target).ids, h


def test_citations_resolved_into_a_bibliography(article):
    html = article.read_text(encoding="utf-8")
    assert 'id="refs"' in html
    for key in ("bulukin2025", "lundeberg2017", "uteseksjonen2020"):
        assert f'id="ref-{key}"' in html


def test_figures_and_tables_are_numbered(article):
    html = article.read_text(encoding="utf-8")
    qmd = (paths.REPORT / "index.qmd").read_text(encoding="utf-8")
    n_fig = len(re.findall(r"embed [^#]+#fig-", qmd))
    n_tbl = len(re.findall(r"embed [^#]+#tbl-", qmd))
    assert [f"Figur {i}:" in html for i in range(1, n_fig + 1)] == [True] * n_fig
    assert [f"Tabell {i}:" in html for i in range(1, n_tbl + 1)] == [True] * n_tbl


def test_includes_expand_relative_to_the_including_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "_inner.qmd").write_text("inner text\n", encoding="utf-8")
    (tmp_path / "_chapter.qmd").write_text("# Kapittel\n\n{{< include sub/_inner.qmd >}}\n",
                                           encoding="utf-8")
    out = render.expand_includes("før\n{{< include _chapter.qmd >}}\netter\n", tmp_path)
    assert out == "før\n# Kapittel\n\ninner text\n\netter\n"


def test_missing_or_circular_include_is_an_error(tmp_path):
    with pytest.raises(render.RenderError, match="does not exist"):
        render.expand_includes("{{< include _nope.qmd >}}\n", tmp_path)
    (tmp_path / "_a.qmd").write_text("{{< include _a.qmd >}}\n", encoding="utf-8")
    with pytest.raises(render.RenderError, match="circular"):
        render.expand_includes("{{< include _a.qmd >}}\n", tmp_path)
