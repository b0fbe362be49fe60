"""The Monte Carlo simulation is reproducible from its seed and runs enough draws."""

from helpers.costs import montecarlo
from tests.costs.test_sensitivity import _ratio_params


def test_monte_carlo_reproducible_from_its_seed():
    ra, rb = (
        montecarlo.monte_carlo(_ratio_params(), 10_000, 7),
        montecarlo.monte_carlo(_ratio_params(), 10_000, 7),
    )
    (a, sa), (b, sb) = (ra.ratio, ra.summary), (rb.ratio, rb.summary)
    c = montecarlo.monte_carlo(_ratio_params(), 10_000, 8).ratio
    assert a.equals(b) and sa == sb
    assert not a.equals(c)
    d = montecarlo.draw(_ratio_params(), 10_000, 7)
    assert d["mo_alt2_annual_cost"].between(8.0, 12.0).all()
    assert (d["huset_rent_2025"] == 1.0).all()
    assert sa.q025 < 4.0 < sa.q975 and sa.p_gt_1 == 1.0  # worst case 1,64 > 1


def test_notebook_runs_at_least_10000_draws():
    import yaml

    from helpers.core import paths

    cfg = yaml.safe_load(paths.PARAMS.joinpath("04_cost_comparison.yml").read_text())
    assert cfg["mc_draws"] >= 10_000
