import os
import subprocess
import sys

import nbformat
import pytest

from helpers.build import nbexec


def test_strip_volatile_removes_timings_and_keeps_parameters():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    nb.metadata["papermill"] = {
        "start_time": "t",
        "end_time": "t",
        "duration": 1.0,
        "environment_variables": {},
        "parameters": {"a": 1},
        "version": "2.7.0",
        "input_path": "/abs/in.ipynb",
    }
    nb.metadata["widgets"] = {}
    nb.cells[0].metadata.update(
        {
            "papermill": {"duration": 0.1, "status": "completed"},
            "execution": {"iopub.status.busy": "t"},
            "tags": ["x"],
        }
    )
    nbexec.strip_volatile(nb, "notebooks/a.ipynb", "report/notebooks/a.ipynb")
    assert nb.metadata["papermill"] == {
        "parameters": {"a": 1},
        "version": "2.7.0",
        "input_path": "notebooks/a.ipynb",
        "output_path": "report/notebooks/a.ipynb",
    }
    assert "widgets" not in nb.metadata
    assert nb.cells[0].metadata == {"tags": ["x"]}


def test_load_params(tmp_path):
    (tmp_path / "p.yml").write_text("a: 1\nb: [x]\n")
    assert nbexec.load_params(tmp_path / "p.yml") == {"a": 1, "b": ["x"]}
    (tmp_path / "e.yml").write_text("")
    assert nbexec.load_params(tmp_path / "e.yml") == {}
    (tmp_path / "bad.yml").write_text("- 1\n")
    with pytest.raises(ValueError, match="mapping"):
        nbexec.load_params(tmp_path / "bad.yml")


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {
        "name": nbexec.KERNEL_NAME,
        "display_name": "huset-bergen",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_a_run_writes_the_target_and_sets_the_results_time(tmp_path):
    results = tmp_path / "r.yml"
    src = _notebook(tmp_path / "ok.ipynb", "out = ''", "open(out, 'w').write('a: 1')")
    (tmp_path / "p.yml").write_text(f"out: {results}\n")
    results.write_text("old")
    os.utime(results, (0, 0))
    target = tmp_path / "out" / "ok.ipynb"
    assert nbexec.run(src, tmp_path / "p.yml", target, results=results) == 0
    assert target.is_file() and results.read_text() == "a: 1"
    assert results.stat().st_mtime >= target.stat().st_mtime


@pytest.mark.slow
def test_a_failed_run_removes_the_earlier_outputs(tmp_path, capsys):
    src = _notebook(tmp_path / "bad.ipynb", "x = 1", "raise ValueError('bad input in row 3')")
    (tmp_path / "p.yml").write_text("x: 2\n")
    target, results = tmp_path / "bad-out.ipynb", tmp_path / "bad.yml"
    target.write_text("earlier run")
    results.write_text("earlier: numbers")
    assert nbexec.run(src, tmp_path / "p.yml", target, results=results) == 1
    err = capsys.readouterr().err
    assert "bad input in row 3" in err and "removed the earlier" in err
    assert not target.exists() and not results.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"bad.ipynb", "p.yml"}  # no temporary left behind


@pytest.mark.slow
def test_a_run_that_writes_no_results_fails(tmp_path, capsys):
    src = _notebook(tmp_path / "quiet.ipynb", "x = 1", "y = x")
    (tmp_path / "p.yml").write_text("")
    target = tmp_path / "quiet-out.ipynb"
    assert nbexec.run(src, tmp_path / "p.yml", target, results=tmp_path / "missing.yml") == 1
    assert "did not write its results file" in capsys.readouterr().err
    assert not target.exists()


def test_the_injected_parameters_cell_gets_a_fixed_id():
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x = 2")]
    )
    nb.cells[1].metadata["tags"] = ["injected-parameters"]
    first_id = nb.cells[0].id
    nbexec.strip_volatile(nb, "a", "b")
    assert nb.cells[1].id == "injected-parameters" and nb.cells[0].id == first_id
    nbformat.validate(nb)


def test_the_next_run_sweeps_what_a_hard_kill_left(tmp_path):
    target = tmp_path / "02_x.ipynb"
    left = tmp_path / ".nbexec-02_x-abc123"
    left.mkdir()
    (left / "02_x.ipynb").write_text("half run")
    other = tmp_path / ".nbexec-03_y-def456"  # another notebook's (possibly live) run
    other.mkdir()
    assert nbexec.sweep(target) == [left]
    assert not left.exists() and other.is_dir()


def test_the_runner_ignores_its_temporary_folders_in_git():
    import subprocess

    from helpers.core import paths

    probe = paths.REPORT_NOTEBOOKS / ".nbexec-01_cleaning-probe" / "01_cleaning.ipynb"
    res = subprocess.run(
        ["git", "check-ignore", "-q", str(probe)], cwd=paths.ROOT, capture_output=True, check=False
    )
    assert res.returncode == 0, "report/notebooks/.nbexec-* is not ignored by git"


def test_the_runner_imports_nothing_heavy():
    # the runner process only starts a kernel and moves a file: pandas and pandera are the kernel's
    code = (
        "import sys; from helpers.build import __main__, nbexec, params, pipeline; "
        "print(sorted(m for m in ('pandas', 'pandera', 'numpy', 'seaborn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
