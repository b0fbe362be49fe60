"""``python -m helpers.build``: one entry for every build step."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.build import __main__ as cli
from helpers.build import envsync
from helpers.core import paths


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpers.build", *args],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_command_is_listed():
    res = _run("--help")
    assert res.returncode == 0
    for command in ("run-notebook", "render", "generated", "env-sync", "make-fragment"):
        assert command in res.stdout


def test_no_command_is_an_error():
    res = _run()
    assert res.returncode == 2 and "command" in res.stderr


def test_run_notebook_names_the_declared_stems():
    res = _run("run-notebook", "05_nothing")
    assert res.returncode == 2
    assert "no notebook '05_nothing'" in res.stderr and "01_cleaning" in res.stderr


def test_env_sync_check_on_the_real_files():
    res = _run("env-sync", "--check")
    assert res.returncode == 0, res.stdout
    assert "agrees" in res.stdout


def test_render_delegates_to_the_renderer(monkeypatch):
    from helpers.build import render

    seen = []
    monkeypatch.setattr(render, "main", lambda argv: seen.append(argv) or 7)
    assert cli.main(["render", "report", "--no-pdf"]) == 7
    assert seen == [["report", "--no-pdf"]]


def test_env_sync_delegates(monkeypatch):
    seen = []
    monkeypatch.setattr(envsync, "main", lambda check: seen.append(check) or 0)
    assert cli.main(["env-sync", "--check"]) == 0
    assert seen == [True]


@pytest.mark.parametrize("module", ["helpers.build.render", "helpers.build.nbexec"])
def test_module_entries_still_work(module):
    """Other code runs ``python -m helpers.build.render`` (and the runner with explicit paths)."""
    res = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, check=False
    )
    assert res.returncode == 0, res.stderr
    assert "usage:" in res.stdout
