"""The pipeline declaration agrees with the notebooks, their params, the report and the data package."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers.build import pipeline
from helpers.core import catalogue, paths
from tests.conftest import require_built

NOTEBOOKS = pipeline.NOTEBOOKS
RAW = pipeline.raw_files(paths.ROOT)
WRITTEN = pipeline.processed_tables(RAW)
READERS = ("read_processed", "read_resource")  # catalogue functions that name an input
PATH_READERS = {"raw": "raw", "processed": "processed"}  # helpers.core.paths functions


def _quarto() -> dict:
    return yaml.safe_load((paths.REPORT / "_quarto.yml").read_text(encoding="utf-8"))


def test_the_declaration_is_consistent():
    pipeline.check(RAW)
    assert [nb.stem for nb in NOTEBOOKS] == sorted(nb.stem for nb in NOTEBOOKS)


def test_the_check_can_fail():
    visits = pipeline.notebook("02_visit_counts")
    typo = dataclasses.replace(visits, reads_raw=("huset_closure_demo",))
    unwritten = dataclasses.replace(visits, reads_processed=("no_such_table",))
    own = dataclasses.replace(pipeline.notebook("01_cleaning"), reads_processed=("visits_annual",))
    for bad, message in (
        ((NOTEBOOKS[0], typo), "'huset_closure_demo' is not in data/raw/datapackage.json"),
        ((NOTEBOOKS[0], unwritten), "reads data/processed/no_such_table, which no notebook writes"),
        ((own,), "reads data/processed/visits_annual, which it writes itself"),
        ((NOTEBOOKS[0], NOTEBOOKS[0]), "written by both 01_cleaning and 01_cleaning"),
    ):
        with pytest.raises(ValueError, match=message):
            pipeline.check(RAW, bad)
    with pytest.raises(KeyError, match="declared"):
        pipeline.notebook("05_missing")


def test_files_on_disk_are_the_declared_ones():
    for nb in NOTEBOOKS:
        assert (paths.ROOT / nb.source).is_file() and (paths.ROOT / nb.params).is_file(), nb.stem
        assert importlib.util.find_spec(f"helpers.{nb.package}") is not None
    assert sorted(p.name for p in paths.NOTEBOOKS.glob("*.ipynb")) == [
        Path(nb.source).name for nb in NOTEBOOKS
    ]
    assert sorted(p.name for p in paths.PARAMS.glob("*.yml")) == [Path(nb.params).name for nb in NOTEBOOKS]


def test_quarto_lists_the_declared_notebooks_and_results():
    """report/_quarto.yml's notebook views and metadata files are the declared ones, in order."""
    q = _quarto()
    report = paths.REPORT.relative_to(paths.ROOT).as_posix() + "/"
    listed = [entry["notebook"] for entry in q["manuscript"]["notebooks"]]
    assert listed == [nb.executed.removeprefix(report) for nb in NOTEBOOKS]
    assert q["metadata-files"] == [nb.results.removeprefix(report) for nb in NOTEBOOKS]


def test_declared_paths_match_helpers_core_paths():
    for nb in NOTEBOOKS:
        assert paths.ROOT / nb.results == paths.results_file(nb.stem)
        assert (paths.ROOT / nb.executed).parent == paths.REPORT_NOTEBOOKS
    assert all((paths.ROOT / t.path).parent == paths.PROCESSED for t, _ in WRITTEN.values())


# ---------------------------------------------------------------- what the notebooks read


def _cells(nb: pipeline.Notebook) -> list[ast.Module]:
    cells = nbformat.read(paths.ROOT / nb.source, as_version=4).cells
    return [ast.parse(c.source) for c in cells if c.cell_type == "code"]


def _parameters(nb: pipeline.Notebook) -> dict[str, object]:
    """Effective parameter values: the parameters cell, overridden by the params file."""
    cells = nbformat.read(paths.ROOT / nb.source, as_version=4).cells
    (cell,) = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    values = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(cell.source).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    return {**values, **(yaml.safe_load((paths.ROOT / nb.params).read_text()) or {})}


def _aliases(trees: list[ast.Module]) -> dict[str, str]:
    """Local name -> module for every ``import``/``from … import`` of the notebook."""
    out = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    out[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, ast.Import):
                for a in node.names:
                    out[a.asname or a.name] = a.name
    return out


