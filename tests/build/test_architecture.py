"""ARCHITECTURE.md stays true: every module it names exists, and it names every subpackage."""

from __future__ import annotations

import importlib.util
import re

from helpers.core import paths

TEXT = (paths.ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
NAMED = sorted(set(re.findall(r"`(helpers(?:\.\w+)+)", TEXT)))


def test_architecture_names_modules_at_all():
    assert len(NAMED) > 10


def test_every_module_named_exists():
    missing = [name for name in NAMED if importlib.util.find_spec(name) is None]
    assert missing == [], f"ARCHITECTURE.md names modules that do not exist: {missing}"


def test_every_subpackage_is_described():
    packages = sorted(
        p.name for p in (paths.ROOT / "src" / "helpers").iterdir() if (p / "__init__.py").is_file()
    )
    assert packages, "no subpackages found"
    undescribed = [p for p in packages if f"helpers.{p}" not in TEXT]
    assert undescribed == [], f"ARCHITECTURE.md does not describe {undescribed}"
