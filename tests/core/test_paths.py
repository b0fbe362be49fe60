from pathlib import Path

from helpers.core import paths


def test_root_is_the_repository():
    assert (paths.ROOT / "pyproject.toml").is_file()
    assert paths.RAW == paths.ROOT / "data" / "raw"
    assert paths.DATAPACKAGE.is_file()


def test_resolve_relative_to_root_and_keeps_absolute(tmp_path):
    assert paths.resolve("data/raw/x.csv") == paths.ROOT / "data" / "raw" / "x.csv"
    assert paths.resolve(tmp_path) == tmp_path
    assert paths.resolve(Path("a") / "b") == paths.ROOT / "a" / "b"


def test_results_file_lives_in_the_quarto_project():
    assert paths.results_file("01_cleaning") == paths.REPORT / "_results" / "01_cleaning.yml"
