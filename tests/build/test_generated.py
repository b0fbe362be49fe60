"""Conditional chapter parts: written when their results key says so, empty otherwise."""

from __future__ import annotations

import pytest
import yaml

from helpers.build import generated
from helpers.build.project import RenderError

PART = "Kildekontroll mot @tbl-demo-truth.\n"


def _project(tmp_path, parts):
    (tmp_path / "_quarto.yml").write_text(yaml.safe_dump({"metadata-files": ["_results/02.yml"]}))
    (tmp_path / "_results").mkdir()
    (tmp_path / "_results" / "02.yml").write_text(
        yaml.safe_dump({"visits": {"demo_register": True, "own": False, "n": "12"}})
    )
    (tmp_path / "_part.qmd").write_text(PART)
    (tmp_path / generated.PARTS_FILE).write_text(yaml.safe_dump({"parts": parts}))
    return tmp_path


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        ({"source": "_part.qmd", "when": "visits.demo_register"}, PART),
        ({"source": "_part.qmd", "when": "visits.own"}, ""),
        ({"source": "_part.qmd", "unless": "visits.own"}, PART),
        ({"source": "_part.qmd", "unless": "visits.demo_register"}, ""),
    ],
)
def test_a_part_is_written_or_left_empty(tmp_path, entry, text):
    project = _project(tmp_path, {"_x.qmd": entry})
    [path] = generated.write_parts(project, generated.results_metadata(project))
    assert path == project / generated.GENERATED_DIR / "_x.qmd"
    assert path.read_text() == text


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"source": "_part.qmd", "when": "visits.n"}, "not true/false"),
        ({"source": "_part.qmd", "when": "visits.missing"}, "no such key"),
        ({"source": "_part.qmd"}, "needs 'source'"),
        ({"source": "_part.qmd", "when": "visits.own", "if": "x"}, "needs 'source'"),
    ],
)
def test_a_bad_part_is_an_error(tmp_path, entry, message):
    project = _project(tmp_path, {"_x.qmd": entry})
    with pytest.raises(RenderError, match=message):
        generated.write_parts(project, generated.results_metadata(project))


def test_the_project_declares_its_parts_in_a_readable_file():
    from helpers.core import paths

    spec = yaml.safe_load((paths.REPORT / generated.PARTS_FILE).read_text(encoding="utf-8"))
    for target, entry in (spec.get("parts") or {}).items():
        assert (paths.REPORT / entry["source"]).is_file(), target
        assert f"_generated/{target}" in "".join(
            p.read_text(encoding="utf-8") for p in paths.REPORT.glob("*.qmd")
        ), f"no chapter includes _generated/{target}"
