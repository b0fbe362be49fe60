"""The single file derived from the site article's HTML equals a conversion of its own, byte for byte."""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers.build import pandoc, render, single_file
from helpers.core import paths
from tests.build.test_render import _tiny_project
from tests.conftest import require_built

BODY = (
    "Se @fig-a og @tbl-b [@x].\n\n{{< embed notebooks/n.ipynb#fig-a >}}\n\n"
    "{{< embed notebooks/n.ipynb#tbl-b >}}\n\nOg igjen:\n\n{{< embed notebooks/n.ipynb#tbl-c >}}\n"
)


def _converted(project: render.Project, mode: str, tmp: Path) -> tuple[str, list[tuple[str, str]]]:
    """The article converted by pandoc in ``mode`` (the path before the derivation), its sources."""
    root = tmp / mode
    root.mkdir()
    article, resolver = pandoc.resolve_article(project, root, mode)
    out = tmp / f"{mode}.html"
    pandoc.render_article(project, out, mode, article)
    return out.read_text(encoding="utf-8"), resolver.sources


def _project(tmp_path: Path, **words: str) -> render.Project:
    tmp_path.mkdir()
    root = _tiny_project(tmp_path, BODY)
    nb = root / "notebooks" / "n.ipynb"
    # a second table, so more than one source line of a notebook is rewritten
    book = nbformat.read(nb, as_version=4)
    cell = nbformat.v4.new_code_cell(
        '#| label: tbl-c\n#| tbl-cap: "Tabell to."\nshow()',
        outputs=[nbformat.v4.new_output("display_data", data={"text/markdown": "| z |\n|--:|\n| 2 |"})],
    )
    book.cells.append(cell)
    nbformat.write(book, nb)
    (root / "refs.bib").write_text("@book{x, title={Bok}, author={Forfatter, A.}, year={2020}}\n")
    cfg = yaml.safe_load((root / "_quarto.yml").read_text())
    cfg["bibliography"] = "refs.bib"
    cfg.setdefault("language", {}).update(words)
    (root / "_quarto.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True))
    return render.load_project(root)


def test_derived_single_file_is_byte_identical_to_its_own_conversion(tmp_path):
    project = _project(tmp_path / "p")
    site, sources = _converted(project, "site", tmp_path)
    single, single_sources = _converted(project, "single", tmp_path)
    assert (
        sources
        == single_sources
        == [
            ("notebooks/n.ipynb", "fig-a"),
            ("notebooks/n.ipynb", "tbl-b"),
            ("notebooks/n.ipynb", "tbl-c"),
        ]
    )
    assert site != single and "n-preview.html" in site
    assert single_file.single_from_site(project, site, sources) == single


@pytest.mark.parametrize(
    "words",
    [
        {"source-word": "Kjelde på nynorsk", "cell-word": "cella"},
        {"source-word": "Source -- see", "cell-word": 'cell "no." & <x>'},  # pandoc retypes these
        {"source-word": "Kilde" * 9, "cell-word": "celle"},  # a line longer than pandoc's width
    ],
)
def test_derived_single_file_is_exact_for_other_words(tmp_path, words):
    project = _project(tmp_path / "p", **words)
    site, sources = _converted(project, "site", tmp_path)
    single, _ = _converted(project, "single", tmp_path)
    assert single_file.single_from_site(project, site, sources) == single


def test_fallback_render_writes_the_derived_single_file(tmp_path):
    project = _project(tmp_path / "p", **{"cell-word": "cellen med navnet"})
    outputs = render.fallback_render(project.root, pdf=False)
    single = next(p for p in outputs if p.name == render.SINGLE_FILE).read_text(encoding="utf-8")
    assert "n-preview.html" not in single and "<code>tbl-c</code>" in single
    assert single == _converted(project, "single", tmp_path)[0]


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda h: h.replace('<body class="site">', "<body>"), "<body>"),
        (lambda h: h.replace('class="format-link"', 'class="link"'), "the PDF link"),
        (lambda h: h.replace('class="notebook-list"', 'class="list"'), "notebook views"),
        (lambda h: h.replace("#cell-tbl-c", "#cell-x", 1), "notebooks/n.ipynb#tbl-c is not the one"),
        (lambda h: h.replace('<span class="embed-source">', "<span>", 1), "2 source lines in the site"),
    ],
)
def test_a_part_not_found_as_expected_is_an_error(tmp_path, edit, words):
    project = _project(tmp_path / "p")
    site, sources = _converted(project, "site", tmp_path)
    with pytest.raises(render.RenderError, match=words):
        single_file.single_from_site(project, edit(site), sources)


@pytest.mark.slow
def test_built_single_file_equals_a_conversion_of_the_report_of_its_own():
    """The real report: the single file the build derived, against pandoc in single mode."""
    built = require_built(paths.SINGLE_OUT / render.SINGLE_FILE).read_text(encoding="utf-8")
    project = render.load_project(paths.REPORT)
    with tempfile.TemporaryDirectory() as tmp:
        single, sources = _converted(project, "single", Path(tmp))
    assert len(sources) > 10
    assert built == single
