"""Keep ``environment.yml`` (for conda users) in step with ``requirements-lock.txt`` (the pip lock).

The pip lock is the source of truth: ``make lock`` regenerates it from ``requirements.in`` and then
runs ``python -m helpers.build.envsync`` to rewrite ``environment.yml`` with exactly the same pins.
A test compares the two and fails when they drift apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from helpers.core import paths
from helpers.core.writers import write_text_atomic

LOCK = paths.ROOT / "requirements-lock.txt"
ENV = paths.ROOT / "environment.yml"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(lock: Path = LOCK) -> dict[str, str]:
    """``{normalised name: version}`` of every ``name==version`` line in the pip lock."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line.strip())
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def env_pins(env: Path = ENV) -> dict[str, str]:
    """``{normalised name: version}`` of the pip section of ``environment.yml``."""
    data = yaml.safe_load(env.read_text(encoding="utf-8"))
    pins: dict[str, str] = {}
    for dep in data.get("dependencies", []):
        if isinstance(dep, dict) and "pip" in dep:
            for spec in dep["pip"]:
                m = _PIN.match(spec.strip())
                if not m:
                    raise ValueError(f"{env}: pip entry {spec!r} is not pinned as name==version")
                pins[_norm(m.group(1))] = m.group(2)
    return pins


def env_python(env: Path = ENV) -> str | None:
    data = yaml.safe_load(env.read_text(encoding="utf-8"))
    for dep in data.get("dependencies", []):
        if isinstance(dep, str) and dep.startswith("python"):
            return dep
    return None


def render_environment(pins: dict[str, str]) -> str:
    lines = [
        "# Conda environment for the Huset Bergen analysis.",
        "# GENERATED from requirements-lock.txt by `make lock` (python -m helpers.build.envsync):",
        "# edit requirements.in, never this file. tests/test_environment.py checks the two agree.",
        "name: huset-bergen",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {name}=={version}" for name, version in sorted(pins.items())]
    return "\n".join(lines) + "\n"


def main() -> int:
    changed = write_text_atomic(ENV, render_environment(lock_pins()))
    print(f"environment.yml {'rewritten' if changed else 'already in sync'} ({len(lock_pins())} pins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
