"""Source notebooks: parameters, hygiene, and the rules notebooks follow."""

from __future__ import annotations

import ast

import nbformat
import pytest
import yaml

from helpers.build import pipeline
from helpers.core import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
PARAMS = sorted(paths.PARAMS.glob("*.yml"))


def _nb(path):
    return nbformat.read(path, as_version=4)


def parameters_cell(nb) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "exactly one cell must be tagged 'parameters'"
    return cells[0]


def parameter_names(nb) -> dict[str, object]:
    tree = ast.parse(parameters_cell(nb).source)
    out = {}
    for node in tree.body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, (
            "the parameters cell holds plain assignments only"
        )
        out[node.targets[0].id] = ast.literal_eval(node.value)  # literals only
    return out


def test_four_notebooks_each_with_a_params_file():
    assert [p.stem for p in NOTEBOOKS] == [
        "01_cleaning",
        "02_visit_counts",
        "03_survey_tabulation",
        "04_cost_comparison",
    ]
    assert [p.stem for p in PARAMS] == [p.stem for p in NOTEBOOKS]
    assert [nb.stem for nb in pipeline.NOTEBOOKS] == [p.stem for p in NOTEBOOKS]


def unknown_keys(params: dict, nb) -> set[str]:
    """Keys of a params mapping that the notebook's parameters cell does not define."""
    return set(params) - set(parameter_names(nb))


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: p.stem)
def test_every_params_key_exists_in_the_parameters_cell(params):
    missing = unknown_keys(
        yaml.safe_load(params.read_text()) or {}, _nb(paths.NOTEBOOKS / f"{params.stem}.ipynb")
    )
    assert missing == set(), f"{params.name}: keys not in the notebook: {missing}"


def test_params_check_catches_an_unknown_key():
    nb = _nb(paths.NOTEBOOKS / "01_cleaning.ipynb")
    assert unknown_keys({"check_hashes": False, "no_such_parameter": 1}, nb) == {"no_such_parameter"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_source_notebook_is_stripped(path):
    nb = _nb(path)
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, "commit notebooks stripped"
    assert nb.metadata["kernelspec"]["name"] == "huset-bergen"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_orchestrate_only(path):
    """No function or class definitions, no hand-built data paths, no backend switching."""
    for c in _nb(path).cells:
        if c.cell_type != "code":
            continue
        tree = ast.parse(c.source)
        defs = [
            type(n).__name__
            for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
        ]
        assert not defs, f"define functions in src/helpers, not in notebooks: {defs}"
        strings = [
            n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
        assert not [s for s in strings if "../" in s or s.startswith(("data/", "/"))], (
            "paths come from helpers.core.paths"
        )
        assert "matplotlib.use" not in c.source and "%matplotlib" not in c.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_labelled_cells_have_captions(path):
    from helpers.build.render import cell_options

    for c in _nb(path).cells:
        if c.cell_type != "code":
            continue
        opts = cell_options(c)
        label = opts.get("label", "")
        if label.startswith("fig-"):
            assert opts.get("fig-cap") and opts.get("fig-alt"), label
        if label.startswith("tbl-"):
            assert opts.get("tbl-cap"), label
