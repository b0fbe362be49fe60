"""Look at the report as a person would: a headless-Chromium screenshot of the single HTML file and
PNG pages of the PDF, each checked to be neither blank nor solid.

Needs Debian's `chromium` and `poppler-utils` (`.ci/run` installs them in CI). Outside CI the test
is skipped with a reason when they are missing; under CI=true a missing tool is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from helpers.build import render
from helpers.core import paths
from tests.conftest import require_built

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing in CI: .ci/run should have installed it")
        pytest.skip(f"{name} not installed (apt-get install chromium poppler-utils)")
    return path


def ink_fraction(png: Path) -> float:
    """Share of pixels that are not (near) white."""
    im = Image.open(png).convert("L")
    hist = im.histogram()
    return 1 - sum(hist[245:]) / (im.width * im.height)


def test_ink_fraction_tells_blank_from_content(tmp_path):
    blank, half = tmp_path / "blank.png", tmp_path / "half.png"
    Image.new("L", (10, 10), 255).save(blank)
    im = Image.new("L", (10, 10), 255)
    im.paste(0, (0, 0, 10, 5))
    im.save(half)
    assert ink_fraction(blank) == 0 and ink_fraction(half) == pytest.approx(0.5)


def test_single_html_screenshot_is_not_blank(tmp_path):
    chromium = _tool("chromium")
    page = require_built(paths.SINGLE_OUT / render.SINGLE_FILE)
    shot = tmp_path / "rapport.png"
    subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1100,1600",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert 0.01 < ink_fraction(shot) < 0.6, "the screenshot looks blank or solid"


def test_pdf_pages_are_not_blank(tmp_path):
    pdftoppm = _tool("pdftoppm")
    pdf = require_built(paths.MANUSCRIPT_OUT / "index.pdf")
    subprocess.run(
        [pdftoppm, "-r", "40", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("p-*.png"))
    assert pages, "pdftoppm wrote no pages"
    inks = [ink_fraction(p) for p in pages]
    assert all(0.003 < i < 0.6 for i in inks), {p.name: i for p, i in zip(pages, inks, strict=True)}
