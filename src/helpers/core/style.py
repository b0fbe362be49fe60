"""The one figure style of the report, and the figures built from published series.

Call :func:`use_style` once at the top of a notebook. Figures are sized for the report's text width
(about 16 cm), use Norwegian number formatting on the axes, and never set a backend: papermill's
inline backend keeps the output in the notebook, where Quarto's ``embed`` finds it.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from helpers.core.formatting import fmt_num

WIDTH_IN = 6.3  # ~16 cm: the text width of the article
PALETTE = "colorblind"


def use_style() -> None:
    """Apply the report style to matplotlib and seaborn (idempotent)."""
    import seaborn as sns  # here, not at import: seaborn pulls in scipy.stats (about a second)

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
    """Format tick labels of ``axis`` ('x', 'y' or 'both') with Norwegian separators.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes of a report figure.
    axis : str, default "y"
        Which axis to format: ``x``, ``y`` or ``both``.
    decimals : int, default 0
        Decimals of each tick label.
    """
    fmt = FuncFormatter(lambda v, _pos: fmt_num(v, decimals))
    if axis in ("y", "both"):
        ax.yaxis.set_major_formatter(fmt)
    if axis in ("x", "both"):
        ax.xaxis.set_major_formatter(fmt)


DEMO_STAMP = "SYNTETISKE DEMODATA"


def demo_stamp(fig: plt.Figure, synthetic: list[str]) -> None:
    """Stamp a figure computed from synthetic inputs, so it cannot pass as a finding when it is
    copied out of the report. Does nothing when ``synthetic`` is empty (real data).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to stamp in its top right corner.
    synthetic : list of str
        Names of the synthetic inputs the figure is computed from
        (:func:`helpers.core.catalogue.synthetic_inputs`).
    """
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
