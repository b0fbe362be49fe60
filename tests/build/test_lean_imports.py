"""helpers.build's processes do not build rfc3987_syntax's IRI grammars (see helpers/build/__init__.py).

Each check runs in a fresh interpreter, so what other tests imported does not count.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.core import paths

LOADED = "import sys; print(sys.modules.get('rfc3987_syntax') is not None, 'jsonschema' in sys.modules)"


def _python(code: str) -> str:
    res = subprocess.run(
        [sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True, check=True
    )
    return res.stdout.strip()


def test_plain_nbformat_imports_the_iri_grammars():
    """Why the guard exists; if this fails, jsonschema no longer imports it eagerly: drop the guard."""
    assert _python(f"import nbformat; {LOADED}") == "True True"


@pytest.mark.parametrize(
    "module", ["helpers.build.resolve", "helpers.build.nbexec", "helpers.build.notebook_view"]
)
def test_build_modules_read_notebooks_without_the_iri_grammars(module):
    assert _python(f"import {module}, nbformat; {LOADED}") == "False True"


def test_notebooks_are_still_validated_under_the_guard():
    code = (
        "import helpers.build, nbformat\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['cell_type'] = 'nonsense'\n"
        "try:\n"
        "    nbformat.validate(nb)\n"
        "except nbformat.ValidationError:\n"
        "    print('invalid')\n"
    )
    assert _python(code) == "invalid"


def test_a_module_imported_before_is_left_alone():
    code = f"import rfc3987_syntax, helpers.build, nbformat; {LOADED}"
    assert _python(code) == "True True"
