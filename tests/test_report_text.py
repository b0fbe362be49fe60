"""The report text quotes no number by hand: every number comes from a results file.

The article (index.qmd with its chapter includes expanded; the generated appendices are made from
data and are left out) may contain digits only where they name something rather than quote a
result: a calendar year, a source's own table or figure number ("Tabell 4.14", "Figur 2",
"Del 3.1"), or a notebook number. Every other number must be a ``{{< meta key >}}`` shortcode, and
every such key must exist in the results files the notebooks wrote.
"""

from __future__ import annotations

import re

import pytest
import yaml

from helpers.build import render
from helpers.core import paths
from tests.typed_numbers import hand_typed_numbers


@pytest.mark.parametrize(
    "text, found",
    [
        ("Huset hadde {{< meta visits.n >}} besøk i 2024.", []),
        ("Huset hadde 14 897 besøk i 2024.", ["14 897"]),
        ("en andel på 12,5 prosent", ["12,5"]),
        ("Tabell 4.14 og Tabell 5.3, Figur 2 og Del 3.1 i kilden", []),
        ("se `data/raw/x_2016.csv` og [@bulukin2025, s. 12]", []),
        ("<!-- 42 --> @fig-a viser 3 ting", ["3"]),
        ("juni 2016 og 2007–2015", []),
        ("1. Hvordan?\n2. Hvor mye koster 3 besøk?", ["3"]),
        ("uke 24 (linje 1093) og uke 23 (linjene 1180–1182), fra 1. januar, delt på 52 uker", []),
        ("rate 1,08 (95 % KI 1,06–1,11) og 95 %-intervall", ["1,08", "1,06", "1,11"]),
        ("delt på 27 uker gir 367 per uke", ["367"]),
        ("linje 1093 sier 575 besøk i uke 24", ["575"]),
    ],
)
def test_the_checker_finds_typed_numbers(text, found):
    assert hand_typed_numbers(text) == found


def _article_text() -> str:
    project = render.load_project(paths.REPORT)
    raw = project.article.read_text(encoding="utf-8")
    raw = re.sub(r"^\{\{<\s*include\s+_generated/\S+\s*>\}\}\s*$", "", raw, flags=re.M)
    front, body = render.split_front_matter(raw)
    body = render.expand_includes(body, project.article.parent)
    return yaml.safe_dump(front, allow_unicode=True) + "\n" + body


def test_no_number_is_typed_into_the_report_text():
    typed = hand_typed_numbers(_article_text())
    assert typed == [], f"numbers typed into the report text (use {{{{< meta key >}}}}): {typed}"


def test_every_quoted_number_is_backed_by_a_results_file():
    project = render.load_project(paths.REPORT)
    meta: dict = {}
    for f in project.config.get("metadata-files", []):
        assert (paths.REPORT / f).is_file(), f"{f} missing: run make report"
        meta.update(yaml.safe_load((paths.REPORT / f).read_text(encoding="utf-8")) or {})
    keys = re.findall(r"\{\{<\s*meta\s+([\w.-]+)\s*>\}\}", _article_text())
    assert keys, "the article quotes no results at all"
    for key in keys:
        value = render.lookup(meta, key)  # raises if no results file has the key
        assert not isinstance(value, (dict, list)), key
        assert str(value).strip() != "", key
