"""The processed tables: the combined visit series, and every table read back with its schema types."""

import pandas as pd
import pytest

from helpers.cleaning import checks, log, tables
from helpers.core import catalogue, paths


def test_annual_visits_long_table():
    out = tables.annual_visits(
        catalogue.read_resource("strax_annual_visits"), catalogue.read_resource("huset_key_figures")
    )
    assert set(out["site"]) == {"Strax-huset", "Huset"}
    assert not out.duplicated(["site", "session", "year"]).any()
    assert out.loc[out["site"] == "Huset", "status"].tolist() == ["actual", "actual", "actual", "forecast"]


@pytest.fixture
def processed_dir(tmp_path, monkeypatch):
    """data/processed redirected to an empty folder, so the round trip cannot see the real one."""
    monkeypatch.setattr(paths, "PROCESSED", tmp_path)
    return tmp_path


def _outputs():
    frames = {n: catalogue.read_resource(n) for n in ("huset_key_figures", "huset_cost_parameters")}
    steps = log.CleaningLog()
    steps.add("huset_key_figures", 3, 3, "read", "embedded raw file")
    out = dict(frames)
    out["visits_annual"] = tables.annual_visits(
        catalogue.read_resource("strax_annual_visits"), frames["huset_key_figures"]
    )
    out["source_flags"] = checks.check_printed_change(frames["huset_key_figures"], "huset_key_figures")
    out["cleaning_log"] = steps.frame()
    return out


def test_processed_tables_come_back_with_their_schema_types(processed_dir):
    out = _outputs()
    catalogue.write_processed(out, tables.processed_schemas(catalogue.resources(), sorted(out)))
    assert (processed_dir / "datapackage.json").is_file()
    kf = catalogue.read_processed("huset_key_figures")
    # integers stay integers (read_csv would make year a float where a column has gaps), text stays text
    assert str(kf["year"].dtype) == "Int64" and str(kf["printed_change_pct"].dtype) == "float64"
    pd.testing.assert_frame_equal(kf, out["huset_key_figures"])
    params = catalogue.read_processed("huset_cost_parameters")
    assert str(params["price_year"].dtype) == "Int64"
    assert params["source_line"].map(type).eq(str).all()  # "1616" is a line reference, not a number
    va = catalogue.read_processed("visits_annual")
    assert (
        str(va["visits"].dtype) == "Int64"
        and va["visits"].tolist() == out["visits_annual"]["visits"].tolist()
    )
    flags = catalogue.read_processed("source_flags")
    assert flags["printed"].tolist() == out["source_flags"]["printed"].tolist()
    assert catalogue.read_processed("cleaning_log")["step"].tolist() == [1]


def test_processed_bytes_are_what_write_csv_writes(processed_dir):
    out = _outputs()
    catalogue.write_processed(out, tables.processed_schemas(catalogue.resources(), sorted(out)))
    text = out["huset_key_figures"].to_csv(index=False, lineterminator="\n")
    assert (processed_dir / "huset_key_figures.csv").read_text(encoding="utf-8") == text


def test_a_table_without_schema_is_refused(processed_dir):
    with pytest.raises(KeyError, match="no Table Schema"):
        tables.processed_schemas(catalogue.resources(), ["made_up_table"])
    with pytest.raises(ValueError, match="no Table Schema"):
        catalogue.write_processed({"x": pd.DataFrame({"a": [1]})}, {})
    with pytest.raises(ValueError, match="columns"):
        catalogue.write_processed({"x": pd.DataFrame({"a": [1]})}, {"x": {"fields": [{"name": "b"}]}})


def test_read_processed_names_what_is_missing(processed_dir):
    with pytest.raises(FileNotFoundError, match="run notebook 01"):
        catalogue.read_processed("huset_key_figures")
    out = _outputs()
    catalogue.write_processed(out, tables.processed_schemas(catalogue.resources(), sorted(out)))
    (processed_dir / "stray.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(KeyError, match="stray"):
        catalogue.read_processed("stray")


def test_every_derived_schema_matches_what_notebook_01_writes():
    out = _outputs()
    for name, schema in tables.DERIVED_SCHEMAS.items():
        assert [f["name"] for f in schema["fields"]] == list(out[name].columns), name
