"""The figures of notebook 02's register analysis (Del A): daily visits, weekly rates, weekday profile,
STL components and the count model. Only notebooks import this module.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.core.formatting import fmt_num
from helpers.core.style import WIDTH_IN, nb_axis
from helpers.visits import calendar
from helpers.visits.decomposition import Decomposition, remove_steps
from helpers.visits.model import CountModelFit

# the weekday index of an average open day of the regime (the dashed reference line)
INDEX_REFERENCE = 1.0


def _year_axis(ax: plt.Axes) -> None:
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _shade_regimes(ax: plt.Axes, daily: pd.DataFrame, label_y: float | None = None) -> None:
    spans = daily.groupby("regime", sort=False)["date"].agg(["min", "max"]).sort_values("min")
    colors = sns.color_palette("pastel", len(spans))
    for (regime, row), color in zip(spans.iterrows(), colors, strict=True):
        ax.axvspan(row["min"], row["max"] + pd.Timedelta(days=1), color=color, alpha=0.35, lw=0)
        if label_y is not None:
            ax.text(
                row["min"] + (row["max"] - row["min"]) / 2, label_y, regime, ha="center", va="top", fontsize=8
            )


def fig_daily(daily: pd.DataFrame) -> plt.Figure:
    """Daily visits on open days (all sites summed), opening regimes shaded.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (:func:`helpers.visits.series.daily_frame`); only observed days are
        drawn, closed and unregistered days are left out.

    Returns
    -------
    matplotlib.figure.Figure
        One panel.
    """
    d = daily[daily["observed"]].groupby("date")["visits"].sum()
    fig, ax = plt.subplots()
    top = float(d.max()) * 1.12
    _shade_regimes(ax, daily, label_y=top * 0.99)
    ax.plot(d.index, d.to_numpy(), ".", ms=2.5, color="0.25")
    ax.set_ylim(0, top)
    several = len(daily["site"].unique()) > 1
    ax.set_ylabel("Besøk per åpningsdag, sum over steder" if several else "Besøk per åpningsdag")
    ax.set_xlabel("Dato")
    nb_axis(ax, "y")
    _year_axis(ax)
    return fig


def _rate_axis(ax: plt.Axes, top: float, xlabel: str) -> None:
    """The axis of a weekly visits-per-open-day panel drawn over the shaded regimes."""
    ax.set_ylim(0, top)
    ax.set_ylabel("Besøk per åpningsdag")
    ax.set_xlabel(xlabel)
    nb_axis(ax, "y")
    _year_axis(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.9))


def fig_weekly_rate(
    weekly: pd.DataFrame,
    decomposition: Decomposition,
    daily: pd.DataFrame,
    fit: CountModelFit | None = None,
) -> plt.Figure:
    """Weekly visits per open day with the decomposition's trend, back-transformed.

    Parameters
    ----------
    weekly : pandas.DataFrame
        Weekly totals (:func:`helpers.visits.series.period_totals`).
    decomposition : Decomposition
        The decomposition of the weekly log rate.
    daily : pandas.DataFrame
        The daily frame (for the regime shading).
    fit : CountModelFit, optional
        With it, the regime steps removed before the decomposition are added back to the trend.

    Returns
    -------
    matplotlib.figure.Figure
        One panel.
    """
    fig, ax = plt.subplots()
    w = weekly[weekly["observed_days"] > 0]
    top = float(w["per_open_day"].max()) * 1.15
    _shade_regimes(ax, daily, label_y=top * 0.99)
    ax.plot(w["start"], w["per_open_day"], color="0.35", lw=1, label="Ukesnitt per åpningsdag")
    trend = decomposition.components["trend"]
    if fit is not None:
        trend = remove_steps(trend, fit, sign=+1)
    ax.plot(trend.index, np.exp(trend), color="C3", lw=2, label="Trend med regimesprang")
    _rate_axis(ax, top, "Uke (startdato)")
    return fig


def fig_weekday_profile(profile: pd.DataFrame) -> plt.Figure:
    """Weekday index by regime with ±2 standard errors.

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`helpers.visits.series.weekday_profile`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel, one colour per regime.
    """
    fig, ax = plt.subplots()
    order = [w for w in calendar.WEEKDAYS_NB if w in set(profile["weekday_nb"])]
    regimes = list(dict.fromkeys(profile["regime"]))
    offsets = np.linspace(-0.24, 0.24, len(regimes)) if len(regimes) > 1 else [0.0]
    colors = sns.color_palette(n_colors=len(regimes))
    for r, off, col in zip(regimes, offsets, colors, strict=True):
        q = profile[profile["regime"] == r]
        x = [order.index(u) + off for u in q["weekday_nb"]]
        ax.errorbar(x, q["index"], yerr=2 * q["se"], fmt="o", color=col, ms=5, lw=1.2, label=r)
    ax.axhline(INDEX_REFERENCE, color="0.5", lw=0.8, ls="--")
    ax.set_xticks(range(len(order)))
    ax.set_xticklabels([w.capitalize() for w in order])
    ax.set_ylabel(f"Indeks ({fmt_num(INDEX_REFERENCE)} = snittdag i regimet)")
    ax.set_xlabel("Ukedag")
    nb_axis(ax, "y", 1)
    ax.legend(title="Åpningsregime", loc="lower left", ncols=2)
    return fig


def fig_stl(decomposition: Decomposition) -> plt.Figure:
    """Observed log rate, trend, annual seasonal component and remainder in four panels.

    Parameters
    ----------
    decomposition : Decomposition
        :func:`helpers.visits.decomposition.decompose_weekly`.

    Returns
    -------
    matplotlib.figure.Figure
        Four panels sharing the time axis.
    """
    comp = decomposition.components
    labels = {
        "observed": "Observert (log)\nuten sprang",
        "trend": "Trend",
        "seasonal": "Årssesong",
        "resid": "Rest",
    }
    fig, axes = plt.subplots(4, 1, sharex=True, figsize=(WIDTH_IN, WIDTH_IN * 0.9))
    for ax, (col, lab) in zip(axes, labels.items(), strict=True):
        ax.plot(comp.index, comp[col], color="C0" if col != "resid" else "0.4", lw=1)
        ax.set_ylabel(lab, fontsize=9)
        nb_axis(ax, "y", 1)
    axes[-1].axhline(0, color="0.5", lw=0.8)
    axes[-1].set_xlabel("Uke (startdato)")
    _year_axis(axes[-1])
    return fig


def fig_model(daily: pd.DataFrame, fit: CountModelFit, effects: pd.DataFrame) -> plt.Figure:
    """Top: weekly visits per open day, observed and fitted; bottom: regime rate ratios with CI.

    Parameters
    ----------
    daily : pandas.DataFrame
        The daily frame (for the regime shading).
    fit : CountModelFit
        The count model (its frame and fitted values).
    effects : pandas.DataFrame
        :func:`helpers.visits.model.regime_effects`.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels.
    """
    d = fit.frame.assign(fitted=np.asarray(fit.fitted))
    d["start"] = d["date"] - pd.to_timedelta(d["weekday"], unit="D")
    w = d.groupby("start")[["visits", "fitted"]].mean()
    if effects.empty:  # one regime: no change to show
        fig, ax = plt.subplots()
    else:
        fig, (ax, ax2) = plt.subplots(2, 1, figsize=(WIDTH_IN, WIDTH_IN * 0.85), height_ratios=[2.2, 1])
    top = float(w.max().max()) * 1.15
    _shade_regimes(ax, daily, label_y=top * 0.99)
    ax.plot(w.index, w["visits"], color="0.4", lw=1, label="Observert (ukesnitt per dag)")
    ax.plot(w.index, w["fitted"], color="C3", lw=1.6, label="Modell (negativ binomial)")
    _rate_axis(ax, top, "")
    if effects.empty:
        return fig
    y = np.arange(len(effects))[::-1]
    ax2.errorbar(
        effects["rr"],
        y,
        xerr=[effects["rr"] - effects["rr_low"], effects["rr_high"] - effects["rr"]],
        fmt="o",
        color="C0",
        capsize=3,
    )
    ax2.axvline(1, color="0.5", lw=0.8, ls="--")
    ax2.set_yticks(y)
    ax2.set_yticklabels([c.replace("->", " → ") for c in effects["change"]])
    ax2.set_xlabel("Ratebrøk for besøk per åpningsdag ved regimeskifte (95 % KI)")
    nb_axis(ax2, "x", 2)
    return fig
