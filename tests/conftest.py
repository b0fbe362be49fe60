"""Shared fixtures. Paths always come from helpers.core.paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.core import paths

SEEDS = paths.ROOT.parent / "shared" / "seeds"


@pytest.fixture
def tiny_package(tmp_path: Path) -> Path:
    """A one-resource data package with a valid CSV, in a temporary folder."""
    (tmp_path / "visits.csv").write_text(
        "site,year,visits,share\nA,2020,10,0.5\nB,2020,0,\n", encoding="utf-8"
    )
    pkg = {
        "resources": [
            {
                "name": "visits",
                "path": "visits.csv",
                "schema": {
                    "primaryKey": ["site", "year"],
                    "fields": [
                        {
                            "name": "site",
                            "type": "string",
                            "constraints": {"required": True, "enum": ["A", "B", "C"]},
                        },
                        {"name": "year", "type": "integer", "constraints": {"required": True}},
                        {
                            "name": "visits",
                            "type": "integer",
                            "constraints": {"required": True, "minimum": 0},
                        },
                        {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 1}},
                    ],
                },
            }
        ]
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    return tmp_path / "datapackage.json"


def require_built(path: Path) -> Path:
    """Fail (not skip) with a clear message when a build product is missing."""
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `make report` first (make test does)")
    return path


@pytest.fixture(scope="session")
def lm_codebook_and_published():
    """The L&M 2016 codebook and every published survey table, as the survey tests need them."""
    from helpers.survey import files, published

    return files.read_codebook(), published.read_published()