def _value(node: ast.expr, params: dict[str, object], aliases: dict[str, str]) -> str | None:
    """The string an argument evaluates to, when a reader can tell without running the notebook."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and isinstance(params.get(node.id), str):
        return str(params[node.id])
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
        value = getattr(importlib.import_module(aliases[node.value.id]), node.attr, None)
        return value if isinstance(value, str) else None
    if isinstance(node, ast.JoinedStr):
        parts = [
            _value(v.value, params, aliases)
            if isinstance(v, ast.FormattedValue)
            else _value(v, params, aliases)
            for v in node.values
        ]
        return None if None in parts else "".join(str(p) for p in parts)
    return None


def reads(nb: pipeline.Notebook) -> dict[str, set[str]]:
    """What a notebook's code names as input: ``{"raw" | "processed": {names}}``.

    ``catalogue.read_resource(x)`` names a raw resource, ``paths.raw("x.csv")`` a raw file;
    ``catalogue.read_processed(x)`` and ``paths.processed("x.csv")`` name the processed file
    ``x.csv`` (raw names as given, processed ones as file names). An argument
    is resolved when it is a literal, a parameter (its params-file value), a module constant or an
    f-string of those; ``"?"`` records a reader whose argument cannot be resolved.
    """
    trees = _cells(nb)
    params, aliases = _parameters(nb), _aliases(trees)
    found: dict[str, set[str]] = {"raw": set(), "processed": set()}
    for tree in trees:
        for call in (
            n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
        ):
            owner = call.func.value.id if isinstance(call.func.value, ast.Name) else ""
            module = aliases.get(owner, "")
            if module == "helpers.core.catalogue" and call.func.attr in READERS:
                kind = "raw" if call.func.attr == "read_resource" else "processed"
            elif module == "helpers.core.paths" and call.func.attr in PATH_READERS:
                kind = PATH_READERS[call.func.attr]
            else:
                continue
            name = _value(call.args[0], params, aliases) if call.args else None
            if name is not None and kind == "processed" and call.func.attr == "read_processed":
                name += ".csv"
            found[kind].add("?" if name is None else name)
    return found


def _declared_raw(nb: pipeline.Notebook) -> set[str]:
    return set(RAW) if pipeline.ALL_RAW in nb.reads_raw else set(nb.reads_raw)


def _files(names) -> set[str]:
    return {Path(WRITTEN[n][0].path).name if n in WRITTEN else f"{n}.csv" for n in names}


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda nb: nb.stem)
def test_every_read_in_a_notebook_is_declared(nb):
    found = reads(nb)
    raw = {name.removesuffix(".csv") for name in found["raw"]}
    if pipeline.ALL_RAW not in nb.reads_raw:
        assert "?" not in raw, f"{nb.source}: a raw read whose name the test cannot resolve"
        assert raw - _declared_raw(nb) == set(), f"{nb.source} reads undeclared raw resources"
    own = {Path(t.path).name for t, writer in WRITTEN.values() if writer is nb} | set(nb.writes_on_request)
    if "?" in found["processed"]:  # 01 writes data/processed/<name>.csv in a loop over its tables
        assert nb.copies_raw, f"{nb.source}: a processed path the test cannot resolve"
    undeclared = found["processed"] - _files(nb.reads_processed) - own - {"?"}
    assert undeclared == set(), f"{nb.source} reads processed tables not declared in helpers.build.pipeline"


def test_the_read_scanner_finds_what_notebook_02_reads():
    """The scanner resolves parameters and module constants (so the test above can fail)."""
    found = reads(pipeline.notebook("02_visit_counts"))
    assert {"visits_annual.csv", "mo_centres_annual_activity.csv"} <= found["processed"]
    # the raw inputs are read in helpers.visits.inputs, under names the package or the params give
    assert {"huset_daily_register_demo", "huset_key_figures"} <= _named_resources(
        pipeline.notebook("02_visit_counts")
    )


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda nb: nb.stem)
def test_every_declared_read_is_used(nb):
    """No stale declaration: each declared processed table is named by the notebook or its params."""
    found = reads(nb)
    params = {f"{v}.csv" for v in _parameters(nb).values() if isinstance(v, str)}
    unused = _files(nb.reads_processed) - found["processed"] - params
    assert unused == set(), f"{nb.stem} declares tables it never reads"


def _named_resources(nb) -> set[str]:
    """Raw resources named in the notebook's subpackage or as a value of its params."""
    pkg = paths.ROOT / "src" / "helpers" / nb.package
    named = set()
    for module in sorted(pkg.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                name = node.value.removesuffix(".csv").rsplit("/", 1)[-1]
                if name in RAW:
                    named.add(name)
    return named | {v for v in _parameters(nb).values() if isinstance(v, str) and v in RAW}


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda nb: nb.stem)
def test_resource_names_in_the_subpackage_are_declared(nb):
    """A raw resource named in the notebook's subpackage (a default input) is a declared input.

    Parameters naming a resource count too: a params value equal to a resource name is an input.
    """
    if pipeline.ALL_RAW in nb.reads_raw:
        pytest.skip("reads every raw resource")
    declared = _declared_raw(nb) | set(nb.reads_processed)
    assert _named_resources(nb) - declared == set(), (
        f"helpers.{nb.package} or {nb.params} names inputs not declared for {nb.stem}"
    )


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda nb: nb.stem)
def test_a_notebook_imports_only_core_and_its_own_subpackage(nb):
    """What the make DAG relies on: a notebook's helpers imports are core and its package."""
    used = {
        module.split(".")[1]
        for module in _aliases(_cells(nb)).values()
        if module.startswith("helpers.") and module.count(".") >= 1
    }
    assert used <= {"core", nb.package}, f"{nb.source} imports helpers.{sorted(used - {'core', nb.package})}"


