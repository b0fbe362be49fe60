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
