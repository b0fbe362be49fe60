"""Report tables of notebook 03 as Norwegian string cells: summaries, mismatches, tests, codebook."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.core.formatting import TOTALT, fmt_int, fmt_num, fmt_p, match_marker, round_half_away
from helpers.survey import demo_text, lm_tables, lm_variables
from helpers.survey.codebook import Codebook
from helpers.survey.compare import REGRESSION_TOLERANCE
from helpers.survey.likert import LIKERT_CODES, LIKERT_GROUPS, LikertRow
from helpers.survey.report_text import (
    CHI2_NAMES,
    MEASURE_NO,
    MISSING_CELL,
    NOT_PUBLISHED,
    STAT_FALLBACK,
    STAT_NO,
    SUMMARY_HEADERS,
    T_TEST_NAMES,
    TYPE_NO,
)
from helpers.survey.statistics import EXPECTED_MIN, chi_square, t_tests


def format_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.survey.compare.summary` with Norwegian headers and a «Totalt» row.

    Parameters
    ----------
    summary
        The per-table summary.

    Returns
    -------
    pandas.DataFrame
        String cells.
    """
    s = summary.copy()
    tot = s.drop(columns="table").sum()
    s = pd.concat([s, pd.DataFrame([{"table": TOTALT, **tot.to_dict()}])], ignore_index=True)
    s = s.rename(columns=SUMMARY_HEADERS)
    for c in s.columns[1:]:
        s[c] = s[c].map(fmt_int)
    return s


