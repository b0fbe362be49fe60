"""The demo respondent file: made by its generator byte for byte, labelled synthetic, calibrated."""

from __future__ import annotations

import pytest

from helpers.core import catalogue, paths
from helpers.survey import codebook
from helpers.survey import demo as survey_demo
from helpers.survey import tabulation as survey


@pytest.fixture(scope="module")
def inputs(lm_codebook_and_published):
    return lm_codebook_and_published


def test_committed_demo_file_is_the_generator_output(inputs):
    cb, published = inputs
    demo = survey_demo.generate(cb, published)
    committed = paths.raw(f"{survey_demo.DEMO_RESOURCE}.csv").read_text(encoding="utf-8")
    assert demo.to_csv(index=False, lineterminator="\n") == committed


def test_demo_is_labelled_synthetic_everywhere(inputs):
    cb, _ = inputs
    res = catalogue.resources()[survey_demo.DEMO_RESOURCE]
    assert res.synthetic and "demo" in res.path.name
    assert res.descriptor["schema"] == survey_demo.table_schema(cb)
    assert res.descriptor == survey_demo.resource_descriptor(cb) | {
        "hash": res.descriptor["hash"],
        "bytes": res.descriptor["bytes"],
    }
    assert catalogue.synthetic_inputs([survey_demo.DEMO_RESOURCE]) == [survey_demo.DEMO_RESOURCE]


def test_generator_follows_its_targets(inputs):
    """Calibration comes from the transcribed table: change a target, the file follows."""
    cb, published = inputs
    changed = published.copy()
    sel = (changed["table"] == "4.15") & (changed["row_order"] == 1) & (changed["statistic"] == "count")
    changed.loc[sel, "value"] = 40
    demo = codebook.validate(survey_demo.generate(cb, changed), cb)
    assert (demo["q11_lettere_behandling"] == 1).sum() == 40


def test_another_seed_gives_another_file_with_the_same_tables(inputs):
    cb, published = inputs
    a = codebook.validate(survey_demo.generate(cb, published, seed=1), cb)
    b = codebook.validate(catalogue.read_resource(survey_demo.DEMO_RESOURCE), cb)
    assert not a.equals(b)
    for t in ("4.8", "4.9", "6.3"):
        cmp = survey.compare(t, survey.reproduce(t, a, cb), published)
        assert cmp["match"].all()


def test_implied_base_of_table_6_1(inputs):
    """6.1 prints no base; 136 fits seven of its nine percentages (26/136 = 19,1 … 2/136 = 1,5)."""
    _, published = inputs
    t = published[published["table"] == "6.1"].sort_values("row_order")
    counts = t.loc[t["statistic"] == "count", "value"].tolist()
    pcts = t.loc[t["statistic"] == "percent", "value"].tolist()
    assert survey_demo.implied_base(counts, pcts) == 136
    assert survey_demo.implied_base([1, 1], [50.0, 50.0]) == 2
