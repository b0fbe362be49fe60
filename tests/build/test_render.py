"""The pandoc fallback renderer: unit tests on a tiny project, and checks of the real report."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers.build import render
from helpers.core import catalogue, paths
from tests.build import checks
from tests.conftest import require_built

REPORT_FILTER = paths.REPORT / "typst.lua"  # the typst filter both renderers use

# a valid 2x2 white PNG (typst checks CRCs)
PNG_1PX = (
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8//8/AwMDEwMDAwMDAwAkBgMB"
    "/DXemwAAAABJRU5ErkJggg=="
)


def _tiny_project(tmp_path: Path, body: str) -> Path:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                '#| label: fig-a\n#| fig-cap: "En figur."\n#| fig-alt: "Alt."\nplot()',
                outputs=[
                    nbformat.v4.new_output(
                        "display_data", data={"image/png": PNG_1PX, "text/plain": "<Figure>"}
                    )
                ],
            ),
            nbformat.v4.new_code_cell(
                '#| label: tbl-b\n#| tbl-cap: "En tabell."\nshow()',
                outputs=[
                    nbformat.v4.new_output(
                        "display_data", data={"text/markdown": "| x | y |\n|:--|--:|\n| a | 1 |"}
                    )
                ],
            ),
            nbformat.v4.new_code_cell('#| label: fig-empty\n#| fig-cap: "Tom."\npass'),
        ]
    )
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "n.ipynb")
    (tmp_path / "_results").mkdir()
    (tmp_path / "_results" / "r.yml").write_text("res:\n  n: 1 234\n")
    cfg = {
        "project": {"type": "manuscript"},
        "manuscript": {
            "article": "index.qmd",
            "notebooks": [{"notebook": "notebooks/n.ipynb", "title": "N"}],
        },
        "metadata-files": ["_results/r.yml"],
        "lang": "nb",
    }
    (tmp_path / "_quarto.yml").write_text(yaml.safe_dump(cfg))
    (tmp_path / "typst.lua").write_text(REPORT_FILTER.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "index.qmd").write_text("---\ntitle: T\n---\n\n" + body)
    return tmp_path


def _resolve(tmp_path, body):
    proj = render.load_project(_tiny_project(tmp_path, body))
    media = tmp_path / "media"
    media.mkdir()
    return render.Resolver(proj, media).resolve()


def test_embeds_numbers_and_crossrefs(tmp_path):
    out = _resolve(
        tmp_path,
        "# Del {#sec-del}\n\nSe @tbl-b og @fig-a i @sec-del, n = "
        "{{< meta res.n >}}.\n\n{{< embed notebooks/n.ipynb#fig-a >}}\n\n"
        "{{< embed notebooks/n.ipynb#tbl-b >}}\n",
    )
    assert "[Tabell 1](#tbl-b)" in out and "[Figur 1](#fig-a)" in out
    assert "[avsnitt 1](#sec-del)" in out and "n = 1 234." in out
    assert "::: {#fig-a .quarto-figure}" in out and "Figur 1: En figur." in out
    assert 'fig-alt="Alt."' in out
    assert ": Tabell 1: En tabell." in out and "| a | 1 |" in out
    assert "(notebooks/n-preview.html#cell-fig-a)" in out
    assert (tmp_path / "media" / "fig-a.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{{< meta res.nope >}}", "no such key"),
        ("{{< embed notebooks/n.ipynb#fig-zzz >}}", "no cell labelled 'fig-zzz'"),
        ("{{< embed notebooks/missing.ipynb#fig-a >}}", "does not exist"),
        ("{{< embed notebooks/n.ipynb#fig-empty >}}", "no outputs"),
        ("See @fig-zzz.", "@fig-zzz"),
        ("See @sec-zzz.", "@sec-zzz"),
        ("{{< video x >}}", "not supported"),
        ("{{< embed notebooks/n.ipynb#fig-a >}}{{< embed notebooks/n.ipynb#fig-a >}}", "duplicate"),
    ],
)
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
    out = render.fallback_render(root)[-1]  # the site article comes last
    html = out.read_text()
    assert 'id="fig-a"' in html and 'href="#fig-a"' in html and "data:image/png;base64" in html
    assert (root / "_manuscript" / "notebooks" / "n-preview.html").is_file()
    single = (root / "_single" / render.SINGLE_FILE).read_text()
    assert "data:image/png;base64" in single and "n-preview.html" not in single
    assert _pdf_pages(root / "_manuscript" / "index.pdf") == 1


def test_an_unchanged_notebook_view_is_not_rendered_again(tmp_path, monkeypatch):
    root = _tiny_project(tmp_path, "Se @fig-a.\n\n{{< embed notebooks/n.ipynb#fig-a >}}\n")
    render.fallback_render(root, pdf=False)
    view = root / "_manuscript" / "notebooks" / "n-preview.html"
    assert "index.html#fig-a" in view.read_text() and "index.html#tbl-b" not in view.read_text()
    rendered: list[Path] = []
    real = render.render_notebook_view

    def spy(project, nb_path, out_html, *args):
        rendered.append(out_html)
        real(project, nb_path, out_html, *args)

    monkeypatch.setattr(render, "render_notebook_view", spy)
    render.fallback_render(root, pdf=False)
    assert rendered == []  # nothing it is made from changed
    # the back-links change with the article's embeds and numbering: the view is made again
    (root / "index.qmd").write_text(
        "---\ntitle: T\n---\n\nSe @tbl-b.\n\n{{< embed notebooks/n.ipynb#tbl-b >}}\n"
    )
    render.fallback_render(root, pdf=False)
    assert rendered == [view] and "index.html#tbl-b" in view.read_text()
    # and so does an edit of the notebook
    nb = nbformat.read(root / "notebooks" / "n.ipynb", as_version=4)
    nb.cells[2].source += "\n# changed"
    nbformat.write(nb, root / "notebooks" / "n.ipynb")
    render.fallback_render(root, pdf=False)
    assert rendered == [view, view] and "# changed" in view.read_text()


# ------------------------------------------------------------------ the real rendered report


_parse = checks.parse


def _made_by_quarto(article: Path) -> bool:
    """The colophon names the renderer that made the built outputs."""
    return "Renderer: Quarto" in checks.visible_text(article)


@pytest.fixture(scope="module")
def article() -> Path:
    return require_built(paths.MANUSCRIPT_OUT / "index.html")


def test_article_has_no_unresolved_quarto_syntax(article):
    html = article.read_text(encoding="utf-8")
    for token in ("{{<", ">}}", "@fig-", "@tbl-", "@sec-", "???", "callout-note title="):
        assert token not in html, token
    checks.check_no_unresolved_syntax(article)


def _article_source() -> str:
    """index.qmd with its chapter includes expanded (what the renderers see)."""
    return render.load_project(paths.REPORT).body


def test_every_embed_and_crossref_resolves(article):
    checks.check_embeds_and_crossrefs(article, _article_source())


def test_no_external_resource_loads(article):
    """Quarto's site loads its libraries from site_libs/ (local) and may fetch from a CDN in its
    notebook views, so only the fallback's pages are held to this; test_quarto.py checks
    Quarto's single file."""
    if _made_by_quarto(article):
        checks.check_self_contained(
            require_built(paths.SINGLE_OUT / render.SINGLE_FILE), strict_scripts=False
        )
        return
    single = require_built(paths.SINGLE_OUT / render.SINGLE_FILE)
    for page in [article, single, *sorted((article.parent / "notebooks").glob("*-preview.html"))]:
        checks.check_self_contained(page, strict_scripts=True)


