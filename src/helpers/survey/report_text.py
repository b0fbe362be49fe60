"""Norwegian words of the survey tables: statistic names, measure names, item types, headers."""

from __future__ import annotations

from helpers.core import formatting as fmt

MISSING_CELL = fmt.MISSING  # not applicable or not available (one rule: helpers.core.formatting)
SUPPRESSED_CELL = fmt.SUPPRESSED  # hidden to protect respondents (SSB's symbol)
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
OWN_STAT_HEADERS = {
    "n": "N",
    "missing": "Ikke svart",
    "mean": "Gj.snitt",
    "median": "Median",
    "sd": "Std.avvik",
    "min": "Min.",
    "max": "Maks.",
}
LIKERT_HEADERS = {
    "uenig": "Uenig",
    "verken": "Verken eller",
    "enig": "Enig",
    "Total": "N",
    "mean": "Gj.snitt",
}
PCT_COUNT = "Prosent (antall)"
OWN_CAPTION = {
    "frequency": "Spørsmål {question}: {label}. Antall og prosent av dem som svarte.",
    "multiple_response": "Spørsmål {question}: {text} Prosent (antall) av dem som svarte; flere kryss mulig.",
    "kjonn": "Boligsituasjon etter kjønn, som i kildens tabell {table}. Radprosent (antall).",
    "alder": "Boligsituasjon etter alder, som i kildens tabell {table}. Radprosent (antall).",
}
LEGEND = (
    "«:» = skjult for å verne respondentene (under {threshold} svar, eller en celle som ellers kunne "
    "regnes ut av de trykte tallene); «–» = ikke aktuelt eller ingen svar."
)
LEGEND_OFF = "«–» = ikke aktuelt eller ingen svar. Ingen celler er skjult (`suppress_below` er av)."
