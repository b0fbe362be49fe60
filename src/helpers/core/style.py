"""The one figure style of the report, and the figures built from published series.

Call :func:`use_style` once at the top of a notebook. Figures are sized for the report's text width
(about 16 cm), use Norwegian number formatting on the axes, and never set a backend: papermill's
inline backend keeps the output in the notebook, where Quarto's ``embed`` finds it.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from helpers.core.formatting import fmt_num

WIDTH_IN = 6.3  # ~16 cm: the text width of the article
PALETTE = "colorblind"


def use_style() -> None:
    """Apply the report style to matplotlib and seaborn (idempotent)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font_scale=0.95)
    mpl.rcParams.update(
        {
            "figure.figsize": (WIDTH_IN, WIDTH_IN * 0.55),
            "figure.dpi": 120,
            "savefig.dpi": 150,
            "figure.constrained_layout.use": True,
            "axes.titleweight": "bold",
            "axes.titlesize": 11,
            "axes.labelsize": 10,
            "legend.fontsize": 9,
            "legend.frameon": False,
            "axes.formatter.use_locale": False,
            "svg.hashsalt": "huset-bergen",  # deterministic ids if anyone saves SVG
            "path.simplify": True,
        }
    )


def nb_axis(ax: plt.Axes, axis: str = "y", decimals: int = 0) -> None:
    """Format tick labels of ``axis`` ('x', 'y' or 'both') with Norwegian separators."""
    fmt = FuncFormatter(lambda v, _pos: fmt_num(v, decimals))
    if axis in ("y", "both"):
        ax.yaxis.set_major_formatter(fmt)
    if axis in ("x", "both"):
        ax.xaxis.set_major_formatter(fmt)


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

    ``df`` needs ``label``, ``ratio_at_low`` and ``ratio_at_high`` (largest swing first); the base
    value is a vertical line.
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
    """Histogram of simulated values with labelled vertical lines (e.g. median, interval, 1)."""
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


DEMO_STAMP = "SYNTETISKE DEMODATA"


def demo_stamp(fig: plt.Figure, synthetic: list[str]) -> None:
    """Stamp a figure computed from synthetic inputs, so it cannot pass as a finding when it is
    copied out of the report. Does nothing when ``synthetic`` is empty (real data)."""
    if not synthetic:
        return
    fig.text(
        0.995,
        0.995,
        DEMO_STAMP,
        ha="right",
        va="top",
        fontsize=10,
        fontweight="bold",
        color="#9a3412",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "#fff7ed", "edgecolor": "#9a3412"},
    )
