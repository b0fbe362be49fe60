"""`make bench`: print timings of the build and of the helpers at scale, for this machine.

A benchmark, not a test: it prints figures and the targets of issues 14 and 16 (met / not met) and
never fails on time. Without options it times the no-op, one-notebook and render-only rebuilds of
`make report` in this checkout (median of 3) and the helpers at scale, in-process, on seeded
synthetic data. ``--setup`` adds ``make setup`` (uv) in a fresh clone (``--pip`` also with
``INSTALLER=pip``), ``--report`` a cold build in a temporary clone (both slow). Each figure with a
target says met / not met, and the figures issue 14 measured before its changes are printed beside.
``make bench BENCH_ARGS="--setup --report"`` runs everything.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
SEED = 20261201
MISSING_SHARE = 0.1  # share of empty answers in the synthetic survey
# the targets of issue 14 ("Done when"; the no-op one is issue 16's): seconds, a ratio, or MB
TARGETS = {
    "fresh setup (make setup, uv)": 30.0,
    "cold report (fresh clone)": 35.0,
    "no-op make report": 1.0,
    "one-notebook rebuild": 12.0,
    "render alone": 5.0,
    "survey tabulation": 3.0,
    "survey / pandas baseline": 2.0,
    "read+validate survey CSV": 2.0,
    "  peak memory of that process": 300.0,
    "visit count model": 5.0,
}
# the figures issue 14 measured before its changes (same machine, quiet), printed beside today's
BEFORE = {
    "fresh setup (make setup, uv)": "103 s with pip",
    "cold report (fresh clone)": "53 s",
    "one-notebook rebuild": "22 s",
    "render alone": "12 s",
    "survey tabulation": "7.3-7.9 s",
    "survey / pandas baseline": "4.4-5.4 x",
    "read+validate survey CSV": "11.3 s",
    "  peak memory of that process": "791 MB",
    "visit count model": "6.2-11.5 s",
    "Monte Carlo": "0.14 s",
}
COLD_NOTEBOOKS = ("01_cleaning", "02_visit_counts", "03_survey_tabulation", "04_cost_comparison")


def line(name: str, value: float, unit: str, note: str = "") -> None:
    """Print one figure: name, value, unit, and its target (met / not met) when it has one."""
    target = TARGETS.get(name)
    verdict = ""
    if target is not None:
        verdict = f"target <= {target:g} {unit}: {'met' if value <= target else 'not met'}"
    before = f"(before: {BEFORE[name]})" if name in BEFORE else ""
    print(f"{name:<34} {value:>10.3f} {unit:<3} {verdict} {before} {note}".rstrip(), flush=True)


def timed(fn: Callable[[], object]) -> float:
    """Wall-clock seconds of one call."""
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# ----------------------------------------------------------------------------- helpers at scale


def survey_frame(n: int, seed: int = SEED) -> tuple[pd.DataFrame, dict[str, dict]]:
    """``n`` synthetic respondents: each coded item's valid codes sampled uniformly, some empty.

    Returns the frame (``resp_id`` and one float column per coded item) and item -> labels.
    """
    from helpers.survey import files

    cb = files.read_codebook()
    rng = np.random.default_rng(seed)
    labels = {i: cb.labels(i) for i in cb.items.index}
    labels = {i: lab for i, lab in labels.items() if lab}
    cols = {"resp_id": np.arange(1, n + 1)}
    for item, lab in labels.items():
        v = rng.choice(np.array(list(lab), dtype=float), n)
        v[rng.random(n) < MISSING_SHARE] = np.nan
        cols[item] = v
    return pd.DataFrame(cols), labels


def survey_scale(n: int, seed: int = SEED) -> dict[str, float]:
    """Seconds of :func:`helpers.survey.frequencies.frequency` over every coded item, and of a
    plain ``value_counts`` over the same columns."""
    from helpers.survey import frequencies

    df, labels = survey_frame(n, seed)
    engine = timed(lambda: [frequencies.frequency(df[i], lab) for i, lab in labels.items()])
    baseline = timed(lambda: [df[i].value_counts() for i in labels])
    return {"items": len(labels), "seconds": engine, "baseline": baseline, "ratio": engine / baseline}


def _read_child(path: str) -> None:
    """In a fresh process: read and validate ``path``; print seconds and peak RSS growth as JSON."""
    from helpers.survey import files

    cb = files.read_codebook()
    before = _peak_kib()
    t = time.perf_counter()
    files.read_survey(path, cb)
    seconds = time.perf_counter() - t
    peak = _peak_kib()
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "growth_mb": (peak - before) / 1024}))


def _peak_kib() -> int:
    """This process's peak resident memory in KiB.

    ``VmHWM`` of /proc/self/status where there is one (Linux): unlike ``getrusage``'s ``ru_maxrss``
    it starts anew at exec, so a child does not report the memory of the parent it was forked from.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS


