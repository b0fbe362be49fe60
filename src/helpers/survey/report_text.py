"""Norwegian words of the survey tables: statistic names, measure names, item types, headers."""

from __future__ import annotations

MISSING_CELL = "–"
PRINTED = "trykt"
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
STAT_FALLBACK = "verdi"
MEASURE_NO = {
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
TYPE_NO = {
    "single_choice": "Ett kryss",
    "likert5": "Likert",
    "frequency": "Hyppighet",
    "count": "Antall ganger",
    "multiple_response": "Flere kryss",
    "number": "Tall",
    "text": "Fritekst",
}
SUMMARY_HEADERS = {
    "table": "Tabell",
    "printed": "Trykte celler",
    "compared": "Sammenlignet",
    "matched": "Like",
    "count_pct_compared": "Antall/prosent",
    "count_pct_matched": "Antall/prosent like",
}
CHI2_NAMES = {"4.8": "kjønn × bolig", "4.9": "alder × bolig"}
T_TEST_NAMES = {"6.5": "respekt", "6.6": "tillit"}
NOT_PUBLISHED = "ikke publisert"
