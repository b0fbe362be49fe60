"""Checks of a source against itself: printed derived values recomputed from the printed values.

Notebook 01 calls these functions. Transcribed values are never changed: a value that contradicts
another printed value is *flagged* (kept as printed, with the arithmetic that shows the conflict),
so a reader can check every flag from its line reference. The ``check`` and ``detail`` texts are
Norwegian (they are shown in the report) with their numbers formatted by
:mod:`helpers.core.formatting`.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.formatting import fmt_general, fmt_int, fmt_num, fmt_pct, round_half_away

FLAG_COLUMNS = ["resource", "source_line", "check", "printed", "recomputed", "detail"]


def _flags(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


# --------------------------------------------------------------------------------------------
# checks of printed derived values
# --------------------------------------------------------------------------------------------


# a mean that the same table lets one recompute unrounded: measure -> (numerator, denominators)
Ratio = tuple[str, tuple[str, ...]]
TABLE2_RATIOS: dict[str, Ratio] = {
    "mean_visitors_per_day": ("visitors", ("active_weeks", "opening_days_per_week")),
}


def _decimals(x: float) -> int:
    return next((d for d in range(4) if round(x, d) == x), 4)


def _least_rounded(
    df: pd.DataFrame, group: str, time: str, value: str, ratios: dict[str, Ratio]
) -> pd.Series:
    """Each printed value, or its unrounded recomputation where that rounds to the print."""
    out = df[value].astype(float).copy()
    v = df.set_index([group, time])[value].astype(float)
    for i, r in df.iterrows():
        if r[group] not in ratios:
            continue
        num, dens = ratios[r[group]]
        keys = [(num, r[time]), *((d, r[time]) for d in dens)]
        if not all(k in v.index for k in keys):
            continue
        denom = float(pd.Series([v[k] for k in keys[1:]]).prod())
        if denom == 0:
            continue
        exact = v[keys[0]] / denom
        if round_half_away(exact, _decimals(float(r[value]))) == float(r[value]):
            out[i] = exact
    return out


def check_printed_change(
    df: pd.DataFrame,
    resource: str,
    group: str = "measure",
    time: str = "year",
    value: str = "value",
    printed: str = "printed_change_pct",
    ratios: dict[str, Ratio] | None = None,
) -> pd.DataFrame:
    """Flag printed year-on-year changes (whole percent) that differ from the printed values.

    The printed change is compared with ``100 * (v_t / v_{t-1} - 1)`` rounded half away from zero
    to a whole percent, which is how the source prints it. Each ``v`` is the least-rounded value
    the table itself gives: for a measure in ``ratios`` (a mean such as visitors / (weeks x days))
    the unrounded ratio of its rows where it rounds to the printed mean, else the print. A change
    that only the rounded means miss is rounding, not a flag.

    Parameters
    ----------
    df
        A long table of printed values with their printed changes.
    resource
        Name of the table, for the flag rows.
    group, time, value, printed
        Column names: the series, the year, the printed value and the printed change in percent.
    ratios
        Measures that are ratios of other measures of the same table and year:
        ``{measure: (numerator, (denominator, ...))}``, e.g. :data:`TABLE2_RATIOS`.

    Returns
    -------
    pandas.DataFrame
        One flag row per change that does not reproduce (columns :data:`FLAG_COLUMNS`).
    """
    rows = []
    df = df.sort_values([group, time]).reset_index(drop=True)
    df = df.assign(_exact=_least_rounded(df, group, time, value, ratios or {}))
    for key, g in df.groupby(group, sort=True):
        g = g.reset_index(drop=True)
        label = _label(g, str(key))
        for i in range(1, len(g)):
            prev, cur = g.loc[i - 1], g.loc[i]
            if pd.isna(cur[printed]) or prev["_exact"] == 0:
                continue
            exact = 100.0 * (float(cur["_exact"]) / float(prev["_exact"]) - 1.0)
            recomputed = round_half_away(exact, 0)
            if recomputed != float(cur[printed]):
                rows.append(
                    {
                        "resource": resource,
                        "source_line": int(cur["source_line"]),
                        "check": f"trykt endring {label} {int(prev[time])}→{int(cur[time])}",
                        "printed": float(cur[printed]),
                        "recomputed": recomputed,
                        "detail": f"{fmt_general(prev['_exact'])} → {fmt_general(cur['_exact'])} er "
                        f"{fmt_pct(exact, 1, sign=True)}",
                    }
                )
    return _flags(rows)


def _label(rows: pd.DataFrame, measure: str) -> str:
    """The Norwegian label of a measure (the table's ``measure_label_nb``), else its name."""
    if "measure_label_nb" in rows and rows["measure_label_nb"].notna().any():
        return str(rows["measure_label_nb"].dropna().iloc[0])
    return measure


def check_mean_per_day(df: pd.DataFrame, resource: str, days_in_year: int = 366) -> pd.DataFrame:
    """Flag annual visit means whose implied number of opening days is impossible or suspicious.

    ``implied days = visits_total / visits_mean_per_day``. Flags: more days than the year has;
    more days than a printed 'N em pr. uke' allows (N x 53) -- ``printed`` is then the number of
    days the print allows and ``recomputed`` the implied days; and a mean identical to the other
    session's mean in the same year (a possible copy from the neighbouring column; ``printed`` is
    the mean, nothing is recomputed).

    Parameters
    ----------
    df
        ``strax_annual_visits``: visits_total, visits_mean_per_day, period_note, session, year.
    resource
        Name of the table, for the flag rows.
    days_in_year
        The most opening days a year can have.

    Returns
    -------
    pandas.DataFrame
        The flags (columns :data:`FLAG_COLUMNS`).
    """
    rows = []
    d = df.dropna(subset=["visits_mean_per_day"]).copy()
    d["implied_days"] = d["visits_total"] / d["visits_mean_per_day"]
    for _, r in d.iterrows():
        limit = days_in_year
        note = r.get("period_note")
        if isinstance(note, str) and "pr. uke" in note:
            limit = int(note.split()[0]) * 53
        if r["implied_days"] > limit + 0.5:
            rows.append(
                {
                    "resource": resource,
                    "source_line": int(r["source_line"]),
                    "check": f"utledede åpningsdager {r['session']} {int(r['year'])}",
                    "printed": float(limit),
                    "recomputed": round(float(r["implied_days"]), 1),
                    "detail": f"{fmt_int(r['visits_total'])} / {fmt_general(r['visits_mean_per_day'])} = "
                    f"{fmt_num(r['implied_days'], 1)} dager, flere enn {fmt_int(limit)} mulige"
                    + (f" med «{note}»" if limit != days_in_year else ""),
                }
            )
    # one flag per repeated mean: on each row whose mean an earlier row of the same year already has
    for _, r in d[d.duplicated(["year", "visits_mean_per_day"], keep="first")].iterrows():
        other = d[(d["year"] == r["year"]) & (d["session"] != r["session"])].iloc[0]
        rows.append(
            {
                "resource": resource,
                "source_line": int(r["source_line"]),
                "check": f"samme snitt per dag formiddag og ettermiddag {int(r['year'])}",
                "printed": float(r["visits_mean_per_day"]),
                "recomputed": float("nan"),
                "detail": f"snittet for {r['session']} er lik snittet for {other['session']} "
                f"(linje {int(other['source_line'])}); det gir {fmt_num(r['implied_days'], 1)} "
                f"mot {fmt_num(other['implied_days'], 1)} åpningsdager",
            }
        )
    return _flags(rows)


def check_frequency_table(
    freq: pd.DataFrame, totals: pd.DataFrame, resource: str, decimals: int = 1
) -> pd.DataFrame:
    """Check a printed frequency table: counts sum to the printed total, % = count / total.

    Parameters
    ----------
    freq
        The printed rows: category, count, percent, source_line.
    totals
        The printed total (first row's ``count``) and its line.
    resource
        Name of the table, for the flag rows.
    decimals
        Decimals of the printed percentages.

    Returns
    -------
    pandas.DataFrame
        A flag for a sum that differs from the total and for each percentage that does not
        reproduce.
    """
    rows = []
    total_n = int(totals["count"].iloc[0])
    if int(freq["count"].sum()) != total_n:
        rows.append(
            {
                "resource": resource,
                "source_line": int(totals["source_line"].iloc[0]),
                "check": "summen av antallene mot trykt total",
                "printed": total_n,
                "recomputed": int(freq["count"].sum()),
                "detail": f"antallene summerer til {fmt_int(int(freq['count'].sum()))}, ikke til totalen",
            }
        )
    for _, r in freq.iterrows():
        pct = round_half_away(100.0 * r["count"] / total_n, decimals)
        if pct != r["percent"]:
            rows.append(
                {
                    "resource": resource,
                    "source_line": int(r["source_line"]),
                    "check": f"prosent for «{r['category']}»",
                    "printed": r["percent"],
                    "recomputed": pct,
                    "detail": f"{fmt_int(r['count'])} / {fmt_int(total_n)}",
                }
            )
    return _flags(rows)


def check_against_text(
    table_value: float, text_row: pd.Series, resource: str, table_line: int, what: str
) -> pd.DataFrame:
    """Flag a table value that differs from the same figure quoted in the prose.

    Parameters
    ----------
    table_value
        The value in the table.
    text_row
        The prose figure (value, value_as_printed, source_line).
    resource
        The table's name.
    table_line
        The table value's line in the seed.
    what
        What is compared, for the flag's ``check`` column.

    Returns
    -------
    pandas.DataFrame
        No rows when the two agree, else one flag.
    """
    if float(table_value) == float(text_row["value"]):
        return _flags([])
    return _flags(
        [
            {
                "resource": resource,
                "source_line": table_line,
                "check": what,
                "printed": float(table_value),
                "recomputed": float(text_row["value"]),
                "detail": f"teksten oppgir {text_row['value_as_printed']} på linje "
                f"{int(text_row['source_line'])}",
            }
        ]
    )


# measure quoted in the prose of seed 000 -> (table resource, measure) it should equal
TEXT_VS_TABLE = {"visitors_huset_only": ("huset_key_figures", "visitors")}


def source_flags(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Run every source-consistency check on the validated raw tables.

    Parameters
    ----------
    frames
        The validated raw tables by resource name.

    Returns
    -------
    pandas.DataFrame
        All flags, one row each, sorted by resource, source_line and check.
    """
    parts = [
        check_printed_change(frames["huset_key_figures"], "huset_key_figures", ratios=TABLE2_RATIOS),
        check_mean_per_day(frames["strax_annual_visits"], "strax_annual_visits"),
        check_frequency_table(
            frames["lm2016_table_4_14"], frames["lm2016_table_4_14_printed_totals"], "lm2016_table_4_14"
        ),
    ]
    for _, text_row in frames["huset_text_figures"].iterrows():
        resource, measure = TEXT_VS_TABLE[text_row["measure"]]
        table = frames[resource]
        hit = table[(table["measure"] == measure) & (table["year"] == text_row["year"])].iloc[0]
        parts.append(
            check_against_text(
                hit["value"],
                text_row,
                resource,
                int(hit["source_line"]),
                f"{_label(hit.to_frame().T, measure)} {int(text_row['year'])}: tabell mot tekst",
            )
        )
    flags = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    return flags.sort_values(["resource", "source_line", "check"], ignore_index=True)