def format_mismatches(bad: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.survey.compare.mismatches` as report cells.

    Parameters
    ----------
    bad
        The cells that do not match, with their reasons.

    Returns
    -------
    pandas.DataFrame
        String cells.
    """
    return pd.DataFrame(
        {
            "Tabell": bad["table"],
            "Rad": bad["row"],
            "Kolonne": bad["col"],
            "Mål": bad["statistic"].map(lambda s: STAT_NO.get(s) or STAT_FALLBACK),
            "Trykt": [fmt_num(v, int(d)) for v, d in zip(bad["printed"], bad["decimals"], strict=True)],
            "Beregnet": [
                fmt_num(round_half_away(float(v), int(d)), int(d))
                for v, d in zip(bad["ours"], bad["decimals"], strict=True)
            ],
            "Grunn": bad["reason"],
        }
    )


def group_mismatches(bad: pd.DataFrame) -> pd.DataFrame:
    """:func:`format_mismatches` with one row per reason: its cells listed, and how many.

    A reason that explains many cells (the approximated regressions) is printed once.

    Parameters
    ----------
    bad
        The cells that do not match, with their reasons (:func:`helpers.survey.compare.mismatches`).

    Returns
    -------
    pandas.DataFrame
        String cells, one row per reason in the order it first explains a cell: the tables, the
        reason, the number of cells and the cells as «row – column (measure): printed → computed»
        (led by their table when the reason spans several).
    """
    cells = format_mismatches(bad)
    cells = cells.assign(
        celle=[
            f"{r} – {k} ({m}): {t} → {b}"
            for r, k, m, t, b in zip(
                cells["Rad"], cells["Kolonne"], cells["Mål"], cells["Trykt"], cells["Beregnet"], strict=True
            )
        ]
    )
    rows = []
    for why, g in cells.groupby("Grunn", sort=False):
        tables = list(dict.fromkeys(map(str, g["Tabell"])))
        listed = g["celle"] if len(tables) == 1 else g["Tabell"].map(str) + " " + g["celle"]
        rows.append((", ".join(tables), why, fmt_int(len(g)), "; ".join(listed)))
    return pd.DataFrame(rows, columns=["Tabell", "Grunn", "Antall celler", "Celler (trykt → beregnet)"])


def format_regression(reg: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.survey.compare.regression_check` rows (with a ``table`` column) as report cells.

    Parameters
    ----------
    reg : pandas.DataFrame
        The coefficient checks of A.4 and A.5, one row per coefficient.

    Returns
    -------
    pandas.DataFrame
        String cells.
    """
    return pd.DataFrame(
        {
            "Tabell": reg["table"],
            "Variabel": reg["row"],
            "B trykt": reg["B_printed"].map(lambda v: fmt_num(v, 3)),
            "B beregnet": reg["B_ours"].map(lambda v: fmt_num(v, 3)),
            f"Innen {fmt_num(REGRESSION_TOLERANCE, 2)}": reg["within"].map(match_marker),
            "Samme fortegn": reg["same_sign"].map(match_marker),
            "Samme signifikans": reg["same_significance"].map(match_marker),
        }
    )


def chi_square_table(pairs: Mapping[str, tuple[pd.Series, pd.Series]]) -> pd.DataFrame:
    """χ²-tests (uncorrected), Cramér's V and, where the expected-count rule is broken, Fisher.

    Parameters
    ----------
    pairs
        Table number -> (row variable, column variable), e.g. :func:`lm_tables.chi_square_pairs`.

    Returns
    -------
    pandas.DataFrame
        String cells, one row per table.
    """
    rows = []
    for table, (a, b) in pairs.items():
        r = chi_square(a, b)
        rows.append(
            {
                "Tabell": f"{table} {CHI2_NAMES[table]}",
                "N": fmt_int(r.n),
                "χ²": fmt_num(r.chi2, 2),
                "df": fmt_int(r.df),
                "p": fmt_p(r.p),
                "Cramérs V": fmt_num(r.cramers_v, 3),
                f"Forventet < {EXPECTED_MIN}": f"{fmt_num(100 * r.share_expected_below_5, 0)} %",
                "Fisher": fmt_p(r.fisher_p) if r.rule_violated else MISSING_CELL,
            }
        )
    return pd.DataFrame(rows)


def t_test_table(data: pd.DataFrame) -> pd.DataFrame:
    """Pooled and Welch t-tests of respect (6.5) and trust (6.6) by police control.

    Parameters
    ----------
    data : pandas.DataFrame
        Validated respondents with respect, trust and the three police counts.

    Returns
    -------
    pandas.DataFrame
        String cells, one row per table.
    """
    g = lm_variables.politikontroll(data)
    rows = []
    for table, item in lm_tables.T_TESTS.items():
        r = t_tests(data[item], g, 0, 1)
        rows.append(
            {
                "Tabell": f"{table} {T_TEST_NAMES[table]}",
                "Forskjell": fmt_num(r.mean_diff, 2),
                "t (lik varians)": fmt_num(r.t_pooled, 2),
                "df": fmt_int(r.df_pooled),
                "p (lik varians)": fmt_p(r.p_pooled),
                "t (Welch)": fmt_num(r.t_welch, 2),
                "df (Welch)": fmt_num(r.df_welch, 1),
                "p (Welch)": fmt_p(r.p_welch),
            }
        )
    return pd.DataFrame(rows)


def likert_table(rows: list[LikertRow], cb: Codebook, decimals: int = 1) -> pd.DataFrame:
    """Collapsed statements (:func:`helpers.survey.likert.likert_rows`) as report cells.

    Parameters
    ----------
    rows
        One per statement.
    cb
        The codebook (statement texts).
    decimals
        Decimals of the percentages.

    Returns
    -------
    pandas.DataFrame
        Statement, table, N, the percentage per group and the mean.
    """
    mean_col = f"Gjennomsnitt ({min(LIKERT_CODES)}–{max(LIKERT_CODES)})"
    out = []
    for r in rows:
        row = {"Påstand": cb.item(r.item)["item_label"], "Tabell": r.table, "N": fmt_int(r.n)}
        for g in LIKERT_GROUPS:
            row[f"{g.capitalize()} (%)"] = fmt_num(r.shares[g], decimals)
        row[mean_col] = fmt_num(r.mean, 2)
        out.append(row)
    return pd.DataFrame(out)


def _printed_beside_ours(cmp: pd.DataFrame) -> dict[str, object]:
    """The printed and recomputed number as printed, the ✓/✗ marker and the reason."""
    return {
        "Trykt": [fmt_num(v, d) for v, d in zip(cmp["printed"], cmp["decimals"], strict=True)],
        "Beregnet": [fmt_num(v, d) for v, d in zip(cmp["ours"], cmp["decimals"], strict=True)],
        "Samsvar": cmp["match"].map(match_marker),
        "Merknad": cmp["reason"],
    }


def format_text_figures(cmp: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.survey.compare.compare_text_figures` as report cells.

    Parameters
    ----------
    cmp
        The text figures beside ours.

    Returns
    -------
    pandas.DataFrame
        String cells.
    """
    return pd.DataFrame(
        {
            "Linje": cmp["source_line"].map(str),
            "Tabell": cmp["table"],
            "Mål": cmp["measure"].map(MEASURE_NO),
            **_printed_beside_ours(cmp),
        }
    )


FACT_MEASURE_NO = {
    "n": "antall respondenter",
    "count": "antall",
    "pct": "andel av dem som svarte, %",
    "missing": "antall ikke svart",
    "missing_pct": "andel ikke svart, %",
    "answered": "antall som svarte",
    "mean": "gjennomsnitt",
}


def format_text_facts(table: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """:func:`helpers.survey.demo_text.check` as report cells, one row per text-only fact.

    Parameters
    ----------
    table
        The ``table`` of the check.
    labels
        item -> its label in the codebook (``resp_id``: the whole sample).

    Returns
    -------
    pandas.DataFrame
        String cells.
    """
    return pd.DataFrame(
        {
            "Linje": table["source_line"].map(str),
            "Spørsmål": table["item"].map(lambda i: _fact_label(i, labels)),
            "Mål": table["measure"].map(FACT_MEASURE_NO),
            **_printed_beside_ours(table),
        }
    )


def _fact_label(item: str, labels: Mapping[str, str]) -> str:
    """The question(s) a text fact is about: «A og B» (all of them) or «A eller B» (any of them)."""
    items, joiner = demo_text.fact_items(item)
    return (" og " if joiner == "&" else " eller ").join(labels.get(i, "utvalget") for i in items)


def _type_label(cb: Codebook, item_id: str, item_type: str) -> str:
    if item_type != "likert5":
        return TYPE_NO[item_type]
    codes = list(cb.labels(item_id))
    return f"{TYPE_NO[item_type]} {min(codes)}–{max(codes)}"


def codebook_overview(cb: Codebook, constrained: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per item for the appendix: number, label, type, value labels, demo constraint.

    Parameters
    ----------
    cb
        The codebook.
    constrained
        Item id -> the published tables that constrain its demo data («ikke publisert» otherwise);
        None leaves the column out.

    Returns
    -------
    pandas.DataFrame
        String cells.
    """
    rows = []
    for iid, it in cb.items.iterrows():
        labels = cb.labels(str(iid))  # multiple response: the 0/1 codes of every option
        row = {
            "Spørsmål": it["question"],
            "Variabel": iid,
            "Tekst": it["item_label"],
            "Type": _type_label(cb, str(iid), it["item_type"]),
            "Verdier": "; ".join(f"{c} = {lab}" for c, lab in labels.items()),
        }
        if constrained is not None:
            row["Demodata"] = constrained.get(str(iid), NOT_PUBLISHED)
        rows.append(row)
    return pd.DataFrame(rows)
