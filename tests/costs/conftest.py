"""Shared fixtures of the cost tests: the embedded raw tables, read and validated."""

import pytest
import yaml

from helpers.core import catalogue, paths
from helpers.costs import analysis, inputs, parameters


@pytest.fixture(scope="module")
def real():
    params = catalogue.read_resource("huset_cost_parameters")
    return params, parameters.param_values(params), catalogue.read_resource("huset_cost_tables")


@pytest.fixture(scope="session")
def notebook_params() -> dict:
    """Notebook 04's parameters, as papermill passes them."""
    return yaml.safe_load(paths.PARAMS.joinpath("04_cost_comparison.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def raw_inputs(notebook_params) -> analysis.CostInputs:
    """The inputs notebook 04 reads, taken from the raw files (the same tables as data/processed)."""
    names = {
        k: notebook_params[k]
        for k in (
            "params_table",
            "cost_tables",
            "table5_printed",
            "text_figures",
            "key_figures",
            "table1",
            "smahus_table",
        )
    }
    return inputs.read_inputs(**names, claims=notebook_params["audit_claims"], read=catalogue.read_resource)


@pytest.fixture(scope="session")
def result(raw_inputs) -> analysis.CostAnalysis:
    """The whole analysis as notebook 04 runs it (fewer Monte Carlo draws)."""
    return analysis.run(raw_inputs, mc_draws=1000, mc_seed=1, min_draws=1000)
