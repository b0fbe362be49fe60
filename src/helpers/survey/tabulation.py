"""Survey tabulation in the style of Lundeberg & Mjåland (2017).

Their frequency tables list the answer categories in questionnaire order with «Antall svar» and
«Prosent» (one decimal, of those who answered) and a «Total» row. The same functions tabulate
respondent-level data (:func:`frequency_table`) or counts transcribed from a published table
(:func:`frequency_table_from_counts`), so a reproduction goes through the code that will tabulate
the student's own survey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from helpers.core.formatting import (
    ANTALL_SVAR,
    PROSENT,
    TOTAL,
    TOTALT,
    fmt_int,
    fmt_num,
    match_marker,
    round_half_away,
)

CATEGORY = "Svar"


def frequency_table_from_counts(
    categories: Sequence[str], counts: Sequence[int], decimals: int = 1
) -> pd.DataFrame:
    """Frequency table (numbers, not strings) from counts per category in questionnaire order.

    Returns columns ``Svar``, ``Antall svar``, ``Prosent`` and a last ``Total`` row; percentages
    are of the sum of the counts (valid answers), rounded half away from zero like SPSS output.
    """
    if len(categories) != len(counts):
        raise ValueError("categories and counts differ in length")
    if len(set(categories)) != len(categories):
        raise ValueError("duplicate category labels")
    counts = [int(c) for c in counts]
    if any(c < 0 for c in counts):
        raise ValueError("negative count")
    n = sum(counts)
    pct = [round_half_away(100.0 * c / n, decimals) if n else float("nan") for c in counts]
    table = pd.DataFrame({CATEGORY: list(categories), ANTALL_SVAR: counts, PROSENT: pct})
    total = pd.DataFrame({CATEGORY: [TOTAL], ANTALL_SVAR: [n], PROSENT: [100.0 if n else None]})
    return pd.concat([table, total], ignore_index=True)


def frequency_table(answers: pd.Series, categories: Sequence[str], decimals: int = 1) -> pd.DataFrame:
    """Frequency table of respondent-level answers; categories never chosen are shown with 0.

    Missing answers (NaN) are left out of the base; an answer outside ``categories`` is an error.
    """
    valid = answers.dropna()
    unknown = sorted(set(valid) - set(categories))
    if unknown:
        raise ValueError(f"answers not in the category list: {unknown}")
    counts = valid.value_counts().reindex(list(categories), fill_value=0)
    return frequency_table_from_counts(list(categories), counts.tolist(), decimals)


def compare_with_published(ours: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Side-by-side frame: our counts and percentages beside the printed ones, with match flags.

    ``printed`` has columns ``category``, ``count``, ``percent`` (including the total row, whose
    category is ``Total``).
    """
    p = printed.set_index("category")
    rows = []
    for _, r in ours.iterrows():
        cat = r[CATEGORY]
        pr = p.loc[cat] if cat in p.index else None
        rows.append(
            {
                CATEGORY: cat,
                "antall_ours": int(r[ANTALL_SVAR]),
                "antall_printed": None if pr is None else int(pr["count"]),
                "prosent_ours": r[PROSENT],
                "prosent_printed": None if pr is None else float(pr["percent"]),
            }
        )
    out = pd.DataFrame(rows)
    out["antall_match"] = out["antall_ours"] == out["antall_printed"]
    out["prosent_match"] = out["prosent_ours"] == out["prosent_printed"]
    return out


