"""The maintenance habits: pre-commit hooks, `make strip`, `make lab`, `make lint` inside `make test`."""

from __future__ import annotations

import json
import re
import shlex
import subprocess

import pytest
import yaml

from helpers.core import paths

VENV_BIN = ".venv/bin/"


def _make_n(target: str) -> list[str]:
    res = subprocess.run(
        ["make", "--no-print-directory", "-n", target],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    return res.stdout.replace("\\\n", " ").splitlines()  # join recipe lines continued with \\


def _config() -> dict:
    return yaml.safe_load((paths.ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def _hooks() -> dict[str, dict]:
    config = _config()
    assert [r["repo"] for r in config["repos"]] == ["local"], "pre-commit cannot download hooks here"
    return {h["id"]: h for r in config["repos"] for h in r["hooks"]}


def test_pre_commit_hooks_run_the_project_tools():
    hooks = _hooks()
    assert sorted(hooks) == ["nbstripout", "ruff", "ruff-format"]
    for hook in hooks.values():
        assert hook["language"] == "system"
        exe = shlex.split(hook["entry"])[0]
        assert exe.startswith(VENV_BIN), exe
        assert (paths.ROOT / exe).is_file(), f"{exe} is not installed by make setup"
    assert shlex.split(hooks["ruff"]["entry"])[1] == "check"
    assert shlex.split(hooks["ruff-format"]["entry"])[1] == "format"


def test_hooks_never_rewrite_raw_data():
    pattern = re.compile(_config()["files"])
    assert not pattern.match("data/raw/provenance/seed003_codebook_build.py")
    assert all(
        pattern.match(p) for p in ("src/helpers/core/paths.py", "tests/conftest.py", "notebooks/a.ipynb")
    )


def _strip_command() -> list[str]:
    (line,) = [line for line in _make_n("strip") if "nbstripout" in line]
    return shlex.split(line)


def test_make_strip_and_the_hook_strip_alike():
    hook = shlex.split(_hooks()["nbstripout"]["entry"])
    make = _strip_command()
    assert make[: len(hook)] == hook
    assert make[len(hook) :] == ["notebooks/*.ipynb"]


def test_strip_restores_a_notebook_saved_in_jupyter(tmp_path):
    """A notebook saved with outputs and Jupyter's metadata strips back to the committed file."""
    source = paths.NOTEBOOKS / "01_cleaning.ipynb"
    nb = json.loads(source.read_text(encoding="utf-8"))
    nb["metadata"]["language_info"].update(
        {
            "mimetype": "text/x-python",
            "version": "3.11.2",
            "pygments_lexer": "ipython3",
            "file_extension": ".py",
        }
    )
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["rows: 12\n"]}]
    saved = tmp_path / source.name
    saved.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert saved.read_text(encoding="utf-8") != source.read_text(encoding="utf-8")
    hook = shlex.split(_hooks()["nbstripout"]["entry"])
    res = subprocess.run(
        [str(paths.ROOT / hook[0]), *hook[1:], str(saved)], capture_output=True, text=True, check=False
    )
    assert res.returncode == 0, res.stderr
    assert saved.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_make_lab_opens_notebooks_with_the_project_kernel():
    (line,) = [line for line in _make_n("lab") if "jupyter" in line]
    assert line.startswith("cd notebooks && ../.venv/bin/jupyter lab")
    assert "default_kernel_name=huset-bergen" in line
    assert (paths.ROOT / ".venv" / "bin" / "jupyter-lab").is_file()
    spec = paths.ROOT / ".venv" / "share" / "jupyter" / "kernels" / "huset-bergen" / "kernel.json"
    assert json.loads(spec.read_text())["display_name"] == "Python 3.11 (huset-bergen)"


@pytest.mark.slow
def test_make_test_runs_lint():
    planned = "\n".join(_make_n("test"))
    for command in ("ruff check src tests notebooks", "ruff format --check", "-m mypy", "lint-imports"):
        assert command in planned, command
