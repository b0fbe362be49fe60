"""Keep ``environment.yml`` (for conda users) in step with ``requirements-lock.txt`` (the pip lock).

The pip lock is the source of truth: ``make lock`` regenerates it from ``requirements.in`` and then
runs ``python -m helpers.build env-sync`` to rewrite ``environment.yml`` with exactly the same pins.
:func:`drift` compares the two; a test fails when they drift apart, and
``python -m helpers.build env-sync --check`` exits non-zero.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers.core import paths
from helpers.core.writers import write_text_atomic

LOCK = paths.ROOT / "requirements-lock.txt"
ENV = paths.ROOT / "environment.yml"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
PYTHON_SPEC = "python=3.11"
# conda-level dependencies environment.yml may list besides the pip section
_CONDA_DEPS = (PYTHON_SPEC, "pip")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(lock: Path = LOCK) -> dict[str, str]:
    """Pins of the pip lock.

    Parameters
    ----------
    lock : Path
        A ``requirements-lock.txt`` written by ``uv pip compile``.

    Returns
    -------
    dict of str to str
        ``{normalised name: version}`` of every ``name==version`` line.
    """
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line.strip())
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def env_pins(env: Path = ENV) -> dict[str, str]:
    """Pins of the pip section of ``environment.yml``.

    Parameters
    ----------
    env : Path
        A conda environment file.

    Returns
    -------
    dict of str to str
        ``{normalised name: version}``; ``ValueError`` for a pip entry that is not ``name==version``.
    """
    pins: dict[str, str] = {}
    for dep in _dependencies(env):
        if isinstance(dep, dict) and "pip" in dep:
            for spec in dep["pip"]:
                m = _PIN.match(spec.strip())
                if not m:
                    raise ValueError(f"{env}: pip entry {spec!r} is not pinned as name==version")
                pins[_norm(m.group(1))] = m.group(2)
    return pins


def conda_deps(env: Path = ENV) -> list[str]:
    """The conda-level (non-pip) dependencies of ``environment.yml``, e.g. ``python=3.11``.

    Parameters
    ----------
    env : Path
        The environment file (default: the repository's).

    Returns
    -------
    list of str
        Every string entry of ``dependencies``, as written.
    """
    return [dep for dep in _dependencies(env) if isinstance(dep, str)]


def _dependencies(env: Path) -> list[object]:
    data = yaml.safe_load(env.read_text(encoding="utf-8")) or {}
    deps = data.get("dependencies", []) if isinstance(data, dict) else None
    if not isinstance(deps, list):
        raise ValueError(f"{env}: expected a mapping with a list of dependencies")
    return deps


@dataclass(frozen=True)
class Drift:
    """How ``environment.yml`` differs from the pip lock.

    Attributes
    ----------
    only_lock : tuple of str
        ``name==version`` pins of the lock that the environment lacks or pins differently.
    only_env : tuple of str
        ``name==version`` pins of the environment that the lock lacks or pins differently.
    conda : tuple of str
        Conda-level dependencies other than ``python=3.11`` and ``pip`` (they would bypass the lock),
        and a missing ``python=3.11``.
    """

    only_lock: tuple[str, ...]
    only_env: tuple[str, ...]
    conda: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.only_lock or self.only_env or self.conda)

    def describe(self) -> str:
        """One line per difference (empty when the files agree).

        Returns
        -------
        str
            Human-readable list of the differences.
        """
        return "\n".join(
            [f"only in the lock: {p}" for p in self.only_lock]
            + [f"only in environment.yml: {p}" for p in self.only_env]
            + [f"conda dependency: {d}" for d in self.conda]
        )


def drift(lock: Path = LOCK, env: Path = ENV) -> Drift:
    """Compare ``environment.yml`` with the pip lock.

    Parameters
    ----------
    lock : Path
        The pip lock.
    env : Path
        The conda environment file.

    Returns
    -------
    Drift
        Empty (false) when every pin agrees and the only conda dependencies are Python 3.11 and pip.
    """
    lp, ep = lock_pins(lock), env_pins(env)
    deps = conda_deps(env)
    conda = [d for d in deps if d not in _CONDA_DEPS]
    if PYTHON_SPEC not in deps:
        conda.append(f"{PYTHON_SPEC} missing")
    return Drift(
        only_lock=tuple(f"{n}=={v}" for n, v in sorted(lp.items()) if ep.get(n) != v),
        only_env=tuple(f"{n}=={v}" for n, v in sorted(ep.items()) if lp.get(n) != v),
        conda=tuple(conda),
    )


def render_environment(pins: dict[str, str]) -> str:
    """The text of ``environment.yml`` for the given pins.

    Parameters
    ----------
    pins : dict of str to str
        ``{name: version}``, normally :func:`lock_pins`.

    Returns
    -------
    str
        A conda environment: Python 3.11, pip, and every pin in the pip section, sorted.
    """
    lines = [
        "# Conda environment for the Huset Bergen analysis.",
        "# GENERATED from requirements-lock.txt by `make lock` (python -m helpers.build env-sync):",
        "# edit requirements.in, never this file. tests/build/test_envsync.py checks the two agree.",
        "name: huset-bergen",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",  # PYTHON_SPEC; drift() checks the two agree
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {name}=={version}" for name, version in sorted(pins.items())]
    return "\n".join(lines) + "\n"


def main(check: bool = False) -> int:
    """Rewrite ``environment.yml`` from the lock, or only check that it agrees.

    Parameters
    ----------
    check : bool
        Only compare (:func:`drift`) and write nothing.

    Returns
    -------
    int
        0; with ``check``, 1 when the files drift apart (the differences are printed).
    """
    if check:
        found = drift(LOCK, ENV)
        if found:
            print(f"environment.yml drifted from requirements-lock.txt (run make lock):\n{found.describe()}")
            return 1
        print("environment.yml agrees with requirements-lock.txt")
        return 0
    pins = lock_pins(LOCK)
    changed = write_text_atomic(ENV, render_environment(pins))
    print(f"environment.yml {'rewritten' if changed else 'already in sync'} ({len(pins)} pins)")
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
