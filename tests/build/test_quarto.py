"""The real Quarto path: render a copy of the report with Quarto and check what the fallback tests
check (tests/build/checks.py), plus what only Quarto can get wrong (warnings, typst packages).

Runs when ``quarto`` is on PATH or ``QUARTO=`` names one; otherwise every test here is skipped
with that reason (Quarto is never installed by the project). The copy holds the report sources,
the executed notebooks, the results and the generated includes, so run ``make report`` first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from helpers.build import render
from helpers.build.generated import find_quarto
from helpers.core import paths
from tests.build import checks
from tests.conftest import require_built

CM = 72 / 2.54
_SKIP_COPY = {"_manuscript", "_single", ".quarto", "_freeze"}


@dataclass(frozen=True)
class QuartoRun:
    root: Path  # the rendered copy of report/
    log: str  # Quarto's stderr and stdout of both renders
    seconds: float

    @property
    def article(self) -> Path:
        return self.root / "_manuscript" / "index.html"

    @property
    def single(self) -> Path:
        return self.root / "_single" / render.SINGLE_FILE

    @property
    def pdf(self) -> Path:
        return self.root / "_manuscript" / "index.pdf"


def _quarto() -> str:
    quarto = find_quarto()
    if quarto is None:
        pytest.skip("Quarto not found: put `quarto` on PATH or set QUARTO=/path/to/quarto to run these tests")
    return quarto


@pytest.fixture(scope="module")
def quarto_run(tmp_path_factory) -> QuartoRun:
    quarto = _quarto()
    for needed in (
        paths.GENERATED / "_datakilder.qmd",
        paths.RESULTS,
        *paths.REPORT_NOTEBOOKS.glob("*.ipynb"),
    ):
        require_built(needed)
    root = tmp_path_factory.mktemp("quarto") / "report"
    shutil.copytree(paths.REPORT, root, ignore=lambda d, names: [n for n in names if n in _SKIP_COPY])
    # keep-typ leaves index.typ in the copy, for test_typst_needs_no_downloaded_package
    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    config["format"]["typst"]["keep-typ"] = True
    (root / "_quarto.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "QUARTO_LOG_LEVEL": "WARNING"}
    log, start = [], time.monotonic()
    for cmd in (
        [quarto, "render", str(root)],
        [quarto, "render", str(root), "--profile", "single", "--to", "html"],
    ):
        res = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env, timeout=900)
        log.append(res.stdout + res.stderr)
        assert res.returncode == 0, f"{' '.join(cmd)} failed:\n{res.stderr[-3000:]}"
        if (root / "index.typ").is_file():  # the single-profile render removes it
            shutil.copy(root / "index.typ", root.parent / "index.typ")
    return QuartoRun(root, "\n".join(log), time.monotonic() - start)


def _qmd() -> str:
    return render.load_project(paths.REPORT).body


def test_quarto_renders_without_warnings(quarto_run):
    lines = [ln for ln in quarto_run.log.splitlines() if "WARN" in ln.upper() or "ERROR" in ln.upper()]
    assert lines == [], "\n".join(lines)
    print(f"Quarto rendered site, PDF and single file in {quarto_run.seconds:.0f} s")


def test_embeds_crossrefs_and_numbers(quarto_run):
    for page in (quarto_run.article, quarto_run.single):
        checks.check_no_unresolved_syntax(page)
        checks.check_embeds_and_crossrefs(page, _qmd())
        checks.check_numbered(page, _qmd())


def test_appendices_lettered_in_html_and_pdf(quarto_run):
    checks.check_appendices_lettered(checks.visible_text(quarto_run.article), _qmd())
    checks.check_appendices_lettered(checks.visible_text(quarto_run.single), _qmd())
    checks.check_appendices_lettered(checks.pdf_text(quarto_run.pdf), _qmd())


def test_citations_under_referanser(quarto_run):
    entries = ("Bulukin", "Uteseksjonen")
    checks.check_citations_under_references(checks.visible_text(quarto_run.article), entries)
    checks.check_citations_under_references(checks.pdf_text(quarto_run.pdf), entries)


def test_every_embed_links_to_its_cell_on_the_site(quarto_run):
    checks.check_notebook_links(quarto_run.article, minimum=4)
    n_embeds = len(re.findall(r"\{\{< embed [^#]+#(?:fig|tbl)-", _qmd()))
    links = {
        h for h in checks.parse(quarto_run.article).links if re.search(r"-preview\.html#(?:fig|tbl)-", h)
    }
    assert len(links) >= n_embeds, (len(links), n_embeds)
    assert "Notatbøker" in checks.visible_text(quarto_run.article)


def test_single_file_is_self_contained_without_dead_links(quarto_run):
    checks.check_self_contained(quarto_run.single, strict_scripts=False)
    checks.check_no_dead_links(quarto_run.single)
    assert "Typst" not in checks.visible_text(quarto_run.single), (
        "a link to a PDF that is not beside the file"
    )


def test_pdf_keeps_text_inside_the_margins(quarto_run):
    margin = render.load_project(paths.REPORT).typst_format()["margin"]
    x, y = (float(str(margin[k]).removesuffix("cm")) * CM for k in ("x", "y"))
    outside = checks.pdf_words_outside(quarto_run.pdf, x, y)
    assert outside == [], f"{len(outside)} words outside the text area, e.g. {outside[:5]}"
    print(f"Quarto PDF: {checks.pdf_pages(quarto_run.pdf)} pages")


def test_pdf_is_sized_for_its_readers(quarto_run):
    """Issue 12: the article before the appendices at most 25 pages, the whole PDF at most 50."""
    checks.check_sized_for_readers(quarto_run.pdf)


def test_single_file_has_no_english_words_from_the_issue_list(quarto_run):
    checks.check_no_english_words(quarto_run.single)


def test_typst_needs_no_downloaded_package(quarto_run):
    """Quarto's typst callouts import @preview/fontawesome, which typst downloads; typst.lua
    turns callouts into plain typst boxes first, so nothing is imported."""
    typ = quarto_run.root.parent / "index.typ"
    assert typ.is_file(), "keep-typ left no index.typ"
    text = typ.read_text(encoding="utf-8")
    assert "@preview/" not in text and "#block(" in text