def test_notebook_links_work(article):
    checks.check_notebook_links(article, minimum=4)
    # every embedded figure and table links to its cell (the reading guide's promise)
    n_embeds = len(re.findall(r"\{\{< embed [^#]+#(?:fig|tbl)-", _article_source()))
    cell_links = [h for h in _parse(article).links if re.search(r"-preview\.html#.*(?:fig|tbl)-", h)]
    assert len(set(cell_links)) >= n_embeds, (len(set(cell_links)), n_embeds)


def test_citations_resolved_into_a_bibliography(article):
    html = article.read_text(encoding="utf-8")
    assert 'id="refs"' in html
    for key in ("bulukin2025", "lundeberg2017", "uteseksjonen2020"):
        assert f'id="ref-{key}"' in html
    checks.check_citations_under_references(checks.visible_text(article), ("Bulukin", "Uteseksjonen"))


def test_appendices_are_lettered_in_every_output(article):
    qmd = _article_source()
    checks.check_appendices_lettered(checks.visible_text(article), qmd)
    checks.check_appendices_lettered(
        checks.visible_text(require_built(paths.SINGLE_OUT / render.SINGLE_FILE)), qmd
    )
    checks.check_appendices_lettered(checks.pdf_text(require_built(paths.MANUSCRIPT_OUT / "index.pdf")), qmd)