def survey_csv(n: int, seed: int = SEED) -> dict[str, float]:
    """Read + validate an ``n``-row survey CSV in a fresh process (so its peak memory is its own)."""
    df, _ = survey_frame(n, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.csv"
        df.astype({c: "Int64" for c in df.columns}).to_csv(path, index=False)
        out = subprocess.run(
            [sys.executable, __file__, "--read-child", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def visits_scale(sites: int, years: int, seed: int = SEED) -> dict[str, float]:
    """Seconds of :func:`helpers.visits.model.fit_count_model` on ``sites`` x ``years`` of daily
    visits: the project's regimes (the first moved back so it covers the span) and closures, the
    open days' visits a seeded negative-binomial draw (mean 40 x a site factor, size 30)."""
    from helpers.visits import calendar, inputs, model, series

    regimes = inputs.read_regimes()
    last = regimes["start"].max().year
    first = min(regimes["start"].min().year, last - years + 1)
    regimes.loc[regimes["start"].idxmin(), "start"] = pd.Timestamp(f"{first}-01-01")
    start, end = pd.Timestamp(f"{last - years + 1}-01-01"), pd.Timestamp(f"{last}-12-31")
    cal = calendar.opening_calendar(start, end, regimes, inputs.read_closures())
    days = cal.loc[cal["open"], "date"]
    rng = np.random.default_rng(seed)
    size = 30.0
    frames = []
    for s in range(sites):
        mean = 40.0 * rng.uniform(0.5, 2.0)
        v = rng.negative_binomial(size, size / (size + mean), len(days))
        frames.append(pd.DataFrame({"site": f"S{s + 1:02d}", "date": days.to_numpy(), "visits": v}))
    daily = series.daily_frame(pd.concat(frames, ignore_index=True), cal)
    seconds = timed(lambda: model.fit_count_model(daily))
    return {"seconds": seconds, "rows": int(daily["observed"].sum())}


def montecarlo_scale(draws: int, seed: int = SEED) -> dict[str, float]:
    """Seconds of :func:`helpers.costs.montecarlo.monte_carlo` with ``draws`` draws."""
    from helpers.core import catalogue
    from helpers.costs import montecarlo

    params = catalogue.read_resource("huset_cost_parameters")
    return {"seconds": timed(lambda: montecarlo.monte_carlo(params, draws, seed))}


# ----------------------------------------------------------------------------- build timings


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Seconds of one command (output discarded; a failure stops the benchmark)."""
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def make_report_after(touch: str | None) -> float:
    """Median seconds of ``make report`` in this checkout, each run after touching ``touch``."""
    subprocess.run(["make", "report"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(RUNS):
        if touch:
            (ROOT / touch).touch()
        times.append(run(["make", "report"], ROOT))
    return statistics.median(times)


def _cache_note(name: str, cache: Path | None) -> str:
    size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) if cache and cache.is_dir() else 0
    return f"{name} cache {'warm' if size else 'empty'} ({size / 2**20:.0f} MB in {cache or 'none'})"


def fresh_setup(installer: str = "uv") -> None:
    """``make setup`` in a fresh clone (uv by default, ``pip`` the fallback); says how warm the
    installer's cache was."""
    if installer == "uv":
        cache = Path(os.environ.get("UV_CACHE_DIR", Path.home() / ".cache" / "uv"))
    else:
        out = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True)
        cache = Path(out.stdout.strip()) if out.stdout.strip() else None
    note = _cache_note(installer, cache)
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        t = run(["make", "setup", f"INSTALLER={installer}"], clone)
    line(f"fresh setup (make setup, {installer})", t, "s", note)


def cold_report() -> None:
    """The README's "Without make" sequence in a fresh clone, with this .venv's Python.

    The Makefile's ``.venv`` is relative to the checkout (``make PY=...`` alone would set up a new
    one), so the clone is built by the plain commands with ``HUSET_ROOT``/``PYTHONPATH`` on it.
    """
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        env = dict(os.environ, HUSET_ROOT=str(clone), PYTHONPATH=str(clone / "src"))
        build = [sys.executable, "-m", "helpers.build"]
        t = run([*build, "check-params"], clone, env)
        for stem in COLD_NOTEBOOKS:
            t += run([*build, "run-notebook", stem], clone, env)
        t += run([*build, "render", "report"], clone, env)
    line("cold report (fresh clone)", t, "s", "README 'Without make' sequence")


def main(argv: list[str] | None = None) -> None:
    """Parse the options and print every figure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--setup", action="store_true", help="time `make setup` in a fresh clone (slow)")
    ap.add_argument("--pip", action="store_true", help="with --setup: also time INSTALLER=pip (slower)")
    ap.add_argument("--report", action="store_true", help="time a cold build in a fresh clone (slow)")
    ap.add_argument(
        "--build-only", action="store_true", help="only the make report figures (not the helpers at scale)"
    )
    ap.add_argument("--read-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.read_child:
        _read_child(args.read_child)
        return
    renderer = "Quarto" if shutil.which("quarto") else "pandoc+typst fallback"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"make bench: {os.cpu_count()} cores (load average {load}), renderer {renderer}, "
        f"median of {RUNS} where stated"
    )
    if args.setup:
        fresh_setup("uv")
        if args.pip:
            fresh_setup("pip")
    if args.report:
        cold_report()
    line("no-op make report", make_report_after(None), "s", "median of 3")
    line("one-notebook rebuild", make_report_after("notebooks/04_cost_comparison.ipynb"), "s", "median of 3")
    line("render alone", make_report_after("report/index.qmd"), "s", "median of 3")
    if args.build_only:
        return
    s = survey_scale(100_000)
    line("survey tabulation", s["seconds"], "s", f"100 000 respondents x {s['items']} items")
    line("pandas value_counts baseline", s["baseline"], "s", "same columns")
    line("survey / pandas baseline", s["ratio"], "x")
    c = survey_csv(100_000)
    line("read+validate survey CSV", c["seconds"], "s", "100 000 rows")
    line("  peak memory of that process", c["peak_mb"], "MB", f"(+{c['growth_mb']:.0f} MB by the read)")
    v = visits_scale(20, 10)
    line("visit count model", v["seconds"], "s", f"20 sites x 10 years, {v['rows']} open days")
    line("Monte Carlo", montecarlo_scale(1_000_000)["seconds"], "s", "10^6 draws")


if __name__ == "__main__":
    main()