def format_comparison(cmp: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """The comparison as report cells: printed table layout plus a match marker per cell."""
    return pd.DataFrame(
        {
            "": cmp[CATEGORY],
            f"{ANTALL_SVAR} (publisert)": cmp["antall_printed"].map(fmt_int),
            f"{PROSENT} (publisert)": cmp["prosent_printed"].map(lambda v: fmt_num(v, decimals)),
            f"{ANTALL_SVAR} (beregnet)": cmp["antall_ours"].map(fmt_int),
            f"{PROSENT} (beregnet)": cmp["prosent_ours"].map(lambda v: fmt_num(v, decimals)),
            "Samsvar": [
                match_marker(a and b) for a, b in zip(cmp["antall_match"], cmp["prosent_match"], strict=True)
            ],
        }
    )


# ============================================================================================
# Tabulation engine on respondent-level data (codes as in helpers.survey.codebook)
# ============================================================================================

IKKE_SVART = "Ikke svart"
PCT = "%"


def pct(count: float, base: float, decimals: int = 1) -> float:
    """``100 * count / base`` rounded half away from zero (NaN when the base is 0)."""
    return round_half_away(100.0 * count / base, decimals) if base else float("nan")


def counts(values: pd.Series, codes: Sequence) -> pd.Series:
    """Counts of each code in ``codes`` (in that order, zeros kept); missing values are left out.

    A value that is not among ``codes`` is an error (validate against the codebook first).
    """
    valid = values.dropna()
    unknown = sorted(set(valid) - set(codes))
    if unknown:
        raise ValueError(f"{values.name}: values not in the code list: {unknown}")
    return valid.value_counts().reindex(list(codes), fill_value=0).astype(int)


def frequency(values: pd.Series, labels: dict, decimals: int = 1, show_missing: bool = False) -> pd.DataFrame:
    """L&M frequency table: «Antall svar» and «Prosent» of valid answers, «Total».

    ``labels`` maps codes to labels in questionnaire order. With ``show_missing`` an «Ikke svart»
    row and a grand «Total» of all respondents follow (Tabell 5.5/5.6); their percentage is blank.
    """
    c = counts(values, list(labels))
    table = frequency_table_from_counts([str(v) for v in labels.values()], c.tolist(), decimals)
    if show_missing:
        n_miss = int(values.isna().sum())
        extra = pd.DataFrame(
            {CATEGORY: [IKKE_SVART, TOTAL], ANTALL_SVAR: [n_miss, len(values)], PROSENT: [np.nan, np.nan]}
        )
        table = pd.concat([table, extra], ignore_index=True)
    return table


def crosstab(
    rows: pd.Series, cols: pd.Series, row_labels: dict, col_labels: dict, decimals: int = 1
) -> pd.DataFrame:
    """SPSS-style crosstab with row percentages (Tabell 4.8/4.9).

    Returns a long frame with columns ``row``, ``col``, ``statistic`` (``count``/``percent``) and
    ``value``; respondents missing on either variable are left out; «Totalt» row and column added.
    """
    ok = rows.notna() & cols.notna()
    r, c = rows[ok], cols[ok]
    for s, lab in ((r, row_labels), (c, col_labels)):
        bad = sorted(set(s) - set(lab))
        if bad:
            raise ValueError(f"{s.name}: values not in the code list: {bad}")
    tab = pd.crosstab(r, c).reindex(index=list(row_labels), columns=list(col_labels), fill_value=0)
    tab.index = [row_labels[k] for k in tab.index]
    tab.columns = [col_labels[k] for k in tab.columns]
    tab.loc[TOTALT] = tab.sum(axis=0)
    tab[TOTALT] = tab.sum(axis=1)
    out = []
    for i, (rlab, row) in enumerate(tab.iterrows(), start=1):
        for j, (clab, n) in enumerate(row.items(), start=1):
            out.append(
                {
                    "row_order": i,
                    "row": rlab,
                    "col_order": j,
                    "col": clab,
                    "statistic": "count",
                    "value": int(n),
                }
            )
            out.append(
                {
                    "row_order": i,
                    "row": rlab,
                    "col_order": j,
                    "col": clab,
                    "statistic": "percent",
                    "value": pct(n, row[TOTALT], decimals),
                }
            )
    return pd.DataFrame(out)


def compact(
    items: dict[str, pd.Series],
    labels: dict,
    decimals: int = 1,
    total: str | None = "count",
    base_codes: Sequence | None = None,
) -> pd.DataFrame:
    """«prosent (antall)» table, one row per item (Tabell 5.7, 6.1, 6.3, 6.4, 6.7).

    ``total`` adds a last column: ``"count"`` (the number who answered, «Total»/«Antall svar»),
    ``"n"`` (the «Total N» column of 6.4) or ``None``. ``base_codes`` restricts the categories shown
    while the base stays all valid answers (6.1 leaves out «Annet» but keeps it in the base).
    Returns a long frame like :func:`crosstab`.
    """
    shown = list(base_codes) if base_codes is not None else list(labels)
    out = []
    for i, (name, s) in enumerate(items.items(), start=1):
        c = counts(s, list(labels))
        base = int(c.sum())
        for j, code in enumerate(shown, start=1):
            out.append(
                {
                    "row_order": i,
                    "row": name,
                    "col_order": j,
                    "col": labels[code],
                    "statistic": "percent",
                    "value": pct(c[code], base, decimals),
                }
            )
            out.append(
                {
                    "row_order": i,
                    "row": name,
                    "col_order": j,
                    "col": labels[code],
                    "statistic": "count",
                    "value": int(c[code]),
                }
            )
        if total:
            out.append(
                {
                    "row_order": i,
                    "row": name,
                    "col_order": len(shown) + 1,
                    "col": "Total N" if total == "n" else TOTAL,
                    "statistic": total,
                    "value": base,
                }
            )
    return pd.DataFrame(out)


def multiple_response(
    options: dict[str, pd.Series],
    groups: pd.Series | None = None,
    group_labels: dict | None = None,
    decimals: int = 0,
) -> pd.DataFrame:
    """Percent of respondents who ticked each option, by group (Tabell 6.2).

    The base of a group is the respondents who answered the question (any option non-missing),
    so the percentages of a column can sum to more than 100. Returns a long frame with a ``base``
    row per group column.
    """
    frame = pd.DataFrame(options)
    answered = frame.notna().any(axis=1)
    if groups is None:
        groups = pd.Series("Totalt", index=frame.index)
        group_labels = {"Totalt": TOTALT}
    cols = [(k, lab, groups == k) for k, lab in group_labels.items()]
    if len(cols) > 1:
        cols.append((None, TOTALT, groups.isin(list(group_labels))))
    out = []
    for j, (_, clab, member) in enumerate(cols, start=1):
        base = int((answered & member).sum())
        for i, (name, s) in enumerate(options.items(), start=1):
            n = int(((s == 1) & member & answered).sum())
            out.append(
                {
                    "row_order": i,
                    "row": name,
                    "col_order": j,
                    "col": clab,
                    "statistic": "percent",
                    "value": pct(n, base, decimals),
                }
            )
            out.append(
                {"row_order": i, "row": name, "col_order": j, "col": clab, "statistic": "count", "value": n}
            )
        out.append(
            {
                "row_order": len(options) + 1,
                "row": "Antall svar (base)",
                "col_order": j,
                "col": clab,
                "statistic": "n",
                "value": base,
            }
        )
    return pd.DataFrame(out)


def collapse(values: pd.Series, groups: dict[str, Sequence]) -> pd.Series:
    """Recode codes into named groups (e.g. uenig = 1, 2; enig = 4, 5); other codes -> missing."""
    mapping = {code: name for name, codes in groups.items() for code in codes}
    return values.map(mapping)


def likert_mean(values: pd.Series, substantive: Sequence) -> float:
    """Mean of the substantive codes only (e.g. «Uaktuelt» left out)."""
    v = values[values.isin(list(substantive))]
    return float(v.mean()) if len(v) else float("nan")


# ------------------------------------------------------------------------------------ tests


def chi_square(rows: pd.Series, cols: pd.Series) -> dict:
    """Uncorrected Pearson χ² (``correction=False``), Cramér's V, and the expected-count rule.

    When more than 20 % of the expected counts are below 5 or any is below 1, Fisher's exact test
    is reported as well (``fisher_p``) and ``rule_violated`` is True, for the table footnote.
    """
    ok = rows.notna() & cols.notna()
    tab = pd.crosstab(rows[ok], cols[ok]).to_numpy()
    chi2, p, dof, expected = stats.chi2_contingency(tab, correction=False)
    n = tab.sum()
    k = min(tab.shape) - 1
    small = float((expected < 5).mean())
    violated = small > 0.2 or bool((expected < 1).any())
    res = {
        "chi2": float(chi2),
        "df": int(dof),
        "p": float(p),
        "n": int(n),
        "cramers_v": math.sqrt(chi2 / (n * k)) if n and k else float("nan"),
        "share_expected_below_5": small,
        "min_expected": float(expected.min()),
        "rule_violated": violated,
        "fisher_p": float("nan"),
    }
    if violated:
        res["fisher_p"] = float(stats.fisher_exact(tab).pvalue)
    return res


def group_means(values: pd.Series, groups: pd.Series, group_labels: dict) -> pd.DataFrame:
    """N, mean, SD and standard error of the mean per group (SPSS «Group Statistics»)."""
    rows = []
    for i, (g, lab) in enumerate(group_labels.items(), start=1):
        v = values[(groups == g) & values.notna()].astype(float)
        n = len(v)
        sd = float(v.std(ddof=1)) if n > 1 else float("nan")
        rows.append(
            {
                "row_order": i,
                "row": lab,
                "n": n,
                "mean": float(v.mean()),
                "sd": sd,
                "std_error": sd / math.sqrt(n) if n > 1 else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def t_tests(values: pd.Series, groups: pd.Series, g0, g1) -> dict:
    """Independent-samples t-test, pooled (equal variances) and Welch, as in Tabell 6.5/6.6."""
    a = values[(groups == g0) & values.notna()].astype(float)
    b = values[(groups == g1) & values.notna()].astype(float)
    pooled = stats.ttest_ind(a, b, equal_var=True)
    welch = stats.ttest_ind(a, b, equal_var=False)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    welch_df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return {
        "t_pooled": float(pooled.statistic),
        "df_pooled": len(a) + len(b) - 2,
        "p_pooled": float(pooled.pvalue),
        "t_welch": float(welch.statistic),
        "df_welch": float(welch_df),
        "p_welch": float(welch.pvalue),
        "mean_diff": float(a.mean() - b.mean()),
    }


def ols(data: pd.DataFrame, y: str, xs: Sequence[str], labels: dict | None = None) -> dict:
    """OLS in the SPSS «Coefficients» layout: B, Std. Error, Beta, t, Sig., plus R, R², N.

    Listwise deletion. Beta is the SPSS standardised coefficient, B·sd(x)/sd(y), i.e. the slope
    when both sides are standardised; the constant has no Beta.
    """
    import statsmodels.api as sm

    d = data[[y, *xs]].dropna().astype(float)
    X = sm.add_constant(d[list(xs)], has_constant="add")
    fit = sm.OLS(d[y], X).fit()
    labels = labels or {}
    rows = []
    for i, name in enumerate(["const", *xs], start=1):
        beta = (
            float("nan")
            if name == "const"
            else float(fit.params[name] * d[name].std(ddof=1) / d[y].std(ddof=1))
        )
        rows.append(
            {
                "row_order": i,
                "row": labels.get(name, "(Constant)" if name == "const" else name),
                "B": float(fit.params[name]),
                "std_error": float(fit.bse[name]),
                "beta": beta,
                "t": float(fit.tvalues[name]),
                "sig": float(fit.pvalues[name]),
            }
        )
    return {
        "coefficients": pd.DataFrame(rows),
        "r": math.sqrt(max(fit.rsquared, 0.0)),
        "r2": float(fit.rsquared),
        "n": int(fit.nobs),
    }


# ------------------------------------------------------------------------------ suppression


def suppress(table: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Small-cell suppression of a count table (rows x columns, no margins) for private data.

    Primary: every count 1..threshold-1 is hidden. Secondary: in each row and column with exactly
    one hidden cell, the smallest other non-zero cell is hidden too, repeated until stable, so a
    hidden cell cannot be recovered from the row and column totals. Returns a boolean mask (True =
    hide). ``threshold`` <= 1 hides nothing (used when reproducing published tables).
    """
    values = table.to_numpy(dtype=float)
    hide = (values > 0) & (values < threshold) if threshold > 1 else np.zeros_like(values, bool)
    changed = bool(hide.any())
    while changed:
        changed = False
        for axis in (0, 1):
            lines = hide.T if axis == 0 else hide
            vals = values.T if axis == 0 else values
            for i in range(lines.shape[0]):
                if lines[i].sum() == 1:
                    cand = [
                        (vals[i, j], j) for j in range(lines.shape[1]) if not lines[i, j] and vals[i, j] > 0
                    ]
                    if not cand:
                        cand = [(vals[i, j], j) for j in range(lines.shape[1]) if not lines[i, j]]
                    if cand:
                        j = min(cand)[1]
                        lines[i, j] = True
                        changed = True
    return pd.DataFrame(hide, index=table.index, columns=table.columns)


# ============================================================================================
# Lundeberg & Mjåland (2017): derived variables, their table layouts, and the comparison
# ============================================================================================

BOLIG3 = {1: "Egen eller leid leilighet/hus", 2: "Institusjon og annet", 3: "Hospits eller uten bopel"}
# q42 codes -> BOLIG3 (the report does not state the mapping; this one reproduces 4.8 and 4.9
# together with the 7-way split in the text, lines 6017-6019)
BOLIG3_FROM_Q42 = {1: 1, 2: 2, 3: 2, 4: 2, 6: 2, 5: 3, 7: 3}
ALDER3 = {1: "18–34 år", 2: "35–44 år", 3: "45 år og eldre"}
KONTROLL = {0: "Ingen kontroll (0)", 1: "Minst en kontroll (1)"}
POLICE_COUNTS = ("q21_bortvist", "q22_ransaket", "q23_anmeldt")
LM_TABLES = (
    "4.8",
    "4.9",
    "4.14",
    "4.15",
    "4.16",
    "4.17",
    "5.3",
    "5.4",
    "5.5",
    "5.6",
    "5.7",
    "6.1",
    "6.2",
    "6.3",
    "6.4",
    "6.5",
    "6.6",
    "6.7",
    "A.4",
    "A.5",
)
PRICE_ITEMS_5_3 = (
    "q29_pris_stesolid",
    "q29_pris_xanor",
    "q29_pris_rivotril",
    "q29_pris_clonazepan",
    "q29_pris_lyrica",
    "q29_pris_sobril",
)
PRICE_ITEMS_5_4 = ("q29_pris_heroin", "q29_pris_amfetamin", "q29_pris_kokain", "q29_pris_hasj")
Q16_ORDER_6_1 = (3, 1, 6, 9, 2, 4, 8, 5, 7)  # printed order (by frequency); «Annet» (10) not shown
Q15_ORDER_6_2 = ("q15_slag", "q15_spark", "q15_kvelning", "q15_knivstikking", "q15_voldtekt", "q15_annet")


TABLE_ITEMS: dict[str, tuple[str, ...]] = {
    "4.8": ("q34_kjonn", "q42_bolig"),
    "4.9": ("q33_alder", "q42_bolig"),
    "4.14": ("q09_hjelp_far",),
    "4.15": ("q11_lettere_behandling",),
    "4.16": ("q11_livssituasjon_bedre",),
    "4.17": ("q11_bedre_helse",),
    "5.3": PRICE_ITEMS_5_3,
    "5.4": PRICE_ITEMS_5_4,
    "5.5": ("q11_pris_opp",),
    "5.6": ("q31_tilgang_endring",),
    "5.7": ("q32_heroin", "q32_amfetamin", "q32_hasj", "q32_piller"),
    "6.1": ("q16_vold_sted_sist",),
    "6.2": ("q12_vold_utsatt_noen_gang", "q34_kjonn", *Q15_ORDER_6_2),
    "6.3": ("q11_mer_vold", "q11_tryggere"),
    "6.4": ("q24_respekt_politi", "q25_tillit_politi", "q26_politi_trygghet"),
    "6.5": ("q24_respekt_politi", *POLICE_COUNTS),
    "6.6": ("q25_tillit_politi", *POLICE_COUNTS),
    "6.7": ("q11_mindre_tillit_politi",),
    "A.4": ("q25_tillit_politi", *POLICE_COUNTS),
    "A.5": ("q11_mindre_tillit_politi", "q34_kjonn", "q33_alder", *POLICE_COUNTS),
}


def available_tables(columns) -> list[str]:
    """The L&M tables a respondent file can fill: those whose items are all among ``columns``."""
    cols = set(columns)
    return [t for t in LM_TABLES if set(TABLE_ITEMS[t]) <= cols]


def bolig3(q42: pd.Series) -> pd.Series:
    """Housing in the three groups of Tabell 4.8/4.9."""
    return q42.map(BOLIG3_FROM_Q42)


def alder3(age: pd.Series) -> pd.Series:
    """Age groups 18–34 / 35–44 / 45+ as cut in Tabell 4.9 (younger than 18 -> missing)."""
    out = pd.Series(np.nan, index=age.index)
    out[(age >= 18) & (age <= 34)] = 1
    out[(age >= 35) & (age <= 44)] = 2
    out[age >= 45] = 3
    return out


def politikontroll(data: pd.DataFrame) -> pd.Series:
    """0 = never sent away, searched or reported since the park closed, 1 = at least once
    (text lines 9504-9507); missing when any of the three questions is unanswered."""
    x = data[list(POLICE_COUNTS)]
    return (x.sum(axis=1) > 0).astype(float).where(x.notna().all(axis=1))


def politikontakt_sum(data: pd.DataFrame) -> pd.Series:
    """«Politikontaktny»: the sum of the three count codes (text lines 9593-9595)."""
    x = data[list(POLICE_COUNTS)]
    return x.sum(axis=1).where(x.notna().all(axis=1))


def _long_freq(table: pd.DataFrame, count_col: int = 1, pct_col: int = 2) -> list[dict]:
    out = []
    for i, r in enumerate(table.itertuples(index=False), start=1):
        out.append({"row_order": i, "col_order": count_col, "statistic": "count", "value": int(r[1])})
        if not pd.isna(r[2]):
            out.append({"row_order": i, "col_order": pct_col, "statistic": "percent", "value": float(r[2])})
    return out


def reproduce(table: str, data: pd.DataFrame, cb) -> pd.DataFrame:
    """Tabulate ``data`` (validated codes) in the layout of L&M's table ``table``.

    Returns ``row_order``, ``col_order``, ``statistic``, ``value`` matching the transcribed table,
    so the two can be joined cell by cell. No table logic lives in the notebook.
    """
    lik = cb.labels("q11_pris_opp")
    if table in ("4.8", "4.9"):
        rows = (
            (data["q34_kjonn"], {2: "Mann", 1: "Kvinne"})
            if table == "4.8"
            else (alder3(data["q33_alder"]), ALDER3)
        )
        out = crosstab(rows[0], bolig3(data["q42_bolig"]), rows[1], BOLIG3)
        return out[["row_order", "col_order", "statistic", "value"]]
    if table == "4.14":
        t = frequency(data["q09_hjelp_far"], cb.labels("q09_hjelp_far"))
        return pd.DataFrame(_long_freq(t))
    single = {
        "4.15": "q11_lettere_behandling",
        "4.16": "q11_livssituasjon_bedre",
        "4.17": "q11_bedre_helse",
        "5.5": "q11_pris_opp",
        "5.6": "q31_tilgang_endring",
    }
    if table in single:
        item = single[table]
        t = frequency(data[item], cb.labels(item), show_missing=table in ("5.5", "5.6"))
        return pd.DataFrame(_long_freq(t))
    if table == "5.7":
        items = {k: data[f"q32_{k}"] for k in ("heroin", "amfetamin", "hasj", "piller")}
        out = compact(items, cb.labels("q32_heroin"))
        return out[["row_order", "col_order", "statistic", "value"]]
    if table == "6.1":
        c = counts(data["q16_vold_sted_sist"], list(cb.labels("q16_vold_sted_sist")))
        rows = []
        for i, code in enumerate(Q16_ORDER_6_1, start=1):
            rows.append(
                {"row_order": i, "col_order": 1, "statistic": "percent", "value": pct(c[code], c.sum())}
            )
            rows.append({"row_order": i, "col_order": 1, "statistic": "count", "value": int(c[code])})
        return pd.DataFrame(rows)
    if table == "6.2":
        exposed = data["q12_vold_utsatt_noen_gang"] == 1
        opts = {k: data[k].where(exposed) for k in Q15_ORDER_6_2}
        out = multiple_response(opts, data["q34_kjonn"], {1: "Kvinne", 2: "Mann"}, decimals=0)
        return out[["row_order", "col_order", "statistic", "value"]]
    if table in ("6.3", "6.7"):
        names = ("q11_mer_vold", "q11_tryggere") if table == "6.3" else ("q11_mindre_tillit_politi",)
        out = compact({k: data[k] for k in names}, lik)
        if table == "6.3":
            tot = out[out["col_order"] == 6].assign(statistic="percent", value=100.0)
            out = pd.concat([out, tot], ignore_index=True)
        return out[["row_order", "col_order", "statistic", "value"]]
    if table == "6.4":
        items = {k: data[k] for k in ("q24_respekt_politi", "q25_tillit_politi", "q26_politi_trygghet")}
        out = compact(items, cb.labels("q24_respekt_politi"), total="n")
        return out[["row_order", "col_order", "statistic", "value"]]
    if table in ("6.5", "6.6"):
        item = "q24_respekt_politi" if table == "6.5" else "q25_tillit_politi"
        g = group_means(data[item], politikontroll(data), KONTROLL)
        return g.melt(
            id_vars=["row_order", "row"], value_vars=["n", "mean", "sd", "std_error"], var_name="statistic"
        ).assign(col_order=lambda d: d["statistic"].map({"n": 1, "mean": 2, "sd": 3, "std_error": 4}))[
            ["row_order", "col_order", "statistic", "value"]
        ]
    if table == "5.3":
        rows = []
        for j, item in enumerate(PRICE_ITEMS_5_3, start=1):
            v = data[item].dropna().astype(float)
            stats_ = [
                (1, "n", len(v)),
                (2, "count", int(data[item].isna().sum())),
                (3, "mean", v.mean()),
                (4, "other", v.median()),
                (5, "sd", v.std(ddof=1)),
                (6, "other", v.min()),
                (7, "other", v.max()),
            ]
            rows += [
                {"row_order": i, "col_order": j, "statistic": s, "value": float(x)} for i, s, x in stats_
            ]
        return pd.DataFrame(rows)
    if table == "5.4":
        return pd.DataFrame(
            [
                {"row_order": 2, "col_order": j, "statistic": "other", "value": float(data[item].median())}
                for j, item in enumerate(PRICE_ITEMS_5_4, start=1)
            ]
        )
    if table in ("A.4", "A.5"):
        d = pd.DataFrame(
            {
                "politikontaktny": politikontakt_sum(data),
                **{
                    c: data[c]
                    for c in ("q25_tillit_politi", "q11_mindre_tillit_politi", "q34_kjonn", "q33_alder")
                },
            }
        )
        if table == "A.4":
            res = ols(d, "q25_tillit_politi", ["politikontaktny"])
        else:
            res = ols(d, "q11_mindre_tillit_politi", ["politikontaktny", "q34_kjonn", "q33_alder"])
        coef = res["coefficients"]
        long = coef.melt(
            id_vars=["row_order"], value_vars=["B", "std_error", "beta", "t", "sig"], var_name="statistic"
        ).dropna(subset=["value"])
        long["col_order"] = long["statistic"].map({"B": 1, "std_error": 2, "beta": 3, "t": 4, "sig": 5})
        last = len(coef) + 1
        extra = pd.DataFrame(
            [
                {"row_order": last, "col_order": 6, "statistic": "r", "value": res["r"]},
                {"row_order": last, "col_order": 7, "statistic": "r2", "value": res["r2"]},
                {"row_order": last, "col_order": 8, "statistic": "n", "value": res["n"]},
            ]
        )
        return pd.concat([long, extra], ignore_index=True)[["row_order", "col_order", "statistic", "value"]]
    raise KeyError(f"no layout for table {table!r}")


def read_published(
    path, t414: pd.DataFrame | None = None, t414_total: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The transcribed L&M tables with the printed number of decimals of every value.

    Reads ``lm2016_published_tables.csv`` as text (the ``value`` column keeps trailing zeros as
    printed), and adds Tabell 4.14 from its own two resources in the same long layout.
    """
    pub = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    pub["decimals"] = pub["value"].map(lambda s: len(s.split(".")[1]) if "." in s else 0)
    pub["value"] = pub["value"].astype(float)
    for c in ("row_order", "col_order"):
        pub[c] = pub[c].astype(int)
    if t414 is not None:
        t = t414.sort_values("category_order")
        rows = []
        for r in t.itertuples(index=False):
            base = {
                "table": "4.14",
                "row_order": int(r.category_order),
                "row_label": r.category,
                "source_line": str(r.source_line),
                "note": "",
            }
            rows.append(
                base
                | {
                    "col_order": 1,
                    "col_label": ANTALL_SVAR,
                    "statistic": "count",
                    "value": float(r.count),
                    "decimals": 0,
                }
            )
            rows.append(
                base
                | {
                    "col_order": 2,
                    "col_label": PROSENT,
                    "statistic": "percent",
                    "value": float(r.percent),
                    "decimals": 1,
                }
            )
        if t414_total is not None:
            for r in t414_total.itertuples(index=False):
                base = {
                    "table": "4.14",
                    "row_order": len(t) + 1,
                    "row_label": TOTAL,
                    "source_line": str(r.source_line),
                    "note": "",
                }
                rows.append(
                    base
                    | {
                        "col_order": 1,
                        "col_label": ANTALL_SVAR,
                        "statistic": "count",
                        "value": float(r.count),
                        "decimals": 0,
                    }
                )
                rows.append(
                    base
                    | {
                        "col_order": 2,
                        "col_label": PROSENT,
                        "statistic": "percent",
                        "value": float(r.percent),
                        "decimals": 1,
                    }
                )
        pub = pd.concat([pub, pd.DataFrame(rows)], ignore_index=True)
    return pub


COUNT_STATS = ("count", "n")


def compare(table: str, ours: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Published cells of ``table`` beside ours, with a match flag per cell.

    Counts must be equal; every other statistic must equal the printed value when ours is rounded
    (half away from zero) to the printed number of decimals. Published cells the engine does not
    produce (e.g. the 2013 prices in 5.4, which come from another study) have ``ours`` missing and
    ``match`` None.
    """
    pub = published[published["table"] == table]
    m = pub.merge(
        ours.rename(columns={"value": "ours"}), on=["row_order", "col_order", "statistic"], how="left"
    )
    ok = []
    for r in m.itertuples(index=False):
        if pd.isna(r.ours):
            ok.append(None)
        elif r.statistic in COUNT_STATS:
            ok.append(bool(round(r.ours) == r.value and float(r.ours).is_integer()))
        else:
            ok.append(bool(round_half_away(float(r.ours), int(r.decimals)) == r.value))
    m["match"] = ok
    return m.rename(columns={"value": "printed"})


COMPACT_TABLES = ("5.7", "6.1", "6.2", "6.3", "6.4", "6.7")  # printed as «prosent (antall)»
STAT_NO = {
    "count": "Antall",
    "percent": "%",
    "n": "N",
    "mean": "Gj.snitt",
    "sd": "Std.avvik",
    "std_error": "Std.feil",
    "other": "",
    "B": "B",
    "beta": "Beta",
    "t": "t",
    "sig": "Sig.",
    "r": "R",
    "r2": "R²",
}


def _num(v, dec: int) -> str:
    return MISSING_CELL if pd.isna(v) else fmt_num(round_half_away(float(v), dec), dec)


def layout(cmp: pd.DataFrame, show_printed: bool = True) -> pd.DataFrame:
    """Report cells in the printed layout: our value with ✓/✗; a ✗ cell also shows the printed one.

    Rows and columns are the printed ones in printed order. Tables printed as «prosent (antall)»
    get one cell per row and column; where a printed row holds different statistics in different
    columns (4.8, 4.9) a sub-row per statistic is added, as in the SPSS output.
    """
    compact_ = bool(len(cmp)) and cmp["table"].iloc[0] in COMPACT_TABLES
    cells = []
    for (ro, co), g in cmp.groupby(["row_order", "col_order"], sort=True):
        parts = list(g.itertuples(index=False))
        if compact_ and {p.statistic for p in parts} >= {"percent", "count"}:
            pc = next(p for p in parts if p.statistic == "percent")
            ct = next(p for p in parts if p.statistic == "count")
            ours = f"{_num(pc.ours, int(pc.decimals))} ({_num(ct.ours, 0)})"
            flags = [pc.match, ct.match]
            ok = None if any(f is None for f in flags) else all(flags)
            text = f"{ours} {match_marker(ok)}"
            if ok is False and show_printed:
                text += f" (trykt {fmt_num(pc.printed, int(pc.decimals))} ({fmt_int(ct.printed)}))"
            cells.append(
                {
                    "row_order": ro,
                    "row": pc.row_label,
                    "stat": "",
                    "col_order": co,
                    "col": pc.col_label,
                    "cell": text,
                }
            )
            continue
        for r in parts:
            dec = int(r.decimals)
            text = MISSING_CELL if pd.isna(r.ours) else f"{_num(r.ours, dec)} {match_marker(r.match)}"
            if r.match is False and show_printed:
                text += f" (trykt {fmt_num(r.printed, dec)})"
            cells.append(
                {
                    "row_order": ro,
                    "row": r.row_label,
                    "stat": STAT_NO.get(r.statistic, r.statistic),
                    "col_order": co,
                    "col": r.col_label,
                    "cell": text,
                }
            )
    df = pd.DataFrame(cells)
    # a sub-row per statistic only where one printed row mixes statistics across columns
    mixed = (
        df.groupby("row_order")["stat"].nunique().max() > 1
        and df.groupby("col_order")["stat"].nunique().max() > 1
    )
    if not mixed:
        df["stat"] = ""
    stat_order = {s: i for i, s in enumerate(dict.fromkeys(df["stat"]))}
    df["stat_order"] = df["stat"].map(stat_order)
    wide = df.pivot_table(
        index=["row_order", "stat_order", "row", "stat"],
        columns=["col_order", "col"],
        values="cell",
        aggfunc="first",
    )
    wide = wide.sort_index(axis=0).sort_index(axis=1)
    wide.columns = [c for _, c in wide.columns]
    wide = wide.reset_index().drop(columns=["row_order", "stat_order"])
    wide = wide.rename(columns={"row": "", "stat": " "})
    if not mixed:
        wide = wide.drop(columns=[" "])
    return wide.fillna("")


MISSING_CELL = "–"


def summary(cmps: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per table: printed cells, cells compared, matched, and the ✗ cells."""
    rows = []
    for t, c in cmps.items():
        comp = c[c["match"].notna()]
        counts_pct = comp[comp["statistic"].isin(("count", "n", "percent"))]
        rows.append(
            {
                "table": t,
                "printed": len(c),
                "compared": len(comp),
                "matched": int(comp["match"].sum()),
                "count_pct_compared": len(counts_pct),
                "count_pct_matched": int(counts_pct["match"].sum()),
            }
        )
    return pd.DataFrame(rows)


# Why a printed cell cannot be reproduced by any respondent file (checked arithmetic; line numbers
# refer to seed 003). Keyed by (table, row_order, col_order); the reason covers all statistics.
REASONS: dict[tuple[str, int, int], str] = {
    ("5.7", 1, 1): "29 av 93 er 31,2 %; ingen heltallig teller over 93 gir 32,2 (linje 8369)",
    ("6.1", 6, 1): "basen er ikke trykt; 136 gir sju av ni prosenter, men 8/136 = 5,9 (linje 8671)",
    ("6.1", 7, 1): "basen er ikke trykt; 136 gir sju av ni prosenter, men 7/136 = 5,1 (linje 8672)",
    ("6.2", 3, 3): "Totalt 38 er ikke kvinner 18 + menn 19 = 37 (linje 8723)",
    ("6.2", 6, 3): "Totalt 27 er ikke kvinner 14 + menn 30 = 44 (linje 8726)",
    ("6.5", 1, 3): "antallene i Tabell 6.4 (kvadratsum 1 279) tillater ikke begge gruppers "
    "gjennomsnitt og standardavvik samtidig (krever 1 357)",
    ("6.5", 1, 4): "som standardavviket (standardfeilen følger av det)",
    ("6.5", 2, 3): "antallene i Tabell 6.4 (kvadratsum 1 279) tillater ikke begge gruppers "
    "gjennomsnitt og standardavvik samtidig (krever 1 357)",
    ("6.5", 2, 4): "som standardavviket (standardfeilen følger av det)",
}
REASON_6_4 = "antallene summerer til 155, men prosentene og «Total N» bruker 156 (linje 9407–9422)"
REASON_REGRESSION = (
    "regresjonen kan bare tilnærmes: rådata, N og koding av kjønn er ikke trykt; "
    "demodataene er tilpasset B (se kontrollen av B, fortegn og signifikans)"
)


def reason(table: str, row: int, col: int) -> str:
    """The documented reason a printed cell is not reproduced, or «ikke forklart»."""
    if (table, row, col) in REASONS:
        return REASONS[(table, row, col)]
    if table == "6.4" and row == 1:
        return REASON_6_4
    if table in ("A.4", "A.5"):
        return REASON_REGRESSION
    return "ikke forklart"


def mismatches(cmps: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every ✗ cell with the printed and reproduced value and its reason."""
    rows = []
    for t, c in cmps.items():
        for r in c[c["match"] == False].itertuples(index=False):  # noqa: E712
            rows.append(
                {
                    "table": t,
                    "row_order": r.row_order,
                    "row": r.row_label,
                    "col": r.col_label,
                    "statistic": r.statistic,
                    "printed": r.printed,
                    "ours": r.ours,
                    "decimals": r.decimals,
                    "reason": reason(t, r.row_order, r.col_order),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["table", "row_order", "row", "col", "statistic", "printed", "ours", "decimals", "reason"],
    )


def regression_check(cmp: pd.DataFrame, tolerance: float = 0.02) -> pd.DataFrame:
    """Per coefficient: B printed and ours, within ``tolerance``, same sign, same significance
    at the 5 % level (the issue's criterion for A.4/A.5)."""
    rows = []
    for _, g in cmp.groupby("row_order", sort=True):
        b = g[g["statistic"] == "B"]
        s = g[g["statistic"] == "sig"]
        if b.empty:
            continue
        bp, bo = float(b["printed"].iloc[0]), float(b["ours"].iloc[0])
        sp, so = float(s["printed"].iloc[0]), float(s["ours"].iloc[0])
        rows.append(
            {
                "row": g["row_label"].iloc[0],
                "B_printed": bp,
                "B_ours": bo,
                "within": abs(bo - bp) <= tolerance,
                "same_sign": np.sign(bo) == np.sign(bp),
                "same_significance": (sp < 0.05) == (so < 0.05),
            }
        )
    return pd.DataFrame(rows)


def apply_suppression(long: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Hide small cells of a tabulated layout (count and percent alike) for private data.

    The count cells of the body (not the «Total»/«Totalt» margins) form the matrix given to
    :func:`suppress`; hidden cells get value NaN and are shown as «–».
    """
    if threshold <= 1:
        return long
    body = long[(long["statistic"] == "count")]
    mat = body.pivot_table(index="row_order", columns="col_order", values="value", aggfunc="first")
    hide = suppress(mat.fillna(0), threshold)
    hidden = {(r, c) for r in hide.index for c in hide.columns if hide.loc[r, c]}
    mask = [
        (r, c) in hidden and s in ("count", "percent")
        for r, c, s in zip(long["row_order"], long["col_order"], long["statistic"], strict=True)
    ]
    return long.assign(value=long["value"].mask(mask))


def layout_plain(table: str, ours: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Our table in the printed layout (labels and decimals from the printed table), no markers:
    how the student's own survey is shown."""
    cmp = compare(table, ours, published)
    cmp["match"] = None
    wide = layout(cmp, show_printed=False)
    return wide.replace(to_replace=r" –$", value="", regex=True)


def tabulate_all(data: pd.DataFrame, cb, decimals: int = 1) -> pd.DataFrame:
    """Frequency tables of every coded and multiple-response item, as one long frame (used to
    time the engine on large files)."""
    out = []
    for iid, it in cb.items.iterrows():
        if iid not in data.columns or it["item_type"] in ("text", "number"):
            continue
        t = frequency(data[iid], cb.labels(iid), decimals, show_missing=True)
        out.append(t.assign(item=iid))
    return pd.concat(out, ignore_index=True)


# ------------------------------------------------------------------- report tables (strings)


def format_summary(summary_: pd.DataFrame) -> pd.DataFrame:
    """:func:`summary` with Norwegian headers and a «Totalt» row."""
    s = summary_.copy()
    tot = s.drop(columns="table").sum()
    s = pd.concat([s, pd.DataFrame([{"table": TOTALT, **tot.to_dict()}])], ignore_index=True)
    s = s.rename(
        columns={
            "table": "Tabell",
            "printed": "Trykte celler",
            "compared": "Sammenlignet",
            "matched": "Like",
            "count_pct_compared": "Antall/prosent",
            "count_pct_matched": "Antall/prosent like",
        }
    )
    for c in s.columns[1:]:
        s[c] = s[c].map(fmt_int)
    return s


def format_mismatches(bad: pd.DataFrame) -> pd.DataFrame:
    """:func:`mismatches` as report cells."""
    return pd.DataFrame(
        {
            "Tabell": bad["table"],
            "Rad": bad["row"],
            "Kolonne": bad["col"],
            "Mål": bad["statistic"].map(lambda s: STAT_NO.get(s) or "verdi"),
            "Trykt": [fmt_num(v, int(d)) for v, d in zip(bad["printed"], bad["decimals"], strict=True)],
            "Beregnet": [
                fmt_num(round_half_away(float(v), int(d)), int(d))
                for v, d in zip(bad["ours"], bad["decimals"], strict=True)
            ],
            "Grunn": bad["reason"],
        }
    )


def format_regression(reg: pd.DataFrame) -> pd.DataFrame:
    """:func:`regression_check` rows (with a ``table`` column) as report cells."""
    return pd.DataFrame(
        {
            "Tabell": reg["table"],
            "Variabel": reg["row"],
            "B trykt": reg["B_printed"].map(lambda v: fmt_num(v, 3)),
            "B beregnet": reg["B_ours"].map(lambda v: fmt_num(v, 3)),
            "Innen 0,02": reg["within"].map(match_marker),
            "Samme fortegn": reg["same_sign"].map(match_marker),
            "Samme signifikans": reg["same_significance"].map(match_marker),
        }
    )


def chi_square_table(data: pd.DataFrame, cb, tests: dict[str, tuple[pd.Series, pd.Series]]) -> pd.DataFrame:
    """χ²-tests (uncorrected), Cramér's V and, where the expected-count rule is broken, Fisher."""
    from helpers.core.formatting import fmt_p

    rows = []
    for name, (a, b) in tests.items():
        r = chi_square(a, b)
        rows.append(
            {
                "Tabell": name,
                "N": fmt_int(r["n"]),
                "χ²": fmt_num(r["chi2"], 2),
                "df": fmt_int(r["df"]),
                "p": fmt_p(r["p"]),
                "Cramérs V": fmt_num(r["cramers_v"], 3),
                "Forventet < 5": f"{fmt_num(100 * r['share_expected_below_5'], 0)} %",
                "Fisher": fmt_p(r["fisher_p"]) if r["rule_violated"] else "–",
            }
        )
    return pd.DataFrame(rows)


def lm_chi_square_tests(data: pd.DataFrame) -> dict[str, tuple[pd.Series, pd.Series]]:
    """The two crosstabs of L&M (4.8, 4.9) as (row variable, column variable) pairs."""
    b = bolig3(data["q42_bolig"])
    return {"4.8 kjønn × bolig": (data["q34_kjonn"], b), "4.9 alder × bolig": (alder3(data["q33_alder"]), b)}


def t_test_table(data: pd.DataFrame) -> pd.DataFrame:
    """Pooled and Welch t-tests of respect (6.5) and trust (6.6) by police control."""
    from helpers.core.formatting import fmt_p

    g = politikontroll(data)
    rows = []
    for name, item in (("6.5 respekt", "q24_respekt_politi"), ("6.6 tillit", "q25_tillit_politi")):
        r = t_tests(data[item], g, 0, 1)
        rows.append(
            {
                "Tabell": name,
                "Forskjell": fmt_num(r["mean_diff"], 2),
                "t (lik varians)": fmt_num(r["t_pooled"], 2),
                "df": fmt_int(r["df_pooled"]),
                "p (lik varians)": fmt_p(r["p_pooled"]),
                "t (Welch)": fmt_num(r["t_welch"], 2),
                "df (Welch)": fmt_num(r["df_welch"], 1),
                "p (Welch)": fmt_p(r["p_welch"]),
            }
        )
    return pd.DataFrame(rows)


LIKERT_GROUPS = {"uenig": (1, 2), "verken": (3,), "enig": (4, 5)}
LIKERT_TABLES = {
    "q11_lettere_behandling": "4.15",
    "q11_livssituasjon_bedre": "4.16",
    "q11_bedre_helse": "4.17",
    "q11_pris_opp": "5.5",
    "q11_mer_vold": "6.3",
    "q11_tryggere": "6.3",
    "q11_mindre_tillit_politi": "6.7",
}


def likert_summary(
    data: pd.DataFrame, cb, items: dict[str, str] | None = None, decimals: int = 1
) -> pd.DataFrame:
    """Collapsed agreement (uenig = 1–2, verken = 3, enig = 4–5) and the mean of the 1–5 codes.

    The collapsed percentages are computed from the counts, not added from rounded parts (the
    text of L&M sometimes adds rounded parts, e.g. 6.7: 13,8 + 42,8).
    """
    items = items or LIKERT_TABLES
    rows = []
    for item, table in items.items():
        s = data[item]
        grouped = collapse(s, LIKERT_GROUPS)
        n = int(grouped.notna().sum())
        row = {"Påstand": cb.item(item)["item_label"], "Tabell": table, "N": fmt_int(n)}
        for g in LIKERT_GROUPS:
            row[f"{g.capitalize()} (%)"] = fmt_num(pct((grouped == g).sum(), n, decimals), decimals)
        row["Gjennomsnitt (1–5)"] = fmt_num(likert_mean(s, [1, 2, 3, 4, 5]), 2)
        rows.append(row)
    return pd.DataFrame(rows)


def mr_bases(long: pd.DataFrame) -> dict[str, int]:
    """The base (respondents who answered) of each column of a :func:`multiple_response` table."""
    b = long[long["statistic"] == "n"]
    return {int(c): int(v) for c, v in zip(b["col_order"], b["value"], strict=True)}


TEXT_REASONS = {
    "4.15_disagree": "teksten legger sammen avrundede prosenter (26,7 + 17,8); av antallene blir det 44,4",
    "4.16_agree": "teksten legger sammen avrundede prosenter (14,0 + 11,8); av antallene blir det 25,7",
    "6.3_safer_disagree": "teksten runder opp summen av avrundede prosenter (39,5 + 14); 69/129 = 53,49 %",
    "6.4_safety_low": "teksten runder opp summen av avrundede prosenter (32,3 + 23,2); 86/155 = 55,48 %",
    "6.4_safety_high": "16,1 + 8,4 = 24,5 er rundet ned; 38/155 = 24,52 % gir 25",
    "6.5_t": "standardavvikene i kildens tabell 6.5 kan ikke gjenskapes (se tabellen over avvik)",
    "6.7_agree": "teksten legger sammen avrundede prosenter (13,8 + 42,8); av antallene blir det 56,5",
}


def _printed_decimals(as_printed: str) -> int:
    import re

    m = re.search(r"\d+(?:,(\d+))?", as_printed)
    return len(m.group(1)) if m and m.group(1) else 0


def text_figure_value(measure: str, item: str, data: pd.DataFrame) -> float:
    """Our value of one number quoted in L&M's text (see ``lm2016_text_figures``)."""
    s = data[item]
    if measure in ("agree_pct", "disagree_pct", "neutral_pct"):
        codes = {"agree_pct": (4, 5), "disagree_pct": (1, 2), "neutral_pct": (3,)}[measure]
        valid = s[s.isin([1, 2, 3, 4, 5])]
        return 100.0 * valid.isin(codes).sum() / len(valid)
    if measure == "n_yes":
        return float((s == 1).sum())
    res = t_tests(s, politikontroll(data), 0, 1)
    key = {
        "t_pooled": "t_pooled",
        "t_pooled_df": "df_pooled",
        "t_pooled_p": "p_pooled",
        "t_welch": "t_welch",
        "t_welch_df": "df_welch",
        "t_welch_p": "p_welch",
    }[measure]
    return float(res[key])


def compare_text_figures(figs: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """Each transcribed text number beside ours, rounded to the printed decimals, with a flag and
    (for a known difference) the reason."""
    rows = []
    for r in figs.sort_values("source_line").itertuples(index=False):
        dec = _printed_decimals(r.value_as_printed)
        ours = text_figure_value(r.measure, r.item, data)
        rounded = round_half_away(ours, dec)
        ok = bool(rounded == round_half_away(float(r.value), dec))
        rows.append(
            {
                "figure_id": r.figure_id,
                "table": r.table,
                "measure": r.measure,
                "source_line": int(r.source_line),
                "printed": float(r.value),
                "ours": rounded,
                "decimals": dec,
                "match": ok,
                "reason": "" if ok else TEXT_REASONS.get(r.figure_id, "ikke forklart"),
            }
        )
    return pd.DataFrame(rows)


def format_text_figures(cmp: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_text_figures` as report cells."""
    measure_no = {
        "agree_pct": "enig (%)",
        "disagree_pct": "uenig / lav grad (%)",
        "neutral_pct": "verken eller (%)",
        "n_yes": "antall utsatt",
        "t_pooled": "t (lik varians)",
        "t_pooled_df": "df (lik varians)",
        "t_pooled_p": "p (lik varians)",
        "t_welch": "t (Welch)",
        "t_welch_df": "df (Welch)",
        "t_welch_p": "p (Welch)",
    }
    return pd.DataFrame(
        {
            "Linje": cmp["source_line"].map(str),
            "Tabell": cmp["table"],
            "Mål": cmp["measure"].map(measure_no),
            "Trykt": [fmt_num(v, d) for v, d in zip(cmp["printed"], cmp["decimals"], strict=True)],
            "Beregnet": [fmt_num(v, d) for v, d in zip(cmp["ours"], cmp["decimals"], strict=True)],
            "Samsvar": cmp["match"].map(match_marker),
            "Merknad": cmp["reason"],
        }
    )