def test_figures_and_tables_are_numbered(article):
    checks.check_numbered(article, _article_source())


def test_includes_expand_relative_to_the_including_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "_inner.qmd").write_text("inner text\n", encoding="utf-8")
    (tmp_path / "_chapter.qmd").write_text("# Kapittel\n\n{{< include sub/_inner.qmd >}}\n", encoding="utf-8")
    out = render.expand_includes("før\n{{< include _chapter.qmd >}}\netter\n", tmp_path)
    assert out == "før\n# Kapittel\n\ninner text\n\netter\n"


def test_missing_or_circular_include_is_an_error(tmp_path):
    with pytest.raises(render.RenderError, match="does not exist"):
        render.expand_includes("{{< include _nope.qmd >}}\n", tmp_path)
    (tmp_path / "_a.qmd").write_text("{{< include _a.qmd >}}\n", encoding="utf-8")
    with pytest.raises(render.RenderError, match="circular"):
        render.expand_includes("{{< include _a.qmd >}}\n", tmp_path)


def test_appendices_are_lettered_and_cross_referenced(tmp_path):
    out = _resolve(
        tmp_path,
        "# Intro {#sec-intro}\n\nSe @sec-a og @sec-b.\n\n"
        "# Data {#sec-a .appendix}\n\ntekst\n\n# Kolofon {#sec-b .appendix}\n",
    )
    assert "# Vedlegg A: Data {#sec-a .appendix .unnumbered}" in out
    assert "# Vedlegg B: Kolofon {#sec-b .appendix .unnumbered}" in out
    assert "[vedlegg A](#sec-a)" in out and "[vedlegg B](#sec-b)" in out
    assert "[avsnitt 1](#sec-intro)" not in out  # not referenced, so not rewritten


def test_single_and_pdf_modes_name_the_source_cell_without_links(tmp_path):
    root = _tiny_project(tmp_path, "{{< embed notebooks/n.ipynb#fig-a >}}\n")
    proj = render.load_project(root)
    for mode in ("single", "pdf"):
        media = tmp_path / f"media-{mode}"
        media.mkdir()
        out = render.Resolver(proj, media, mode).resolve()
        assert "-preview.html" not in out
        assert "`notebooks/n.ipynb`, celle `fig-a`" in out
    (tmp_path / "media-site").mkdir()
    site = render.Resolver(proj, tmp_path / "media-site", "site").resolve()
    assert "(notebooks/n-preview.html#cell-fig-a)" in site


# ------------------------------------------------------------------ the three outputs


_pdf_pages = checks.pdf_pages
CM = 72 / 2.54


def test_pdf_is_sized_for_its_readers():
    """Issue 12: the article before the appendices at most 25 pages, the whole PDF at most 50."""
    checks.check_sized_for_readers(require_built(paths.MANUSCRIPT_OUT / "index.pdf"))


def test_single_file_has_no_english_words_from_the_issue_list():
    """Issue 12: no table, none, untitled, visitors, calibration, synthetic outside code and file names."""
    checks.check_no_english_words(require_built(paths.SINGLE_OUT / render.SINGLE_FILE))


