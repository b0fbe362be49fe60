"""Figures of the cost chapter: the tornado chart and the Monte Carlo distribution (notebook 04 only)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from helpers.core.formatting import fmt_num
from helpers.core.style import PALETTE, WIDTH_IN, nb_axis


def tornado_chart(
    df: pd.DataFrame,
    *,
    base: float,
    label: str,
    low_label: str,
    high_label: str,
    xlabel: str,
    decimals: int = 1,
) -> plt.Figure:
    """Horizontal tornado chart: one bar per input from the result at its low to its high end.

    Parameters
    ----------
    df
        One row per input with ``label``, ``ratio_at_low`` and ``ratio_at_high`` (largest swing
        first).
    base
        The result at the source's values, drawn as a vertical line.
    label
        Column of ``df`` with the bar labels.
    low_label, high_label
        Legend texts of the low and the high end.
    xlabel
        Label of the x axis.
    decimals
        Decimals of the value labels and the axis.

    Returns
    -------
    matplotlib.figure.Figure
        The figure.
    """
    n = len(df)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.55 * n + 1.4))
    colors = sns.color_palette(PALETTE, 2)
    for i, r in enumerate(df.itertuples(index=False)):
        y = n - 1 - i
        ax.barh(y, r.ratio_at_low - base, left=base, color=colors[0], label=low_label if i == 0 else None)
        ax.barh(y, r.ratio_at_high - base, left=base, color=colors[1], label=high_label if i == 0 else None)
        for v in (r.ratio_at_low, r.ratio_at_high):
            if v != base:
                ax.text(
                    v,
                    y,
                    f" {fmt_num(v, decimals)} ",
                    va="center",
                    fontsize=8,
                    ha="left" if v > base else "right",
                )
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(range(n))
    ax.set_yticklabels(list(df[label])[::-1])
    ax.set_xlabel(xlabel)
    nb_axis(ax, "x", decimals)
    ax.margins(x=0.15)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2)
    return fig


def distribution_chart(
    values: pd.Series, *, xlabel: str, ylabel: str, lines: dict[str, float], decimals: int = 1
) -> plt.Figure:
    """Histogram of simulated values with labelled vertical lines (e.g. median, interval, 1).

    Parameters
    ----------
    values
        The simulated values.
    xlabel, ylabel
        Axis labels.
    lines
        Vertical lines to draw, by their label.
    decimals
        Decimals on the x axis.

    Returns
    -------
    matplotlib.figure.Figure
        The figure.
    """
    fig, ax = plt.subplots()
    sns.histplot(values, bins=60, ax=ax, color=sns.color_palette(PALETTE, 1)[0])
    styles = ["-", "--", "--", ":"]
    for (name, x), ls in zip(lines.items(), styles * len(lines), strict=False):
        ax.axvline(x, color="black", linestyle=ls, linewidth=1)
        ax.text(x, ax.get_ylim()[1] * 0.97, f" {name}", rotation=90, va="top", ha="right", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    nb_axis(ax, "x", decimals)
    nb_axis(ax, "y", 0)
    return fig
