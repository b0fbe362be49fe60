"""Notebook 04 and the tests run the same analysis: one function, the notebook's own inputs."""

import json

from helpers.core import paths


def _code(name: str) -> str:
    nb = json.loads(paths.NOTEBOOKS.joinpath(name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def test_notebook_runs_the_shared_analysis():
    """The notebook computes nothing itself: it reads with inputs.read_inputs and calls analysis.run."""
    code = _code("04_cost_comparison.ipynb")
    assert "inputs.read_inputs(" in code and "analysis.run(data, mc_draws, mc_seed)" in code
    assert "asdict(report_results.chapter_numbers(res" in code


def test_every_input_name_of_the_notebook_is_read(notebook_params):
    """Every table the parameters name reaches read_inputs (none is read past the params)."""
    code = _code("04_cost_comparison.ipynb")
    tables = [k for k, v in notebook_params.items() if isinstance(v, str)]
    assert tables and all(f"={k}" in code.replace(" ", "") for k in tables)


def test_the_analysis_has_every_table(result):
    assert len(result.t5) == 8 and len(result.t6) == 35
    assert result.monte_carlo.summary.n == len(result.monte_carlo.ratio) == 1000
    assert set(result.discrepancies["id"]) >= set(
        result.audit.loc[~result.audit["verdict"].isin(["stemmer", "skjønn, ikke avvik"]), "id"]
    )
