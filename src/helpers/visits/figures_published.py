"""The figures of notebook 02's published series (Del B): annual bars and lines, monthly lines, drawn
as printed. Only notebooks import this module.
"""

from __future__ import annotations

from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.container import BarContainer

from helpers.core.formatting import fmt_num
from helpers.core.style import nb_axis

LegendLoc = Literal["upper left", "upper right", "lower left", "lower right", "best"]
MONTHS_NB = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


def annual_bars(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str | None = None,
    hatch_col: str | None = None,
    ylabel: str,
    xlabel: str = "År",
    legend_title: str | None = None,
    label_bars: bool = True,
) -> plt.Figure:
    """Bar chart of an annual series; rows with ``hatch_col`` true are hatched (forecasts).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per bar.
    x, y, hue : str
        Columns of the year, the value and (optional) the series: dodged bars and a legend.
    hatch_col : str, optional
        Boolean column; true bars are hatched and lighter.
    ylabel, xlabel : str
        Axis labels.
    legend_title : str, optional
        Title of the legend (with ``hue``).
    label_bars : bool
        Print each bar's value above it.

    Returns
    -------
    matplotlib.figure.Figure
        The chart.
    """
    fig, ax = plt.subplots()
    sns.barplot(data=df, x=x, y=y, hue=hue, ax=ax, errorbar=None, dodge=hue is not None)
    if hatch_col is not None:
        flags = list(df[hatch_col])
        for patch, flag in zip(ax.patches, flags, strict=False):
            if flag:
                patch.set_hatch("//")
                patch.set_alpha(0.6)
    if label_bars:
        for container in ax.containers:
            if not isinstance(container, BarContainer):
                continue
            ax.bar_label(
                container,
                labels=[fmt_num(float(v)) for v in np.asarray(container.datavalues)],
                fontsize=8,
                padding=2,
            )
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    nb_axis(ax, "y")
    ax.margins(y=0.12)
    if hue is not None:
        ax.legend(title=legend_title, loc="upper left")
    return fig


def _marker_lines(
    df: pd.DataFrame, x: str, y: str, hue: str, labels: tuple[str, str, str | None], legend_loc: LegendLoc
) -> tuple[plt.Figure, plt.Axes, list]:
    """Lines with markers, y from 0 with Norwegian ticks; ``labels`` = (ylabel, xlabel, legend title)."""
    ylabel, xlabel, legend_title = labels
    fig, ax = plt.subplots()
    sns.lineplot(data=df, x=x, y=y, hue=hue, style=hue, markers=True, dashes=False, ax=ax)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    ticks = sorted(df[x].unique())
    ax.set_xticks(ticks)
    nb_axis(ax, "y")
    ax.legend(title=legend_title, loc=legend_loc)
    return fig, ax, ticks


def annual_lines(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str,
    ylabel: str,
    xlabel: str = "År",
    legend_title: str | None = None,
) -> plt.Figure:
    """Line chart with markers of several annual series (one tick per year).

    Parameters
    ----------
    df : pandas.DataFrame
        Long table: one row per year and series.
    x, y, hue : str
        Columns of the year, the value and the series.
    ylabel, xlabel : str
        Axis labels.
    legend_title : str, optional
        Title of the legend.

    Returns
    -------
    matplotlib.figure.Figure
        The chart.
    """
    fig, ax, years = _marker_lines(df, x, y, hue, (ylabel, xlabel, legend_title), "lower right")
    ax.set_xticklabels([str(int(v)) for v in years], rotation=0)
    return fig


def fig_monthly_published(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str,
    ylabel: str,
    legend_title: str,
    legend_loc: LegendLoc = "lower right",
) -> plt.Figure:
    """Lines with markers of a published monthly series (x = month start, ticks named by month).

    Parameters
    ----------
    df : pandas.DataFrame
        The monthly series as printed, in long form.
    x : str
        Column of the month start (ISO date text); ticks are named by month.
    y, hue : str
        Columns of the value and of the series.
    ylabel : str
        Label of the value axis.
    legend_title : str
        Title of the legend.
    legend_loc : str
        Where the legend goes.

    Returns
    -------
    matplotlib.figure.Figure
        The chart.
    """
    fig, ax, months = _marker_lines(df, x, y, hue, (ylabel, "Måned", legend_title), legend_loc)
    ax.set_xticklabels([MONTHS_NB[pd.Timestamp(m).month - 1] for m in months])
    return fig