def test_processed_holds_exactly_the_declared_tables():
    require_built(paths.MANUSCRIPT_OUT / "index.html")
    # besides the tables: the README and the schemas of the tables (written by notebook 01)
    on_disk = sorted(
        p.name for p in paths.PROCESSED.iterdir() if p.name not in ("README.md", "datapackage.json")
    )
    on_request = {name for nb in NOTEBOOKS for name in nb.writes_on_request}
    assert [n for n in on_disk if n not in on_request] == sorted(
        Path(t.path).name for t, _ in WRITTEN.values()
    )


def test_every_raw_resource_is_copied_by_01():
    copied = {name for name, (t, nb) in WRITTEN.items() if nb.copies_raw and t.sources == (name,)}
    assert copied == set(catalogue.resources())


# ---------------------------------------------------------------- make runs it before .venv exists


def test_the_fragment_needs_only_the_standard_library():
    code = (
        "import sys; sys.path.insert(0, 'src'); from pathlib import Path\n"
        "from helpers.build import __main__, pipeline\n"
        "pipeline.make_fragment(Path('.'))\n"
        "third = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'yaml', 'pandas', 'numpy', 'nbformat', 'papermill'})\n"
        "print(third)"
    )
    res = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=paths.ROOT, capture_output=True, text=True, check=False
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]"


def test_make_fragment_command_prints_the_rules(tmp_path):
    out = tmp_path / "p.mk"
    res = subprocess.run(
        [sys.executable, "-m", "helpers.build", "make-fragment", "--root", str(paths.ROOT), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    text = out.read_text()
    assert text == pipeline.make_fragment(paths.ROOT)
    assert "report/notebooks/02_visit_counts.ipynb: $(CODE_02_visit_counts)" in text
    assert (
        "report/notebooks/01_cleaning.ipynb"
        not in text.split("report/notebooks/02_visit_counts.ipynb:")[1].split("\n\t")[0]
    ), "02 must not depend on 01's executed notebook"


def test_make_fragment_reports_a_broken_declaration(tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    pkg = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] != "huset_closures_demo"]
    (tmp_path / "data" / "raw" / "datapackage.json").write_text(json.dumps(pkg))
    res = subprocess.run(
        [sys.executable, "-m", "helpers.build", "make-fragment", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 1
    assert (
        "02_visit_counts: raw resource 'huset_closures_demo' is not in data/raw/datapackage.json"
        in res.stderr
    )
