"""The numbers the cost chapter quotes are all written, and they add up."""

import re
from dataclasses import asdict

from helpers.core import paths
from helpers.costs import report_results


def test_results_cover_every_key_the_chapters_quote(result, notebook_params):
    """Each {{< meta costs.* >}} in the chapter and appendix is written by chapter_numbers()."""
    levels = notebook_params["scenario_levels"]
    res = asdict(report_results.chapter_numbers(result, (min(levels), max(levels))))
    used = set()
    parts = sorted(p.name for p in paths.REPORT.glob("_kostnader-*.qmd"))
    assert parts, "the conditional parts of the cost chapter"
    for name in ("_kostnader.qmd", "_vedlegg-avvik.qmd", *parts):
        used |= set(re.findall(r"meta costs\.(\w+)", (paths.REPORT / name).read_text("utf-8")))
    assert used and used <= set(res)
    # counts add up: every discrepancy has a verdict, and the checked total is cells + claims
    n = {k: int(res[k]) for k in ("n_arithmetic", "n_inconsistent", "n_scope", "n_rounding", "n_editorial")}
    assert sum(n.values()) == int(res["n_discrepancies"])
    assert int(res["figures_checked"]) == int(res["repro_cells"]) + int(res["audit_claims"])
