"""The demo respondent file: made by its generator byte for byte, labelled synthetic, calibrated."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from helpers.core import catalogue, paths
from helpers.survey import codebook, demo, demo_fit, demo_resource, published
from helpers.survey.compare import compare
from helpers.survey.lm_tables import reproduce


def pub_facts():
    return published.read_text_facts()


@pytest.fixture(scope="module")
def inputs(lm_codebook_and_published):
    return lm_codebook_and_published


def test_committed_demo_file_is_the_generator_output(inputs):
    cb, published = inputs
    generated = demo.generate(cb, published, pub_facts())
    committed = paths.raw(f"{demo_resource.DEMO_RESOURCE}.csv").read_text(encoding="utf-8")
    assert generated.to_csv(index=False, lineterminator="\n") == committed


def test_demo_is_labelled_synthetic_everywhere(inputs):
    cb, _ = inputs
    res = catalogue.resources()[demo_resource.DEMO_RESOURCE]
    assert res.synthetic and "demo" in res.path.name
    assert res.descriptor["schema"] == demo_resource.table_schema(cb)
    assert res.descriptor == demo_resource.resource_descriptor(cb) | {
        "hash": res.descriptor["hash"],
        "bytes": res.descriptor["bytes"],
    }
    assert catalogue.synthetic_inputs([demo_resource.DEMO_RESOURCE]) == [demo_resource.DEMO_RESOURCE]


def test_generator_follows_its_targets(inputs):
    """Calibration comes from the transcribed table: change a target, the file follows."""
    cb, published = inputs
    changed = published.copy()
    sel = (changed["table"] == "4.15") & (changed["row_order"] == 1) & (changed["statistic"] == "count")
    changed.loc[sel, "value"] = 40
    data = codebook.validate(demo.generate(cb, changed, pub_facts()), cb)
    assert (data["q11_lettere_behandling"] == 1).sum() == 40


def test_another_seed_gives_another_file_with_the_same_tables(inputs):
    cb, published = inputs
    a = codebook.validate(demo.generate(cb, published, pub_facts(), seed=1), cb)
    b = codebook.validate(catalogue.read_resource(demo_resource.DEMO_RESOURCE), cb)
    assert not a.equals(b)
    for t in ("4.8", "4.9", "6.3"):
        cmp = compare(t, reproduce(t, a, cb), published)
        assert cmp["match"].all()


def test_implied_base_of_table_6_1(inputs):
    """6.1 prints no base; 136 fits seven of its nine percentages (26/136 = 19,1 … 2/136 = 1,5)."""
    _, published = inputs
    t = published[published["table"] == "6.1"].sort_values("row_order")
    counts = t.loc[t["statistic"] == "count", "value"].tolist()
    pcts = t.loc[t["statistic"] == "percent", "value"].tolist()
    assert demo.implied_base(counts, pcts) == 136
    assert demo.implied_base([1, 1], [50.0, 50.0]) == 2


def test_exact_ols_by_hand():
    """y = 1, 2, 3, 5 on x = 0..3: slope 6,5 / 5 = 1,3, constant 2,75 - 1,3 * 1,5 = 0,8,
    R² = 1,3 * 6,5 / 8,75 = 169/175; exact, so the floats are the nearest ones."""
    fit = demo_fit.exact_ols(np.array([1.0, 2, 3, 5]), np.array([[0.0], [1], [2], [3]]))
    assert fit.coef == (0.8, 1.3) and fit.r2 == 169 / 175
    with pytest.raises(ValueError, match="whole numbers"):
        demo_fit.exact_ols(np.array([1.5, 2, 3]), np.array([[0.0], [1], [2]]))
    with pytest.raises(ValueError, match="singular"):
        demo_fit.exact_ols(np.array([1.0, 2, 3]), np.array([[1.0], [1], [1]]))


@pytest.mark.parametrize("coretype", ["Haswell", "SkylakeX", "Prescott", None])
def test_generator_does_not_depend_on_the_blas_kernel(coretype):
    """The committed file comes out whatever OpenBLAS kernel runs (the fits never call BLAS)."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    code = (
        "import sys; from helpers.survey import demo, files, published; "
        "sys.stdout.write(demo.generate(files.read_codebook(), published.read_published(), "
        "published.read_text_facts())"
        ".to_csv(index=False, lineterminator='\\n'))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=paths.ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout == paths.raw(f"{demo_resource.DEMO_RESOURCE}.csv").read_text(encoding="utf-8")
