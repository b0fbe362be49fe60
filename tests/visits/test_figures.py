"""The figures of notebook 02 draw (register analysis and published series)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.visits import decomposition, figures, figures_published, model, series


def test_figures_draw(daily, fit):
    wk = series.period_totals(daily, "week")
    s, _ = decomposition.weekly_rate_series(wk)
    dec = decomposition.decompose_weekly(decomposition.remove_steps(s, fit))
    figs = [
        figures.fig_daily(daily),
        figures.fig_weekly_rate(wk, dec, daily, fit),
        figures.fig_weekday_profile(series.weekday_profile(daily)),
        figures.fig_stl(dec),
        figures.fig_model(daily, fit, model.regime_effects(fit)),
    ]
    assert [len(f.axes) for f in figs] == [1, 1, 1, 4, 2]
    assert figs[0].axes[0].get_ylabel() == "Besøk per åpningsdag"
    assert figs[2].axes[0].get_ylabel() == "Indeks (1 = snittdag i regimet)"
    for f in figs:
        plt.close(f)


def test_published_figures_draw():
    annual = pd.DataFrame(
        {"year": [2022, 2023, 2024], "visits": [10, 20, 30], "forecast": [False, False, True]}
    )
    bars = figures_published.annual_bars(annual, x="year", y="visits", hatch_col="forecast", ylabel="Besøk")
    assert [p.get_hatch() for p in bars.axes[0].patches] == [None, None, "//"]
    lines = figures_published.annual_lines(
        annual.assign(g="a"), x="year", y="visits", hue="g", ylabel="Besøk", legend_title="G"
    )
    assert [t.get_text() for t in lines.axes[0].get_xticklabels()] == ["2022", "2023", "2024"]
    monthly = pd.DataFrame({"m": ["2016-01-01", "2016-02-01"], "v": [1, 2], "g": ["a", "a"]})
    mfig = figures_published.fig_monthly_published(
        monthly, x="m", y="v", hue="g", ylabel="B", legend_title="G"
    )
    assert [t.get_text() for t in mfig.axes[0].get_xticklabels()] == ["jan", "feb"]
    for f in (bars, lines, mfig):
        plt.close(f)
