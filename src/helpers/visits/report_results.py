"""The Norwegian results of notebook 02's register analysis, as the report's ``meta`` keys.

Every sentence is built from the data and the fits, so the chapter is true for any register; the
keys that only the embedded demo register has (Bulukin's figures) are added by
:func:`seed_results`. Only notebooks import this module.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.core import formatting as fmt
from helpers.visits import published
from helpers.visits.decomposition import Decomposition
from helpers.visits.forecast import ForecastSupport, ModelForecast
from helpers.visits.model import YEAR_DAYS, CountModelFit
from helpers.visits.published import SeedFigures
from helpers.visits.register import CalendarCheck
from helpers.visits.report_text import closed_days_text, fmt_date, join_words
from helpers.visits.summary import Interval
from helpers.visits.targets import CalibrationTargets

_NON_LEAP = 2001


def _ci(iv: Interval, decimals: int = 2) -> str:
    return f"{fmt.fmt_num(iv.low, decimals)}–{fmt.fmt_num(iv.high, decimals)}"


def _doy(d: float) -> str:
    day = pd.Timestamp(_NON_LEAP, 1, 1) + pd.Timedelta(days=round(d % YEAR_DAYS) - 1)
    return fmt_date(day)[:-5]


def sites_results(daily: pd.DataFrame) -> dict[str, Any]:
    """Open days per site, and which figures sum over sites and which average.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame.

    Returns
    -------
    dict
        ``n_sites``, ``sites_text`` and ``sites_note`` (one sentence each).
    """
    per_site = daily.groupby("site", sort=True)["open"].sum()
    listed = join_words([f"{s} ({fmt.fmt_int(n)} åpne dager)" for s, n in per_site.items()])
    if len(per_site) == 1:
        text = f"Registeret har ett sted med {fmt.fmt_int(per_site.iloc[0])} åpne dager etter kalenderen"
        note = "Alle figurer viser det ene stedet."
    else:
        text = f"Registeret har {fmt.fmt_int(len(per_site))} steder: {listed}"
        note = (
            "Den daglige figuren og årstallene viser summen over stedene. Ukefigurene, "
            "tellemodellen og STL viser snittet per åpen dag per sted (sted-dag)."
        )
    return {"n_sites": fmt.fmt_int(len(per_site)), "sites_text": text, "sites_note": note}


def register_results(
    reg: pd.DataFrame, daily: pd.DataFrame, checks: CalendarCheck, weekly: pd.DataFrame, filled: pd.Series
) -> dict[str, Any]:
    """Span, size, totals, gaps (with the interpolated weeks) and rows on closed days (with dates).

    Parameters
    ----------
    reg, daily : pandas.DataFrame
        The validated register and its daily frame.
    checks : CalendarCheck
        The register against the calendar.
    weekly : pandas.DataFrame
        Weekly totals.
    filled : pandas.Series
        The interpolated weeks (:func:`helpers.visits.decomposition.weekly_rate_series`).

    Returns
    -------
    dict
        Results keys.
    """
    closed = sorted(pd.to_datetime(checks.on_closed_days["date"]).drop_duplicates())
    closed_text = (
        "Ingen registreringer ligger på dager kalenderen sier var stengt."
        if not closed
        else f"{fmt.fmt_int(len(checks.on_closed_days))} "
        f"{'registrering ligger' if len(checks.on_closed_days) == 1 else 'registreringer ligger'} "
        "på dager kalenderen sier "
        f"var stengt ({join_words([fmt_date(d) for d in closed])}); de holdes utenfor analysen."
    )
    weeks = [pd.Timestamp(w).isocalendar() for w in filled.index[filled.to_numpy()]]
    gap_text = (
        "Ingen uker manglet alle registreringer."
        if not weeks
        else "Uker uten noen registrert åpen dag er fylt lineært før dekomponeringen: "
        + join_words([f"uke {w.week} i {w.year}" for w in weeks])
        + "."
    )
    years = sorted(daily.loc[daily["observed"], "date"].dt.year.unique())
    return {
        "register_first_date": fmt_date(reg["date"].min()),
        "register_last_date": fmt_date(reg["date"].max()),
        "register_rows": fmt.fmt_int(len(reg)),
        "register_total": fmt.fmt_int(int(reg["visits"].sum())),
        "register_years": f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]),
        "register_gaps": fmt.fmt_int(len(checks.gaps)),
        "register_on_closed_days": fmt.fmt_int(len(checks.on_closed_days)),
        "closed_rows_text": closed_text,
        "gap_weeks_text": gap_text,
        "n_weeks": fmt.fmt_int(len(weekly)),
        "n_partial_weeks": fmt.fmt_int(int(weekly["partial"].sum())),
        "n_week53": fmt.fmt_int(int(weekly["week53"].sum())),
        "n_filled_weeks": fmt.fmt_int(len(weeks)),
    }


def _regime_note(effects: pd.DataFrame, regimes_text: str) -> dict[str, Any]:
    if effects.empty:
        return {
            "has_regime_change": False,
            "regime_note": f"Registeret har ett åpningsregime ({regimes_text}), så modellen har "
            "ikke noe sprang ved et regimeskifte.",
        }
    last = effects.iloc[-1]
    change = str(last["change"]).replace("->", " → ")
    rr = Interval(float(last["rr"]), float(last["rr_low"]), float(last["rr_high"]))
    return {
        "has_regime_change": True,
        "regime_last_change": change,
        "regime_last_rr": fmt.fmt_num(rr.value, 2),
        "regime_last_ci": _ci(rr),
        "regime_last_pct": fmt.fmt_pct(100 * (rr.value - 1), sign=True),
        "regime_note": f"Ved skiftet {change} er ratebrøken for besøk per åpningsdag "
        f"{fmt.fmt_num(rr.value, 2)} (95 % KI {_ci(rr)}), altså "
        f"{fmt.fmt_pct(100 * (rr.value - 1), sign=True)} per åpen dag "
        "i tillegg til endringen i antall dager.",
    }


def _check_results(fit: CountModelFit) -> dict[str, Any]:
    """Overdispersion and residual autocorrelation of the count model, in words."""
    lb = fit.ljung_box.set_index("lag")["lb_pvalue"]
    out: dict[str, Any] = {}
    out["alpha"] = fmt.fmt_num(fit.alpha, 3)
    out["poisson_dispersion"] = fmt.fmt_num(fit.poisson_dispersion, 1)
    out["overdispersion_note"] = (
        "dataene er overspredt, og den negative binomiale modellen trengs"
        if fit.poisson_dispersion > 1.5
        else "overspredningen er liten"
    )
    out["ljung_box_lag"] = fmt.fmt_int(lb.index.max())
    out["ljung_box_p14"] = fmt.fmt_num(lb[lb.index.max()], 3)
    out["acf1"] = fmt.fmt_num(fit.acf, 2)
    out["autocorr_note"] = (
        "Residualene har autokorrelasjon, så konfidensintervallene er noe for smale"
        if lb.min() < 0.05
        else "Ljung–Box-testen finner ikke autokorrelasjon i residualene"
    )
    return out


def _trend_peak(fit: CountModelFit, trend: Interval, peak: Interval) -> dict[str, Any]:
    """Trend per year and annual peak day with their intervals, in words."""
    out: dict[str, Any] = {}
    out["trend_available"] = trend.available
    out["trend_rr"] = fmt.fmt_num(trend.value, 2) if trend.available else fmt.MISSING
    out["trend_ci"] = _ci(trend) if trend.available else fmt.MISSING
    out["trend_note"] = (
        f"Trenden i tellemodellen er en ratebrøk på {fmt.fmt_num(trend.value, 2)} per år "
        f"(95 % KI {_ci(trend)}), {fmt.fmt_pct(100 * (trend.value - 1), sign=True)} per år."
        if trend.available
        else "Trenden er en glatt spline og har ingen enkel ratebrøk per år."
    )
    if trend.available and not fit.season_order:
        out["trend_note"] += (
            " Uten en årssyklus i modellen kan denne trenden like gjerne være sesong, "
            "så den sier lite om utviklingen over år."
        )
    out["peak_available"] = peak.available
    out["peak_day"] = _doy(peak.value) if peak.available else fmt.MISSING
    out["peak_day_ci"] = f"{_doy(peak.low)}–{_doy(peak.high)}" if peak.available else fmt.MISSING
    out["peak_note"] = (
        f"Årssyklusen i tellemodellen har toppen rundt {_doy(peak.value)} (95 % intervall "
        f"{_doy(peak.low)}–{_doy(peak.high)}) og en amplitude på "
        f"{fmt.fmt_pct(100 * (math.exp(fit.amplitude) - 1))} rundt trenden."
        if peak.available
        else "Registeret dekker under to år, så tellemodellen har ingen årssyklus og ingen toppdag."
    )
    return out


def model_results(
    fit: CountModelFit,
    effects: pd.DataFrame,
    profile: pd.DataFrame,
    trend: Interval,
    peak: Interval,
    regimes_text: str,
) -> dict[str, Any]:
    """The count model: regime steps, weekday profile, trend and peak day with intervals, checks.

    Parameters
    ----------
    fit : CountModelFit
        The count model.
    effects : pandas.DataFrame
        :func:`helpers.visits.model.regime_effects` (empty with one regime).
    profile : pandas.DataFrame
        :func:`helpers.visits.summary.weekday_profile`.
    trend, peak : Interval
        :func:`helpers.visits.summary.trend_per_year` and :func:`~helpers.visits.summary.peak_day`.
    regimes_text : str
        The regimes in words.

    Returns
    -------
    dict
        Results keys.
    """
    out = _regime_note(effects, regimes_text)
    out["weekday_profile"] = join_words(
        [
            f"{r.weekday_nb} {fmt.fmt_num(r.index, 2)} ({fmt.fmt_num(r.low, 2)}–{fmt.fmt_num(r.high, 2)})"
            for r in profile.itertuples()
        ]
    )
    busiest = profile.loc[profile["index"].idxmax()]
    out["weekday_busiest"] = str(busiest["weekday_nb"])
    out |= _trend_peak(fit, trend, peak)
    out |= _check_results(fit)
    out["model_amplitude_pct"] = (
        fmt.fmt_pct(100 * (math.exp(fit.amplitude) - 1)) if fit.season_order else fmt.MISSING
    )
    return out


def decomposition_results(dec: Decomposition, period: int) -> dict[str, Any]:
    """Whether an annual STL was estimated, and its amplitude; the refusal in words when not.

    Parameters
    ----------
    dec : Decomposition
        :func:`helpers.visits.decomposition.decompose_weekly`.
    period : int
        The annual period in weeks.

    Returns
    -------
    dict
        ``decomposition_stl`` (bool), ``decomposition_note``, ``stl_amplitude_pct``.
    """
    stl = dec.mode == "stl"
    n = len(dec.components)
    return {
        "decomposition_stl": stl,
        "decomposition_note": (
            "registeret dekker minst to hele år, så en årlig sesongkomponent er estimert"
            if stl
            else f"registeret har bare {fmt.fmt_int(n)} uker, under to hele år "
            f"({fmt.fmt_int(2 * period)} uker), "
            "så bare trend og ukedagsprofil er estimert; en årlig sesong kan ikke skilles fra trenden"
        ),
        "stl_amplitude_pct": fmt.fmt_pct(100 * (math.exp(dec.amplitude) - 1)) if stl else fmt.MISSING,
    }


def forecast_results(support: ForecastSupport, fc: ModelForecast | None) -> dict[str, Any]:
    """The model forecast when the data support one, else the reason it is not given.

    Parameters
    ----------
    support : ForecastSupport
        :func:`helpers.visits.forecast.forecast_support`.
    fc : ModelForecast or None
        The forecast (None when not supported).

    Returns
    -------
    dict
        ``forecast_available`` (bool), ``forecast_year``, ``forecast_reason`` and the forecast keys.
    """
    out: dict[str, Any] = {"forecast_available": support.available, "forecast_year": str(support.year)}
    if support.reason == "year_not_covered":
        out["forecast_reason"] = (
            f"registeret når ikke slutten av første halvår {support.year}, og uten de ukene er det ingen "
            "data å tilpasse modellen til fram til prognosestart (velg et annet forecast_year)"
        )
    elif support.reason == "too_short":
        out["forecast_reason"] = (
            f"registeret har bare {fmt.fmt_int(support.weeks)} uker fram til prognosestart, under "
            f"{fmt.fmt_int(support.min_weeks)} uker (to hele år); da kan sesong ikke skilles fra trend, "
            "og en prognose ville hvile på en trend som ikke er estimerbar"
        )
    else:
        out["forecast_reason"] = "registeret dekker minst to hele år fram til prognosestart"
    if fc is not None:
        out |= {
            "forecast_weeks": f"{fc.first_week}–{fc.last_week}",
            "model_h2": fmt.fmt_int(fc.h2),
            "model_h2_low": fmt.fmt_int(fc.low),
            "model_h2_high": fmt.fmt_int(fc.high),
            "forecast_open_days": fmt.fmt_int(fc.open_days),
            "actual_h2": fmt.MISSING if fc.actual is None else fmt.fmt_int(fc.actual),
            "forecast_actual_note": (
                "Registeret dekker ikke prognoseperioden, så det er ikke noe faktisk tall å sammenligne med."
                if fc.actual is None
                else f"Faktisk registrert i perioden: {fmt.fmt_int(fc.actual)}."
            ),
        }
    return out


def seed_results(
    figs: SeedFigures, t: CalibrationTargets, daily: pd.DataFrame, regimes: pd.DataFrame, year: int
) -> dict[str, Any]:
    """The keys of the check of Bulukin's published figures (embedded demo register only).

    Parameters
    ----------
    figs : SeedFigures
        :func:`helpers.visits.published.seed_figures` on the register.
    t : CalibrationTargets
        The published figures.
    daily : pandas.DataFrame
        The daily frame.
    regimes : pandas.DataFrame
        The opening regimes (the last one is the fifth opening day).
    year : int
        The year of the published first half.

    Returns
    -------
    dict
        Results keys.
    """
    pub_basis = published.published_forecast(
        t.h1_2025.value, t.uplift_basis_pct.value, published.implied_weeks_divisor(t)
    )
    pub_basis_26 = published.published_forecast(
        t.h1_2025.value, t.uplift_basis_pct.value, weeks_divisor=published.H1_WEEKS
    )
    five = regimes[regimes["days_per_week"] == regimes["days_per_week"].max()].iloc[0]
    return {
        "fifth_day_week": str(int(five["start"].isocalendar()[1])),
        "fifth_day_date": fmt_date(five["start"]),
        "seed_h1_total": fmt.fmt_int(t.h1_2025.value),
        "seed_h1_weekly_printed": fmt.fmt_int(t.h1_weekly_mean.value),
        "seed_h1_daily_printed": fmt.fmt_int(t.h1_daily_mean.value),
        "h1_per_open_day": fmt.fmt_num(figs.h1_per_open_day, 1),
        "peak_week": str(figs.peak_week),
        "peak_week_visits": fmt.fmt_int(figs.peak_week_visits),
        "peak_week_open_days": fmt.fmt_int(figs.peak_week_open_days),
        "peak_week_per_open_day": fmt.fmt_num(figs.peak_week_per_open_day, 1),
        "peak_week_closed": closed_days_text(daily, year, figs.peak_week),
        "peak_day_visits": fmt.fmt_int(figs.peak_day),
        "utilisation_mean_pct": fmt.fmt_pct(figs.utilisation_mean_pct),
        "utilisation_peak_pct": fmt.fmt_pct(figs.utilisation_peak_pct),
        "days_over_capacity": fmt.fmt_int(figs.days_over_capacity),
        "pub_h2_basis_printed": fmt.fmt_int(t.h2_basis.value),
        "pub_h2_basis_recomputed": fmt.fmt_num(pub_basis.h2, 1),
        "pub_h2_basis_26": fmt.fmt_num(pub_basis_26.h2, 1),
        "pub_year_basis_printed": fmt.fmt_int(t.year_basis.value),
        "pub_year_high_printed": fmt.fmt_int(t.year_high.value),
        "pub_h2_high_printed": fmt.fmt_int(t.h2_high.value),
        "pub_h2_high_in_sum": fmt.fmt_int(t.h2_high_in_sum.value),
        "huset_only_2024": fmt.fmt_int(t.huset_only.value),
        "uplift_basis_pct": fmt.fmt_int(t.uplift_basis_pct.value),
        "uplift_high_pct": fmt.fmt_int(t.uplift_high_pct.value),
        "capacity": fmt.fmt_int(t.capacity.value),
    }


def source_results(t: CalibrationTargets) -> dict[str, Any]:
    """The source's own first-half arithmetic, from its printed figures alone (any register).

    Parameters
    ----------
    t : CalibrationTargets
        The published figures.

    Returns
    -------
    dict
        ``h1_weekly_mean_27`` (the printed total over the weeks the printed mean implies) and
        ``h1_weekly_mean_26`` (over the weeks of the first half).
    """
    implied = published.published_forecast(
        t.h1_2025.value, t.uplift_basis_pct.value, published.implied_weeks_divisor(t)
    )
    first_half = published.published_forecast(
        t.h1_2025.value, t.uplift_basis_pct.value, weeks_divisor=published.H1_WEEKS
    )
    return {
        "h1_weekly_mean_27": fmt.fmt_num(implied.weekly_h1, 1),
        "h1_weekly_mean_26": fmt.fmt_num(first_half.weekly_h1, 1),
    }
