"""Report tables of notebook 01: the list of raw files, and the quoted counts."""

from dataclasses import asdict

from helpers.cleaning import checks, report
from helpers.core import catalogue


def _frames():
    return {name: catalogue.read_resource(name) for name in catalogue.resources()}


def test_sources_overview_lists_every_file_once():
    frames = _frames()
    table = report.sources_overview({n: r.descriptor for n, r in catalogue.resources().items()}, frames)
    assert table["Fil"].is_unique and len(table) == len(frames)
    # the flag follows datapackage.json (issue 3 added the first synthetic/demo resources)
    assert set(table["Syntetisk"]) <= {"ja", "nei"}
    assert (table["Syntetisk"] == "ja").sum() == len(catalogue.synthetic_inputs())
    # synthetic exactly where the data package says so, and only demo files are synthetic
    demo = table["Fil"].str.contains("demo")
    assert set(table.loc[~demo, "Syntetisk"]) == {"nei"}
    assert set(table.loc[demo, "Syntetisk"]) <= {"ja"}
    assert table["Kilde"].str.startswith("@").all()


def test_cleaning_numbers_count_files_rows_and_flags():
    frames = _frames()
    flags = checks.source_flags(frames)
    n = report.cleaning_numbers(frames, flags, catalogue.synthetic_inputs(sorted(frames)))
    assert int(n.n_files) == len(catalogue.resources())
    # 1 in huset_key_figures (text vs table; the +44 %/+146 % false flags are gone, issue 13), 4 in strax
    assert n.n_flags == "5" and n.n_flag_files == "2"
    assert set(asdict(n)) == {"n_files", "n_rows", "n_flags", "n_flag_files", "n_synthetic"}
