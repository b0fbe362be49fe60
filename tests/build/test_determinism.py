"""Two clean builds of one commit, in two clones at different paths, are byte-identical.

Each clone runs the plain command sequence of the README's "Without make" section (the four
notebooks with papermill, then the fallback render) with this environment's Python, the clone's
own ``src`` first on the path and ``HUSET_ROOT`` pointing at the clone. The two builds run side by
side. Every file under the output folders is then compared byte for byte.

Nothing is left out. (The labelled ``.sav`` export is opt-in and, when asked for, carries a fixed
header stamp; tests/survey checks that two exports are byte-identical.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.build import pipeline
from helpers.core import paths

pytestmark = pytest.mark.slow

OUTPUT_DIRS = (
    "data/processed",
    "report/_results",
    "report/notebooks",
    "report/_manuscript",
    "report/_single",
)
# file -> why it cannot be identical (none today; an entry must name a file that is written)
EXCLUDED: dict[str, str] = {}


def _build(clone: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "HUSET_ROOT": str(clone), "PYTHONPATH": str(clone / "src")}
    env.pop("SOURCE_DATE_EPOCH", None)  # the commit's time must be what fixes the dates
    py = sys.executable
    steps = [f"{py} -m helpers.build run-notebook {nb.stem}" for nb in pipeline.NOTEBOOKS]
    steps.append(f"{py} -m helpers.build render report --fallback")
    return subprocess.Popen(
        ["bash", "-euo", "pipefail", "-c", " && ".join(steps)],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _outputs(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for d in OUTPUT_DIRS
        for p in sorted((root / d).rglob("*"))
        if p.is_file()
    }


def test_two_clean_builds_are_byte_identical(tmp_path):
    clones = [tmp_path / "a", tmp_path / "second-clone"]
    for c in clones:
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(paths.ROOT), str(c)], check=True)
    procs = [_build(c) for c in clones]
    logs = [p.communicate(timeout=900)[0] for p in procs]
    for p, log in zip(procs, logs, strict=True):
        assert p.returncode == 0, log[-3000:]
    a, b = (_outputs(c) for c in clones)
    assert sorted(a) == sorted(b)
    assert len(a) > 40, sorted(a)  # every output is there (notebooks, previews, tables, results)
    for name in EXCLUDED:
        assert name in a, f"{name} is excluded from the comparison but no longer written: drop the exclusion"
    differ = sorted(n for n in a if n not in EXCLUDED and a[n] != b[n])
    assert differ == [], f"outputs differ between two builds of one commit: {differ}"
    # and the build is not path-dependent: no clone's path is written into any output
    leaks = sorted(n for n in a if str(clones[0]).encode() in a[n])
    assert leaks == [], leaks
