"""End to end: a 40-respondent own survey (.sav) with ``suppress_below: 5`` through notebook 03 and
the fallback render, in a throw-away copy of the repository (``HUSET_ROOT``).

The survey is drawn at test time (seeded, tests/survey/own_fixture.py), with one free-text answer
naming a workplace. Checks: both steps exit 0; the survey chapter has no demo wording and quotes
numbers computed here from the supplied data; no free text or respondent row in the HTML, PDF,
executed notebook or data/processed; an attacker recovers no hidden cell of the printed tables.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import nbformat
import numpy as np
import pyreadstat
import pytest
import yaml

from helpers.core import paths
from helpers.survey import files
from tests.build import checks
from tests.e2e.build import build
from tests.survey.attacker import own_survey_links, recovered, recovered_linked
from tests.survey.own_fixture import FREE_TEXT, own_survey

pytestmark = pytest.mark.slow

STEM = "03_survey_tabulation"
DEMO_WORDS = ("demofil", "demodata", "syntetisk", "2016", "gjengi", "✓", "✗")
_SKIP = {"_manuscript", "_single", ".quarto", "_freeze"}


def _require_built() -> None:
    for p in [
        paths.RESULTS,
        *(paths.REPORT_NOTEBOOKS / f"{s}.ipynb" for s in ("01_cleaning", "02_visit_counts")),
    ]:
        if not p.exists():
            pytest.skip(f"{p} not built (run make report first)")


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    _require_built()
    root = tmp_path_factory.mktemp("own") / "repo"
    for sub in ("data", "notebooks", "params", "src"):
        shutil.copytree(paths.ROOT / sub, root / sub, symlinks=True)
    shutil.copytree(paths.REPORT, root / "report", ignore=lambda d, names: [n for n in names if n in _SKIP])
    for f in ("pyproject.toml",):
        shutil.copy(paths.ROOT / f, root / f)
    cb = files.read_codebook()
    df = own_survey(cb)
    own = root / "data" / "own"
    own.mkdir()
    sav = own / "survey.sav"
    labels = {c: {float(k): v for k, v in cb.labels(c).items()} for c in cb.items.index if cb.labels(c)}
    pyreadstat.write_sav(df, str(sav), variable_value_labels=labels)
    params = yaml.safe_load((paths.PARAMS / f"{STEM}.yml").read_text(encoding="utf-8"))
    params |= {"survey_file": str(sav), "suppress_below": 5}
    pfile = own / "p.yml"
    pfile.write_text(yaml.safe_dump(params), encoding="utf-8")
    before = _digest(root / "data" / "processed")
    target = root / "report" / "notebooks" / f"{STEM}.ipynb"
    for cmd in (
        ["run-notebook", STEM, "--params", str(pfile), "--target", str(target)],
        ["render", str(root / "report"), "--fallback"],
    ):
        res = build(root, *cmd)
        assert res.returncode == 0, f"{cmd[0]} failed:\n{res.stdout[-1500:]}\n{res.stderr[-3000:]}"
    return {"root": root, "df": df, "before": before, "target": target}


def _html(root: Path) -> str:
    return (root / "report" / "_single" / "rapport.html").read_text(encoding="utf-8")


def _chapter(html: str) -> str:
    start = html.index('id="sec-survey"')
    nxt = html.find('id="sec-kostnader"', start)
    return html[start : nxt if nxt > 0 else None]


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_chapter_has_no_demo_wording_and_numbers_from_the_data(run):
    text = _visible(_chapter(_html(run["root"])))
    lowered = text.casefold()
    assert [w for w in DEMO_WORDS if w in lowered] == []
    df = run["df"]
    assert f"med {len(df)} respondenter" in text
    # housing x sex: the respondents with both answers (counted here, not by the code under test)
    both = int((df["q34_kjonn"].notna() & df["q42_bolig"].notna()).sum())
    assert f"100,0 ({both})" in text


def test_no_free_text_or_respondent_row_anywhere(run):
    root = run["root"]
    html = _html(root)
    nb_text = run["target"].read_text(encoding="utf-8")
    pdf = root / "report" / "_manuscript" / "index.pdf"
    assert pdf.is_file()
    pdf_text = checks.pdf_text(pdf)
    for where, text in (("html", html), ("notebook", nb_text), ("pdf", pdf_text)):
        assert FREE_TEXT not in text, where
        assert "Kiwi" not in text, where
    assert _digest(root / "data" / "processed") == run["before"]  # nothing written there (no export)
    assert not (root / "data" / "processed" / "survey_tabulated.sav").exists()
    outputs = "\n".join(
        str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", ""))
        for c in nbformat.read(run["target"], 4).cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert "resp_id" not in outputs  # no data frame of respondents was printed
    row = run["df"].drop(columns=files.own_text_columns(files.read_codebook())).iloc[5]
    codes = " ".join(str(int(v)) for v in row.to_numpy()[1:30] if not np.isnan(v))
    assert codes not in nb_text


def _markdown_outputs(nb_path: Path, label: str) -> str:
    for c in nbformat.read(nb_path, 4).cells:
        if c.cell_type == "code" and f"#| label: {label}" in c.source:
            return "\n".join(o.get("data", {}).get("text/markdown", "") for o in c.get("outputs", []))
    raise AssertionError(f"no cell {label}")


def _pipe_tables(md: str) -> list[list[list[str]]]:
    tables, cur = [], []
    for line in md.splitlines():
        if line.startswith("|"):
            if not set(line) <= set("|:- "):
                cur.append([c.strip() for c in line.strip("|").split("|")])
        elif cur:
            tables.append(cur)
            cur = []
    if cur:
        tables.append(cur)
    return tables


def _num(s: str) -> float:
    return (
        float("nan")
        if s in (":", "–", "")
        else float(s.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    )


def test_attacker_recovers_nothing_in_the_frequency_tables(run):
    tables = _pipe_tables(_markdown_outputs(run["target"], "own-frequencies"))
    assert len(tables) > 50
    hidden_seen = 0
    for t in tables:
        body = t[1:]
        labels = [r[0] for r in body]
        total = labels.index("Total")  # the answered total; with «Ikke svart» and all respondents after it
        counts = {i: _num(r[1]) for i, r in enumerate(body)}
        pcts = {i: (_num(r[2]), total) for i, r in enumerate(body[:total]) if len(r) > 2}
        rel = [(total, list(range(total)))]
        if len(body) == total + 3:
            rel.append((total + 2, [total, total + 1]))
        hidden_seen += sum(np.isnan(v) for v in counts.values())
        assert recovered(counts, rel, pcts) == {}, t
    assert hidden_seen > 0  # the fixture has small cells, so the check is not empty


def test_attacker_recovers_nothing_in_the_crosstabs(run):
    for label in ("tbl-own-kjonn", "tbl-own-alder"):
        (t,) = _pipe_tables(_markdown_outputs(run["target"], label))
        body = [r[1:] for r in t[1:]]
        n_r, n_c = len(body), len(body[0])
        counts, pcts = {}, {}
        for i, row in enumerate(body):
            for j, cell in enumerate(row):
                m = re.fullmatch(r"(\S+) \((\S+)\)", cell)
                assert m, cell
                counts[(i, j)] = _num(m.group(2))
                pcts[(i, j)] = (_num(m.group(1)), (i, n_c - 1))
        rel = [((i, n_c - 1), [(i, j) for j in range(n_c - 1)]) for i in range(n_r)]
        rel += [((n_r - 1, j), [(i, j) for i in range(n_r - 1)]) for j in range(n_c)]
        assert recovered(counts, rel, pcts) == {}, t


def test_attacker_recovers_nothing_in_the_multiple_response_tables(run):
    n = len(run["df"])
    for t in _pipe_tables(_markdown_outputs(run["target"], "own-multiple-response")):
        body = t[1:]
        base = _num(body[-1][1])
        counts, pcts = {"base": base, "not": float("nan"), "all": float(n)}, {}
        for i, r in enumerate(body[:-1]):
            m = re.fullmatch(r"(\S+) \((\S+)\)", r[1])
            assert m, r
            counts[i], pcts[i] = _num(m.group(2)), (_num(m.group(1)), "base")
        if not np.isnan(base):
            counts["not"] = n - base
        assert recovered(counts, [("all", ["base", "not"])], pcts) == {}, t
        if not np.isnan(base) and 0 < n - base < 5:
            raise AssertionError(f"a small non-response ({n - base}) follows from the printed base: {t}")


def _pct_count(cell: str) -> tuple[float, float]:
    m = re.fullmatch(r"(\S+) \((\S+)\)", cell)
    assert m, cell
    return _num(m.group(1)), _num(m.group(2))


def _freq_table(tables: list, labels: list[str]) -> tuple[dict, list, dict]:
    (t,) = [t for t in tables if [r[0] for r in t[1 : len(labels) + 1]] == labels]
    body = t[1:]
    k = len(labels)
    counts = {i: _num(r[1]) for i, r in enumerate(body, start=1)}
    pcts = {i: (_num(r[2]), k + 1) for i, r in enumerate(body[: k + 1], start=1) if len(r) > 2}
    return counts, [(k + 1, list(range(1, k + 1))), (k + 3, [k + 1, k + 2])], pcts


def _cross_table(target: Path, label: str) -> tuple[dict, list, dict]:
    (t,) = _pipe_tables(_markdown_outputs(target, label))
    body = [r[1:] for r in t[1:]]
    n_r, n_c = len(body), len(body[0])
    counts, pcts = {}, {}
    for i, row in enumerate(body, start=1):
        for j, cell in enumerate(row, start=1):
            p, c = _pct_count(cell)
            counts[(i, j)], pcts[(i, j)] = c, (p, (i, n_c))
    rel = [((i, n_c), [(i, j) for j in range(1, n_c)]) for i in range(1, n_r + 1)]
    rel += [((n_r, j), [(i, j) for i in range(1, n_r)]) for j in range(1, n_c + 1)]
    return counts, rel, pcts


def _numeric_rows(target: Path) -> dict[str, tuple[float, float]]:
    (t,) = _pipe_tables(_markdown_outputs(target, "tbl-own-numeric"))
    return {r[0]: (_num(r[1]), _num(r[2])) for r in t[1:]}  # label -> (N, «Ikke svart»)


def test_attacker_recovers_nothing_in_the_number_table(run):
    n = len(run["df"])
    for label, (n_ans, miss) in _numeric_rows(run["target"]).items():
        counts = {"n": n_ans, "missing": miss, "all": float(n)}
        assert recovered(counts, [("all", ["n", "missing"])]) == {}, label


def test_attacker_recovers_nothing_across_the_linked_tables(run):
    """Sex, housing and age tables combined: a cell hidden in one is not pinned by the others."""
    cb = files.read_codebook()
    target = run["target"]
    freqs = _pipe_tables(_markdown_outputs(target, "own-frequencies"))
    sex, housing = cb.labels("q34_kjonn"), cb.labels("q42_bolig")
    age_label = str(cb.items.loc["q33_alder", "item_label"])
    n_ans, miss = _numeric_rows(target)[age_label]
    tables = {
        "sex": _freq_table(freqs, list(sex.values())),
        "bolig": _freq_table(freqs, list(housing.values())),
        "age": ({"n": n_ans, "missing": miss, "all": float(len(run["df"]))}, [("all", ["n", "missing"])], {}),
        "xs": _cross_table(target, "tbl-own-kjonn"),
        "xa": _cross_table(target, "tbl-own-alder"),
    }
    # the codebook's housing grouping of the crosstab columns, as the report's codebook prints it
    group = {1: 1, 2: 2, 3: 2, 4: 2, 6: 2, 5: 3, 7: 3}
    rows = {g: [i for i, code in enumerate(housing, start=1) if group[code] == g] for g in (1, 2, 3)}
    links, latent = own_survey_links(len(sex), rows, 3)
    assert recovered_linked(tables, links, latent) == {}


def test_no_free_text_in_any_file_under_report_or_processed(run):
    root = run["root"]
    needle = FREE_TEXT.encode("utf-8")
    hits = [
        str(p.relative_to(root))
        for folder in (root / "report", root / "data" / "processed")
        for p in folder.rglob("*")
        if p.is_file() and needle in p.read_bytes()
    ]
    assert hits == []


def _captioned_tables(md: str) -> dict[str, list[list[str]]]:
    """Caption -> pipe table (the ``Table:`` line after each table)."""
    out, tables = {}, _pipe_tables(md)
    captions = [line[len("Table: ") :] for line in md.splitlines() if line.startswith("Table: ")]
    assert len(captions) == len(tables)
    for cap, t in zip(captions, tables, strict=True):
        out[cap] = t
    return out


def test_attacker_recovers_nothing_in_the_likert_summary_with_its_frequency_tables(run):
    """Each statement's summary row (uenig, verken, enig, N) adds up its frequency table's categories."""
    target = run["target"]
    freqs = _captioned_tables(_markdown_outputs(target, "own-frequencies"))
    (likert,) = _pipe_tables(_markdown_outputs(target, "tbl-own-likert"))
    hidden_seen = 0
    for row in likert[1:]:
        (cap,) = [c for c in freqs if c.endswith(f": {row[0]}. Antall og prosent av dem som svarte.")]
        f_counts, f_rel, f_pcts = _freq_table([freqs[cap]], [r[0] for r in freqs[cap][1:6]])
        s_counts, s_pcts = {}, {}
        for j in (1, 2, 3):
            s_pcts[j], s_counts[j] = _pct_count(row[j])
            s_pcts[j] = (s_pcts[j], 4)
        s_counts[4] = _num(row[4])
        hidden_seen += sum(np.isnan(v) for v in s_counts.values())
        tables = {"f": (f_counts, f_rel, f_pcts), "s": (s_counts, [(4, [1, 2, 3])], s_pcts)}
        links = [(("s", 1), [("f", 1), ("f", 2)]), (("s", 2), [("f", 3)]), (("s", 3), [("f", 4), ("f", 5)])]
        links.append((("s", 4), [("f", 6)]))
        assert recovered_linked(tables, links, []) == {}, row
    assert hidden_seen > 0
