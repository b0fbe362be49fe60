"""A student's own visit register, end to end: notebook 02 and the fallback render in a copy.

Each test copies the repository (tracked files, plus the built notebooks and results the other
chapters embed) into a temporary folder, writes a register generated here from a seeded model,
points ``params/02_visit_counts.yml`` at it, runs notebook 02 and the fallback render there
(``HUSET_ROOT``), and reads the Besøkstall chapter of the HTML: it must exit 0, carry no demo
wording, and state numbers that come from the supplied register.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from helpers.core import paths
from helpers.visits import calendar
from tests.build.checks import visible_text
from tests.e2e.build import build

pytestmark = pytest.mark.slow

ROOT = paths.ROOT
DEMO_WORDS = ("generator", "sanne parametre", "demoregister", "syntetisk", "demodata")
BUILT = ("data/processed", "report/_results", "report/notebooks")
CLOSURES = pd.DataFrame(
    {"month": [12], "day": [24], "name_nb": ["Julaften"], "rationale": ["the service's own closure list"]}
)


def _copy_repo(dest: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    for rel in BUILT:
        if not (ROOT / rel).is_dir():
            pytest.skip(f"{rel} is not built (run make report first)")
        shutil.copytree(ROOT / rel, dest / rel, dirs_exist_ok=True)
    return dest


def _simulate(
    regimes: pd.DataFrame, start: str, end: str, sites: dict[str, float], seed: int
) -> pd.DataFrame:
    """Negative-binomial daily visits on the open days of the regimes' calendar (trend, season, weekday)."""
    parsed = calendar.parse_regimes(regimes, "fixture")
    cal = calendar.opening_calendar(start, end, parsed, CLOSURES)
    cal = cal[cal["open"]].reset_index(drop=True)
    rng = np.random.default_rng(seed)
    t = (cal["date"] - cal["date"].min()).dt.days.to_numpy() / 365.25
    season = 0.15 * np.cos(2 * np.pi * (cal["date"].dt.day_of_year.to_numpy() - 20) / 365.25)
    weekday = np.array([0.1, 0.0, 0.05, -0.05, 0.0, -0.2, -0.3])[cal["weekday"].to_numpy()]
    rows = []
    for site, level in sites.items():
        mu = level * np.exp(0.08 * t + season + weekday)
        lam = mu * rng.gamma(30.0, 1 / 30.0, size=len(mu))
        rows.append(pd.DataFrame({"site": site, "date": cal["date"], "visits": rng.poisson(lam)}))
    return pd.concat(rows, ignore_index=True)


def _regimes(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "regime": [r[0] for r in rows],
            "start_date": [r[1] for r in rows],
            "weekdays": [r[2] for r in rows],
            "days_per_week": [len(r[2].split()) for r in rows],
            "basis": ["the service's own opening hours"] * len(rows),
        }
    )


def _run(project: Path, register: pd.DataFrame, name: str, regimes: pd.DataFrame, **params: object) -> str:
    own = project / "data" / "own"
    own.mkdir(parents=True, exist_ok=True)
    out = register.assign(date=register["date"].dt.strftime("%Y-%m-%d"))
    if name.endswith(".xlsx"):
        out.to_excel(own / name, index=False)
    else:
        out.to_csv(own / name, index=False)
    regimes.to_csv(own / "regimes.csv", index=False)
    CLOSURES.to_csv(own / "closures.csv", index=False)
    pfile = project / "params" / "02_visit_counts.yml"
    p = yaml.safe_load(pfile.read_text(encoding="utf-8"))
    p |= {"register_file": f"data/own/{name}", "regimes_file": "data/own/regimes.csv"}
    p |= {"closures_file": "data/own/closures.csv", "forecast_simulations": 500, **params}
    pfile.write_text(yaml.safe_dump(p, allow_unicode=True), encoding="utf-8")
    for cmd in (["run-notebook", "02_visit_counts"], ["render", "report", "--fallback", "--no-pdf"]):
        res = build(project, *cmd)
        assert res.returncode == 0, (
            f"{cmd} exited {res.returncode}:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}"
        )
    text = visible_text(project / "report" / "_single" / "rapport.html")
    body = text.find("Analysen bygger på")
    start = text.rfind("Besøkstall", 0, body)
    end = text.find("Brukerundersøkelsen 2016", body)
    assert 0 <= start < body < end, "the Besøkstall chapter was not found in the rendered HTML"
    (project / "chapter.txt").write_text(text[start:end], encoding="utf-8")
    return re.sub(r"\s+", " ", text[start:end])


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _no_demo_wording(chapter: str) -> None:
    found = [w for w in DEMO_WORDS if w in chapter.lower()]
    assert not found, f"demo wording in the chapter with own data: {found}"


def test_own_csv_two_sites_2019_2021(tmp_path):
    regimes = _regimes(
        [("3 dager", "2019-01-01", "man ons fre"), ("6 dager", "2020-07-01", "man tir ons tor fre lør")]
    )
    reg = _simulate(regimes, "2019-01-01", "2021-12-31", {"Sentrum": 40.0, "Nord": 15.0}, seed=11)
    gap = reg["date"].between("2020-03-09", "2020-03-15")  # ISO week 11 of 2020: no registration
    reg = reg[~gap]
    closed = pd.DataFrame({"site": ["Nord"], "date": [pd.Timestamp("2019-12-24")], "visits": [7]})
    reg = pd.concat([reg, closed], ignore_index=True).sort_values(["site", "date"])
    chapter = _run(_copy_repo(tmp_path), reg, "register.csv", regimes, forecast_year=2021)
    _no_demo_wording(chapter)
    assert f"til sammen {_thousands(int(reg['visits'].sum()))} besøk" in chapter
    assert "2 steder" in chapter and "Nord (" in chapter and "Sentrum (" in chapter
    assert "summen over stedene" in chapter
    assert "uke 11 i 2020" in chapter  # the interpolated week is listed
    assert "24. desember 2019" in chapter  # the row on a closed day is listed
    assert "3 dager → 6 dager" in chapter
    assert "1 er uke 53" in chapter
    assert "Det gis ingen prognose" not in chapter
    assert "prediksjonsintervall" in chapter


def test_own_xlsx_one_regime(tmp_path):
    regimes = _regimes([("5 dager", "2022-01-01", "man tir ons tor fre")])
    reg = _simulate(regimes, "2022-01-01", "2023-12-31", {"Huset": 30.0}, seed=12).drop(columns="site")
    chapter = _run(_copy_repo(tmp_path), reg, "register.xlsx", regimes)  # default forecast_year 2025
    _no_demo_wording(chapter)
    assert f"til sammen {_thousands(int(reg['visits'].sum()))} besøk" in chapter
    assert "ett åpningsregime" in chapter and "ett sted" in chapter
    assert "Det gis ingen prognose for andre halvår 2025" in chapter
    assert "når ikke slutten av første halvår 2025" in chapter


def test_nine_month_register(tmp_path):
    regimes = _regimes([("4 dager", "2023-01-01", "man tir tor fre")])
    reg = _simulate(regimes, "2023-01-01", "2023-09-30", {"Huset": 25.0}, seed=13).drop(columns="site")
    chapter = _run(_copy_repo(tmp_path), reg, "register.csv", regimes, forecast_year=2023)
    _no_demo_wording(chapter)
    assert f"til sammen {_thousands(int(reg['visits'].sum()))} besøk" in chapter
    assert "under to hele år" in chapter  # no seasonal decomposition, and why
    assert "Det gis ingen prognose for andre halvår 2023" in chapter
    assert "ingen årssyklus" in chapter
    assert "Årssyklusen i STL" not in chapter
