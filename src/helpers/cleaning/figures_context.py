"""Figures of the context chapter: the agency series of Lundeberg & Mjåland (2017) and Oslo.

One style (:mod:`helpers.core.style`); a bar or point that covers part of a year only is hatched
and lighter, and the legend says so.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from helpers.cleaning.context_tables import PARTIAL
from helpers.core import style
from helpers.core.formatting import fmt_int

PARTIAL_LABEL = "Delår (ikke hele året)"
HATCH = "//"
LEGEND_ROW = 0.14  # headroom above the bars per legend entry, as a share of the axis height
LOG_HEADROOM = 10  # a decade above the largest bar on the log axis, for the labels and legend
MANY_YEARS = 5  # more year labels than this are set at an angle


def _series(cells: pd.DataFrame, table: str, **where: str) -> pd.DataFrame:
    t = cells[cells["table"] == table]
    for col, val in where.items():
        t = t[t[col] == val]
    return t.dropna(subset=["year"]).sort_values("year")


def _bars(ax: plt.Axes, s: pd.DataFrame, color: str, offset: float = 0.0, width: float = 0.8) -> None:
    partial = s["coverage"] == PARTIAL
    x = s["year"].astype(int) + offset
    ax.bar(x[~partial], s.loc[~partial, "value"], width=width, color=color)
    ax.bar(
        x[partial],
        s.loc[partial, "value"],
        width=width,
        color=color,
        alpha=0.45,
        hatch=HATCH,
        edgecolor=color,
    )


def _finish(ax: plt.Axes, title: str, ylabel: str, handles: list | None = None) -> None:
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    entries = (handles or []) + [Patch(facecolor="white", edgecolor="0.3", hatch=HATCH, label=PARTIAL_LABEL)]
    ax.set_ylim(top=ax.get_ylim()[1] * (1 + LEGEND_ROW * len(entries)))
    style.nb_axis(ax)
    ax.legend(handles=entries, loc="upper left", fontsize=8)


def _years(ax: plt.Axes, s: pd.DataFrame) -> None:
    years = sorted(s["year"].astype(int).unique())
    ax.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > MANY_YEARS else 0)


def police_figure(cells: pd.DataFrame) -> plt.Figure:
    """Exclusion orders (Tabell 3.1) and fines (the unnumbered table) per year.

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``; the cells of Tabell 3.1 and of the fines table are used.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels; partial years hatched.
    """
    style.use_style()
    fig, axes = plt.subplots(1, 2)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, table, title, color in [
        (axes[0], "Tabell 3.1", "Bortvisninger", colors[0]),
        (axes[1], "Antall forelegg (uten nummer)", "Bøter og forelegg", colors[1]),
    ]:
        s = _series(cells, table)
        _bars(ax, s, color)
        _years(ax, s)
        _finish(ax, title, "Antall")
    return fig


def equipment_figure(cells: pd.DataFrame) -> plt.Figure:
    """Syringes, needles and foil handed out at Strax-huset (Tabell 4.4, and A.2 for 2016).

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``; the cells of Tabell 4.4 and the period totals of A.2.

    Returns
    -------
    matplotlib.figure.Figure
        Syringes and needles (left) and foil (right) per year; the January-October 2016 totals of
        Tabell A.2 as hatched bars.
    """
    style.use_style()
    fig, axes = plt.subplots(1, 2)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    a2 = _series(cells, "Tabell A.2", row="Totalt")
    a2 = a2[a2["column"].str.startswith("Totalt")]  # the period total, January-October
    groups = [
        (
            axes[0],
            [("syringes", "SPRØYTER", "Sprøyter", -0.2), ("needles", "KANYLER", "Kanyler", 0.2)],
            "Sprøyter og kanyler",
        ),
        (axes[1], [("foil", "FOLIER", "Folie", 0.0)], "Folie"),
    ]
    for ax, series, title in groups:
        handles = []
        for i, (measure, panel, label, off) in enumerate(series):
            s = pd.concat([_series(cells, "Tabell 4.4", measure=measure), a2[a2["panel"] == panel]])
            width = 0.4 if len(series) > 1 else 0.8
            _bars(ax, s, colors[i], offset=off, width=width)
            handles.append(Patch(facecolor=colors[i], label=label))
        _years(ax, s)
        _finish(ax, title, "Antall", handles)
    return fig


def overdose_figure(cells: pd.DataFrame) -> plt.Figure:
    """Overdose interventions at Strax-huset (Tabell 4.3) and Rusakutten admissions (Tabell 4.11).

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``; the second «Tabell 4.3» and the totals of 4.11.

    Returns
    -------
    matplotlib.figure.Figure
        Interventions and persons (left), admissions (right); partial years hatched.
    """
    style.use_style()
    fig, axes = plt.subplots(1, 2)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    t43 = "Tabell 4.3 (overdosetilsyn)"
    _bars(axes[0], _series(cells, t43, column="Antall tilsyn"), colors[0], -0.2, 0.4)
    _bars(axes[0], _series(cells, t43, column="Personer"), colors[2], 0.2, 0.4)
    _years(axes[0], _series(cells, t43, column="Personer"))
    _finish(
        axes[0], "Overdosetilsyn, Strax-huset", "Antall",
        [Patch(facecolor=colors[0], label="Tilsyn"), Patch(facecolor=colors[2], label="Personer")],
    )  # fmt: skip
    s = _series(cells, "Tabell 4.11", row="Innleggelser")
    _bars(axes[1], s, colors[3])
    _years(axes[1], s)
    _finish(axes[1], "Innleggelser, Rusakutten", "Antall")
    return fig


def _ending(s: pd.DataFrame, suffix: str) -> pd.DataFrame:
    return s[s["column"].str.endswith(suffix)]


def treatment_figure(cells: pd.DataFrame) -> plt.Figure:
    """Referrals, new treatments, inpatient admissions and waiting times in TSB (Tabell 4.18-4.21).

    Parameters
    ----------
    cells
        ``lm2016_agency_tables``; the cells of Tabell 4.18 to 4.21.

    Returns
    -------
    matplotlib.figure.Figure
        Counts per year (left; the partial 2016 inpatient admissions as an open marker), mean
        waiting time in days (right).
    """
    style.use_style()
    fig, axes = plt.subplots(1, 2)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    new = _series(cells, "Tabell 4.20", row="Sum")
    counts = [
        (_series(cells, "Tabell 4.18", row="Sum"), "Henvisninger"),
        (_ending(new, "Polikl."), "Nye polikliniske"),
        (_ending(new, "LAR"), "Nye LAR"),
        (_series(cells, "Tabell 4.21"), "Innleggelser døgn (AFR)"),
    ]
    for i, (s, label) in enumerate(counts):
        full, part = s[s["coverage"] != PARTIAL], s[s["coverage"] == PARTIAL]
        axes[0].plot(full["year"].astype(int), full["value"], marker="o", color=colors[i], label=label)
        axes[0].plot(part["year"].astype(int), part["value"], marker="o", ls="", mfc="white", color=colors[i])
    _years(axes[0], pd.concat([s for s, _ in counts]))
    axes[0].plot([], [], marker="o", ls="", mfc="white", color="0.3", label=PARTIAL_LABEL)
    axes[0].set_title("Henvisninger og nye behandlinger")
    axes[0].set_ylabel("Antall")
    style.nb_axis(axes[0])
    axes[0].legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8)
    waits = _series(cells, "Tabell 4.19")
    for i, (row, sub) in enumerate([("Ordinær", "Primær"), ("Ordinær", "Sekundær"), ("LAR", "Primær")]):
        s = _ending(waits[waits["row"] == row], sub)
        axes[1].plot(
            s["year"].astype(int), s["value"], marker="o", color=colors[i], label=f"{row}, {sub.lower()}"
        )
    _years(axes[1], waits)
    axes[1].set_title("Gjennomsnittlig ventetid")
    axes[1].set_ylabel("Dager")
    style.nb_axis(axes[1])
    axes[1].legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8)
    return fig


def oslo_figure(incidents: pd.DataFrame) -> plt.Figure:
    """Exclusions, threats and violence at Gunerius and Storo storsenter in 2019 (Uteseksjonen).

    Parameters
    ----------
    incidents
        ``oslo_security_incidents_2019``.

    Returns
    -------
    matplotlib.figure.Figure
        Grouped bars on a logarithmic axis (the counts differ by orders of magnitude).
    """
    style.use_style()
    fig, ax = plt.subplots(figsize=(style.WIDTH_IN, style.WIDTH_IN * 0.42))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    measures = list(dict.fromkeys(incidents["measure_printed"]))
    for i, (site, g) in enumerate(incidents.groupby("site", sort=True)):
        g = g.set_index("measure_printed").reindex(measures)
        x = [m + (i - 0.5) * 0.4 for m in range(len(measures))]
        bars = ax.bar(x, g["count"], width=0.4, color=colors[i], label=site)
        ax.bar_label(bars, labels=[fmt_int(v) for v in g["count"]], fontsize=8, padding=2)
    ax.set_xticks(range(len(measures)), measures)
    ax.set_yscale("log")
    ax.set_ylim(1, incidents["count"].max() * LOG_HEADROOM)
    style.nb_axis(ax)
    ax.set_ylabel("Antall (logaritmisk akse)")
    ax.legend(loc="upper right")
    return fig
