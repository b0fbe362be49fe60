"""Checks of a source against itself: printed derived values recomputed from the printed values.

Notebook 01 calls these functions. Transcribed values are never changed: a value that contradicts
another printed value is *flagged* (kept as printed, with the arithmetic that shows the conflict),
so a reader can check every flag from its line reference.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.formatting import round_half_away

FLAG_COLUMNS = ["resource", "source_line", "check", "printed", "recomputed", "detail"]


def _flags(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


# --------------------------------------------------------------------------------------------
# checks of printed derived values
# --------------------------------------------------------------------------------------------


def check_printed_change(
    df: pd.DataFrame,
    resource: str,
    group: str = "measure",
    time: str = "year",
    value: str = "value",
    printed: str = "printed_change_pct",
) -> pd.DataFrame:
    """Flag printed year-on-year changes (whole percent) that differ from the printed values.

    The printed change is compared with ``100 * (v_t / v_{t-1} - 1)`` rounded half away from zero
    to a whole percent, which is how the source prints it.

    Parameters
    ----------
    df
        A long table of printed values with their printed changes.
    resource
        Name of the table, for the flag rows.
    group, time, value, printed
        Column names: the series, the year, the printed value and the printed change in percent.

    Returns
    -------
    pandas.DataFrame
        One flag row per change that does not reproduce (columns :data:`FLAG_COLUMNS`).
    """
    rows = []
    for key, g in df.sort_values([group, time]).groupby(group, sort=True):
        g = g.reset_index(drop=True)
        for i in range(1, len(g)):
            prev, cur = g.loc[i - 1], g.loc[i]
            if pd.isna(cur[printed]) or prev[value] == 0:
                continue
            exact = 100.0 * (float(cur[value]) / float(prev[value]) - 1.0)
            recomputed = round_half_away(exact, 0)
            if recomputed != float(cur[printed]):
                rows.append(
                    {
                        "resource": resource,
                        "source_line": int(cur["source_line"]),
                        "check": f"printed change {key} {int(prev[time])}→{int(cur[time])}",
                        "printed": float(cur[printed]),
                        "recomputed": recomputed,
                        "detail": f"{prev[value]:g} → {cur[value]:g} is {exact:+.1f} %",
                    }
                )
    return _flags(rows)


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
                    "check": f"implied opening days {r['session']} {int(r['year'])}",
                    "printed": float(limit),
                    "recomputed": round(float(r["implied_days"]), 1),
                    "detail": f"{int(r['visits_total'])} / {r['visits_mean_per_day']:g} = "
                    f"{r['implied_days']:.1f} days, more than {limit} possible"
                    + (f" with '{note}'" if limit != days_in_year else ""),
                }
            )
    # one flag per repeated mean: on each row whose mean an earlier row of the same year already has
    for _, r in d[d.duplicated(["year", "visits_mean_per_day"], keep="first")].iterrows():
        other = d[(d["year"] == r["year"]) & (d["session"] != r["session"])].iloc[0]
        rows.append(
            {
                "resource": resource,
                "source_line": int(r["source_line"]),
                "check": f"same mean per day in both sessions {int(r['year'])}",
                "printed": float(r["visits_mean_per_day"]),
                "recomputed": float("nan"),
                "detail": f"{r['session']} mean equals {other['session']} mean "
                f"(line {int(other['source_line'])}); implied {r['implied_days']:.1f} "
                f"vs {other['implied_days']:.1f} opening days",
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
                "check": "sum of counts vs printed total",
                "printed": total_n,
                "recomputed": int(freq["count"].sum()),
                "detail": "counts do not add up",
            }
        )
    for _, r in freq.iterrows():
        pct = round_half_away(100.0 * r["count"] / total_n, decimals)
        if pct != r["percent"]:
            rows.append(
                {
                    "resource": resource,
                    "source_line": int(r["source_line"]),
                    "check": f"percent of '{r['category']}'",
                    "printed": r["percent"],
                    "recomputed": pct,
                    "detail": f"{r['count']} / {total_n}",
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
                "detail": f"the text prints {text_row['value_as_printed']} at line "
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
        check_printed_change(frames["huset_key_figures"], "huset_key_figures"),
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
                f"{measure} {int(text_row['year'])}: table vs text",
            )
        )
    flags = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    return flags.sort_values(["resource", "source_line", "check"], ignore_index=True)
