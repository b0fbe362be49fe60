"""The report tables of notebook 02 (Norwegian labels, formatted cells). Only notebooks import this.

Every number in a label or a note is read from the published figures or computed; none is typed.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.formatting import NOT_APPLICABLE, fmt_num
from helpers.visits import calendar, published
from helpers.visits.demo import DemoTruth
from helpers.visits.forecast import ModelForecast
from helpers.visits.model import CountModelFit, regime_effects, weekday_effects
from helpers.visits.published import H1_FIRST_WEEK, H1_WEEKS, SeedFigures
from helpers.visits.targets import CalibrationTargets, Printed

PCT = "\u00a0%"
# NB2's overdispersion alpha is the reciprocal of the size k: alpha = RECIPROCAL / k
RECIPROCAL = 1


def fmt_rr(rr: float, low: float, high: float) -> str:
    """A rate ratio with its interval: ``1,08 (0,97–1,21)``.

    Parameters
    ----------
    rr, low, high : float
        The rate ratio and its interval limits.

    Returns
    -------
    str
        Two decimals, Norwegian format.
    """
    return f"{fmt_num(rr, 2)} ({fmt_num(low, 2)}–{fmt_num(high, 2)})"


def _plain(s: str) -> str:
    """A number in a row label with a plain space as thousands separator (as the labels print it)."""
    return s.replace("\u00a0", " ")


def _line(p: Printed) -> str:
    return f"(l. {p.lines_nb})"


def annual_table(daily: pd.DataFrame, targets: CalibrationTargets) -> pd.DataFrame:
    """Opening days and visits per year, next to Tabell 2's printed mean per day.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`helpers.visits.series.daily_frame`).
    targets : CalibrationTargets
        Tabell 2's opening days, totals and printed means.

    Returns
    -------
    pandas.DataFrame
        Per year: opening days (Tabell 2 and calendar), registered visits, visits per open day,
        Tabell 2's printed mean per day and total / (weeks x days per week).
    """
    d = daily.assign(year=daily["date"].dt.year)
    g = d.groupby("year").agg(
        open_days=("open", "sum"),
        observed=("observed", "sum"),
        visits=("visits", "sum"),
        scheduled=("scheduled", "sum"),
    )
    rows = []
    n_sites = daily["site"].nunique()
    recomputed = f"Tabell 2: besøk / ({fmt_num(published.TABELL2_WEEKS)} × dager)"
    for year, r in g.iterrows():
        dpw = targets.opening_days.get(int(year))
        pub_total = targets.annual_tabell2.get(int(year))
        rows.append(
            {
                "År": str(year),
                "Dager per uke (Tabell 2)": fmt_num(dpw),
                "Planlagte dager": fmt_num(r["scheduled"] / n_sites),
                "Åpne dager (kalender)": fmt_num(r["open_days"] / n_sites),
                "Besøk (register)": fmt_num(r["visits"]),
                "Besøk per åpen dag": fmt_num(r["visits"] / r["observed"], 1)
                if r["observed"]
                else NOT_APPLICABLE,
                "Tabell 2: snitt per dag (trykt)": fmt_num(targets.mean_per_day_tabell2.get(int(year))),
                recomputed: fmt_num(published.tabell2_mean_per_day(pub_total, dpw), 1)
                if pub_total and dpw
                else NOT_APPLICABLE,
            }
        )
    return pd.DataFrame(rows)


def _total_rows(figs: SeedFigures, t: CalibrationTargets, cal: str) -> list[tuple[str, str, str, str]]:
    h1 = f"uke {H1_FIRST_WEEK}–{published.H1_LAST_WEEK}"
    june_note = (
        "høyeste måned i januar–juni; " if figs.june_is_max_month_h1 else "ikke høyeste måned i januar–juni; "
    )
    tabell2 = f"Tabell 2 (l. {t.tabell2_line}) trykker {fmt_num(t.annual_tabell2[figs.year - 1])}; "
    return [
        (
            f"Besøk {figs.year - 1}",
            f"{fmt_num(t.huset_only.value)} {_line(t.huset_only)}",
            fmt_num(figs.total_prev_year),
            tabell2 + cal,
        ),
        (
            f"Besøk {h1} {figs.year}",
            f"{fmt_num(t.h1_2025.value)} {_line(t.h1_2025)}",
            fmt_num(figs.h1_total),
            cal,
        ),
        (
            f"Snitt per uke, {h1}",
            f"{fmt_num(t.h1_weekly_mean.value)} {_line(t.h1_weekly_mean)}",
            fmt_num(figs.h1_weekly_mean, 1),
            f"det trykte tallet er totalen delt på {figs.weeks_divisor} uker "
            f"({fmt_num(figs.h1_weekly_mean_published, 1)})",
        ),
        (
            f"Snitt per åpen dag, {h1}",
            f"ca. {fmt_num(t.h1_daily_mean.value)} {_line(t.h1_daily_mean)}",
            fmt_num(figs.h1_per_open_day, 1),
            f"{fmt_num(figs.h1_open_days)} åpne dager i kalenderen; totalen / "
            f"({fmt_num(H1_WEEKS)} × {fmt_num(figs.h1_days_per_week)}) = "
            f"{fmt_num(figs.h1_per_day_nominal, 1)}",
        ),
        (
            f"Besøk juni {figs.year}",
            f"{fmt_num(t.june_2025.value)} {_line(t.june_2025)}",
            fmt_num(figs.june_total),
            june_note + cal,
        ),
    ]


def _month_rows(figs: SeedFigures, t: CalibrationTargets) -> list[tuple[str, str, str, str]]:
    rows = []
    for label, year, m in (
        (str(figs.year - 1), figs.year - 1, figs.months_prev_year),
        (f"januar–juni {figs.year}", figs.year, figs.months_first_half),
    ):
        lo, hi = t.monthly_range[year]
        lines = f"{lo.lines_nb.split('–')[0]}–{hi.lines_nb.split('–')[-1]}"
        rows.append(
            (
                f"Besøk per måned {label}",
                f"stort sett {fmt_num(lo.value)}–{fmt_num(hi.value)} (l. {lines})",
                f"{fmt_num(m.min())}–{fmt_num(m.max())}",
                f"{fmt_num(int(m.between(lo.value, hi.value).sum()))} av {fmt_num(len(m))} "
                "måneder i intervallet",
            )
        )
    return rows


def _peak_rows(figs: SeedFigures, t: CalibrationTargets, cal: str) -> list[tuple[str, str, str, str]]:
    cap = fmt_num(t.capacity.value)
    return [
        (
            f"Toppuke {figs.year} (uke {H1_FIRST_WEEK}–{published.H1_LAST_WEEK})",
            f"uke {t.peak_week}: {fmt_num(t.peak_week_visits.value)} {_line(t.peak_week_visits)}",
            f"uke {figs.peak_week}: {fmt_num(figs.peak_week_visits)}",
            cal,
        ),
        (
            "Snitt per dag i toppuken",
            f"{fmt_num(t.peak_week_per_day.value)} {_line(t.peak_week_per_day)}",
            fmt_num(figs.peak_week_per_open_day, 1),
            f"{fmt_num(figs.peak_week_open_days)} åpne dager i uken; kilden deler på "
            f"{fmt_num(t.peak_week_divisor)}",
        ),
        (
            "Høyeste enkeltdag",
            f"{fmt_num(t.peak_day_low.value)}–{fmt_num(t.peak_day_high.value)} {_line(t.peak_day_low)}",
            fmt_num(figs.peak_day),
            f"{fmt_num(figs.days_at_or_above_peak_low)} dager med minst "
            f"{fmt_num(t.peak_day_low.value)} besøk",
        ),
        (
            "Kapasitetsutnyttelse, snitt",
            f"rundt {fmt_num(t.utilisation_avg.value)}{PCT} {_line(t.utilisation_avg)}",
            f"{fmt_num(figs.utilisation_mean_pct, 1)}{PCT}",
            f"uke {H1_FIRST_WEEK}–{published.H1_LAST_WEEK}, mot {cap} per dag",
        ),
        (
            "Kapasitetsutnyttelse, topp",
            f"opp mot {fmt_num(t.utilisation_peak.value)}{PCT} {_line(t.utilisation_peak)}",
            f"{fmt_num(figs.utilisation_peak_pct, 1)}{PCT}",
            f"{fmt_num(figs.days_over_capacity)} dager over {cap}",
        ),
    ]


def seed_figures_table(figs: SeedFigures, targets: CalibrationTargets, calibrated: bool) -> pd.DataFrame:
    """Seed 000's register figures: as printed (with seed line) and recomputed from the register.

    Parameters
    ----------
    figs : SeedFigures
        The figures recomputed from the register (:func:`helpers.visits.published.seed_figures`).
    targets : CalibrationTargets
        The figures as printed.
    calibrated : bool
        True for the demo register, whose totals are calibration targets (said in the notes).

    Returns
    -------
    pandas.DataFrame
        ``Størrelse, Trykt i kilden, Fra registeret, Merknad``.
    """
    cal = "kalibreringsmål for demoregisteret" if calibrated else ""
    rows = _total_rows(figs, targets, cal) + _month_rows(figs, targets) + _peak_rows(figs, targets, cal)
    return pd.DataFrame(rows, columns=["Størrelse", "Trykt i kilden", "Fra registeret", "Merknad"])


def _forecast_rows(
    t: CalibrationTargets, h1_register: int, case: str, key: str
) -> list[tuple[str, str, str]]:
    pct = getattr(t, f"uplift_{key}_pct").value
    up = f"+{fmt_num(pct)}{PCT}"
    h1 = t.h1_2025.value
    pub = published.published_forecast(h1, pct, published.implied_weeks_divisor(t))
    weeks = fmt_num(pub.h2_weeks)
    described = round(pub.weekly_h1) * (1 + pct / 100) * pub.h2_weeks
    w26 = published.published_forecast(h1, pct, weeks_divisor=H1_WEEKS)
    reg = published.published_forecast(h1_register, pct, pub.weeks_divisor)
    as_published = (
        f"Som publisert: {_plain(fmt_num(h1))} / {fmt_num(pub.weeks_divisor)} × {up} × {weeks}, {case}"
    )
    return [
        (
            f"Trykt, {case} ({up})",
            fmt_num(getattr(t, f"h2_{key}").value),
            fmt_num(getattr(t, f"year_{key}").value),
        ),
        (as_published, fmt_num(pub.h2, 1), fmt_num(pub.year, 1)),
        (
            f"Som teksten beskriver: {fmt_num(round(pub.weekly_h1))} × {up} × {weeks}, {case}",
            fmt_num(described, 1),
            fmt_num(h1 + described, 1),
        ),
        (f"Med {fmt_num(H1_WEEKS)} uker i snittet, {case}", fmt_num(w26.h2, 1), fmt_num(w26.year, 1)),
        (f"Publisert metode på registeret, {case}", fmt_num(reg.h2, 1), fmt_num(reg.year, 1)),
    ]


def forecast_table(targets: CalibrationTargets, h1_register: int, model: ModelForecast) -> pd.DataFrame:
    """The forecast for weeks 27-52, every way the report discusses it.

    Parameters
    ----------
    targets : CalibrationTargets
        The published forecast and its inputs.
    h1_register : int
        Visits in weeks 1-26 of the register.
    model : ModelForecast
        The count model's forecast (:func:`helpers.visits.forecast.model_forecast`).

    Returns
    -------
    pandas.DataFrame
        Rows: printed, rebuilt as published, as the text describes it, with the 26-week mean, the
        published method on the register (basis and high case), the model with its prediction
        interval, and the actual total when the register covers it.
    """
    rows = _forecast_rows(targets, h1_register, "basis", "basis")
    rows += _forecast_rows(targets, h1_register, "høyt", "high")
    level = f"{fmt_num(100 * model.level)}{PCT}"
    rows.append(
        (
            f"Modell: kalender, ukedag, sesong, trend ({level} PI)",
            f"{fmt_num(model.h2)} ({fmt_num(model.low)}–{fmt_num(model.high)})",
            fmt_num(h1_register + model.h2),
        )
    )
    if model.actual is not None:
        rows.append(("Faktisk i registeret", fmt_num(model.actual), fmt_num(h1_register + model.actual)))
    columns = [
        "Beregning",
        f"Uke {model.first_week}–{model.last_week}",
        f"Uke {H1_FIRST_WEEK}–{model.last_week}",
    ]
    return pd.DataFrame(rows, columns=columns)


def model_table(fit: CountModelFit) -> pd.DataFrame:
    """Rate ratios with 95 % CI for the report (weekday, holiday-adjacent, steps, trend) and checks.

    Parameters
    ----------
    fit : CountModelFit
        The count model of notebook 02 (:func:`helpers.visits.model.fit_count_model`).

    Returns
    -------
    pandas.DataFrame
        Each term (``Ledd``) with its formatted rate ratio (CI) or value.
    """
    t = fit.table.set_index("term")
    rows = []
    for _, r in weekday_effects(fit).iterrows():
        if r["weekday_nb"] == "man":
            continue
        name = calendar.WEEKDAY_NAMES_NB[r["weekday"]].capitalize()
        rows.append((f"{name} mot mandag", fmt_rr(r["rr"], r["rr_low"], r["rr_high"])))
    rows.append(
        ("Dag ved siden av helligdag/stengt dag", fmt_rr(*t.loc["adjacent", ["rr", "rr_low", "rr_high"]]))
    )
    for _, r in regime_effects(fit).iterrows():
        rows.append(
            (f"Regimeskifte {r['change'].replace('->', ' → ')}", fmt_rr(r["rr"], r["rr_low"], r["rr_high"]))
        )
    if "t" in t.index:
        rows.append(("Trend per år", fmt_rr(*t.loc["t", ["rr", "rr_low", "rr_high"]])))
    if fit.season_order:
        rows.append(("Årssyklus, amplitude (log-skala)", fmt_num(fit.amplitude, 3)))
    low, high = fit.alpha_ci
    rows.append(
        ("Overspredning alpha (NB2)", f"{fmt_num(fit.alpha, 3)} ({fmt_num(low, 3)}–{fmt_num(high, 3)})")
    )
    rows.append(("Pearson χ²/fg, Poisson-modell", fmt_num(fit.poisson_dispersion, 2)))
    rows.append(("Pearson χ²/fg, NB-modell", fmt_num(fit.nb_dispersion, 2)))
    lb = fit.ljung_box.set_index("lag")
    for lag in lb.index:
        rows.append((f"Ljung–Box, {lag} etterslep: p", fmt_num(lb.loc[lag, "lb_pvalue"], 3)))
    rows.append((f"Autokorrelasjon i residualer, etterslep {fit.acf_lag}", fmt_num(fit.acf, 2)))
    return pd.DataFrame(rows, columns=["Ledd", "Ratebrøk (95 % KI) / verdi"])


def demo_truth_table(truth: DemoTruth) -> pd.DataFrame:
    """The demo generator's true parameters, for the notebook header (log scale where stated).

    Parameters
    ----------
    truth : helpers.visits.demo.DemoTruth
        The spec and the solved levels, trend and steps.

    Returns
    -------
    pandas.DataFrame
        ``Parameter, Sann verdi i generatoren``.
    """
    spec = truth.spec
    rows = [("Frø (numpy default_rng)", str(spec.seed)), ("Periode", f"{spec.start} – {spec.end}")]
    for i, name in enumerate(calendar.WEEKDAY_NAMES_NB):
        if name in ("fredag", "lørdag"):
            continue
        rows.append((f"Ukedagseffekt {name} (log, mot tirsdag)", fmt_num(spec.weekday[i], 2)))
    rows += [
        ("Årssyklus: amplitude (log)", fmt_num(spec.amplitude, 2)),
        ("Årssyklus: toppdag (dag i året)", fmt_num(spec.peak_doy)),
        ("Dag ved siden av helligdag/stengt dag (log)", fmt_num(spec.adjacent, 2)),
        (f"Negativ binomial: størrelse k (alpha = {fmt_num(RECIPROCAL)}/k)", fmt_num(spec.size, 1)),
        ("Trend per år (log), løst fra kalibreringen", fmt_num(truth.trend, 3)),
    ]
    for r, lv in truth.levels.items():
        rows.append((f"Nivå {r} (log), løst fra kalibreringen", fmt_num(lv, 3)))
    for ch, st in truth.steps.items():
        rows.append((f"Sprang {ch.replace('->', ' → ')} (log)", fmt_num(st, 3)))
    return pd.DataFrame(rows, columns=["Parameter", "Sann verdi i generatoren"])
