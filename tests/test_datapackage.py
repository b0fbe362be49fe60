"""data/raw is described completely by datapackage.json, and transcriptions match their seed lines."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.core import catalogue, paths
from tests.conftest import SEEDS

NOT_DATA = {"datapackage.json", "README.md"}
REQUIRED_PROVENANCE = (
    "document",
    "seed_file",
    "citation_key",
    "table",
    "lines",
    "units",
    "period",
    "licence_note",
)
# numeric columns that hold bookkeeping, not transcribed numbers
NOT_TRANSCRIBED = {
    "source_line",
    "category_order",
    "row_order",
    "col_order",
    "year",
    "year_suggested_by_body_text",
    "price_year",
}
MINUS = ("-", "\u2010", "\u2212", "\u2013")  # hyphen, Unicode hyphen, minus sign, en dash


def _data_files():
    return sorted(p.name for p in paths.RAW.iterdir() if p.is_file() and p.name not in NOT_DATA)


def test_every_raw_file_is_a_resource_and_back():
    listed = sorted(r.descriptor["path"] for r in catalogue.resources().values())
    assert listed == _data_files()


@pytest.mark.parametrize("name", sorted(catalogue.resources()))
def test_hash_matches(name):
    res = catalogue.resources()[name]
    assert res.sha256 == catalogue.sha256_file(res.path), (
        f"{res.path.name} changed: raw data are read-only. If this is a deliberate, recorded "
        f"correction, update its hash in datapackage.json"
    )


@pytest.mark.parametrize("name", sorted(catalogue.resources()))
def test_provenance_is_complete(name):
    d = catalogue.resources()[name].descriptor
    assert d.get("title") and d.get("description")
    assert isinstance(d.get("synthetic"), bool)
    missing = [k for k in REQUIRED_PROVENANCE if not d.get("provenance", {}).get(k)]
    assert not missing, f"{name}: provenance lacks {missing}"
    if not d["synthetic"]:
        assert any(f["name"] == "source_line" for f in d["schema"]["fields"])


# English words that must not reach readers through the Norwegian fields (issue 12)
ENGLISH = re.compile(
    r"\b(table|none|untitled|visitors|calibration|synthetic|the|of|and|vs|from|with|see|"
    r"prose|section|caption|question|only|their|opening|days|targets)\b",
    re.IGNORECASE,
)
NB_FIELDS = ("table", "lines", "generator")


@pytest.mark.parametrize("name", sorted(catalogue.resources()))
def test_fields_shown_to_readers_have_a_norwegian_twin(name):
    """Every resource has ``table_nb``; ``lines_nb``/``generator_nb`` where those hold words."""
    d = catalogue.resources()[name].descriptor
    prov = d["provenance"]
    assert prov.get("table_nb"), f"{name}: provenance lacks table_nb (the Norwegian text shown)"
    for field in NB_FIELDS:
        value, nb = prov.get(field), prov.get(field + catalogue.NB_SUFFIX)
        if value is not None and catalogue.needs_nb(field, value):
            assert nb, f"{name}: provenance.{field} {value!r} holds words: add {field}_nb"
        if nb is not None:
            assert value is not None, f"{name}: {field}_nb without {field}"
            # code names and file names are allowed: drop `code`, snake_case and dotted names first
            words = re.sub(r"`[^`]*`|\S*[_.]\S*", " ", nb)
            assert not ENGLISH.search(words), f"{name}: {field}_nb {nb!r} has an English word"
    shown = catalogue.shown_provenance(d)
    assert shown.table == prov["table_nb"]
    assert shown.lines == prov.get("lines_nb", prov["lines"])


def test_shown_provenance_refuses_a_missing_norwegian_field():
    d = {"name": "x", "provenance": {"table": "Tabell 2", "lines": "none"}}
    with pytest.raises(ValueError, match=r"'x' needs provenance.table_nb"):
        catalogue.shown_provenance(d)
    d["provenance"]["table_nb"] = "Tabell 2"
    with pytest.raises(ValueError, match=r"'x' needs provenance.lines_nb"):
        catalogue.shown_provenance(d)
    d["provenance"]["lines"] = "10-12; 14"
    assert catalogue.shown_provenance(d) == catalogue.ShownProvenance("Tabell 2", "10-12; 14", None)


def _line_ranges(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b or a)) for a, b in re.findall(r"(\d+)(?:-(\d+))?", spec)]


@pytest.mark.parametrize("name", sorted(catalogue.resources()))
def test_source_lines_fall_inside_the_declared_ranges(name):
    res = catalogue.resources()[name]
    if res.synthetic:
        pytest.skip("synthetic")
    ranges = _line_ranges(res.descriptor["provenance"]["lines"])
    df = catalogue.read_resource(name)
    for spec in df["source_line"].astype(str):
        for a, b in _line_ranges(spec):
            assert any(lo <= a and b <= hi for lo, hi in ranges), (
                f"{name}: source_line {spec} outside {res.descriptor['provenance']['lines']}"
            )


def _renderings(value: float) -> set[str]:
    """Ways a number can be printed in a Norwegian PDF extract (or SPSS output pasted into it)."""
    if value < 0:
        positive = _renderings(-value)
        return {m + r for r in positive for m in MINUS} | {f"({r})" for r in positive}
    out = set()
    if float(value).is_integer():
        n = int(value)
        plain = str(n)
        out |= {plain, f"{n:,}".replace(",", " "), f"{n:,}".replace(",", "\u00a0")}
        if n >= 1000:
            out.add(f"{n:,}")  # SPSS output with an English thousands comma (L&M Tabell 5.3)
        out |= {plain + ",0", plain + ",00"}
    for dec in (1, 2, 3):
        s = f"{value:.{dec}f}"
        if float(s) == value:
            whole, frac = s.split(".")
            w = int(whole)
            for sep in ("", " ", "\u00a0"):
                out.add(f"{w:,}".replace(",", sep) + "," + frac)
            out.add(f"{w}.{frac}")  # SPSS output pasted with dot decimals (L&M Tabell 5.3)
            if w == 0:
                out.add("," + frac)  # SPSS style: ,045
    return out


def _printed_on(lines: str, value: float) -> bool:
    lines = re.sub(r"[ \t]+", " ", lines)  # the extraction's spacing carries no meaning
    for r in _renderings(value):
        if re.search(r"(?<![\d,])" + re.escape(r) + r"(?![\d]|,\d)", lines):
            return True
    return False


def _transcribed_numeric_fields(fields) -> list[str]:
    """Numeric columns whose values must be printed on the cited line.

    A field may declare ``"transcribed": false`` in its Table Schema when its numbers are not in
    the source at all (the proposed answer codes of the questionnaire codebook); only that field of
    that resource is exempt, and its description must say why.
    """
    return [
        f["name"]
        for f in fields
        if f.get("type") in ("integer", "number")
        and f["name"] not in NOT_TRANSCRIBED
        and f.get("transcribed", True) is not False
    ]


def test_only_declared_fields_escape_the_seed_check():
    """The exemption is narrow: an undeclared numeric field is checked, and a wrong number fails."""
    fields = [
        {"name": "code", "type": "integer", "transcribed": False},
        {"name": "count", "type": "integer"},
        {"name": "n", "type": "integer", "transcribed": True},
    ]
    assert _transcribed_numeric_fields(fields) == ["count", "n"]
    exempt = [
        f["name"] for r in catalogue.resources().values() for f in r.fields if f.get("transcribed") is False
    ]
    assert exempt == ["code"]
    assert all(
        "not printed" in f.get("description", "")
        for r in catalogue.resources().values()
        for f in r.fields
        if f.get("transcribed") is False
    )
    assert not _printed_on("❍ Aldri ❍ 2 ganger ❍ 4 ganger", 3)


@pytest.mark.parametrize("name", sorted(catalogue.resources()))
def test_every_transcribed_number_is_printed_on_its_source_line(name):
    """Golden test of the transcription: each number appears on the seed line the row cites."""
    res = catalogue.resources()[name]
    if res.synthetic:
        pytest.skip("synthetic")
    seed = paths.ROOT.parent / res.descriptor["provenance"]["seed_file"]
    if not seed.is_file():
        pytest.skip(f"seed text {seed} not available (shared/ lies beside the repository)")
    text = seed.read_text(encoding="utf-8").splitlines()
    df = catalogue.read_resource(name)
    numeric = _transcribed_numeric_fields(res.fields)
    missing = []
    for i, row in df.iterrows():
        lines = " ".join(
            text[n - 1] for a, b in _line_ranges(str(row["source_line"])) for n in range(a, b + 1)
        )
        for col in numeric:
            v = row[col]
            if pd.isna(v):
                continue
            as_printed = str(row.get("value_as_printed", ""))
            if as_printed and not re.search(r"\d", as_printed):
                # a number printed as a word ("fire", "én"): the word must be on the line
                ok = re.sub(r"\s+", " ", as_printed) in re.sub(r"\s+", " ", lines)
            else:
                ok = _printed_on(lines, float(v))
            if not ok:
                missing.append(f"row {i + 1} {col}={v} not on line {row['source_line']}")
    assert not missing, f"{name}: " + "; ".join(missing[:10])


def test_seed_check_detects_a_wrong_number():
    """The check above can fail: a number not on the line is reported."""
    assert _printed_on("Antall ansatte 55 12% 49 145% 20 300% 5", 49)
    assert _printed_on("Besøkende gjester 21 000* 42% 14 797 228%", 14797)
    assert _printed_on("2007  18258  51,1  961  224", 51.1)
    assert not _printed_on("2007  18258  51,1  961  224", 51.2)
    assert not _printed_on("2007  18258  51,1  961  224", 1825)
    assert not _printed_on("I svært liten grad  48  30,8", 30)
    assert _printed_on("Konstant \u20100,512 ,045", -0.512) and _printed_on("Sig. ,045", 0.045)
    assert not _printed_on("Sig. ,045", -0.045)
    assert _printed_on("HUSET 2025 7 965 974 (292 262)", -292262)
    assert _printed_on("Gj.snitt\u00a0 23.33\u00a0 40.67", 40.67)


def test_seeds_folder_is_where_the_tests_expect_it():
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    assert len(list(SEEDS.glob("*.txt"))) == 5
