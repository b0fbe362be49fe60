"""Validation names file, line and column; writers never leave half-written files."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from helpers.core import catalogue, validation, writers


def _write(pkg, text):
    (pkg.parent / "visits.csv").write_text(text, encoding="utf-8")


def _problems(pkg):
    with pytest.raises(validation.DataValidationError) as exc:
        catalogue.read_resource("visits", datapackage=pkg, check_hash=False)
    return exc.value


def test_valid_file_is_typed(tiny_package):
    df = catalogue.read_resource("visits", datapackage=tiny_package)
    assert list(df.columns) == ["site", "year", "visits", "share"]
    assert str(df["visits"].dtype) == "Int64"
    assert df["share"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    ("row", "line", "column", "words"),
    [
        ("A,2020,ten,0.5", 2, "visits", "not a valid integer"),
        ("A,2020,1.5,0.5", 2, "visits", "not a valid integer"),
        ("A,2020,-1,0.5", 2, "visits", "greater_than_or_equal_to"),
        ("Z,2020,1,0.5", 2, "site", "isin"),
        ("A,,1,0.5", 2, "year", "required"),
        ("A,2020,1,1.5", 2, "share", "less_than_or_equal_to"),
    ],
)
def test_bad_cell_is_named(tiny_package, row, line, column, words):
    _write(tiny_package, f"site,year,visits,share\n{row}\nB,2020,0,\n")
    err = _problems(tiny_package)
    p = err.problems[0]
    assert (p["line"], p["column"]) == (line, column)
    assert words in p["check"]
    assert "visits.csv" in str(err) and f"line {line}" in str(err) and f"'{column}'" in str(err)


def test_duplicate_primary_key(tiny_package):
    _write(tiny_package, "site,year,visits,share\nA,2020,1,\nB,2020,0,\nA,2020,2,\n")
    err = _problems(tiny_package)
    assert {p["line"] for p in err.problems} == {2, 4}
    assert all("primary key" in p["check"] for p in err.problems)


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("site,year,visits", "missing column(s) ['share']"),
        ("site,year,visits,share,extra", "unexpected column(s) ['extra']"),
        ("year,site,visits,share", "out of order"),
    ],
)
def test_header_problems(tiny_package, header, words):
    ncol = header.count(",") + 1
    _write(tiny_package, header + "\n" + ",".join(["A"] * ncol) + "\n")
    err = _problems(tiny_package)
    assert words in str(err) and "line 1" in str(err)


def test_not_utf8(tiny_package):
    (tiny_package.parent / "visits.csv").write_bytes(
        b"site,year,visits,share\nA,2020,1,\n" + "Å".encode("latin-1")
    )
    assert "not valid UTF-8" in str(_problems(tiny_package))


def test_hash_mismatch_refuses_changed_raw_file(tiny_package):
    import json

    pkg = json.loads(tiny_package.read_text())
    pkg["resources"][0]["hash"] = "sha256:" + "0" * 64
    tiny_package.write_text(json.dumps(pkg))
    with pytest.raises(validation.DataValidationError, match="sha256 differs"):
        catalogue.read_resource("visits", datapackage=tiny_package)
    # an own file replacing the embedded one is not hash-checked, but is validated
    df = catalogue.read_resource("visits", tiny_package.parent / "visits.csv", datapackage=tiny_package)
    assert len(df) == 2


def test_missing_override_file_is_named(tiny_package, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.csv"):
        catalogue.read_resource("visits", tmp_path / "nope.csv", datapackage=tiny_package)


def test_write_text_atomic_skips_unchanged(tmp_path):
    f = tmp_path / "sub" / "a.txt"
    assert writers.write_text_atomic(f, "x") is True
    mtime = f.stat().st_mtime_ns
    assert writers.write_text_atomic(f, "x") is False
    assert f.stat().st_mtime_ns == mtime
    assert writers.write_text_atomic(f, "y") is True
    assert f.read_text() == "y"


def test_write_failure_leaves_no_partial_file(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        writers.write_text_atomic(f, "new")
    assert f.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_csv_is_deterministic(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "b": [0.5, None]})
    writers.write_csv(df, tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_bytes() == b"a,b\n1,0.5\n2,\n"


def test_write_results_sorted_yaml(tmp_path):
    writers.write_results("k", {"b": "2", "a": "1 000"}, tmp_path / "r.yml")
    assert (tmp_path / "r.yml").read_text() == "k:\n  a: 1 000\n  b: '2'\n"


def test_every_embedded_resource_validates():
    for name in catalogue.resources():
        assert len(catalogue.read_resource(name)) > 0, name


def test_make_targets_are_always_rewritten(tmp_path):
    f = tmp_path / "target.html"
    writers.write_text_atomic(f, "x")
    os.utime(f, (1, 1))
    assert writers.write_text_atomic(f, "x", make_target=True) is True
    assert f.stat().st_mtime > 1


def test_write_results_returns_nothing(tmp_path):
    """A notebook cell ending in write_results must show the same (no) output on every run."""
    assert writers.write_results("k", {"a": "1"}, tmp_path / "r.yml") is None
    assert writers.write_results("k", {"a": "1"}, tmp_path / "r.yml") is None


def test_rehash_records_a_deliberate_edit_and_only_that(tiny_package):
    csv = tiny_package.parent / "visits.csv"
    assert catalogue.rehash(tiny_package) == ["visits"]  # the fixture has no hash yet
    assert catalogue.rehash(tiny_package) == []
    csv.write_text(csv.read_text(encoding="utf-8") + "C,2021,3,\n", encoding="utf-8")
    with pytest.raises(validation.DataValidationError, match="sha256"):
        catalogue.read_resource("visits", datapackage=tiny_package)
    assert catalogue.rehash(tiny_package) == ["visits"]
    assert len(catalogue.read_resource("visits", datapackage=tiny_package)) == 3


def test_atomic_writes_are_readable_by_others(tmp_path):
    out = tmp_path / "page.html"
    writers.write_text_atomic(out, "<p>hei</p>")
    assert out.stat().st_mode & 0o777 == 0o644
