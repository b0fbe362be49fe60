"""No number is typed into a string of the helpers either: explanation strings take numbers from data.

The report-text rule (:mod:`tests.typed_numbers`) is applied to every prose-like string literal in
``src/helpers`` (two or more letters and a space; docstrings and comments are not strings that
reach a reader). A string that must hold a digit that names something the rule does not know gets
one entry in ``ALLOWED`` with the reason; anything else is a number computed by hand, which belongs
in ``data/raw`` (with its seed line) or in a computation.
"""

from __future__ import annotations

import ast
import re

import pytest

from helpers.core import paths
from tests.typed_numbers import hand_typed_numbers

SRC = paths.ROOT / "src" / "helpers"
PROSE = re.compile(r"[A-Za-zÆØÅæøå]{2}|[%/=×]")

# (file relative to src/helpers, the string or its start) -> why its digits name something
ALLOWED: dict[tuple[str, str], str] = {
    ("build/envsync.py", "  - python=3.11"): "the Python version the environment pins",
    ("core/validation.py", "file is not valid UTF-8 ("): "the name of an encoding",
    ("core/catalogue.py", " does not exist: run notebook 01 first (make data)"): "a notebook's number",
}


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def typed_numbers_in_source(text: str) -> list[tuple[int, str, list[str]]]:
    """(line, string, numbers) for each prose-like string of ``text`` (letters, or a sum: % / = ×)."""
    tree = ast.parse(text)
    docs = _docstring_ids(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs:
            continue
        s = node.value
        if not PROSE.search(s) or " " not in s.strip():
            continue
        numbers = hand_typed_numbers(s)
        if numbers:
            found.append((node.lineno, s, numbers))
    return sorted(found)


@pytest.mark.parametrize(
    "source, numbers",
    [
        ('x = "80 / 120 = 66,7 %"', ["80", "120", "66,7"]),
        ('x = f"{a} / {b} = {c}"', []),
        ('x = "9 901 / 26 uker"', ["9 901"]),
        ('def f():\n    """Takes 3 arguments."""\n    return "Tabell 4.14, linje 1093"', []),
        ('x = "q11_bedre_helse"', []),
        ('x = "uke 24 i 2025"', []),
        ('x = f"snitt {m} per dag, 115 i uke 24"', ["115"]),
    ],
)
def test_the_scanner_finds_typed_numbers(source, numbers):
    assert [n for _, _, ns in typed_numbers_in_source(source) for n in ns] == numbers


def test_no_number_is_typed_into_a_helpers_string():
    offenders = []
    for file in sorted(SRC.rglob("*.py")):
        rel = file.relative_to(SRC).as_posix()
        for line, s, numbers in typed_numbers_in_source(file.read_text(encoding="utf-8")):
            if not any(r == rel and s.startswith(start) for r, start in ALLOWED):
                offenders.append(f"{rel}:{line}: {s!r} quotes {numbers}")
    assert not offenders, "numbers typed into strings (compute or read them):\n" + "\n".join(offenders)


def test_every_allowed_string_still_exists():
    for rel, s in ALLOWED:
        assert s in (SRC / rel).read_text(encoding="utf-8"), f"stale ALLOWED entry {rel}: {s!r}"