def test_pdf_keeps_text_inside_the_margins():
    pdf = require_built(paths.MANUSCRIPT_OUT / "index.pdf")
    margin = render.load_project(paths.REPORT).typst_format()["margin"]
    x, y = (float(str(margin[k]).removesuffix("cm")) * CM for k in ("x", "y"))
    outside = checks.pdf_words_outside(pdf, x, y)
    assert outside == [], f"{len(outside)} words outside the text area, e.g. {outside[:5]}"


def test_pdf_has_references_under_referanser():
    text = checks.pdf_text(require_built(paths.MANUSCRIPT_OUT / "index.pdf"))
    checks.check_citations_under_references(text, ("Bulukin", "Uteseksjonen"))


def test_single_file_has_no_links_to_notebook_views():
    single = require_built(paths.SINGLE_OUT / render.SINGLE_FILE)
    checks.check_no_dead_links(single)
    assert "data:image/png;base64" in single.read_text(encoding="utf-8")


def test_colophon_reflects_the_commit_and_parameters(article):
    import subprocess

    from helpers.build import colophon

    html = article.read_text(encoding="utf-8")
    head = subprocess.run(
        ["git", "-C", str(paths.ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert head in html, "the colophon does not show the commit that was rendered"
    for nb in sorted(paths.REPORT_NOTEBOOKS.glob("*.ipynb")):
        params = colophon.notebook_parameters(nb)
        assert nb.name in html and params
        for key in params:
            assert key in html, f"parameter {key} of {nb.name} missing from the colophon"
    for res in sorted(paths.RAW.glob("*.csv")):
        assert colophon.sha256_file(res) in html, res.name


def test_demo_banners_appear_exactly_where_demo_data_are_used(article):
    """Each chapter's banner cell prints a warning naming its synthetic inputs, or nothing on real
    data; the report shows the warning exactly when the cell printed one, and every synthetic
    file of the data package is announced by some banner."""

    synthetic = set(catalogue.synthetic_inputs())
    html = article.read_text(encoding="utf-8")
    announced: set[str] = set()
    banners = re.findall(r"\{\{< embed (notebooks/[^#]+)#([\w-]*banner) >\}\}", _article_source())
    assert banners, "no chapter embeds a demo banner cell"
    for nb_rel, label in banners:
        nb = nbformat.read(paths.REPORT / nb_rel, as_version=4)
        text = "".join(
            "".join(o.get("data", {}).get("text/markdown", "")) for o in render.find_cell(nb, label).outputs
        )
        named = set(re.findall(r"`([\w.-]+)`", text))
        assert named <= synthetic, f"{label} names files that are not synthetic: {named - synthetic}"
        announced |= named
        section = html.split(f'id="{label}"', 1)[1].split("</div>", 3)[:3]
        shown = "Demodata" in "".join(section)
        assert shown == bool(named), f"{label}: banner shown={shown}, synthetic inputs={named}"
    assert synthetic <= announced, f"synthetic files used without a banner: {synthetic - announced}"


def test_pdf_margin_check_finds_text_outside_the_text_area(tmp_path):
    """The check used on both renderers' PDFs can fail: text placed in the bottom margin is found."""
    import typst

    src = tmp_path / "t.typ"
    src.write_text(
        '#set page(paper: "a4", margin: (x: 2cm, y: 2.5cm))\nInside.\n'
        "#place(bottom + left, dy: 1.5cm)[Overflow]\n",
        encoding="utf-8",
    )
    typst.compile(str(src), output=str(tmp_path / "t.pdf"))
    cm = 72 / 2.54
    outside = checks.pdf_words_outside(tmp_path / "t.pdf", 2 * cm, 2.5 * cm)
    assert len(outside) == 1 and "Overflow" in outside[0], outside
    assert checks.pdf_words_outside(tmp_path / "t.pdf", 1 * cm, 1 * cm) == []
